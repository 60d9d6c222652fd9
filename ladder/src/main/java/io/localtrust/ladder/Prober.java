package io.localtrust.ladder;

import io.localtrust.tokens.AttestationVerifier;
import io.localtrust.tokens.Nonce;
import io.localtrust.tokens.StatusTokenVerifier;
import io.localtrust.tokens.TokenFormat;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * {@code localtrust probe}: connects to an https URL, takes the chain and the stapled OCSP response
 * from the handshake (the client asks with status_request, RFC 6066 §8), optionally fetches the
 * device status token ({@code /.well-known/local-device/status?nonce=…}, DESIGN.md §4) over a
 * second connection that must present the same leaf, and asks the {@link Ladder}. Everything
 * happens within the configured deadline (default 2 s): a socket that stalls is closed when it
 * passes, and a server that sends garbage, refuses or stalls ends as {@code REJECTED} with the
 * reason. Never throws for what the network does.
 */
public final class Prober {
    private static final int MAX_TOKEN_BYTES = StatusTokenVerifier.MAX_TOKEN_BYTES;
    /** Where a device serves the tokens of authorities that bind its key (DESIGN.md §4). */
    public static final String ATTESTATION_PATH = "/.well-known/local-device/attestation";
    private final Ladder ladder;
    private final Clock clock;
    private final SecureRandom random;
    private final HostResolver resolver;

    public Prober(Ladder ladder, Clock clock, SecureRandom random) {
        this(ladder, clock, random, HostResolver.system());
    }

    /**
     * @param resolver where the URL's host leads for the TLS handshake that is judged (the JDK's
     *                 resolver by default; a simulated fleet whose names no DNS knows). The status
     *                 and attestation token fetches go through {@code java.net.http.HttpClient},
     *                 which resolves with the JDK: a name only this resolver knows gets no token.
     */
    public Prober(Ladder ladder, Clock clock, SecureRandom random, HostResolver resolver) {
        this.ladder = Objects.requireNonNull(ladder, "ladder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** @param url an https URL (checked by the caller: {@link #target}) */
    public ProbeResult probe(URI url, boolean fetchToken) {
        Target t = target(url);
        Duration deadline = ladder.config().deadline();
        long end = System.nanoTime() + deadline.toNanos();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "probe-deadline");
            th.setDaemon(true);
            return th;
        });
        Optional<InetAddress> address = Optional.empty();
        try (Socket raw = new Socket()) {
            ScheduledFuture<?> kill = watchdog.schedule(() -> closeQuietly(raw), deadline.toMillis(), TimeUnit.MILLISECONDS);
            InetAddress ip = resolver.resolve(t.host()).getFirst(); // a literal, or the name resolved once
            address = Optional.of(ip);
            raw.connect(new InetSocketAddress(ip, t.port()), (int) Math.max(1, deadline.toMillis()));
            raw.setSoTimeout((int) Math.max(1, remainingMillis(end)));
            raw.setTcpNoDelay(true);
            Captured captured = handshake(raw, t);
            kill.cancel(false);
            TlsPeer peer = new TlsPeer(t.host(), t.port(), address, captured.chain(), captured.staple(), Optional.empty());
            if (fetchToken && !captured.chain().isEmpty()) {
                Optional<PresentedToken> token = fetchToken(t, captured.chain().getFirst(), end);
                if (token.isPresent()) {
                    peer = peer.withStatusToken(token.get());
                }
            }
            if (!ladder.config().attestationAnchors().isEmpty() && !captured.chain().isEmpty()) {
                Optional<byte[]> attestation = fetchAttestation(t, captured.chain().getFirst(), end);
                if (attestation.isPresent()) {
                    peer = peer.withAttestation(attestation.get());
                }
            }
            Decision d = ladder.decide(peer);
            if (fetchToken && peer.statusToken().isEmpty()) {
                List<DecisionReason> reasons = new ArrayList<>(d.reasons());
                reasons.add(new DecisionReason("STATUS_TOKEN_MISSING", "no device status token could be fetched from "
                        + "/.well-known/local-device/status within the deadline"));
                d = new Decision(d.verdict(), d.practice(), reasons, d.text(), d.chain(), d.path());
            }
            return new ProbeResult(url, address, Optional.of(captured.protocol()), d);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            boolean late = System.nanoTime() - end >= 0;
            String why = late ? "no TLS handshake with " + t.endpoint() + " within " + deadline.toMillis() + " ms"
                    : "no TLS handshake with " + t.endpoint() + ": " + oneLine(e);
            return new ProbeResult(url, address, Optional.empty(),
                    Decision.rejected(late ? "DEADLINE" : "HANDSHAKE_FAILED", why, List.of()));
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** The host and port of an https URL; {@link IllegalArgumentException} naming the problem otherwise. */
    public static Target target(URI url) {
        if (url == null || !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("'" + url + "' is not an https:// URL");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("'" + url + "' names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(host, url.getPort() < 0 ? 443 : url.getPort());
    }

    /** Host (IPv6 without brackets) and port. */
    public record Target(String host, int port) {
        String endpoint() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private record Captured(List<Cert> chain, Optional<byte[]> staple, String protocol) {
    }

    private Captured handshake(Socket raw, Target t) throws IOException, GeneralSecurityException {
        CapturingTrustManager capture = new CapturingTrustManager();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {capture}, random);
        try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, t.host(), t.port(), false)) {
            SSLParameters p = tls.getSSLParameters();
            if (io.localtrust.locality.Addresses.literal(t.host()).isEmpty()) {
                p.setServerNames(List.of(new SNIHostName(t.host())));
            }
            tls.setSSLParameters(p);
            tls.startHandshake();
            SSLSession s = tls.getSession();
            List<Cert> chain = new ArrayList<>();
            CertificateReader reader = new CertificateReader();
            for (var c : capture.chain()) {
                try {
                    chain.add(reader.parseDer(c.getEncoded()));
                } catch (io.localtrust.x509.CertificateParseException e) {
                    throw new IOException("the server's certificate " + (chain.size() + 1) + " is unusable: " + e.getMessage());
                }
            }
            Optional<byte[]> staple = Optional.empty();
            if (s instanceof ExtendedSSLSession ext && !ext.getStatusResponses().isEmpty()
                    && ext.getStatusResponses().getFirst().length > 0) {
                staple = Optional.of(ext.getStatusResponses().getFirst());
            }
            return new Captured(chain, staple, s.getProtocol());
        }
    }

    private Optional<PresentedToken> fetchToken(Target t, Cert leaf, long end) {
        long left = remainingMillis(end);
        if (left <= 0) {
            return Optional.empty();
        }
        Nonce nonce = Nonce.random(random);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new SameKeyTrustManager(leaf)}, random);
            try (HttpClient client = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofMillis(left))
                    .followRedirects(HttpClient.Redirect.NEVER).build()) {
                URI uri = URI.create("https://" + t.endpoint() + "/.well-known/local-device/status?nonce="
                        + URLEncoder.encode(nonce.value(), StandardCharsets.US_ASCII));
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(Math.max(1, remainingMillis(end))))
                        .header("Accept", TokenFormat.JWT.mediaType() + ", " + TokenFormat.COSE.mediaType()).build();
                HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = resp.body()) {
                    Optional<TokenFormat> format = resp.headers().firstValue("Content-Type").flatMap(TokenFormat::fromMediaType);
                    if (resp.statusCode() != 200 || format.isEmpty()) {
                        return Optional.empty();
                    }
                    byte[] body = in.readNBytes(MAX_TOKEN_BYTES + 1);
                    return Optional.of(new PresentedToken(format.get(), body, Optional.of(nonce)));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The attestation token the device serves at {@code /.well-known/local-device/attestation}
     * (DESIGN.md §4), fetched when attestation anchors are configured, over a connection that must
     * present the same leaf; empty when there is none (404), it is neither a JWT nor COSE, or time ran out.
     */
    private Optional<byte[]> fetchAttestation(Target t, Cert leaf, long end) {
        long left = remainingMillis(end);
        if (left <= 0) {
            return Optional.empty();
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new SameKeyTrustManager(leaf)}, random);
            try (HttpClient client = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofMillis(left))
                    .followRedirects(HttpClient.Redirect.NEVER).build()) {
                URI uri = URI.create("https://" + t.endpoint() + ATTESTATION_PATH);
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(Math.max(1, remainingMillis(end))))
                        .header("Accept", TokenFormat.JWT.mediaType() + ", " + TokenFormat.COSE.mediaType()).build();
                HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = resp.body()) {
                    Optional<TokenFormat> format = resp.headers().firstValue("Content-Type").flatMap(TokenFormat::fromMediaType);
                    if (resp.statusCode() != 200 || format.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(in.readNBytes(AttestationVerifier.MAX_TOKEN_BYTES + 1));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private long remainingMillis(long end) {
        return TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing to end a stalled read; nothing else to do
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
