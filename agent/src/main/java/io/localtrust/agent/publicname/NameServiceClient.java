package io.localtrust.agent.publicname;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.onboarding.OnboardingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A device's client of a names service's API (docs/names.md): its zone, registration by proof of
 * the device key, TXT updates for DNS-01 (acme-dns's {@code /update}) and address updates. Over
 * HTTPS only; failures are {@link OnboardingException}s, one line, retryable when the service was
 * unreachable or busy.
 */
public final class NameServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;

    /**
     * @param base the API, {@code https://names.example.net:8444}
     * @param tls  whom to trust for it (the JVM's default for a public certificate)
     */
    public NameServiceClient(URI base, SSLContext tls) {
        if (!"https".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("the names service is reached over https, not " + base);
        }
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The zone the service serves (what a registration proof is addressed to). */
    public String zone() throws OnboardingException {
        JsonNode r = call("GET", "/device/zone", Optional.empty(), Map.of(), 200);
        return r.path("zone").asText();
    }

    /** Registers (or, for a key registered before, re-registers with a new API key) by proof of the device key. */
    public NameRegistration register(DeviceKey key, Optional<InetAddress> address, Clock clock, SecureRandom random)
            throws OnboardingException {
        String proof = RegistrationProof.sign(key, zone(), clock.instant(), random, address.map(InetAddress::getHostAddress));
        JsonNode r = call("POST", "/device/register", Optional.of(proof), Map.of("Content-Type", "application/jose"), 200, 201);
        return new NameRegistration(r.path("username").asText(), r.path("password").asText(), r.path("fulldomain").asText(),
                r.path("devid").asText());
    }

    /** Sets one of the two rolling TXT values at {@code _acme-challenge.<dev-id>.<zone>}. */
    public void setTxt(NameRegistration reg, String digest) throws OnboardingException {
        String sub = reg.fulldomain().substring(0, reg.fulldomain().indexOf('.'));
        call("POST", "/update", Optional.of(json(Map.of("subdomain", sub, "txt", digest))), auth(reg), 200);
    }

    /** Sets the address {@code <dev-id>.<zone>} answers. */
    public void setAddress(NameRegistration reg, InetAddress address) throws OnboardingException {
        call("POST", "/device/address", Optional.of(json(Map.of("address", address.getHostAddress()))), auth(reg), 200);
    }

    /** The method-1 label of {@code address}: 8 or 32 hex digits ({@code 7f000001}). */
    public static String label(InetAddress address) {
        return java.util.HexFormat.of().formatHex(address.getAddress());
    }

    private static Map<String, String> auth(NameRegistration reg) {
        return Map.of("X-Api-User", reg.username(), "X-Api-Key", reg.key());
    }

    private JsonNode call(String method, String path, Optional<String> body, Map<String, String> headers, int... ok)
            throws OnboardingException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OnboardingException("names service " + base.getHost() + " unreachable: " + line(String.valueOf(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnboardingException("interrupted", false);
        }
        for (int s : ok) {
            if (r.statusCode() == s) {
                try {
                    return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
                } catch (IOException e) {
                    throw new OnboardingException("names service " + base.getHost() + " answered " + path + " with something not JSON");
                }
            }
        }
        String detail;
        try {
            JsonNode err = JSON.readTree(r.body());
            detail = err.path("detail").asText(err.path("error").asText("HTTP " + r.statusCode()));
        } catch (IOException e) {
            detail = "HTTP " + r.statusCode();
        }
        boolean retry = r.statusCode() == 429 || r.statusCode() >= 500;
        throw new OnboardingException("names service " + base.getHost() + " refused " + path + ": " + line(detail), retry);
    }

    /** A server's text as one printable line (it reaches the console). */
    private static String line(String text) {
        String t = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
