package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.ApprovalState;
import io.localtrust.store.ApprovalStore;
import io.localtrust.x509.Digests;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalsTest {
    @TempDir
    Path tmp;

    private String pendingDevice(Gateway g, KeyPair k, String name) {
        try {
            g.authority().issue(new IssuanceRequest(csr(k, name), List.of(name), "t", false));
            throw new AssertionError("should be pending");
        } catch (IssuanceRefused e) {
            assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL);
        }
        return Digests.devId(k.getPublic().getEncoded());
    }

    @Test
    void pairingCodeTypedByTheOwnerApprovesThatDeviceOnce() throws Exception {
        TestGateway.init(tmp.resolve("gw"));
        try (Gateway g = TestGateway.open(tmp.resolve("gw"))) {
            Approvals a = new Approvals(g.store(), g.config().names(), TestGateway.CLOCK);
            KeyPair k = key();
            String devId = pendingDevice(g, k, "speaker.home.arpa");
            String other = pendingDevice(g, key(), "tv.home.arpa");
            a.offerPairingCode(devId, "K7QM-4XPA");
            assertThat(a.approveByCode("k7qm 4xpa", "console").devId()).isEqualTo(devId);
            assertThat(g.store().device(devId).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
            assertThat(g.store().device(other).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
            assertThatThrownBy(() -> a.approveByCode("K7QM4XPA", "console")).hasMessageContaining("no pending device");
            assertThat(g.authority().issue(new IssuanceRequest(csr(k, "x"), List.of("speaker.home.arpa"), "t", false))
                    .devId()).isEqualTo(devId);
        }
    }

    @Test
    void theCodeAPendingDeviceOfferedIsShownUntilItIsUsedDecidedOrExpired() throws Exception {
        TestGateway.init(tmp.resolve("gw"));
        try (Gateway g = TestGateway.open(tmp.resolve("gw"))) {
            Approvals a = new Approvals(g.store(), g.config().names(), TestGateway.CLOCK);
            String speaker = pendingDevice(g, key(), "speaker.home.arpa");
            String tv = pendingDevice(g, key(), "tv.home.arpa");
            String fan = pendingDevice(g, key(), "fan.home.arpa");
            String certbot = pendingDevice(g, key(), "nas.home.arpa");
            a.offerPairingCode(speaker, "k7qm 4xpa");
            a.offerPairingCode(tv, "HUB2-7QXK");
            a.offerPairingCode(fan, "FAN2FAN3");
            assertThat(a.shownPairingCodes()).as("as devices show them; none for a device that offered none")
                    .containsOnly(java.util.Map.entry(speaker, "K7QM-4XPA"), java.util.Map.entry(tv, "HUB2-7QXK"),
                            java.util.Map.entry(fan, "FAN2-FAN3"))
                    .doesNotContainKey(certbot);

            a.approveByCode("K7QM-4XPA", "console");
            a.deny(tv, "console");
            assertThat(a.shownPairingCodes()).as("used, or its device decided").containsOnlyKeys(fan);

            Approvals later = new Approvals(g.store(), g.config().names(), Clock.offset(TestGateway.CLOCK, Approvals.PAIRING_TTL));
            assertThat(later.shownPairingCodes()).as("expired after 15 minutes").isEmpty();
            assertThat(g.store().events(1, 100)).as("no code in the audit log")
                    .allSatisfy(e -> assertThat(e.detail() + e.subject()).doesNotContain("K7QM", "4XPA", "HUB2", "7QXK", "FAN2"));
        }
    }

    @Test
    void codesAreGroupedByFourAsDevicesShowThem() {
        assertThat(Approvals.grouped("K7QM4XPA")).isEqualTo("K7QM-4XPA");
        assertThat(Approvals.grouped("ABCDEFGHJK")).isEqualTo("ABCD-EFGH-JK");
    }

    @Test
    void wrongCodesAreRateLimitedEvenForTheRightCodeAfterwards() throws Exception {
        TestGateway.init(tmp.resolve("gw"));
        try (Gateway g = TestGateway.open(tmp.resolve("gw"))) {
            Approvals a = new Approvals(g.store(), g.config().names(), TestGateway.CLOCK);
            String devId = pendingDevice(g, key(), "lock.home.arpa");
            a.offerPairingCode(devId, "ABCDEFGH");
            for (int i = 0; i < Approvals.PAIRING_ATTEMPTS; i++) {
                assertThatThrownBy(() -> a.approveByCode("ZZZZZZZZ", "console")).hasMessageContaining("no pending device");
            }
            assertThatThrownBy(() -> a.approveByCode("ABCDEFGH", "console")).hasMessageContaining("too many wrong pairing codes");
            Approvals later = new Approvals(g.store(), g.config().names(),
                    Clock.fixed(TestGateway.NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));
            assertThatThrownBy(() -> later.approveByCode("ABCDEFGH", "console")).as("the code itself expired after 15 minutes")
                    .hasMessageContaining("no pending device");
        }
    }

    @Test
    void codesMustBeLongEnoughAndOnlyForPendingDevices() throws Exception {
        TestGateway.init(tmp.resolve("gw"));
        try (Gateway g = TestGateway.open(tmp.resolve("gw"))) {
            Approvals a = new Approvals(g.store(), g.config().names(), TestGateway.CLOCK);
            String devId = pendingDevice(g, key(), "fan.home.arpa");
            assertThatThrownBy(() -> a.offerPairingCode(devId, "1234")).hasMessageContaining("8-32");
            a.approve(devId, "cli");
            assertThatThrownBy(() -> a.offerPairingCode(devId, "ABCDEFGH")).hasMessageContaining("not waiting");
            assertThat(Approvals.parseSerial("0A:1b:FF")).isEqualTo(new java.math.BigInteger("0a1bff", 16));
            assertThat(Approvals.parseSerial("serial=0A1BFF")).isEqualTo(new java.math.BigInteger("0a1bff", 16));
            assertThatThrownBy(() -> Approvals.parseSerial("xyz")).hasMessageContaining("not a serial");
        }
    }

    @Test
    void allowsSeveralIdentitiesAtOnceOrNoneWhenOneIsBad() throws Exception {
        TestGateway.init(tmp.resolve("gw"));
        try (Gateway g = TestGateway.open(tmp.resolve("gw"))) {
            Approvals a = new Approvals(g.store(), g.config().names(), TestGateway.CLOCK);
            assertThatThrownBy(() -> a.allow(List.of("cam.home.arpa", "bank.example"), Duration.ofMinutes(10), "cli"))
                    .isInstanceOf(IssuanceRefused.class).hasMessageContaining("'bank.example' is outside");
            assertThatThrownBy(() -> a.allow(List.of("cam.home.arpa", "not a name"), Duration.ofMinutes(10), "cli"))
                    .isInstanceOf(IssuanceRefused.class);
            assertThatThrownBy(() -> a.allow(List.of("cam.home.arpa"), Duration.ofDays(8), "cli")).hasMessageContaining("7 days");
            assertThatThrownBy(() -> a.allow(List.of(), Duration.ofMinutes(10), "cli")).hasMessageContaining("at least one");
            assertThat(g.store().allowances(TestGateway.NOW)).as("a bad one among them stores none").isEmpty();

            var allowed = a.allow(List.of("cam.home.arpa", "127.0.1.7", "cam.home.arpa"), Duration.ofMinutes(10), "cli");
            assertThat(allowed).extracting(ApprovalStore.Allowance::identity).containsExactly("cam.home.arpa", "127.0.1.7");
            assertThat(g.store().allowances(TestGateway.NOW)).hasSize(2);
            // a new device asking for both is approved at once, and another new device at the same address too
            assertThat(g.authority().issue(new IssuanceRequest(csr(key(), "cam"), List.of("cam.home.arpa", "127.0.1.7"), "t", false))
                    .leaf().sans()).hasSize(2);
            assertThat(g.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("127.0.1.7"), "t", false)).devId()).isNotEmpty();
            assertThat(pendingDevice(g, key(), "door.home.arpa")).as("a name not allowed still waits").isNotEmpty();
        }
    }
}
