package io.localtrust.gateway.console;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.store.ApprovalStore;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the console changes, each one call into {@link Approvals} — the same rules, checks
 * and audit entries as the shell commands and the admin API — recorded with actor
 * {@value #ACTOR}. After each write the gateway's change watcher runs at once, so OCSP answers
 * and the CRL follow before the page reloads (as the admin API does).
 */
final class ConsoleActions {
    static final String ACTOR = "console";

    private final Approvals approvals;
    private final ConsoleHandler.AfterWrite afterWrite;

    ConsoleActions(Approvals approvals, ConsoleHandler.AfterWrite afterWrite) {
        this.approvals = approvals;
        this.afterWrite = afterWrite;
    }

    DeviceRecord approve(String devId) throws StoreException, IssuanceRefused {
        DeviceRecord d = approvals.approve(devId, ACTOR);
        afterWrite.run();
        return d;
    }

    DeviceRecord deny(String devId) throws StoreException, IssuanceRefused {
        DeviceRecord d = approvals.deny(devId, ACTOR);
        afterWrite.run();
        return d;
    }

    DeviceRecord approveByCode(String code) throws StoreException, IssuanceRefused {
        DeviceRecord d = approvals.approveByCode(code, ACTOR);
        afterWrite.run();
        return d;
    }

    /**
     * Pre-authorises names or addresses (space- or comma-separated) for a window; all are checked
     * before any is stored.
     */
    List<ApprovalStore.Allowance> allow(String identities, String window) throws StoreException, IssuanceRefused {
        List<String> ids = Arrays.stream(identities.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        if (ids.isEmpty()) {
            throw new IssuanceRefused(io.localtrust.authority.Refusal.BAD_IDENTITY, "give at least one name or address to allow");
        }
        Duration d = Approvals.parseWindow(window.trim()).orElseThrow(() -> new IssuanceRefused(
                io.localtrust.authority.Refusal.BAD_IDENTITY, "'" + window + "' is not a duration such as 30s, 10m, 2h or 1d"));
        List<ApprovalStore.Allowance> a = approvals.allow(ids, d, ACTOR);
        afterWrite.run();
        return a;
    }

    /** Revokes by serial (hex, as the devices page shows it); false when it was already revoked. */
    boolean revoke(String serial, String reason) throws StoreException, IssuanceRefused {
        RevocationReason r = RevocationReason.parse(reason)
                .filter(x -> x != RevocationReason.REMOVE_FROM_CRL && x != RevocationReason.CERTIFICATE_HOLD)
                .orElseThrow(() -> new IssuanceRefused(io.localtrust.authority.Refusal.BAD_IDENTITY,
                        "'" + reason + "' is not a revocation reason this console offers"));
        boolean changed = approvals.revoke(serial, r, ACTOR);
        afterWrite.run();
        return changed;
    }
}
