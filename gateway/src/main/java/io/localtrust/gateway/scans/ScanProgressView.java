package io.localtrust.gateway.scans;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The running scan as the console shows it.
 *
 * @param id      the scan's id in the store
 * @param targets the targets as typed
 * @param started when it started
 * @param done    probes finished
 * @param total   probes planned (0 until the scanner reports the first)
 * @param open    endpoints that answered so far
 */
public record ScanProgressView(String id, List<String> targets, Instant started, int done, int total, int open) {
    public ScanProgressView {
        Objects.requireNonNull(id, "id");
        targets = List.copyOf(targets);
        Objects.requireNonNull(started, "started");
    }

    /** Whole percent of probes finished. */
    public int percent() {
        return total == 0 ? 0 : (int) (100L * done / total);
    }
}
