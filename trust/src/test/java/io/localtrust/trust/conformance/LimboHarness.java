package io.localtrust.trust.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.trust.Anchor;
import io.localtrust.trust.AnchorKind;
import io.localtrust.trust.Connection;
import io.localtrust.trust.EngineSettings;
import io.localtrust.trust.KeyPurpose;
import io.localtrust.trust.PathResult;
import io.localtrust.trust.PeerName;
import io.localtrust.trust.PolicySettings;
import io.localtrust.trust.TrustEngine;
import io.localtrust.trust.VerifyRequest;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs x509-limbo testcases (C2SP) through the engine and writes the harness result document
 * the limbo README describes: {@code {"version":1,"harness":…,"results":[{id,actual_result,context}]}}.
 * Cases whose features we do not implement are SKIPPED, never silently passed.
 */
final class LimboHarness {
    /** Features we do not implement: none at present (the strict profile covers the pedantic ones). */
    static final Set<String> UNSUPPORTED = Set.of();
    /** When a case names no validation time: the suite's date. */
    static final Instant SUITE_DATE = Instant.parse("2023-12-02T00:00:00Z");

    record Result(String id, String expected, String actual, String context) {
        boolean skipped() {
            return actual.equals("SKIPPED");
        }

        boolean passed() {
            return expected.equals(actual);
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    List<Result> run(Path file) throws IOException {
        JsonNode root = json.readTree(file.toFile());
        JsonNode cases = root.has("testcases") ? root.get("testcases") : root;
        List<Result> out = new ArrayList<>();
        if (cases.isArray()) {
            for (JsonNode c : cases) {
                out.add(runCase(c));
            }
        } else {
            out.add(runCase(cases));
        }
        return out;
    }

    Result runCase(JsonNode c) {
        String id = c.get("id").asText();
        String expected = c.get("expected_result").asText();
        Set<String> features = new HashSet<>();
        c.path("features").forEach(f -> features.add(f.asText()));
        features.retainAll(UNSUPPORTED);
        if (!features.isEmpty()) {
            return new Result(id, expected, "SKIPPED", "unsupported feature " + features);
        }
        if (!c.get("validation_kind").asText().equals("SERVER")) {
            return new Result(id, expected, "SKIPPED", "only SERVER validation is implemented");
        }
        try {
            PathResult r = verify(c);
            return new Result(id, expected, r.valid() ? "SUCCESS" : "FAILURE", r.summary());
        } catch (CertificateParseException e) {
            return new Result(id, expected, "FAILURE", "unparseable input: " + e.getMessage());
        }
    }

    private PathResult verify(JsonNode c) throws CertificateParseException {
        List<Anchor> anchors = new ArrayList<>();
        for (JsonNode t : c.get("trusted_certs")) {
            for (Cert cert : Shared.pem(t.asText())) {
                anchors.add(Anchor.of(cert, AnchorKind.PUBLIC));
            }
        }
        List<Cert> intermediates = new ArrayList<>();
        for (JsonNode t : c.get("untrusted_intermediates")) {
            intermediates.addAll(Shared.pem(t.asText()));
        }
        Cert leaf = Shared.pem(c.get("peer_certificate").asText()).getFirst();
        EngineSettings settings = EngineSettings.defaults();
        if (!c.path("max_chain_depth").isNull() && !c.path("max_chain_depth").isMissingNode()) {
            settings = settings.withMaxDepth(c.get("max_chain_depth").asInt() + 2);
        }
        Instant time = c.path("validation_time").isTextual()
                ? OffsetDateTime.parse(c.get("validation_time").asText()).toInstant() : SUITE_DATE;
        TrustEngine engine = new TrustEngine(anchors, List.of(), settings, Clock.fixed(time, ZoneOffset.UTC));
        Optional<PeerName> name = Optional.empty();
        JsonNode peer = c.path("expected_peer_name");
        if (peer.isObject() && (peer.get("kind").asText().equals("DNS") || peer.get("kind").asText().equals("IP"))) {
            name = Optional.of(PeerName.of(peer.get("value").asText()));
        }
        Set<String> ku = new HashSet<>();
        c.path("key_usage").forEach(k -> ku.add(k.asText()));
        VerifyRequest request = new VerifyRequest(leaf, intermediates, name, Optional.of(time), Connection.unknown(),
                KeyPurpose.SERVER_AUTH_STRICT_LEAF, ku, PolicySettings.defaults(), List.of(), false);
        return engine.verify(request);
    }

    void write(List<Result> results, Path out) throws IOException {
        ObjectNode doc = json.createObjectNode();
        doc.put("version", 1);
        doc.put("harness", "localtrust-trust");
        ArrayNode arr = doc.putArray("results");
        for (Result r : results) {
            ObjectNode o = arr.addObject();
            o.put("id", r.id());
            o.put("actual_result", r.actual());
            o.put("context", r.context());
        }
        Files.createDirectories(out.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    }
}
