package io.localtrust.scanner;

import io.localtrust.practice.observe.EndpointObservation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One plain-HTTP request, {@code GET /}: does the device answer HTTP, and does it send the user on to
 * https:// (a 301, 302, 303, 307 or 308 whose Location is an https URL)? Only the response head is
 * read, at most {@link #MAX_HEAD} bytes.
 */
final class HttpProbe {
    static final int MAX_HEAD = 16 * 1024;
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] ([0-9]{3})[^\\r\\n]*\\r?\\n");
    private static final byte TLS_ALERT = 0x15;
    private static final byte TLS_HANDSHAKE = 0x16;

    private final Connections connections;

    HttpProbe(Connections connections) {
        this.connections = connections;
    }

    Attempt probe(InetSocketAddress to, Optional<String> name, long scanDeadline) {
        return connections.converse(to, scanDeadline, open -> {
            String host = name.orElse(to.getAddress().getHostAddress());
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            open.socket().getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: localtrust-scan\r\n"
                    + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] head = readHead(open.socket().getInputStream());
            if (head.length == 0) {
                return new Attempt.Failed("the device closed the connection without answering");
            }
            if (head[0] == TLS_ALERT || head[0] == TLS_HANDSHAKE) {
                return new Attempt.OtherProtocol("answered with TLS, not plain HTTP");
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            Matcher m = STATUS.matcher(text);
            if (!m.lookingAt()) {
                return new Attempt.OtherProtocol("answered, but not with HTTP");
            }
            return new Attempt.Seen(EndpointObservation.http(to.getPort(), redirectsToHttps(Integer.parseInt(m.group(1)), text)));
        });
    }

    static boolean redirectsToHttps(int status, String head) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return false;
        }
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("location")) {
                return line.substring(colon + 1).trim().toLowerCase(Locale.ROOT).startsWith("https://");
            }
        }
        return false;
    }

    /** Reads until the blank line that ends the head, the limit, or the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD];
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (buf[0] == TLS_ALERT || buf[0] == TLS_HANDSHAKE || endsHead(buf, n)) {
                break;
            }
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    private static boolean endsHead(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
                return true;
            }
        }
        return false;
    }
}
