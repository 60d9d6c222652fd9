package io.localtrust.acme.validation;

import io.localtrust.x509.CertificateMaker;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/**
 * A JDK TLS server on a loopback address playing the device's tls-alpn-01 responder: it
 * completes handshakes with a given certificate and ALPN choice, remembers the SNI each client
 * sent, and waits for the client to close.
 */
final class AlpnServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final BiFunction<SSLSocket, List<String>, String> selector;
    private final List<String> sniNames = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private AlpnServer(SSLServerSocket server, BiFunction<SSLSocket, List<String>, String> selector) {
        this.server = server;
        this.selector = selector;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** Selects {@code acme-tls/1} when offered (as a compliant device does). */
    static AlpnServer acmeTls(String address, CertificateMaker.Made cert) throws IOException {
        return start(address, cert, (socket, offered) -> offered.contains("acme-tls/1") ? "acme-tls/1" : null);
    }

    /**
     * A server with its own ALPN choice: {@code selector} gets the protocols offered and returns
     * the one selected, {@code ""} to ignore ALPN, or null to fail the handshake.
     */
    static AlpnServer start(String address, CertificateMaker.Made cert, BiFunction<SSLSocket, List<String>, String> selector)
            throws IOException {
        SSLServerSocket s = (SSLServerSocket) TestTls.serverContext(cert).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName(address));
        return new AlpnServer(s, selector);
    }

    InetAddress address() {
        return server.getInetAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The SNI host names clients sent, in order. */
    List<String> sniNames() {
        return List.copyOf(sniNames);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SSLSocket s) {
        try (s) {
            SSLParameters p = s.getSSLParameters();
            p.setSNIMatchers(List.of(new RecordingMatcher())); // runs on the ClientHello, before the client can finish
            s.setSSLParameters(p);
            s.setHandshakeApplicationProtocolSelector(selector);
            s.startHandshake();
            while (s.getInputStream().read() >= 0) {
                // RFC 8737: no application data; wait for the validator to close
            }
        } catch (IOException | RuntimeException e) {
            // handshake refused or client gone
        }
    }

    private final class RecordingMatcher extends SNIMatcher {
        RecordingMatcher() {
            super(StandardConstants.SNI_HOST_NAME);
        }

        @Override
        public boolean matches(SNIServerName name) {
            sniNames.add(name instanceof SNIHostName h ? h.getAsciiName() : new SNIHostName(name.getEncoded()).getAsciiName());
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
