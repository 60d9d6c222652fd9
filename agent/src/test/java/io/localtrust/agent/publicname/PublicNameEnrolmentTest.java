package io.localtrust.agent.publicname;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.agent.onboarding.OnboardingException;
import io.localtrust.localdns.Dig;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.names.NamesService;
import io.localtrust.names.NamesSettings;
import io.localtrust.names.NamesZone;
import io.localtrust.names.Pebble;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.Digests;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device side of U-CA/S against real peers on loopback: the names service and Debian's pebble
 * as the public CA (its DNS-01 lookups sent to the names service's DNS). The device registers by
 * proof of its key — the dev-id the service gives it is its own — and obtains
 * {@code *.<dev-id>.<zone>} and {@code <dev-id>.<zone>} for its device key, a chain that verifies
 * to pebble's root; {@code dig} answers its embedded-address name with its address.
 */
class PublicNameEnrolmentTest {
    @TempDir
    Path dir;

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void aDeviceRegistersByItsKeyAndGetsAWildcardFromThePublicCaByDns01() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        InetAddress lo = InetAddress.getLoopbackAddress();
        ApiTls tls = ApiTls.selfSigned(List.of("localhost"), List.of("127.0.0.1"), clock.instant(), random);
        try (NamesStore store = NamesStores.sqlite(dir.resolve("names.db"));
             NamesService names = NamesService.start(new NamesSettings(NamesZone.of("devices.example.net", List.of(), Optional.empty()),
                     new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0), DnsLimits.defaults(), ApiLimits.defaults()),
                     store, tls, clock, random);
             Pebble pebble = new Pebble(dir.resolve("pebble"), names.dnsAddress())) {
            NameServiceClient client = new NameServiceClient(URI.create("https://127.0.0.1:" + names.apiAddress().getPort()),
                    trusting(tls.chainPem()));
            KeyPair device = ec();
            DeviceKey key = new DeviceKey(device.getPrivate(), device.getPublic(), Optional.empty(), "test");

            NameRegistration reg = client.register(key, Optional.of(InetAddress.getByName("127.0.0.1")), clock, random);
            assertThat(reg.devId()).isEqualTo(key.devId()).isEqualTo(Digests.devId(device.getPublic().getEncoded()));
            assertThat(reg.fulldomain()).isEqualTo(key.devId() + ".devices.example.net");
            assertThat(reg.toString()).doesNotContain(reg.key());
            Dig dig = new Dig(names.dnsAddress());
            assertThat(dig.answers("7f000001." + reg.fulldomain(), "A")).containsExactly("127.0.0.1");
            assertThat(dig.answers(reg.fulldomain(), "A")).containsExactly("127.0.0.1");

            Cert wfe = new CertificateReader().read(pebble.wfeCert).getFirst();
            List<String> steps = new ArrayList<>();
            PublicNameEnrolment enrolment = new PublicNameEnrolment(URI.create(pebble.directory()), new GatewayAcmeProvider(wfe, clock),
                    client, Duration.ofMillis(200), Duration.ofSeconds(60), clock, steps::add);
            CertChain chain = enrolment.obtain(ec(), key, reg);

            assertThat(chain.leaf().dnsNames()).containsExactlyInAnyOrder("*." + reg.fulldomain(), reg.fulldomain());
            assertThat(chain.leaf().spkiDer()).isEqualTo(device.getPublic().getEncoded());
            verifiesTo(chain, pebble.root());
            assertThat(steps).anyMatch(s -> s.contains("validates dns-01")).last().asString().startsWith("certified *.");

            // a second registration with the same key: the same name, a new API key, the old one refused
            NameRegistration again = client.register(key, Optional.empty(), clock, random);
            assertThat(again.fulldomain()).isEqualTo(reg.fulldomain());
            assertThatThrownBy(() -> client.setTxt(reg, "a".repeat(43))).isInstanceOf(OnboardingException.class)
                    .hasMessageContaining("refused /update");
            client.setAddress(again, InetAddress.getByName("192.168.7.7"));
            assertThat(dig.answers(reg.fulldomain(), "A")).containsExactly("192.168.7.7");
        }
    }

    private static void verifiesTo(CertChain chain, String rootPem) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate root = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> path = new ArrayList<>();
        for (Cert c : chain.certs()) {
            if (!c.selfSigned()) {
                path.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der())));
            }
        }
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        p.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(path), p);
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("api", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
