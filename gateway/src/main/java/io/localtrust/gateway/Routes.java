package io.localtrust.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small router: (method, pattern) to {@link Endpoint}. A pattern is a path whose segments are
 * literal, {@code {name}} (one segment) or a final {@code **} (the rest, slashes included — for
 * OCSP GET, whose base64 may contain them). Matching is on the raw path; the matched values are
 * handed over raw, in order.
 */
public final class Routes {
    private record Route(String method, String[] segments, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, split(pattern), endpoint));
        return this;
    }

    /** Every route of {@code other}, after this one's. */
    public Routes addAll(Routes other) {
        routes.addAll(other.routes);
        return this;
    }

    /** Dispatches, or a 404 / 405 problem. */
    Reply dispatch(Call call) throws Exception {
        String[] path = split(call.path());
        boolean pathMatched = false;
        for (Route r : routes) {
            Optional<List<String>> params = match(r.segments, path, call.path());
            if (params.isEmpty()) {
                continue;
            }
            pathMatched = true;
            if (r.method.equals(call.method()) || (r.method.equals("GET") && call.method().equals("HEAD"))) {
                return r.endpoint.handle(call.withPathParams(params.get()));
            }
        }
        if (pathMatched) {
            throw new HttpProblem(405, "method-not-allowed", "Method not allowed", call.method() + " is not allowed on " + call.path());
        }
        throw HttpProblem.notFound("nothing is served at " + call.path());
    }

    private static Optional<List<String>> match(String[] pattern, String[] path, String rawPath) {
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals("**")) {
                // The rest of the raw path after the literal prefix, slashes and all.
                String prefix = "/" + String.join("/", java.util.Arrays.copyOf(pattern, i)) + "/";
                if (!rawPath.startsWith(prefix) || rawPath.length() == prefix.length()) {
                    return Optional.empty();
                }
                params.add(rawPath.substring(prefix.length()));
                return Optional.of(params);
            }
            if (i >= path.length) {
                return Optional.empty();
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                params.add(path[i]);
            } else if (!p.equals(path[i])) {
                return Optional.empty();
            }
        }
        return pattern.length == path.length ? Optional.of(params) : Optional.empty();
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
