package io.localtrust.login;

import io.localtrust.x509.Digests;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin login: the password checked against its Argon2id hash, at most
 * {@value #ATTEMPTS} wrong passwords per {@link #WINDOW} from one address and
 * {@value #GLOBAL_ATTEMPTS} from all (then every attempt is refused until the window moves:
 * a 10-character password cannot be guessed at that rate), and sessions: 256 random bits in a
 * {@code Secure; HttpOnly; SameSite=Strict} cookie, kept here only as their SHA-256, ending after
 * {@link #SESSION} or at logout.
 */
public final class LoginGuard {
    public static final int ATTEMPTS = 5;
    public static final int GLOBAL_ATTEMPTS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration SESSION = Duration.ofHours(8);
    public static final String COOKIE = "__Host-localtrust-session";

    /** How a login attempt ended. */
    public enum Outcome { OK, WRONG, TOO_MANY }

    private final String passwordHash;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<InetAddress, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Deque<Instant> allFailures = new ArrayDeque<>();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    public LoginGuard(String passwordHash, Clock clock, SecureRandom random) {
        this.passwordHash = passwordHash;
        this.clock = clock;
        this.random = random;
    }

    /** Checks a password from {@code from}; on success a new session token (for the cookie). */
    public synchronized Attempt login(InetAddress from, char[] password) {
        Instant now = clock.instant();
        Deque<Instant> mine = failures.computeIfAbsent(from, a -> new ArrayDeque<>());
        prune(mine, now);
        prune(allFailures, now);
        if (mine.size() >= ATTEMPTS || allFailures.size() >= GLOBAL_ATTEMPTS) {
            Instant oldest = mine.size() >= ATTEMPTS ? mine.peekFirst() : allFailures.peekFirst();
            return new Attempt(Outcome.TOO_MANY, Optional.empty(), Duration.between(now, oldest.plus(WINDOW)));
        }
        if (!PasswordHash.verify(password, passwordHash)) {
            mine.addLast(now);
            allFailures.addLast(now);
            return new Attempt(Outcome.WRONG, Optional.empty(), Duration.ZERO);
        }
        byte[] t = new byte[32];
        random.nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        sessions.put(key(token), now.plus(SESSION));
        return new Attempt(Outcome.OK, Optional.of(token), Duration.ZERO);
    }

    /** The result of {@link #login}: the session token on success, the wait when refused. */
    public record Attempt(Outcome outcome, Optional<String> token, Duration retryAfter) {
    }

    public boolean valid(Optional<String> token) {
        if (token.isEmpty()) {
            return false;
        }
        Instant until = sessions.get(key(token.get()));
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            sessions.remove(key(token.get()));
            return false;
        }
        return true;
    }

    public void logout(Optional<String> token) {
        token.ifPresent(t -> sessions.remove(key(t)));
    }

    private static String key(String token) {
        return Digests.sha256Hex(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static void prune(Deque<Instant> q, Instant now) {
        while (!q.isEmpty() && !q.peekFirst().plus(WINDOW).isAfter(now)) {
            q.removeFirst();
        }
    }
}
