package io.localtrust.ladder;

import io.localtrust.practice.Practice;
import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Objects;

/**
 * The ladder's answer for one connection.
 *
 * @param verdict  the one verdict
 * @param practice the seed practice the presented chain shows (module practice's classifier)
 * @param reasons  every step that mattered, in the order decided
 * @param text     a short sentence a browser could show
 * @param chain    the chain as presented, leaf first
 * @param path     the path the trust engine chose (leaf first, anchor last); the leaf alone when none
 */
public record Decision(Verdict verdict, Practice practice, List<DecisionReason> reasons, String text, List<Cert> chain,
                       List<Cert> path) {
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
