package io.localtrust.scanner.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A TLS 1.2 ClientHello record (RFC 5246 §7.4.1.2) that makes a server send its chain and, when it
 * staples, its OCSP response: SNI (RFC 6066 §3) when a host name is known, status_request (§8),
 * supported_groups and ec_point_formats (RFC 8422 §5.1), signature_algorithms (RFC 5246
 * §7.4.1.4.1, with the TLS 1.3 code points RFC 8446 §4.2.3 defines for 1.2 too),
 * extended_master_secret (RFC 7627), and the suites of {@link CipherSuites}. No session id,
 * no ticket: every probe is a full handshake, as a first visit would be.
 */
public final class ClientHello12 {
    static final int EXT_SERVER_NAME = 0;
    static final int EXT_STATUS_REQUEST = 5;
    static final int EXT_SUPPORTED_GROUPS = 10;
    static final int EXT_EC_POINT_FORMATS = 11;
    static final int EXT_SIGNATURE_ALGORITHMS = 13;
    static final int EXT_EXTENDED_MASTER_SECRET = 23;

    /** x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048–8192. */
    private static final int[] GROUPS = {0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104};
    /** ECDSA P-256/384/521, Ed25519, Ed448, RSA-PSS (rsae, pss), RSA PKCS#1 SHA-2, then the SHA-1 pair. */
    private static final int[] SIGNATURE_SCHEMES = {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
        0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201};

    /** Where the 32 random bytes sit in the record: after the record header (5), the handshake header (4) and the version (2). */
    static final int RANDOM_AT = 11;
    /** The hello without SNI (an address as the target: most of a scan), made once; each probe copies it and fills in its random. */
    private static final byte[] WITHOUT_NAME = build(Optional.empty(), new byte[32]);

    private ClientHello12() {
    }

    /**
     * The whole record, ready to write.
     *
     * @param serverName a DNS host name to send as SNI; empty (or an IP literal) for none
     */
    public static byte[] record(Optional<String> serverName, SecureRandom random) {
        byte[] r = new byte[32];
        random.nextBytes(r);
        if (serverName.filter(ClientHello12::sniName).isEmpty()) {
            byte[] out = WITHOUT_NAME.clone();
            System.arraycopy(r, 0, out, RANDOM_AT, r.length);
            return out;
        }
        return build(serverName, r);
    }

    private static byte[] build(Optional<String> serverName, byte[] r) {
        Bytes body = new Bytes();
        body.u16(0x0303);
        body.raw(r);
        body.u8(0); // session_id: none
        int[] suites = CipherSuites.offered();
        body.u16(2 * (suites.length + 1));
        for (int s : suites) {
            body.u16(s);
        }
        body.u16(CipherSuites.EMPTY_RENEGOTIATION_INFO_SCSV);
        body.u8(1).u8(0); // compression: null only
        Bytes ext = new Bytes();
        serverName.filter(ClientHello12::sniName).ifPresent(n -> {
            byte[] host = n.getBytes(StandardCharsets.US_ASCII);
            ext.u16(EXT_SERVER_NAME).u16(host.length + 5).u16(host.length + 3).u8(0).u16(host.length).raw(host);
        });
        ext.u16(EXT_STATUS_REQUEST).u16(5).u8(1).u16(0).u16(0); // ocsp, no responder ids, no request extensions
        ext.u16(EXT_SUPPORTED_GROUPS).u16(2 + 2 * GROUPS.length).u16(2 * GROUPS.length);
        for (int g : GROUPS) {
            ext.u16(g);
        }
        ext.u16(EXT_EC_POINT_FORMATS).u16(2).u8(1).u8(0);
        ext.u16(EXT_SIGNATURE_ALGORITHMS).u16(2 + 2 * SIGNATURE_SCHEMES.length).u16(2 * SIGNATURE_SCHEMES.length);
        for (int s : SIGNATURE_SCHEMES) {
            ext.u16(s);
        }
        ext.u16(EXT_EXTENDED_MASTER_SECRET).u16(0);
        byte[] extensions = ext.bytes();
        body.u16(extensions.length).raw(extensions);
        byte[] hello = body.bytes();
        Bytes record = new Bytes();
        record.u8(ServerFlightReader.HANDSHAKE).u16(0x0301); // record version 1.0 for the hello, as browsers send
        record.u16(hello.length + 4).u8(ServerFlightReader.CLIENT_HELLO).u24(hello.length).raw(hello);
        return record.bytes();
    }

    /** SNI carries DNS host names only (RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted"). */
    static boolean sniName(String n) {
        return !n.isEmpty() && n.length() <= 253 && !n.contains(":") && !n.matches("[0-9.]+") && n.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** A growing big-endian byte buffer. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Bytes u24(int v) {
            out.write(v >>> 16);
            return u16(v & 0xffff);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
