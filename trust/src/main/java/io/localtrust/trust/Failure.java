package io.localtrust.trust;

import java.util.Objects;

/** One failed check: its code and a message naming the certificate. */
record Failure(Reason reason, String message) {
    Failure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    static Failure of(Reason reason, Node node, String what) {
        return new Failure(reason, "'" + node.label() + "': " + what);
    }
}
