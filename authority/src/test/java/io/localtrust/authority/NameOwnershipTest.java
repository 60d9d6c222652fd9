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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One name, one device: a name bound in the local zone stays its device's while that device's certificate is valid. */
class NameOwnershipTest {
    @TempDir
    Path tmp;
    Path dir;
    Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("gw");
        TestGateway.init(dir);
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
}
