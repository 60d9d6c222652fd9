package io.localtrust.names.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.names.NamesZone;
import io.localtrust.names.proof.ApiKeys;
import io.localtrust.names.proof.KeyProof;
import io.localtrust.names.store.NamesStore;
import io.localtrust.store.StoreException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's routes, its per-source limits, and the one place an error becomes a response. The
 * per-source request limit is taken before anything else (no body parsed, no hash computed for
 * a flood); registrations have a limit of their own. A store failure is 503 and the service goes
 * on; a bug is 500, logged, and the service goes on.
 */
public final class NamesApi {
    private static final Logger LOG = LoggerFactory.getLogger(NamesApi.class);
    private static final java.util.Set<String> KNOWN_PATHS = java.util.Set.of("/health", "/register", "/update",
            "/device/register", "/device/address", "/device/zone", "/present", "/cleanup");
    private final AcmeDnsEndpoints acmeDns;
    private final DeviceEndpoints devices;
    private final HttpreqEndpoints httpreq;
    private final RateLimiter<InetAddress> requests;
    private final RateLimiter<InetAddress> registrations;

    public NamesApi(NamesZone zone, NamesStore store, ApiLimits limits, Clock clock, SecureRandom random) {
        ApiKeys keys = new ApiKeys(random);
        Credentials credentials = new Credentials(store, limits.updates(clock), keys);
        this.acmeDns = new AcmeDnsEndpoints(zone, store, keys, credentials, clock);
        this.devices = new DeviceEndpoints(zone, store, keys, new KeyProof(zone.text(), clock), credentials, clock);
        this.httpreq = new HttpreqEndpoints(zone, store, credentials, clock);
        this.requests = limits.requests(clock);
        this.registrations = limits.registrations(clock);
    }

    /** Answers one request; never throws. */
    ApiResponse handle(ApiRequest r) {
        try {
            return route(r);
        } catch (ApiProblem p) {
            return render(p);
        } catch (StoreException e) {
            LOG.warn("names API: {} {}: {}", r.method(), r.path(), e.getMessage());
            return render(e.kind() == StoreException.Kind.CONFLICT ? new ApiProblem(409, "conflict", "the registration conflicts with"
                    + " one made meanwhile: try again") : ApiProblem.unavailable("the names store is unavailable: try again later"));
        } catch (RuntimeException e) {
            LOG.error("names API: {} {} failed", r.method(), r.path(), e);
            return render(new ApiProblem(500, "internal_error", "internal error"));
        }
    }

    private ApiResponse route(ApiRequest r) throws ApiProblem, StoreException {
        limit(requests, r.source(), "too many requests from " + r.source().getHostAddress());
        String route = r.method() + " " + r.path();
        return switch (route) {
            case "GET /health", "HEAD /health" -> acmeDns.health(r);
            case "POST /register" -> {
                limit(registrations, r.source(), "too many registrations from " + r.source().getHostAddress());
                yield acmeDns.register(r);
            }
            case "POST /update" -> acmeDns.update(r);
            case "POST /present" -> httpreq.present(r);
            case "POST /cleanup" -> httpreq.cleanup(r);
            case "POST /device/register" -> {
                limit(registrations, r.source(), "too many registrations from " + r.source().getHostAddress());
                yield devices.register(r);
            }
            case "POST /device/address" -> devices.address(r);
            case "GET /device/zone" -> devices.zone(r);
            default -> throw KNOWN_PATHS.contains(r.path())
                    ? new ApiProblem(405, "method_not_allowed", r.method() + " is not allowed on " + r.path())
                    : new ApiProblem(404, "not_found", "no such endpoint");
        };
    }

    private static <K> void limit(RateLimiter<K> limiter, K key, String what) throws ApiProblem {
        long wait = limiter.take(key);
        if (wait > 0) {
            throw ApiProblem.tooMany(what, (wait + 999) / 1000);
        }
    }

    /** The one rendering of an error: acme-dns's {@code {"error": code}}, with our sentence beside it. */
    static ApiResponse render(ApiProblem p) {
        ObjectNode out = Json.newObject();
        out.put("error", p.code());
        out.put("detail", p.getMessage());
        Map<String, String> headers = p.retryAfterSeconds().map(s -> Map.of("Retry-After", Long.toString(s))).orElse(Map.of());
        return new ApiResponse(p.status(), "application/json", Json.bytes(out), headers);
    }
}
