package io.localtrust.practice.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.lint.Finding;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.Verdict;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.Oids;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the per-device record (schema documented in docs/json.md). Built node by node, not by
 * reflection, so that renaming a Java field can never change the published format.
 */
public final class DeviceJson {
    /** The schema id of the document {@code inspect --json} prints. */
    public static final String INSPECT_SCHEMA = "localtrust.inspect/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DeviceJson() {
    }

    /** The {@code inspect --json} document: schema, generation time, one record per input. */
    public static String inspectDocument(List<DeviceAssessment> devices, Instant generatedAt) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", INSPECT_SCHEMA);
        root.put("generated", generatedAt.toString());
        ArrayNode arr = root.putArray("devices");
        devices.forEach(d -> arr.add(device(d)));
        return write(root);
    }

    /**
     * Builds the writer and its serializers now, so that a caller that knows it will write a large
     * document can do this on another thread while it gathers the data (a scan does, while its
     * probes run: Jackson's mapper was the main thread's largest JSON item in a cold scan's profile,
     * BENCHMARKS.md). Idempotent, and harmless when never followed by a write.
     */
    public static void prepare() {
        write(MAPPER.createObjectNode().put("schema", INSPECT_SCHEMA).putNull("devices"));
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One device record. */
    public static ObjectNode device(DeviceAssessment a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("address", a.observation().address().orElse(null));
        n.put("source", a.observation().source());
        n.put("observed", a.observation().observedAt().toString());
        n.put("category", a.practice().name());
        ObjectNode p = n.putObject("practice");
        p.put("label", a.practice().seedLabel());
        p.put("seedType", a.practice().seedType());
        p.put("title", a.practice().title());
        p.put("explanation", a.practice().explanation());
        n.put("verdict", Verdict.of(a.practice(), a.findings()).id());
        n.put("uniqueness", a.uniqueness().id());
        if (a.anchor().isPresent()) {
            ObjectNode an = n.putObject("anchor");
            an.put("kind", a.anchor().get().kind().name().toLowerCase(Locale.ROOT));
            an.put("subject", a.anchor().get().anchor().subject());
            an.put("sha256", a.anchor().get().anchor().fingerprints().sha256());
            an.put("source", a.anchor().get().source());
        } else {
            n.putNull("anchor");
        }
        ArrayNode eps = n.putArray("endpoints");
        a.observation().endpoints().forEach(e -> eps.add(endpoint(e)));
        ArrayNode fs = n.putArray("findings");
        for (Finding f : a.findings()) {
            ObjectNode fn = fs.addObject();
            fn.put("code", f.code());
            fn.put("severity", f.severity().id());
            fn.put("message", f.message());
        }
        return n;
    }

    private static ObjectNode endpoint(EndpointObservation e) {
        ObjectNode n = MAPPER.createObjectNode();
        if (e.port().isPresent()) {
            n.put("port", e.port().getAsInt());
        } else {
            n.putNull("port");
        }
        n.put("scheme", e.scheme().id());
        if (e.tls().isPresent()) {
            n.set("tls", tls(e.tls().get()));
        } else {
            n.putNull("tls");
        }
        if (e.redirectsToHttps().isPresent()) {
            n.put("redirectsToHttps", e.redirectsToHttps().get());
        } else {
            n.putNull("redirectsToHttps");
        }
        n.put("error", e.error().orElse(null));
        return n;
    }

    private static ObjectNode tls(TlsObservation t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", t.version().orElse(null));
        n.put("cipher", t.cipher().orElse(null));
        ArrayNode chain = n.putArray("chain");
        t.chain().certs().forEach(c -> chain.add(cert(c)));
        if (t.stapledOcsp().isPresent()) {
            n.put("ocspStapled", true);
        } else if (t.handshake()) {
            n.put("ocspStapled", false);
        } else {
            n.putNull("ocspStapled");
        }
        return n;
    }

    /** One certificate as the report shows it. */
    public static ObjectNode cert(Cert c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("subject", c.subject());
        n.put("issuer", c.issuer());
        n.put("serial", c.serial().toString(16));
        n.put("sha256", c.fingerprints().sha256());
        n.put("sha1", c.fingerprints().sha1());
        n.put("spkiSha256", c.fingerprints().spkiSha256());
        n.put("devId", c.fingerprints().devId());
        n.put("notBefore", c.notBefore().toString());
        n.put("notAfter", c.notAfter().toString());
        ArrayNode san = n.putArray("san");
        c.sans().forEach(s -> san.add(s.toString()));
        ArrayNode eku = n.putArray("eku");
        c.ekus().forEach(o -> eku.add(Oids.ekuName(o)));
        n.put("key", c.key().describe());
        n.put("signatureAlgorithm", c.signatureAlgorithm());
        n.put("selfSigned", c.selfSigned());
        n.put("ca", c.ca());
        return n;
    }
}
