package io.localtrust.agent.onboarding;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient.Builder} whose {@link #build()} hands out one client made beforehand.
 * acme4j builds a new {@code HttpClient} for every request, which here would mean a TLS handshake
 * and a lingering connection per request; a device shares one. Configuring it again is
 * refused loudly rather than silently ignored.
 */
public final class SharedClientBuilder implements HttpClient.Builder {
    private final HttpClient client;

    public SharedClientBuilder(HttpClient client) {
        this.client = client;
    }

    private static UnsupportedOperationException configured() {
        return new UnsupportedOperationException("the shared HTTP client is configured once, when it is made");
    }

    @Override
    public HttpClient build() {
        return client;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
        throw configured();
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        throw configured();
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
        throw configured();
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
        throw configured();
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        throw configured();
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        throw configured();
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        throw configured();
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        throw configured();
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
        throw configured();
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        throw configured();
    }

    @Override
    public HttpClient.Builder localAddress(InetAddress localAddr) {
        throw configured();
    }
}
