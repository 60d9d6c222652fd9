package io.localtrust.ladder;

import java.time.Clock;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The ladder as a JSSE trust manager: give it to an {@code SSLContext} and any Java client
 * (HttpClient, HttpsURLConnection, Jetty's client) decides like the seed's "new browser".
 *
 * <pre>{@code
 * TrustConfig config = TrustConfig.of(publicRoots, List.of(gatewayRoot), List.of());
 * SSLContext tls = SSLContext.getInstance("TLS");
 * tls.init(null, new TrustManager[] {LocalTrust.trustManager(config)}, null);
 * HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
 * client.send(HttpRequest.newBuilder(URI.create("https://printer.home.arpa/")).build(), ofString());
 * }</pre>
 */
public final class LocalTrust {
    private LocalTrust() {
    }

    /** Accepts TRUSTED_* and PINNED; anything else fails the handshake with the verdict's text. */
    public static X509ExtendedTrustManager trustManager(TrustConfig config) {
        return trustManager(config, Clock.systemUTC(), d -> { });
    }

    /** The same on a given clock, telling {@code decisions} every decision it makes. */
    public static X509ExtendedTrustManager trustManager(TrustConfig config, Clock clock, Consumer<Decision> decisions) {
        return new LadderTrustManager(new Ladder(config, clock), HostResolver.system(), decisions);
    }
}
