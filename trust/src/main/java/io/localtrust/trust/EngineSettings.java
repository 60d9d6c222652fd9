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
 * @param strictProfile  whether the RFC 5280 §4 / web PKI profile checks of {@link StrictProfile} apply
 */
public record EngineSettings(Duration deadline, int maxCandidates, int maxDepth, String localDeviceEku,
                             int maxNameChecks, boolean strictProfile) {

    public EngineSettings {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(localDeviceEku, "localDeviceEku");
        if (deadline.isNegative() || deadline.isZero() || maxCandidates < 1 || maxDepth < 1 || maxNameChecks < 1) {
            throw new IllegalArgumentException("deadline, candidate cap, depth and name-check cap must be positive");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(2), 100, 16, Oids.KP_LOCAL_DEVICE, 1 << 20, true);
    }

    public EngineSettings withLocalDeviceEku(String oid) {
        return new EngineSettings(deadline, maxCandidates, maxDepth, oid, maxNameChecks, strictProfile);
    }

    /** The longest path in certificates, anchor and leaf included; self-issued intermediates do not count. */
    public EngineSettings withMaxDepth(int depth) {
        return new EngineSettings(deadline, maxCandidates, depth, localDeviceEku, maxNameChecks, strictProfile);
    }

    /** Without the strict profile: RFC 5280 §6 path validation only (for PKITS-style suites). */
    public EngineSettings withoutStrictProfile() {
        return new EngineSettings(deadline, maxCandidates, maxDepth, localDeviceEku, maxNameChecks, false);
    }

    public EngineSettings withDeadline(Duration d) {
        return new EngineSettings(d, maxCandidates, maxDepth, localDeviceEku, maxNameChecks, strictProfile);
    }

    public EngineSettings withMaxCandidates(int n) {
        return new EngineSettings(deadline, n, maxDepth, localDeviceEku, maxNameChecks, strictProfile);
    }
}
