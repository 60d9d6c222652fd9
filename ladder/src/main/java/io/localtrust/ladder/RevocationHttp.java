package io.localtrust.ladder;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ladder's revocation fetches over {@code java.net.http}: plain {@code http:} only (RFC 5280
 * §4.2.1.13 and RFC 6960 name HTTP; fetching over HTTPS would need a trust decision inside a trust
 * decision), no redirects, each fetch bounded in time (connect to last byte) and in size — a larger
 * body is abandoned at the bound, not read to the end.
 */
final class RevocationHttp {
    /** A fetch that gave no usable body; the message is one line for a decision reason. */
    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        FetchException(String message) {
            this(message, false);
        }

        FetchException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        /** Ended by the time given, not by the server: with a shorter time than usual it says little about the server. */
        boolean timedOut() {
            return timedOut;
        }
    }

    private final Duration connectTimeout;
    /** Made on the first fetch: a ladder whose certificates name no responder never starts the client's thread. */
    private volatile HttpClient client;

    RevocationHttp(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** {@code url} if it is an absolute {@code http:} URL with a host. */
    static URI httpUrl(String url) throws FetchException {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new FetchException("'" + url + "' is not a URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http") || uri.getHost() == null) {
            throw new FetchException("'" + url + "' is not an http: URL (only http: is fetched)");
        }
        return uri;
    }

    byte[] get(URI uri, Duration timeout, int maxBytes) throws FetchException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), timeout, maxBytes);
    }

    byte[] post(URI uri, String contentType, byte[] body, Duration timeout, int maxBytes) throws FetchException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), timeout, maxBytes);
    }

    private byte[] send(HttpRequest request, Duration timeout, int maxBytes) throws FetchException {
        CompletableFuture<HttpResponse<byte[]>> f = client().sendAsync(request, info -> info.statusCode() == 200
                ? new Bounded(maxBytes) : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            HttpResponse<byte[]> r = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.statusCode() != 200) {
                throw new FetchException(request.uri() + " answered HTTP " + r.statusCode());
            }
            return r.body();
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new FetchException(request.uri() + " gave no complete answer within " + timeout.toMillis() + " ms", true);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(request.uri() + ": interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.net.http.HttpTimeoutException) { // the client's own request timeout, the same bound
                throw new FetchException(request.uri() + " gave no complete answer within " + timeout.toMillis() + " ms", true);
            }
            if (c instanceof TooLarge) {
                throw new FetchException(request.uri() + " sent more than " + maxBytes + " bytes");
            }
            throw new FetchException(request.uri() + " could not be fetched (" + (c == null ? e : c).getClass().getSimpleName()
                    + (c != null && c.getMessage() != null ? ": " + c.getMessage() : "") + ")");
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("body too large", null, false, false);
        }
    }

    /** Collects a body up to {@code max} bytes; one byte more cancels the exchange. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Bounded(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }
}
