package io.localtrust.trust;

import static io.localtrust.trust.Fixtures.intermediate;
import static io.localtrust.trust.Fixtures.root;
import static io.localtrust.trust.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.TestCerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Path building over presented and known certificates: order, junk, cross-signs, loops, bounds. */
class PathBuildingTest {

    @Test
    void buildsThroughIntermediatesPresentedInAnyOrderAmongJunk() {
        var r = root("Root");
        var i1 = intermediate("ICA 1", r);
        var i2 = TestCerts.maker().commonName("ICA 2").ca(0).issuer(i1).make();
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(i2).make();
        var junk = root("Unrelated");
        PathResult result = Fixtures.engine(Anchor.of(r.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert(), junk.cert(), i1.cert(), i2.cert()));
        assertThat(result.valid()).as(result.summary()).isFalse(); // ICA 1 has pathLen 0 and ICA 2 below it
        assertThat(result.reason()).contains(Reason.PATH_LENGTH);

        var ok1 = TestCerts.maker().commonName("ICA 1").ca(1).issuer(r).make();
        var ok2 = TestCerts.maker().commonName("ICA 2").ca(0).issuer(ok1).make();
        var leaf2 = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(ok2).make();
        PathResult valid = Fixtures.engine(Anchor.of(r.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf2.cert(), junk.cert(), ok1.cert(), ok2.cert()));
        assertThat(valid.valid()).as(valid.summary()).isTrue();
        assertThat(valid.path()).containsExactly(leaf2.cert(), ok2.cert(), ok1.cert(), r.cert());
    }

    @Test
    void usesKnownCertificatesTheServerDidNotSend() {
        var r = root("Root");
        var ica = intermediate("ICA", r);
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(ica).make();
        TrustEngine engine = new TrustEngine(List.of(Anchor.of(r.cert(), AnchorKind.PUBLIC)), List.of(ica.cert()),
                EngineSettings.defaults(), Fixtures.CLOCK);
        assertThat(engine.verify(server("a.example", Connection.unknown(), leaf.cert())).valid()).isTrue();
    }

    @Test
    void followsTheCrossSignToTheTrustedRoot() {
        var oldRoot = root("Old Root");
        var newRoot = root("New Root");
        var ica = intermediate("ICA", oldRoot);
        // The same ICA subject and key, certified by the trusted new root too.
        var icaCross = TestCerts.maker().commonName("ICA").keyPair(ica.keyPair()).ca(0).issuer(newRoot).make();
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(ica).make();
        PathResult r = Fixtures.engine(Anchor.of(newRoot.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert(), ica.cert(), icaCross.cert()));
        assertThat(r.valid()).as(r.summary()).isTrue();
        assertThat(r.path()).containsExactly(leaf.cert(), icaCross.cert(), newRoot.cert());
    }

    @Test
    void triesTheNextCandidateWhenTheFirstPathFails() {
        var r = root("Root");
        var good = intermediate("ICA", r);
        // Same subject and key, newer (so tried first), but restricted to clientAuth: its path fails.
        var restricted = TestCerts.maker().commonName("ICA").keyPair(good.keyPair()).ca(0).issuer(r)
                .notBefore(TestCerts.NOW.minus(Duration.ofMinutes(10)))
                .extension("2.5.29.37", false, clientAuthOnly()).make();
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(good).make();
        PathResult result = Fixtures.engine(Anchor.of(r.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert(), restricted.cert(), good.cert()));
        assertThat(result.valid()).as(result.summary()).isTrue();
        assertThat(result.path()).containsExactly(leaf.cert(), good.cert(), r.cert());
    }

    @Test
    void reportsTheFailureOfTheBestPathWhenNoneValidates() {
        var r = root("Root");
        var restricted = TestCerts.maker().commonName("ICA").ca(0).issuer(r)
                .extension("2.5.29.37", false, clientAuthOnly()).make();
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(restricted).make();
        PathResult result = Fixtures.engine(Anchor.of(r.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert(), restricted.cert()));
        assertThat(result.reason()).contains(Reason.EXTENDED_KEY_USAGE);
        assertThat(result.path()).containsExactly(leaf.cert(), restricted.cert(), r.cert());
        assertThat(result.anchorKind()).contains(AnchorKind.PUBLIC);
    }

    @Test
    void issuerLoopsEndWithoutAPath() {
        var a = root("A");
        var b = intermediate("B", a);
        var aByB = TestCerts.maker().commonName("A").keyPair(a.keyPair()).ca(null).issuer(b).make();
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(b).make();
        var unrelated = root("Trusted elsewhere");
        PathResult r = Fixtures.engine(Anchor.of(unrelated.cert(), AnchorKind.PUBLIC))
                .verify(server("a.example", Connection.unknown(), leaf.cert(), b.cert(), aByB.cert(), a.cert()));
        assertThat(r.reason()).contains(Reason.NO_PATH_TO_ANCHOR);
    }

    @Test
    void stopsAtTheCandidateCap() {
        var r = root("Root");
        // Many same-named intermediates under the root, none of which issued the leaf.
        List<Cert> junk = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            junk.add(intermediate("ICA", r).cert());
        }
        var realIca = intermediate("ICA", r);
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(realIca).make();
        List<Cert> chain = new ArrayList<>(List.of(leaf.cert()));
        chain.addAll(junk);
        TrustEngine capped = new TrustEngine(List.of(Anchor.of(r.cert(), AnchorKind.PUBLIC)), List.of(),
                EngineSettings.defaults().withMaxCandidates(5), Fixtures.CLOCK);
        PathResult result = capped.verify(VerifyRequest.server(chain, PeerName.of("a.example"), Connection.unknown()));
        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).contains(Reason.SEARCH_LIMIT);
        assertThat(result.message()).contains("5 paths tried").contains("signature does not verify");
    }

    @Test
    void stopsAtTheDeadline() {
        var r = root("Root");
        List<Cert> chain = new ArrayList<>();
        var leafIssuer = intermediate("ICA", r);
        chain.add(TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(leafIssuer).make().cert());
        for (int i = 0; i < 4; i++) {
            chain.add(intermediate("ICA", r).cert());
        }
        // A clock that moves a second on every reading: the 2 s deadline passes after two candidates.
        Clock ticking = new Clock() {
            private Instant now = TestCerts.NOW;

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusSeconds(1);
                return now;
            }
        };
        TrustEngine engine = new TrustEngine(List.of(Anchor.of(r.cert(), AnchorKind.PUBLIC)), List.of(),
                EngineSettings.defaults(), ticking);
        PathResult result = engine.verify(VerifyRequest.server(chain, PeerName.of("a.example"), Connection.unknown())
                .at(TestCerts.NOW));
        assertThat(result.reason()).contains(Reason.SEARCH_LIMIT);
        assertThat(result.message()).contains("deadline 2000 ms");
    }

    @Test
    void aWebOfSameNamedCrossSignsWithoutAnAnchorEndsEvenOnAFixedClock() {
        // Twelve CAs all named "Mesh", each self-issued and certified by the previous: every one
        // is a candidate issuer of every other, self-issued ones do not count towards the depth,
        // and a fixed clock never reaches the deadline. Only the search's own budget ends it.
        List<Cert> mesh = new ArrayList<>();
        var previous = TestCerts.maker().commonName("Mesh").ca(null).make();
        mesh.add(previous.cert());
        for (int i = 0; i < 11; i++) {
            var next = TestCerts.maker().commonName("Mesh").ca(null).issuer(previous).make();
            mesh.add(next.cert());
            previous = next;
        }
        var leaf = TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(previous).make();
        List<Cert> chain = new ArrayList<>(List.of(leaf.cert()));
        chain.addAll(mesh);
        var elsewhere = root("Somewhere else");
        long start = System.nanoTime();
        PathResult result = Fixtures.engine(Anchor.of(elsewhere.cert(), AnchorKind.PUBLIC))
                .verify(VerifyRequest.server(chain, PeerName.of("a.example"), Connection.unknown()));
        assertThat(result.reason()).as(result.summary()).contains(Reason.SEARCH_LIMIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void refusesAThousandCertificateChainQuickly() {
        var r = root("Root");
        var ica = intermediate("ICA", r);
        List<Cert> chain = new ArrayList<>();
        chain.add(TestCerts.maker().commonName("leaf").dns("a.example").serverAuth().issuer(ica).make().cert());
        for (int i = 0; i < 1000; i++) {
            chain.add(ica.cert()); // duplicates cost nothing to make and must not blow up the search
        }
        long start = System.nanoTime();
        PathResult result = Fixtures.engine(Anchor.of(r.cert(), AnchorKind.PUBLIC))
                .verify(VerifyRequest.server(chain, PeerName.of("a.example"), Connection.unknown()));
        assertThat(result.valid()).as(result.summary()).isTrue(); // duplicates collapse to one candidate
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aTrustedAnchorIsNotAcceptedAsTheLeafItself() {
        var selfSigned = TestCerts.maker().commonName("printer").dns("printer.local").serverAuth().make();
        PathResult asAnchor = Fixtures.engine(Anchor.of(selfSigned.cert(), AnchorKind.VENDOR))
                .verify(server("printer.local", Connection.unknown(), selfSigned.cert()));
        assertThat(asAnchor.reason()).contains(Reason.NO_PATH_TO_ANCHOR);
        PathResult asLeaf = Fixtures.engine(Anchor.trustedLeaf(selfSigned.cert(), AnchorKind.VENDOR))
                .verify(server("printer.local", Connection.unknown(), selfSigned.cert()));
        assertThat(asLeaf.valid()).as(asLeaf.summary()).isTrue();
    }

    private static byte[] clientAuthOnly() {
        try {
            return new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                    org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth).getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
