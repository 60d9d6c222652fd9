package io.localtrust.authority;

import io.localtrust.x509.BouncyCastle;
import java.io.IOException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** Parses a PKCS#10 request (RFC 2986) and proves the requester holds its key. */
final class CsrCheck {
    static final int MAX_CSR_BYTES = 16 * 1024;

    private CsrCheck() {
    }

    static PKCS10CertificationRequest parse(byte[] der) throws IssuanceRefused {
        if (der.length == 0) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "empty certificate request");
        }
        if (der.length > MAX_CSR_BYTES) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "certificate request too large (" + der.length + " bytes; at most "
                    + MAX_CSR_BYTES + ")");
        }
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            csr.getSubjectPublicKeyInfo().getEncoded(); // forces the lazily parsed parts
            return csr;
        } catch (IOException | RuntimeException e) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "not a PKCS#10 certificate request (malformed DER)");
        }
    }

    static void verifySignature(PKCS10CertificationRequest csr) throws IssuanceRefused {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new IssuanceRefused(Refusal.UNSUPPORTED_KEY, "the request's signature algorithm or key is not supported");
        }
        if (!valid) {
            throw new IssuanceRefused(Refusal.BAD_CSR_SIGNATURE,
                    "the request's signature does not verify: it was not signed with the key it asks to certify");
        }
    }
}
