package io.localtrust.practice;

import io.localtrust.practice.context.AnchorSet;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A small PKI for classifier tests: a public root, a gateway root + issuer, a vendor root. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();

    final Made publicRoot = maker().commonName("Test Public Root").ca(1).notBefore(NOW.minus(Duration.ofDays(1000))).lifetime(Duration.ofDays(3650)).make();
    final Made publicIssuer = maker().commonName("Test Public Issuer").issuer(publicRoot).ca(0)
            .notBefore(NOW.minus(Duration.ofDays(900))).lifetime(Duration.ofDays(1800)).make();
    final Made gatewayRoot = maker().commonName("Gateway Root").ca(1).notBefore(NOW.minus(Duration.ofDays(1000))).lifetime(Duration.ofDays(3650)).make();
    final Made gatewayIssuer = maker().commonName("Gateway Issuer").issuer(gatewayRoot).ca(0)
            .notBefore(NOW.minus(Duration.ofDays(900))).lifetime(Duration.ofDays(1800)).make();
    final Made vendorRoot = maker().commonName("Vendor Root").ca(0).lifetime(Duration.ofDays(3650)).make();

    static CertificateMaker maker() {
        return CertificateMaker.at(NOW, RANDOM);
    }

    TrustContext context() {
        return context(CompromisedKeys.none());
    }

    TrustContext context(CompromisedKeys compromised) {
        return new TrustContext(
                new AnchorSet(AnchorSet.Kind.PUBLIC, "test public", List.of(publicRoot.cert())),
                new AnchorSet(AnchorSet.Kind.LOCAL, "test gateway", List.of(gatewayRoot.cert())),
                new AnchorSet(AnchorSet.Kind.VENDOR, "test vendor", List.of(vendorRoot.cert())),
                compromised);
    }

    static CertChain chain(Cert... certs) {
        return new CertChain(List.of(certs));
    }

    static TlsObservation live(CertChain chain) {
        return new TlsObservation(Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"), chain,
                Optional.empty(), true);
    }

    static DeviceObservation device(String address, EndpointObservation... endpoints) {
        return new DeviceObservation(Optional.of(address), address, NOW, List.of(endpoints));
    }

    static DeviceObservation https(String address, CertChain chain) {
        return device(address, EndpointObservation.https(443, live(chain)));
    }
}
