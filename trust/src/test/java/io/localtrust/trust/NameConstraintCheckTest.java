package io.localtrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/** The per-type subtree matching of RFC 5280 §4.2.1.10. */
class NameConstraintCheckTest {

    @Test
    void dnsSubtreesCoverTheNameAndItsSubdomainsOnly() {
        assertThat(NameConstraintCheck.dnsMatches("home.arpa", "home.arpa", false)).isTrue();
        assertThat(NameConstraintCheck.dnsMatches("home.arpa", "printer.home.arpa", false)).isTrue();
        assertThat(NameConstraintCheck.dnsMatches("home.arpa", "evilhome.arpa", false)).isFalse();
        assertThat(NameConstraintCheck.dnsMatches(".home.arpa", "home.arpa", false)).isFalse();
        assertThat(NameConstraintCheck.dnsMatches(".home.arpa", "a.home.arpa", false)).isTrue();
        assertThat(NameConstraintCheck.dnsMatches("", "anything.example", false)).isTrue();
    }

    @Test
    void aWildcardMayFallIntoAnExcludedSubtree() {
        assertThat(NameConstraintCheck.dnsMatches("bank.example", "*.example", true)).isTrue();
        assertThat(NameConstraintCheck.dnsMatches("bank.example", "*.example", false)).isFalse();
    }

    @Test
    void ipSubtreesCompareUnderTheMask() {
        byte[] rfc1918 = {(byte) 192, (byte) 168, 0, 0, (byte) 255, (byte) 255, 0, 0};
        assertThat(NameConstraintCheck.ipMatches(rfc1918, new byte[] {(byte) 192, (byte) 168, 7, 9})).isTrue();
        assertThat(NameConstraintCheck.ipMatches(rfc1918, new byte[] {8, 8, 8, 8})).isFalse();
        assertThat(NameConstraintCheck.ipMatches(rfc1918, new byte[16])).isFalse();
    }

    @Test
    void directoryNamesMatchByRdnPrefix() {
        assertThat(NameConstraintCheck.dnMatches(new X500Name("C=US,O=Acme"), new X500Name("C=US,O=acme,CN=x"))).isTrue();
        assertThat(NameConstraintCheck.dnMatches(new X500Name("C=US,O=Acme"), new X500Name("C=US,O=Other,CN=x"))).isFalse();
    }

    @Test
    void emailAndUriSubtrees() throws Exception {
        assertThat(NameConstraintCheck.emailMatches("example.com", "a@EXAMPLE.com")).isTrue();
        assertThat(NameConstraintCheck.emailMatches(".example.com", "a@example.com")).isFalse();
        assertThat(NameConstraintCheck.emailMatches("a@example.com", "b@example.com")).isFalse();
        assertThat(NameConstraintCheck.uriMatches("home.arpa", "https://home.arpa/x")).isTrue();
        assertThat(NameConstraintCheck.uriMatches(".home.arpa", "https://nas.home.arpa/")).isTrue();
        assertThatThrownBy(() -> NameConstraintCheck.uriMatches("home.arpa", "urn:uuid:1234"))
                .hasMessageContaining("has no host");
    }
}
