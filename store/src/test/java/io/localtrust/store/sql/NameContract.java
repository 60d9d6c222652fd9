package io.localtrust.store.sql;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.devId;
import static io.localtrust.store.sql.Samples.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

/** The local zone's name bindings: every backend behaves like this. */
interface NameContract extends StoreFixture {

    @Test
    default void aBoundNameIsFoundInAnyCaseAndSurvivesReopening() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().bind("Printer.Home.Arpa.", "192.168.1.20", devId(1), at(5));

        NameBinding expected = new NameBinding("printer.home.arpa", "192.168.1.20", devId(1), at(5));
        assertThat(store().binding("PRINTER.home.arpa")).contains(expected);
        assertThat(store().binding("nas.home.arpa")).isEmpty();
        try (GatewayStore other = second()) {
            assertThat(other.bindings()).containsExactly(expected);
        }
    }

    @Test
    default void rebindingMovesTheNameAndGrowsTheRevisionOnlyWhenSomethingChanges() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "printer.home.arpa");
        store().bind("printer.home.arpa", "192.168.1.20", devId(1), at(5));
        long before = store().revision();

        store().bind("printer.home.arpa", "192.168.1.20", devId(1), at(6));
        assertThat(store().revision()).isEqualTo(before);

        store().bind("printer.home.arpa", "fd00::7", devId(2), at(7));
        assertThat(store().revision()).isGreaterThan(before);
        assertThat(store().bindings()).containsExactly(new NameBinding("printer.home.arpa", "fd00::7", devId(2), at(7)));
    }

    @Test
    default void aNameCannotBeBoundToAnUnknownDevice() throws Exception {
        assertThatThrownBy(() -> store().bind("printer.home.arpa", "192.168.1.20", devId(9), at(5)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(store().bindings()).isEmpty();
    }
}
