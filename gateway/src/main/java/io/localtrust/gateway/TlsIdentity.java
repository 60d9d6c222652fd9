package io.localtrust.gateway;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.Identity;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.Issued;
import io.localtrust.x509.Cert;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The gateway's own HTTPS identity: a fresh P-256 key made at each start and kept in memory
 * only, certified by the gateway's own authority through the same path as every device (actor
 * {@value #ACTOR}, approved by the owner who started it) for its names and the listen address.
 * A name or address the CA's constraints do not permit is left out (a browser would refuse the
 * certificate anyway); with nothing left, the gateway does not start. {@link TlsRenewal} certifies
 * the same key again, through {@link #certify}, before the certificate ages.
 */
final class TlsIdentity {
    static final String ACTOR = "gateway";

    /** The key and the chain (leaf, intermediate) as a JSSE key store, with its throwaway password. */
    record Material(KeyStore keyStore, String password, Cert leaf, List<String> identities) {
        /** Never the password (nor, by way of the key store, the key). */
        @Override
        public String toString() {
            return "Material[serial=" + leaf.serial().toString(16) + ", identities=" + identities + "]";
        }
    }

    private TlsIdentity() {
    }

    /** What to certify: the names, plus the listen address unless it is a wildcard, kept if the CA may certify them. */
    static List<String> identities(Gateway gateway, List<String> names, InetAddress listen) {
        Set<String> ids = new LinkedHashSet<>(names);
        if (!listen.isAnyLocalAddress()) {
            ids.add(listen.getHostAddress());
        }
        List<String> permitted = new ArrayList<>();
        for (String s : ids) {
            try {
                if (gateway.config().names().permits(Identity.parse(s))) {
                    permitted.add(s);
                }
            } catch (IssuanceRefused e) {
                // not a name or an address: left out
            }
        }
        return permitted;
    }

    /** A fresh P-256 key, for the start and after a revocation (never written anywhere). */
    static KeyPair newKey(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the gateway's TLS key", e);
        }
    }

    /** At start: a fresh key, certified; a refusal refuses the start. */
    static Certified issue(Gateway gateway, List<String> identities, SecureRandom random) throws StartupRefused {
        if (identities.isEmpty()) {
            throw new StartupRefused("no name or listen address the gateway may certify for itself (permitted: "
                    + gateway.config().names().describe() + ")");
        }
        KeyPair key = newKey(random);
        try {
            return new Certified(key, certify(gateway, identities, key, random));
        } catch (IssuanceRefused e) {
            throw new StartupRefused("cannot certify the gateway itself: " + e.getMessage(), e);
        }
    }

    /** A key and what was issued for it; the key stays in memory, out of every log line. */
    record Certified(KeyPair key, Material material) {
        @Override
        public String toString() {
            return "Certified[serial=" + material.leaf().serial().toString(16) + "]";
        }
    }

    /**
     * Has the authority certify {@code key} for {@code identities} (same path as every device:
     * actor {@value #ACTOR}, approved at issuance) and packs key and chain for JSSE.
     */
    static Material certify(Gateway gateway, List<String> identities, KeyPair key, SecureRandom random)
            throws IssuanceRefused {
        try {
            byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + identities.get(0)), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
            Issued issued = gateway.authority().issue(new IssuanceRequest(csr, identities, ACTOR, true));
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<Certificate> chain = new ArrayList<>();
            for (Cert c : issued.chain()) {
                chain.add(cf.generateCertificate(new ByteArrayInputStream(c.der())));
            }
            byte[] pw = new byte[18];
            random.nextBytes(pw);
            String password = java.util.Base64.getEncoder().encodeToString(pw);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("gateway", key.getPrivate(), password.toCharArray(), chain.toArray(new Certificate[0]));
            return new Material(ks, password, issued.leaf(), identities);
        } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot pack the gateway's TLS key", e);
        }
    }
}
