package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Map;

/**
 * {@code WEAK_SIGNATURE}: the certificate is signed with MD2, MD4, MD5 or SHA-1.
 *
 * <p>Why: chosen-prefix collisions make such signatures forgeable — MD5 in practice since the
 * rogue-CA attack (Stevens et al., 2008) and Flame, SHA-1 since SHAttered (2017) and "SHA-1 is a
 * Shambles" (2020). BR §7.1.3.2 forbids both; Chrome, Firefox and Safari reject SHA-1 signed
 * server certificates. Trust anchors are skipped: a root's self-signature is never verified
 * during path validation (RFC 5280 §6.1: the anchor is an input, not a link), so a SHA-1
 * self-signed root is harmless — its issued certificates are checked on their own.
 *
 * <p>Known gap: RSASSA-PSS (1.2.840.113549.1.1.10) defaults to SHA-1 when its parameters are
 * absent; {@link Cert} exposes only the OID, so PSS is never flagged here.
 */
public final class WeakSignature implements Lint {

    /** Signature algorithm OIDs with a broken hash, and the hash for the message. */
    static final Map<String, String> WEAK_OIDS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", "MD2"),      // md2WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.3", "MD4"),      // md4WithRSAEncryption
            Map.entry("1.2.840.113549.1.1.4", "MD5"),      // md5WithRSAEncryption
            Map.entry("1.3.14.3.2.3", "MD5"),              // OIW md5WithRSA
            Map.entry("1.2.840.113549.1.1.5", "SHA-1"),    // sha1WithRSAEncryption
            Map.entry("1.3.14.3.2.29", "SHA-1"),           // OIW sha1WithRSASignature
            Map.entry("1.2.840.10045.4.1", "SHA-1"),       // ecdsa-with-SHA1
            Map.entry("1.2.840.10040.4.3", "SHA-1"),       // id-dsa-with-sha1
            Map.entry("1.3.14.3.2.27", "SHA-1"));          // OIW dsaWithSHA1

    @Override
    public String code() {
        return "WEAK_SIGNATURE";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "signed with MD2, MD4, MD5 or SHA-1 (BR §7.1.3.2); trust anchors skipped";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        String hash = WEAK_OIDS.get(cert.signatureAlgorithmOid());
        if (hash == null || context.role() == CertRole.ROOT) {
            return List.of();
        }
        String collisions = hash.equals("SHA-1") ? "SHA-1 collisions are practical (SHAttered, 2017)"
                : hash + " collisions are practical";
        return List.of(new Finding(code(), severity(), "signed with " + hash + " (" + cert.signatureAlgorithm()
                + "): " + collisions + " and browsers reject such signatures"));
    }
}
