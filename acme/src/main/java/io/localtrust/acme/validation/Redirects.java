package io.localtrust.acme.validation;

import io.localtrust.acme.Printable;
import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import io.localtrust.locality.Addresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The redirect rules of {@link Http01Validator}: which redirects are followed, and where to.
 *
 * <ul>
 *   <li>At most {@value #MAX} redirects (as Boulder; RFC 8555 §10.2 leaves the number open).</li>
 *   <li>Only to {@code http} or {@code https}, and only to port 80 or the validator's http port
 *       (http), 443 or its https port (https): a redirect must not turn the gateway into a port
 *       scanner of the LAN.</li>
 *   <li>Only to a local address. The gateway never resolves names: a redirect's host must be an
 *       IP literal, which {@link LocalOnly} must accept, or the identifier itself (ignoring case
 *       and a final dot), which is then reached at the address the server chose for the target.
 *       Any other name is refused.</li>
 * </ul>
 * Refusals are {@code connection} problems naming the redirect.
 */
final class Redirects {
    static final int MAX = 10;
    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    private final ValidationTarget target;
    private final LocalOnly guard;
    private final int httpPort;
    private final int httpsPort;

    Redirects(ValidationTarget target, LocalOnly guard, int httpPort, int httpsPort) {
        this.target = target;
        this.guard = guard;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    /** The request a redirect from {@code from} to {@code location} leads to, if the rules allow it. */
    Hop next(Hop from, String location) throws AcmeProblem {
        URI url;
        try {
            url = URI.create(from.url().resolve(new URI(location)).toASCIIString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(from, location, "it is not a valid URL");
        }
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(from, location, "only http and https redirects are followed");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw refused(from, location, "it names no host");
        }
        int standard = scheme.equals("http") ? 80 : 443;
        int configured = scheme.equals("http") ? httpPort : httpsPort;
        int port = url.getPort() == -1 ? standard : url.getPort();
        if (port != standard && port != configured) {
            throw refused(from, location, "port " + port + " is not allowed; redirects may go to "
                    + scheme + " on port " + standard + (configured == standard ? "" : " or " + configured) + " only");
        }
        String hostHeader = url.getPort() == -1 ? host : host + ":" + url.getPort();
        return new Hop(url, address(from, location, host), port, hostHeader);
    }

    private InetAddress address(Hop from, String location, String host) throws AcmeProblem {
        Optional<InetAddress> literal = Addresses.literal(host);
        if (literal.isPresent()) {
            Optional<String> why = guard.refusal(literal.get());
            if (why.isPresent()) {
                throw refused(from, location, why.get());
            }
            return literal.get();
        }
        if (target.isIdentifier(host)) {
            return target.address();
        }
        throw refused(from, location, "the gateway does not resolve names; a redirect may name only the identifier "
                + target.identifier() + " or a local IP address");
    }

    private static AcmeProblem refused(Hop from, String location, String why) {
        return new AcmeProblem(AcmeError.CONNECTION, from.describe() + " redirected to "
                + Printable.prefix(location, 200) + ", not followed: " + why);
    }
}
