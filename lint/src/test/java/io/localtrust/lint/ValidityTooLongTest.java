package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.as;
import static io.localtrust.lint.TestCerts.leaf;
import static io.localtrust.lint.TestCerts.maker;
import static io.localtrust.lint.TestCerts.publicLeaf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValidityTooLongTest {
    private final ValidityTooLong lint = new ValidityTooLong();

    @Test
    void passesExactly398DaysCountingBothEnds() {
        // notAfter − notBefore = 398 days − 1 s: with both ends inclusive that is exactly 398 days.
        var cert = maker().lifetime(Duration.ofDays(398).minusSeconds(1)).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, publicLeaf())).isEmpty();
    }

    @Test
    void flagsOneSecondOver398Days() {
        var cert = maker().lifetime(Duration.ofDays(398)).dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, publicLeaf())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("VALIDITY_TOO_LONG");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).isEqualTo("valid for 398 days and 1 second, more than the 398-day maximum");
        });
    }

    @Test
    void flagsTenYearLocalLeafAsLowAndNamesApplesLimit() {
        var cert = maker().lifetime(Duration.ofDays(3650)).dns("nas.home.arpa").make().cert();

        assertThat(lint.check(cert, leaf())).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.message()).contains("3650 days and 1 second").contains("Apple platforms reject it");
        });
    }

    @Test
    void ignoresLongLivedIntermediatesAndRoots() {
        var cert = maker().lifetime(Duration.ofDays(3650)).ca(0).make().cert();

        assertThat(lint.check(cert, as(CertRole.INTERMEDIATE))).isEmpty();
        assertThat(lint.check(cert, as(CertRole.ROOT))).isEmpty();
    }

    @Test
    void passesNinetyDayLeaf() {
        var cert = maker().dns("nas.example.com").make().cert();

        assertThat(lint.check(cert, publicLeaf())).isEmpty();
    }
}
