package io.localtrust.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;
import java.util.Set;

/** nimbus's signer interface over {@link RawSignatures}: JCA picks the provider that holds the key. */
record JcaSigner(TokenAlgorithm alg, PrivateKey key, Optional<Provider> provider) implements JWSSigner {
    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        try {
            return Base64URL.encode(RawSignatures.sign(alg, key, provider, signingInput));
        } catch (GeneralSecurityException e) {
            throw new JOSEException(alg.jose() + " signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(alg.jose());
    }

    @Override
    public JCAContext getJCAContext() {
        return new JCAContext();
    }

    @Override
    public String toString() {
        return "JcaSigner[" + alg + "]"; // never the key
    }
}
