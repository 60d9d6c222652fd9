package io.localtrust.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.proof.ProofMaker;
import io.localtrust.names.store.NamesStores;
import io.localtrust.names.store.TestPostgres;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two responders over one PostgreSQL, as docs/names.md scales out: an account registered and a
 * TXT value set at one is answered by the other's DNS within its refresh interval, and a proof
 * used at one is a replay at the other.
 */
class ScaleOutTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whatOneResponderWritesTheOtherAnswers() throws Exception {
        String url = TestPostgres.freshSchema();
        try (Running a = new Running(NamesStores.open(url, Map.of()), ApiLimits.defaults(), List.of(), Clock.systemUTC());
             Running b = new Running(NamesStores.open(url, Map.of()), ApiLimits.defaults(), List.of(), Clock.systemUTC())) {
            String proof = ProofMaker.sign(NamesApiTest.deviceKey(), "devices.example.net", Instant.now(), UUID.randomUUID().toString(),
                    List.of(), Optional.of("10.1.2.3"));
            HttpResponse<String> r = a.post("/device/register", proof, Map.of());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode dev = JSON.readTree(r.body());
            String name = dev.get("fulldomain").asText();
            String txt = "z".repeat(43);
            r = a.post("/update", JSON.writeValueAsString(Map.of("subdomain", dev.get("subdomain").asText(), "txt", txt)),
                    Map.of("X-Api-User", dev.get("username").asText(), "X-Api-Key", dev.get("password").asText()));
            assertThat(r.statusCode()).isEqualTo(200);

            Thread.sleep(600); // b's refresh interval (250 ms) and then some
            assertThat(b.dig.answers(name, "A")).containsExactly("10.1.2.3");
            assertThat(b.dig.answers("_acme-challenge." + name, "TXT")).containsExactly("\"" + txt + "\"");
            assertThat(b.dig.answers("0a010204." + name, "A")).containsExactly("10.1.2.4");
            // the proof is spent for every responder
            assertThat(b.post("/device/register", proof, Map.of()).statusCode()).isEqualTo(401);
            // b's credentials check reads the same account
            r = b.post("/update", JSON.writeValueAsString(Map.of("subdomain", dev.get("subdomain").asText(), "txt", "w".repeat(43))),
                    Map.of("X-Api-User", dev.get("username").asText(), "X-Api-Key", dev.get("password").asText()));
            assertThat(r.statusCode()).isEqualTo(200);
            Thread.sleep(600);
            assertThat(a.dig.answers("_acme-challenge." + name, "TXT")).hasSize(2);
        }
    }
}
