package io.localtrust.trust.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.trust.Anchor;
import io.localtrust.trust.AnchorKind;
import io.localtrust.trust.Connection;
import io.localtrust.trust.EngineSettings;
import io.localtrust.trust.KeyPurpose;
import io.localtrust.trust.PathResult;
import io.localtrust.trust.PolicySettings;
import io.localtrust.trust.TrustEngine;
import io.localtrust.trust.VerifyRequest;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Chromium/BoringSSL's {@code verify_certificate_chain_unittest} {@code .test} files (197)
 * against the engine: the chain is presented target first, its last certificate trusted as the
 * file says; the case expects a valid chain exactly when its expected errors hold no
 * {@code ERROR:} line. Issue 6 asks ≥ 90% including every TRUSTED_ANCHOR_WITH_CONSTRAINTS and
 * TRUSTED_LEAF case; every mismatch must be in {@link #DEVIATIONS}.
 */
class ChromiumChainTest {
    static final int MIN_PASSED = 184;
    /** Chromium's test_helpers.cc: "DEFAULT" means 2021-10-05 12:00 UTC. */
    static final Instant DEFAULT_TIME = Instant.parse("2021-10-05T12:00:00Z");
    /** Key purposes outside what a TLS trust engine verifies: the cases are counted as skipped. */
    static final Set<String> UNSUPPORTED_PURPOSES = Set.of("C2PA_MANIFEST", "C2PA_TIMESTAMPING", "MLS_CLIENT_AUTH");

    /**
     * Reviewed mismatches: file (relative) → why. All are rejections of chains Chromium's unit
     * test accepts; mirrored in docs/trust.md.
     */
    static final Map<String, String> DEVIATIONS = Map.of(
            "intermediate-eku-server-gated-crypto/sha1-eku-any.test",
            "we refuse SHA-1 certificate signatures as browsers do in TLS; Chromium's chain unit test accepts them "
                    + "here (and refuses them in intermediate-signed-with-sha1 and target-signed-with-sha1)",
            "issuer-and-subject-not-byte-for-byte-equal/anchor.test",
            "real 2012 chain signed with SHA-1: refused, as above",
            "issuer-and-subject-not-byte-for-byte-equal/target.test",
            "real 2012 chain signed with SHA-1: refused, as above",
            "many-names/ok-all-types.test",
            "we also enforce URI name constraints, which Chrome does not: 1,025 URI names against 2,050 URI subtrees "
                    + "exceed the 2^20 comparisons one extension may cost, so the path fails closed");

    record Case(String id, String trust, String purpose, boolean expectValid, Optional<PathResult> result,
                String skipReason) {
        boolean skipped() {
            return result.isEmpty();
        }

        boolean passed() {
            return result.isPresent() && result.get().valid() == expectValid;
        }
    }

    @Test
    void chromiumChainCasesPassAtLeastTheStatedCountWithOnlyReviewedDeviations() throws Exception {
        Path dir = Shared.testdata("chromium-pki/pki/testdata/verify_certificate_chain_unittest");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                cases.add(run(dir, f));
            }
        }
        long passed = cases.stream().filter(Case::passed).count();
        long skipped = cases.stream().filter(Case::skipped).count();
        System.out.printf("chromium: %d/%d passed, %d skipped%n", passed, cases.size(), skipped);
        cases.stream().filter(c -> !c.passed()).forEach(c -> System.out.printf("  %s %s [%s %s] expected %s: %s%n",
                c.skipped() ? "SKIP" : "MISS", c.id(), c.trust(), c.purpose(), c.expectValid() ? "valid" : "invalid",
                c.skipped() ? c.skipReason() : c.result().get().summary()));
        assertThat(cases).hasSize(197);
        assertThat(cases.stream().filter(c -> !c.passed() && !c.skipped() && !DEVIATIONS.containsKey(c.id()))
                .map(Case::id)).isEmpty();
        assertThat(cases.stream().filter(c -> c.trust().startsWith("TRUSTED_ANCHOR_WITH_CONSTRAINTS")
                || c.trust().startsWith("TRUSTED_LEAF")).filter(c -> !c.passed()).map(Case::id)).isEmpty();
        assertThat(passed).isGreaterThanOrEqualTo(MIN_PASSED);
    }

    private static Case run(Path dir, Path file) throws IOException {
        String id = dir.relativize(file).toString();
        Map<String, String> kv = new HashMap<>();
        StringBuilder errors = new StringBuilder();
        boolean inErrors = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (inErrors) {
                errors.append(line).append('\n');
            } else if (line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (line.startsWith("expected_errors:")) {
                inErrors = true;
            } else {
                int colon = line.indexOf(':');
                kv.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        boolean expectValid = !errors.toString().contains("ERROR:");
        String trust = kv.get("last_cert_trust");
        String purpose = kv.get("key_purpose");
        if (UNSUPPORTED_PURPOSES.contains(purpose)) {
            return new Case(id, trust, purpose, expectValid, Optional.empty(), "key purpose " + purpose + " not implemented");
        }
        String time = kv.get("utc_time");
        Instant when = time.equals("DEFAULT") ? DEFAULT_TIME
                : LocalDateTime.parse(time, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).toInstant(ZoneOffset.UTC);
        List<Cert> chain;
        try {
            chain = Shared.readLarge(file.resolveSibling(kv.get("chain")));
        } catch (CertificateParseException e) {
            return new Case(id, trust, purpose, expectValid, Optional.of(unparseable(e)), "");
        }
        List<Anchor> anchors = anchors(trust, chain.getLast());
        TrustEngine engine = new TrustEngine(anchors, List.of(), EngineSettings.defaults().withoutStrictProfile(),
                Clock.fixed(when, ZoneOffset.UTC));
        VerifyRequest request = new VerifyRequest(chain.getFirst(), chain.subList(1, chain.size()), Optional.empty(),
                Optional.of(when), Connection.unknown(), KeyPurpose.valueOf(purpose.equals("ANY_EKU") ? "ANY" : purpose),
                Set.of(), PolicySettings.defaults(), List.of(), false);
        return new Case(id, trust, purpose, expectValid, Optional.of(engine.verify(request)), "");
    }

    private static List<Anchor> anchors(String trust, Cert last) {
        Anchor bare = Anchor.unconstrained(last, AnchorKind.PUBLIC);
        return switch (trust) {
            case "TRUSTED_ANCHOR" -> List.of(bare);
            case "TRUSTED_ANCHOR_OR_LEAF" -> List.of(bare.withRole(Anchor.Role.ANCHOR_OR_LEAF));
            case "TRUSTED_ANCHOR_WITH_EXPIRATION" -> List.of(bare.withExpiry(true));
            case "TRUSTED_ANCHOR_WITH_CONSTRAINTS" -> List.of(bare.withConstraints(true));
            case "TRUSTED_ANCHOR_WITH_CONSTRAINTS_REQUIRE_BASIC_CONSTRAINTS" ->
                    List.of(bare.withConstraints(true).requiringBasicConstraints());
            case "TRUSTED_ANCHOR_WITH_REQUIRE_BASIC_CONSTRAINTS" -> List.of(bare.requiringBasicConstraints());
            case "TRUSTED_ANCHOR_WITH_EXPIRATION_AND_CONSTRAINTS" -> List.of(bare.withConstraints(true).withExpiry(true));
            case "TRUSTED_LEAF" -> List.of(Anchor.trustedLeaf(last, AnchorKind.PUBLIC));
            case "TRUSTED_LEAF_REQUIRE_SELF_SIGNED" ->
                    List.of(Anchor.trustedLeaf(last, AnchorKind.PUBLIC).withRole(Anchor.Role.SELF_SIGNED_LEAF));
            default -> List.of(); // DISTRUSTED, UNSPECIFIED: nothing is trusted
        };
    }

    private static PathResult unparseable(CertificateParseException e) {
        return new PathResult(false, Optional.of(io.localtrust.trust.Reason.MALFORMED), e.getMessage(), List.of(),
                Optional.empty(), false);
    }
}
