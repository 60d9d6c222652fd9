package io.localtrust.ladder;

import io.localtrust.practice.Practice;
import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ladder's answer for one connection.
 *
 * @param verdict  the one verdict
 * @param practice the seed practice the presented chain shows (module practice's classifier); empty when
 *                 nothing could be classified (no handshake, unusable input)
 * @param reasons  every step that mattered, in the order decided
 * @param text     a short sentence a browser could show
 * @param chain    the chain as presented, leaf first
 * @param path     the path the trust engine chose (leaf first, anchor last); the leaf alone when none
 */
public record Decision(Verdict verdict, Optional<Practice> practice, List<DecisionReason> reasons, String text, List<Cert> chain,
                       List<Cert> path) {
    /** A rejection before any certificate could be judged (no handshake, unusable input). */
    public static Decision rejected(String code, String message, List<Cert> chain) {
        return new Decision(Verdict.REJECTED, Optional.empty(), List.of(new DecisionReason(code, message)),
                Texts.rejected(message), chain, chain.isEmpty() ? List.of() : List.of(chain.getFirst()));
    }

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(text, "text");
        reasons = List.copyOf(reasons);
        chain = List.copyOf(chain);
        path = List.copyOf(path);
    }

    /** Whether the reasons hold this code. */
    public boolean has(String code) {
        return reasons.stream().anyMatch(r -> r.code().equals(code));
    }

    /** The verdict and its text on one line: what a {@code CertificateException} says. */
    public String summary() {
        return verdict + ": " + text;
    }
}
