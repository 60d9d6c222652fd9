package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one verification: valid, or the reason of the failure that mattered, with
 * the path chosen (leaf first, anchor last) and the anchor's kind. When no path validated,
 * {@link #path} is the path that came closest (empty when none reached an anchor).
 *
 * @param valid      whether a path validated
 * @param reason     the failure reason; empty when valid
 * @param message    a one-line explanation naming the certificate concerned
 * @param path       the path, leaf first, anchor last
 * @param anchorKind the kind of the anchor the path ends in
 * @param localDevice whether the leaf carries the configured id-kp-localDevice EKU
 */
public record PathResult(boolean valid, Optional<Reason> reason, String message, List<Cert> path,
                         Optional<AnchorKind> anchorKind, boolean localDevice) {

    public PathResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(anchorKind, "anchorKind");
        path = List.copyOf(path);
        if (valid == reason.isPresent()) {
            throw new IllegalArgumentException("a valid result has no reason, an invalid one has one");
        }
    }

    static PathResult valid(List<Cert> path, AnchorKind kind, boolean localDevice) {
        return new PathResult(true, Optional.empty(), "valid path to " + path.getLast().label(), path,
                Optional.of(kind), localDevice);
    }

    static PathResult failed(Reason reason, String message, List<Cert> path, Optional<AnchorKind> kind,
                             boolean localDevice) {
        return new PathResult(false, Optional.of(reason), message, path, kind, localDevice);
    }

    /** "valid" or "REASON: message", for logs and harness output. */
    public String summary() {
        return valid ? message : reason.orElseThrow() + ": " + message;
    }
}
