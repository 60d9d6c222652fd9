package io.localtrust.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the front end's entry points with Jazzer: any bytes as the body of a POST to each
 * resource, with any content type — the JWS and JSON parsers behind them included. The front end
 * must always answer (never throw), never with a 500, always with a problem document for an error.
 * The suite fuzzes it for {@code maxDuration} (the acme pom sets {@code JAZZER_FUZZ=1} for its
 * tests); the longer run is documented in docs/acme.md. Jazzer keeps what it learnt in
 * {@code acme/.cifuzz-corpus/} (not committed); a crash would be saved as an input under
 * {@code src/test/resources/io/localtrust/acme/AcmeFuzzTestInputs/} and replayed by every later run.
 */
class AcmeFuzzTest {
    static final String BASE = "https://gateway.home.arpa:8443/acme";
    static final String[] PATHS = {"/new-account", "/new-order", "/revoke-cert", "/key-change", "/account/x", "/order/x",
        "/order/x/finalize", "/authz/x", "/chall/x/http-01", "/cert/1", "/renewal-info/AA.AA", "/directory", "/new-nonce"};
    static Path dir;
    static AcmeTestServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("localtrust-acme-fuzz");
        AcmeSettings d = AcmeSettings.defaults();
        // no rate limit here: the fuzzer sends thousands of requests a second from one address
        server = new AcmeTestServer(dir.resolve("gw"), 9, new AcmeSettings(d.orderLifetime(), d.nonceLifetime(), d.nonceCapacity(),
                new AcmeSettings.RateLimit(Integer.MAX_VALUE, java.time.Duration.ofSeconds(1)), d.perAccountOrders(),
                d.pendingRetryAfter(), d.website()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "20s")
    void anyRequestGetsAnAnswerAndNever500(FuzzedDataProvider data) throws Exception {
        String path = PATHS[data.consumeInt(0, PATHS.length - 1)];
        String method = data.pickValue(new String[] {"POST", "GET", "HEAD", "PUT"});
        String contentType = data.consumeBoolean() ? "application/jose+json" : data.consumeString(40);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, String> headers = Map.of("content-type", contentType);
        AcmeResponse r = server.acme.handle(new AcmeRequest(method, BASE + path,
                h -> headers.get(h.toLowerCase(java.util.Locale.ROOT)), body, InetAddress.getByName("127.0.0.1")));
        assertThat(r.status()).as("never a server error").isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.contentType()).isEqualTo("application/problem+json");
        }
    }
}
