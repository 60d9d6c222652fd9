package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.NOW;
import static io.localtrust.authority.TestGateway.csr;
import static io.localtrust.authority.TestGateway.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.RevocationReason;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One name, one device: a name bound in the local zone stays its device's while that device's certificate is valid. */
class NameOwnershipTest {
    @TempDir
    static Path made;
    @TempDir
    Path tmp;
    Path dir;
    Gateway gateway;

    @org.junit.jupiter.api.BeforeAll
    static void ceremony() throws Exception {
        TestGateway.init(made.resolve("gw"));
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("gw");
        TestGateway.copy(made.resolve("gw"), dir);
        gateway = TestGateway.open(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    private static Issued issue(Gateway g, KeyPair key, String... names) throws IssuanceRefused {
        return g.authority().issue(new IssuanceRequest(csr(key, "ignored.example"), List.of(names), "test", true));
    }

    private Issued issueAndBind(KeyPair key, String name, String address) throws Exception {
        Issued issued = issue(gateway, key, name);
        gateway.store().bind(name, address, issued.devId(), NOW);
        return issued;
    }

    @Test
    void aBoundNameIsRefusedToAnotherDeviceUntilTheHoldersCertificateIsRevoked() throws Exception {
        Issued printer = issueAndBind(key(), "printer.home.arpa", "192.168.1.20");
        KeyPair intruder = key();

        assertThatThrownBy(() -> issue(gateway, intruder, "Printer.home.arpa"))
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> {
                    assertThat(e.refusal()).isEqualTo(Refusal.NAME_BOUND_TO_OTHER_DEVICE);
                    assertThat(e.getMessage()).isEqualTo("printer.home.arpa belongs to device " + printer.devId()
                            + "; revoke its certificate first");
                });
        assertThat(gateway.store().deviceByKey(io.localtrust.x509.Digests.sha256Hex(intruder.getPublic().getEncoded())))
                .as("a refused device is not even registered").isEmpty();

        gateway.store().revoke(printer.leaf().serial(), RevocationReason.SUPERSEDED, NOW, "test");
        assertThat(issue(gateway, intruder, "printer.home.arpa").leaf().dnsNames()).containsExactly("printer.home.arpa");
    }

    @Test
    void theHolderItselfRenewsAndOtherNamesStayFree() throws Exception {
        KeyPair printer = key();
        issueAndBind(printer, "printer.home.arpa", "192.168.1.20");

        assertThat(issue(gateway, printer, "printer.home.arpa").leaf().dnsNames()).containsExactly("printer.home.arpa");
        assertThat(issue(gateway, key(), "nas.home.arpa").leaf().dnsNames()).containsExactly("nas.home.arpa");
    }

    @Test
    void anExpiredCertificateFreesTheName() throws Exception {
        Issued printer = issueAndBind(key(), "printer.home.arpa", "192.168.1.20");
        gateway.close();
        Clock later = Clock.fixed(printer.leaf().notAfter(), ZoneOffset.UTC);
        gateway = Gateway.open(dir, CompromisedKeys.none(), later, TestGateway.RANDOM);

        assertThat(issue(gateway, key(), "printer.home.arpa").leaf().dnsNames()).containsExactly("printer.home.arpa");
    }

    private static IssuanceRequest at(KeyPair key, String name, String address) {
        return new IssuanceRequest(csr(key, "ignored.example"), List.of(name), "test", true, Optional.of(address));
    }

    @Test
    void devicesFinalizingOneFreeNameAtTheSameMomentGetOneCertificate() throws Exception {
        int devices = 12;
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            keys.add(key());
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            KeyPair k = keys.get(i);
            String address = "192.168.1." + (10 + i);
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    return gateway.authority().issue(at(k, "printer.home.arpa", address));
                } catch (IssuanceRefused e) {
                    return e.refusal();
                }
            }));
        }
        go.countDown();
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : outcomes) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        List<Issued> issued = results.stream().filter(Issued.class::isInstance).map(Issued.class::cast).toList();
        assertThat(issued).hasSize(1);
        assertThat(results).filteredOn(Refusal.class::isInstance).hasSize(devices - 1)
                .containsOnly(Refusal.NAME_BOUND_TO_OTHER_DEVICE);
        assertThat(gateway.store().certificates()).hasSize(1);
        assertThat(gateway.store().binding("printer.home.arpa").orElseThrow().devId()).isEqualTo(issued.get(0).devId());
    }

    @Test
    void namesClaimedForAnIssuanceThatFailsAreReleased() throws Exception {
        Issued printer = gateway.authority().issue(at(key(), "printer.home.arpa", "192.168.1.20"));
        gateway.store().revoke(printer.leaf().serial(), RevocationReason.SUPERSEDED, NOW, "test");
        var before = gateway.store().binding("printer.home.arpa").orElseThrow();
        gateway.authority().close(); // the store stays open, but nothing more can be committed

        for (String name : List.of("printer.home.arpa", "cam.home.arpa")) {
            assertThatThrownBy(() -> gateway.authority().issue(at(key(), name, "192.168.1.30")))
                    .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.STORE_FAILED));
        }
        assertThat(gateway.store().binding("printer.home.arpa")).as("the earlier binding is back").contains(before);
        assertThat(gateway.store().binding("cam.home.arpa")).as("a new name is unbound again").isEmpty();
        assertThat(gateway.store().certificates()).hasSize(1);
    }

    @Test
    void anIssuanceWithAnAddressBindsItsNamesThere() throws Exception {
        Issued nas = gateway.authority().issue(new IssuanceRequest(csr(key(), "x"), List.of("nas.home.arpa", "192.168.1.40"),
                "test", true, Optional.of("192.168.1.40")));

        assertThat(gateway.store().bindings()).extracting(b -> b.name() + " " + b.address() + " " + b.devId())
                .containsExactly("nas.home.arpa 192.168.1.40 " + nas.devId());
        assertThatThrownBy(() -> gateway.authority().issue(at(key(), "tv.home.arpa", "tv.home.arpa")))
                .isInstanceOfSatisfying(IssuanceRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.BAD_IDENTITY));
    }
}
