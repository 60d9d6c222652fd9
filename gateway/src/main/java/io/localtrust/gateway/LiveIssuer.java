package io.localtrust.gateway;

import io.localtrust.authority.CertIdHash;
import io.localtrust.authority.GatewayConfig;
import io.localtrust.authority.IssuingCa;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * One issuing CA the running gateway answers for ({@link IssuingCa}), with what serving needs:
 * its CertID issuer hashes in every {@link CertIdHash} (RFC 6960 §4.1.1: the hash of its subject
 * DN and of its public key bits), its key identifier (what its certificates carry as authority
 * key identifier, RFC 5280 §4.2.1.1) and its CRL.
 */
final class LiveIssuer {
    private record Hashes(byte[] name, byte[] key) {
    }

    private final IssuingCa ca;
    private final Map<CertIdHash, Hashes> hashes = new EnumMap<>(CertIdHash.class);
    private final byte[] keyId;
    private final CrlPublisher crl;

    LiveIssuer(IssuingCa ca, Clock clock) {
        this.ca = ca;
        this.crl = new CrlPublisher(ca.crl(), clock);
        try {
            X509CertificateHolder h = new X509CertificateHolder(ca.certificate().der());
            byte[] name = h.getSubject().getEncoded("DER");
            byte[] key = h.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
            for (CertIdHash alg : CertIdHash.values()) {
                hashes.put(alg, new Hashes(alg.digest(name), alg.digest(key)));
            }
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(h.getExtensions());
            // without an SKI, the leaves' AKI is RFC 5280 method 1: SHA-1 of the key bits (what LeafProfile writes)
            this.keyId = ski != null ? ski.getKeyIdentifier() : CertIdHash.SHA1.digest(key);
        } catch (IOException e) {
            throw new IllegalStateException("the issuing certificate " + ca.serialHex() + " cannot be read", e);
        }
    }

    /** Whether this CertID names this CA as the issuer, in the (supported) hash it uses. */
    boolean named(CertificateID id, CertIdHash alg) {
        Hashes h = hashes.get(alg);
        return MessageDigest.isEqual(h.name(), id.getIssuerNameHash()) && MessageDigest.isEqual(h.key(), id.getIssuerKeyHash());
    }

    /** Whether a certificate whose authority key identifier is {@code aki} names this CA's key. */
    boolean hasKeyId(byte[] aki) {
        return MessageDigest.isEqual(keyId, aki);
    }

    IssuingCa ca() {
        return ca;
    }

    Cert certificate() {
        return ca.certificate();
    }

    BigInteger serial() {
        return ca.certificate().serial();
    }

    CrlPublisher crl() {
        return crl;
    }

    /** The last path segment of this CA's CRL URL. */
    String crlFileName() {
        return GatewayConfig.crlFileName(serial());
    }

    @Override
    public String toString() {
        return "issuing CA " + ca.serialHex();
    }
}
