package io.localtrust.names.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.StoreException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL server ({@link TestPostgres}), a schema per test: several responders' database. */
class PostgresNamesStoreTest extends NamesStoreContract {
    private String url;

    @Override
    NamesStore newStore() throws Exception {
        url = TestPostgres.freshSchema();
        return NamesStores.open(url, Map.of());
    }

    @Override
    NamesStore second() throws Exception {
        return NamesStores.open(url, Map.of());
    }

    @Test
    void anUnreachableServerIsOneLineWithoutCredentials() {
        assertThatThrownBy(() -> NamesStores.open("jdbc:postgresql://127.0.0.1:1/names?user=u&password=secret-pw", Map.of()))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("secret-pw").doesNotContain("\n");
                });
    }
}
