package io.localtrust.fleet;

import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Looks at a simulated device over the network the way a scanner does, for the practice
 * classifier: an HTTPS device's presented chain (recorded during the handshake — every chain is
 * accepted here only so it can be <em>recorded</em>; nothing is sent after the handshake), or
 * whether a plain-HTTP device answers.
 */
public final class FleetObserver {
    private static final int TIMEOUT_MS = 10_000;
    private final CertificateReader reader = new CertificateReader();

    /** The device's one endpoint, observed at {@code at}. */
    public DeviceObservation observe(SimulatedDevice d, Instant at) throws IOException {
        int port = d.url().getPort() < 0 ? (d.url().getScheme().equals("https") ? 443 : 80) : d.url().getPort();
        EndpointObservation e = d.url().getScheme().equals("https") ? EndpointObservation.https(port, handshake(d.address(), port))
                : EndpointObservation.http(port, redirectsToHttps(d.address(), port));
        return new DeviceObservation(Optional.of(d.address()), d.address(), at, List.of(e));
    }

    private TlsObservation handshake(String address, int port) throws IOException {
        List<X509Certificate> presented = new ArrayList<>();
        SSLContext ctx;
        try {
            ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new RecordingOnly(presented)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.startHandshake();
            List<Cert> chain = new ArrayList<>();
            for (X509Certificate x : presented) {
                chain.add(reader.parseDer(x.getEncoded()));
            }
            return new TlsObservation(Optional.of(s.getSession().getProtocol()), Optional.of(s.getSession().getCipherSuite()),
                    new CertChain(chain), Optional.empty(), true);
        } catch (CertificateEncodingException | CertificateParseException e) {
            throw new IOException(address + ":" + port + " presented a certificate that does not parse: " + e.getMessage(), e);
        }
    }

    private static boolean redirectsToHttps(String address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.")) {
                throw new IOException(address + ":" + port + " did not answer HTTP");
            }
            boolean redirect = head.matches("(?s)HTTP/1\\.\\d 30[1278].*") && head.toLowerCase(java.util.Locale.ROOT).contains("\nlocation: https://");
            return redirect;
        }
    }

    /** Accepts any server chain so it can be recorded; the connection carries nothing after the handshake. */
    private record RecordingOnly(List<X509Certificate> presented) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this manager only records server chains");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented.clear();
            presented.addAll(List.of(chain));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
