package io.localtrust.authority;

import io.localtrust.store.ApprovalState;
import io.localtrust.store.ApprovalStore;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** How long a pairing code stays valid after the device offers it. */
    public static final Duration PAIRING_TTL = Duration.ofMinutes(15);
    /** Wrong codes tolerated per {@link #PAIRING_WINDOW}, across all devices, before typing codes is paused. */
    public static final int PAIRING_ATTEMPTS = 5;
    public static final Duration PAIRING_WINDOW = Duration.ofMinutes(15);
    private static final String PAIRING_BUCKET = "*pairing*";

    /**
     * A pending device offers the code it shows its owner (on a screen, a label, an app): the
     * seed's "approving something in an application" without reading a dev-id. The code is matched
     * by a hash bound to the dev-id, expires after {@link #PAIRING_TTL}, and is single use. The
     * code itself is kept while the device waits, so the console can show it beside the device for
     * the owner to compare ({@link #shownPairingCodes}): it approves nothing by itself.
     */
    public void offerPairingCode(String devId, String code) throws StoreException, IssuanceRefused {
        String c = normaliseCode(code);
        DeviceRecord d = find(devId);
        if (d.state() != ApprovalState.PENDING) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "device " + d.devId() + " is not waiting for approval");
        }
        Instant now = clock.instant();
        store.offerPairingCode(new ApprovalStore.PairingCode(codeHash(d.devId(), c), d.devId(), now.plus(PAIRING_TTL),
                java.util.Optional.empty()), c, now);
    }

    /**
     * The code each pending device offered and may still be approved by (its newest; unused,
     * unexpired), as the device shows it ({@code K7QM-4XPA}): dev-id → code. A device that offered
     * none (certbot, lego) is absent.
     */
    public Map<String, String> shownPairingCodes() throws StoreException {
        Map<String, String> out = new LinkedHashMap<>();
        for (ApprovalStore.PairingOffer o : store.pairingOffers(clock.instant())) {
            if (o.code().isPresent()) {
                out.putIfAbsent(o.devId(), grouped(o.code().get()));
            }
        }
        return out;
    }

    /** A normalised code as devices show it: groups of four joined by hyphens ({@code K7QM-4XPA}). */
    static String grouped(String code) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < code.length(); i += 4) {
            b.append(i == 0 ? "" : "-").append(code, i, Math.min(code.length(), i + 4));
        }
        return b.toString();
    }

    /**
     * The owner typed a code a device shows: approves the pending device that offered it.
     * Rate-limited across all devices ({@value #PAIRING_ATTEMPTS} wrong codes per 15 minutes),
     * so a 40-bit code cannot be guessed; each code works once. The typed code is hashed for each
     * pending device's dev-id and compared with the stored hashes in constant time.
     */
    public DeviceRecord approveByCode(String code, String actor) throws StoreException, IssuanceRefused {
        Instant now = clock.instant();
        if (store.pairingFailures(PAIRING_BUCKET, now, PAIRING_WINDOW) >= PAIRING_ATTEMPTS) {
            throw new IssuanceRefused(Refusal.PENDING_APPROVAL, "too many wrong pairing codes: wait 15 minutes, or approve by dev-id");
        }
        String c;
        try {
            c = normaliseCode(code);
        } catch (IssuanceRefused e) {
            store.recordPairingFailure(PAIRING_BUCKET, now, PAIRING_WINDOW);
            throw e;
        }
        Optional<ApprovalStore.PairingOffer> match = Optional.empty();
        for (ApprovalStore.PairingOffer o : store.pairingOffers(now)) {
            boolean same = MessageDigest.isEqual(codeHash(o.devId(), c).getBytes(StandardCharsets.US_ASCII),
                    o.codeHash().getBytes(StandardCharsets.US_ASCII));
            if (same && match.isEmpty()) {
                match = Optional.of(o);
            }
        }
        if (match.isPresent() && store.usePairingCode(match.get().codeHash(), now)) {
            DeviceRecord d = store.device(match.get().devId()).orElseThrow();
            return store.setState(d.devId(), ApprovalState.APPROVED, now, actor, "pairing code; " + String.join(", ", d.identities()));
        }
        store.recordPairingFailure(PAIRING_BUCKET, now, PAIRING_WINDOW);
        throw new IssuanceRefused(Refusal.BAD_IDENTITY, "no pending device shows this pairing code (or it expired)");
    }

    /** Upper case, without spaces and hyphens; at least 8 characters of A-Z and 2-9. */
    static String normaliseCode(String code) throws IssuanceRefused {
        String c = code == null ? "" : code.toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
        if (c.length() < 8 || c.length() > 32 || !c.chars().allMatch(ch -> (ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '9'))) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "a pairing code is 8-32 letters and digits 2-9 (as the device shows it)");
        }
        return c;
    }

    private static String codeHash(String devId, String code) {
        return io.localtrust.x509.Digests.sha256Hex(("localtrust-pairing\n" + devId + "\n" + code)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses an allowance window as the CLI and the admin API take it: "30s", "10m", "2h", "1d".
     *
     * @return empty when the text is not such a duration
     */
    public static java.util.Optional<Duration> parseWindow(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!t.matches("[0-9]{1,6}[smhd]")) {
            return java.util.Optional.empty();
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return java.util.Optional.of(switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** Pre-authorises a name (or address) for a window: a new device asking for it is approved. */
    public ApprovalStore.Allowance allow(String identity, Duration window, String actor) throws StoreException, IssuanceRefused {
        return allow(List.of(identity), window, actor).get(0);
    }

    /**
     * Pre-authorises several names or addresses for the same window — a device's name and its own
     * address, or the addresses of a batch of devices. Every one is checked (parses, inside the
     * gateway's constraints, the window between 1 second and 7 days) before any is stored, so a bad
     * one changes nothing; then each is stored with its audit entry.
     */
    public List<ApprovalStore.Allowance> allow(List<String> identities, Duration window, String actor)
            throws StoreException, IssuanceRefused {
        if (identities.isEmpty()) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "give at least one name or address to allow");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_ALLOWANCE) > 0) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "the window must be between 1 second and 7 days");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String identity : identities) {
            Identity id = Identity.parse(identity);
            if (!names.permits(id)) {
                throw new IssuanceRefused(Refusal.NAME_NOT_PERMITTED, "'" + id + "' is outside what this gateway may certify ("
                        + names.describe() + ")");
            }
            checked.add(id.value());
        }
        Instant now = clock.instant();
        List<ApprovalStore.Allowance> out = new ArrayList<>();
        for (String id : checked) {
            ApprovalStore.Allowance a = new ApprovalStore.Allowance(id, now.plus(window), actor);
            store.allow(a, now);
            out.add(a);
        }
        return List.copyOf(out);
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
