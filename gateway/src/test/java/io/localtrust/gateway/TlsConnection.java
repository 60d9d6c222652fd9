package io.localtrust.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.util.List;

/**
 * One kept-alive HTTPS connection from a JSSE client (hostname verified against the IP), so a
 * test can tell which certificate one particular connection got and send it more requests.
 */
final class TlsConnection implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;

    TlsConnection(SSLContext trusting, int port) throws IOException {
        socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        SSLParameters p = socket.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(ServerSettings.DEFAULT_NAME)));
        socket.setSSLParameters(p);
        socket.startHandshake();
        in = socket.getInputStream();
    }

    /** The serial of the leaf this connection's handshake got. */
    BigInteger serial() throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    /** GET on this same connection; the status code (the body is read and dropped). */
    int get(String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        if (in.readNBytes((int) length).length != length) {
            throw new IOException("the body ended early");
        }
        return status;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed: " + b.toString(StandardCharsets.US_ASCII));
            }
            b.write(c);
            String s = b.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
