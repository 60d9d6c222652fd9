package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.CLOCK;
import static io.localtrust.tokens.TestDevices.NONCE;
import static io.localtrust.tokens.TestDevices.REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertChain;
import io.localtrust.x509.Digests;
import io.localtrust.x509.SoftHsm;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device key inside a real PKCS#11 token (SoftHSM2), generated there, sensitive and not
 * extractable: the signer signs through the token's SunPKCS11 provider and the tokens verify.
 */
class Pkcs11SignerTest {

    @Test
    void aNonExtractableTokenKeySignsTokensThatVerify(@TempDir Path tmp) throws Exception {
        SoftHsm.Token token = SoftHsm.token();
        Provider p11 = Security.getProvider("SunPKCS11").configure(token.writeConfig(tmp.resolve("softhsm.cfg")).toString());
        KeyStore.getInstance("PKCS11", p11).load(null, SoftHsm.PIN.toCharArray()); // logs in
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", p11);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        assertThat(pair.getPrivate().getEncoded()).as("the token must not let the key out").isNull();
        assertThat(pair.getPrivate().getClass().getName()).contains("P11");
        CertChain chain = TestDevices.chainFor(pair);

        StatusTokenSigner signer = new StatusTokenSigner(pair.getPrivate(), p11, chain, CLOCK, Duration.ofMinutes(2));
        assertThat(signer.algorithm()).isEqualTo(TokenAlgorithm.ES256);
        for (TokenFormat format : TokenFormat.values()) {
            SignedToken signed = signer.sign(format, REPORT, Optional.of(NONCE));
            TokenVerification result = TestDevices.verifier().verify(format, signed.encoded(), chain.leaf(), Optional.of(NONCE));
            assertThat(result.valid()).as("%s: %s", format, result).isTrue();
            assertThat(((TokenVerification.Verified) result).claims().subject()).isEqualTo(Digests.devId(chain.leaf().spkiDer()));
        }
    }
}
