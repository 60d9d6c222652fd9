package io.localtrust.gateway.scans;

/**
 * A scan the console was asked to start and did not: a target or port list the scanner refuses
 * (the message names it), or a scan already running. Nothing was started or stored.
 */
public final class ScanRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public ScanRefused(String message) {
        super(message);
    }
}
