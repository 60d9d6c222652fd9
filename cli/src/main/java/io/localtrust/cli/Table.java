package io.localtrust.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns; the last column may be clipped to a width. */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    String render(int maxLastColumn) {
        int n = headers.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        w[n - 1] = Math.min(w[n - 1], maxLastColumn);
        StringBuilder sb = new StringBuilder();
        line(sb, headers, w);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rule.add("-".repeat(w[i]));
        }
        line(sb, rule, w);
        rows.forEach(r -> line(sb, r, w));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean last = i == cells.size() - 1;
            if (last) {
                sb.append(c.length() > w[i] ? c.substring(0, Math.max(0, w[i] - 1)) + "…" : c);
            } else {
                sb.append(c).append(" ".repeat(w[i] - c.length() + 2));
            }
        }
        sb.append('\n');
    }
}
