package io.localtrust.trust;

import io.localtrust.x509.Oids;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and identifiers for the engine.
 *
 * @param deadline       the longest one verification may take (issue 6: default 2 s); on expiry
 *                       the result is {@link Reason#SEARCH_LIMIT}, never an exception
 * @param maxCandidates  the most complete paths tried before giving up
 * @param maxDepth       the longest path (certificates, anchor included)
 * @param localDeviceEku the id-kp-localDevice OID ({@link Oids#KP_LOCAL_DEVICE}; a gateway may configure another)
 * @param maxNameChecks  the most name-constraint comparisons per path (Chrome bounds this too)
 */
public record EngineSettings(Duration deadline, int maxCandidates, int maxDepth, String localDeviceEku,
                             int maxNameChecks) {

    public EngineSettings {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(localDeviceEku, "localDeviceEku");
        if (deadline.isNegative() || deadline.isZero() || maxCandidates < 1 || maxDepth < 1 || maxNameChecks < 1) {
            throw new IllegalArgumentException("deadline, candidate cap, depth and name-check cap must be positive");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(2), 100, 16, Oids.KP_LOCAL_DEVICE, 1 << 20);
    }

    public EngineSettings withLocalDeviceEku(String oid) {
        return new EngineSettings(deadline, maxCandidates, maxDepth, oid, maxNameChecks);
    }

    public EngineSettings withMaxDepth(int depth) {
        return new EngineSettings(deadline, maxCandidates, depth, localDeviceEku, maxNameChecks);
    }
}
