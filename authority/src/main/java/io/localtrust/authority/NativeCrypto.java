package io.localtrust.authority;

import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conscrypt — Google's JCA provider over BoringSSL, through JNI — for the two operations every
 * issuance makes: checking the CSR's signature ({@link CsrCheck}) and signing with an issuing key
 * kept in a file ({@link SigningKey#preferring}); the ACME front end verifies its requests' ES256 and
 * ES384 signatures with it too ({@code acme/jws/EcVerifiers}). On these machines it verifies a fresh P-256 key's
 * signature ~4× and signs ~5× faster than Bouncy Castle, the fastest pure-Java provider here
 * (BENCHMARKS.md, "Issuing a certificate").
 *
 * <p>Nothing depends on it: where its native library does not load (another OS or CPU, a libc it
 * cannot link against), it is left out with one log line and Bouncy Castle does all of it, as it
 * does for what Conscrypt does not implement (Ed25519, curves other than the NIST ones). A key in a
 * PKCS#11 token never comes here: the token signs. {@value #SWITCH}{@code =off} leaves it out on
 * purpose (to compare, or if a native fault were ever suspected).
 *
 * <p>The provider is never registered with the JVM ({@code Security.addProvider}): it is passed to
 * the calls that use it, so nothing else in the process changes behaviour.
 */
public final class NativeCrypto {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCrypto.class);
    /** The system property that turns native cryptography off ({@code off}). */
    public static final String SWITCH = "localtrust.nativeCrypto";
    private static volatile Optional<Provider> loaded;

    private NativeCrypto() {
    }

    /** Conscrypt's provider, when it loads here and is not switched off. */
    public static Optional<Provider> provider() {
        if ("off".equals(System.getProperty(SWITCH, "").trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Optional<Provider> p = loaded;
        if (p == null) {
            synchronized (NativeCrypto.class) {
                p = loaded;
                if (p == null) {
                    p = load();
                    loaded = p;
                }
            }
        }
        return p;
    }

    private static Optional<Provider> load() {
        try {
            Conscrypt.checkAvailability();
            Provider p = Conscrypt.newProviderBuilder().setName("localtrust-Conscrypt").provideTrustManager(false).build();
            Conscrypt.Version v = Conscrypt.version();
            LOG.debug("native cryptography: Conscrypt {}.{}.{} (BoringSSL) checks CSR signatures and signs with file keys",
                    v.major(), v.minor(), v.patch());
            return Optional.of(p);
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError…: this machine cannot load it
            LOG.info("native cryptography (Conscrypt) is not available here ({}); Bouncy Castle does it", reason(t));
            return Optional.empty();
        }
    }

    private static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
    }
}
