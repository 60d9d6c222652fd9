package io.localtrust.store.sql;

import io.localtrust.store.ApprovalState;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.KeyAndNames;
import io.localtrust.store.NameStore.Claim;
import io.localtrust.store.NameStore.NameBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.cert;
import static io.localtrust.store.sql.Samples.devId;
import static io.localtrust.store.sql.Samples.register;
import static io.localtrust.store.sql.Samples.spki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code deviceByKey} and {@code binding} answer from memory ({@link DeviceReads}) but never stale:
 * each read sees every write committed before it, by this store object or by another one on the same
 * database (the CLI beside a running gateway), and a certificate stored in between changes nothing.
 */
interface DeviceReadsContract extends StoreFixture {

    @Test
    default void aCachedDeviceSeesItsOwnStoresChangesAtOnce() throws Exception {
        register(store(), 1, "printer.home.arpa");
        assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(store().deviceByKey(spki(2))).isEmpty();

        store().setState(devId(1), ApprovalState.APPROVED, at(5));
        register(store(), 2, "nas.home.arpa");
        store().register(devId(1), spki(1), List.of("printer.home.arpa", "192.168.1.20"), at(6));

        assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(store().deviceByKey(spki(1)).orElseThrow().identities()).containsExactly("printer.home.arpa", "192.168.1.20");
        assertThat(store().deviceByKey(spki(2))).isPresent();
    }

    @Test
    default void aCachedDeviceSeesAnotherStoresChangeAtOnce() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().setState(devId(1), ApprovalState.APPROVED, at(5));
        assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(store().deviceByKey(spki(2))).isEmpty();

        try (GatewayStore cli = second()) {
            cli.setState(devId(1), ApprovalState.DENIED, at(6), "cli", "denied from the shell");
            register(cli, 2, "nas.home.arpa");
        }

        assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
        assertThat(store().deviceByKey(spki(2))).isPresent();
    }

    @Test
    default void anIssuanceKeepsTheCacheAndAnotherStoresChangeInBetweenStillShows() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().setState(devId(1), ApprovalState.APPROVED, at(5));
        assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);

        store().recordIssuance(cert(1, 1), "acme"); // changes no device: the entry stays valid
        try (GatewayStore cli = second()) {
            cli.setState(devId(1), ApprovalState.DENIED, at(6), "cli", "denied from the shell");
        }
        store().recordIssuance(cert(2, 1), "acme"); // this store's revision count moves on past the other's write

        assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
    }

    @Test
    default void aCachedBindingSeesClaimsReleasesAndAnotherStoresBinding() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "printer.home.arpa");
        assertThat(store().binding("printer.home.arpa")).isEmpty();

        Claim c = store().claim(List.of("printer.home.arpa"), "192.168.1.20", devId(1), at(5), at(65), (cert, name) -> false);
        assertThat(store().binding("printer.home.arpa").orElseThrow().devId()).isEqualTo(devId(1));

        store().release(((Claim.Taken) c).claim());
        assertThat(store().binding("printer.home.arpa")).isEmpty();

        try (GatewayStore other = second()) {
            other.bind("printer.home.arpa", "192.168.1.21", devId(2), at(7));
        }
        assertThat(store().binding("printer.home.arpa"))
                .contains(new NameBinding("printer.home.arpa", "192.168.1.21", devId(2), at(7)));
    }

    @Test
    default void aDeviceReadAgainAfterIssuancesIsNotReadFromTheDatabase() throws Exception {
        register(store(), 1, "printer.home.arpa");
        store().setState(devId(1), ApprovalState.APPROVED, at(5));
        DeviceReads reads = ((SqlGatewayStore) store()).database().deviceReads();
        store().deviceByKey(spki(1));
        store().binding("printer.home.arpa");
        long loads = reads.loads();

        for (int i = 1; i <= 3; i++) {
            store().recordIssuances(List.of(cert(2 * i, 1), cert(2 * i + 1, 1)), "acme");
            store().append(at(10 + i), "acme", "note", devId(1), "an audit entry changes no device");
            assertThat(store().deviceByKey(spki(1)).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
            assertThat(store().binding("printer.home.arpa")).isEmpty();
        }

        assertThat(reads.loads()).isEqualTo(loads);
    }

    @Test
    default void keyAndNamesReadsTheKeysDeviceAndEveryNameWithOneRevisionCheck() throws Exception {
        register(store(), 1, "printer.home.arpa", "192.168.1.20");
        store().setState(devId(1), ApprovalState.APPROVED, at(5));
        store().bind("printer.home.arpa", "192.168.1.20", devId(1), at(6));
        Database db = ((SqlGatewayStore) store()).database();
        long before = db.revisionProbe().statements();

        KeyAndNames seen = store().keyAndNames(spki(1), List.of("printer.home.arpa", "scanner.home.arpa"));

        assertThat(db.revisionProbe().statements() - before).as("one revision read for the key and both names").isEqualTo(1);
        assertThat(seen.device()).isEqualTo(store().deviceByKey(spki(1)));
        assertThat(seen.binding("printer.home.arpa")).isEqualTo(store().binding("printer.home.arpa"))
                .map(NameBinding::devId).contains(devId(1));
        assertThat(seen.binding("scanner.home.arpa")).isEmpty();
        assertThat(store().keyAndNames(spki(2), List.of()).device()).isEmpty();

        // and it is never stale: another store's change shows at the next read
        try (GatewayStore cli = second()) {
            cli.setState(devId(1), ApprovalState.DENIED, at(7), "cli", "denied from the shell");
            cli.bind("scanner.home.arpa", "192.168.1.30", devId(1), at(7));
        }
        KeyAndNames again = store().keyAndNames(spki(1), List.of("scanner.home.arpa"));
        assertThat(again.device().orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
        assertThat(again.binding("scanner.home.arpa")).isPresent();
        assertThatThrownBy(() -> again.binding("printer.home.arpa"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
