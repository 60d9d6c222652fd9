package io.localtrust.agent.web;

import io.localtrust.agent.identity.DeviceKey;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands JSSE the device key (a handle: in a PKCS#11 token the handshake is signed there) and the
 * issued chain. One alias; key stores are not involved, so a token key never has to be packed
 * into one.
 */
final class DeviceKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "device";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    DeviceKeyManager(DeviceKey key, List<X509Certificate> chain) {
        this.key = key.privateKey();
        this.chain = chain.toArray(new X509Certificate[0]);
    }

    private String alias(String keyType) {
        return keyType != null && keyType.startsWith(chain[0].getPublicKey().getAlgorithm()) ? ALIAS : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return alias(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
