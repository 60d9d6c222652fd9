package io.localtrust.names.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Request bodies in, response bodies out: JSON objects only, one mapper. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The body as a JSON object; an empty body is an empty object (acme-dns's /register takes none). */
    static JsonNode object(byte[] body) throws ApiProblem {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw ApiProblem.badRequest("malformed_json_payload", "the body is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ApiProblem.badRequest("malformed_json_payload", "the body is not JSON");
        }
    }

    static Optional<String> text(JsonNode object, String field) throws ApiProblem {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiProblem.badRequest("malformed_json_payload", "\"" + field + "\" is not a string");
        }
        return Optional.of(v.asText());
    }

    static List<String> texts(JsonNode object, String field) throws ApiProblem {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > 32) {
            throw ApiProblem.badRequest("malformed_json_payload", "\"" + field + "\" is not a list of at most 32 strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw ApiProblem.badRequest("malformed_json_payload", "\"" + field + "\" holds something else than strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
