package io.localtrust.practice.observe;

import java.util.Locale;

/** How an endpoint was reached. */
public enum Scheme {
    HTTP, HTTPS,
    /** A certificate read from a file, not from the network. */
    FILE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
