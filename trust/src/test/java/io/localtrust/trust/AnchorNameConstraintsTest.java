package io.localtrust.trust;

import static io.localtrust.trust.Fixtures.gatewayRoot;
import static io.localtrust.trust.Fixtures.local;
import static io.localtrust.trust.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import org.junit.jupiter.api.Test;

/**
 * Name constraints carried by the trust anchor itself (issue 6: neither JDK PKIX nor Bouncy
 * Castle enforces them). A gateway root constrained to home.arpa must not vouch for a bank.
 */
class AnchorNameConstraintsTest {
    private final CertificateMaker.Made gateway = gatewayRoot();

    @Test
    void rejectsBankLeafUnderHomeArpaConstrainedGatewayRoot() {
        var leaf = TestCerts.maker().commonName("bank").dns("bank.example").serverAuth().issuer(gateway).make();
        PathResult r = Fixtures.engine(Anchor.of(gateway.cert(), AnchorKind.LOCAL_GATEWAY))
                .verify(server("bank.example", Connection.unknown(), leaf.cert()));
        assertThat(r.valid()).isFalse();
        assertThat(r.reason()).contains(Reason.NAME_CONSTRAINTS);
        assertThat(r.message()).contains("bank.example").contains("outside the permitted subtrees");
    }

    @Test
    void rejectsBankLeafEvenThroughAnUnconstrainedIntermediate() {
        var ica = TestCerts.maker().commonName("Gateway issuing CA").ca(0).issuer(gateway).make();
        var leaf = TestCerts.maker().commonName("bank").dns("bank.example").serverAuth().issuer(ica).make();
        PathResult r = Fixtures.engine(Anchor.of(gateway.cert(), AnchorKind.LOCAL_GATEWAY))
                .verify(server("bank.example", Connection.unknown(), leaf.cert(), ica.cert()));
        assertThat(r.reason()).contains(Reason.NAME_CONSTRAINTS);
    }

    @Test
    void acceptsNamesInsideTheConstraints() {
        var ica = TestCerts.maker().commonName("Gateway issuing CA").ca(0).issuer(gateway).make();
        var leaf = TestCerts.maker().commonName("printer").dns("printer.home.arpa").ip("192.168.1.20").serverAuth()
                .issuer(ica).make();
        TrustEngine engine = Fixtures.engine(Anchor.of(gateway.cert(), AnchorKind.LOCAL_GATEWAY));
        PathResult byName = engine.verify(server("printer.home.arpa", local("printer.home.arpa", "192.168.1.20"),
                leaf.cert(), ica.cert()));
        assertThat(byName.valid()).as(byName.summary()).isTrue();
        PathResult byAddress = engine.verify(server("192.168.1.20", local("192.168.1.20", "192.168.1.20"),
                leaf.cert(), ica.cert()));
        assertThat(byAddress.valid()).as(byAddress.summary()).isTrue();
    }

    @Test
    void anEd25519GatewayChainValidates() {
        var root = TestCerts.maker().commonName("Ed25519 gateway root").key(io.localtrust.x509.KeyKind.ED25519).ca(1)
                .make();
        var ica = TestCerts.maker().commonName("Ed25519 issuing CA").key(io.localtrust.x509.KeyKind.ED25519).ca(0)
                .issuer(root).make();
        var leaf = TestCerts.maker().commonName("nas").dns("nas.home.arpa").serverAuth().localDevice().issuer(ica).make();
        PathResult r = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.LOCAL_GATEWAY))
                .verify(server("nas.home.arpa", local("nas.home.arpa", "192.168.1.40"), leaf.cert(), ica.cert()));
        assertThat(r.valid()).as(r.summary()).isTrue();
    }

    @Test
    void rejectsPublicAddressOutsideThePermittedRanges() {
        var leaf = TestCerts.maker().commonName("router").dns("router.home.arpa").ip("8.8.8.8").serverAuth()
                .issuer(gateway).make();
        PathResult r = Fixtures.engine(Anchor.of(gateway.cert(), AnchorKind.LOCAL_GATEWAY))
                .verify(server("router.home.arpa", Connection.unknown(), leaf.cert()));
        assertThat(r.reason()).contains(Reason.NAME_CONSTRAINTS);
        assertThat(r.message()).contains("8.8.8.8");
    }

    @Test
    void theSameChainPassesWhenTheAnchorIsTakenAsABareKeyAsJdkPkixDoes() {
        var leaf = TestCerts.maker().commonName("bank").dns("bank.example").serverAuth().issuer(gateway).make();
        PathResult r = new TrustEngine(java.util.List.of(Anchor.unconstrained(gateway.cert(), AnchorKind.PUBLIC)),
                java.util.List.of(), EngineSettings.defaults(), Fixtures.CLOCK)
                .verify(server("bank.example", Connection.unknown(), leaf.cert()));
        assertThat(r.valid()).as("what an engine ignoring anchor constraints would accept: " + r.summary()).isTrue();
    }
}
