package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NONCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.KeyKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Input built to break parsers: deep nesting within the size limit, and a thousand random
 * mutations of a valid token. Every one ends in a result, never an exception or an error, and a
 * mutation that still verifies says exactly what the original said.
 */
class HostileInputTest {
    private static final Device DEVICE = TestDevices.device(KeyKind.EC_P256);

    private static TokenVerification verify(TokenFormat format, byte[] token) {
        return TestDevices.verifier().verify(format, token, DEVICE.chain().leaf(), Optional.of(NONCE));
    }

    @Test
    void deeplyNestedCborIsRejected() {
        byte[] nested = new byte[StatusTokenVerifier.MAX_TOKEN_BYTES];
        Arrays.fill(nested, (byte) 0x81); // [[[[…
        nested[0] = (byte) 0xD2; // tag 18
        TokenVerification result = verify(TokenFormat.COSE, nested);
        assertThat(result.valid()).isFalse();
        assertThat(((TokenVerification.Rejected) result).failure()).isEqualTo(TokenFailure.MALFORMED);
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        String deep = "[".repeat(6000);
        for (String token : new String[] {Forge.b64(deep) + ".e30.AA", Forge.b64("{\"alg\":\"ES256\"}") + "." + Forge.b64(deep) + ".AA"}) {
            TokenVerification result = verify(TokenFormat.JWT, token.getBytes(StandardCharsets.US_ASCII));
            assertThat(result.valid()).isFalse();
            assertThat(((TokenVerification.Rejected) result).failure()).isIn(TokenFailure.MALFORMED, TokenFailure.CHAIN_INVALID,
                    TokenFailure.WRONG_TYPE);
        }
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void randomMutationsNeverEscapeAndNeverChangeWhatVerifies(TokenFormat format) throws Exception {
        SignedToken original = DEVICE.sign(format);
        byte[] good = original.encoded();
        Random random = new Random(20260301L + format.ordinal());
        for (int i = 0; i < 500; i++) {
            byte[] bad = mutate(good, random);
            TokenVerification result = verify(format, bad);
            assertThat(result).as("mutation %d", i).isNotNull();
            if (result instanceof TokenVerification.Verified v) {
                assertThat(v.claims()).as("mutation %d verified", i).isEqualTo(original.claims());
            } else {
                assertThat(((TokenVerification.Rejected) result).message()).doesNotContain("\n");
            }
        }
    }

    private static byte[] mutate(byte[] token, Random random) {
        byte[] t = token.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    t[random.nextInt(t.length)] = (byte) random.nextInt(256);
                }
                return t;
            }
            case 1 -> {
                return Arrays.copyOf(t, random.nextInt(t.length));
            }
            case 2 -> {
                int at = random.nextInt(t.length);
                byte[] longer = new byte[t.length + 1];
                System.arraycopy(t, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(t, at, longer, at + 1, t.length - at);
                return longer;
            }
            default -> {
                int at = random.nextInt(t.length);
                byte[] shorter = new byte[t.length - 1];
                System.arraycopy(t, 0, shorter, 0, at);
                System.arraycopy(t, at + 1, shorter, at, t.length - at - 1);
                return shorter;
            }
        }
    }
}
