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
}
