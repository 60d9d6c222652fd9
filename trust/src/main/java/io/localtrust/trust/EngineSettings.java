package io.localtrust.trust;

import io.localtrust.x509.Oids;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and identifiers for the engine.
 *
 * @param deadline       the longest one verification may take (issue 6: default 2 s); on expiry
 *                       the result is {@link Reason#SEARCH_LIMIT}, never an exception
 * @param maxCandidates  the most complete paths tried before giving up; a hundred times as many
 *                       candidate issuers may be considered in all
 * @param maxDepth       the longest path (certificates, anchor included)
 * @param localDeviceEku the id-kp-localDevice OID ({@link Oids#KP_LOCAL_DEVICE}; a gateway may configure another)
 * @param maxNameChecks  the most name comparisons one nameConstraints extension may cost against one
 *                       certificate (Chrome bounds this too); beyond it the path fails
 * @param strictProfile  whether the RFC 5280 §4 / web PKI profile checks of {@link StrictProfile} apply
 * @param allowSha1      whether SHA-1 certificate signatures are accepted (browsers refuse them)
 */
public record EngineSettings(Duration deadline, int maxCandidates, int maxDepth, String localDeviceEku,
                             int maxNameChecks, boolean strictProfile, boolean allowSha1) {

    public EngineSettings {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(localDeviceEku, "localDeviceEku");
        if (deadline.isNegative() || deadline.isZero() || maxCandidates < 1 || maxDepth < 1 || maxNameChecks < 1) {
            throw new IllegalArgumentException("deadline, candidate cap, depth and name-check cap must be positive");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(2), 100, 16, Oids.KP_LOCAL_DEVICE, 1 << 20, true, false);
    }

    public EngineSettings withLocalDeviceEku(String oid) {
        return new EngineSettings(deadline, maxCandidates, maxDepth, oid, maxNameChecks, strictProfile, allowSha1);
    }

    /** The longest path in certificates, anchor and leaf included; self-issued intermediates do not count. */
    public EngineSettings withMaxDepth(int depth) {
        return new EngineSettings(deadline, maxCandidates, depth, localDeviceEku, maxNameChecks, strictProfile, allowSha1);
    }

    /** Without the strict profile: RFC 5280 §6 path validation only (for PKITS-style suites). */
    public EngineSettings withoutStrictProfile() {
        return new EngineSettings(deadline, maxCandidates, maxDepth, localDeviceEku, maxNameChecks, false, allowSha1);
    }

    /** Accepting SHA-1 signatures: for suites from before its deprecation (PKITS's DSA cases). */
    public EngineSettings allowingSha1() {
        return new EngineSettings(deadline, maxCandidates, maxDepth, localDeviceEku, maxNameChecks, strictProfile, true);
    }

    public EngineSettings withDeadline(Duration d) {
        return new EngineSettings(d, maxCandidates, maxDepth, localDeviceEku, maxNameChecks, strictProfile, allowSha1);
    }

    public EngineSettings withMaxCandidates(int n) {
        return new EngineSettings(deadline, n, maxDepth, localDeviceEku, maxNameChecks, strictProfile, allowSha1);
    }
}
