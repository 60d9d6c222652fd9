package io.localtrust.agent.publicname;

import java.util.Objects;

/**
 * What the names service answered a device's registration: the API credentials for its TXT and
 * address updates, and its name.
 *
 * @param username   the API user
 * @param key        the API key (a secret: never logged, never in {@link #toString()})
 * @param fulldomain {@code <dev-id>.<zone>}
 * @param devId      the device's dev-id, as the service derived it from the key
 */
public record NameRegistration(String username, String key, String fulldomain, String devId) {
    public NameRegistration {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fulldomain, "fulldomain");
        Objects.requireNonNull(devId, "devId");
    }

    /** The wildcard every embedded-address name of the device falls under. */
    public String wildcard() {
        return "*." + fulldomain;
    }

    @Override
    public String toString() {
        return "NameRegistration[" + fulldomain + ", user " + username + "]";
    }
}
