package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NONCE;
import static io.localtrust.tokens.TestDevices.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Peers that share no code with this module read our tokens, and we read theirs: openssl checks
 * the JWT signature (after turning r‖s into DER itself), PyJWT verifies the JWT, and python's
 * cbor2 + cryptography rebuild the COSE Sig_structure, verify it and compute the JWK thumbprint
 * and dev-id on their own. Tokens made by python verify here. One python run per check, for
 * every key type at once (the interpreter's start dominates).
 */
class InteropTest {
    private static final List<KeyKind> KINDS = List.of(KeyKind.EC_P256, KeyKind.EC_P384, KeyKind.ED25519);

    @TempDir
    Path tmp;

    private static String alg(KeyKind kind) {
        return switch (kind) {
            case EC_P256 -> "ES256";
            case EC_P384 -> "ES384";
            default -> "EdDSA";
        };
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "ED25519"})
    void opensslVerifiesTheJwtSignature(KeyKind kind) throws Exception {
        Device device = TestDevices.device(kind);
        String[] parts = device.sign(TokenFormat.JWT).text().split("\\.");
        Files.writeString(tmp.resolve("input.txt"), parts[0] + "." + parts[1]);
        Files.writeString(tmp.resolve("leaf.pem"), TestCerts.pem(device.chain().leaf()));
        Files.writeString(tmp.resolve("pub.pem"), Tools.openssl(tmp, "x509", "-in", "leaf.pem", "-pubkey", "-noout"));
        List<String> verify = verifyCommand(kind, Base64URL.from(parts[2]).decode());

        Tools.Result good = Tools.run(tmp, with(verify, "input.txt"));
        assertThat(good.exit()).as(good.text() + good.err()).isZero();
        assertThat(good.text()).contains(kind == KeyKind.ED25519 ? "Signature Verified Successfully" : "Verified OK");
        Files.writeString(tmp.resolve("tampered.txt"), parts[0] + "." + parts[1].substring(1));
        Tools.Result bad = Tools.run(tmp, with(verify, "tampered.txt"));
        assertThat(bad.exit()).as(bad.text()).isNotZero();
        assertThat(bad.text() + bad.err()).contains("Verif").contains("ail");
    }

    private static List<String> with(List<String> command, String input) {
        List<String> c = new ArrayList<>(command);
        c.replaceAll(a -> a.equals("INPUT") ? input : a);
        return c;
    }

    /** openssl's own DER for an ECDSA r‖s (asn1parse -genconf), or the raw Ed25519 signature; INPUT is a placeholder. */
    private List<String> verifyCommand(KeyKind kind, byte[] signature) throws Exception {
        if (kind == KeyKind.ED25519) {
            Files.write(tmp.resolve("sig.bin"), signature);
            return List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "INPUT", "-sigfile", "sig.bin");
        }
        int half = signature.length / 2;
        HexFormat hex = HexFormat.of();
        Files.writeString(tmp.resolve("sig.cnf"), "asn1=SEQUENCE:sig\n[sig]\n"
                + "r=INTEGER:0x" + hex.formatHex(Arrays.copyOfRange(signature, 0, half)) + "\n"
                + "s=INTEGER:0x" + hex.formatHex(Arrays.copyOfRange(signature, half, signature.length)) + "\n");
        Tools.openssl(tmp, "asn1parse", "-genconf", "sig.cnf", "-out", "sig.der", "-noout");
        return List.of("openssl", "dgst", kind == KeyKind.EC_P256 ? "-sha256" : "-sha384", "-verify", "pub.pem",
                "-signature", "sig.der", "INPUT");
    }

    @Test
    void pythonVerifiesCoseTokensAndAgreesOnThumbprintAndDevId() throws Exception {
        List<Device> devices = new ArrayList<>();
        List<SignedToken> tokens = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of("verify-cose"));
        for (KeyKind kind : KINDS) {
            Device d = TestDevices.device(kind);
            SignedToken t = d.sign(TokenFormat.COSE);
            devices.add(d);
            tokens.add(t);
            Files.write(tmp.resolve(kind + ".cbor"), t.encoded());
            args.add(kind + ".cbor");
        }
        byte[] tampered = tokens.get(0).encoded();
        tampered[tampered.length - 70] ^= 1; // inside the payload, before the signature
        Files.write(tmp.resolve("tampered.cbor"), tampered);
        args.add("tampered.cbor");

        List<Map<String, Object>> out = lines(Tools.python(tmp, args.toArray(String[]::new)));
        assertThat(out).hasSize(4);
        for (int i = 0; i < KINDS.size(); i++) {
            Map<String, Object> o = out.get(i);
            assertThat(o).as("%s", o).doesNotContainKey("error").containsEntry("alg", alg(KINDS.get(i)))
                    .containsEntry("typ", "application/local-device-status+cwt").containsEntry("chain", 2L)
                    .containsEntry("iss", "printer.home.arpa").containsEntry("nonce", NONCE.value())
                    .containsEntry("iat", NOW.getEpochSecond()).containsEntry("exp", NOW.getEpochSecond() + 120)
                    .containsEntry("firmware_version", "4.2.1 (build 77)").containsEntry("device_status", "ok");
            assertThat(o.get("sub")).isEqualTo(devices.get(i).devId()).isEqualTo(o.get("computed_dev_id"));
            assertThat(o.get("cnf_kid")).isEqualTo(tokens.get(i).claims().keyThumbprint()).isEqualTo(o.get("computed_jkt"));
        }
        assertThat((String) out.get(3).get("error")).startsWith("InvalidSignature");
    }

    @Test
    void pyJwtVerifiesTheJwts() throws Exception {
        List<Device> devices = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of("verify-jwt"));
        for (KeyKind kind : KINDS) {
            Device d = TestDevices.device(kind);
            devices.add(d);
            Files.writeString(tmp.resolve(kind + ".jwt"), d.sign(TokenFormat.JWT).text());
            args.add(kind + ".jwt");
        }
        List<Map<String, Object>> out = lines(Tools.python(tmp, args.toArray(String[]::new)));
        assertThat(out).hasSize(3);
        for (int i = 0; i < KINDS.size(); i++) {
            Map<String, Object> o = out.get(i);
            assertThat(o).as("%s", o).doesNotContainKey("error");
            Map<String, Object> header = JSONObjectUtils.getJSONObject(o, "header");
            Map<String, Object> claims = JSONObjectUtils.getJSONObject(o, "claims");
            assertThat(header).containsEntry("typ", "local-device-status+jwt").containsEntry("alg", alg(KINDS.get(i)));
            assertThat(JSONObjectUtils.getStringList(header, "x5c")).hasSize(2);
            assertThat(claims).containsEntry("iss", "printer.home.arpa").containsEntry("sub", devices.get(i).devId())
                    .containsEntry("sub", o.get("computed_dev_id")).containsEntry("nonce", NONCE.value())
                    .containsEntry("iat", NOW.getEpochSecond()).containsEntry("exp", NOW.getEpochSecond() + 120)
                    .containsEntry("firmware_version", "4.2.1 (build 77)").containsEntry("device_status", "ok");
            assertThat(JSONObjectUtils.getJSONObject(claims, "cnf")).containsEntry("jkt", o.get("computed_jkt"));
        }
    }

    @Test
    void tokensMadeByPythonVerifyHere() throws Exception {
        Device device = TestDevices.device(KeyKind.EC_P256);
        Files.writeString(tmp.resolve("key.pem"), TestCerts.pem("PRIVATE KEY", device.keyPair().getPrivate().getEncoded()));
        Files.writeString(tmp.resolve("claims.json"), JSONObjectUtils.toJSONString(Forge.claims(device)));
        Files.write(tmp.resolve("leaf.der"), device.chain().leaf().der());
        Files.write(tmp.resolve("issuer.der"), device.chain().certs().get(1).der());

        Tools.Result made = Tools.python(tmp, "sign", "key.pem", "claims.json", "leaf.der", "issuer.der");
        assertThat(made.exit()).as(made.err()).isZero();
        assertVerified(TokenFormat.COSE, Files.readAllBytes(tmp.resolve("token.cbor")), device);
        byte[] jwt = Files.readAllBytes(tmp.resolve("token.jwt"));
        assertThat(new String(jwt, StandardCharsets.US_ASCII)).doesNotContain("\n");
        assertVerified(TokenFormat.JWT, jwt, device);
    }

    private static List<Map<String, Object>> lines(Tools.Result r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.text().strip().split("\n")) {
            out.add(JSONObjectUtils.parse(line));
        }
        return out;
    }

    private static void assertVerified(TokenFormat format, byte[] token, Device device) {
        TokenVerification result = TestDevices.verifier().verify(format, token, device.chain().leaf(), Optional.of(NONCE));
        assertThat(result.valid()).as("%s made by python: %s", format, result).isTrue();
        StatusClaims claims = ((TokenVerification.Verified) result).claims();
        assertThat(claims.subject()).isEqualTo(device.devId());
        assertThat(claims.firmwareVersion()).isEqualTo("4.2.1");
        assertThat(claims.status()).isEqualTo(DeviceStatus.OK);
    }
}
