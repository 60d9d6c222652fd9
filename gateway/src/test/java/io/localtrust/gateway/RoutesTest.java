package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.Refusal;
import io.localtrust.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router and the one error renderer, without a server. */
class RoutesTest {
    private static Call call(String method, String path) {
        return new Call(method, path, Map.of(), h -> null, new byte[0], List.of(), false);
    }

    private static Reply echo(Call c) {
        return Reply.ok("text/plain", String.join("|", c.pathParams()).getBytes(StandardCharsets.UTF_8));
    }

    private final Routes routes = new Routes()
            .add("GET", "/ocsp/**", RoutesTest::echo)
            .add("POST", "/api/devices/{devId}/approve", RoutesTest::echo)
            .add("GET", "/ca/root.der", RoutesTest::echo);

    @Test
    void matchesLiteralsParamsAndTheRawRestWithSlashes() throws Exception {
        assertThat(new String(routes.dispatch(call("GET", "/ocsp/MEow%2FAB/CD==")).body(), StandardCharsets.UTF_8))
                .isEqualTo("MEow%2FAB/CD==");
        assertThat(new String(routes.dispatch(call("POST", "/api/devices/abcdef/approve")).body(), StandardCharsets.UTF_8))
                .isEqualTo("abcdef");
        assertThat(routes.dispatch(call("HEAD", "/ca/root.der")).status()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertThatThrownBy(() -> routes.dispatch(call("GET", "/ocsp/"))).isInstanceOfSatisfying(HttpProblem.class,
                p -> assertThat(p.status()).isEqualTo(404));
        assertThatThrownBy(() -> routes.dispatch(call("GET", "/api/devices/abcdef/approve")))
                .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(405));
        assertThatThrownBy(() -> routes.dispatch(call("GET", "/ca/root.der/x"))).isInstanceOf(HttpProblem.class);
    }

    @Test
    void domainFailuresMapToProblemsInOnePlace() {
        Reply notFound = Problems.render(new StoreException(StoreException.Kind.NOT_FOUND, "no certificate with serial ab"));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).isEqualTo("application/problem+json");
        assertThat(new String(notFound.body(), StandardCharsets.UTF_8)).contains("\"detail\":\"no certificate with serial ab\"");
        assertThat(Problems.render(new StoreException(StoreException.Kind.CONFLICT, "x")).status()).isEqualTo(409);
        assertThat(Problems.render(new IssuanceRefused(Refusal.DENIED, "denied")).status()).isEqualTo(403);
        Reply internal = Problems.render(new IllegalStateException("secret internals"));
        assertThat(internal.status()).isEqualTo(500);
        assertThat(new String(internal.body(), StandardCharsets.UTF_8)).doesNotContain("secret internals");
    }
}
