package io.localtrust.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.localdns.DnsReply;
import io.localtrust.localdns.DnsResponder;
import io.localtrust.names.dns.NamesDns;
import io.localtrust.names.store.Account;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Fuzzes the names zone's DNS decoder and answers with Jazzer: any bytes as a query — half the
 * time a valid query for a name of the zone with bytes of it overwritten, so the fuzzer starts
 * deep in the parser. The responder must never throw, must answer with a message that encodes
 * and decodes again, and only with the rcodes an authoritative server gives. The suite fuzzes for
 * {@code maxDuration} (the names pom sets {@code JAZZER_FUZZ=1}); what Jazzer learns is kept in
 * {@code names/.cifuzz-corpus/} (not committed); a crash would be saved under
 * {@code src/test/resources/io/localtrust/names/NamesFuzzTestInputs/} and replayed by every later run.
 */
class NamesFuzzTest {
    static final List<Integer> RCODES = List.of(Rcode.NOERROR, Rcode.FORMERR, Rcode.SERVFAIL, Rcode.NXDOMAIN, Rcode.NOTIMP, Rcode.REFUSED);
    static final String[] NAMES = {"c0a80114.abcdefghijklmnopqrstuvwxyz234567.devices.example.net.",
        "_acme-challenge.abcdefghijklmnopqrstuvwxyz234567.devices.example.net.", "devices.example.net.",
        "abcdefghijklmnopqrstuvwxyz234567.devices.example.net.", "192-168-1-1.abcdefghijklmnopqrstuvwxyz234567.devices.example.net."};
    static Path dir;
    static NamesStore store;
    static DnsResponder responder;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("names-fuzz");
        store = NamesStores.sqlite(dir.resolve("names.db"));
        store.register(new Account("11111111-1111-4111-8111-111111111111", "x", "abcdefghijklmnopqrstuvwxyz234567", List.of(),
                Optional.empty(), Instant.now()));
        store.setAddress("abcdefghijklmnopqrstuvwxyz234567", "192.168.1.9", Instant.now());
        store.setTxt("abcdefghijklmnopqrstuvwxyz234567", "v".repeat(43), Instant.now());
        responder = NamesDns.responder(NamesZone.of("devices.example.net", List.of(), Optional.empty()), store, DnsLimits.defaults(),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesGetAWellFormedAnswerOrNone(FuzzedDataProvider data) throws Exception {
        byte[] query;
        if (data.consumeBoolean()) {
            Message m = Message.newQuery(org.xbill.DNS.Record.newRecord(org.xbill.DNS.Name.fromString(data.pickValue(NAMES)),
                    data.pickValue(new int[] {1, 28, 16, 6, 2, 255, 257}), 1));
            query = m.toWire();
            int edits = data.consumeInt(0, 8);
            for (int i = 0; i < edits; i++) {
                query[data.consumeInt(0, query.length - 1)] = data.consumeByte();
            }
            if (data.consumeBoolean()) {
                query = java.util.Arrays.copyOf(query, data.consumeInt(0, query.length + 64));
            }
        } else {
            query = data.consumeRemainingAsBytes();
        }
        Optional<DnsReply> reply = responder.answer(query);
        if (reply.isPresent()) {
            byte[] udp = reply.get().message().toWire(reply.get().udpLimit());
            assertThat(udp.length).isLessThanOrEqualTo(Math.max(512, reply.get().udpLimit()));
            Message again = new Message(reply.get().message().toWire());
            assertThat(RCODES).contains(again.getRcode());
        }
    }
}
