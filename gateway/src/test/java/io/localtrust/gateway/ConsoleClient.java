package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console over real HTTPS with the JDK's client trusting only the gateway's root: sign in, GET, POST a form. */
final class ConsoleClient implements AutoCloseable {
    private final RunningGateway g;
    private final HttpClient tls;

    ConsoleClient(RunningGateway g) throws Exception {
        this.g = g;
        this.tls = HttpClient.newBuilder().sslContext(TestGateways.trusting(g.gateway.root().der())).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    String origin() {
        String u = g.server.httpsUrl().toString();
        return u.substring(0, u.length() - 1);
    }

    /** Signs in; the session cookie ("NAME=VALUE"). */
    String login(String password) throws Exception {
        HttpResponse<String> r = post("login", null, "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8), origin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "console/" + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String cookie, String form, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.server.httpsUrl() + "console/" + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        tls.close();
    }
}
