package io.localtrust.names.store;

import io.localtrust.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The names service's durable state: accounts, their TXT values and addresses, and the
 * registration proofs already used. Every write is one transaction that bumps the store's
 * revision; {@link #changesSince} lets a DNS responder follow the writes of every responder
 * sharing the database (PostgreSQL) without reading everything again. Errors are the store
 * module's {@link StoreException}, one line fit for a user.
 */
public interface NamesStore extends AutoCloseable {

    /**
     * Adds an account.
     *
     * @throws StoreException {@code CONFLICT} if the username, the subdomain or the device key is taken
     */
    void register(Account account) throws StoreException;

    /**
     * A device registering again by proof of the same key: its API key is replaced (the old one
     * stops working) and its allowed ranges set anew; address and TXT values stay.
     *
     * @return the account as it is now
     * @throws StoreException {@code NOT_FOUND} if no account has that device key
     */
    Account rotate(String deviceKey, String keyHash, List<io.localtrust.locality.Cidr> allowFrom) throws StoreException;

    Optional<Account> account(String username) throws StoreException;

    Optional<Account> byDeviceKey(String deviceKey) throws StoreException;

    /** Sets the newest TXT value of {@code subdomain}; the one before it stays, the older goes. */
    void setTxt(String subdomain, String value, Instant at) throws StoreException;

    /** Removes {@code value} from the TXT values of {@code subdomain}, if it is one of them. */
    void clearTxt(String subdomain, String value) throws StoreException;

    /** Sets the address {@code subdomain} answers (method 2). */
    void setAddress(String subdomain, String address, Instant at) throws StoreException;

    /**
     * Records a registration proof's id as used, until {@code expires} (proofs expired by
     * {@code now} are forgotten on the way).
     *
     * @return false if it was used before: a replay
     */
    boolean useProof(String jti, Instant expires, Instant now) throws StoreException;

    /** The revision: grows with every write, from any process on the same database. */
    long revision() throws StoreException;

    /** The entries written after {@code revision}, and the revision they bring the reader to. */
    Changes changesSince(long revision) throws StoreException;

    /** Writes made through this object: a counter in memory, so a responder sees its own writes at once. */
    long localWrites();

    /** "SQLite /var/lib/names/names.db" or "PostgreSQL //host:port/db": never credentials. */
    String describe();

    @Override
    void close();

    /** Entries changed after some revision, up to {@code revision}. */
    record Changes(long revision, List<ZoneEntry> entries) {
        public Changes {
            entries = List.copyOf(entries);
        }
    }
}
