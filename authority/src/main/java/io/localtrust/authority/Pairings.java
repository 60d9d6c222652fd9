package io.localtrust.authority;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.StoreException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pairing keys: the owner's side of "a valid pairing code" approving a device at once, made for
 * ACME clients as External Account Binding (RFC 8555 §7.3.4). {@code gateway pair [--name N] [--for
 * 10m]} makes a grant and prints its kid and HMAC key; the device's client presents them when it
 * creates its account ({@code certbot --eab-kid --eab-hmac-key}, {@code lego --eab --kid --hmac},
 * acme4j {@code withKeyIdentifier}); the account is bound to the grant (single use), and until the
 * grant ends the authority approves that account's devices asking for the granted names.
 *
 * <p>The other direction — a code the device shows and the owner types ({@link
 * Approvals#approveByCode}) — stays as it was: both are single use, expire and are audited.
 *
 * <p>No key material is stored: the HMAC key is derived from the kid and {@link PairingSecret}.
 */
public final class Pairings {
    /** The longest a pairing key stays open, as for a pre-authorised name. */
    public static final Duration MAX_WINDOW = Approvals.MAX_ALLOWANCE;
    private final GatewayStore store;
    private final NamePolicy names;
    private final PairingSecret secret;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * A pairing key, as shown once to the owner.
     *
     * @param kid     the key identifier ({@code --eab-kid})
     * @param hmacKey the HMAC key, base64url without padding ({@code --eab-hmac-key}): a secret
     * @param names   the names its devices are approved for; empty: any the gateway may certify
     */
    public record NewPairing(String kid, String hmacKey, List<String> names, Instant until) {
        public NewPairing {
            names = List.copyOf(names);
        }

        @Override
        public String toString() {
            return "NewPairing[kid=" + kid + ", names=" + names + ", until=" + until + "]"; // never the key
        }
    }

    Pairings(GatewayStore store, NamePolicy names, GatewayFiles files, Clock clock, SecureRandom random) {
        this.store = store;
        this.names = names;
        this.secret = new PairingSecret(files.pairingSecret(), random);
        this.clock = clock;
        this.random = random;
    }

    /**
     * Makes a pairing key for {@code identities} (none: any name) open for {@code window}.
     *
     * @throws IssuanceRefused {@code BAD_IDENTITY} or {@code NAME_NOT_PERMITTED} for a name, or a window
     *         outside 1 second to 7 days
     * @throws StoreException  {@code UNAVAILABLE} also when the pairing secret cannot be read or made
     */
    public NewPairing create(List<String> identities, Duration window, String actor) throws StoreException, IssuanceRefused {
        Set<String> granted = new LinkedHashSet<>();
        for (String text : identities) {
            Identity id = Identity.parse(text);
            if (!names.permits(id)) {
                throw new IssuanceRefused(Refusal.NAME_NOT_PERMITTED, "'" + id + "' is outside what this gateway may certify ("
                        + names.describe() + ")");
            }
            granted.add(id.value());
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "the window must be between 1 second and 7 days");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        byte[] key;
        try {
            key = secret.keyFor(kid);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "cannot make or read the pairing secret: " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        PairingGrant grant = new PairingGrant(kid, new ArrayList<>(granted), now, now.plus(window), actor, Optional.empty(),
                Optional.empty());
        store.addPairingGrant(grant);
        return new NewPairing(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(key), grant.names(), grant.until());
    }

    /**
     * The HMAC key of {@code kid}, to verify a binding with: derived, so any kid has one — whether a
     * grant exists is the store's to say. Empty when no pairing key was ever made here.
     *
     * @throws StoreException {@code UNAVAILABLE} when the pairing secret cannot be read
     */
    public Optional<byte[]> macKey(String kid) throws StoreException {
        try {
            return secret.existingKeyFor(kid);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "cannot read the pairing secret: " + e.getMessage(), e);
        }
    }

    /** Every grant, newest first (no keys: they are not stored). */
    public List<PairingGrant> list() throws StoreException {
        return store.pairingGrants();
    }
}
