package io.localtrust.scanner;

import io.localtrust.practice.observe.EndpointObservation;
import java.util.Objects;

/** What one connection to a port gave: the basis for trying the other scheme or recording an endpoint. */
sealed interface Attempt {
    /** Nothing listens (refused, unreachable, or no answer to the connect within the timeout): not an endpoint. */
    record Closed(String why) implements Attempt {
    }

    /** The port answered with the scheme tried. */
    record Seen(EndpointObservation endpoint) implements Attempt {
        public Seen {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** A TLS device refused the protocol version offered (an alert): ask again with the other one. */
    record Refused(String error) implements Attempt {
    }

    /** The port answered, but not in the scheme tried; the other one may fit. */
    record OtherProtocol(String what) implements Attempt {
    }

    /**
     * The port accepted the connection and then failed (reset, closed, broken handshake), or
     * {@code stalled}: said nothing complete before the deadline — no point asking it twice.
     */
    record Failed(String error, boolean stalled) implements Attempt {
        Failed(String error) {
            this(error, false);
        }
    }
}
