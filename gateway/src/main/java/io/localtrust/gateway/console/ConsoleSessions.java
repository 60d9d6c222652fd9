package io.localtrust.gateway.console;

import io.localtrust.login.LoginGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is signed in to the console. Logins and sessions are {@link LoginGuard}'s (the device
 * agent's: Argon2id, 5 wrong passwords per address and 20 overall per 15 minutes, 256-bit session
 * tokens kept as hashes, 8 hours). The password hash is re-read from {@link ConsolePassword} at
 * each sign-in; when it changed ({@code gateway console-password}), a new guard replaces the old
 * one and every session ends.
 *
 * <p>CSRF: every form carries a token that is HMAC-SHA-256 of the session token under a key made
 * at start ({@link #csrfToken}); a state change is accepted only with the session cookie
 * <em>and</em> that token ({@link #checkCsrf}). Another site can make the browser send the
 * cookie (it is SameSite=Strict, so modern browsers will not) but cannot read the page to learn
 * the token.
 */
final class ConsoleSessions {
    /** The session cookie: {@code __Host-} so it is Secure, host-only and Path=/ (RFC 6265bis §4.1.3.2). */
    static final String COOKIE = "__Host-localtrust-console";

    /** How a sign-in ended. */
    enum Outcome { OK, WRONG, TOO_MANY, NOT_SET }

    /** A sign-in's result: the session token on success, the wait when refused. */
    record Attempt(Outcome outcome, Optional<String> token, Duration retryAfter) {
    }

    private final Path dir;
    private final Clock clock;
    private final SecureRandom random;
    private final byte[] csrfKey = new byte[32];
    private final Map<String, String> flashes = new ConcurrentHashMap<>();
    private volatile String hash = "";
    private volatile LoginGuard guard;

    ConsoleSessions(Path gatewayDir, Clock clock, SecureRandom random) {
        this.dir = gatewayDir;
        this.clock = clock;
        this.random = random;
        random.nextBytes(csrfKey);
        this.guard = new LoginGuard("", clock, random);
    }

    /**
     * The guard for the stored password. A new password (or none) makes a fresh guard, so every
     * old session ends at once; the failure counts start afresh too — the owner who reset the
     * password is at the shell, not guessing. One read of a one-line file per console request.
     */
    private synchronized LoginGuard current() throws IOException {
        String stored = ConsolePassword.read(dir).orElse("");
        if (!stored.equals(hash)) {
            hash = stored;
            guard = new LoginGuard(hash, clock, random);
            flashes.clear();
        }
        return guard;
    }

    /** Checks the password, rate-limited per address and overall. */
    Attempt login(InetAddress from, char[] password) throws IOException {
        LoginGuard g = current();
        if (hash.isEmpty()) {
            return new Attempt(Outcome.NOT_SET, Optional.empty(), Duration.ZERO);
        }
        LoginGuard.Attempt a = g.login(from, password);
        return switch (a.outcome()) {
            case OK -> new Attempt(Outcome.OK, a.token(), Duration.ZERO);
            case WRONG -> new Attempt(Outcome.WRONG, Optional.empty(), Duration.ZERO);
            case TOO_MANY -> new Attempt(Outcome.TOO_MANY, Optional.empty(), a.retryAfter());
        };
    }

    /** Whether {@code token} is a live session under the current password; fails closed when the file cannot be read. */
    boolean valid(Optional<String> token) {
        try {
            return current().valid(token);
        } catch (IOException e) {
            return false;
        }
    }

    void logout(Optional<String> token) {
        guard.logout(token);
        token.ifPresent(t -> flashes.remove(csrfToken(t)));
    }

    /** The CSRF token for the session {@code token} (the hidden field of every form). */
    String csrfToken(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code offered} is the CSRF token of a valid session {@code token}; constant time. */
    boolean checkCsrf(Optional<String> token, Optional<String> offered) {
        if (token.isEmpty() || offered.isEmpty() || !valid(token)) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(token.get()).getBytes(StandardCharsets.US_ASCII),
                offered.get().getBytes(StandardCharsets.US_ASCII));
    }

    /** A one-line message to show on the next page this session sees (after a redirect). */
    void flash(String token, String message) {
        flashes.put(csrfToken(token), message);
    }

    Optional<String> takeFlash(Optional<String> token) {
        return token.map(t -> flashes.remove(csrfToken(t)));
    }
}
