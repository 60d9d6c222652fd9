package io.localtrust.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.StoreLocks.HeldLock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Named locks shared by every user of the store: every backend behaves like this. */
interface LockContract extends StoreFixture {

    @Test
    default void aLockIsHeldOnceAcrossThreadsAndStoresUntilReleased() throws Exception {
        try (GatewayStore other = second()) { // another process's view of the same database
            Optional<HeldLock> mine = store().tryLock("acme-order:o1");
            assertThat(mine).isPresent();
            assertThat(CompletableFuture.supplyAsync(() -> tryLock(store(), "acme-order:o1")).get())
                    .as("another thread of this process").isEmpty();
            assertThat(other.tryLock("acme-order:o1")).as("another process").isEmpty();
            Optional<HeldLock> unrelated = other.tryLock("acme-order:o2");
            assertThat(unrelated).as("another name").isPresent();

            mine.get().close();
            mine.get().close(); // a second close does nothing
            Optional<HeldLock> theirs = other.tryLock("acme-order:o1");
            assertThat(theirs).as("released: the other process takes it").isPresent();
            assertThat(store().tryLock("acme-order:o1")).isEmpty();
            theirs.get().close();
            unrelated.get().close();
        }
        Optional<HeldLock> again = store().tryLock("acme-order:o1");
        assertThat(again).as("closing a store releases its locks").isPresent();
        again.get().close();
    }

    @Test
    default void closingAStoreReleasesTheLocksItHeld() throws Exception {
        GatewayStore other = second();
        assertThat(other.tryLock("acme-order:o1")).isPresent();
        assertThat(store().tryLock("acme-order:o1")).isEmpty();
        other.close(); // as a process that dies: its session or file lock ends
        Optional<HeldLock> mine = store().tryLock("acme-order:o1");
        assertThat(mine).isPresent();
        mine.get().close();
    }

    private static Optional<HeldLock> tryLock(GatewayStore store, String name) {
        try {
            return store.tryLock(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
