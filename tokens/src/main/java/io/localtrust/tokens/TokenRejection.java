package io.localtrust.tokens;

/** Thrown inside verification only, and turned into a {@link TokenVerification.Rejected} at its one boundary. */
final class TokenRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final TokenFailure failure;

    TokenRejection(TokenFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    TokenFailure failure() {
        return failure;
    }

    TokenVerification.Rejected toResult() {
        return new TokenVerification.Rejected(failure, getMessage());
    }
}
