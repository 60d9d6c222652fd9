package io.localtrust.scanner.tls;

import java.util.Locale;

/** Names of handshake messages and versions, for error messages. */
final class Messages {
    private Messages() {
    }

    static String name(int type) {
        return switch (type) {
            case 0 -> "HelloRequest";
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 4 -> "NewSessionTicket";
            case 11 -> "Certificate message";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 22 -> "CertificateStatus";
            default -> "handshake message of type " + type;
        };
    }

    static String version(int v) {
        return switch (v) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format(Locale.ROOT, "version 0x%04x", v);
        };
    }
}
