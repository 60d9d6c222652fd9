package io.localtrust.lint;

import static io.localtrust.lint.TestCerts.AT;
import static io.localtrust.lint.TestCerts.as;
import static io.localtrust.lint.TestCerts.maker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Expired} and {@link NotYetValid}: the two ends of the validity window, both inclusive. */
class ValidityWindowTest {
    private final Expired expired = new Expired();
    private final NotYetValid notYetValid = new NotYetValid();

    private static LintContext at(Instant when) {
        return new LintContext(when, CertRole.LEAF, false);
    }

    @Test
    void flagsExpiredLeafWithIsoDate() {
        var cert = maker().notBefore(Instant.parse("2025-01-01T00:00:00Z")).lifetime(Duration.ofDays(90)).make().cert();

        assertThat(expired.check(cert, at(AT))).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("EXPIRED");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).startsWith("expired on 2025-04-01T00:00:00Z (observed 2026-06-01T00:00:00Z)");
        });
    }

    @Test
    void flagsExpiredIntermediate() {
        var cert = maker().notBefore(Instant.parse("2020-01-01T00:00:00Z")).ca(0).make().cert();

        assertThat(expired.check(cert, as(CertRole.INTERMEDIATE))).hasSize(1);
    }

    @Test
    void lastSecondIsStillValid() {
        var cert = maker().make().cert();

        assertThat(expired.check(cert, at(cert.notAfter()))).isEmpty();
        assertThat(expired.check(cert, at(cert.notAfter().plusSeconds(1)))).hasSize(1);
    }

    @Test
    void flagsNotYetValidLeafWithIsoDate() {
        var cert = maker().notBefore(Instant.parse("2027-01-01T00:00:00Z")).make().cert();

        assertThat(notYetValid.check(cert, at(AT))).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("NOT_YET_VALID");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).startsWith("not valid until 2027-01-01T00:00:00Z (observed 2026-06-01T00:00:00Z)");
        });
    }

    @Test
    void firstSecondIsAlreadyValid() {
        var cert = maker().make().cert();

        assertThat(notYetValid.check(cert, at(cert.notBefore()))).isEmpty();
        assertThat(notYetValid.check(cert, at(cert.notBefore().minusSeconds(1)))).hasSize(1);
    }

    @Test
    void currentCertificatePassesBoth() {
        var cert = maker().make().cert();

        assertThat(expired.check(cert, at(AT))).isEmpty();
        assertThat(notYetValid.check(cert, at(AT))).isEmpty();
    }
}
