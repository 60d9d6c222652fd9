package io.localtrust.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The admin API's JSON: one mapping per store record, field names in camelCase, times in RFC 3339 UTC. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n).concat("\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply reply(int status, JsonNode n) {
        return new Reply(status, "application/json", bytes(n), java.util.Map.of());
    }

    /** The body as a JSON object, or a 400 problem. */
    static ObjectNode object(Call call) throws HttpProblem {
        try {
            JsonNode n = MAPPER.readTree(call.body());
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw HttpProblem.badRequest("malformed-json", "the body is not valid JSON");
        }
        throw HttpProblem.badRequest("malformed-json", "the body must be a JSON object");
    }

    static String text(ObjectNode o, String field) throws HttpProblem {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw HttpProblem.badRequest("missing-field", "the body needs a string field \"" + field + "\"");
        }
        return v.asText();
    }

    static ObjectNode device(DeviceRecord d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("devId", d.devId());
        n.put("state", d.state().name().toLowerCase(Locale.ROOT));
        ArrayNode ids = n.putArray("identities");
        d.identities().forEach(ids::add);
        n.put("spkiSha256", d.spkiSha256());
        n.put("firstSeen", d.firstSeen().toString());
        n.put("updated", d.updated().toString());
        return n;
    }

    static ObjectNode certificate(IssuedCertificate c, Optional<CertificateStatus> status) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("serial", c.serialHex());
        n.put("devId", c.devId());
        n.put("subject", c.subject());
        n.put("notBefore", c.notBefore().toString());
        n.put("notAfter", c.notAfter().toString());
        n.put("issuedAt", c.issuedAt().toString());
        boolean revoked = status.map(CertificateStatus::revoked).orElse(false);
        n.put("status", revoked ? "revoked" : "good");
        if (revoked) {
            n.put("revokedAt", status.get().revokedAt().orElseThrow().toString());
            n.put("reason", status.get().reason().map(RevocationReason::rfcName).orElse("unspecified"));
        }
        return n;
    }

    static ObjectNode event(AuditEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("seq", e.seq());
        n.put("at", e.at().toString());
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("subject", e.subject());
        n.put("detail", e.detail());
        n.put("hash", e.hash());
        return n;
    }
}
