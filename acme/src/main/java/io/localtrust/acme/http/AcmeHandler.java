package io.localtrust.acme.http;

import io.localtrust.acme.AcmeRequest;
import io.localtrust.acme.AcmeResponse;
import io.localtrust.acme.AcmeServer;
import io.localtrust.acme.jws.Jws;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves {@link AcmeServer} on Jetty under {@code /acme/}: the request URL as the client wrote it
 * (scheme, Host, path, query), the body read up to {@link Jws#MAX_BODY} + 1 bytes (the server refuses
 * anything longer), the peer address; other paths are left to the next handler.
 */
public final class AcmeHandler extends Handler.Abstract {
    private final AcmeServer server;

    public AcmeHandler(AcmeServer server) {
        super(InvocationType.BLOCKING);
        this.server = server;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (path == null || !path.startsWith("/acme/")) {
            return false;
        }
        String query = uri.getQuery();
        String url = uri.getScheme() + "://" + uri.getAuthority() + path + (query == null ? "" : "?" + query);
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(Jws.MAX_BODY + 1);
        }
        InetAddress remote = InetAddress.getByName(Request.getRemoteAddr(request));
        AcmeResponse r = server.handle(new AcmeRequest(request.getMethod(), url, request.getHeaders()::get, body, remote));
        response.setStatus(r.status());
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            for (String v : h.getValue()) {
                response.getHeaders().add(h.getKey(), v);
            }
        }
        byte[] out = r.body();
        if (!r.contentType().isEmpty()) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
        if (request.getMethod().equals("HEAD") || out.length == 0) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(out), callback);
        }
        return true;
    }
}
