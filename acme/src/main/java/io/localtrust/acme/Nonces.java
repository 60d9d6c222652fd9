package io.localtrust.acme;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anti-replay nonces (RFC 8555 §6.5): 128 random bits, single use, valid for {@code lifetime}.
 * Held in memory, at most {@code capacity}: a client that hoards nonces cannot grow this without
 * bound — past the cap, expired nonces are dropped first, then the oldest-issued at random, and
 * the client whose nonce was dropped gets {@code badNonce} and retries with a fresh one, as the
 * RFC expects clients to. A restart forgets every nonce, with the same effect.
 */
public final class Nonces {
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;

    public Nonces(SecureRandom random, Clock clock, Duration lifetime, int capacity) {
        if (lifetime.isNegative() || lifetime.isZero() || capacity < 1) {
            throw new IllegalArgumentException("nonce lifetime and capacity must be positive");
        }
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
        this.capacity = capacity;
    }

    /** A fresh nonce. */
    public String issue() {
        if (issued.size() >= capacity) {
            trim();
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        issued.put(nonce, clock.instant().plus(lifetime));
        return nonce;
    }

    /** Uses a nonce up: true once for a nonce issued here and not expired; false ever after. */
    public boolean consume(String nonce) {
        Instant expires = issued.remove(nonce);
        return expires != null && clock.instant().isBefore(expires);
    }

    int size() {
        return issued.size();
    }

    private void trim() {
        Instant now = clock.instant();
        issued.values().removeIf(expires -> !now.isBefore(expires));
        Iterator<String> it = issued.keySet().iterator();
        while (issued.size() >= capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
