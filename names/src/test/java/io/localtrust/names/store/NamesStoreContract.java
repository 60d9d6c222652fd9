package io.localtrust.names.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.locality.Cidr;
import io.localtrust.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NamesStore} backend must do; each backend's test class runs all of it. */
abstract class NamesStoreContract {
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    NamesStore store;

    /** A new, empty store. */
    abstract NamesStore newStore() throws Exception;

    /** A second store over the same database: another responder. */
    abstract NamesStore second() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Account account(String user, String sub, Optional<String> deviceKey) {
        return new Account(user, "$argon2id$hash-of-" + user, sub, List.of(Cidr.parse("192.168.0.0/16"), Cidr.parse("fd00::/8")),
                deviceKey, T0);
    }

    @Test
    void anAccountReadsBackAsWritten() throws Exception {
        store.register(account("u1", "sub1", Optional.of("thumb1")));
        Account a = store.account("u1").orElseThrow();
        assertThat(a.subdomain()).isEqualTo("sub1");
        assertThat(a.keyHash()).isEqualTo("$argon2id$hash-of-u1");
        assertThat(a.allowFrom()).extracting(Cidr::toString).containsExactly("192.168.0.0/16", "fd00::/8");
        assertThat(a.created()).isEqualTo(T0);
        assertThat(store.byDeviceKey("thumb1")).contains(a);
        assertThat(store.account("u2")).isEmpty();
        assertThat(store.byDeviceKey("thumb2")).isEmpty();
    }

    @Test
    void aTakenUsernameSubdomainOrDeviceKeyIsAConflictAndWritesNothing() throws Exception {
        store.register(account("u1", "sub1", Optional.of("thumb1")));
        long revision = store.revision();
        for (Account clash : List.of(account("u1", "sub2", Optional.empty()), account("u2", "sub1", Optional.empty()),
                account("u3", "sub3", Optional.of("thumb1")))) {
            assertThatThrownBy(() -> store.register(clash)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CONFLICT));
        }
        assertThat(store.revision()).isEqualTo(revision);
        assertThat(store.account("u2")).isEmpty();
        assertThat(store.account("u3")).isEmpty();
    }

    @Test
    void txtValuesRollTwoAtATimeAndCleanupRemovesOne() throws Exception {
        store.register(account("u1", "sub1", Optional.empty()));
        store.setTxt("sub1", "one", T0);
        store.setTxt("sub1", "two", T0);
        store.setTxt("sub1", "three", T0);
        assertThat(entry("sub1").txt()).containsExactly("two", "three");
        store.clearTxt("sub1", "two");
        assertThat(entry("sub1").txt()).containsExactly("three");
        store.clearTxt("sub1", "nothing");
        assertThat(entry("sub1").txt()).containsExactly("three");
        assertThatThrownBy(() -> store.setTxt("nobody", "x", T0)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NOT_FOUND));
    }

    @Test
    void changesSinceReturnsOnlyWhatChangedAfterTheRevision() throws Exception {
        store.register(account("u1", "sub1", Optional.empty()));
        store.register(account("u2", "sub2", Optional.empty()));
        NamesStore.Changes all = store.changesSince(0);
        assertThat(all.entries()).extracting(ZoneEntry::subdomain).containsExactlyInAnyOrder("sub1", "sub2");
        store.setAddress("sub2", "192.168.1.9", T0);
        NamesStore.Changes next = store.changesSince(all.revision());
        assertThat(next.revision()).isGreaterThan(all.revision());
        assertThat(next.entries()).singleElement().satisfies(e -> {
            assertThat(e.subdomain()).isEqualTo("sub2");
            assertThat(e.address()).contains("192.168.1.9");
        });
        assertThat(store.changesSince(next.revision()).entries()).isEmpty();
    }

    @Test
    void rotateReplacesTheKeyOfTheDeviceAndOnlyOfARegisteredOne() throws Exception {
        store.register(account("u1", "sub1", Optional.of("thumb1")));
        Account rotated = store.rotate("thumb1", "$argon2id$new", List.of());
        assertThat(rotated.keyHash()).isEqualTo("$argon2id$new");
        assertThat(rotated.allowFrom()).isEmpty();
        assertThat(store.account("u1").orElseThrow().keyHash()).isEqualTo("$argon2id$new");
        assertThatThrownBy(() -> store.rotate("thumb2", "x", List.of())).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NOT_FOUND));
    }

    @Test
    void aProofIdIsUsedOnceUntilItExpires() throws Exception {
        Instant expires = T0.plusSeconds(360);
        assertThat(store.useProof("jti-1", expires, T0)).isTrue();
        assertThat(store.useProof("jti-1", expires, T0.plusSeconds(10))).isFalse();
        assertThat(store.useProof("jti-2", expires, T0)).isTrue();
        // forgotten once expired (the proof's own age check refuses it by then)
        assertThat(store.useProof("jti-1", T0.plusSeconds(900), T0.plusSeconds(400))).isTrue();
    }

    @Test
    void anotherResponderOnTheSameDatabaseSeesEveryWrite() throws Exception {
        try (NamesStore other = second()) {
            long before = other.revision();
            store.register(account("u1", "sub1", Optional.empty()));
            store.setTxt("sub1", "v", T0);
            assertThat(other.revision()).isGreaterThan(before);
            assertThat(other.changesSince(before).entries()).singleElement().satisfies(e -> assertThat(e.txt()).containsExactly("v"));
            assertThat(other.useProof("jti-x", T0.plusSeconds(60), T0)).isTrue();
            assertThat(store.useProof("jti-x", T0.plusSeconds(60), T0)).isFalse();
            assertThat(other.localWrites()).isEqualTo(1);
            assertThat(store.localWrites()).isEqualTo(3); // a refused proof is still a write: its transaction purged the expired ids
        }
    }

    private ZoneEntry entry(String sub) throws Exception {
        return store.changesSince(0).entries().stream().filter(e -> e.subdomain().equals(sub)).findFirst().orElseThrow();
    }
}
