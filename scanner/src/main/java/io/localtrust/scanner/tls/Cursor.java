package io.localtrust.scanner.tls;

import java.util.Arrays;

/** Reads big-endian fields from one handshake message; running past its end is a malformed message. */
final class Cursor {
    private final byte[] b;
    private final int end;
    private final String what;
    private int at;

    Cursor(byte[] b, int from, int end, String what) {
        this.b = b;
        this.at = from;
        this.end = end;
        this.what = what;
    }

    int u8() throws TlsReadException {
        need(1);
        return b[at++] & 0xff;
    }

    int u16() throws TlsReadException {
        need(2);
        int v = (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
        at += 2;
        return v;
    }

    int u24() throws TlsReadException {
        need(3);
        int v = (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | b[at + 2] & 0xff;
        at += 3;
        return v;
    }

    byte[] bytes(int n) throws TlsReadException {
        need(n);
        byte[] out = Arrays.copyOfRange(b, at, at + n);
        at += n;
        return out;
    }

    void skip(int n) throws TlsReadException {
        need(n);
        at += n;
    }

    /** A cursor over the next {@code n} bytes; this one moves past them. */
    Cursor sub(int n, String part) throws TlsReadException {
        need(n);
        Cursor c = new Cursor(b, at, at + n, part);
        at += n;
        return c;
    }

    boolean more() {
        return at < end;
    }

    void end() throws TlsReadException {
        if (at != end) {
            throw new TlsReadException(TlsReadException.Kind.MALFORMED, "the server's " + what + " has "
                    + (end - at) + " bytes too many");
        }
    }

    private void need(int n) throws TlsReadException {
        if (n < 0 || end - at < n) {
            throw new TlsReadException(TlsReadException.Kind.MALFORMED, "the server's " + what + " is truncated");
        }
    }
}
