package io.localtrust.agent.onboarding;

import io.localtrust.x509.Cert;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider, with HTTPS that trusts exactly the gateway's root (the one the
 * device was given, or fetched and confirmed by fingerprint), over one shared client
 * ({@link SharedClientBuilder}). Per session rather than {@code SSLContext.setDefault}: the demo
 * runs devices inside other JVMs (the CLI tests), whose TLS must stay as it was.
 */
public final class GatewayAcmeProvider extends GenericAcmeProvider implements AutoCloseable {
    private final SSLContext tls;
    private final SSLContext clockProbe;
    private final Optional<Executor> executor;
    private HttpClient shared;
    private HttpClient clockClient;

    /**
     * Trusting {@code root}, judged at {@code at} when given (the demo's instant, a test's fixed
     * clock), otherwise at the time of each handshake (a device that runs for months).
     */
    public GatewayAcmeProvider(Cert root, Optional<Instant> at) {
        this.tls = trusting(root, at);
        this.clockProbe = ClockedTrust.atAnyTime(root);
        this.executor = Optional.empty();
    }

    /** Trusting {@code root}, each handshake judged at {@code clock}'s instant (a running device: its injected clock). */
    public GatewayAcmeProvider(Cert root, java.time.Clock clock) {
        this(root, clock, Optional.empty());
    }

    /**
     * As {@link #GatewayAcmeProvider(Cert, java.time.Clock)}, the clients' work running on {@code executor}
     * (virtual threads: the JDK's default is a pool of platform threads per client).
     */
    public GatewayAcmeProvider(Cert root, java.time.Clock clock, Executor executor) {
        this(root, clock, Optional.of(executor));
    }

    private GatewayAcmeProvider(Cert root, java.time.Clock clock, Optional<Executor> executor) {
        this.tls = ClockedTrust.context(root, clock);
        this.clockProbe = ClockedTrust.atAnyTime(root);
        this.executor = executor;
    }

    @Override
    protected HttpConnector createHttpConnector(NetworkSettings settings) {
        return new HttpConnector(settings) {
            @Override
            public HttpClient.Builder createClientBuilder() {
                return new SharedClientBuilder(client(() -> {
                    HttpClient.Builder b = super.createClientBuilder().sslContext(tls);
                    executor.ifPresent(b::executor);
                    return b.build();
                }));
            }
        };
    }

    /** The TLS context that trusts exactly the gateway's root (for the device's other requests to it). */
    public SSLContext tls() {
        return tls;
    }

    /**
     * The TLS context for asking the gateway its time only: the gateway's root, but not judged at
     * this device's clock, which may be what is wrong ({@link GatewayClock}).
     */
    public SSLContext clockProbeTls() {
        return clockProbe;
    }

    /**
     * The client that asks the gateway its time ({@link GatewayClock}): trusting the root at any
     * time, made once and kept, like the ACME client.
     */
    public synchronized HttpClient clockProbeClient(java.time.Duration connectTimeout) {
        if (clockClient == null) {
            HttpClient.Builder b = HttpClient.newBuilder().sslContext(clockProbe).connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER);
            executor.ifPresent(b::executor);
            clockClient = b.build();
        }
        return clockClient;
    }

    /** One client for every request: made by acme4j's settings the first time, then kept. */
    private synchronized HttpClient client(Supplier<HttpClient> make) {
        if (shared == null) {
            shared = make.get();
        }
        return shared;
    }

    /** Closes the shared client's connections, so the gateway server stops without waiting for them. */
    @Override
    public synchronized void close() {
        if (shared != null) {
            shared.close();
        }
        if (clockClient != null) {
            clockClient.close();
        }
    }

    private static SSLContext trusting(Cert root, Optional<Instant> at) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("gateway-root",
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.der())));
            PKIXBuilderParameters pkix = new PKIXBuilderParameters(anchors, new X509CertSelector());
            at.ifPresent(t -> pkix.setDate(Date.from(t)));
            // the gateway staples nothing to its own HTTPS: a device trusts its gateway's root and its short-lived certificates
            pkix.setRevocationEnabled(false);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(pkix));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the gateway's root: " + e.getMessage(), e);
        }
    }
}
