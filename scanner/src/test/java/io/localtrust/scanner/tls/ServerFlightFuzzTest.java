package io.localtrust.scanner.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.List;

/**
 * Fuzzes the TLS 1.2 flight reader with Jazzer: any bytes as a server's answer — half the time a
 * valid flight (ServerHello, Certificate, CertificateStatus, in records of a fuzzed size) with bytes
 * of it overwritten or cut, so the fuzzer starts deep in the parser. The reader must return a flight
 * that keeps its promises or throw {@link TlsReadException} or {@link EOFException}; nothing else
 * may escape, and it never reads more than its bound. The suite fuzzes for {@code maxDuration} (the
 * scanner pom sets {@code JAZZER_FUZZ=1}); a crash would be saved under
 * {@code src/test/resources/io/localtrust/scanner/tls/ServerFlightFuzzTestInputs/} and replayed by
 * every later run.
 */
class ServerFlightFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void anyAnswerIsAFlightOrAReasonNeverACrash(FuzzedDataProvider data) throws Exception {
        byte[] answer;
        if (data.consumeBoolean()) {
            int suite = data.pickValue(new int[] {0xc02b, 0xc02f, 0x009c, 0x1301});
            boolean status = data.consumeBoolean();
            answer = Flights.records(data.consumeInt(1, 16_384), Flights.serverHello(data.pickValue(new int[] {0x0303, 0x0301, 0x0304}), suite,
                            status), Flights.certificate(List.of(data.consumeBytes(data.consumeInt(1, 300)), new byte[] {0x30, 0})),
                    Flights.certificateStatus(data.consumeBytes(data.consumeInt(0, 200))), Flights.serverHelloDone());
            int edits = data.consumeInt(0, 8);
            for (int i = 0; i < edits; i++) {
                answer[data.consumeInt(0, answer.length - 1)] = data.consumeByte();
            }
            if (data.consumeBoolean()) {
                answer = java.util.Arrays.copyOf(answer, data.consumeInt(0, answer.length));
            }
        } else {
            answer = data.consumeRemainingAsBytes();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(answer);
        try {
            ServerFlight f = ServerFlightReader.read(in);
            assertThat(f.version()).isEqualTo("TLSv1.2");
            assertThat(f.chain()).isNotEmpty().allSatisfy(c -> assertThat(c).isNotEmpty());
            assertThat(f.cipher()).startsWith("TLS_");
        } catch (TlsReadException | EOFException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        assertThat(answer.length - in.available()).isLessThanOrEqualTo(ServerFlightReader.MAX_FLIGHT);
    }
}
