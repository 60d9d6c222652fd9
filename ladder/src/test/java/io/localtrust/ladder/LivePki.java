package io.localtrust.ladder;

import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.MovableClock;
import io.localtrust.x509.SignatureAlgorithms;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A gateway-style PKI made now (openssl dates its OCSP responses by the real clock) for the online
 * revocation tests: a root, makers for issuing CAs and leaves naming an OCSP responder and/or a CRL,
 * CRLs, openssl responders, and a ladder on a clock the test moves.
 */
final class LivePki {
    static final String HOST = "127.0.53.1";

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MovableClock clock = MovableClock.fixedAt(now);
    final SecureRandom random = new SecureRandom();
    final Made root = maker().commonName("Home Gateway Root").organization("Home").ca(1)
            .lifetime(Duration.ofDays(3650)).make();
    private final Path dir;

    LivePki(Path dir) {
        this.dir = dir;
    }

    CertificateMaker maker() {
        return CertificateMaker.at(now, random);
    }

    /** An issuing CA under the root, naming these revocation sources (null: none). */
    Made issuingCa(String ocsp, String crl) {
        CertificateMaker m = maker().commonName("Home Gateway Issuing CA").organization("Home").issuer(root).ca(0)
                .lifetime(Duration.ofDays(730));
        return sources(m, ocsp, crl).make();
    }

    Made leaf(Made issuer, String ocsp, String crl) {
        CertificateMaker m = maker().commonName("printer.home.arpa").issuer(issuer).dns("printer.home.arpa").serverAuth()
                .localDevice().lifetime(Duration.ofDays(90));
        return sources(m, ocsp, crl).make();
    }

    private static CertificateMaker sources(CertificateMaker m, String ocsp, String crl) {
        if (ocsp != null) {
            m.ocspUrl(ocsp);
        }
        if (crl != null) {
            m.crlUrl(crl);
        }
        return m;
    }

    /** openssl's responder for certificates {@code issuer} issued, signing with the issuer's key. */
    OpensslResponder responder(Made issuer) throws Exception {
        return new OpensslResponder(Files.createTempDirectory(dir, "ocsp"), issuer);
    }

    Ladder ladder(RevocationPolicy policy, OnlineRevocation online) {
        return new Ladder(TrustConfig.of(List.of(), List.of(root.cert()), List.of()).withRevocation(policy)
                .withOnlineRevocation(online), clock);
    }

    static TlsPeer peer(Made leaf, Made issuer) {
        return TlsPeer.of("printer.home.arpa", 443, Pki.address("192.168.1.20"), List.of(leaf.cert(), issuer.cert()));
    }

    /** A CRL in {@code issuer}'s name signed by {@code signer}, current for a day, listing {@code revoked}. */
    byte[] crl(Made issuer, Made signer, BigInteger... revoked) throws Exception {
        return crl(now, issuer, signer, revoked);
    }

    /** The same, made at {@code now}: issued a minute before, next update a day after, entries revoked an hour before. */
    static byte[] crl(Instant now, Made issuer, Made signer, BigInteger... revoked) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(new X509CertificateHolder(issuer.cert().der()).getSubject(),
                Date.from(now.minusSeconds(60)));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (BigInteger s : revoked) {
            b.addCRLEntry(s, Date.from(now.minusSeconds(3600)), CRLReason.keyCompromise);
        }
        return b.build(new JcaContentSignerBuilder(SignatureAlgorithms.forKey(signer.keyPair().getPrivate()))
                .setProvider(BouncyCastle.provider()).build(signer.keyPair().getPrivate())).getEncoded();
    }

    static String reason(Decision d, String code) {
        return d.reasons().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + d.reasons())).message();
    }

    static List<String> messages(Decision d, String code) {
        return d.reasons().stream().filter(r -> r.code().equals(code)).map(DecisionReason::message).toList();
    }
}
