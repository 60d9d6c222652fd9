package io.localtrust.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Network scans started from the gateway console, kept so the history survives a restart: who
 * started each one and on what, where it stands, and once it finished its per-practice counts and
 * its report (the scanner's {@code localtrust.scan/1} JSON and its self-contained HTML page). At
 * most one scan runs at a time per store: {@link #startScan} refuses a second.
 */
public interface ScanStore {

    /** Where a scan stands. */
    enum ScanState {
        RUNNING, FINISHED, FAILED
    }

    /**
     * One scan, without its report.
     *
     * @param id       random, chosen by the caller
     * @param actor    who started it ("console")
     * @param targets  the targets as typed
     * @param started  when it was started
     * @param state    where it stands
     * @param finished when it finished or failed
     * @param summary  devices per category (the scanner's {@code summary}), empty until finished
     * @param devices  devices classified, 0 until finished
     * @param error    why it failed
     */
    record ScanRecord(String id, String actor, List<String> targets, Instant started, ScanState state, Optional<Instant> finished,
                      Map<String, Integer> summary, int devices, Optional<String> error) {
        public ScanRecord {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(actor, "actor");
            targets = List.copyOf(targets);
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(finished, "finished");
            summary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
            Objects.requireNonNull(error, "error");
            if ((state == ScanState.RUNNING) == finished.isPresent()) {
                throw new IllegalArgumentException("a running scan has no end, a finished or failed one has");
            }
        }
    }

    /** A finished scan's report: the {@code localtrust.scan/1} document and the HTML page, as the scanner wrote them. */
    record ScanReport(String json, String html) {
        public ScanReport {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(html, "html");
        }
    }

    /**
     * Stores a new running scan and its audit entry (action "scan", subject the id, by
     * {@code actor}, detail the targets and {@code detail}) in one transaction.
     *
     * @throws StoreException {@code CONFLICT} when a scan is running already, or the id is taken
     */
    ScanRecord startScan(String id, List<String> targets, Instant at, String actor, String detail) throws StoreException;

    /**
     * Records that a running scan finished, with its counts and report.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown id, {@code CONFLICT} when it is not running
     */
    void finishScan(String id, Instant at, Map<String, Integer> summary, int devices, ScanReport report) throws StoreException;

    /**
     * Records that a running scan failed (one line: why).
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown id, {@code CONFLICT} when it is not running
     */
    void failScan(String id, Instant at, String error) throws StoreException;

    /**
     * Marks every running scan failed with {@code error}: for a runner that knows nobody runs them
     * any more (a gateway that stopped mid-scan).
     *
     * @return how many were marked
     */
    int abandonScans(Instant at, String error) throws StoreException;

    /** The newest {@code limit} scans, newest first. */
    List<ScanRecord> scans(int limit) throws StoreException;

    Optional<ScanRecord> scan(String id) throws StoreException;

    /** The report of a finished scan; empty for an unknown, running or failed one. */
    Optional<ScanReport> scanReport(String id) throws StoreException;
}
