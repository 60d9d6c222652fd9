package io.localtrust.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.Refusal;
import io.localtrust.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: RFC 7807 {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status} and {@code detail}. Domain exceptions map here —
 * a refusal keeps its stable code as the problem type, a store's NOT_FOUND is 404, a CONFLICT
 * 409 — and anything unexpected is a 500 whose detail names no internals.
 */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:localtrust:problem:";

    private Problems() {
    }

    static Reply render(HttpProblem p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", TYPE_PREFIX + p.type());
        n.put("title", p.title());
        n.put("status", p.status());
        n.put("detail", p.detail());
        Reply r = new Reply(p.status(), MEDIA_TYPE, Json.bytes(n), p.headers());
        return r;
    }

    /** Any failure of an endpoint, as a problem reply. */
    static Reply render(Throwable t) {
        return render(toProblem(t));
    }

    static HttpProblem toProblem(Throwable t) {
        if (t instanceof HttpProblem p) {
            return p;
        }
        if (t instanceof IssuanceRefused r) {
            boolean input = r.refusal() == Refusal.BAD_IDENTITY || r.refusal() == Refusal.BAD_CSR
                    || r.refusal() == Refusal.BAD_CSR_SIGNATURE || r.refusal() == Refusal.NAME_NOT_PERMITTED;
            return new HttpProblem(input ? 400 : 403, r.refusal().id(), input ? "Bad request" : "Refused by policy",
                    r.getMessage());
        }
        if (t instanceof StoreException s) {
            return switch (s.kind()) {
                case NOT_FOUND -> new HttpProblem(404, "not-found", "Not found", s.getMessage());
                case CONFLICT -> new HttpProblem(409, "conflict", "Conflict", s.getMessage());
                case CORRUPT, UNAVAILABLE -> {
                    LOG.error("store failure: {}", s.getMessage(), s);
                    yield new HttpProblem(503, "store-unavailable", "Service unavailable", s.getMessage());
                }
            };
        }
        LOG.error("internal error", t);
        return new HttpProblem(500, "internal", "Internal server error", "the gateway failed to answer; see its log");
    }
}
