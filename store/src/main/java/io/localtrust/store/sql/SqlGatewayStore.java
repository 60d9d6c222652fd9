package io.localtrust.store.sql;

import io.localtrust.store.AcmeStore;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.KeyAndNames;
import io.localtrust.store.NameStore.Certifies;
import io.localtrust.store.PairingStore.PairingGrant;
import io.localtrust.store.NameStore.Claim;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.NameStore.NameClaim;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanReport;
import io.localtrust.store.StoreException;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The store over JDBC, the same SQL for both backends: each operation is one transaction of
 * {@link Database}, the SQL lives in the table classes, and what differs lives in {@link Dialect}.
 */
public abstract sealed class SqlGatewayStore implements GatewayStore permits SqliteGatewayStore, PostgresGatewayStore {
    private final Database db;
    private final String description;

    SqlGatewayStore(Database db, String description) {
        this.db = db;
        this.description = description;
    }

    /** For tests in this package: the store's database, to look at settings and rows directly. */
    Database database() {
        return db;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    // devices

    @Override
    public Optional<DeviceRecord> device(String devId) throws StoreException {
        Objects.requireNonNull(devId, "devId");
        return db.read(tx -> DeviceSql.byId(tx.connection(), devId));
    }

    @Override
    public Optional<DeviceRecord> deviceByKey(String spkiSha256) throws StoreException {
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        // from memory while no write changed devices (DeviceReads); else one statement (a join)
        return deviceByKey(db.deviceReadsGeneration(), spkiSha256);
    }

    /** The device bound to a key, from memory while {@code generation} holds (DeviceReads). */
    private Optional<DeviceRecord> deviceByKey(long generation, String spkiSha256) throws StoreException {
        return db.deviceReads().deviceByKey(generation, spkiSha256,
                () -> db.readStatement(tx -> DeviceSql.byKey(tx.connection(), spkiSha256)));
    }

    @Override
    public DeviceRecord register(String devId, String spkiSha256, List<String> identities, Instant at)
            throws StoreException {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        List<String> names = List.copyOf(identities);
        Objects.requireNonNull(at, "at");
        return db.write(tx -> DeviceSql.register(tx, devId, spkiSha256, names, at));
    }

    @Override
    public DeviceRecord setState(String devId, ApprovalState state, Instant at) throws StoreException {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        return db.write(tx -> DeviceSql.setState(tx, devId, state, at, Optional.empty()));
    }

    @Override
    public DeviceRecord setState(String devId, ApprovalState state, Instant at, String actor, String detail)
            throws StoreException {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        DeviceSql.Audit audit = new DeviceSql.Audit(actor, detail);
        return db.write(tx -> DeviceSql.setState(tx, devId, state, at, Optional.of(audit)));
    }

    @Override
    public List<DeviceRecord> devices() throws StoreException {
        return db.read(tx -> DeviceSql.all(tx.connection()));
    }

    // certificates

    @Override
    public void recordIssuance(IssuedCertificate certificate, String actor) throws StoreException {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(actor, "actor");
        db.writeLeavingDevices(tx -> {
            CertificateSql.recordIssuances(tx, List.of(certificate), actor);
            return null;
        });
    }

    @Override
    public void recordIssuances(List<IssuedCertificate> certificates, String actor) throws StoreException {
        List<IssuedCertificate> batch = List.copyOf(certificates);
        Objects.requireNonNull(actor, "actor");
        if (batch.isEmpty()) {
            return;
        }
        db.writeLeavingDevices(tx -> {
            CertificateSql.recordIssuances(tx, batch, actor);
            return null;
        });
    }

    @Override
    public Optional<IssuedCertificate> certificate(BigInteger serial) throws StoreException {
        Objects.requireNonNull(serial, "serial");
        return db.readStatement(tx -> CertificateSql.bySerial(tx.connection(), serial));
    }

    @Override
    public List<IssuedCertificate> certificatesOf(String devId) throws StoreException {
        Objects.requireNonNull(devId, "devId");
        return db.read(tx -> CertificateSql.ofDevice(tx.connection(), devId));
    }

    @Override
    public List<IssuedCertificate> certificates() throws StoreException {
        return db.read(tx -> CertificateSql.all(tx.connection()));
    }

    @Override
    public Optional<CertificateStatus> status(BigInteger serial) throws StoreException {
        Objects.requireNonNull(serial, "serial");
        return db.readStatement(tx -> CertificateSql.status(tx.connection(), serial));
    }

    @Override
    public boolean revoke(BigInteger serial, RevocationReason reason, Instant at, String actor) throws StoreException {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        return db.writeLeavingDevices(tx -> CertificateSql.revoke(tx, serial, reason, at, actor));
    }

    @Override
    public List<CertificateStatus> revoked() throws StoreException {
        return db.read(tx -> CertificateSql.revoked(tx.connection()));
    }

    @Override
    public long revision() throws StoreException {
        return db.readStatement(tx -> Database.revision(tx.connection()));
    }

    @Override
    public long localWrites() {
        return db.commits();
    }

    // approvals

    @Override
    public void addPairingCode(PairingCode code) throws StoreException {
        Objects.requireNonNull(code, "code");
        db.write(tx -> {
            ApprovalSql.addPairingCode(tx, code);
            return null;
        });
    }

    @Override
    public void offerPairingCode(PairingCode code, String shown, Instant at) throws StoreException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(at, "at");
        db.write(tx -> {
            ApprovalSql.offerPairingCode(tx, code, shown, at);
            return null;
        });
    }

    @Override
    public List<PairingOffer> pairingOffers(Instant at) throws StoreException {
        Objects.requireNonNull(at, "at");
        return db.read(tx -> ApprovalSql.offers(tx.connection(), at));
    }

    @Override
    public Optional<PairingCode> pairingCode(String devId, String codeHash, Instant at) throws StoreException {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(at, "at");
        return db.read(tx -> ApprovalSql.usableCode(tx.connection(), devId, codeHash, at));
    }

    @Override
    public boolean usePairingCode(String codeHash, Instant at) throws StoreException {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(at, "at");
        return db.write(tx -> ApprovalSql.usePairingCode(tx, codeHash, at));
    }

    @Override
    public int recordPairingFailure(String devId, Instant at, Duration window) throws StoreException {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(window, "window");
        return db.write(tx -> ApprovalSql.recordPairingFailure(tx, devId, at, window));
    }

    @Override
    public int pairingFailures(String devId, Instant at, Duration window) throws StoreException {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(window, "window");
        return db.read(tx -> ApprovalSql.pairingFailures(tx.connection(), devId, at, window));
    }

    @Override
    public void allow(Allowance allowance) throws StoreException {
        Objects.requireNonNull(allowance, "allowance");
        db.write(tx -> {
            ApprovalSql.allow(tx, allowance, Optional.empty());
            return null;
        });
    }

    @Override
    public void allow(Allowance allowance, Instant at) throws StoreException {
        Objects.requireNonNull(allowance, "allowance");
        Objects.requireNonNull(at, "at");
        db.write(tx -> {
            ApprovalSql.allow(tx, allowance, Optional.of(at));
            return null;
        });
    }

    @Override
    public List<Allowance> allowances(Instant at) throws StoreException {
        Objects.requireNonNull(at, "at");
        return db.read(tx -> ApprovalSql.allowances(tx.connection(), at));
    }

    // audit

    @Override
    public AuditEvent append(Instant at, String actor, String action, String subject, String detail)
            throws StoreException {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        return db.writeLeavingDevices(tx -> AuditSql.append(tx, at, actor, action, subject, detail));
    }

    @Override
    public List<AuditEvent> events(long fromSeq, int limit) throws StoreException {
        return db.read(tx -> AuditSql.events(tx.connection(), fromSeq, limit));
    }

    @Override
    public Optional<String> verify() throws StoreException {
        return db.read(tx -> AuditSql.verify(tx.connection()));
    }

    @Override
    public void close() {
        db.close();
    }

    // ACME

    @Override
    public void addAccount(AcmeAccount account) throws StoreException {
        Objects.requireNonNull(account, "account");
        db.writeLeavingDevices(tx -> {
            AcmeSql.addAccount(tx.connection(), account);
            return null;
        });
    }

    @Override
    public void addAccount(AcmeAccount account, String pairingKid, String holder, Instant at) throws StoreException {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(pairingKid, "pairingKid");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(at, "at");
        db.writeLeavingDevices(tx -> {
            if (!PairingSql.redeem(tx, pairingKid, holder, at)) {
                throw new StoreException(StoreException.Kind.CONFLICT, "the pairing grant was redeemed already or has ended");
            }
            AcmeSql.addAccount(tx.connection(), account);
            return null;
        });
    }

    @Override
    public Optional<AcmeAccount> account(String id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return db.readStatement(tx -> AcmeSql.account(tx.connection(), id));
    }

    @Override
    public Optional<AcmeAccount> accountByThumbprint(String thumbprint) throws StoreException {
        Objects.requireNonNull(thumbprint, "thumbprint");
        return db.readStatement(tx -> AcmeSql.accountByThumbprint(tx.connection(), thumbprint));
    }

    @Override
    public boolean updateAccount(AcmeAccount next) throws StoreException {
        Objects.requireNonNull(next, "next");
        return db.writeLeavingDevices(tx -> AcmeSql.updateAccount(tx, next));
    }

    @Override
    public void addObjects(List<AcmeObject> objects) throws StoreException {
        List<AcmeObject> all = List.copyOf(objects);
        if (all.isEmpty()) {
            return;
        }
        db.writeLeavingDevices(tx -> {
            AcmeSql.addObjects(tx.connection(), all);
            return null;
        });
    }

    @Override
    public Optional<AcmeObject> object(AcmeStore.ObjectKind kind, String id) throws StoreException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        return db.readStatement(tx -> AcmeSql.object(tx.connection(), kind, id));
    }

    @Override
    public boolean updateObject(AcmeObject next) throws StoreException {
        Objects.requireNonNull(next, "next");
        return db.writeLeavingDevices(tx -> AcmeSql.updateObject(tx, next));
    }

    @Override
    public List<AcmeObject> objectsOf(String accountId, AcmeStore.ObjectKind kind, int offset, int limit) throws StoreException {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        if (offset < 0 || limit <= 0) {
            throw new IllegalArgumentException("offset >= 0 and limit > 0");
        }
        return db.read(tx -> AcmeSql.objectsOf(tx.connection(), accountId, kind, offset, limit));
    }

    @Override
    public List<AcmeObject> objectsAfter(String accountId, AcmeStore.ObjectKind kind, Instant createdAt, String id, int limit)
            throws StoreException {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit > 0");
        }
        return db.read(tx -> AcmeSql.objectsAfter(tx.connection(), accountId, kind, Sql.millis(createdAt), id, limit));
    }

    @Override
    public int deleteExpired(Instant before) throws StoreException {
        Objects.requireNonNull(before, "before");
        return db.writeLeavingDevices(tx -> AcmeSql.deleteExpired(tx, Sql.millis(before)));
    }

    // pairing grants

    @Override
    public void addPairingGrant(PairingGrant grant) throws StoreException {
        Objects.requireNonNull(grant, "grant");
        db.write(tx -> {
            PairingSql.add(tx, grant);
            return null;
        });
    }

    @Override
    public Optional<PairingGrant> pairingGrant(String kid) throws StoreException {
        Objects.requireNonNull(kid, "kid");
        return db.read(tx -> PairingSql.byKid(tx.connection(), kid));
    }

    @Override
    public List<PairingGrant> pairingGrants() throws StoreException {
        return db.read(tx -> PairingSql.all(tx.connection()));
    }

    @Override
    public List<PairingGrant> pairingGrantsOf(String holder) throws StoreException {
        Objects.requireNonNull(holder, "holder");
        return db.read(tx -> PairingSql.ofHolder(tx.connection(), holder));
    }

    @Override
    public boolean redeemPairingGrant(String kid, String holder, Instant at) throws StoreException {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(at, "at");
        return db.write(tx -> PairingSql.redeem(tx, kid, holder, at));
    }

    // local zone

    @Override
    public NameBinding bind(String name, String address, String devId, Instant at) throws StoreException {
        NameBinding b = new NameBinding(name, address, devId, at);
        return db.write(tx -> NameSql.bind(tx, b));
    }

    @Override
    public Claim claim(List<String> names, String address, String devId, Instant at, Instant until, Certifies certifies)
            throws StoreException {
        List<String> all = List.copyOf(names);
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(certifies, "certifies");
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a claim names at least one name");
        }
        return db.write(tx -> NameSql.claim(tx, all, address, devId, at, until, certifies));
    }

    @Override
    public void settle(NameClaim claim) throws StoreException {
        Objects.requireNonNull(claim, "claim");
        db.write(tx -> {
            NameSql.settle(tx, claim);
            return null;
        });
    }

    @Override
    public void release(NameClaim claim) throws StoreException {
        Objects.requireNonNull(claim, "claim");
        db.write(tx -> {
            NameSql.release(tx, claim);
            return null;
        });
    }

    @Override
    public KeyAndNames keyAndNames(String spkiSha256, List<String> names) throws StoreException {
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        // one revision read validates the cache for the key and every name (DeviceReads)
        long generation = db.deviceReadsGeneration();
        Map<String, Optional<NameBinding>> bindings = new HashMap<>();
        for (String name : names) {
            bindings.put(name, binding(generation, name));
        }
        return new KeyAndNames(deviceByKey(generation, spkiSha256), bindings);
    }

    @Override
    public Optional<NameBinding> binding(String name) throws StoreException {
        Objects.requireNonNull(name, "name");
        // from memory while no write changed bindings (DeviceReads); else one statement
        return binding(db.deviceReadsGeneration(), name);
    }

    /** A name's binding, from memory while {@code generation} holds (DeviceReads). */
    private Optional<NameBinding> binding(long generation, String name) throws StoreException {
        return db.deviceReads().binding(generation, name,
                () -> db.readStatement(tx -> NameSql.binding(tx.connection(), name)));
    }

    @Override
    public List<NameBinding> bindings() throws StoreException {
        return db.read(tx -> NameSql.all(tx.connection()));
    }

    // scans

    @Override
    public ScanRecord startScan(String id, List<String> targets, Instant at, String actor, String detail) throws StoreException {
        Objects.requireNonNull(id, "id");
        List<String> all = List.copyOf(targets);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detail, "detail");
        return db.writeLeavingDevices(tx -> ScanSql.start(tx, id, all, at, actor, detail));
    }

    @Override
    public void finishScan(String id, Instant at, Map<String, Integer> summary, int devices, ScanReport report) throws StoreException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Map<String, Integer> counts = new java.util.LinkedHashMap<>(summary);
        Objects.requireNonNull(report, "report");
        db.writeLeavingDevices(tx -> {
            ScanSql.finish(tx, id, at, counts, devices, report);
            return null;
        });
    }

    @Override
    public void failScan(String id, Instant at, String error) throws StoreException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
        db.writeLeavingDevices(tx -> {
            ScanSql.fail(tx, id, at, error);
            return null;
        });
    }

    @Override
    public int abandonScans(Instant at, String error) throws StoreException {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
        return db.writeLeavingDevices(tx -> ScanSql.abandon(tx, at, error));
    }

    @Override
    public List<ScanRecord> scans(int limit) throws StoreException {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit > 0");
        }
        return db.read(tx -> ScanSql.newest(tx.connection(), limit));
    }

    @Override
    public Optional<ScanRecord> scan(String id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return db.readStatement(tx -> ScanSql.byId(tx.connection(), id));
    }

    @Override
    public Optional<ScanReport> scanReport(String id) throws StoreException {
        Objects.requireNonNull(id, "id");
        return db.readStatement(tx -> ScanSql.report(tx.connection(), id));
    }
}
