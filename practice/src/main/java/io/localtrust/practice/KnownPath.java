package io.localtrust.practice;

import io.localtrust.x509.Cert;
import java.time.Instant;
import java.util.Objects;

/**
 * A path another validator already proved (RFC 5280 §6, at {@code at}): {@code leaf} chains to
 * {@code anchor}. The trust engine's ladder hands its validated path to the {@link Classifier} so
 * the chain is not built and its signatures checked a second time; the classifier takes it only for
 * the same leaf, an anchor of the set it is asking about, and the same validation time — anything
 * else is validated as before.
 *
 * @param leaf   the end-entity certificate of the path
 * @param anchor the trust anchor the path ends in
 * @param at     the validation time
 */
public record KnownPath(Cert leaf, Cert anchor, Instant at) {
    public KnownPath {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(at, "at");
    }
}
