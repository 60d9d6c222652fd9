package io.localtrust.store.sql;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.CertificateStatus;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.cert;
import static io.localtrust.store.sql.Samples.devId;
import static io.localtrust.store.sql.Samples.hex;
import static io.localtrust.store.sql.Samples.register;
import static io.localtrust.store.sql.Samples.serial;
import static io.localtrust.store.sql.Samples.spki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issued certificates (append-only), their status, and the revision: every backend behaves like this. */
interface CertificateContract extends StoreFixture {

    @Test
    default void issuanceStoresCertificateGoodStatusAndAuditEntryTogether() throws Exception {
        register(store(), 1, "printer.home.arpa");
        long revision = store().revision();
        IssuedCertificate c = cert(1, 1);

        store().recordIssuance(c, "acme:account/12");

        assertThat(store().certificate(serial(1))).contains(c);
        assertThat(store().certificate(serial(1)).orElseThrow().der()).isEqualTo(c.der());
        assertThat(store().status(serial(1))).contains(CertificateStatus.good(serial(1)));
        assertThat(store().revision()).isEqualTo(revision + 1);
        AuditEvent e = store().events(1, 10).getFirst();
        assertThat(e).extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::subject, AuditEvent::at)
                .containsExactly("issue", "acme:account/12", hex(serial(1)), c.issuedAt());
        assertThat(e.detail()).contains(devId(1)).contains("CN=device-1.home.arpa");
    }

    @Test
    default void serialsAreStoredAsLowercaseHex() throws Exception {
        register(store(), 1);
        store().recordIssuance(cert(1, 1), "cli:root");
        assertThat(hex(serial(1))).hasSize(32).startsWith("8");

        assertThat(queryOne("SELECT serial FROM certificates")).isEqualTo(hex(serial(1)));
        assertThat(queryOne("SELECT COUNT(*) FROM cert_status")).as("good is the absence of a revocation row").isEqualTo("0");
        store().revoke(serial(1), RevocationReason.KEY_COMPROMISE, at(500), "cli:root");
        assertThat(queryOne("SELECT serial FROM cert_status")).isEqualTo(hex(serial(1)));
    }

    @Test
    default void refusesASerialIssuedTwiceAndLeavesNothingBehind() throws Exception {
        register(store(), 1);
        register(store(), 2);
        store().recordIssuance(cert(1, 1), "cli:root");
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().recordIssuance(cert(1, 2), "cli:root"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("serial " + hex(serial(1)) + " is already issued");
                });
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
        assertThat(store().certificatesOf(devId(2))).isEmpty();
    }

    @Test
    default void refusesACertificateWhoseKeyBelongsToAnotherDevice() throws Exception {
        register(store(), 1);
        register(store(), 2);
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().recordIssuance(cert(5, 2, spki(1), 600), "cli:root"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("bound to device " + devId(1));
                });
        assertThatThrownBy(() -> store().recordIssuance(cert(6, 2, spki(7), 600), "cli:root"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
    }

    @Test
    default void refusesACertificateForADeviceNeverRegistered() throws Exception {
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().recordIssuance(cert(1, 4), "cli:root"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
        assertThat(store().status(serial(1))).isEmpty();
    }

    @Test
    default void aBatchIsStoredInOneWriteInListOrder() throws Exception {
        register(store(), 1);
        register(store(), 2);
        long revision = store().revision();

        store().recordIssuances(List.of(cert(9, 1), cert(4, 2), cert(7, 1)), "group-commit");

        assertThat(store().certificates()).containsExactly(cert(9, 1), cert(4, 2), cert(7, 1));
        assertThat(store().events(1, 10)).extracting(AuditEvent::subject)
                .containsExactly(hex(serial(9)), hex(serial(4)), hex(serial(7)));
        assertThat(store().status(serial(4))).contains(CertificateStatus.good(serial(4)));
        assertThat(store().revision()).isGreaterThan(revision);
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void aBatchWithOneRefusedCertificateStoresNone() throws Exception {
        register(store(), 1);
        store().recordIssuance(cert(1, 1), "a");
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().recordIssuances(List.of(cert(2, 1), cert(3, 1), cert(1, 1)), "a"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));

        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
        assertThat(store().status(serial(2))).isEmpty();
    }

    @Test
    default void aSerialTwiceInOneBatchIsRefusedAndNothingIsStored() throws Exception {
        register(store(), 1);
        Samples.Snapshot before = Samples.Snapshot.of(store());

        assertThatThrownBy(() -> store().recordIssuances(List.of(cert(5, 1), cert(6, 1), cert(5, 1)), "a"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).contains(hex(serial(5)));
                });
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
    }

    @Test
    default void theFirstRefusedCertificateOfABatchIsTheOneNamed() throws Exception {
        register(store(), 1);
        register(store(), 2);
        Samples.Snapshot before = Samples.Snapshot.of(store());

        // device 3 was never registered; device 2's key on device 1's certificate comes first
        assertThatThrownBy(() -> store().recordIssuances(List.of(cert(1, 1), cert(2, 1, spki(2), 600), cert(3, 3)), "a"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("bound to device " + devId(2));
                });
        assertThatThrownBy(() -> store().recordIssuances(List.of(cert(1, 1), cert(3, 3)), "a"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
    }

    @Test
    default void aLargeBatchKeepsListOrderRevisionsAndTheAuditChain() throws Exception {
        register(store(), 1);
        register(store(), 2);
        store().recordIssuance(cert(1, 1), "one");
        List<IssuedCertificate> batch = new java.util.ArrayList<>();
        for (int i = 2; i < 2 + Sql.IN_CHUNK + 7; i++) { // more than one IN (…) chunk
            batch.add(cert(i, 1 + i % 2));
        }
        long revision = store().revision();

        store().recordIssuances(batch, "group-commit");
        store().recordIssuance(cert(9999, 2), "after");

        List<IssuedCertificate> all = store().certificates();
        assertThat(all).hasSize(batch.size() + 2);
        assertThat(all.subList(1, batch.size() + 1)).containsExactlyElementsOf(batch);
        assertThat(all.get(all.size() - 1)).isEqualTo(cert(9999, 2));
        assertThat(store().certificatesOf(devId(2))).first().isEqualTo(cert(3, 2));
        assertThat(store().revision()).isEqualTo(revision + batch.size() + 1); // one per row, as row by row
        List<AuditEvent> events = store().events(1, 10_000);
        assertThat(events).extracting(AuditEvent::action).filteredOn("issue"::equals).hasSize(batch.size() + 2);
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void aBatchKeepsEveryByteAndCharacterOfItsRows() throws Exception {
        register(store(), 1);
        register(store(), 2);
        // what a bulk insert must not mangle: escapes, quotes, tabs, backslashes, non-ASCII, an empty
        // DER, one over 64 KiB, bytes of every value (PostgreSQL writes these rows with a binary COPY)
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        Instant t = at(100);
        List<IssuedCertificate> batch = List.of(
                new IssuedCertificate(serial(1), devId(1), spki(1), "CN=Gr\u00fc\u00dfe\\, O=\"\\\\x41\"\t'; DROP TABLE audit; --",
                        t, t.plusSeconds(60), t, everyByte),
                new IssuedCertificate(serial(2), devId(2), spki(2), "CN=\u8a2d\u5099\ud83d\udd12", t, t.plusSeconds(1), t,
                        new byte[0]),
                cert(3, 1, spki(1), 70_000));

        store().recordIssuances(batch, "actor with spaces\tand a tab");

        assertThat(store().certificates()).containsExactlyElementsOf(batch);
        assertThat(store().certificates()).usingRecursiveComparison().isEqualTo(batch); // every field, not serial and DER only
        assertThat(store().certificate(serial(1)).orElseThrow().der()).isEqualTo(everyByte);
        assertThat(store().certificate(serial(2)).orElseThrow().subject()).isEqualTo("CN=\u8a2d\u5099\ud83d\udd12");
        assertThat(store().events(1, 10)).extracting(AuditEvent::actor).containsOnly("actor with spaces\tand a tab");
        assertThat(store().events(1, 10).getFirst().detail()).contains("O=\"\\\\x41\"");
        assertThat(store().verify()).isEmpty();
    }

    @Test
    default void certificatesAreListedInIssueOrder() throws Exception {
        register(store(), 1);
        register(store(), 2);
        store().recordIssuance(cert(3, 1), "a");
        store().recordIssuance(cert(1, 2), "a");
        store().recordIssuance(cert(2, 1), "a");

        assertThat(store().certificatesOf(devId(1))).containsExactly(cert(3, 1), cert(2, 1));
        assertThat(store().certificates()).containsExactly(cert(3, 1), cert(1, 2), cert(2, 1));
        assertThat(store().certificatesOf(devId(9))).isEmpty();
    }

    @Test
    default void revokingTwiceChangesNothingTheSecondTime() throws Exception {
        register(store(), 1);
        store().recordIssuance(cert(1, 1), "cli:root");

        assertThat(store().revoke(serial(1), RevocationReason.KEY_COMPROMISE, at(500), "admin-api")).isTrue();
        Samples.Snapshot after = Samples.Snapshot.of(store());
        assertThat(store().revoke(serial(1), RevocationReason.SUPERSEDED, at(600), "cli:root")).isFalse();

        assertThat(Samples.Snapshot.of(store())).isEqualTo(after);
        assertThat(store().status(serial(1))).contains(new CertificateStatus(serial(1), true, Optional.of(at(500)),
                Optional.of(RevocationReason.KEY_COMPROMISE)));
        List<AuditEvent> log = store().events(1, 10);
        assertThat(log).extracting(AuditEvent::action).containsExactly("issue", "revoke");
        assertThat(log.get(1)).extracting(AuditEvent::actor, AuditEvent::subject, AuditEvent::detail, AuditEvent::at)
                .containsExactly("admin-api", hex(serial(1)), "reason keyCompromise", at(500));
    }

    @Test
    default void revokingAnUnknownSerialIsNotFound() throws Exception {
        Samples.Snapshot before = Samples.Snapshot.of(store());
        assertThatThrownBy(() -> store().revoke(serial(8), RevocationReason.UNSPECIFIED, at(1), "cli:root"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no certificate with serial " + hex(serial(8)));
                });
        assertThat(Samples.Snapshot.of(store())).isEqualTo(before);
    }

    @Test
    default void revokedListsOnlyRevokedCertificates() throws Exception {
        register(store(), 1);
        for (int i = 1; i <= 3; i++) {
            store().recordIssuance(cert(i, 1), "a");
        }
        store().revoke(serial(3), RevocationReason.CESSATION_OF_OPERATION, at(700), "a");
        store().revoke(serial(1), RevocationReason.AA_COMPROMISE, at(800), "a");

        assertThat(store().revoked()).extracting(CertificateStatus::serial).containsExactly(serial(3), serial(1));
        assertThat(store().revoked().get(1).reason()).contains(RevocationReason.AA_COMPROMISE);
        assertThat(store().status(serial(2)).orElseThrow().revoked()).isFalse();
    }

    @Test
    default void certificatesAreAppendOnlyEvenForRawSql() throws Exception {
        register(store(), 1);
        store().recordIssuance(cert(1, 1), "a");

        assertThatThrownBy(() -> sql("UPDATE certificates SET subject = 'CN=evil'")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("UPDATE certificates SET not_after = not_after + 1")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("DELETE FROM certificates")).isInstanceOf(SQLException.class);

        assertThat(store().certificates()).containsExactly(cert(1, 1));
        assertThat(store().certificate(serial(1)).orElseThrow().subject()).isEqualTo("CN=device-1.home.arpa");
    }

    @Test
    default void revisionGrowsWithWritesMadeThroughASecondStore() throws Exception {
        GatewayStore gateway = store();
        register(gateway, 1);
        gateway.recordIssuance(cert(1, 1), "acme");
        long seen = gateway.revision();

        try (GatewayStore cli = second()) {
            assertThat(cli.revision()).isEqualTo(seen);
            cli.revoke(serial(1), RevocationReason.KEY_COMPROMISE, at(900), "cli:root");
            assertThat(gateway.revision()).isGreaterThan(seen);
            assertThat(gateway.status(serial(1)).orElseThrow().revoked()).isTrue();

            long after = gateway.revision();
            cli.register(devId(2), spki(2), List.of("cam.home.arpa"), at(901));
            assertThat(gateway.revision()).isGreaterThan(after);
            assertThat(gateway.device(devId(2))).isPresent();
        }
    }

    @Test
    default void readsAndRefusedWritesLeaveTheRevisionAlone() throws Exception {
        register(store(), 1);
        long revision = store().revision();

        store().devices();
        store().certificates();
        store().verify();
        assertThatThrownBy(() -> store().register(devId(3), spki(1), List.of(), at(3))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store().recordIssuance(cert(1, 5), "a")).isInstanceOf(StoreException.class);

        assertThat(store().revision()).isEqualTo(revision);
    }
}
