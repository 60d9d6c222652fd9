package io.localtrust.store.sql;

import static io.localtrust.store.sql.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.store.AcmeStore.AccountStatus;
import io.localtrust.store.AcmeStore.AcmeAccount;
import io.localtrust.store.AcmeStore.AcmeObject;
import io.localtrust.store.AcmeStore.ObjectKind;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ACME accounts and documents: every backend behaves like this. */
interface AcmeContract extends StoreFixture {

    private static AcmeAccount account(String id, String thumbprint) {
        return new AcmeAccount(id, thumbprint, "{\"kty\":\"EC\",\"x\":\"" + id + "\"}", AccountStatus.VALID,
                List.of("mailto:owner@home.arpa"), at(0), 1);
    }

    private static AcmeObject order(String id, String account, int created) {
        return new AcmeObject(ObjectKind.ORDER, id, account, "{\"status\":\"pending\"}", at(created), at(created + 3600), 1);
    }

    @Test
    default void accountsAreFoundByIdAndByKeyAndSurviveReopening() throws Exception {
        store().addAccount(account("acct1", "tp1"));

        assertThat(store().account("acct1")).contains(account("acct1", "tp1"));
        assertThat(store().accountByThumbprint("tp1")).contains(account("acct1", "tp1"));
        assertThat(store().account("nope")).isEmpty();
        try (GatewayStore other = second()) {
            assertThat(other.accountByThumbprint("tp1")).contains(account("acct1", "tp1"));
        }
    }

    @Test
    default void aKeyOrIdCanBelongToOneAccountOnly() throws Exception {
        store().addAccount(account("acct1", "tp1"));

        assertThatThrownBy(() -> store().addAccount(account("acct2", "tp1")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThatThrownBy(() -> store().addAccount(account("acct1", "tp2")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThat(store().accountByThumbprint("tp2")).isEmpty();
    }

    @Test
    default void accountChangesAreCompareAndSet() throws Exception {
        AcmeAccount a = account("acct1", "tp1");
        store().addAccount(a);
        store().addAccount(account("acct2", "tp2"));

        AcmeAccount rolled = a.next("tp3", "{\"kty\":\"EC\",\"x\":\"new\"}", AccountStatus.VALID, List.of());
        assertThat(store().updateAccount(rolled)).isTrue();
        assertThat(store().updateAccount(rolled)).as("a stale version").isFalse();
        assertThat(store().accountByThumbprint("tp3")).contains(rolled);
        assertThat(store().accountByThumbprint("tp1")).isEmpty();

        AcmeAccount stealing = rolled.next("tp2", "{}", AccountStatus.VALID, List.of());
        assertThatThrownBy(() -> store().updateAccount(stealing))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThatThrownBy(() -> store().updateAccount(account("ghost", "tp9").next("tp9", "{}", AccountStatus.VALID, List.of())))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(store().account("acct1")).contains(rolled);
    }

    @Test
    default void objectsAreStoredTogetherAndChangedByCompareAndSet() throws Exception {
        store().addAccount(account("acct1", "tp1"));
        AcmeObject o = order("o1", "acct1", 10);
        AcmeObject authz = new AcmeObject(ObjectKind.AUTHZ, "o1", "acct1", "{\"status\":\"pending\"}", at(10), at(3610), 1);
        store().addObjects(List.of(o, authz));

        assertThat(store().object(ObjectKind.ORDER, "o1")).contains(o);
        assertThat(store().object(ObjectKind.AUTHZ, "o1")).contains(authz);
        AcmeObject ready = o.next("{\"status\":\"ready\"}");
        assertThat(store().updateObject(ready)).isTrue();
        assertThat(store().updateObject(o.next("{\"status\":\"invalid\"}"))).as("a racing writer").isFalse();
        assertThat(store().object(ObjectKind.ORDER, "o1")).contains(ready);
        assertThatThrownBy(() -> store().updateObject(order("o9", "acct1", 1).next("{}")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    default void aBatchWithAProblemStoresNothing() throws Exception {
        store().addAccount(account("acct1", "tp1"));
        store().addObjects(List.of(order("o1", "acct1", 10)));

        assertThatThrownBy(() -> store().addObjects(List.of(order("o2", "acct1", 11), order("o1", "acct1", 12))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
        assertThatThrownBy(() -> store().addObjects(List.of(order("o3", "nobody", 11))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(store().object(ObjectKind.ORDER, "o2")).isEmpty();
        assertThat(store().object(ObjectKind.ORDER, "o3")).isEmpty();
    }

    @Test
    default void anAccountsObjectsArePagedOldestFirstAndExpiredOnesDeleted() throws Exception {
        store().addAccount(account("acct1", "tp1"));
        store().addAccount(account("acct2", "tp2"));
        store().addObjects(List.of(order("o2", "acct1", 20), order("o1", "acct1", 10), order("o3", "acct2", 5)));

        assertThat(store().objectsOf("acct1", ObjectKind.ORDER, 0, 10)).extracting(AcmeObject::id).containsExactly("o1", "o2");
        assertThat(store().objectsOf("acct1", ObjectKind.ORDER, 1, 10)).extracting(AcmeObject::id).containsExactly("o2");
        assertThat(store().objectsOf("acct1", ObjectKind.AUTHZ, 0, 10)).isEmpty();
        assertThat(store().deleteExpired(at(3611))).isEqualTo(2); // o1 (3610) and o3 (3605)
        assertThat(store().objectsOf("acct1", ObjectKind.ORDER, 0, 10)).extracting(AcmeObject::id).containsExactly("o2");
        assertThat(store().deleteExpired(at(3611))).isZero();
    }

    @Test
    default void pagesByKeysetFollowTimeThenIdAndSkipNothingWhenEarlierOnesExpire() throws Exception {
        store().addAccount(account("acct1", "tp1"));
        store().addAccount(account("acct2", "tp2"));
        store().addObjects(List.of(order("b", "acct1", 10), order("a", "acct1", 10), order("c", "acct1", 10),
                order("d", "acct1", 5), order("e", "acct1", 20), order("z", "acct2", 10)));

        assertThat(store().objectsAfter("acct1", ObjectKind.ORDER, at(5), "d", 2)).extracting(AcmeObject::id)
                .containsExactly("a", "b");
        assertThat(store().objectsAfter("acct1", ObjectKind.ORDER, at(10), "b", 2)).extracting(AcmeObject::id)
                .containsExactly("c", "e");
        assertThat(store().objectsAfter("acct1", ObjectKind.ORDER, at(20), "e", 2)).isEmpty();
        assertThat(store().deleteExpired(at(3606))).isEqualTo(1); // d: the page after b still starts at c
        assertThat(store().objectsAfter("acct1", ObjectKind.ORDER, at(10), "b", 10)).extracting(AcmeObject::id)
                .containsExactly("c", "e");
    }
}
