package io.localtrust.agent.onboarding;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The code a device shows its owner, who types it on the gateway ({@code gateway approve --code})
 * to approve this device and no other: 8 characters of a 32-letter alphabet without look-alikes
 * (40 bits; the gateway allows 5 wrong codes per 15 minutes), shown as {@code K7QM-4XPA}. The
 * device sends it inside its CSR (PKCS#9 challengePassword, RFC 2985 §5.4.1), so it reaches the
 * gateway bound to the dev-id of the key that signed the CSR; the gateway keeps only a hash and
 * forgets it after {@link #LIFETIME}.
 *
 * @param code    the code as shown
 * @param devId   the device it approves
 * @param offered when the device offered it
 */
public record PairingCode(String code, String devId, Instant offered) {
    /** As long as the gateway keeps an offered code (authority Approvals.PAIRING_TTL). */
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public PairingCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(offered, "offered");
    }

    public static PairingCode fresh(String devId, Instant now, SecureRandom random) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            c.append(i == 4 ? "-" : "").append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new PairingCode(c.toString(), devId, now);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(offered.plus(LIFETIME));
    }

    /**
     * The pairing link a phone reads from the QR code:
     * {@code localtrust-pair:?gateway=URL&dev-id=ID&code=CODE} — what the owner's console or app
     * needs to approve this device at that gateway (docs/agent.md).
     */
    public URI link(URI gateway) {
        return URI.create("localtrust-pair:?gateway=" + enc(gateway.toString()) + "&dev-id=" + devId + "&code=" + code);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The code is short-lived but still a secret of the owner's: not in toString. */
    @Override
    public String toString() {
        return "PairingCode[devId=" + devId + ", offered=" + offered + "]";
    }
}
