package io.localtrust.acme.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response parser on canned bytes: what devices send that a real server would not. */
class HttpGetTest {
    private static HttpGet.Response read(String raw) throws IOException {
        return HttpGet.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), 16);
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        HttpGet.Response r = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
    }

    @Test
    void bareLineFeedsAreAccepted() throws Exception {
        HttpGet.Response r = read("HTTP/1.0 301 Moved\nLocation: /x\n\n");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.location()).contains("/x");
    }

    @Test
    void bodyIsCappedWhetherLengthIsGivenOrNot() throws Exception {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n12345678901234567").tooLarge()).isTrue();
        assertThat(read("HTTP/1.1 200 OK\r\n\r\n12345678901234567").tooLarge()).isTrue();
        assertThat(read("HTTP/1.1 200 OK\r\n\r\n1234567890123456").tooLarge()).isFalse();
        assertThat(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n12345678901234567\r\n0\r\n\r\n").tooLarge()).isTrue();
    }

    @Test
    void headersBeyondTheLimitAreRefused() {
        String huge = "HTTP/1.1 200 OK\r\nX-Filler: " + "a".repeat(HttpGet.MAX_HEAD_BYTES) + "\r\n\r\n";
        assertThatThrownBy(() -> read(huge)).isInstanceOf(ProtocolException.class).hasMessageContaining("exceed 16384 bytes");
    }

    @Test
    void shortBodyAndBadLengthsAreProtocolErrors() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("ended after 3 of 10 bytes");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("bad Content-Length");
        assertThatThrownBy(() -> read("HTTP/1.1 2x0 OK\r\n\r\n"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("malformed HTTP status line");
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("closed without a complete HTTP response");
    }
}
