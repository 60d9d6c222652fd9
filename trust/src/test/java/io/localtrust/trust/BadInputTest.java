package io.localtrust.trust;

import static io.localtrust.trust.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.TestCerts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input never escapes as an exception: it is a result with a reason. */
class BadInputTest {

    @Test
    void unknownCriticalExtensionFailsThePath() {
        var root = Fixtures.root("Root");
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(root)
                .extension("1.3.6.1.4.1.99999.1", true, new byte[] {5, 0}).make();
        PathResult r = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert()));
        assertThat(r.reason()).contains(Reason.UNKNOWN_CRITICAL_EXTENSION);
        assertThat(r.message()).contains("1.3.6.1.4.1.99999.1");
    }

    @Test
    void malformedKnownExtensionIsAResultNotAnException() {
        var root = Fixtures.root("Root");
        // keyUsage whose value is not a BIT STRING.
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(root)
                .extension("2.5.29.32", false, new byte[] {0x04, 0x01, 0x00}).make();
        PathResult r = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert()));
        assertThat(r.valid()).isFalse();
        assertThat(r.reason()).contains(Reason.MALFORMED);
    }

    @Test
    void expiredAndHostMismatchAreNamed() {
        var root = Fixtures.root("Root");
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(root).make();
        TrustEngine engine = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.PUBLIC));
        assertThat(engine.verify(server("b.example", Connection.unknown(), leaf.cert())).reason())
                .contains(Reason.HOST_MISMATCH);
        assertThat(engine.verify(server("a.example", Connection.unknown(), leaf.cert())
                .at(TestCerts.NOW.plusSeconds(400L * 86400))).reason()).contains(Reason.EXPIRED);
    }

    @Test
    void noAnchorsMeansNoPath() {
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().make();
        PathResult r = new TrustEngine(List.of(), List.of(), EngineSettings.defaults(), Fixtures.CLOCK)
                .verify(server("a.example", Connection.unknown(), leaf.cert()));
        assertThat(r.reason()).contains(Reason.NO_PATH_TO_ANCHOR);
        assertThat(r.path()).containsExactly(leaf.cert());
    }
}
