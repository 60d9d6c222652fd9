package io.localtrust.ladder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.x509.Cert;
import java.net.InetAddress;

/**
 * The {@code localtrust probe --json} document ({@value #SCHEMA}, docs/trust.md): one object with
 * the verdict, its class, the practice, the text, the reasons and the chain. Built node by node, so
 * renaming a Java field never changes the published format.
 */
public final class ProbeJson {
    public static final String SCHEMA = "localtrust.probe/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProbeJson() {
    }

    public static String document(ProbeResult r) {
        Decision d = r.decision();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("url", r.url().toString());
        root.put("verdict", d.verdict().name());
        root.put("class", d.verdict().kind().name().toLowerCase(java.util.Locale.ROOT));
        if (d.practice().isPresent()) {
            root.put("practice", d.practice().get().name());
            root.put("seed_label", d.practice().get().seedLabel());
        } else {
            root.putNull("practice");
            root.putNull("seed_label");
        }
        root.put("text", d.text());
        if (r.address().isPresent()) {
            root.put("peer_address", r.address().map(InetAddress::getHostAddress).get());
        } else {
            root.putNull("peer_address");
        }
        if (r.protocol().isPresent()) {
            root.put("protocol", r.protocol().get());
        } else {
            root.putNull("protocol");
        }
        ArrayNode reasons = root.putArray("reasons");
        d.reasons().forEach(x -> reasons.addObject().put("code", x.code()).put("message", x.message()));
        ArrayNode chain = root.putArray("chain");
        d.chain().forEach(c -> chain.add(cert(c)));
        ArrayNode path = root.putArray("path");
        d.path().forEach(c -> path.add(c.fingerprints().sha256()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode cert(Cert c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("subject", c.subject());
        n.put("issuer", c.issuer());
        n.put("serial", c.serial().toString(16));
        n.put("not_before", c.notBefore().toString());
        n.put("not_after", c.notAfter().toString());
        n.put("sha256", c.fingerprints().sha256());
        n.put("spki_sha256", c.fingerprints().spkiSha256());
        n.put("dev_id", c.fingerprints().devId());
        ArrayNode sans = n.putArray("sans");
        c.sans().forEach(s -> sans.add(s.value()));
        n.put("pem", c.pem());
        return n;
    }
}
