package io.localtrust.locality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PublicNames}: the CA/B Forum "Internal Name" test against the public TLD list. */
class PublicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "foo.co.uk", "x.arpa", "EXAMPLE.COM.", "*.example.com", "com",
        "printer.home.arpa", "a.b.example.org", "device.example.net", "xn--80ak6aa92e.xn--p1ai"})
    void hasPublicTld(String name) {
        assertThat(PublicNames.hasPublicTld(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"printer.lan", "a.corp", "printer", "nas.local", "x.home", "router.localdomain",
        "", ".", "*.lan", "bad_label.invalid-tld-", "a..b"})
    void hasNoPublicTld(String name) {
        assertThat(PublicNames.hasPublicTld(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"printer.home.arpa", "nas.local", "x.internal", "localhost", "printer.lan", "printer",
        "home.arpa", "HOST.HOME.ARPA.", "a.corp"})
    void internalNames(String name) {
        assertThat(PublicNames.isInternal(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "foo.co.uk", "x.arpa", "evilhome.arpa", "home.arpa.example.com",
        "localhost.example.com"})
    void publicNames(String name) {
        assertThat(PublicNames.isInternal(name)).isFalse();
    }
}
