package io.localtrust.fleet;

/**
 * The owner saying yes before a device asks: the gateway approves a new device that orders exactly
 * identities allowed this way ({@code gateway allow}). Through the admin API
 * ({@link GatewayAllowances}) or, in the demo, the authority's own approvals.
 */
@FunctionalInterface
public interface Preauthorisation {
    /** Allows {@code identity} (a DNS name or an address) for a while. */
    void allow(String identity) throws Exception;
}
