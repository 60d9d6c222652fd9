package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that an error message is fit for a user: one line, no exception or library class names. */
final class UserMessages {
    private UserMessages() {
    }

    static void assertUserMessage(Throwable e) {
        String m = e.getMessage();
        assertThat(m).as("message of %s", e.getClass().getSimpleName())
                .isNotBlank()
                .doesNotContain("\n", "\r", "\tat ", "org.bouncycastle", "java.", "Caused by")
                .doesNotContainPattern("[A-Za-z]*(Exception|Error)\\b");
    }
}
