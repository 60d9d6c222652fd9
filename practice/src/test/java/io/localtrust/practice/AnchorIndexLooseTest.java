package io.localtrust.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link AnchorIndex#loose} without a regular expression: the same as lower-casing and \s+ → " ". */
class AnchorIndexLooseTest {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static String byRegex(String dn) {
        return SPACES.matcher(dn.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    @Test
    void agreesWithTheRegularExpression() {
        for (String dn : List.of("", " ", "  ", "\t", "CN=Gateway Root,O=Home", "CN=a  b", "CN=a \tb", "CN=a\tb",
                "CN=a\t\t b", " CN=x ", "CN=x  ", "\r\nCN=X\u000BY\fZ", "CN=Ünïcode  Name", "O=A\\, B,CN=c")) {
            assertThat(AnchorIndex.loose(dn)).as(dn).isEqualTo(byRegex(dn));
        }
        Random random = new Random(6);
        char[] alphabet = {'a', 'B', ' ', '\t', '\n', '\u000B', '\f', '\r', '=', ',', '\u00A0', 'Z'};
        for (int n = 0; n < 20_000; n++) {
            char[] s = new char[random.nextInt(12)];
            for (int i = 0; i < s.length; i++) {
                s[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String dn = new String(s);
            assertThat(AnchorIndex.loose(dn)).as(dn).isEqualTo(byRegex(dn));
        }
    }
}
