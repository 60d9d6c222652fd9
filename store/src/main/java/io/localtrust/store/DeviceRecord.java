package io.localtrust.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A device, identified by its key.
 *
 * @param devId      the dev-id of its public key (DESIGN.md §1b)
 * @param spkiSha256 SHA-256 of its SubjectPublicKeyInfo, lowercase hex; unique across devices
 * @param state      approval state
 * @param identities the names and addresses it asked for ("printer.home.arpa", "192.168.1.20")
 * @param firstSeen  when it first asked
 * @param updated    when its state last changed
 */
public record DeviceRecord(String devId, String spkiSha256, ApprovalState state, List<String> identities,
                           Instant firstSeen, Instant updated) {
    public DeviceRecord {
        Objects.requireNonNull(devId, "devId");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        Objects.requireNonNull(state, "state");
        identities = List.copyOf(identities);
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(updated, "updated");
    }
}
