package io.localtrust.lint;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Certificate-supplied text made safe for a one-line finding message: a CN or dNSName may hold
 * any character, including line breaks that would forge a second report line.
 */
final class MessageText {
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private MessageText() {
    }

    /** The text with every control character replaced by {@code ?}. */
    static String clean(String text) {
        return CONTROL.matcher(text).replaceAll("?");
    }

    /** {@code 'a', 'b' and 3 more}: at most {@code max} items, each quoted and cleaned. */
    static String list(List<String> items, int max) {
        String shown = items.stream().limit(max).map(s -> "'" + clean(s) + "'").collect(Collectors.joining(", "));
        return items.size() > max ? shown + " and " + (items.size() - max) + " more" : shown;
    }
}
