package io.localtrust.scanner.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a TLS 1.2 server's first flight (RFC 5246 §6.2, §7.4) from the bytes after our
 * {@link ClientHello12}: ServerHello, Certificate and — when the ServerHello accepted
 * status_request — CertificateStatus (RFC 6066 §8), then stops; the ServerKeyExchange and
 * whatever follows are not needed. Everything is bounded: a record is at most 2^14 bytes (the
 * RFC's limit for plaintext), a handshake message at most {@link #MAX_MESSAGE}, the flight at most
 * {@link #MAX_FLIGHT}; anything else — garbage, a truncated or oversized record, a message out
 * of order — is a {@link TlsReadException} with a sentence for the report. The caller bounds
 * the time (socket timeout and the scanner's reaper).
 */
public final class ServerFlightReader {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int CERTIFICATE_REQUEST = 13;
    static final int SERVER_HELLO_DONE = 14;
    static final int CERTIFICATE_STATUS = 22;

    /** RFC 5246 §6.2.1: TLSPlaintext.length MUST NOT exceed 2^14. */
    public static final int MAX_RECORD = 1 << 14;
    /** A handshake message: room for a chain of several large certificates. */
    public static final int MAX_MESSAGE = 256 * 1024;
    /** Everything read from one server before giving up. */
    public static final int MAX_FLIGHT = 512 * 1024;

    private final InputStream in;
    private final byte[] header = new byte[5];
    private byte[] pending = new byte[0];
    private int pendingLength;
    private int read;
    private boolean first = true;

    private String version;
    private String cipher;
    private boolean statusPromised;
    private List<byte[]> chain;

    private ServerFlightReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the flight.
     *
     * @throws EOFException     the server closed the connection before sending a byte
     * @throws IOException      the connection failed (reset, timeout, closed by the reaper)
     * @throws TlsReadException the server sent something that is not a usable TLS 1.2 flight
     */
    public static ServerFlight read(InputStream in) throws IOException, TlsReadException {
        return new ServerFlightReader(in).flight();
    }

    private ServerFlight flight() throws IOException, TlsReadException {
        while (true) {
            int type = record();
            byte[] body = new byte[u16(header, 3)];
            fill(body, "TLS record");
            switch (type) {
                case ALERT -> alert(body);
                case HANDSHAKE -> {
                    append(body);
                    ServerFlight done = messages();
                    if (done != null) {
                        return done;
                    }
                }
                default -> throw malformed(String.format(Locale.ROOT, "a TLS record of type %d before the server's certificate", type));
            }
        }
    }

    /** Reads and checks a record header; returns its type. */
    private int record() throws IOException, TlsReadException {
        int n = in.readNBytes(header, 0, 5);
        if (n == 0 && first) {
            throw new EOFException("the device closed the connection without answering");
        }
        int type = header[0] & 0xff;
        if (first && (type != HANDSHAKE && type != ALERT || n >= 2 && header[1] != 3)) {
            throw new TlsReadException(TlsReadException.Kind.NOT_TLS, "answered, but not with TLS");
        }
        if (n < 5) {
            throw malformed("the connection ended inside a TLS record header (the answer is truncated)");
        }
        first = false;
        int length = u16(header, 3);
        if (header[1] != 3) {
            throw malformed(String.format(Locale.ROOT, "a TLS record with version bytes %02x %02x", header[1], header[2]));
        }
        if (length == 0 || length > MAX_RECORD) {
            throw malformed(String.format(Locale.ROOT, "a TLS record of %,d bytes (TLS allows 1 to %,d)", length, MAX_RECORD));
        }
        read += 5 + length;
        if (read > MAX_FLIGHT) {
            throw malformed(String.format(Locale.ROOT, "more than %,d bytes without sending its certificate", MAX_FLIGHT));
        }
        return type;
    }

    private void fill(byte[] b, String what) throws IOException, TlsReadException {
        if (in.readNBytes(b, 0, b.length) < b.length) {
            throw malformed("the connection ended inside a " + what + " (the answer is truncated)");
        }
    }

    private void alert(byte[] body) throws TlsReadException {
        if (body.length != 2) {
            throw malformed("an alert record of " + body.length + " bytes");
        }
        int level = body[0] & 0xff;
        int description = body[1] & 0xff;
        if (level == 1 && description != 0) {
            return; // a warning (e.g. unrecognized_name): the handshake goes on
        }
        throw new TlsReadException(TlsReadException.Kind.ALERT, "Received fatal alert: " + Alerts.name(description));
    }

    private void append(byte[] body) {
        if (pendingLength + body.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + body.length, 2 * pending.length));
        }
        System.arraycopy(body, 0, pending, pendingLength, body.length);
        pendingLength += body.length;
    }

    /** Handles every complete handshake message buffered; the flight once it is complete, else null. */
    private ServerFlight messages() throws TlsReadException {
        int at = 0;
        try {
            while (pendingLength - at >= 4) {
                int type = pending[at] & 0xff;
                int length = (pending[at + 1] & 0xff) << 16 | (pending[at + 2] & 0xff) << 8 | pending[at + 3] & 0xff;
                if (length > MAX_MESSAGE) {
                    throw malformed(String.format(Locale.ROOT, "a handshake message of %,d bytes (at most %,d)", length, MAX_MESSAGE));
                }
                if (pendingLength - at - 4 < length) {
                    return null;
                }
                ServerFlight done = message(type, new Cursor(pending, at + 4, at + 4 + length, Messages.name(type)));
                at += 4 + length;
                if (done != null) {
                    return done;
                }
            }
            return null;
        } finally {
            System.arraycopy(pending, at, pending, 0, pendingLength - at);
            pendingLength -= at;
        }
    }

    private ServerFlight message(int type, Cursor m) throws TlsReadException {
        if (version == null && type != SERVER_HELLO) {
            throw malformed("a " + Messages.name(type) + " before its ServerHello");
        }
        switch (type) {
            case SERVER_HELLO -> {
                if (version != null) {
                    throw malformed("a second ServerHello");
                }
                serverHello(m);
                return null;
            }
            case CERTIFICATE -> {
                if (chain != null) {
                    throw malformed("a second Certificate message");
                }
                chain = certificates(m);
                return statusPromised ? null : new ServerFlight(version, cipher, chain, Optional.empty());
            }
            case CERTIFICATE_STATUS -> {
                if (chain == null) {
                    throw malformed("a CertificateStatus before its Certificate");
                }
                int statusType = m.u8();
                byte[] ocsp = m.bytes(m.u24());
                m.end();
                return new ServerFlight(version, cipher, chain,
                        statusType == 1 && ocsp.length > 0 ? Optional.of(ocsp) : Optional.empty());
            }
            case SERVER_KEY_EXCHANGE, CERTIFICATE_REQUEST, SERVER_HELLO_DONE -> {
                if (chain == null) {
                    throw malformed("no Certificate message (a " + Messages.name(type) + " came instead)");
                }
                return new ServerFlight(version, cipher, chain, Optional.empty()); // promised a staple, sent none
            }
            default -> throw malformed("an unexpected " + Messages.name(type) + " in its first flight");
        }
    }

    private void serverHello(Cursor m) throws TlsReadException {
        int v = m.u16();
        m.skip(32); // random
        int sessionId = m.u8();
        if (sessionId > 32) {
            throw malformed("a ServerHello with a session id of " + sessionId + " bytes");
        }
        m.skip(sessionId);
        int suite = m.u16();
        int compression = m.u8();
        boolean status = false;
        if (m.more()) {
            Cursor exts = m.sub(m.u16(), "ServerHello extensions");
            while (exts.more()) {
                int ext = exts.u16();
                exts.skip(exts.u16());
                status |= ext == ClientHello12.EXT_STATUS_REQUEST;
            }
        }
        m.end();
        if (v != 0x0303) {
            throw new TlsReadException(TlsReadException.Kind.ALERT, "the server chose " + Messages.version(v)
                    + ", and the hello offered TLSv1.2");
        }
        cipher = CipherSuites.name(suite).orElseThrow(() -> malformed(String.format(Locale.ROOT,
                "the cipher suite 0x%04x, which the hello did not offer", suite)));
        if (compression != 0) {
            throw malformed("compression method " + compression + ", which the hello did not offer");
        }
        version = "TLSv1.2";
        statusPromised = status;
    }

    private static List<byte[]> certificates(Cursor m) throws TlsReadException {
        Cursor list = m.sub(m.u24(), "certificate list");
        m.end();
        List<byte[]> out = new ArrayList<>();
        while (list.more()) {
            int n = list.u24();
            if (n == 0) {
                throw malformed("an empty certificate in its Certificate message");
            }
            out.add(list.bytes(n));
        }
        if (out.isEmpty()) {
            throw malformed("an empty certificate list");
        }
        return out;
    }

    private static TlsReadException malformed(String what) {
        return new TlsReadException(TlsReadException.Kind.MALFORMED, "broken TLS from the server: " + what);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
