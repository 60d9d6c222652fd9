package io.localtrust.agent.stapling;

/** No OCSP response to staple could be had: one line saying why. */
public final class StapleException extends Exception {
    public StapleException(String message) {
        super(message);
    }
}
