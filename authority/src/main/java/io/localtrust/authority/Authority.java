package io.localtrust.authority;

import io.localtrust.lint.CertRole;
import io.localtrust.lint.Finding;
import io.localtrust.lint.LintContext;
import io.localtrust.lint.Linter;
import io.localtrust.lint.Severity;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.ApprovalStore;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.KeyAndNames;
import io.localtrust.store.NameStore;
import io.localtrust.store.PairingStore;
import io.localtrust.store.StoreException;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyInfo;
import java.io.IOException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues device-unique certificates. Every front end (ACME, EST, the CLI) ends here, and every
 * request takes the same path, in this order, each step with its {@link Refusal} code:
 * <ol>
 *   <li>the CSR parses and its signature verifies (the requester holds the key);</li>
 *   <li>key policy: type, size, curve, ROCA / factorable moduli, compromised-key lists;</li>
 *   <li>identities: DNS names or IPs, inside the CA's name constraints;</li>
 *   <li>device uniqueness: a key already bound to another device is refused;</li>
 *   <li>one name, one device: a name another device holds is refused ({@link NameOwnership});</li>
 *   <li>approval: approved, or approved now by the caller, or pre-authorised, or covered by a pairing
 *       grant the requester redeemed ({@link Pairings}); denied stays denied; an approved device whose
 *       certificates all expired (offline past expiry) is approved again only as the gateway's
 *       {@link LapsePolicy} says — by default it goes back to pending;</li>
 *   <li>the names are claimed for the device at its address, atomically with the ownership check;</li>
 *   <li>the leaf is built and linted unsigned — a high or critical finding stops issuance;</li>
 *   <li>signed, recorded durably (group commit: {@link IssuanceCommitter}), and only then returned.</li>
 * </ol>
 */
public final class Authority implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Authority.class);

    private final GatewayConfig config;
    private final Cert intermediate;
    private final LeafProfile profile;
    private final KeyPolicy keyPolicy;
    private final GatewayStore store;
    private final Linter linter;
    private final Clock clock;
    private final SecureRandom random;
    private final CertificateReader reader = new CertificateReader();
    private final IssuanceCommitter committer;
    private final NameOwnership names;
    private final DeviceLapses lapses;
    /** Who checks CSR signatures, in order of preference ({@link CsrCheck}). */
    private final List<Provider> csrVerifiers;

    Authority(GatewayConfig config, Cert intermediate, LeafProfile profile, KeyPolicy keyPolicy, GatewayStore store,
              Linter linter, List<Provider> csrVerifiers, Clock clock, SecureRandom random) {
        this.config = config;
        this.csrVerifiers = List.copyOf(csrVerifiers);
        this.intermediate = intermediate;
        this.profile = profile;
        this.keyPolicy = keyPolicy;
        this.store = store;
        this.linter = linter;
        this.clock = clock;
        this.random = random;
        this.committer = new IssuanceCommitter(store);
        this.names = new NameOwnership(store);
        this.lapses = new DeviceLapses(store);
    }

    public GatewayConfig config() {
        return config;
    }

    /**
     * Issuance commits since this authority was opened: durable transactions, and the
     * certificates they stored (certificates / transactions = the group-commit batch size).
     */
    public record CommitStats(long transactions, long certificates) {
    }

    public CommitStats commitStats() {
        return committer.stats();
    }

    /**
     * Commits the issuances in flight and stops the commit thread; an issuance after this is
     * refused ({@code STORE_FAILED}). The store stays open: its owner closes it.
     */
    @Override
    public void close() {
        committer.close();
    }

    public Issued issue(IssuanceRequest request) throws IssuanceRefused {
        // announced at once, so that a commit about to start waits briefly for this one to share it
        IssuanceCommitter.Ticket ticket = committer.announce();
        try {
            return issue(request, ticket);
        } finally {
            ticket.withdraw(); // refused or failed before its commit; a no-op after it
        }
    }

    private Issued issue(IssuanceRequest request, IssuanceCommitter.Ticket ticket) throws IssuanceRefused {
        Instant now = clock.instant();
        PKCS10CertificationRequest csr = CsrCheck.parse(request.csrDer());
        SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
        byte[] spkiDer;
        try {
            spkiDer = spki.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "the request's public key does not parse");
        }
        CsrCheck.verifySignature(csr, spkiDer, csrVerifiers);
        KeyInfo key;
        try {
            key = KeyInfo.fromSpki(spkiDer);
        } catch (CertificateParseException e) {
            throw new IssuanceRefused(Refusal.BAD_CSR, "the request's public key does not parse");
        }
        String spkiSha256 = Digests.sha256Hex(spkiDer);
        keyPolicy.check(key, spkiSha256);
        List<Identity> ids = identities(request.identities());
        String devId = Digests.devId(spkiDer);
        Optional<NameStore.NameClaim> claim = Optional.empty();
        try {
            // the key's device and the names' bindings, read as of one moment (one revision check)
            KeyAndNames seen = store.keyAndNames(spkiSha256,
                    ids.stream().filter(i -> i.type() == Identity.Type.DNS).map(Identity::value).toList());
            names.requireFree(devId, ids, now, seen);
            approve(devId, spkiSha256, ids, request, now, seen.device());
            // the names are taken before anything is signed: a device racing for one is refused here
            claim = names.claim(devId, request.address(), ids, now);
            // built and encoded once, read once from what was built: the linted draft's TBS is what
            // gets signed, and its reading is the issued certificate's
            Cert draft = read(profile.draft(spki, key.isRsa(), ids, LeafSerials.next(now, random), now));
            lint(draft, ids, now);
            Cert leaf = profile.sign(draft, random);
            // Group commit: concurrent issuances share one durable transaction; this returns only
            // once this record is committed, and throws (nothing returned) otherwise.
            ticket.commit(new IssuedCertificate(leaf.serial(), devId, spkiSha256, leaf.subject(),
                    leaf.notBefore(), leaf.notAfter(), now, leaf.der()), request.actor());
            claim.ifPresent(names::settle);
            claim = Optional.empty();
            lapses.issued(devId, leaf.notAfter());
            if (LOG.isInfoEnabled()) {
                LOG.info("issued serial {} to device {} for {}", leaf.serial().toString(16), devId, ids);
            }
            return new Issued(leaf, List.of(leaf, intermediate), devId);
        } catch (StoreException e) {
            throw new IssuanceRefused(e.kind() == StoreException.Kind.CONFLICT ? Refusal.KEY_BOUND_TO_OTHER_DEVICE
                    : Refusal.STORE_FAILED, "not issued: " + e.getMessage(), e);
        } finally {
            claim.ifPresent(names::release); // claimed, then not issued: the names go back
        }
    }

    private List<Identity> identities(List<String> asked) throws IssuanceRefused {
        if (asked.isEmpty()) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "no name or address to certify was given");
        }
        Set<Identity> ids = new LinkedHashSet<>();
        for (String s : asked) {
            Identity id = Identity.parse(s);
            if (!config.names().permits(id)) {
                throw new IssuanceRefused(Refusal.NAME_NOT_PERMITTED, "'" + id + "' is outside what this gateway may certify ("
                        + config.names().describe() + ")");
            }
            ids.add(id);
        }
        if (ids.size() > 100) {
            throw new IssuanceRefused(Refusal.BAD_IDENTITY, "more than 100 names in one certificate");
        }
        return List.copyOf(ids);
    }

    private void approve(String devId, String spkiSha256, List<Identity> ids, IssuanceRequest request, Instant now,
                         Optional<DeviceRecord> bound) throws IssuanceRefused, StoreException {
        List<String> names = ids.stream().map(Identity::value).toList();
        if (bound.isPresent()) {
            // The key is a device's identity. A new DNS name means another device wants this key
            // (the NU practice); a new address is the same device after a DHCP change, and the
            // front end has already validated it (ACME challenge, or the owner typed it).
            List<String> newNames = ids.stream().filter(i -> i.type() == Identity.Type.DNS).map(Identity::value)
                    .filter(n -> !bound.get().identities().contains(n)).toList();
            if (!newNames.isEmpty()) {
                throw new IssuanceRefused(Refusal.KEY_BOUND_TO_OTHER_DEVICE, "this key already belongs to device "
                        + bound.get().devId() + " (" + String.join(", ", bound.get().identities()) + "), not to "
                        + String.join(", ", newNames) + ": one key may not serve two devices — generate a new key on this device");
            }
        }
        // A known device asking again for identities it already has: no write (registering would
        // change nothing, but still take the store's write lock, which the issuance commits need).
        DeviceRecord device = bound.isPresent() && bound.get().devId().equals(devId)
                && bound.get().identities().containsAll(names) ? bound.get()
                : store.register(devId, spkiSha256, names, now);
        if (bound.isEmpty()) {
            store.append(now, request.actor(), "register", devId, "asked for " + String.join(", ", names));
        }
        ApprovalState state = device.state();
        Optional<Instant> lapsed = Optional.empty();
        if (state == ApprovalState.APPROVED && bound.isPresent()) {
            // approved (its state last changed) after the lapse: that approval is the fresh one
            lapsed = lapses.lapsedAt(devId, now).filter(t -> !device.updated().isAfter(t));
            state = lapsed.isEmpty() ? state : afterLapse(devId, lapsed.get(), request, now);
        }
        switch (state) {
            case APPROVED -> {
                return;
            }
            case DENIED -> throw new IssuanceRefused(Refusal.DENIED, "device " + devId + " was denied by the gateway's owner");
            case PENDING -> {
                if (request.approve()) {
                    store.setState(devId, ApprovalState.APPROVED, now, request.actor(), "approved at issuance");
                    return;
                }
                if (coveredByAllowances(names, now)) {
                    store.setState(devId, ApprovalState.APPROVED, now, "allowance", "pre-authorised: " + String.join(", ", names));
                    return;
                }
                Optional<PairingStore.PairingGrant> paired = pairing(request.actor(), names, now);
                if (paired.isPresent()) {
                    store.setState(devId, ApprovalState.APPROVED, now, request.actor(), "pairing " + paired.get().kid()
                            + " (External Account Binding): " + String.join(", ", names));
                    return;
                }
                throw new IssuanceRefused(Refusal.PENDING_APPROVAL, "device " + devId + " (" + String.join(", ", names)
                        + ") waits for approval" + lapsed.map(t -> " again: its certificates expired " + t
                                + " (offline past expiry)").orElse("") + ": localtrust gateway approve " + devId);
            }
            default -> throw new IllegalStateException("unknown approval state " + device.state());
        }
    }

    /**
     * An approved device asking after its certificates all expired at {@code lapsedAt}: with {@link
     * LapsePolicy#ACCEPT_OLD_KEY} it stays APPROVED (the CSR proved the same key; an audit entry says
     * so); with {@link LapsePolicy#REAPPROVE} it is put back to PENDING (an audit entry says why) and
     * goes on as a device never approved: the caller's approval, an allowance or a pairing code.
     */
    private ApprovalState afterLapse(String devId, Instant lapsedAt, IssuanceRequest request, Instant now)
            throws StoreException {
        if (config.lapsedDevices() == LapsePolicy.ACCEPT_OLD_KEY) {
            store.append(now, request.actor(), "reenrol", devId, "certificates expired " + lapsedAt
                    + "; issued again on proof of the same key (lapsedDevices: " + LapsePolicy.ACCEPT_OLD_KEY.json() + ")");
            return ApprovalState.APPROVED;
        }
        LOG.info("device {} asks again after its certificates expired {}: back to pending approval", devId, lapsedAt);
        return store.setState(devId, ApprovalState.PENDING, now, "gateway", "certificates expired " + lapsedAt
                + " (offline past expiry): re-enrolment needs a fresh approval (lapsedDevices: "
                + LapsePolicy.REAPPROVE.json() + ")").state();
    }

    /** A pairing grant the requester redeemed ({@link Pairings}) that covers these names now. */
    private Optional<PairingStore.PairingGrant> pairing(String requester, List<String> names, Instant now) throws StoreException {
        return store.pairingGrantsOf(requester).stream().filter(g -> g.covers(names, now)).findFirst();
    }

    private boolean coveredByAllowances(List<String> names, Instant now) throws StoreException {
        List<ApprovalStore.Allowance> open = store.allowances(now);
        return names.stream().allMatch(n -> open.stream().anyMatch(a -> a.identity().equals(n)));
    }

    private void lint(Cert draft, List<Identity> ids, Instant now) throws IssuanceRefused {
        List<Finding> blocking = new ArrayList<>();
        for (Finding f : linter.lintOnce(draft, new LintContext(now, CertRole.LEAF, false))) { // each draft is new
            if (f.severity().compareTo(Severity.HIGH) <= 0) {
                blocking.add(f);
            }
        }
        if (draft.sans().size() != ids.size()) {
            blocking.add(new Finding("SAN_MISMATCH", Severity.CRITICAL, "the certificate's SANs differ from the approved identities"));
        }
        if (!blocking.isEmpty()) {
            throw new IssuanceRefused(Refusal.LINT_FAILED, "not signed: " + blocking.get(0).code() + ": " + blocking.get(0).message());
        }
    }

    private Cert read(LeafProfile.Draft draft) {
        try {
            return reader.readBuilt(draft.certificate(), draft.der());
        } catch (CertificateParseException e) {
            throw new IllegalStateException("the authority built a certificate it cannot read: " + e.getMessage(), e);
        }
    }
}
