package io.localtrust.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.acme.jws.Jws;
import io.localtrust.authority.Gateway;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Issued certificates as ACME sees them: download (PEM chain), revocation (by the account that
 * ordered it, or signed with the certificate's own key), renewal information (RFC 9773, ARI),
 * and which order replaced which certificate.
 */
final class Certificates {
    /** Reasons a subscriber may give (RFC 8555 §7.6, as Boulder accepts them). */
    private static final Set<RevocationReason> SUBSCRIBER_REASONS = Set.of(RevocationReason.UNSPECIFIED,
            RevocationReason.KEY_COMPROMISE, RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED,
            RevocationReason.CESSATION_OF_OPERATION, RevocationReason.PRIVILEGE_WITHDRAWN);
    static final Duration ARI_RETRY = Duration.ofHours(6);
    private final Gateway gateway;
    private final Clock clock;
    private final CertificateReader reader = new CertificateReader();

    Certificates(Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    void recordOwner(String accountId, String orderId, String serialHex, Instant notAfter) throws StoreException {
        gateway.store().addObjects(List.of(new AcmeObject(ObjectKind.CERT, serialHex, accountId,
                Docs.write(new Docs.CertOwner(orderId, null)), clock.instant(), notAfter, 1)));
    }

    AcmeResponse download(Signed s, String serialHex) throws AcmeProblem, StoreException {
        s.requirePostAsGet();
        AcmeAccount account = s.requireAccount();
        Optional<AcmeObject> owner = gateway.store().object(ObjectKind.CERT, serialHex);
        if (owner.isEmpty() || !owner.get().accountId().equals(account.id())) {
            throw AcmeProblem.notFound("no certificate " + AcmeServer.printable(serialHex) + " for this account");
        }
        IssuedCertificate issued = gateway.store().certificate(new BigInteger(serialHex, 16))
                .orElseThrow(() -> new IllegalStateException("certificate " + serialHex + " has an owner but no record"));
        StringBuilder pem = new StringBuilder(parse(issued.der()).pem());
        for (Cert c : chainOf(issued.der())) {
            pem.append(c.pem());
        }
        return new AcmeResponse(200, "application/pem-certificate-chain", pem.toString().getBytes(StandardCharsets.US_ASCII),
                Map.of());
    }

    AcmeResponse revoke(Signed s) throws AcmeProblem, StoreException {
        JsonNode p = s.payload();
        byte[] der;
        try {
            der = Base64.getUrlDecoder().decode(p.path("certificate").asText(""));
        } catch (IllegalArgumentException e) {
            throw AcmeProblem.malformed("'certificate' is not base64url DER");
        }
        Cert cert;
        try {
            cert = reader.parseDer(der);
        } catch (CertificateParseException e) {
            throw AcmeProblem.malformed("'certificate' is not a certificate: " + e.getMessage());
        }
        Optional<IssuedCertificate> issued = gateway.store().certificate(cert.serial());
        if (issued.isEmpty() || !Arrays.equals(issued.get().der(), der)) {
            throw AcmeProblem.notFound("this gateway did not issue that certificate");
        }
        RevocationReason reason = RevocationReason.ofCode(p.path("reason").asInt(0))
                .filter(SUBSCRIBER_REASONS::contains)
                .orElseThrow(() -> new AcmeProblem(AcmeError.BAD_REVOCATION_REASON, "reason " + p.path("reason").asText()
                        + " is not one a subscriber may give (0, 1, 3, 4, 5, 9)"));
        String actor;
        if (s.account().isPresent()) {
            String serialHex = cert.serial().toString(16);
            Optional<AcmeObject> owner = gateway.store().object(ObjectKind.CERT, serialHex);
            if (owner.isEmpty() || !owner.get().accountId().equals(s.account().get().id())) {
                throw AcmeProblem.unauthorized("this account did not order that certificate: revoke it with its own key instead");
            }
            actor = "acme:" + s.account().get().id();
        } else {
            if (!MessageDigest.isEqual(Jws.spki(s.key()), cert.spkiDer())) {
                throw AcmeProblem.unauthorized("the request is signed neither by an account nor by the certificate's key");
            }
            actor = "acme:certificate-key";
        }
        if (!gateway.store().revoke(cert.serial(), reason, clock.instant(), actor)) {
            throw new AcmeProblem(AcmeError.ALREADY_REVOKED, "the certificate is already revoked");
        }
        return AcmeResponse.empty(200);
    }

    /** GET renewalInfo/{certID} (RFC 9773 §4.2): when to renew. */
    AcmeResponse renewalInfo(String certId) throws AcmeProblem, StoreException {
        IssuedCertificate issued = byCertId(certId);
        Instant now = clock.instant();
        Instant start;
        Instant end;
        Optional<CertificateStatus> status = gateway.store().status(issued.serial());
        if (status.isPresent() && status.get().revoked()) {
            start = now.minus(Duration.ofHours(1));
            end = now.minus(Duration.ofMinutes(1));
        } else {
            Duration life = Duration.between(issued.notBefore(), issued.notAfter());
            start = issued.notBefore().plus(life.multipliedBy(2).dividedBy(3));
            end = issued.notBefore().plus(life.multipliedBy(5).dividedBy(6));
        }
        ObjectNode o = Docs.JSON.createObjectNode();
        o.putObject("suggestedWindow").put("start", start.toString()).put("end", end.toString());
        return AcmeResponse.json(200, o.toString()).with("Retry-After", Long.toString(ARI_RETRY.toSeconds()));
    }

    /** For newOrder's {@code replaces}: the certificate is this account's and not replaced by a live order yet. */
    void checkReplaceable(AcmeAccount account, String certId) throws AcmeProblem, StoreException {
        IssuedCertificate issued = byCertId(certId);
        AcmeObject owner = gateway.store().object(ObjectKind.CERT, issued.serial().toString(16))
                .filter(o -> o.accountId().equals(account.id()))
                .orElseThrow(() -> AcmeProblem.unauthorized("'replaces' names a certificate this account did not order"));
        Docs.CertOwner doc = Docs.read(owner.document(), Docs.CertOwner.class);
        if (doc.replacedBy() != null) {
            Optional<AcmeObject> other = gateway.store().object(ObjectKind.ORDER, doc.replacedBy());
            boolean live = other.isPresent() && !"invalid".equals(Docs.read(other.get().document(), Docs.Order.class).status())
                    && clock.instant().isBefore(other.get().expiresAt());
            if (live) {
                throw new AcmeProblem(AcmeError.ALREADY_REPLACED, "the certificate is already being replaced by another order");
            }
        }
    }

    void markReplaced(String certId, String orderId) throws AcmeProblem, StoreException {
        IssuedCertificate issued = byCertId(certId);
        for (int attempt = 0; attempt < 10; attempt++) {
            AcmeObject owner = gateway.store().object(ObjectKind.CERT, issued.serial().toString(16)).orElseThrow();
            Docs.CertOwner doc = Docs.read(owner.document(), Docs.CertOwner.class);
            if (gateway.store().updateObject(owner.next(Docs.write(new Docs.CertOwner(doc.order(), orderId))))) {
                return;
            }
        }
    }

    /** Finds a certificate by its ARI identifier: base64url(AKI keyIdentifier) "." base64url(serial). */
    private IssuedCertificate byCertId(String certId) throws AcmeProblem, StoreException {
        String[] parts = certId.split("\\.", -1);
        byte[] aki;
        byte[] serial;
        try {
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException();
            }
            aki = Base64.getUrlDecoder().decode(parts[0]);
            serial = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw AcmeProblem.malformed("not a renewal-info certificate identifier (base64url AKI '.' base64url serial)");
        }
        Optional<IssuedCertificate> issued = gateway.store().certificate(new BigInteger(serial));
        if (issued.isEmpty() || !Arrays.equals(aki, keyIdentifier(issued.get().der()))) {
            throw AcmeProblem.notFound("no certificate with that identifier");
        }
        return issued.get();
    }

    /**
     * The issuing CA of a leaf, by its authority key identifier: the current CA, or a replaced one
     * still live ({@code gateway new-intermediate}) for a certificate issued before the switch.
     */
    private List<Cert> chainOf(byte[] leafDer) {
        byte[] aki = keyIdentifier(leafDer);
        for (io.localtrust.authority.IssuingCa ca : gateway.issuers()) {
            try {
                org.bouncycastle.asn1.x509.SubjectKeyIdentifier ski = org.bouncycastle.asn1.x509.SubjectKeyIdentifier
                        .fromExtensions(new X509CertificateHolder(ca.certificate().der()).getExtensions());
                if (ski != null && Arrays.equals(ski.getKeyIdentifier(), aki)) {
                    return List.of(ca.certificate());
                }
            } catch (java.io.IOException e) {
                // a CA certificate that does not parse cannot be the issuer
            }
        }
        return gateway.issuingChain();
    }

    private static byte[] keyIdentifier(byte[] der) {
        try {
            X509CertificateHolder h = new X509CertificateHolder(der);
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(h.getExtensions());
            return aki == null || aki.getKeyIdentifier() == null ? new byte[0] : aki.getKeyIdentifier();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    private Cert parse(byte[] der) {
        try {
            return reader.parseDer(der);
        } catch (CertificateParseException e) {
            throw new IllegalStateException("a stored certificate does not parse", e);
        }
    }
}
