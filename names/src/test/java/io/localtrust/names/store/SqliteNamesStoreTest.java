package io.localtrust.names.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on SQLite, and what only a file can get wrong. */
class SqliteNamesStoreTest extends NamesStoreContract {
    @TempDir
    Path dir;

    @Override
    NamesStore newStore() throws Exception {
        return NamesStores.sqlite(dir.resolve("names.db"));
    }

    @Override
    NamesStore second() throws Exception {
        return NamesStores.sqlite(dir.resolve("names.db"));
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database, and it must stay so".repeat(200));
        byte[] before = Files.readAllBytes(junk);
        assertThatThrownBy(() -> NamesStores.sqlite(junk)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.getMessage()).contains(junk.toString()));
        assertThat(Files.readAllBytes(junk)).isEqualTo(before);
    }
}
