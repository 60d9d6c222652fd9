package io.localtrust.scanner.tls;

import java.util.Map;
import java.util.Optional;

/**
 * The TLS 1.2 suites the scanner's hello offers, with their standard names (RFC 5246, 5289, 7905,
 * and the JSSE spelling). The list and its order are those a default JDK 25 client offers for TLS
 * 1.2 (then the RSA key-transport suites), so that a device picks the suite it would pick for a Java
 * client and {@code tls.cipher} reads as it did when the scanner's hello came from JSSE.
 */
public final class CipherSuites {
    /** Code, name — in the order offered. */
    private static final Object[][] OFFERED = {
        {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
        {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
        {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
        {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
        {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
        {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
        {0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
        {0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
        {0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"},
        {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
        {0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"},
        {0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
        {0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
        {0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
        {0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
        {0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
        {0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256"},
        {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
        {0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256"},
        {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
        {0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
        {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
        {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
        {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
        {0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"},
        {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"},
        {0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"},
        // not in a JDK client's default list (no forward secrecy), offered last so that a device whose only
        // suites are these — old firmware — still shows its certificate; any device with one of the above picks that
        {0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
        {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
        {0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
        {0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
        {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
        {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    };
    /** RFC 5746 §3.3: the signalling suite for secure renegotiation, offered last. */
    static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

    private static final Map<Integer, String> NAMES;

    static {
        Map<Integer, String> m = new java.util.HashMap<>();
        for (Object[] s : OFFERED) {
            m.put((Integer) s[0], (String) s[1]);
        }
        NAMES = Map.copyOf(m);
    }

    private CipherSuites() {
    }

    /** The codes offered, in order (the signalling suite not included). */
    public static int[] offered() {
        int[] out = new int[OFFERED.length];
        for (int i = 0; i < OFFERED.length; i++) {
            out[i] = (Integer) OFFERED[i][0];
        }
        return out;
    }

    /** The standard name of an offered suite; empty for any other code. */
    public static Optional<String> name(int code) {
        return Optional.ofNullable(NAMES.get(code));
    }
}
