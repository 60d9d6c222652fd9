package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static io.localtrust.store.sql.Samples.cert;
import static io.localtrust.store.sql.Samples.register;
import static io.localtrust.store.sql.Samples.serial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating and opening {@code DIR/gateway.db}: never silently made, never silently re-initialised. */
class SqliteStoreFileTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("gateway");
    }

    private Path file() {
        return dir().resolve("gateway.db");
    }

    private static StoreException refusal(Kind kind, ThrowingOpen open) {
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, open::run);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContainIgnoringCase("select").doesNotContain("Exception");
        return e;
    }

    @FunctionalInterface
    private interface ThrowingOpen {
        void run() throws Exception;
    }

    @Test
    void openingAMissingDirectoryNamesInitAndCreatesNothing() {
        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).isEqualTo("no gateway store at " + file() + ": run `localtrust gateway init` first");
        assertThat(dir()).doesNotExist();
    }

    @Test
    void openingADirectoryWithoutTheFileCreatesNothing() throws Exception {
        Files.createDirectories(dir());

        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).isEqualTo("no gateway store at " + file() + ": run `localtrust gateway init` first");
        assertThat(dir()).isEmptyDirectory();
    }

    @Test
    void openingAGarbageFileLeavesItUntouched() throws Exception {
        Files.createDirectories(dir());
        byte[] garbage = "this is a shopping list, not a database\n".repeat(200).getBytes();
        Files.write(file(), garbage);

        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).isEqualTo(file() + " is not a SQLite database: not a localtrust gateway store");
        assertThat(Files.readAllBytes(file())).isEqualTo(garbage);
        try (var files = Files.list(dir())) {
            assertThat(files).containsExactly(file());
        }
    }

    @Test
    void openingAnEmptyFileLeavesItUntouched() throws Exception {
        Files.createDirectories(dir());
        Files.createFile(file());

        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).isEqualTo(file() + " is empty: not a localtrust gateway store");
        assertThat(file()).isEmptyFile();
    }

    @Test
    void openingAnotherSqliteDatabaseLeavesItUntouched() throws Exception {
        Files.createDirectories(dir());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE recipes (name TEXT)");
            s.execute("INSERT INTO recipes VALUES ('bread')");
        }
        byte[] before = Files.readAllBytes(file());

        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).isEqualTo(file() + " is a SQLite database but not a localtrust gateway store");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        try (var files = Files.list(dir())) {
            assertThat(files).containsExactly(file());
        }
    }

    @Test
    void openingAnEmptySqliteDatabaseLeavesItUntouched() throws Exception {
        Files.createDirectories(dir());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 7");
        }
        byte[] before = Files.readAllBytes(file());

        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).endsWith("is a SQLite database but not a localtrust gateway store");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    @Test
    void creatingWhereAStoreExistsIsRefusedAndKeepsIt() throws Exception {
        try (GatewayStore s = GatewayStores.create(dir())) {
            register(s, 1);
        }
        byte[] before = Files.readAllBytes(file());

        StoreException e = refusal(Kind.CONFLICT, () -> GatewayStores.create(dir()));

        assertThat(e.getMessage()).isEqualTo("a gateway store already exists at " + file() + ": refusing to overwrite it");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        try (GatewayStore s = GatewayStores.open(dir())) {
            assertThat(s.devices()).hasSize(1);
        }
    }

    @Test
    void theFileIsOwnerOnlyAndTheSettingsAreDurable() throws Exception {
        try (GatewayStore s = GatewayStores.create(dir())) {
            assertThat(s.describe()).isEqualTo("SQLite " + file());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
            Database db = ((SqlGatewayStore) s).database();
            assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(db, "synchronous")).as("2 = FULL").isEqualTo("2");
            assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(db, "temp_store")).as("2 = MEMORY: sub-journals without a file write per page").isEqualTo("2");
            assertThat(pragma(db, "busy_timeout")).isEqualTo(String.valueOf(SqliteGatewayStore.BUSY_TIMEOUT_MS));
        }
    }

    private static String pragma(Database db, String name) throws StoreException {
        return db.read(tx -> Sql.one(tx.connection(), "PRAGMA " + name, rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void whatWasCommittedIsThereAfterReopening() throws Exception {
        try (GatewayStore s = GatewayStores.create(dir())) {
            register(s, 1, "printer.home.arpa");
            s.recordIssuance(cert(1, 1), "cli:root");
        }
        try (GatewayStore s = GatewayStores.open(dir())) {
            assertThat(s.certificates()).containsExactly(cert(1, 1));
            assertThat(s.status(serial(1))).isPresent();
            assertThat(s.devices().getFirst().identities()).isEqualTo(List.of("printer.home.arpa"));
            assertThat(s.verify()).isEmpty();
        }
    }

    @Test
    void aStoreWithItsMarkerRowGoneIsNotOpened() throws Exception {
        GatewayStores.create(dir()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.execute("DELETE FROM store_meta");
        }

        StoreException e = refusal(Kind.CORRUPT, () -> GatewayStores.open(dir()));

        assertThat(e.getMessage()).isEqualTo(file() + " is a SQLite database but not a localtrust gateway store");
    }

    /**
     * V8 (status rows for revocations only) keeps every certificate's status: a store written by an
     * earlier version, with a good row and a revoked row, opens with the good one gone and the
     * revocation kept as it was.
     */
    @Test
    void aStoreFromBeforeV8KeepsEveryStatus() throws Exception {
        Files.createDirectories(dir());
        String url = "jdbc:sqlite:" + file();
        org.flywaydb.core.Flyway.configure(Migrations.class.getClassLoader()).dataSource(url, null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/sqlite")
                .placeholders(java.util.Map.of("bytes", "BLOB")).target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO devices (dev_id, spki_sha256, state, first_seen, updated, rev) "
                    + "VALUES ('" + Samples.devId(1) + "', '" + Samples.spki(1) + "', 'APPROVED', 1, 1, 1)");
            for (int i = 1; i <= 2; i++) {
                s.execute("INSERT INTO certificates (serial, dev_id, spki_sha256, subject, not_before, not_after, issued_at, der, rev) "
                        + "VALUES ('" + CertificateSql.hex(serial(i)) + "', '" + Samples.devId(1) + "', '" + Samples.spki(1)
                        + "', 'CN=a', 1000, 2000, 1000, X'3000', " + (i + 1) + ")");
            }
            s.execute("INSERT INTO cert_status VALUES ('" + CertificateSql.hex(serial(1)) + "', 0, NULL, NULL)");
            s.execute("INSERT INTO cert_status VALUES ('" + CertificateSql.hex(serial(2)) + "', 1, 1500, 1)");
        }

        try (GatewayStore s = GatewayStores.open(dir())) {
            assertThat(s.status(serial(1))).contains(io.localtrust.store.CertificateStatus.good(serial(1)));
            assertThat(s.status(serial(2))).contains(new io.localtrust.store.CertificateStatus(serial(2), true,
                    java.util.Optional.of(java.time.Instant.ofEpochMilli(1500)),
                    java.util.Optional.of(io.localtrust.store.RevocationReason.KEY_COMPROMISE)));
            assertThat(s.revoked()).extracting(io.localtrust.store.CertificateStatus::serial).containsExactly(serial(2));
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cert_status")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("only the revocation keeps a row").isEqualTo(1);
        }
    }
}
