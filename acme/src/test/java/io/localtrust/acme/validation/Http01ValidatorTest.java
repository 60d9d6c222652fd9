package io.localtrust.acme.validation;

import static io.localtrust.acme.validation.LoopbackHttpServer.redirect;
import static io.localtrust.acme.validation.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import io.localtrust.locality.Locality;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** http-01 against real HTTP servers on 127.0.0.x; every address outside loopback must be refused unconnected. */
class Http01ValidatorTest {
    static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    static final String PATH = "/.well-known/acme-challenge/" + TOKEN;

    private final RecordingDialer dialer = new RecordingDialer();
    private final List<LoopbackHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws IOException {
        for (LoopbackHttpServer s : servers) {
            s.close();
        }
    }

    private LoopbackHttpServer server(String address, int port, LoopbackHttpServer.Handler handler) throws IOException {
        LoopbackHttpServer s = LoopbackHttpServer.start(address, port, handler);
        servers.add(s);
        return s;
    }

    /**
     * Two servers on one port number, on two addresses. An ephemeral port free on one loopback
     * address can be held on the other by a client socket of an earlier test: then try another.
     */
    private LoopbackHttpServer[] samePort(String first, LoopbackHttpServer.Handler firstHandler,
                                          String second, LoopbackHttpServer.Handler secondHandler) throws IOException {
        for (int attempt = 1; ; attempt++) {
            LoopbackHttpServer one = server(first, 0, firstHandler);
            try {
                return new LoopbackHttpServer[] {one, server(second, one.port(), secondHandler)};
            } catch (java.net.BindException taken) {
                servers.remove(one);
                one.close();
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    private Http01Validator validator(int port) {
        return new Http01Validator(new LocalOnly(Locality.defaults(), dialer), port, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static ValidationTarget device(LoopbackHttpServer s) {
        return ValidationTarget.dns("printer.lan", s.address());
    }

    private static void assertProblem(ThrowingCallable call, AcmeError error, String... detailParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AcmeProblem.class, p -> {
            assertThat(p.error()).as(p.detail()).isEqualTo(error);
            assertThat(p.detail()).contains(detailParts);
        });
    }

    @Test
    void passesWhenTheBodyIsTheKeyAuthorization() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(200, KEY_AUTHORIZATION + "\r\n \t\n"));
        validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.requests()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("GET " + PATH + " HTTP/1.1");
            assertThat(r.host()).isEqualTo("printer.lan");
        });
        assertThat(dialer.dialed()).containsExactly(new InetSocketAddress("127.0.0.2", s.port()));
    }

    @Test
    void ipIdentifierSendsTheAddressLiteralAsHost() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(200, KEY_AUTHORIZATION));
        validator(s.port()).validate(ValidationTarget.ip(s.address()), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.requests()).singleElement().extracting(LoopbackHttpServer.Request::host).isEqualTo("127.0.0.2");
    }

    @Test
    void ipv6IdentifierSendsTheBracketedLiteralAsHost() throws Exception {
        LoopbackHttpServer s;
        try {
            s = server("::1", 0, respond(200, KEY_AUTHORIZATION));
        } catch (IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6);
            return;
        }
        validator(s.port()).validate(ValidationTarget.ip(InetAddress.getByName("::1")), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.requests()).singleElement().extracting(LoopbackHttpServer.Request::host).isEqualTo("[::1]");
    }

    @Test
    void chunkedBodyIsDecoded() throws Exception {
        String half = KEY_AUTHORIZATION.substring(0, 40);
        String rest = KEY_AUTHORIZATION.substring(40);
        LoopbackHttpServer s = server("127.0.0.2", 0, (r, out) -> out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
                + Integer.toHexString(rest.length()) + ";ext=1\r\n" + rest + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION);
    }

    @Test
    void wrongBodyIsAnIncorrectResponseQuotingWhatCame() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(200, TOKEN + ".someone-elses-thumbprint"));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.INCORRECT_RESPONSE,
                "http://printer.lan:" + s.port() + PATH, "(at 127.0.0.2:" + s.port() + ")",
                "is not this challenge's key authorization", "someone-elses");
    }

    @Test
    void leadingWhitespaceIsNotTrimmed() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(200, " " + KEY_AUTHORIZATION));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.INCORRECT_RESPONSE,
                "is not this challenge's key authorization");
    }

    @Test
    void notFoundIsUnauthorizedWithTheStatus() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(404, "not here"));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.UNAUTHORIZED,
                "answered HTTP 404", "serve it at " + PATH);
    }

    @Test
    void hugeBodyIsRefusedWithoutReadingItAll() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(200, KEY_AUTHORIZATION + " ".repeat(100_000)));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.INCORRECT_RESPONSE,
                "larger than 8192 bytes");
    }

    @Test
    void hugeBodyWithoutLengthIsRefusedToo() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, (r, out) -> {
            out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(KEY_AUTHORIZATION.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[Http01Validator.MAX_BODY]);
        });
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.INCORRECT_RESPONSE,
                "larger than 8192 bytes");
    }

    @Test
    void slowServerRunsIntoTheTotalTimeout() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, (r, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 5000; i++) { // one byte every 50 ms: no single read ever waits long
                out.write('x');
                out.flush();
                Thread.sleep(50);
            }
        });
        Http01Validator v = new Http01Validator(new LocalOnly(Locality.defaults(), dialer), s.port(),
                Duration.ofSeconds(1), Duration.ofMillis(700));
        long start = System.nanoTime();
        assertProblem(() -> v.validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "no complete answer within 700ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void nothingListeningIsAConnectionProblem() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            port = free.getLocalPort();
        }
        int closed = port;
        assertProblem(() -> validator(closed).validate(ValidationTarget.dns("printer.lan", InetAddress.getByName("127.0.0.2")),
                TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION, "could not connect to 127.0.0.2:" + port,
                "listening on port " + port);
    }

    @Test
    void somethingOtherThanHttpIsAnIncorrectResponse() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0,
                (r, out) -> out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.INCORRECT_RESPONSE,
                "did not answer with valid HTTP", "not an HTTP/1.x response", "SSH-2.0");
    }

    @Test
    void redirectToAnotherLocalAddressIsFollowed() throws Exception {
        int[] port = {0};
        LoopbackHttpServer[] pair = samePort( // one port: a redirect may change the address, not the port
                "127.0.0.3", respond(200, KEY_AUTHORIZATION),
                "127.0.0.2", (r, out) -> redirect(302, "http://127.0.0.3:" + port[0] + "/moved?x=1").handle(r, out));
        LoopbackHttpServer b = pair[0];
        LoopbackHttpServer a = pair[1];
        port[0] = a.port();
        validator(a.port()).validate(device(a), TOKEN, KEY_AUTHORIZATION);
        assertThat(b.requests()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("GET /moved?x=1 HTTP/1.1");
            assertThat(r.host()).isEqualTo("127.0.0.3:" + a.port());
        });
        assertThat(dialer.dialed()).containsExactly(
                new InetSocketAddress("127.0.0.2", a.port()), new InetSocketAddress("127.0.0.3", a.port()));
    }

    @Test
    void redirectToHttpsOnTheConfiguredPortIsFollowedWithoutCheckingTheCertificate() throws Exception {
        var selfSigned = io.localtrust.x509.TestCerts.maker().dns("whatever.example").make();
        LoopbackHttpServer secure = LoopbackHttpServer.startTls("127.0.0.3", 0, TestTls.serverContext(selfSigned),
                respond(200, KEY_AUTHORIZATION));
        servers.add(secure);
        LoopbackHttpServer plain = server("127.0.0.2", 0, redirect(308, "https://127.0.0.3:" + secure.port() + PATH));
        new Http01Validator(new LocalOnly(Locality.defaults(), dialer), plain.port(), secure.port(),
                Duration.ofSeconds(2), Duration.ofSeconds(5)).validate(device(plain), TOKEN, KEY_AUTHORIZATION);
        assertThat(secure.requests()).singleElement().extracting(LoopbackHttpServer.Request::line)
                .isEqualTo("GET " + PATH + " HTTP/1.1");
        // without the https port configured, only 443 is allowed
        assertProblem(() -> validator(plain.port()).validate(device(plain), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "port " + secure.port() + " is not allowed", "https on port 443 only");
    }

    @Test
    void redirectToTheIdentifierGoesToTheTargetAddress() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, (r, out) -> {
            if (r.line().contains(TOKEN)) {
                redirect(301, "/elsewhere").handle(r, out); // relative: resolved against http://printer.lan:port/…
            } else {
                respond(200, KEY_AUTHORIZATION).handle(r, out);
            }
        });
        validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.requests()).extracting(LoopbackHttpServer.Request::line)
                .containsExactly("GET " + PATH + " HTTP/1.1", "GET /elsewhere HTTP/1.1");
        assertThat(s.requests().get(1).host()).isEqualTo("printer.lan:" + s.port());
    }

    @Test
    void redirectToAPublicAddressIsRefusedWithoutConnecting() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, redirect(302, "http://203.0.113.7/.well-known/acme-challenge/x"));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "redirected to http://203.0.113.7/.well-known/acme-challenge/x, not followed",
                "refused: 203.0.113.7 is not a local address; the gateway validates only on the LAN");
        assertThat(dialer.dialed()).containsExactly(new InetSocketAddress("127.0.0.2", s.port()));
    }

    @Test
    void redirectToAPublicIpv6AddressIsRefusedWithoutConnecting() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, redirect(307, "https://[2001:db8::7]/"));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "refused: 2001:db8::7 is not a local address");
        assertThat(dialer.dialed()).hasSize(1);
    }

    @Test
    void redirectToAnotherNameIsRefusedBecauseNamesAreNotResolved() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, redirect(302, "http://localhost/" + TOKEN));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "does not resolve names", "only the identifier printer.lan or a local IP address");
        assertThat(dialer.dialed()).hasSize(1);
    }

    @Test
    void redirectToAnotherPortOrSchemeIsRefused() throws Exception {
        LoopbackHttpServer ssh = server("127.0.0.2", 0, redirect(302, "http://127.0.0.2:22/"));
        assertProblem(() -> validator(ssh.port()).validate(device(ssh), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "port 22 is not allowed", "on port 80 or " + ssh.port() + " only");
        LoopbackHttpServer ftp = server("127.0.0.2", 0, redirect(302, "ftp://127.0.0.2/file"));
        assertProblem(() -> validator(ftp.port()).validate(device(ftp), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "only http and https redirects are followed");
        assertThat(dialer.dialed()).hasSize(2);
    }

    @Test
    void moreThanTenRedirectsAreRefused() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, redirect(302, "/again"));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION,
                "more than 10 redirects");
        assertThat(dialer.dialed()).hasSize(11);
    }

    @Test
    void redirectWithoutLocationIsAnIncorrectResponse() throws Exception {
        LoopbackHttpServer s = server("127.0.0.2", 0, respond(302, ""));
        assertProblem(() -> validator(s.port()).validate(device(s), TOKEN, KEY_AUTHORIZATION), AcmeError.INCORRECT_RESPONSE,
                "answered HTTP 302 without a Location header");
    }

    @Test
    void identifierThatCannotBeAUrlHostIsRejected() throws Exception {
        ValidationTarget target = ValidationTarget.dns("printer%zz.lan", InetAddress.getByName("127.0.0.2"));
        assertProblem(() -> validator(80).validate(target, TOKEN, KEY_AUTHORIZATION), AcmeError.REJECTED_IDENTIFIER,
                "cannot be put in an http-01 URL");
        assertThat(dialer.dialed()).isEmpty();
    }

    @Test
    void publicTargetAddressIsRefusedWithoutConnecting() throws Exception {
        ValidationTarget target = ValidationTarget.dns("printer.example", InetAddress.getByName("203.0.113.7"));
        assertProblem(() -> validator(80).validate(target, TOKEN, KEY_AUTHORIZATION), AcmeError.REJECTED_IDENTIFIER,
                "refused: 203.0.113.7 is not a local address; the gateway validates only on the LAN");
        assertThat(dialer.dialed()).isEmpty();
    }
}
