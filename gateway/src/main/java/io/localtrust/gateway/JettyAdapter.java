package io.localtrust.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class that speaks Jetty: turns a Jetty request into a {@link Call}, dispatches it
 * through {@link Routes}, renders any failure through {@link Problems}, writes the {@link Reply}
 * and logs the exchange at debug. Bodies are read up to {@link #MAX_BODY} bytes; more is a 413.
 */
final class JettyAdapter extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(JettyAdapter.class);
    /** Larger than any OCSP request or admin API body. */
    static final int MAX_BODY = 64 * 1024;

    private final Routes routes;

    JettyAdapter(Routes routes) {
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = routes.dispatch(toCall(request));
        } catch (Exception e) {
            reply = Problems.render(e);
        }
        write(request, response, callback, reply, start);
        return true;
    }

    /**
     * What Jetty answers itself (an unparseable request line, a bad URI, a header too large):
     * the same problem+json as every other error, instead of Jetty's HTML page.
     */
    static Request.Handler errorHandler() {
        return (request, response, callback) -> {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            Object msg = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_MESSAGE);
            String title = org.eclipse.jetty.http.HttpStatus.getMessage(status);
            write(request, response, callback, Problems.render(new HttpProblem(status, "http-" + status, title,
                    msg == null ? title : String.valueOf(msg))), System.nanoTime());
            return true;
        };
    }

    private static void write(Request request, Response response, Callback callback, Reply reply, long start) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        byte[] body = reply.bytes();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} -> {} ({} bytes, {} us)", request.getConnectionMetaData().getRemoteSocketAddress(),
                    request.getMethod(), request.getHttpURI().getPath(), reply.status(), body.length,
                    (System.nanoTime() - start) / 1000);
        }
        if (request.getMethod().equals("HEAD")) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    private static Call toCall(Request request) throws HttpProblem, IOException {
        Map<String, String> query = new HashMap<>();
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw HttpProblem.badRequest("malformed-query", "the query string cannot be decoded");
        }
        for (Fields.Field f : fields) {
            query.put(f.getName(), f.getValue());
        }
        byte[] body = new byte[0];
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            long declared = request.getLength();
            if (declared > MAX_BODY) {
                throw new HttpProblem(413, "too-large", "Content too large", "the body is larger than " + MAX_BODY + " bytes");
            }
            try (InputStream in = Request.asInputStream(request)) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new HttpProblem(413, "too-large", "Content too large", "the body is larger than " + MAX_BODY + " bytes");
            }
        }
        String path = request.getHttpURI().getPath();
        return new Call(request.getMethod(), path == null ? "/" : path, query, name -> request.getHeaders().get(name), body,
                java.util.List.of(), request.isSecure());
    }
}
