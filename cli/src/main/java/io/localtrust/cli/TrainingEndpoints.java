package io.localtrust.cli;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Throwaway TLS endpoints on 127.0.0.1 (ports chosen by the system) for the launcher's training scan
 * ({@code scan --training-endpoints}, hidden): the class-data archive a scan starts from holds the
 * classes and linked call sites of the run that made it, and a scan that met no TLS endpoint leaves
 * out everything a real scan runs per device — the TLS reader, certificate parsing, the signature
 * check of a self-signed certificate, classification, each report's device rows (measured,
 * BENCHMARKS.md "scan-cpu"). Two endpoints, each a fresh P-256 key: a self-signed certificate and
 * one issued by a throwaway CA. Each connection gets a JSSE handshake on its own virtual thread;
 * {@link #close()} stops them. Nothing here is reachable from outside the loopback interface.
 */
final class TrainingEndpoints implements AutoCloseable {
    private final List<ServerSocket> sockets = new ArrayList<>();

    private TrainingEndpoints() {
    }

    /** Starts both endpoints; their targets ("127.0.0.1:port") in {@link #targets()}. */
    static TrainingEndpoints start(Clock clock) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        CertificateMaker.Made ca = CertificateMaker.at(clock.instant(), random).commonName("localtrust training CA").ca(0).make();
        CertificateMaker.Made issued = CertificateMaker.at(clock.instant(), random).commonName("training.home.arpa")
                .dns("training.home.arpa").ip("127.0.0.1").issuer(ca).make();
        CertificateMaker.Made self = CertificateMaker.at(clock.instant(), random).commonName("self.training.home.arpa")
                .dns("self.training.home.arpa").make();
        TrainingEndpoints endpoints = new TrainingEndpoints();
        try {
            endpoints.serve(self, List.of(self.cert()));
            endpoints.serve(issued, List.of(issued.cert(), ca.cert()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            endpoints.close();
            throw e;
        }
        return endpoints;
    }

    List<String> targets() {
        return sockets.stream().map(s -> "127.0.0.1:" + s.getLocalPort()).toList();
    }

    private void serve(CertificateMaker.Made identity, List<Cert> chain) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate[] x509 = new X509Certificate[chain.size()];
        for (int i = 0; i < chain.size(); i++) {
            x509[i] = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(chain.get(i).der()));
        }
        char[] password = "training".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("training", identity.keyPair().getPrivate(), password, x509);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        sockets.add(server);
        server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
        Thread.ofVirtual().name("training-endpoint").start(() -> accept(server));
    }

    private static void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> handshake((SSLSocket) s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void handshake(SSLSocket s) {
        try (s) {
            s.setSoTimeout(5_000);
            s.startHandshake(); // the scanner hangs up after the Certificate message: this ends in an exception
        } catch (IOException e) {
            // expected
        }
    }

    @Override
    public void close() {
        for (ServerSocket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a listening socket
            }
        }
    }
}
