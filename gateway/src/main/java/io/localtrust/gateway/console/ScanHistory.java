package io.localtrust.gateway.console;

import io.localtrust.gateway.scans.FoundDevice;
import io.localtrust.gateway.scans.FoundDevices;
import io.localtrust.store.ScanStore;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.ScanStore.ScanReport;
import io.localtrust.store.ScanStore.ScanState;
import io.localtrust.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scans the console shows, read from the store: the history, one scan, its report, what the last one found. */
final class ScanHistory {
    private static final Logger LOG = LoggerFactory.getLogger(ScanHistory.class);

    /** The newest finished scan and the devices it found. */
    record LastScan(ScanRecord scan, List<FoundDevice> devices) {
        LastScan {
            devices = List.copyOf(devices);
        }
    }

    private final ScanStore store;

    ScanHistory(ScanStore store) {
        this.store = store;
    }

    List<ScanRecord> newest(int limit) throws StoreException {
        return store.scans(limit);
    }

    Optional<ScanRecord> scan(String id) throws StoreException {
        return store.scan(id);
    }

    Optional<ScanReport> report(String id) throws StoreException {
        return store.scanReport(id);
    }

    /** What the newest finished scan found (among the last {@value ScansPage#HISTORY}); empty when none finished. */
    Optional<LastScan> last() throws StoreException {
        for (ScanRecord s : store.scans(ScansPage.HISTORY)) {
            if (s.state() != ScanState.FINISHED) {
                continue;
            }
            Optional<ScanReport> r = store.scanReport(s.id());
            if (r.isEmpty()) {
                continue;
            }
            try {
                return Optional.of(new LastScan(s, FoundDevices.read(r.get().json())));
            } catch (IOException e) {
                LOG.warn("scan {}: its stored report does not read ({})", s.id(), e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
