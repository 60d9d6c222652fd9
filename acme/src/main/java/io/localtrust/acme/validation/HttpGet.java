package io.localtrust.acme.validation;

import io.localtrust.acme.Printable;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP/1.1 GET over an open connection (RFC 9112), with {@code Connection: close}: just
 * enough HTTP for http-01. A plain socket rather than {@code java.net.http.HttpClient} because
 * the validator must connect to an address it chose while sending a {@code Host} header naming
 * the identifier; the JDK client would resolve the URL's host itself and refuses to set
 * {@code Host} unless a JVM-wide flag ({@code jdk.httpclient.allowRestrictedHeaders}) is set.
 * It also pools connections and follows redirects by its own rules, both unwanted here.
 *
 * <p>Everything read is bounded: the status line and headers ({@value #MAX_HEAD_BYTES} bytes in
 * all) and the body ({@code maxBody}; one byte more is read to tell "too large" apart).
 * Malformed responses raise {@link ProtocolException} with a message fit for the client.
 */
final class HttpGet {
    static final int MAX_HEAD_BYTES = 16 * 1024;

    /**
     * What came back.
     *
     * @param status   the status code
     * @param location the {@code Location} header, if any
     * @param body     the body, at most {@code maxBody} bytes (empty unless the status is 200)
     * @param tooLarge whether the body was longer than {@code maxBody}
     */
    record Response(int status, Optional<String> location, byte[] body, boolean tooLarge) {
        Response {
            Objects.requireNonNull(location, "location");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    private HttpGet() {
    }

    /**
     * Sends {@code GET target} with {@code Host: host} and reads the response.
     *
     * @param host   the Host header value, visible ASCII only
     * @param target the request target (path and query), visible ASCII only
     */
    static Response get(Socket connection, String host, String target, int maxBody) throws IOException {
        requireVisibleAscii(host, "host");
        requireVisibleAscii(target, "request target");
        OutputStream out = connection.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: localtrust-acme-validator\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read(new BufferedInputStream(connection.getInputStream()), maxBody);
    }

    static Response read(InputStream in, int maxBody) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            int status = statusCode(line(in, budget));
            Head head = headers(in, budget);
            if (status < 200) {
                continue; // an interim response (100 Continue, RFC 9110 §15.2); the final one follows
            }
            if (status != 200) {
                return new Response(status, head.location, new byte[0], false);
            }
            return body(in, head, maxBody, head.location);
        }
    }

    private record Head(Optional<String> location, long contentLength, boolean chunked) {
    }

    private static int statusCode(String line) throws ProtocolException {
        // HTTP/1.1 200 OK
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new ProtocolException("not an HTTP/1.x response (it began \"" + Printable.prefix(line, 40) + "\")");
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9') || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new ProtocolException("malformed HTTP status line \"" + Printable.prefix(line, 40) + "\"");
        }
        return Integer.parseInt(code);
    }

    private static Head headers(InputStream in, int[] budget) throws IOException {
        Optional<String> location = Optional.empty();
        long length = -1;
        boolean chunked = false;
        for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed HTTP header line \"" + Printable.prefix(line, 40) + "\"");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "location" -> location = Optional.of(value);
                case "content-length" -> {
                    try {
                        long l = Long.parseLong(value);
                        if (l < 0 || (length >= 0 && l != length)) {
                            throw new NumberFormatException();
                        }
                        length = l;
                    } catch (NumberFormatException e) {
                        throw new ProtocolException("bad Content-Length \"" + Printable.prefix(value, 40) + "\"");
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                default -> { }
            }
        }
        return new Head(location, length, chunked);
    }

    private static Response body(InputStream in, Head head, int max, Optional<String> location) throws IOException {
        if (head.chunked) {
            return chunked(in, max, location);
        }
        if (head.contentLength > max) {
            return new Response(200, location, new byte[0], true);
        }
        long want = head.contentLength >= 0 ? head.contentLength : max + 1L; // no length: read until close
        byte[] body = in.readNBytes((int) want);
        if (head.contentLength >= 0 && body.length < want) {
            throw new ProtocolException("the body ended after " + body.length + " of " + want + " bytes (Content-Length)");
        }
        return body.length > max
                ? new Response(200, location, new byte[0], true)
                : new Response(200, location, body, false);
    }

    private static Response chunked(InputStream in, int max, Optional<String> location) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            String sizeLine = line(in, budget);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size \"" + Printable.prefix(sizeLine, 20) + "\"");
            }
            if (size < 0) {
                throw new ProtocolException("bad chunk size \"" + Printable.prefix(sizeLine, 20) + "\"");
            }
            if (size == 0) {
                return new Response(200, location, body.toByteArray(), false); // trailers are not needed
            }
            if (body.size() + size > max) {
                return new Response(200, location, new byte[0], true);
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new ProtocolException("the body ended inside a chunk");
            }
            body.write(chunk);
            line(in, budget); // the CRLF after the chunk
        }
    }

    /** One CRLF- (or LF-) terminated line, charged against {@code budget}. */
    private static String line(InputStream in, int[] budget) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException(sb.isEmpty() ? "the connection closed without a complete HTTP response"
                        : "the connection closed in the middle of the HTTP response headers");
            }
            if (--budget[0] < 0) {
                throw new ProtocolException("the HTTP response headers exceed " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
    }

    private static void requireVisibleAscii(String s, String what) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be visible ASCII: '" + Printable.prefix(s, 80) + "'");
        }
    }
}
