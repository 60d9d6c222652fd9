package io.localtrust.trust;

import java.time.Instant;
import java.util.Optional;

/** RFC 5280 §6.1.3 (a)(2): the verification time lies within notBefore..notAfter, both inclusive. */
final class Validity {
    private Validity() {
    }

    static Optional<Failure> check(Node node, Instant time) {
        if (time.isBefore(node.cert.notBefore())) {
            return Optional.of(Failure.of(Reason.NOT_YET_VALID, node, "not valid before " + node.cert.notBefore()));
        }
        if (time.isAfter(node.cert.notAfter())) {
            return Optional.of(Failure.of(Reason.EXPIRED, node, "expired at " + node.cert.notAfter()));
        }
        return Optional.empty();
    }
}
