package io.localtrust.gateway.console;

import io.localtrust.authority.Approvals;
import io.localtrust.lint.CertRole;
import io.localtrust.lint.Finding;
import io.localtrust.lint.LintContext;
import io.localtrust.lint.Linter;
import io.localtrust.practice.Practice;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.NameStore;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertificateReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the console shows, read from the gateway's store: a read-only view (the console writes
 * only through {@link ConsoleActions}). Every device the gateway knows, with what it asked for,
 * how it asked (the actor of its {@code register} audit entry: ACME, EST, the CLI), where it is
 * (the addresses it asked for and its bindings in the local zone), its newest certificate, the
 * practice that gives it (U-L/S once the gateway certified it) and the lint findings on it.
 */
final class Fleet {
    /** A certificate as the devices page lists it. */
    record CertView(IssuedCertificate cert, Optional<CertificateStatus> revocation, List<Finding> findings) {
        boolean revoked() {
            return revocation.isPresent();
        }
    }

    /**
     * One device and what is known about it; {@code pairingCode} is the code it offered while it
     * waits (as it shows it, {@code K7QM-4XPA}), for the owner to compare.
     */
    record DeviceView(DeviceRecord device, String howAsked, List<String> addresses, List<CertView> certificates,
                      Optional<String> pairingCode) {
        Optional<CertView> newest() {
            return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates.get(0));
        }

        /** The DNS names it asked for (the link to open it goes to the first). */
        List<String> names() {
            return device.identities().stream().filter(i -> !i.contains(":") && !i.matches("[0-9.]+")).toList();
        }

        /** U-L/S with a live certificate from this gateway; none yet otherwise. */
        Optional<Practice> practice(Instant now) {
            return newest().filter(c -> !c.revoked() && c.cert().notAfter().isAfter(now)).map(c -> Practice.U_LS);
        }
    }

    private final GatewayStore store;
    private final Approvals approvals;
    private final Clock clock;
    private final Linter linter = Linter.standard();
    private final CertificateReader reader = new CertificateReader();

    Fleet(GatewayStore store, Approvals approvals, Clock clock) {
        this.store = store;
        this.approvals = approvals;
        this.clock = clock;
    }

    /** Every device, pending first, then newest first, with its certificates and their findings. */
    List<DeviceView> devices() throws StoreException {
        return devices(false);
    }

    /**
     * The devices waiting for approval, without certificates (they have none): cheap enough for
     * the live list, which asks every 1.5 s per open page.
     */
    List<DeviceView> pending() throws StoreException {
        return devices(true);
    }

    private List<DeviceView> devices(boolean pendingOnly) throws StoreException {
        Map<String, String> asked = howAsked();
        Map<String, String> codes = approvals.shownPairingCodes();
        Map<String, List<String>> bound = new HashMap<>();
        for (NameStore.NameBinding b : store.bindings()) {
            bound.computeIfAbsent(b.devId(), k -> new ArrayList<>()).add(b.address());
        }
        Map<java.math.BigInteger, CertificateStatus> revoked = new HashMap<>();
        Map<String, List<IssuedCertificate>> certs = new HashMap<>();
        if (!pendingOnly) {
            store.revoked().forEach(s -> revoked.put(s.serial(), s));
            for (IssuedCertificate c : store.certificates()) {
                certs.computeIfAbsent(c.devId(), k -> new ArrayList<>()).add(c);
            }
        }
        Instant now = clock.instant();
        List<DeviceView> out = new ArrayList<>();
        for (DeviceRecord d : store.devices()) {
            if (pendingOnly && d.state() != ApprovalState.PENDING) {
                continue;
            }
            Set<String> addresses = new LinkedHashSet<>();
            d.identities().stream().filter(i -> i.contains(":") || i.matches("[0-9.]+")).forEach(addresses::add);
            addresses.addAll(bound.getOrDefault(d.devId(), List.of()));
            List<CertView> cv = new ArrayList<>();
            for (IssuedCertificate c : certs.getOrDefault(d.devId(), List.of())) {
                cv.add(new CertView(c, Optional.ofNullable(revoked.get(c.serial())), findings(c, now)));
            }
            cv.sort(Comparator.comparing((CertView c) -> c.cert().issuedAt()).reversed());
            out.add(new DeviceView(d, asked.getOrDefault(d.devId(), "unknown"), List.copyOf(addresses), cv,
                    Optional.ofNullable(codes.get(d.devId()))));
        }
        out.sort(Comparator.comparing((DeviceView v) -> v.device().state() != ApprovalState.PENDING)
                .thenComparing(v -> v.device().updated(), Comparator.reverseOrder()));
        return out;
    }

    /** Names and addresses pre-authorised now. */
    List<io.localtrust.store.ApprovalStore.Allowance> allowances() throws StoreException {
        return store.allowances(clock.instant());
    }

    /** The audit log from entry {@code from}, at most {@code limit} entries. */
    List<AuditEvent> audit(long from, int limit) throws StoreException {
        return store.events(from, limit);
    }

    /** The sequence number of the newest audit entry (0 for none). */
    long lastAuditSeq() throws StoreException {
        long from = 1;
        long last = 0;
        while (true) {
            List<AuditEvent> page = store.events(from, 1000);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).seq();
                from = last + 1;
            }
            if (page.size() < 1000) {
                return last;
            }
        }
    }

    /** The hash chain's state: empty when intact, else the first problem. */
    Optional<String> verifyAudit() throws StoreException {
        return store.verify();
    }

    /**
     * Changes whenever the pending devices or the codes they show do, and only then (for the live
     * list): a device asking, being decided, offering its code, its code expiring or used. Other
     * writes — issuance, OCSP, other devices — must not make the list redraw under a keyboard user.
     */
    String revision() throws StoreException {
        List<DeviceRecord> pending = store.devices().stream().filter(d -> d.state() == ApprovalState.PENDING).toList();
        return pending.size() + "-" + Integer.toHexString(java.util.Objects.hash(pending, approvals.shownPairingCodes()));
    }


    /** Lint findings on a certificate now (expiry included); a certificate that does not parse is one finding. */
    private List<Finding> findings(IssuedCertificate c, Instant now) {
        try {
            return linter.lint(reader.parseDer(c.der()), new LintContext(now, CertRole.LEAF, false));
        } catch (RuntimeException | io.localtrust.x509.CertificateParseException e) {
            return List.of(new Finding("console.unparsable", io.localtrust.lint.Severity.HIGH,
                    "the stored certificate does not parse: " + e.getMessage()));
        }
    }

    /** dev-id → how it first asked, from the actors of the audit log's {@code register} entries. */
    private Map<String, String> howAsked() throws StoreException {
        Map<String, String> out = new HashMap<>();
        long from = 1;
        while (true) {
            List<AuditEvent> page = store.events(from, 1000);
            for (AuditEvent e : page) {
                if (e.action().equals("register")) {
                    out.putIfAbsent(e.subject(), channel(e.actor()));
                }
                from = e.seq() + 1;
            }
            if (page.size() < 1000) {
                return out;
            }
        }
    }

    /** "ACME (account 7)", "EST", "CLI (alice)", "gateway (itself)". */
    static String channel(String actor) {
        int colon = actor.indexOf(':');
        String kind = colon < 0 ? actor : actor.substring(0, colon);
        String who = colon < 0 ? "" : actor.substring(colon + 1);
        return switch (kind) {
            case "acme" -> "ACME" + (who.isEmpty() ? "" : " (account " + who + ")");
            case "est" -> "EST" + (who.isEmpty() ? "" : " (" + who + ")");
            case "cli" -> "CLI" + (who.isEmpty() ? "" : " (" + who + ")");
            case "gateway" -> "the gateway itself (its own TLS certificate)";
            case "admin-api" -> "admin API";
            default -> actor;
        };
    }
}
