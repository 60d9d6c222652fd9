package io.localtrust.agent.onboarding;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/**
 * How a device comes to trust its gateway's root without trusting on first use: the owner gives
 * the root ({@code --ca-bundle}), or its SHA-256 fingerprint ({@code --gateway-fingerprint}, as
 * {@code gateway run} prints it). With a fingerprint the device
 * <ol>
 *   <li>opens a TLS connection to the gateway only to read the chain it presents (the handshake
 *       is then aborted: nothing is sent over it),</li>
 *   <li>fetches the root from the plain-HTTP CA URL named by the issuing CA's AIA caIssuers (the
 *       gateway's {@code /ca/root.der}),</li>
 *   <li>accepts it only if its SHA-256 equals the fingerprint (compared in constant time) and the
 *       presented chain validates to it (PKIX).</li>
 * </ol>
 * Anything else fails closed with one line saying what did not match.
 */
public final class GatewayTrust {
    private static final int MAX_ROOT_BYTES = 64 << 10;

    private GatewayTrust() {
    }

    /** The first certificate of a PEM or DER bundle file, which must be a self-signed CA. */
    public static Cert fromBundle(java.nio.file.Path file) throws OnboardingException {
        try {
            List<Cert> certs = new CertificateReader().read(file);
            for (Cert c : certs) {
                if (c.ca() && c.selfIssued()) {
                    return c;
                }
            }
            throw new OnboardingException(file + ": no self-signed CA certificate (the gateway's root.pem) in it");
        } catch (CertificateParseException e) {
            throw new OnboardingException(file + ": " + e.getMessage());
        }
    }

    /** Parses a SHA-256 fingerprint: 64 hex digits, colons and spaces allowed. */
    public static byte[] parseFingerprint(String text) throws OnboardingException {
        String hex = text == null ? "" : text.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new OnboardingException("--gateway-fingerprint: a SHA-256 fingerprint is 64 hex digits (colons allowed), as 'gateway run' prints it");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Fetches the gateway's root as described above, or fails closed. */
    public static Cert fetchConfirmed(URI gateway, byte[] fingerprint, Duration timeout) throws OnboardingException {
        List<X509Certificate> presented = presentedChain(gateway, timeout);
        if (presented.size() < 2 || presented.get(1).getExtensionValue("1.3.6.1.5.5.7.1.1") == null) {
            throw new OnboardingException(gateway + " presented no issuing CA naming where its root is (AIA caIssuers)");
        }
        Cert issuing = parse(presented.get(1));
        List<String> urls = issuing.caIssuerUrls().stream().filter(u -> u.startsWith("http://")).toList();
        if (urls.isEmpty()) {
            throw new OnboardingException(gateway + ": the issuing CA names no plain-HTTP URL for the root (AIA caIssuers)");
        }
        byte[] der = fetch(URI.create(urls.get(0)), timeout);
        Cert root;
        try {
            root = new CertificateReader().parseDer(der);
        } catch (CertificateParseException e) {
            throw new OnboardingException(urls.get(0) + " did not answer a certificate: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(Digests.sha256(root.der()), fingerprint)) {
            throw new OnboardingException("the root at " + urls.get(0) + " has SHA-256 " + Digests.sha256Hex(root.der())
                    + ", not the fingerprint given: refusing to trust it");
        }
        verify(presented, root, gateway);
        return root;
    }

    private static List<X509Certificate> presentedChain(URI gateway, Duration timeout) throws OnboardingException {
        List<X509Certificate> seen = new ArrayList<>();
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                seen.addAll(List.of(chain));
                throw new CertificateException("chain read; the gateway is not trusted yet");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        int port = gateway.getPort() < 0 ? 443 : gateway.getPort();
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new X509TrustManager[] {capture}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(gateway.getHost(), port), (int) timeout.toMillis());
                s.setSoTimeout((int) timeout.toMillis());
                s.startHandshake();
            }
        } catch (IOException | GeneralSecurityException e) {
            if (seen.isEmpty()) {
                throw new OnboardingException("cannot reach the gateway at " + gateway.getHost() + ":" + port + " ("
                        + e.getMessage() + ")");
            }
        }
        return seen;
    }

    private static byte[] fetch(URI url, Duration timeout) throws OnboardingException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 || r.body().length > MAX_ROOT_BYTES) {
                throw new OnboardingException(url + " answered HTTP " + r.statusCode() + " (" + r.body().length + " bytes), not the root");
            }
            return r.body();
        } catch (IOException e) {
            throw new OnboardingException("cannot fetch the gateway root from " + url + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnboardingException("interrupted while fetching the gateway root");
        }
    }

    private static void verify(List<X509Certificate> presented, Cert root, URI gateway) throws OnboardingException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            X509Certificate anchor = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(root.der()));
            PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            p.setRevocationEnabled(false);
            List<X509Certificate> path = presented.stream().filter(c -> !c.equals(anchor)).toList();
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(path), p);
        } catch (GeneralSecurityException e) {
            throw new OnboardingException(gateway + " presented a chain that does not validate to the confirmed root ("
                    + e.getMessage() + "): refusing to trust it");
        }
    }

    private static Cert parse(X509Certificate c) throws OnboardingException {
        try {
            return new CertificateReader().parseDer(c.getEncoded());
        } catch (CertificateParseException | java.security.cert.CertificateEncodingException e) {
            throw new OnboardingException("the gateway presented an unreadable certificate: " + e.getMessage());
        }
    }
}
