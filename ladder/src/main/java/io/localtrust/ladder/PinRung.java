package io.localtrust.ladder;

import io.localtrust.practice.Practice;
import io.localtrust.trust.Connection;
import java.util.Optional;

/**
 * The last rungs: trust on first use (DESIGN.md §3 step 5), then the warning naming the practice.
 * A pin is consulted for every endpoint that reaches here; it is taken only for a unique key
 * (U-S/S, U-U/S) on a local connection, and a changed key is never re-pinned.
 */
final class PinRung {
    private final TrustConfig config;
    private final Ladder.Ctx ctx;

    PinRung(TrustConfig config, Ladder.Ctx ctx) {
        this.config = config;
        this.ctx = ctx;
    }

    Decision decide(Connection conn, Practice practice, String issuer) {
        String host = ctx.peer().host();
        java.util.function.Supplier<Decision> warning = () -> ctx.decide(Verdict.warningFor(practice),
                Texts.warning(practice, ctx.leaf(), issuer)); // made last: it copies the reasons
        Optional<PinStore> store = config.pins();
        if (store.isEmpty()) {
            return warning.get();
        }
        String endpoint = ctx.peer().endpoint();
        String spki = ctx.leaf().fingerprints().spkiSha256();
        boolean unique = practice == Practice.U_SS || practice == Practice.U_US;
        try {
            PinStore.Check check = store.get().check(endpoint, spki);
            switch (check) {
                case PinStore.Check.Changed changed -> {
                    ctx.reasons().add(new DecisionReason("PIN_CHANGED", endpoint + " was pinned to key sha256:"
                            + changed.pin().spkiSha256() + " on " + changed.pin().firstSeen() + "; it now presents sha256:"
                            + spki + ". The pin was kept"));
                    return ctx.decide(Verdict.WARN_KEY_CHANGED, Texts.keyChanged(host, changed.pin()));
                }
                case PinStore.Check.Match match -> {
                    if (!conn.local() || !unique) {
                        ctx.reasons().add(new DecisionReason("PIN_NOT_USED", "the key matches the pin for " + endpoint
                                + ", but " + (!conn.local() ? "pins count on local connections only"
                                : "a shared key cannot be trusted by pinning")));
                        return warning.get();
                    }
                    ctx.reasons().add(new DecisionReason("PIN_MATCH", "the key matches the pin taken for " + endpoint
                            + " on " + match.pin().firstSeen() + " (last seen " + match.pin().lastSeen() + ")"));
                    return ctx.decide(Verdict.PINNED, Texts.pinned(host, match.pin(), false));
                }
                case PinStore.Check.None none -> {
                    if (!config.pinOnFirstUse() || !conn.local() || !unique) {
                        return warning.get();
                    }
                    Pin pin = store.get().pin(endpoint, spki);
                    ctx.reasons().add(new DecisionReason("PIN_NEW", "first use: pinned " + endpoint + " to key sha256:"
                            + spki + " in " + store.get().file()));
                    return ctx.decide(Verdict.PINNED, Texts.pinned(host, pin, true));
                }
            }
        } catch (PinStoreException e) {
            ctx.reasons().add(new DecisionReason("PIN_STORE_ERROR", e.getMessage()));
            return warning.get();
        }
    }
}
