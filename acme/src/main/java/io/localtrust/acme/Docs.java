package io.localtrust.acme;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * The stored documents of the front end (JSON in {@code acme_objects}): an order, an
 * authorization with its challenges, a certificate's owner. Times are ISO-8601 text; absent
 * fields are null. Status is the RFC 8555 §7.1.6 word.
 */
final class Docs {
    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Docs() {
    }

    /** An ACME identifier: {@code dns} or {@code ip}. */
    record Identifier(String type, String value) {
        Identifier {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An error kept with an order or a challenge, shown to the client as a problem document. */
    record Problem(String type, String detail, Integer status) {
        static Problem of(AcmeProblem p) {
            return new Problem(p.error().type(), p.detail(), p.status());
        }
    }

    /**
     * An order. {@code status} is stored only once it leaves the derived states: "pending" and
     * "ready" follow from the authorizations ({@link Orders#status}); "processing", "valid" and
     * "invalid" are stored.
     *
     * @param requestedFrom the address newOrder came from: where a name with no address is validated
     * @param csr           base64url DER of the finalize CSR, kept while the device waits for approval
     * @param serial        the issued certificate's serial (hex)
     * @param replaces      the ARI certificate identifier this order replaces
     */
    record Order(String status, String expires, List<Identifier> identifiers, List<String> authorizations,
                 String notBefore, String notAfter, String requestedFrom, String csr, String serial, Problem error,
                 String replaces) {
        Order {
            identifiers = List.copyOf(identifiers);
            authorizations = List.copyOf(authorizations);
        }

        Order withStatus(String s, Problem e) {
            return new Order(s, expires, identifiers, authorizations, notBefore, notAfter, requestedFrom, csr, serial, e, replaces);
        }

        Order processing(String csrB64) {
            return new Order("processing", expires, identifiers, authorizations, notBefore, notAfter, requestedFrom, csrB64,
                    serial, null, replaces);
        }

        /**
         * Where the device is: its {@code ip} identifier if the order has exactly one (a device
         * orders its own address too), otherwise the address the order came from. Names are
         * validated there and, once issued, bound there in the local zone.
         */
        String deviceAddress() {
            List<String> ips = identifiers.stream().filter(i -> i.type().equals("ip")).map(Identifier::value).toList();
            return ips.size() == 1 ? ips.get(0) : requestedFrom;
        }

        Order issued(String serialHex) {
            return new Order("valid", expires, identifiers, authorizations, notBefore, notAfter, requestedFrom, null,
                    serialHex, null, replaces);
        }
    }

    /** A challenge inside an authorization. */
    record Challenge(String type, String token, String status, String validated, Problem error) {
        Challenge with(String s, String when, Problem e) {
            return new Challenge(type, token, s, when, e);
        }
    }

    /**
     * An authorization.
     *
     * @param order the order it was made for (its address hints locate a name)
     */
    record Authz(Identifier identifier, String status, String expires, List<Challenge> challenges, String order) {
        Authz {
            challenges = List.copyOf(challenges);
        }

        Authz with(String s, List<Challenge> cs) {
            return new Authz(identifier, s, expires, cs, order);
        }
    }

    /** Who owns an issued certificate, and which order replaced it (ARI). */
    record CertOwner(String order, String replacedBy) {
    }

    static String write(Object doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an ACME document", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored ACME document does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
