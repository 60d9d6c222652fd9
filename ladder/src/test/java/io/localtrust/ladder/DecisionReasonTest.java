package io.localtrust.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A reason's message is one line: runs of \s as one space, trimmed — as the regular expression would do it. */
class DecisionReasonTest {
    @Test
    void messagesAreOneLineAsTheRegularExpressionWouldMakeThem() {
        Random random = new Random(6);
        char[] alphabet = {'a', 'Z', ' ', '\t', '\n', '\u000B', '\f', '\r', ':', '\u00A0', '\u001F', '!'};
        for (int n = 0; n < 20_000; n++) {
            char[] s = new char[random.nextInt(14)];
            for (int i = 0; i < s.length; i++) {
                s[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String m = new String(s);
            String expected = m.replaceAll("\\s+", " ").trim();
            assertThat(new DecisionReason("X", m).message()).as("%s", m.chars().boxed().toList()).isEqualTo(expected);
        }
    }
}
