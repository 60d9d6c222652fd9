package io.localtrust.scanner;

/**
 * Told after every probe, from the probing threads: must be thread-safe and quick. The CLI draws
 * its progress bar from this; a library user may log it or ignore it.
 */
@FunctionalInterface
public interface ScanProgress {
    /**
     * @param done  probes finished
     * @param total probes in the scan
     * @param open  endpoints that answered so far
     */
    void probed(int done, int total, int open);

    static ScanProgress none() {
        return (done, total, open) -> { };
    }
}
