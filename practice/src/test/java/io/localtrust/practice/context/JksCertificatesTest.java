package io.localtrust.practice.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JKS trust-store reader gives exactly the certificates the JDK's {@link KeyStore} gives — for
 * a store the JDK wrote and for the JDK's own {@code cacerts} — and declines (so the caller uses
 * {@code KeyStore}) anything that is not a plain JKS trust store, however it is damaged.
 */
class JksCertificatesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void readsTheCertificatesTheJdkWrote() throws Exception {
        byte[] store = jks(3, false);
        Set<String> expected = viaKeyStore(store);
        assertThat(JksCertificates.read(store)).hasValueSatisfying(ders -> assertThat(set(ders)).isEqualTo(expected));
        assertThat(JksCertificates.read(store).orElseThrow()).hasSize(3);
    }

    @Test
    void readsTheJdksCacertsAsKeyStoreDoesWhenItIsJks() throws Exception {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        byte[] store = Files.readAllBytes(cacerts);
        var read = JksCertificates.read(store);
        Set<String> expected = viaKeyStore(store);
        if (store.length >= 4 && store[0] == (byte) 0xFE && store[1] == (byte) 0xED) {
            assertThat(read).hasValueSatisfying(ders -> assertThat(set(ders)).isEqualTo(expected));
        } else {
            assertThat(read).isEmpty(); // PKCS12: Anchors uses KeyStore
        }
        assertThat(Anchors.jdkCacerts(new io.localtrust.x509.CertificateReader()).certs()).hasSize(expected.size());
    }

    @Test
    void declinesAStoreWithAPrivateKey() throws Exception {
        assertThat(JksCertificates.read(jks(2, true))).isEmpty();
    }

    @Test
    void declinesPkcs12AndGarbage() throws Exception {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setCertificateEntry("a", x509(cert("p12")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p12.store(out, "changeit".toCharArray());
        assertThat(JksCertificates.read(out.toByteArray())).isEmpty();
        assertThat(JksCertificates.read(new byte[0])).isEmpty();
        assertThat(JksCertificates.read(new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED})).isEmpty();
    }

    @Test
    void declinesEveryTruncationAndAWrongTrailer() throws Exception {
        byte[] store = jks(2, false);
        for (int cut = 0; cut < store.length; cut++) {
            assertThat(JksCertificates.read(Arrays.copyOf(store, cut))).as("cut at %d of %d", cut, store.length).isEmpty();
        }
        assertThat(JksCertificates.read(Arrays.copyOf(store, store.length + 1))).isEmpty();
    }

    @Test
    void declinesAbsurdCountsAndLengths() throws Exception {
        byte[] store = jks(1, false);
        byte[] count = store.clone();
        count[8] = 0x7f; // entry count near 2^31
        assertThat(JksCertificates.read(count)).isEmpty();
        byte[] version = store.clone();
        version[7] = 3;
        assertThat(JksCertificates.read(version)).isEmpty();
        // the certificate length field: after tag (4), alias (2 + n), date (8), type (2 + 5)
        int aliasLength = ((store[16] & 0xff) << 8) | (store[17] & 0xff);
        int lengthAt = 12 + 4 + 2 + aliasLength + 8 + 2 + 5;
        byte[] huge = store.clone();
        huge[lengthAt] = 0x10;
        assertThat(JksCertificates.read(huge)).isEmpty();
        byte[] negative = store.clone();
        negative[lengthAt] = (byte) 0x80;
        assertThat(JksCertificates.read(negative)).isEmpty();
    }

    private static byte[] jks(int certs, boolean withKey) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        for (int i = 0; i < certs; i++) {
            ks.setCertificateEntry("root-" + i, x509(cert("root " + i)));
        }
        if (withKey) {
            CertificateMaker.Made made = CertificateMaker.at(NOW, new SecureRandom()).commonName("key").make();
            ks.setKeyEntry("key", made.keyPair().getPrivate(), "pw".toCharArray(), new Certificate[] {x509(made.cert().der())});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, "changeit".toCharArray());
        return out.toByteArray();
    }

    private static byte[] cert(String name) {
        return CertificateMaker.at(NOW, new SecureRandom()).commonName(name).ca(0).make().cert().der();
    }

    private static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static Set<String> viaKeyStore(byte[] store) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS".equals(type(store)) ? "JKS" : "PKCS12");
        ks.load(new ByteArrayInputStream(store), null);
        Set<String> out = new HashSet<>();
        for (String alias : Collections.list(ks.aliases())) {
            out.add(java.util.HexFormat.of().formatHex(ks.getCertificate(alias).getEncoded()));
        }
        return out;
    }

    private static String type(byte[] store) {
        return store.length >= 2 && store[0] == (byte) 0xFE && store[1] == (byte) 0xED ? "JKS" : "PKCS12";
    }

    private static Set<String> set(List<byte[]> ders) {
        Set<String> out = new HashSet<>();
        ders.forEach(d -> out.add(java.util.HexFormat.of().formatHex(d)));
        return out;
    }
}
