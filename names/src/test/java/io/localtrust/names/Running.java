package io.localtrust.names;

import io.localtrust.localdns.Dig;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A names service running on loopback for a test: a SQLite store in {@code dir}, DNS and the API
 * on free ports, {@code dig} pointed at the DNS, and an HTTP client that trusts the API's
 * self-signed certificate (and nothing else).
 */
final class Running implements AutoCloseable {
    static final String ZONE = "devices.example.net";
    final NamesStore store;
    final NamesService service;
    final ApiTls tls;
    final Dig dig;
    final HttpClient http;

    Running(Path dir, ApiLimits limits, List<String> nsNames) throws Exception {
        this(NamesStores.sqlite(dir.resolve("names.db")), limits, nsNames, Clock.systemUTC());
    }

    Running(NamesStore store, ApiLimits limits, List<String> nsNames, Clock clock) throws Exception {
        this.store = store;
        SecureRandom random = new SecureRandom();
        InetAddress lo = InetAddress.getLoopbackAddress();
        tls = ApiTls.selfSigned(List.of("localhost"), List.of("127.0.0.1"), clock.instant(), random);
        NamesSettings settings = new NamesSettings(NamesZone.of(ZONE, nsNames, java.util.Optional.empty()),
                new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0), DnsLimits.withRate(10_000, Duration.ofSeconds(1)), limits);
        service = NamesService.start(settings, store, tls, clock, random);
        dig = new Dig(service.dnsAddress());
        http = HttpClient.newBuilder().sslContext(trusting(tls.chainPem())).connectTimeout(Duration.ofSeconds(5)).build();
    }

    String apiBase() {
        return "https://127.0.0.1:" + service.apiAddress().getPort();
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiBase() + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(apiBase() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            ks.setCertificateEntry("c" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Override
    public void close() {
        service.close();
        store.close();
    }
}
