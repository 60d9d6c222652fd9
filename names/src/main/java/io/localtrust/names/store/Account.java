package io.localtrust.names.store;

import io.localtrust.locality.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One registration with the names service: acme-dns's account (username, the hash of its API key,
 * the subdomain it may set TXT values on, the source ranges it may update from) and, for a device
 * that registered by proof of its key, that key's thumbprint.
 *
 * @param username  the API user (a UUID, as acme-dns makes them)
 * @param keyHash   Argon2id PHC string of the API key (the key itself is never stored)
 * @param subdomain the label under the zone: a UUID for acme-dns registrations, the dev-id for devices
 * @param allowFrom source ranges updates may come from; empty: anywhere
 * @param deviceKey the device key's RFC 7638 SHA-256 thumbprint, for key-proof registrations
 * @param created   when it was registered
 */
public record Account(String username, String keyHash, String subdomain, List<Cidr> allowFrom, Optional<String> deviceKey,
        Instant created) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(subdomain, "subdomain");
        allowFrom = List.copyOf(allowFrom);
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(created, "created");
    }

    @Override
    public String toString() {
        return "Account[" + username + ", " + subdomain + "]"; // never the hash in a log line
    }
}
