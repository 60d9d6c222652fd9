package io.localtrust.fleet;

import io.localtrust.practice.Practice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which practice each simulated device follows, dealt round-robin: {@code U_LS} (the default: every
 * device onboards through the gateway), {@code all} (the seven practices of DESIGN.md §2 in turn),
 * or a comma list of practice ids or seed labels ({@code NONE,U_SS,U_LS} or {@code null,U-S/S}).
 *
 * @param practices the cycle, at least one
 */
public record PracticeMix(List<Practice> practices) {
    public PracticeMix {
        practices = List.copyOf(practices);
        if (practices.isEmpty()) {
            throw new IllegalArgumentException("a practice mix names at least one practice");
        }
    }

    public static PracticeMix onlyGateway() {
        return new PracticeMix(List.of(Practice.U_LS));
    }

    public static PracticeMix all() {
        return new PracticeMix(List.of(Practice.values()));
    }

    /**
     * Parses {@code all} or a comma list.
     *
     * @throws IllegalArgumentException naming the unknown practice and the known ones
     */
    public static PracticeMix parse(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return all();
        }
        List<Practice> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            Practice found = null;
            for (Practice x : Practice.values()) {
                if (x.name().equalsIgnoreCase(p.replace('-', '_').replace("/", "_")) || x.seedLabel().equalsIgnoreCase(p)) {
                    found = x;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("'" + p + "' is not a practice: use all, or a comma list of "
                        + String.join(", ", java.util.Arrays.stream(Practice.values()).map(Practice::name).toList()));
            }
            out.add(found);
        }
        return new PracticeMix(out);
    }

    /** The practice of the {@code index}-th device (0-based). */
    public Practice practiceOf(int index) {
        return practices.get(index % practices.size());
    }

    public boolean includes(Practice p) {
        return practices.contains(p);
    }

    @Override
    public String toString() {
        return String.join(",", practices.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }
}
