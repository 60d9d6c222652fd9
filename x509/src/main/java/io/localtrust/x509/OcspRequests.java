package io.localtrust.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP requests (RFC 6960 §4.1) as a device stapling its own status makes them — one CertID with
 * SHA-1, the RFC 5019 profile every responder answers — and reads them, when answering a request
 * for a response it holds.
 */
public final class OcspRequests {
    private OcspRequests() {
    }

    /** A DER request for {@code cert} issued by {@code issuer}, without a nonce (RFC 5019: cacheable answers). */
    public static byte[] create(Cert cert, Cert issuer) {
        try {
            var digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build();
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new X509CertificateHolder(issuer.der()),
                    cert.serial());
            return new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (IOException | OCSPException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make an OCSP request: " + e.getMessage(), e);
        }
    }

    /**
     * The serial numbers a DER request asks about.
     *
     * @throws CertificateParseException not an OCSP request
     */
    public static List<BigInteger> serials(byte[] der) throws CertificateParseException {
        try {
            List<BigInteger> out = new ArrayList<>();
            for (Req r : new OCSPReq(der).getRequestList()) {
                out.add(r.getCertID().getSerialNumber());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new CertificateParseException("not an OCSP request (" + e.getClass().getSimpleName() + ")");
        }
    }
}
