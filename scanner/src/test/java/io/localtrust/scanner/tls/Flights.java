package io.localtrust.scanner.tls;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds server flights byte by byte, for tests that feed the reader what a server (or a broken one) would send. */
final class Flights {
    private Flights() {
    }

    static byte[] serverHello(int version, int suite, boolean statusPromised) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, version);
        b.writeBytes(new byte[32]);
        b.write(0); // no session id
        u16(b, suite);
        b.write(0);
        if (statusPromised) {
            u16(b, 4);
            u16(b, ClientHello12.EXT_STATUS_REQUEST);
            u16(b, 0);
        }
        return message(ServerFlightReader.SERVER_HELLO, b.toByteArray());
    }

    static byte[] certificate(List<byte[]> chain) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] c : chain) {
            u24(list, c.length);
            list.writeBytes(c);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u24(b, list.size());
        b.writeBytes(list.toByteArray());
        return message(ServerFlightReader.CERTIFICATE, b.toByteArray());
    }

    static byte[] certificateStatus(byte[] ocsp) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1);
        u24(b, ocsp.length);
        b.writeBytes(ocsp);
        return message(ServerFlightReader.CERTIFICATE_STATUS, b.toByteArray());
    }

    static byte[] serverHelloDone() {
        return message(ServerFlightReader.SERVER_HELLO_DONE, new byte[0]);
    }

    static byte[] message(int type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        u24(b, body.length);
        b.writeBytes(body);
        return b.toByteArray();
    }

    /** Handshake messages cut into records of at most {@code fragment} bytes each. */
    static byte[] records(int fragment, byte[]... messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            all.writeBytes(m);
        }
        byte[] stream = all.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < stream.length; at += fragment) {
            int n = Math.min(fragment, stream.length - at);
            out.writeBytes(recordHeader(ServerFlightReader.HANDSHAKE, n));
            out.write(stream, at, n);
        }
        return out.toByteArray();
    }

    static byte[] recordHeader(int type, int length) {
        return new byte[] {(byte) type, 3, 3, (byte) (length >>> 8), (byte) length};
    }

    static byte[] alert(int level, int description) {
        return new byte[] {ServerFlightReader.ALERT, 3, 3, 0, 2, (byte) level, (byte) description};
    }

    private static void u16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    private static void u24(ByteArrayOutputStream b, int v) {
        b.write(v >>> 16);
        u16(b, v & 0xffff);
    }
}
