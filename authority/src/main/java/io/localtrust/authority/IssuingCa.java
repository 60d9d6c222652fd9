package io.localtrust.authority;

import io.localtrust.x509.Cert;
import java.util.Objects;

/**
 * One issuing CA an opened gateway answers for: the current one, which issues, or a replaced
 * one ({@code gateway new-intermediate}) whose key is still kept and which the root has not
 * revoked. Each signs the OCSP responses and the CRL of the certificates it issued (RFC 6960
 * §2.6 and RFC 5280 §5: the CA itself, no delegated responder, no indirect CRL).
 *
 * @param certificate the issuing CA's certificate
 * @param current     whether it is the CA that issues now
 * @param ocsp        signs OCSP responses with its key
 * @param crl         signs its CRL with its key
 */
public record IssuingCa(Cert certificate, boolean current, OcspSigner ocsp, CrlSigner crl) {
    public IssuingCa {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(ocsp, "ocsp");
        Objects.requireNonNull(crl, "crl");
    }

    /** Its serial, lower-case hex: how files and URLs name it. */
    public String serialHex() {
        return certificate.serial().toString(16);
    }
}
