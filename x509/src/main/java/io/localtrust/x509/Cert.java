package io.localtrust.x509;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One parsed X.509 certificate (RFC 5280), immutable and free of Bouncy Castle types.
 * Made by {@link CertificateReader}; the DER it came from is kept so that fingerprints and
 * path validation work on exactly the bytes that were presented.
 *
 * @param subject            subject DN in RFC 4514 form
 * @param issuer             issuer DN in RFC 4514 form
 * @param subjectCommonName  the (first) CN attribute of the subject, if any
 * @param subjectIpLike      subject attribute values that are IP address literals (CN included)
 * @param sans               subjectAltName entries, in certificate order
 * @param ekus               extendedKeyUsage OIDs ({@link Oids}); empty when the extension is absent
 * @param keyUsage           keyUsage bit names ("digitalSignature", "keyCertSign", …)
 * @param ca                 basicConstraints cA
 * @param pathLength         basicConstraints pathLenConstraint
 * @param selfIssued         subject equals issuer (RFC 5280 §6.1)
 * @param selfSignature      whether the signature verifies with its own key (checked lazily; see {@link #selfSigned()})
 * @param ocspUrls           AIA id-ad-ocsp URIs
 * @param caIssuerUrls       AIA id-ad-caIssuers URIs
 * @param crlUrls            CRL distribution point URIs
 * @param extensions         every extension: OID, criticality, value length
 */
public record Cert(
        int version,
        BigInteger serial,
        String subject,
        String issuer,
        Optional<String> subjectCommonName,
        List<String> subjectIpLike,
        Instant notBefore,
        Instant notAfter,
        KeyInfo key,
        String signatureAlgorithm,
        String signatureAlgorithmOid,
        List<SubjectAltName> sans,
        List<String> ekus,
        Set<String> keyUsage,
        boolean ca,
        OptionalInt pathLength,
        boolean selfIssued,
        SelfSignature selfSignature,
        List<String> ocspUrls,
        List<String> caIssuerUrls,
        List<String> crlUrls,
        List<ExtensionInfo> extensions,
        Fingerprints fingerprints,
        byte[] der,
        byte[] spkiDer) {

    /** One extension, described by size only. */
    public record ExtensionInfo(String oid, boolean critical, int length) {
        public ExtensionInfo {
            Objects.requireNonNull(oid, "oid");
        }
    }

    public Cert {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subjectCommonName, "subjectCommonName");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(pathLength, "pathLength");
        Objects.requireNonNull(fingerprints, "fingerprints");
        Objects.requireNonNull(selfSignature, "selfSignature");
        subjectIpLike = List.copyOf(subjectIpLike);
        sans = List.copyOf(sans);
        ekus = List.copyOf(ekus);
        keyUsage = Set.copyOf(keyUsage);
        ocspUrls = List.copyOf(ocspUrls);
        caIssuerUrls = List.copyOf(caIssuerUrls);
        crlUrls = List.copyOf(crlUrls);
        extensions = List.copyOf(extensions);
        der = der.clone();
        spkiDer = spkiDer.clone();
    }

    /**
     * Self-signed: the signature verifies with the certificate's own key (whatever its names
     * say). Verified on first call, then remembered.
     */
    public boolean selfSigned() {
        return selfSignature.verified();
    }

    /** The certificate as one PEM block (RFC 7468), 64-column base64, ending in a newline. */
    public String pem() {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The certificate as DER; a copy. */
    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The DER of its TBSCertificate: the bytes its signature covers (RFC 5280 §4.1.1.3). */
    public byte[] tbsDer() {
        return CertificateDer.tbs(der);
    }

    /**
     * This certificate with {@code signature} as its signature value: the same TBSCertificate and
     * signature algorithm byte for byte, so every field read from them is kept as it is, without
     * parsing again; the DER and the fingerprints are the new certificate's. An issuer parses and
     * lints its unsigned draft, signs its {@link #tbsDer()}, and gets the issued certificate from
     * this. Whether the signature verifies is not checked here, as for any parsed certificate; a
     * certificate that may be self-signed checks its new signature when asked ({@link #selfSigned()}).
     *
     * @throws IllegalArgumentException if this certificate's DER is not DER (a BER length)
     */
    public Cert withSignature(byte[] signature) {
        byte[] signed = CertificateDer.withSignature(der, signature);
        // the key is the same: its SHA-256 and dev-id carry over; only the certificate's own digests are new
        Fingerprints prints = new Fingerprints(Digests.sha256Hex(signed), Digests.sha1Hex(signed),
                fingerprints.spkiSha256(), fingerprints.devId());
        SelfSignature self = selfSignature.fixed() ? selfSignature : CertMapper.selfSignature(signed, prints);
        return new Cert(version, serial, subject, issuer, subjectCommonName, subjectIpLike, notBefore, notAfter, key,
                signatureAlgorithm, signatureAlgorithmOid, sans, ekus, keyUsage, ca, pathLength, selfIssued, self,
                ocspUrls, caIssuerUrls, crlUrls, extensions, prints, signed, spkiDer);
    }

    /** The SubjectPublicKeyInfo as DER; a copy. */
    @Override
    public byte[] spkiDer() {
        return spkiDer.clone();
    }

    public List<String> dnsNames() {
        return sans.stream().filter(s -> s.type() == SubjectAltName.Type.DNS).map(SubjectAltName::value).toList();
    }

    public List<String> ipAddresses() {
        return sans.stream().filter(s -> s.type() == SubjectAltName.Type.IP).map(SubjectAltName::value).toList();
    }

    public boolean hasEku(String oid) {
        return ekus.contains(oid);
    }

    public boolean isValidAt(Instant when) {
        return !when.isBefore(notBefore) && !when.isAfter(notAfter);
    }

    /** Whether {@code other} names this certificate's subject as its issuer. */
    public boolean issued(Cert other) {
        return subject.equals(other.issuer());
    }

    /** A short label for messages: the CN, else the subject DN, else the SHA-256 prefix. */
    public String label() {
        return subjectCommonName.filter(cn -> !cn.isBlank())
                .orElse(subject.isEmpty() ? "sha256:" + fingerprints.sha256().substring(0, 16) : subject);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cert c && Arrays.equals(der, c.der);
    }

    @Override
    public int hashCode() {
        return fingerprints.sha256().hashCode();
    }

    @Override
    public String toString() {
        return "Cert[" + subject + ", sha256=" + fingerprints.sha256() + "]";
    }
}
