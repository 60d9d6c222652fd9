package io.localtrust.ladder;

import static io.localtrust.ladder.Pki.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.MovableClock;
import io.localtrust.x509.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use: pin, match, a changed key loudly refused and never re-pinned; the file itself. */
class PinsTest {
    @TempDir
    Path dir;

    private final Pki pki = new Pki();
    private final MovableClock clock = MovableClock.fixedAt(TestCerts.NOW);
    private final Made nas = Pki.selfSigned("nas.local");

    private Ladder ladder(boolean pinOnFirstUse) throws PinStoreException {
        return new Ladder(pki.config().withPins(PinStore.open(dir.resolve("pins"), clock), pinOnFirstUse), clock);
    }

    @Test
    void firstUsePinsThenTheSameKeyIsPinned() throws Exception {
        Ladder ladder = ladder(true);
        Decision first = ladder.decide(peer("nas.local", "192.168.1.40", nas.cert()));
        assertThat(first.verdict()).as(first.reasons().toString()).isEqualTo(Verdict.PINNED);
        assertThat(first.has("PIN_NEW")).isTrue();
        assertThat(first.text()).startsWith("First visit to 'nas.local'");
        Path file = dir.resolve("pins");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).contains("nas.local:443 " + nas.cert().fingerprints().spkiSha256() + " "
                + TestCerts.NOW + " " + TestCerts.NOW);

        clock.advance(Duration.ofDays(3));
        Decision again = ladder.decide(peer("nas.local", "192.168.1.40", nas.cert()));
        assertThat(again.verdict()).isEqualTo(Verdict.PINNED);
        assertThat(again.has("PIN_MATCH")).isTrue();
        assertThat(again.text()).contains("Same device as on your first visit to 'nas.local' (2026-03-01)");
        Pin pin = PinStore.open(file, clock).lookup("nas.local:443").orElseThrow();
        assertThat(pin.firstSeen()).isEqualTo(TestCerts.NOW);
        assertThat(pin.lastSeen()).isEqualTo(TestCerts.NOW.plus(Duration.ofDays(3)));
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("pins");
        }
    }

    @Test
    void aChangedKeyIsALoudWarningAndThePinIsKept() throws Exception {
        Ladder ladder = ladder(true);
        ladder.decide(peer("nas.local", "192.168.1.40", nas.cert()));
        String before = Files.readString(dir.resolve("pins"));
        Made impostor = Pki.selfSigned("nas.local");
        for (int i = 0; i < 2; i++) {
            Decision d = ladder.decide(peer("nas.local", "192.168.1.40", impostor.cert()));
            assertThat(d.verdict()).isEqualTo(Verdict.WARN_KEY_CHANGED);
            assertThat(d.verdict().accepted()).isFalse();
            assertThat(d.text()).startsWith("WARNING: the key of 'nas.local' has changed since 2026-03-01");
            assertThat(d.has("PIN_CHANGED")).isTrue();
        }
        assertThat(Files.readString(dir.resolve("pins"))).isEqualTo(before);
    }

    @Test
    void pinsAreTakenOnlyOnLocalConnectionsForUniqueKeysWhenAsked() throws Exception {
        assertThat(ladder(false).decide(peer("nas.local", "192.168.1.40", nas.cert())).verdict())
                .isEqualTo(Verdict.WARN_U_SS);
        assertThat(ladder(true).decide(peer("nas.example.com", "198.51.100.4", nas.cert())).verdict())
                .isEqualTo(Verdict.WARN_U_SS);
        assertThat(Files.exists(dir.resolve("pins"))).isFalse();
    }

    @Test
    void otherEndpointsAreIndependent() throws Exception {
        Ladder ladder = ladder(true);
        ladder.decide(peer("nas.local", "192.168.1.40", nas.cert()));
        Decision otherPort = ladder.decide(TlsPeer.of("nas.local", 8443, Pki.address("192.168.1.40"),
                List.of(Pki.selfSigned("nas.local").cert())));
        assertThat(otherPort.has("PIN_NEW")).isTrue();
        assertThat(PinStore.open(dir.resolve("pins"), clock).pins()).hasSize(2);
    }

    @Test
    void aBrokenPinFileIsAClearErrorAndNeverTrusts() throws Exception {
        Path file = dir.resolve("pins");
        Files.writeString(file, "# pins\nnas.local:443 not-a-hash 2026-03-01T12:00:00Z 2026-03-01T12:00:00Z\n");
        assertThatThrownBy(() -> PinStore.open(file, clock)).isInstanceOf(PinStoreException.class)
                .hasMessage(file + ": line 2: not a SHA-256 in hex: 'not-a-hash'");
        Files.writeString(file, "");
        Ladder ladder = ladder(true);
        Files.writeString(file, "nas.local:443 too few\n");
        Decision d = ladder.decide(peer("nas.local", "192.168.1.40", nas.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r.message()).contains("line 1: expected"));
    }

    @Test
    void aPinCannotBeOverwrittenOnlyForgotten() throws Exception {
        PinStore store = PinStore.open(dir.resolve("pins"), clock);
        store.pin("nas.local:443", nas.cert().fingerprints().spkiSha256());
        assertThatThrownBy(() -> store.pin("nas.local:443", "ab".repeat(32))).isInstanceOf(PinStoreException.class)
                .hasMessageContaining("already pinned");
        assertThat(store.forget("nas.local:443")).isTrue();
        assertThat(store.pins()).isEmpty();
    }
}
