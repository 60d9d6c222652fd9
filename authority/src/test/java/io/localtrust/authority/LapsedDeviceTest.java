package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.AuditEvent;
import io.localtrust.x509.Digests;
import io.localtrust.x509.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An approved device back after all its certificates expired: re-approval, or proof of the old key (issue 5). */
class LapsedDeviceTest {
    private static final String NAME = "printer.home.arpa";

    @TempDir
    Path tmp;

    private static IssuanceRequest ask(KeyPair k, boolean approve) {
        return new IssuanceRequest(csr(k, NAME), List.of(NAME), "device", approve);
    }

    private Path init(LapsePolicy policy) throws Exception {
        Path dir = tmp.resolve("gw");
        new KeyCeremony(TestGateway.CLOCK, TestGateway.RANDOM).perform(new CeremonySpec(dir, "Test gateway", TestGateway.policy(),
                io.localtrust.x509.KeyKind.EC_P256, Duration.ofDays(90), "http://gateway.home.arpa:8080", KeyCustody.files(),
                java.util.Optional.of(io.localtrust.x509.Oids.KP_LOCAL_DEVICE), policy), TestGateway.PASSPHRASE);
        return dir;
    }

    private static Gateway open(Path dir, Clock clock) throws Exception {
        return Gateway.open(dir, CompromisedKeys.none(), clock, TestGateway.RANDOM);
    }

    private static List<AuditEvent> events(Gateway g, String action) throws Exception {
        return g.store().events(1, 1000).stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void byDefaultADeviceBackAfterExpiryWaitsForAFreshApprovalWhileRenewalBeforeExpiryDoesNot() throws Exception {
        Path dir = init(LapsePolicy.REAPPROVE);
        assertThat(Files.readString(dir.resolve("gateway.json"), StandardCharsets.UTF_8)).contains("\"lapsedDevices\" : \"reapprove\"");
        MovableClock clock = MovableClock.fixedAt(TestGateway.NOW);
        KeyPair k = key();
        String devId = Digests.devId(k.getPublic().getEncoded());
        try (Gateway g = open(dir, clock)) {
            Issued first = g.authority().issue(ask(k, true));
            // renewal at two thirds of the lifetime: the device still holds a valid certificate
            clock.set(first.leaf().notAfter().minus(Duration.ofDays(30)));
            Issued renewed = g.authority().issue(ask(k, false));
            assertThat(renewed.leaf().notAfter()).isAfter(first.leaf().notAfter());
            // at the last instant of the newest certificate it is still a renewal
            clock.set(renewed.leaf().notAfter());
            Issued lastMoment = g.authority().issue(ask(k, false));

            clock.set(lastMoment.leaf().notAfter().plusSeconds(1)); // offline past expiry
            assertThatThrownBy(() -> g.authority().issue(ask(k, false))).isInstanceOfSatisfying(IssuanceRefused.class, e -> {
                assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL);
                assertThat(e.getMessage()).contains("waits for approval again", "expired " + lastMoment.leaf().notAfter(),
                        "offline past expiry", "gateway approve " + devId);
            });
            assertThat(g.store().device(devId).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
            assertThat(events(g, "reopen")).singleElement().satisfies(e -> {
                assertThat(e.subject()).isEqualTo(devId);
                assertThat(e.actor()).isEqualTo("gateway");
                assertThat(e.detail()).contains("certificates expired", "re-enrolment needs a fresh approval");
            });
            assertThatThrownBy(() -> g.authority().issue(ask(k, false))).as("asking again changes nothing")
                    .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL));
            assertThat(events(g, "reopen")).hasSize(1);

            clock.set(clock.instant().plusSeconds(60));
            new Approvals(g.store(), g.config().names(), clock).approve(devId, "console"); // the owner approves
            Issued again = g.authority().issue(ask(k, false));
            assertThat(again.devId()).isEqualTo(devId);
            assertThat(g.authority().issue(ask(k, false)).devId()).as("and renews as before").isEqualTo(devId);
            assertThat(g.store().device(devId).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
            assertThat(g.store().verify()).as("the audit chain").isEmpty();
        }
    }

    @Test
    void theSameHoldsForAGatewayOpenedAfterTheDeviceLapsed() throws Exception {
        Path dir = init(LapsePolicy.REAPPROVE);
        KeyPair k = key();
        Issued first;
        try (Gateway g = open(dir, TestGateway.CLOCK)) {
            first = g.authority().issue(ask(k, true));
        }
        try (Gateway later = open(dir, Clock.fixed(first.leaf().notAfter().plusSeconds(3600), ZoneOffset.UTC))) {
            assertThatThrownBy(() -> later.authority().issue(ask(k, false)))
                    .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.PENDING_APPROVAL));
        }
    }

    @Test
    void aCertificateAnotherProcessIssuedIsSeenBeforeADeviceIsTreatedAsLapsed() throws Exception {
        Path dir = init(LapsePolicy.REAPPROVE);
        MovableClock clock = MovableClock.fixedAt(TestGateway.NOW);
        KeyPair k = key();
        try (Gateway running = open(dir, clock)) {
            Issued first = running.authority().issue(ask(k, true)); // remembered by the running gateway
            // the shell's `gateway issue` renews the device beside the running gateway
            Instant renewedAt = first.leaf().notAfter().minus(Duration.ofDays(10));
            try (Gateway shell = open(dir, Clock.fixed(renewedAt, ZoneOffset.UTC))) {
                shell.authority().issue(ask(k, false));
            }
            clock.set(first.leaf().notAfter().plus(Duration.ofDays(1))); // past the first, within the renewed one
            assertThat(running.authority().issue(ask(k, false)).devId()).isEqualTo(Digests.devId(k.getPublic().getEncoded()));
            assertThat(events(running, "reopen")).isEmpty();
        }
    }

    @Test
    void withAcceptOldKeyTheDeviceIsIssuedAtOnceOnProofOfTheSameKeyAndTheAuditSaysSo() throws Exception {
        Path dir = init(LapsePolicy.ACCEPT_OLD_KEY);
        MovableClock clock = MovableClock.fixedAt(TestGateway.NOW);
        KeyPair k = key();
        String devId = Digests.devId(k.getPublic().getEncoded());
        try (Gateway g = open(dir, clock)) {
            assertThat(g.config().lapsedDevices()).isEqualTo(LapsePolicy.ACCEPT_OLD_KEY);
            Issued first = g.authority().issue(ask(k, true));
            clock.set(first.leaf().notAfter().plus(Duration.ofDays(200)));
            assertThat(g.authority().issue(ask(k, false)).devId()).isEqualTo(devId);
            assertThat(g.store().device(devId).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
            assertThat(events(g, "reenrol")).singleElement().satisfies(e -> {
                assertThat(e.subject()).isEqualTo(devId);
                assertThat(e.detail()).contains("proof of the same key", "accept-old-key");
            });
            // a different key for the same name is another device: pending, whatever the policy
            assertThatThrownBy(() -> g.authority().issue(ask(key(), false)))
                    .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal())
                            .as("not issued").isIn(Refusal.PENDING_APPROVAL, Refusal.NAME_BOUND_TO_OTHER_DEVICE));
        }
    }

    @Test
    void gatewayJsonWithoutTheSettingReadsAsReapproveAndAnUnknownValueIsRefusedByName() throws Exception {
        Path dir = init(LapsePolicy.ACCEPT_OLD_KEY);
        Path json = dir.resolve("gateway.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"lapsedDevices\" : \"accept-old-key\",\n");
        Files.writeString(json, text.replace("\"lapsedDevices\" : \"accept-old-key\",\n", ""), StandardCharsets.UTF_8);
        try (Gateway g = open(dir, TestGateway.CLOCK)) {
            assertThat(g.config().lapsedDevices()).isEqualTo(LapsePolicy.REAPPROVE);
        }
        Files.writeString(json, text.replace("accept-old-key", "whenever"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> open(dir, TestGateway.CLOCK)).isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("damaged gateway configuration").hasMessageContaining("'whenever' is not a lapsed-device policy");
    }
}
