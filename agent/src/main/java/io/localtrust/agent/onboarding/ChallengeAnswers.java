package io.localtrust.agent.onboarding;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The http-01 answers (RFC 8555 §8.3) the device's own HTTP port serves at
 * {@code /.well-known/acme-challenge/TOKEN} while the gateway validates — at enrolment and at
 * every renewal.
 */
public final class ChallengeAnswers {
    public static final String PREFIX = "/.well-known/acme-challenge/";
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    public void answer(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    public void forget(String token) {
        answers.remove(token);
    }

    /** The key authorization for a request path, if it is a challenge this device answers now. */
    public Optional<String> forPath(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(answers.get(path.substring(PREFIX.length())));
    }
}
