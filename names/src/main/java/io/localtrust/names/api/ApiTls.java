package io.localtrust.names.api;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The API's TLS identity: a certificate chain and key from PEM files (in production, a publicly
 * trusted certificate for the API's name, which the names service can itself obtain by DNS-01),
 * or, when none is given, a self-signed one made at start for the API's names, its PEM written
 * where clients can pin it. The key lives only in the returned in-memory key store.
 *
 * @param keyStore the key and chain, for Jetty
 * @param password the key store's password (random, in memory)
 * @param chainPem the certificate chain, PEM: what a client trusts
 */
public record ApiTls(KeyStore keyStore, String password, String chainPem) {

    /**
     * Loads {@code chainFile} (leaf first) and {@code keyFile} (PKCS#8 or SEC1 PEM).
     *
     * @throws IllegalArgumentException naming the file that cannot be used
     */
    public static ApiTls fromPem(Path chainFile, Path keyFile, SecureRandom random) {
        List<Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (var c : new CertificateReader().read(chainFile)) {
                chain.add(cf.generateCertificate(new ByteArrayInputStream(c.der())));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the API certificate " + chainFile + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(chainFile + " holds no certificate");
        }
        PrivateKey key = readKey(keyFile);
        try {
            return of(key, chain, Files.readString(chainFile, StandardCharsets.US_ASCII), random);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + chainFile + ": " + e.getMessage(), e);
        }
    }

    /** A self-signed P-256 certificate for {@code dnsNames} and {@code ips}, valid 90 days from {@code now}. */
    public static ApiTls selfSigned(List<String> dnsNames, List<String> ips, Instant now, SecureRandom random) {
        CertificateMaker.Made made = CertificateMaker.at(now, random).commonName(dnsNames.isEmpty() ? ips.getFirst() : dnsNames.getFirst())
                .key(KeyKind.EC_P256).dns(dnsNames.toArray(String[]::new)).ip(ips.toArray(String[]::new)).serverAuth()
                .lifetime(Duration.ofDays(90)).make();
        try {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(made.cert().der()));
            return of(made.keyPair().getPrivate(), List.of(cert), made.cert().pem(), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the API's certificate", e);
        }
    }

    private static ApiTls of(PrivateKey key, List<Certificate> chain, String pem, SecureRandom random) {
        byte[] pw = new byte[18];
        random.nextBytes(pw);
        String password = java.util.Base64.getEncoder().encodeToString(pw);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("api", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            return new ApiTls(ks, password, pem);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the API key does not fit its certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API key " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " holds no unencrypted private key (PKCS#8 or SEC1 PEM)");
    }

    @Override
    public String toString() {
        return "ApiTls[" + chainPem.length() + " bytes of chain]"; // never the key store or its password
    }
}
