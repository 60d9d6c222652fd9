package io.localtrust.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.KeyKind;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeCryptoTest {
    /** Conscrypt's provider; tests of it are skipped where it does not load (CI's Debian x86_64 asserts it does). */
    static Provider conscrypt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeCrypto.provider().isPresent(), "Conscrypt does not load here");
        return NativeCrypto.provider().get();
    }
    private static boolean verifies(SigningKey key, byte[] data, byte[] signature) throws Exception {
        Signature v = Signature.getInstance(key.signatureAlgorithm(), BouncyCastle.provider());
        v.initVerify(key.publicKey());
        v.update(data);
        return v.verify(signature);
    }

    @Test
    void loadsOnLinuxX8664AsCiRunsIt() {
        boolean linuxAmd64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (linuxAmd64) {
            assertThat(NativeCrypto.provider()).isPresent();
            assertThat(NativeCrypto.provider().get()).isSameAs(NativeCrypto.provider().get()); // loaded once
        }
    }

    @Test
    void theSwitchLeavesItOut() {
        String before = System.getProperty(NativeCrypto.SWITCH);
        try {
            System.setProperty(NativeCrypto.SWITCH, "off");
            assertThat(NativeCrypto.provider()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(NativeCrypto.SWITCH);
            } else {
                System.setProperty(NativeCrypto.SWITCH, before);
            }
        }
    }

    @Test
    void aFileKeySignsNativelyAndItsSignaturesVerifyUnderBouncyCastle() throws Exception {
        Provider conscrypt = conscrypt();
        for (KeyKind kind : new KeyKind[] {KeyKind.EC_P256, KeyKind.EC_P384}) {
            KeyPair pair = kind.generate(TestGateway.RANDOM);
            SigningKey file = SigningKey.bouncyCastle(pair.getPrivate(), pair.getPublic());
            SigningKey fast = file.preferring(conscrypt, TestGateway.RANDOM);
            assertThat(fast.provider()).isSameAs(conscrypt);
            assertThat(fast.signatureAlgorithm()).isEqualTo(file.signatureAlgorithm());
            assertThat(fast.publicKey()).isSameAs(file.publicKey());
            byte[] data = "a device certificate's TBS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(verifies(fast, data, fast.sign(data, TestGateway.RANDOM))).as(kind.name()).isTrue();
        }
    }

    @Test
    void whatItCannotTakeStaysAsItWas() throws Exception {
        Provider conscrypt = conscrypt();
        KeyPair ed = KeyKind.ED25519.generate(TestGateway.RANDOM); // not in Conscrypt 2.5
        SigningKey edKey = SigningKey.bouncyCastle(ed.getPrivate(), ed.getPublic());
        assertThat(edKey.preferring(conscrypt, TestGateway.RANDOM)).isSameAs(edKey);

        // a token's key cannot be read out: it keeps signing where it is
        KeyPair ec = KeyKind.EC_P256.generate(TestGateway.RANDOM);
        PrivateKey handle = new java.security.interfaces.ECPrivateKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.math.BigInteger getS() {
                throw new UnsupportedOperationException("sensitive");
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }

            @Override
            public java.security.spec.ECParameterSpec getParams() {
                return ((java.security.interfaces.ECPublicKey) ec.getPublic()).getParams();
            }
        };
        SigningKey token = SigningKey.of(handle, ec.getPublic(), BouncyCastle.provider());
        assertThat(token.extractable()).isFalse();
        assertThat(token.preferring(conscrypt, TestGateway.RANDOM)).isSameAs(token);

        // a key whose test signature would not verify (its public half is another key's) is not taken
        KeyPair other = KeyKind.EC_P256.generate(TestGateway.RANDOM);
        SigningKey mismatched = SigningKey.bouncyCastle(ec.getPrivate(), other.getPublic());
        assertThat(mismatched.preferring(conscrypt, TestGateway.RANDOM)).isSameAs(mismatched);
    }
}
