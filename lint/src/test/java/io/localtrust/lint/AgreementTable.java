package io.localtrust.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tallies how often one of our lints agrees with another linter's verdict on the same
 * certificate, per mapped pair of lints, and renders the table for the reports and docs.
 */
final class AgreementTable {

    /** One mapped pair: their code, our code. */
    record Mapping(String theirs, String ours) {
    }

    /** One case: the fixture, what they expect, what we found. */
    record Case(Mapping mapping, String fixture, boolean expected, boolean actual) {
        boolean agrees() {
            return expected == actual;
        }

        /** The key the reviewed deviation list uses: {@code their_code | fixture}. */
        String id() {
            return mapping.theirs() + " | " + fixture;
        }
    }

    private final String title;
    private final List<Case> cases = new ArrayList<>();
    private final Map<Mapping, Integer> unparsable = new LinkedHashMap<>();
    private final Set<String> unparsableFixtures = new TreeSet<>();

    AgreementTable(String title, List<Mapping> mappings) {
        this.title = title;
        for (Mapping m : mappings) {
            unparsable.put(m, 0);
        }
    }

    void add(Case c) {
        cases.add(c);
    }

    void addUnparsable(Mapping m, String fixture) {
        unparsable.merge(m, 1, Integer::sum);
        unparsableFixtures.add(fixture);
    }

    List<Case> cases() {
        return List.copyOf(cases);
    }

    /** The ids of the cases where we disagree. */
    Set<String> disagreements() {
        Set<String> out = new TreeSet<>();
        for (Case c : cases) {
            if (!c.agrees()) {
                out.add(c.id());
            }
        }
        return out;
    }

    int unparsableFiles() {
        return unparsableFixtures.size();
    }

    String markdown(Map<String, String> knownDeviations) {
        StringBuilder md = new StringBuilder("## " + title + "\n\n");
        md.append("| their lint | our lint | agree / total | expected to fire | unparsable |\n");
        md.append("|---|---|---|---|---|\n");
        int agreeAll = 0;
        for (Mapping m : unparsable.keySet()) {
            List<Case> mine = cases.stream().filter(c -> c.mapping().equals(m)).toList();
            long agree = mine.stream().filter(Case::agrees).count();
            long positive = mine.stream().filter(Case::expected).count();
            agreeAll += (int) agree;
            md.append(String.format(Locale.ROOT, "| `%s` | `%s` | %d / %d | %d | %d |%n",
                    m.theirs(), m.ours(), agree, mine.size(), positive, unparsable.get(m)));
        }
        md.append(String.format(Locale.ROOT, "| **all** | | **%d / %d** | | %d files |%n%n",
                agreeAll, cases.size(), unparsableFiles()));
        Map<String, Case> byId = new TreeMap<>();
        cases.stream().filter(c -> !c.agrees()).forEach(c -> byId.put(c.id(), c));
        if (!byId.isEmpty()) {
            md.append("Disagreements:\n\n");
            byId.forEach((id, c) -> md.append(String.format(Locale.ROOT, "- `%s` — they %s, we %s. %s%n", id,
                    c.expected() ? "fire" : "pass", c.actual() ? "fire" : "pass",
                    knownDeviations.getOrDefault(id, "**NOT REVIEWED**"))));
            md.append('\n');
        }
        if (!unparsableFixtures.isEmpty()) {
            md.append("Unparsable by our CertificateReader (not counted): ")
                    .append(String.join(", ", unparsableFixtures)).append("\n");
        }
        return md.toString();
    }
}
