package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@link CertificateReader} extracts from a certificate into {@link Cert}. */
class CertFieldsTest {

    private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String OID_KEY_USAGE = "2.5.29.15";
    private static final String OID_SKI = "2.5.29.14";
    private static final String OID_AKI = "2.5.29.35";
    private static final String OID_SAN = "2.5.29.17";
    private static final String OID_EKU = "2.5.29.37";
    private static final String OID_AIA = "1.3.6.1.5.5.7.1.1";
    private static final String OID_CRL_DP = "2.5.29.31";

    private static CertificateMaker.Made root;
    private static CertificateMaker.Made intermediate;
    private static CertificateMaker.Made leaf;

    @BeforeAll
    static void makeChain() {
        root = TestCerts.maker().commonName("Home Root").organization("Home").key(KeyKind.EC_P384).ca(1).make();
        intermediate = TestCerts.maker().commonName("Home Issuing CA").organization("Home").issuer(root).ca(0).make();
        leaf = TestCerts.maker().commonName("printer.home.arpa").issuer(intermediate)
                .dns("printer.home.arpa", "printer.local")
                .ip("192.168.1.20", "fd00:0:0:0:0:0:0:1", "2001:DB8:0:0:1:0:0:1")
                .serverAuth().localDevice()
                .ocspUrl("http://gateway.home.arpa/ocsp")
                .crlUrl("http://gateway.home.arpa/crl/issuing.crl")
                .make();
    }

    @Test
    void subjectAndIssuerAreRfc4514Text() {
        assertThat(root.cert().subject()).isEqualTo("CN=Home Root,O=Home");
        assertThat(root.cert().issuer()).isEqualTo("CN=Home Root,O=Home");
        assertThat(intermediate.cert().issuer()).isEqualTo("CN=Home Root,O=Home");
        assertThat(leaf.cert().subject()).isEqualTo("CN=printer.home.arpa");
        assertThat(leaf.cert().issuer()).isEqualTo("CN=Home Issuing CA,O=Home");
    }

    @Test
    void subjectEscapesSpecialCharactersButCommonNameIsTheRawValue() {
        Cert cert = TestCerts.maker().commonName("Printer, Inc. + \"Lab\"").make().cert();

        assertThat(cert.subject()).isEqualTo("CN=Printer\\, Inc. \\+ \\\"Lab\\\"");
        assertThat(cert.subjectCommonName()).contains("Printer, Inc. + \"Lab\"");
        assertThat(cert.label()).isEqualTo("Printer, Inc. + \"Lab\"");
    }

    @Test
    void commonNameIsFoundInsideMultiValuedRdn() throws Exception {
        // O="A" encodes shorter than the CN, so DER set ordering puts it first in the RDN.
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        nb.addMultiValuedRDN(new ASN1ObjectIdentifier[] {BCStyle.CN, BCStyle.O}, new String[] {"printer", "A"});
        Cert cert = new CertificateReader().parseDer(selfSigned(nb.build()));

        assertThat(cert.subject()).isEqualTo("O=A+CN=printer");
        assertThat(cert.subjectCommonName()).contains("printer");
    }

    @Test
    void firstCommonNameWinsWhenThereAreSeveral() throws Exception {
        Cert cert = new CertificateReader().parseDer(selfSigned(new X500Name("CN=first,CN=second")));

        assertThat(cert.subjectCommonName()).contains("first");
    }

    @Test
    void missingCommonNameIsEmptyAndLabelFallsBack() {
        Cert orgOnly = TestCerts.maker().commonName(null).organization("Acme").make().cert();
        Cert anonymous = TestCerts.maker().commonName(null).issuer(root).make().cert();

        assertThat(orgOnly.subjectCommonName()).isEmpty();
        assertThat(orgOnly.label()).isEqualTo("O=Acme");
        assertThat(anonymous.subject()).isEmpty();
        assertThat(anonymous.label()).isEqualTo("sha256:" + anonymous.fingerprints().sha256().substring(0, 16));
    }

    @Test
    void ipLikeSubjectAttributesAreCollected() {
        Cert cert = TestCerts.maker().commonName("192.168.1.20").organization("fd00::1").make().cert();
        Cert named = TestCerts.maker().commonName("printer").organization("Acme").make().cert();

        assertThat(cert.subjectIpLike()).containsExactlyInAnyOrder("192.168.1.20", "fd00::1");
        assertThat(named.subjectIpLike()).isEmpty();
    }

    @Test
    void subjectAltNamesKeepOrderAndUseCanonicalIpText() {
        assertThat(leaf.cert().sans()).containsExactly(
                SubjectAltName.dns("printer.home.arpa"),
                SubjectAltName.dns("printer.local"),
                SubjectAltName.ip("192.168.1.20"),
                SubjectAltName.ip("fd00::1"),
                SubjectAltName.ip("2001:db8::1:0:0:1"));
        assertThat(leaf.cert().dnsNames()).containsExactly("printer.home.arpa", "printer.local");
        assertThat(leaf.cert().ipAddresses()).containsExactly("192.168.1.20", "fd00::1", "2001:db8::1:0:0:1");
        assertThat(leaf.cert().sans().get(3)).hasToString("ip:fd00::1");
    }

    @Test
    void certificateWithoutSanHasEmptyLists() {
        assertThat(root.cert().sans()).isEmpty();
        assertThat(root.cert().dnsNames()).isEmpty();
        assertThat(root.cert().ipAddresses()).isEmpty();
    }

    @Test
    void extendedKeyUsagesIncludeLocalDevice() {
        assertThat(leaf.cert().ekus()).containsExactly(Oids.KP_SERVER_AUTH, Oids.KP_LOCAL_DEVICE);
        assertThat(leaf.cert().hasEku(Oids.KP_LOCAL_DEVICE)).isTrue();
        assertThat(leaf.cert().hasEku(Oids.KP_CLIENT_AUTH)).isFalse();
        assertThat(leaf.cert().ekus()).extracting(Oids::ekuName).containsExactly("serverAuth", "id-kp-localDevice");
        assertThat(root.cert().ekus()).isEmpty();
    }

    @Test
    void ekuNamesUnknownOidsByTheirNumber() {
        assertThat(Oids.ekuName("1.3.6.1.5.5.7.3.9")).isEqualTo("OCSPSigning");
        assertThat(Oids.ekuName("2.5.29.37.0")).isEqualTo("anyExtendedKeyUsage");
        assertThat(Oids.ekuName("1.2.3.4")).isEqualTo("1.2.3.4");
        // The draft's "id-kp 10" is id-kp-dvcs; ours lives under 2.25.
        assertThat(Oids.KP_LOCAL_DEVICE).startsWith("2.25.").isNotEqualTo("1.3.6.1.5.5.7.3.10");
    }

    @Test
    void keyUsageBitsHaveTheirRfc5280Names() {
        Cert rsaLeaf = TestCerts.maker().key(KeyKind.RSA_1024).make().cert();

        assertThat(leaf.cert().keyUsage()).containsExactly("digitalSignature");
        assertThat(rsaLeaf.keyUsage()).containsExactlyInAnyOrder("digitalSignature", "keyEncipherment");
        assertThat(root.cert().keyUsage()).containsExactlyInAnyOrder("digitalSignature", "keyCertSign", "cRLSign");
    }

    @Test
    void basicConstraintsAndPathLength() {
        Cert unlimitedCa = TestCerts.maker().commonName("Unlimited").ca(null).make().cert();

        assertThat(root.cert().ca()).isTrue();
        assertThat(root.cert().pathLength()).isEqualTo(OptionalInt.of(1));
        assertThat(intermediate.cert().ca()).isTrue();
        assertThat(intermediate.cert().pathLength()).isEqualTo(OptionalInt.of(0));
        assertThat(unlimitedCa.ca()).isTrue();
        assertThat(unlimitedCa.pathLength()).isEmpty();
        assertThat(leaf.cert().ca()).isFalse();
        assertThat(leaf.cert().pathLength()).isEmpty();
    }

    @Test
    void certificateWithoutExtensionsIsNotACa() throws Exception {
        Cert v3NoExtensions = new CertificateReader().parseDer(selfSigned(new X500Name("CN=bare")));

        assertThat(v3NoExtensions.extensions()).isEmpty();
        assertThat(v3NoExtensions.ca()).isFalse();
        assertThat(v3NoExtensions.keyUsage()).isEmpty();
        assertThat(v3NoExtensions.ekus()).isEmpty();
        assertThat(v3NoExtensions.selfIssued()).isTrue();
        assertThat(v3NoExtensions.selfSigned()).isTrue();
    }

    @Test
    void ocspAndCrlUrls() {
        assertThat(leaf.cert().ocspUrls()).containsExactly("http://gateway.home.arpa/ocsp");
        assertThat(leaf.cert().caIssuerUrls()).isEmpty();
        assertThat(leaf.cert().crlUrls()).containsExactly("http://gateway.home.arpa/crl/issuing.crl");
        assertThat(root.cert().ocspUrls()).isEmpty();
        assertThat(root.cert().crlUrls()).isEmpty();
    }

    @Test
    void authorityInfoAccessSeparatesOcspFromCaIssuers() throws Exception {
        var aia = new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://gateway.home.arpa/issuing.cer")),
            new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://gateway.home.arpa/ocsp")),
            new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://backup.home.arpa/ocsp")),
            new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers,
                    new GeneralName(GeneralName.dNSName, "not-a-uri.home.arpa"))});
        Cert cert = TestCerts.maker().extension(OID_AIA, false, aia.getEncoded()).make().cert();

        assertThat(cert.ocspUrls()).containsExactly("http://gateway.home.arpa/ocsp", "http://backup.home.arpa/ocsp");
        assertThat(cert.caIssuerUrls()).containsExactly("http://gateway.home.arpa/issuing.cer");
    }

    private static byte[] aiaOf(String ocspUrl) throws Exception {
        return new AuthorityInformationAccess(new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))).getEncoded();
    }

    private static byte[] crlDpOf(String url) throws Exception {
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null)}).getEncoded();
    }

    @Test
    void urlsReadAgainFromEqualBytesAreTheSameAndOtherBytesAreReadForThemselves() throws Exception {
        // an issuer's AIA and CRL DP come back with each certificate it signs: remembered by their bytes
        CertificateReader reader = new CertificateReader();
        Cert a1 = reader.parseDer(TestCerts.maker().extension(OID_AIA, false, aiaOf("http://a.home.arpa/ocsp"))
                .extension(OID_CRL_DP, false, crlDpOf("http://a.home.arpa/a.crl")).make().cert().der());
        Cert a2 = reader.parseDer(TestCerts.maker().extension(OID_AIA, false, aiaOf("http://a.home.arpa/ocsp"))
                .extension(OID_CRL_DP, false, crlDpOf("http://a.home.arpa/a.crl")).make().cert().der());
        Cert b = reader.parseDer(TestCerts.maker().extension(OID_AIA, false, aiaOf("http://b.home.arpa/ocsp"))
                .extension(OID_CRL_DP, false, crlDpOf("http://b.home.arpa/b.crl")).make().cert().der());

        assertThat(a2.ocspUrls()).isEqualTo(a1.ocspUrls()).containsExactly("http://a.home.arpa/ocsp");
        assertThat(a2.crlUrls()).isEqualTo(a1.crlUrls()).containsExactly("http://a.home.arpa/a.crl");
        assertThat(b.ocspUrls()).containsExactly("http://b.home.arpa/ocsp");
        assertThat(b.crlUrls()).containsExactly("http://b.home.arpa/b.crl");
        assertThat(b.caIssuerUrls()).isEmpty();
    }

    @Test
    void aMalformedAiaIsRefusedEachTimeAndRemembersNothing() throws Exception {
        CertificateReader reader = new CertificateReader();
        KeyPair pair = KeyKind.EC_P256.generate(TestCerts.random(4));
        X500Name name = new X500Name("CN=bad-aia.home.arpa");
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(8), Date.from(TestCerts.NOW),
                Date.from(TestCerts.NOW.plus(Duration.ofDays(1))), name, pair.getPublic());
        // an AIA whose value is a SEQUENCE claiming 5 bytes of content with 2 present
        builder.addExtension(new ASN1ObjectIdentifier(OID_AIA), false, new byte[] {0x30, 0x05, 0x30, 0x03});
        byte[] bad = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                .build(pair.getPrivate())).getEncoded();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> reader.parseDer(bad)).isInstanceOf(CertificateParseException.class)
                    .hasMessageStartingWith("malformed certificate");
        }
        assertThat(reader.parseDer(TestCerts.maker().extension(OID_AIA, false, aiaOf("http://c.home.arpa/ocsp"))
                .make().cert().der()).ocspUrls()).containsExactly("http://c.home.arpa/ocsp");
    }

    @Test
    void selfSignedRootIsSelfIssuedAndSelfSigned() {
        assertThat(root.cert().selfIssued()).isTrue();
        assertThat(root.cert().selfSigned()).isTrue();
    }

    @Test
    void issuedCertificatesAreNeitherSelfIssuedNorSelfSigned() {
        assertThat(intermediate.cert().selfIssued()).isFalse();
        assertThat(intermediate.cert().selfSigned()).isFalse();
        assertThat(leaf.cert().selfIssued()).isFalse();
        assertThat(leaf.cert().selfSigned()).isFalse();
    }

    @Test
    void selfIssuedCertificateSignedByAnotherKeyIsNotSelfSigned() {
        // A key-rollover certificate: same name as its issuer, but a new key.
        Cert rollover = TestCerts.maker().commonName("Home Root").organization("Home").issuer(root).ca(1).make().cert();

        assertThat(rollover.selfIssued()).isTrue();
        assertThat(rollover.selfSigned()).isFalse();
    }

    @Test
    void selfSignedWorksForEveryKeyKind() {
        for (KeyKind kind : List.of(KeyKind.EC_P256, KeyKind.EC_P384, KeyKind.ED25519, KeyKind.RSA_1024)) {
            Cert cert = TestCerts.maker().key(kind).make().cert();
            assertThat(cert.selfSigned()).as("%s self-signed", kind).isTrue();
        }
    }

    @Test
    void issuedLinksSubjectToIssuer() {
        assertThat(root.cert().issued(intermediate.cert())).isTrue();
        assertThat(intermediate.cert().issued(leaf.cert())).isTrue();
        assertThat(leaf.cert().issued(intermediate.cert())).isFalse();
        assertThat(root.cert().issued(root.cert())).isTrue();
    }

    @Test
    void extensionListDescribesEveryExtension() {
        assertThat(root.cert().extensions()).extracting(Cert.ExtensionInfo::oid)
                .containsExactly(OID_BASIC_CONSTRAINTS, OID_KEY_USAGE, OID_SKI, OID_AKI);
        assertThat(leaf.cert().extensions()).hasSize(8).extracting(Cert.ExtensionInfo::oid)
                .containsExactly(OID_BASIC_CONSTRAINTS, OID_KEY_USAGE, OID_SKI, OID_AKI, OID_SAN, OID_EKU,
                        OID_AIA, OID_CRL_DP);
        assertThat(leaf.cert().extensions()).filteredOn(Cert.ExtensionInfo::critical)
                .extracting(Cert.ExtensionInfo::oid).containsExactly(OID_BASIC_CONSTRAINTS, OID_KEY_USAGE);
    }

    @Test
    void extensionLengthIsTheSizeOfTheEncodedValue() {
        Cert cert = TestCerts.maker().extension("1.2.3.4", true, new byte[100]).make().cert();

        // The length is that of the extnValue OCTET STRING's contents: here the 100 bytes given.
        assertThat(cert.extensions()).contains(new Cert.ExtensionInfo("1.2.3.4", true, 100));
        assertThat(cert.extensions()).filteredOn(x -> x.oid().equals(OID_SKI))
                .singleElement().extracting(Cert.ExtensionInfo::length).isEqualTo(22); // OCTET STRING of a 20-byte id
    }

    @Test
    void versionSerialValidityAndSignatureAlgorithm() {
        Cert cert = leaf.cert();

        assertThat(cert.version()).isEqualTo(3);
        assertThat(cert.serial().signum()).isPositive();
        assertThat(cert.serial().bitLength()).isEqualTo(64);
        assertThat(cert.notBefore()).isEqualTo(TestCerts.NOW.minus(Duration.ofHours(1)));
        assertThat(cert.notAfter()).isEqualTo(cert.notBefore().plus(Duration.ofDays(90)));
        assertThat(cert.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(cert.signatureAlgorithmOid()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(root.cert().signatureAlgorithmOid()).isEqualTo("1.2.840.10045.4.3.3"); // P-384 key: SHA384
    }

    @Test
    void explicitSignatureAlgorithmIsReported() {
        Cert sha1 = TestCerts.maker().key(KeyKind.RSA_1024).signatureAlgorithm("SHA1withRSA").make().cert();
        Cert ed = TestCerts.maker().key(KeyKind.ED25519).make().cert();

        assertThat(sha1.signatureAlgorithmOid()).isEqualTo("1.2.840.113549.1.1.5");
        assertThat(sha1.signatureAlgorithm()).isEqualTo("SHA1withRSA");
        assertThat(ed.signatureAlgorithmOid()).isEqualTo("1.3.101.112");
        assertThat(ed.signatureAlgorithm()).isEqualToIgnoringCase("Ed25519");
    }

    @Test
    void validityIsInclusiveAtBothEnds() {
        Cert cert = TestCerts.maker().notBefore(Instant.parse("2026-01-01T00:00:00Z")).lifetime(Duration.ofDays(10))
                .make().cert();

        assertThat(cert.isValidAt(Instant.parse("2025-12-31T23:59:59Z"))).isFalse();
        assertThat(cert.isValidAt(Instant.parse("2026-01-01T00:00:00Z"))).isTrue();
        assertThat(cert.isValidAt(Instant.parse("2026-01-11T00:00:00Z"))).isTrue();
        assertThat(cert.isValidAt(Instant.parse("2026-01-11T00:00:01Z"))).isFalse();
    }

    @Test
    void certIsImmutableAndEqualByEncoding() throws Exception {
        Cert cert = leaf.cert();
        byte[] der = cert.der();
        der[10] ^= 0x7f;
        byte[] spki = cert.spkiDer();
        spki[5] ^= 0x7f;

        assertThat(cert.der()).isNotEqualTo(der);
        assertThat(cert.spkiDer()).isNotEqualTo(spki);
        assertThatThrownBy(() -> cert.sans().add(SubjectAltName.dns("evil.example")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cert.keyUsage().add("keyCertSign")).isInstanceOf(UnsupportedOperationException.class);

        Cert again = new CertificateReader().parseDer(cert.der());
        assertThat(again).isEqualTo(cert).hasSameHashCodeAs(cert).isNotSameAs(cert);
        assertThat(again).isNotEqualTo(intermediate.cert());
        assertThat(cert.toString()).isEqualTo("Cert[CN=printer.home.arpa, sha256=" + cert.fingerprints().sha256() + "]");
    }

    @Test
    void madeToStringNeverShowsTheKey() {
        assertThat(leaf.toString()).isEqualTo("Made[" + leaf.cert() + "]").doesNotContain("Private");
    }

    /** A v3 certificate with no extensions at all, self-signed, for names the maker cannot build. */
    private static byte[] selfSigned(X500Name name) throws Exception {
        KeyPair pair = KeyKind.EC_P256.generate(TestCerts.random(3));
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7),
                Date.from(TestCerts.NOW), Date.from(TestCerts.NOW.plus(Duration.ofDays(1))), name, pair.getPublic());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                .build(pair.getPrivate())).getEncoded();
    }
}
