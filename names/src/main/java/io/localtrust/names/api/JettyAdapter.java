package io.localtrust.names.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The only class of the API that speaks Jetty: a request becomes an {@link ApiRequest}, the
 * {@link NamesApi}'s answer is written back. Bodies are read up to {@value #MAX_BODY} bytes; a
 * longer one is 413 without reading on.
 */
final class JettyAdapter extends Handler.Abstract {
    static final int MAX_BODY = 32 * 1024;
    private final NamesApi api;

    JettyAdapter(NamesApi api) {
        this.api = api;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        ApiResponse reply;
        InetAddress source = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
        String path = request.getHttpURI().getDecodedPath();
        byte[] body = new byte[0];
        if (request.getLength() > MAX_BODY) {
            reply = NamesApi.render(new ApiProblem(413, "too_large", "the body is larger than " + MAX_BODY + " bytes"));
        } else {
            try (InputStream in = Request.asInputStream(request)) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            reply = body.length > MAX_BODY
                    ? NamesApi.render(new ApiProblem(413, "too_large", "the body is larger than " + MAX_BODY + " bytes"))
                    : api.handle(new ApiRequest(request.getMethod(), path == null ? "/" : path,
                            name -> request.getHeaders().get(name), body, source));
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, request.getMethod().equals("HEAD") ? null : ByteBuffer.wrap(reply.body()), callback);
        return true;
    }
}
