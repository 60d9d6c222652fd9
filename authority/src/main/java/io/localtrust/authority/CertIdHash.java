package io.localtrust.authority;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The hash algorithms an OCSP CertID may use here (RFC 6960 §4.1.1): SHA-1, which RFC 5019
 * clients and browsers send, and the SHA-2 family. RFC 6960 §4.2.1 asks the answer's CertID to
 * use the request's algorithm, so the responder signs with the one it was asked in.
 */
public enum CertIdHash {
    SHA1(OIWObjectIdentifiers.idSHA1, "SHA-1"),
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256"),
    SHA384(NISTObjectIdentifiers.id_sha384, "SHA-384"),
    SHA512(NISTObjectIdentifiers.id_sha512, "SHA-512");

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;

    CertIdHash(ASN1ObjectIdentifier oid, String jcaName) {
        this.oid = oid;
        this.jcaName = jcaName;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The AlgorithmIdentifier as written into a CertID (parameters NULL, as OpenSSL and BC write them). */
    public AlgorithmIdentifier algorithmIdentifier() {
        return new AlgorithmIdentifier(oid, DERNull.INSTANCE);
    }

    /** The algorithm with this OID; empty for any other (the responder then refuses the request). */
    public static Optional<CertIdHash> of(ASN1ObjectIdentifier oid) {
        for (CertIdHash h : values()) {
            if (h.oid.equals(oid)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
        }
    }
}
