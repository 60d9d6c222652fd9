package io.localtrust.tokens;

import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.TestCerts;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Devices for the token tests: a key, a leaf under a gateway-like issuing CA, and a signer at a fixed time. */
final class TestDevices {
    static final Instant NOW = TestCerts.NOW;
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Nonce NONCE = new Nonce("n-0S6_WzA2Mj");
    static final StatusReport REPORT = new StatusReport("printer.home.arpa", "4.2.1 (build 77)", DeviceStatus.OK);

    private static final CertificateMaker.Made ROOT = TestCerts.maker().commonName("Home root").ca(1).make();
    private static final CertificateMaker.Made ISSUING = TestCerts.maker().commonName("Home issuing").ca(0).issuer(ROOT).make();

    /** A device: its key pair and its chain (leaf, issuing CA). */
    record Device(KeyPair keyPair, CertChain chain) {
        String devId() {
            return Digests.devId(chain.leaf().spkiDer());
        }

        StatusTokenSigner signer() throws TokenSigningException {
            return signer(CLOCK);
        }

        StatusTokenSigner signer(Clock clock) throws TokenSigningException {
            return new StatusTokenSigner(keyPair.getPrivate(), chain, clock, Duration.ofMinutes(2));
        }

        SignedToken sign(TokenFormat format) throws TokenSigningException {
            return signer().sign(format, REPORT, Optional.of(NONCE));
        }
    }

    private TestDevices() {
    }

    /** A fresh device with a KIND key, its leaf issued for printer.home.arpa. */
    static Device device(KeyKind kind) {
        CertificateMaker.Made leaf = TestCerts.maker().commonName("printer.home.arpa").dns("printer.home.arpa")
                .key(kind).issuer(ISSUING).serverAuth().localDevice().make();
        return new Device(leaf.keyPair(), new CertChain(List.of(leaf.cert(), ISSUING.cert())));
    }

    private static Device rsa;

    /** One RSA 2048 device for the whole run (RSA keys are slow to make): a key type tokens refuse. */
    static synchronized Device rsa() {
        if (rsa == null) {
            rsa = device(KeyKind.RSA_2048);
        }
        return rsa;
    }

    /** A leaf for an existing key pair (made elsewhere, e.g. in a PKCS#11 token). */
    static CertChain chainFor(KeyPair pair) {
        CertificateMaker.Made leaf = TestCerts.maker().commonName("camera.home.arpa").dns("camera.home.arpa")
                .keyPair(pair).issuer(ISSUING).serverAuth().make();
        return new CertChain(List.of(leaf.cert(), ISSUING.cert()));
    }

    static StatusTokenVerifier verifier() {
        return new StatusTokenVerifier(CLOCK);
    }

    static StatusTokenVerifier verifierAt(Instant now) {
        return new StatusTokenVerifier(Clock.fixed(now, ZoneOffset.UTC));
    }
}
