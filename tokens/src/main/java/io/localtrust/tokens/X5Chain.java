package io.localtrust.tokens;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.util.ArrayList;
import java.util.List;

/** The chain a token carries (JWS x5c, RFC 7515 §4.1.6; COSE x5chain, RFC 9360 §2): leaf first, DER. */
final class X5Chain {
    /** At most this many certificates; a device sends its leaf and intermediates. */
    static final int MAX_CERTIFICATES = 8;
    /** The DER of a signer's chain, all certificates together: keeps a JWT (base64 in base64url) under the 16 KiB limit. */
    static final int MAX_CHAIN_BYTES = 8 * 1024;

    private static final CertificateReader READER = new CertificateReader(new CertificateReader.Limits(
            StatusTokenVerifier.MAX_TOKEN_BYTES, StatusTokenVerifier.MAX_TOKEN_BYTES, StatusTokenVerifier.MAX_TOKEN_BYTES,
            MAX_CERTIFICATES));

    private X5Chain() {
    }

    static CertChain parse(List<byte[]> ders, String header) throws TokenRejection {
        if (ders.isEmpty()) {
            throw new TokenRejection(TokenFailure.CHAIN_INVALID, header + " holds no certificate");
        }
        if (ders.size() > MAX_CERTIFICATES) {
            throw new TokenRejection(TokenFailure.CHAIN_INVALID, header + " holds " + ders.size()
                    + " certificates; at most " + MAX_CERTIFICATES + " are read");
        }
        List<Cert> certs = new ArrayList<>();
        try {
            for (int i = 0; i < ders.size(); i++) {
                try {
                    certs.add(READER.parseDer(ders.get(i)));
                } catch (CertificateParseException e) {
                    throw new TokenRejection(TokenFailure.CHAIN_INVALID, header + " certificate " + (i + 1)
                            + ": " + e.getMessage());
                }
            }
            return CertChain.of(certs);
        } catch (CertificateParseException e) {
            throw new TokenRejection(TokenFailure.CHAIN_INVALID, header + ": " + e.getMessage());
        }
    }
}
