package io.localtrust.agent.identity;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Where the device key lives: a PKCS#12 file (0600) in the state directory, or a PKCS#11 token
 * where it is generated non-extractable. Either way the key is made on the device and never
 * leaves it.
 */
public interface KeyCustody {
    /** Generates a new key (P-256) and keeps it; refuses when one is already kept. */
    DeviceKey create(SecureRandom random, Instant now) throws IdentityException;

    /** The kept key; missing or damaged is an {@link IdentityException} naming what to do. */
    DeviceKey open() throws IdentityException;

    /** Whether a key is kept (a damaged one counts). */
    boolean exists() throws IdentityException;

    /** Deletes the kept key (for {@code --reset-identity}). */
    void destroy() throws IdentityException;

    /** Where the key lives, for messages. */
    String describe();
}
