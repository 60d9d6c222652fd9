package io.localtrust.store.sql;

import static io.localtrust.store.sql.Samples.at;
import static io.localtrust.store.sql.Samples.devId;
import static io.localtrust.store.sql.Samples.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.NameStore.Certifies;
import io.localtrust.store.NameStore.Claim;
import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.NameStore.NameClaim;
import io.localtrust.store.RevocationReason;
import java.util.List;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.Test;

/** The local zone's name bindings: every backend behaves like this. */
interface NameContract extends StoreFixture {
    /** A certificate check for claims where no certificate is live. */
    Certifies NOBODY = (certificate, name) -> false;


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

    private static NameClaim taken(Claim c) {
        assertThat(c).isInstanceOf(Claim.Taken.class);
        return ((Claim.Taken) c).claim();
    }

    @Test
    default void aFreeNameIsClaimedBoundAtOnceAndSettled() throws Exception {
        register(store(), 1, "printer.home.arpa");
        NameClaim claim = taken(store().claim(List.of("Printer.home.arpa", "printer.home.arpa."), "192.168.1.20", devId(1),
                at(5), at(65), NOBODY));

        assertThat(claim.names()).containsExactly("printer.home.arpa");
        assertThat(store().binding("printer.home.arpa")).contains(new NameBinding("printer.home.arpa", "192.168.1.20",
                devId(1), at(5)));
        store().settle(claim);
        long settled = store().revision();
        store().settle(claim);
        assertThat(store().revision()).as("settling twice writes nothing").isEqualTo(settled);
        register(store(), 2, "printer.home.arpa");
        assertThat(store().claim(List.of("printer.home.arpa"), "192.168.1.21", devId(2), at(6), at(66), NOBODY))
                .as("settled, and no certificate of device 1 names it: free").isInstanceOf(Claim.Taken.class);
    }

    @Test
    default void aClaimInFlightHoldsTheNameForItsDeviceUntilItLapses() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "printer.home.arpa");
        taken(store().claim(List.of("printer.home.arpa"), "192.168.1.20", devId(1), at(5), at(65), NOBODY));

        assertThat(store().claim(List.of("printer.home.arpa"), "192.168.1.21", devId(2), at(10), at(70), NOBODY))
                .isEqualTo(new Claim.Held(new NameBinding("printer.home.arpa", "192.168.1.20", devId(1), at(5)), true));
        assertThat(store().claim(List.of("printer.home.arpa"), "192.168.1.20", devId(1), at(11), at(71), NOBODY))
                .as("its own device claims it again").isInstanceOf(Claim.Taken.class);
        assertThat(store().claim(List.of("printer.home.arpa"), "192.168.1.21", devId(2), at(72), at(132), NOBODY))
                .as("lapsed: a crashed issuance does not hold a name for ever").isInstanceOf(Claim.Taken.class);
    }

    @Test
    default void aNameIsHeldWhileItsDeviceHasALiveCertificateCertifyingIt() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "printer.home.arpa");
        store().settle(taken(store().claim(List.of("printer.home.arpa"), "192.168.1.20", devId(1), at(5), at(65), NOBODY)));
        store().recordIssuance(Samples.cert(1, 1), "test");

        Claim.Held held = (Claim.Held) store().claim(List.of("printer.home.arpa"), "192.168.1.21", devId(2), at(200), at(260),
                (c, name) -> c.devId().equals(devId(1)) && name.equals("printer.home.arpa"));
        assertThat(held.holder().devId()).isEqualTo(devId(1));
        assertThat(held.inFlight()).isFalse();
        store().revoke(Samples.serial(1), RevocationReason.SUPERSEDED, at(300), "test");
        assertThat(store().claim(List.of("printer.home.arpa"), "192.168.1.21", devId(2), at(301), at(361), (c, name) -> true))
                .as("its only certificate is revoked").isInstanceOf(Claim.Taken.class);
    }

    @Test
    default void aClaimIsAllOrNothingAndAReleasePutsTheEarlierBindingsBack() throws Exception {
        register(store(), 1, "printer.home.arpa");
        register(store(), 2, "nas.home.arpa", "printer.home.arpa");
        store().bind("printer.home.arpa", "192.168.1.20", devId(1), at(1));
        taken(store().claim(List.of("cam.home.arpa"), "192.168.1.30", devId(1), at(2), at(62), NOBODY));
        long revision = store().revision();

        assertThat(store().claim(List.of("nas.home.arpa", "cam.home.arpa"), "192.168.1.21", devId(2), at(3), at(63), NOBODY))
                .isInstanceOf(Claim.Held.class);
        assertThat(store().binding("nas.home.arpa")).as("nothing of a refused claim is kept").isEmpty();
        assertThat(store().revision()).isEqualTo(revision);

        NameClaim moving = taken(store().claim(List.of("printer.home.arpa", "nas.home.arpa"), "192.168.1.40", devId(1), at(4),
                at(64), NOBODY));
        store().release(moving);
        assertThat(store().bindings()).containsExactly(new NameBinding("cam.home.arpa", "192.168.1.30", devId(1), at(2)),
                new NameBinding("printer.home.arpa", "192.168.1.20", devId(1), at(1)));
        NameClaim stolen = taken(store().claim(List.of("printer.home.arpa"), "192.168.1.21", devId(2), at(5), at(65), NOBODY));
        store().release(stolen);
        assertThat(store().binding("printer.home.arpa")).contains(new NameBinding("printer.home.arpa", "192.168.1.20", devId(1),
                at(1)));
        assertThatThrownBy(() -> store().claim(List.of("x.home.arpa"), "192.168.1.9", devId(9), at(6), at(66), NOBODY))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    default void manyDevicesClaimingOneFreeNameAtOnceOneWins() throws Exception {
        int devices = 12;
        for (int i = 1; i <= devices; i++) {
            register(store(), i, "printer.home.arpa");
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(devices);
        List<java.util.concurrent.Future<Claim>> claims = new java.util.ArrayList<>();
        try (GatewayStore other = second()) { // half of them through another process's view
            for (int i = 1; i <= devices; i++) {
                int n = i;
                GatewayStore via = n % 2 == 0 ? store() : other;
                claims.add(pool.submit(() -> {
                    go.await();
                    return via.claim(List.of("printer.home.arpa"), "192.168.1." + n, devId(n), at(10), at(70), NOBODY);
                }));
            }
            go.countDown();
            List<Claim> outcomes = new java.util.ArrayList<>();
            for (var f : claims) {
                outcomes.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            pool.shutdown();
            List<Claim> won = outcomes.stream().filter(c -> c instanceof Claim.Taken).toList();
            assertThat(won).hasSize(1);
            String winner = ((Claim.Taken) won.get(0)).claim().devId();
            assertThat(outcomes).filteredOn(c -> c instanceof Claim.Held).hasSize(devices - 1)
                    .allSatisfy(c -> assertThat(((Claim.Held) c).holder().devId()).isEqualTo(winner));
            assertThat(store().binding("printer.home.arpa").orElseThrow().devId()).isEqualTo(winner);
        }
    }
}
