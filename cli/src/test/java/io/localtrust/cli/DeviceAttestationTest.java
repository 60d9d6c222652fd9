package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.tokens.AttestationClaims;
import io.localtrust.tokens.AttestationSigner;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation end to end (DESIGN.md §3 step 4, §4): an authority signs a token binding a device's
 * key; {@code device run --attestation FILE} onboards through the real gateway and serves it at
 * {@code /.well-known/local-device/attestation}; {@code probe --attestation-anchor} — which does
 * not know the gateway's root — fetches it over the same key and decides {@code TRUSTED_ATTESTED}.
 * The same probe with another authority as anchor is not attested; a token for another key makes
 * {@code device run} refuse to start with one line.
 */
@ExtendWith(SharedGateway.class)
class DeviceAttestationTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final SecureRandom random = new SecureRandom();
    @TempDir
    Path tmp;

    private Made authority(String org) {
        return CertificateMaker.at(Instant.now(), random).commonName(org + " attestation").organization(org).ca(0)
                .lifetime(Duration.ofDays(365)).make();
    }

    private static String token(Made authority, byte[] spki) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new AttestationSigner(authority.keyPair().getPrivate(), authority.keyPair().getPublic())
                .sign(AttestationClaims.binding("Acme IoT Authority", spki, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(30))));
    }

    private DeviceProcess device(SharedGateway.Running gw, String name, String address, Path state, int https, Path attestation)
            throws Exception {
        return new DeviceProcess(tmp.resolve(name + ".err"), Map.of(), "--gateway", gw.acmeDirectory(), "--name", name, "--bind",
                address, "--http-port", Integer.toString(gw.devicePort()), "--https-port", Integer.toString(https), "--state",
                state.toString(), "--ca-bundle", gw.root().toString(), "--password-file", gw.adminPassword().toString(), "--poll",
                "200ms", "--first-retry", "500ms", "--attestation", attestation.toString());
    }

    @Test
    void anAttestedDeviceIsTrustedAttestedByAProbeThatKnowsItsAuthority(SharedGateway.Running gw) throws Exception {
        String name = "cam.home.arpa";
        String address = "127.0.42.10";
        Path state = tmp.resolve("cam");
        // first boot made here, so that the authority can sign for the key before the device serves
        DeviceIdentity id = DeviceIdentity.open(new DeviceIdentity.Request(new StateDir(state), name, Optional.empty(), false),
                Clock.systemUTC(), random);
        Made acme = authority("Acme IoT Authority");
        Made stranger = authority("Someone Else");
        Path attestation = Files.writeString(tmp.resolve("cam.jwt"), token(acme, id.key().publicKey().getEncoded()) + "\n");
        Path acmePem = Files.writeString(tmp.resolve("acme.pem"), acme.cert().pem());
        Path strangerPem = Files.writeString(tmp.resolve("stranger.pem"), stranger.cert().pem());
        for (String what : List.of(name, address)) {
            Cli.Result allow = Cli.runNow("gateway", "allow", "--dir", gw.dir().toString(), what, "--for", "1h");
            assertThat(allow.exit()).as(allow.err()).isZero();
        }
        int https = GatewayProcess.freePort();
        try (DeviceProcess d = device(gw, name, address, state, https, attestation)) {
            d.await("issued: certificate ([0-9a-f]+) issued", WAIT);
            String url = "https://" + address + ":" + https + "/";

            Cli.Result attested = Cli.runNow("probe", "--no-nmap-fingerprints", "--timeout", "10000", "--attestation-anchor",
                    acmePem.toString(), url);
            assertThat(attested.out()).as(attested.err()).contains("verdict:  TRUSTED_ATTESTED",
                    "its key attested by 'Acme IoT Authority'");
            assertThat(attested.exit()).isZero();

            Cli.Result other = Cli.runNow("probe", "--no-nmap-fingerprints", "--timeout", "10000", "--attestation-anchor",
                    strangerPem.toString(), url);
            assertThat(other.out()).as(other.err()).doesNotContain("TRUSTED_ATTESTED").contains("UNKNOWN_SIGNER");
            assertThat(other.exit()).isEqualTo(ProbeCommand.EXIT_WARNING);
            assertThat(d.stop()).isZero();
        }
    }

    @Test
    void aCoseAttestationIsServedAsCoseAndTrustedAttested(SharedGateway.Running gw) throws Exception {
        String name = "cam2.home.arpa";
        String address = "127.0.42.11";
        Path state = tmp.resolve("cam2");
        DeviceIdentity id = DeviceIdentity.open(new DeviceIdentity.Request(new StateDir(state), name, Optional.empty(), false),
                Clock.systemUTC(), random);
        Made acme = authority("Acme IoT Authority");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] cose = new AttestationSigner(acme.keyPair().getPrivate(), acme.keyPair().getPublic()).signCose(AttestationClaims
                .binding("Acme IoT Authority", id.key().publicKey().getEncoded(), now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(30))));
        Path attestation = Files.write(tmp.resolve("cam2.cwt"), cose);
        Path acmePem = Files.writeString(tmp.resolve("acme2.pem"), acme.cert().pem());
        for (String what : List.of(name, address)) {
            Cli.Result allow = Cli.runNow("gateway", "allow", "--dir", gw.dir().toString(), what, "--for", "1h");
            assertThat(allow.exit()).as(allow.err()).isZero();
        }
        int https = GatewayProcess.freePort();
        try (DeviceProcess d = device(gw, name, address, state, https, attestation)) {
            d.await("issued: certificate ([0-9a-f]+) issued", WAIT);
            String url = "https://" + address + ":" + https + "/";
            Cli.Result attested = Cli.runNow("probe", "--no-nmap-fingerprints", "--timeout", "10000", "--attestation-anchor",
                    acmePem.toString(), url);
            assertThat(attested.out()).as(attested.err()).contains("verdict:  TRUSTED_ATTESTED",
                    "its key attested by 'Acme IoT Authority'");
            assertThat(attested.exit()).isZero();
            assertThat(d.stop()).isZero();
        }
    }

    @Test
    void aTokenForAnotherKeyIsRefusedAtStart(SharedGateway.Running gw) throws Exception {
        Made acme = authority("Acme IoT Authority");
        Made otherKey = authority("Not the device");
        Path attestation = Files.writeString(tmp.resolve("wrong.jwt"), token(acme, otherKey.cert().spkiDer()));
        Cli.Result refused = Cli.runNow("device", "run", "--gateway", gw.acmeDirectory(), "--name", "door.home.arpa", "--bind",
                "127.0.42.11", "--http-port", Integer.toString(gw.devicePort()), "--state", tmp.resolve("door").toString(),
                "--ca-bundle", gw.root().toString(), "--password-file", gw.adminPassword().toString(), "--attestation",
                attestation.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--attestation", "binds key", "not this device's key");

        Path garbage = Files.writeString(tmp.resolve("garbage.jwt"), "not a token");
        Cli.Result bad = Cli.runNow("device", "run", "--gateway", gw.acmeDirectory(), "--name", "door.home.arpa", "--bind",
                "127.0.42.11", "--http-port", Integer.toString(gw.devicePort()), "--state", tmp.resolve("door2").toString(),
                "--ca-bundle", gw.root().toString(), "--password-file", gw.adminPassword().toString(), "--attestation",
                garbage.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--attestation", "not an attestation token");
        assertThat(tmp.resolve("door2")).doesNotExist();
    }
}
