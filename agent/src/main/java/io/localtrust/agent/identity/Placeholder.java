package io.localtrust.agent.identity;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate that only carries a key into a key store (PKCS#12 and PKCS#11 key
 * stores keep a private key with a certificate). It is never served: nothing trusts it.
 */
final class Placeholder {
    private Placeholder() {
    }

    static X509Certificate of(KeyPair key, Optional<Provider> provider, Instant now, SecureRandom random) throws Exception {
        X500Name name = new X500Name("CN=localtrust device key (not served)");
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial), Date.from(now),
                Date.from(now.plus(Duration.ofDays(365L * 30))), name, key.getPublic());
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder(Signing.algorithm(key.getPublic()));
        provider.ifPresent(signer::setProvider);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(key.getPrivate())));
    }
}
