package io.localtrust.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginGuardTest {
    private static final String HASH = PasswordHash.hash("correct horse battery".toCharArray(), new SecureRandom());

    @Test
    void argon2idHashVerifiesOnlyThePassword() {
        assertThat(HASH).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), HASH)).isTrue();
        assertThat(PasswordHash.verify("correct horse batterY".toCharArray(), HASH)).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "$argon2id$garbage")).isFalse();
    }

    @Test
    void fiveWrongPasswordsFromOneAddressLockItOutForTheWindowButNotOthers() throws Exception {
        Instant[] now = {Instant.parse("2026-03-01T12:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LoginGuard g = new LoginGuard(HASH, clock, new SecureRandom());
        InetAddress a = InetAddress.getByName("127.0.42.1");
        for (int i = 0; i < LoginGuard.ATTEMPTS; i++) {
            assertThat(g.login(a, "wrong".toCharArray()).outcome()).isEqualTo(LoginGuard.Outcome.WRONG);
        }
        LoginGuard.Attempt locked = g.login(a, "correct horse battery".toCharArray());
        assertThat(locked.outcome()).isEqualTo(LoginGuard.Outcome.TOO_MANY);
        assertThat(locked.retryAfter()).isPositive();
        LoginGuard.Attempt other = g.login(InetAddress.getByName("127.0.42.2"), "correct horse battery".toCharArray());
        assertThat(other.outcome()).isEqualTo(LoginGuard.Outcome.OK);
        assertThat(g.valid(other.token())).isTrue();
        g.logout(other.token());
        assertThat(g.valid(other.token())).isFalse();
        assertThat(g.valid(Optional.of("made-up"))).isFalse();
        now[0] = now[0].plus(LoginGuard.WINDOW);
        assertThat(g.login(a, "correct horse battery".toCharArray()).outcome()).isEqualTo(LoginGuard.Outcome.OK);
    }
}
