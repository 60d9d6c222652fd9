package io.localtrust.x509;

/**
 * Input that is not a usable certificate or chain. The message is one line that names the problem
 * (and the source, when known) in words a user can act on; it never contains key material.
 */
public final class CertificateParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public CertificateParseException(String message) {
        super(message);
    }

    public CertificateParseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same problem, prefixed with where the input came from ("printer.pem: …"). */
    public CertificateParseException in(String source) {
        return new CertificateParseException(source + ": " + getMessage(), getCause());
    }
}
