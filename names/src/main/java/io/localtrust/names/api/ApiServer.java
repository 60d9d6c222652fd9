package io.localtrust.names.api;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The API over HTTPS (TLS 1.3 and 1.2) with Jetty, on virtual threads, as the gateway serves its
 * own. Started by {@link #start}, stopped by {@link #close}.
 */
public final class ApiServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector https;

    private ApiServer(Server server, ServerConnector https) {
        this.server = server;
        this.https = https;
    }

    /**
     * Listens on {@code listen} (port 0: a free port) with {@code tls} and answers with {@code api}.
     *
     * @throws IOException if the address cannot be bound, saying so
     */
    public static ApiServer start(NamesApi api, ApiTls tls, InetSocketAddress listen) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("names-api");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        server.setStopAtShutdown(false);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        config.addCustomizer(src);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.password());
        ServerConnector https = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(config));
        https.setAcceptedTcpNoDelay(true);
        https.setIdleTimeout(30_000);
        https.setHost(listen.getAddress().isAnyLocalAddress() ? null : listen.getAddress().getHostAddress());
        https.setPort(listen.getPort());
        server.addConnector(https);
        server.setHandler(new JettyAdapter(api));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failed to start: nothing more to stop
            }
            Throwable c = e;
            while (c != null && !(c instanceof BindException)) {
                c = c.getCause();
            }
            throw new IOException(listen.getAddress().getHostAddress() + ":" + listen.getPort()
                    + (c != null ? " is in use or cannot be bound (" + c.getMessage() + ")" : ": the API did not start (" + e.getMessage() + ")"), e);
        }
        return new ApiServer(server, https);
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return new InetSocketAddress(https.getHost() == null ? "0.0.0.0" : https.getHost(), https.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ApiServer.class).debug("stopping the names API: {}", e.getMessage());
        }
    }
}
