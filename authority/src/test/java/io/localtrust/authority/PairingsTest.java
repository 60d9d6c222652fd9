package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.NOW;
import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.PairingStore.PairingGrant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing keys for External Account Binding: made by the owner, derived (never stored), and a
 * redeemed grant approving its holder's devices for its names while it lasts.
 */
class PairingsTest {
    @TempDir
    static Path made;
    @TempDir
    Path tmp;
    Path dir;
    Gateway gateway;

    @org.junit.jupiter.api.BeforeAll
    static void ceremony() throws Exception {
        TestGateway.init(made.resolve("gw"));
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("gw");
        TestGateway.copy(made.resolve("gw"), dir);
        gateway = TestGateway.open(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    private Issued issue(String actor, String... names) throws IssuanceRefused {
        return gateway.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of(names), actor, false));
    }

    @Test
    void aPairingKeyIsDerivedFromASecretBesideTheCaKeysAndNeverStored() throws Exception {
        Pairings.NewPairing p = gateway.pairings().create(List.of("Printer.Home.Arpa.", "192.168.1.20"), Duration.ofMinutes(10), "cli:root");

        assertThat(p.names()).containsExactly("printer.home.arpa", "192.168.1.20");
        assertThat(p.until()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        byte[] key = Base64.getUrlDecoder().decode(p.hmacKey());
        assertThat(key).hasSize(32);
        assertThat(p.toString()).doesNotContain(p.hmacKey());
        assertThat(gateway.pairings().macKey(p.kid())).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
        Path secret = dir.resolve("pairing-secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        try (Gateway other = TestGateway.open(dir)) { // another process on the same directory derives the same key
            assertThat(other.pairings().macKey(p.kid())).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
        }

        assertThat(gateway.store().pairingGrant(p.kid())).hasValueSatisfying(g -> {
            assertThat(g.names()).containsExactly("printer.home.arpa", "192.168.1.20");
            assertThat(g.holder()).isEmpty();
        });
        assertThat(gateway.store().events(1, 100)).extracting(AuditEvent::action).contains("pair");
        // a dump of the store alone holds neither the key nor its text
        for (Path f : List.of(dir.resolve("gateway.db"), dir.resolve("gateway.db-wal"))) {
            if (Files.exists(f)) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).doesNotContain(new String(key, StandardCharsets.ISO_8859_1)).doesNotContain(p.hmacKey());
            }
        }
    }

    @Test
    void badNamesOrWindowsAreRefusedAndNothingIsMade() throws Exception {
        assertThatThrownBy(() -> gateway.pairings().create(List.of("bank.example"), Duration.ofMinutes(10), "t"))
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NAME_NOT_PERMITTED));
        assertThatThrownBy(() -> gateway.pairings().create(List.of("*.home.arpa"), Duration.ofMinutes(10), "t"))
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.BAD_IDENTITY));
        for (Duration bad : List.of(Duration.ZERO, Duration.ofDays(8))) {
            assertThatThrownBy(() -> gateway.pairings().create(List.of(), bad, "t"))
                    .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.getMessage()).contains("between 1 second and 7 days"));
        }
        assertThat(gateway.store().pairingGrants()).isEmpty();
        assertThat(dir.resolve("pairing-secret.key")).doesNotExist();
        assertThat(gateway.pairings().macKey("anything")).as("no secret yet: no key").isEmpty();
    }

    @Test
    void aRedeemedGrantApprovesItsHoldersDevicesForItsNamesUntilItEnds() throws Exception {
        Pairings.NewPairing p = gateway.pairings().create(List.of("printer.home.arpa"), Duration.ofMinutes(10), "cli:root");

        assertThatThrownBy(() -> issue("acme:a1", "printer.home.arpa")).as("not redeemed yet")
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL));
        assertThat(gateway.store().redeemPairingGrant(p.kid(), "acme:a1", NOW)).isTrue();
        assertThatThrownBy(() -> issue("acme:a2", "printer.home.arpa")).as("another requester")
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL));
        assertThatThrownBy(() -> issue("acme:a1", "printer.home.arpa", "nas.home.arpa")).as("a name not granted")
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL));

        Issued printer = issue("acme:a1", "printer.home.arpa");
        AuditEvent approval = gateway.store().events(1, 100).stream().filter(e -> e.action().equals("approve")).findFirst().orElseThrow();
        assertThat(approval.subject()).isEqualTo(printer.devId());
        assertThat(approval.detail()).isEqualTo("pairing " + p.kid() + " (External Account Binding): printer.home.arpa");

        gateway.close();
        gateway = Gateway.open(dir, CompromisedKeys.none(), Clock.fixed(p.until(), ZoneOffset.UTC), TestGateway.RANDOM);
        assertThatThrownBy(() -> issue("acme:a1", "printer.home.arpa")).as("the grant has ended")
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL));
        assertThat(Stream.of(gateway.store().pairingGrant(p.kid()).orElseThrow()).map(PairingGrant::holder)).containsExactly(
                java.util.Optional.of("acme:a1"));
    }
}
