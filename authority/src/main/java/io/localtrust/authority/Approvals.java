package io.localtrust.authority;

import io.localtrust.store.ApprovalState;
import io.localtrust.store.ApprovalStore;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The owner's decisions — approve, deny, pre-authorise a name, revoke — with their audit
 * entries. The CLI and the admin API both call these, so both enforce the same rules.
 */
public final class Approvals {
    /** The longest pre-authorisation window: long enough to unpack a device, short enough to forget. */
    public static final Duration MAX_ALLOWANCE = Duration.ofDays(7);

    private final GatewayStore store;
    private final NamePolicy names;
    private final Clock clock;

    public Approvals(GatewayStore store, NamePolicy names, Clock clock) {
        this.store = store;
        this.names = names;
        this.clock = clock;
    }

    /** Finds a device by dev-id or an unambiguous prefix of at least 6 characters. */
    public DeviceRecord find(String devIdOrPrefix) throws StoreException, IssuanceRefused {
        String p = devIdOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (p.length() < 6) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "give the dev-id, or at least its first 6 characters");
        }
        List<DeviceRecord> hits = store.devices().stream().filter(d -> d.devId().startsWith(p)).toList();
        if (hits.isEmpty()) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "no device with dev-id " + devIdOrPrefix);
        }
        if (hits.size() > 1) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "dev-id prefix " + devIdOrPrefix + " matches " + hits.size() + " devices");
        }
        return hits.get(0);
    }

    public DeviceRecord approve(String devId, String actor) throws StoreException, IssuanceRefused {
        return decide(devId, ApprovalState.APPROVED, "approve", actor);
    }

    public DeviceRecord deny(String devId, String actor) throws StoreException, IssuanceRefused {
        return decide(devId, ApprovalState.DENIED, "deny", actor);
    }

    private DeviceRecord decide(String devId, ApprovalState state, String action, String actor)
            throws StoreException, IssuanceRefused {
        DeviceRecord d = find(devId);
        Instant now = clock.instant();
        return store.setState(d.devId(), state, now, actor, String.join(", ", d.identities()));
    }

    /** Pre-authorises a name (or address) for a window: a new device asking for it is approved. */
    public ApprovalStore.Allowance allow(String identity, Duration window, String actor) throws StoreException, IssuanceRefused {
        Identity id = Identity.parse(identity);
        if (!names.permits(id)) {
            throw new IssuanceRefused(Refusal.NAME_NOT_PERMITTED, "'" + id + "' is outside what this gateway may certify ("
                    + names.describe() + ")");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_ALLOWANCE) > 0) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "the window must be between 1 second and 7 days");
        }
        Instant now = clock.instant();
        ApprovalStore.Allowance a = new ApprovalStore.Allowance(id.value(), now.plus(window), actor);
        store.allow(a, now);
        return a;
    }

    /**
     * Revokes by serial as {@code openssl x509 -serial} prints it: hex, any case, colons allowed.
     *
     * @return false if it was already revoked
     */
    public boolean revoke(String serialText, RevocationReason reason, String actor) throws StoreException, IssuanceRefused {
        return store.revoke(parseSerial(serialText), reason, clock.instant(), actor);
    }

    public static BigInteger parseSerial(String text) throws IssuanceRefused {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("serial=")) {
            t = t.substring(7);
        }
        t = t.replace(":", "");
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 40 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "'" + text + "' is not a serial number (hex, as openssl x509 -serial prints it)");
        }
        return new BigInteger(t, 16);
    }
}
