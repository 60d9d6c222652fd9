package io.localtrust.ladder;

import static io.localtrust.ladder.Pki.CLOCK;
import static io.localtrust.ladder.Pki.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.practice.Practice;
import io.localtrust.tokens.AttestationClaims;
import io.localtrust.tokens.AttestationSigner;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 4 of the ladder (DESIGN.md §3) with real signed attestations: a local connection plus a
 * token from a configured attestation anchor that binds this TLS key is {@code TRUSTED_ATTESTED};
 * a token for another key, expired, from another signer or tampered with is a reason, and the
 * decision falls through to the next rung (a pin, else the practice's warning).
 */
class AttestationLadderTest {
    private static final Instant NOW = TestCerts.NOW;
    private final Pki pki = new Pki();
    private final Made authority = TestCerts.maker().commonName("Acme attestation service").organization("Acme IoT Authority")
            .ca(0).lifetime(Duration.ofDays(3650)).make();
    private final Made stranger = TestCerts.maker().commonName("Someone else").organization("Someone").ca(0).make();
    private final Made camera = Pki.selfSigned("cam.local");
    private final Ladder ladder = new Ladder(pki.config().withAttestationAnchors(List.of(authority.cert())), CLOCK);

    private static byte[] token(Made signer, Made boundTo, Instant iat, Duration life) throws Exception {
        AttestationClaims c = AttestationClaims.binding("Acme IoT Authority", boundTo.cert().spkiDer(), iat, iat.plus(life));
        return new AttestationSigner(signer.keyPair().getPrivate(), signer.keyPair().getPublic()).sign(c)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private Decision decide(Ladder l, String host, String address, byte[] token) {
        return l.decide(peer(host, address, camera.cert()).withAttestation(token));
    }

    @Test
    void aBindingFromAConfiguredAuthorityOnALocalConnectionIsTrustedAttested() throws Exception {
        Decision d = decide(ladder, "cam.local", "192.168.1.30", token(authority, camera, NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)));
        assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_ATTESTED);
        assertThat(d.practice()).contains(Practice.U_SS);
        assertThat(d.text()).isEqualTo("Device at 'cam.local' on your network, its key attested by 'Acme IoT Authority'; "
                + "who owns it is not verified");
        assertThat(d.has("ATTESTED")).isTrue();
    }

    @Test
    void aCoseBindingIsTrustedAttestedAndAForgedOneFallsThrough() throws Exception {
        AttestationClaims c = AttestationClaims.binding("Acme IoT Authority", camera.cert().spkiDer(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(89)));
        byte[] cose = new AttestationSigner(authority.keyPair().getPrivate(), authority.keyPair().getPublic()).signCose(c);
        Decision d = decide(ladder, "cam.local", "192.168.1.30", cose);
        assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_ATTESTED);
        assertThat(reason(d, "ATTESTED")).contains("'Acme IoT Authority'");
        byte[] forged = new AttestationSigner(stranger.keyPair().getPrivate(), stranger.keyPair().getPublic()).signCose(c);
        Decision f = decide(ladder, "cam.local", "192.168.1.30", forged);
        assertThat(f.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(reason(f, "ATTESTATION_REJECTED")).contains("UNKNOWN_SIGNER");
        Decision remote = decide(ladder, "cam.local", "203.0.113.7", cose);
        assertThat(remote.verdict()).isNotEqualTo(Verdict.TRUSTED_ATTESTED);
        assertThat(remote.has("ATTESTATION_NOT_LOCAL")).isTrue();
    }

    @Test
    void aTokenForAnotherKeyFallsThroughToThePracticeWarning() throws Exception {
        Made other = Pki.selfSigned("cam.local");
        Decision d = decide(ladder, "cam.local", "192.168.1.30", token(authority, other, NOW, Duration.ofDays(30)));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(reason(d, "ATTESTATION_REJECTED")).contains("CONFIRMATION_MISMATCH");
    }

    @Test
    void anExpiredTokenFallsThrough() throws Exception {
        Decision d = decide(ladder, "cam.local", "192.168.1.30", token(authority, camera, NOW.minus(Duration.ofDays(40)), Duration.ofDays(30)));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(reason(d, "ATTESTATION_REJECTED")).contains("EXPIRED");
    }

    @Test
    void aTokenFromAnotherSignerFallsThrough() throws Exception {
        Decision d = decide(ladder, "cam.local", "192.168.1.30", token(stranger, camera, NOW, Duration.ofDays(30)));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(reason(d, "ATTESTATION_REJECTED")).contains("UNKNOWN_SIGNER");
    }

    @Test
    void aTamperedTokenFallsThrough() throws Exception {
        String[] parts = new String(token(authority, camera, NOW, Duration.ofDays(30)), StandardCharsets.US_ASCII).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"iss\":\"Acme IoT Authority\"", "\"iss\":\"Acme IoT Authorit_\"");
        byte[] tampered = (parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]).getBytes(StandardCharsets.US_ASCII);
        Decision d = decide(ladder, "cam.local", "192.168.1.30", tampered);
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(reason(d, "ATTESTATION_REJECTED")).contains("BAD_SIGNATURE");
    }

    @Test
    void aValidBindingCountsOnlyLocallyAndForTheCertificatesName() throws Exception {
        byte[] t = token(authority, camera, NOW, Duration.ofDays(30));
        Decision remote = decide(ladder, "cam.local", "203.0.113.7", t);
        assertThat(remote.verdict()).isNotEqualTo(Verdict.TRUSTED_ATTESTED);
        assertThat(remote.has("ATTESTATION_NOT_LOCAL")).isTrue();
        Decision otherName = decide(ladder, "door.local", "192.168.1.30", t);
        assertThat(otherName.verdict()).isNotEqualTo(Verdict.TRUSTED_ATTESTED);
        assertThat(otherName.has("ATTESTATION_HOST_MISMATCH")).isTrue();
    }

    @Test
    void withoutAttestationAnchorsATokenIsOnlyNoted() throws Exception {
        Decision d = decide(new Ladder(pki.config(), CLOCK), "cam.local", "192.168.1.30", token(authority, camera, NOW, Duration.ofDays(30)));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(d.has("ATTESTATION_UNCHECKED")).isTrue();
    }

    @Test
    void aRejectedTokenFallsThroughToThePinRung(@TempDir Path dir) throws Exception {
        Ladder pinning = new Ladder(pki.config().withAttestationAnchors(List.of(authority.cert()))
                .withPins(PinStore.open(dir.resolve("pins"), CLOCK), true), CLOCK);
        Decision d = decide(pinning, "cam.local", "192.168.1.30", token(stranger, camera, NOW, Duration.ofDays(30)));
        assertThat(d.verdict()).isEqualTo(Verdict.PINNED);
        assertThat(d.has("ATTESTATION_REJECTED")).isTrue();
    }

    @Test
    void aHigherRungWinsOverAnAttestation() throws Exception {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        byte[] t = token(authority, leaf, NOW, Duration.ofDays(30));
        Decision d = ladder.decide(peer("printer.home.arpa", "192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()).withAttestation(t));
        assertThat(d.verdict()).isEqualTo(Verdict.TRUSTED_LOCAL);
    }

    private static String reason(Decision d, String code) {
        return d.reasons().stream().filter(r -> r.code().equals(code)).map(DecisionReason::message).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + d.reasons()));
    }
}
