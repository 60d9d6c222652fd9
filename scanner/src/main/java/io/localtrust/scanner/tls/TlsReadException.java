package io.localtrust.scanner.tls;

/**
 * Why a server's first flight could not be read. The message is for the scan report: it names
 * what the device sent, never a stack.
 */
public final class TlsReadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so the prober can decide what to try next. */
    public enum Kind {
        /** The first bytes are not a TLS record at all: maybe another protocol on this port. */
        NOT_TLS,
        /** The server answered with an alert: it will not do TLS 1.2 with this hello. */
        ALERT,
        /** The server's TLS is broken, truncated or larger than any certificate chain needs to be. */
        MALFORMED
    }

    private final Kind kind;

    TlsReadException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
