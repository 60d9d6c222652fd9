package io.localtrust.scanner.report;

import io.localtrust.practice.Practice;
import java.util.Locale;
import java.util.Map;

/**
 * The report's chart: one horizontal bar per practice, worst first, drawn as inline SVG (no
 * script, no fonts or images fetched). Each bar carries its practice and count as data attributes.
 */
final class PracticeChart {
    private static final int BAR_MAX = 420;
    private static final int ROW = 30;

    private PracticeChart() {
    }

    static String svg(Map<Practice, Integer> counts) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int h = ROW * counts.size() + 10;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"840\" height=\"").append(h)
                .append("\" role=\"img\" aria-label=\"Devices by certificate practice\">");
        int y = 5;
        for (Map.Entry<Practice, Integer> e : counts.entrySet()) {
            Practice p = e.getKey();
            int n = e.getValue();
            int w = max == 0 ? 0 : Math.max(n > 0 ? 2 : 0, BAR_MAX * n / max);
            sb.append(String.format(Locale.ROOT, "<g class=\"bar\" data-practice=\"%s\" data-count=\"%d\">", p.name(), n));
            sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" class=\"label\">%s %s</text>", y + 18, Html.esc(p.seedLabel()),
                    Html.esc(p.title())));
            sb.append(String.format(Locale.ROOT, "<rect x=\"340\" y=\"%d\" width=\"%d\" height=\"20\" class=\"p-%s\"/>", y + 4, w,
                    p.name().toLowerCase(Locale.ROOT)));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"count\">%d</text>", 346 + w, y + 19, n));
            sb.append("</g>");
            y += ROW;
        }
        return sb.append("</svg>").toString();
    }
}
