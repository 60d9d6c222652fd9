package io.localtrust.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.tokens.TokenFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

/** The status route's negotiation and nonce rules; served over HTTPS in cli's DeviceTokenKeyTest. */
class StatusTokenRouteTest {
    @Test
    void jwtUnlessTheClientPrefersCose() {
        assertThat(StatusTokenRoute.format(List.of())).contains(TokenFormat.JWT);
        assertThat(StatusTokenRoute.format(List.of("application/cose"))).contains(TokenFormat.COSE);
        assertThat(StatusTokenRoute.format(List.of("Application/COSE; cose-type=\"cose-sign1\""))).contains(TokenFormat.COSE);
        assertThat(StatusTokenRoute.format(List.of("application/jwt", "application/cose"))).contains(TokenFormat.JWT);
        assertThat(StatusTokenRoute.format(List.of("text/html", "*/*"))).contains(TokenFormat.JWT);
        assertThat(StatusTokenRoute.format(List.of("text/html", "image/png"))).isEmpty();
    }

    @Test
    void theNonceIsOptionalBoundedPrintableAndGivenOnce() {
        assertThat(StatusTokenRoute.nonce(new Fields())).isEmpty();
        Fields one = new Fields();
        one.add("nonce", "n-0S6_WzA2Mj");
        assertThat(StatusTokenRoute.nonce(one)).map(n -> n.value()).isEqualTo(Optional.of("n-0S6_WzA2Mj"));
        for (String bad : new String[] {"", "short", "x".repeat(65), "has a space", "tab\there!", "caf\u00e9caf\u00e9"}) {
            Fields f = new Fields();
            f.add("nonce", bad);
            assertThatThrownBy(() -> StatusTokenRoute.nonce(f)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nonce");
        }
        Fields twice = new Fields();
        twice.add("nonce", "abcdefgh1");
        twice.add("nonce", "abcdefgh2");
        assertThatThrownBy(() -> StatusTokenRoute.nonce(twice)).hasMessage("give the nonce once, not 2 times");
    }
}
