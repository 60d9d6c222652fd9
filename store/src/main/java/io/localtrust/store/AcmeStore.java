package io.localtrust.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ACME front end keeps: accounts (by id and by key thumbprint) and its orders and
 * authorizations as documents. A change is a compare-and-set on the version the caller read, so
 * two requests racing on one order cannot both win; the loser re-reads.
 */
public interface AcmeStore {

    /** Account states of RFC 8555 §7.1.2. */
    enum AccountStatus {
        VALID, DEACTIVATED, REVOKED;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An ACME account.
     *
     * @param id         the account's URL path segment (random)
     * @param thumbprint the RFC 7638 SHA-256 thumbprint of its key, base64url: unique
     * @param jwk        the public key, as a JWK (JSON)
     * @param contacts   contact URLs ("mailto:…"), as given
     * @param version    1 when made, +1 per change
     */
    record AcmeAccount(String id, String thumbprint, String jwk, AccountStatus status, List<String> contacts,
                       Instant createdAt, long version) {
        public AcmeAccount {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(thumbprint, "thumbprint");
            Objects.requireNonNull(jwk, "jwk");
            Objects.requireNonNull(status, "status");
            contacts = List.copyOf(contacts);
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** The next version of this account with other fields. */
        public AcmeAccount next(String newThumbprint, String newJwk, AccountStatus newStatus, List<String> newContacts) {
            return new AcmeAccount(id, newThumbprint, newJwk, newStatus, newContacts, createdAt, version + 1);
        }
    }

    /** What kind of document an {@link AcmeObject} holds. */
    enum ObjectKind {
        /** An order with its status, identifiers and certificate. */
        ORDER,
        /** An authorization with its challenges. */
        AUTHZ,
        /** Who owns an issued certificate (id: the serial in hex), kept until it expires. */
        CERT;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An order or an authorization (its challenges inside), as the front end's JSON document.
     *
     * @param version 1 when made, +1 per change
     */
    record AcmeObject(ObjectKind kind, String id, String accountId, String document, Instant createdAt, Instant expiresAt,
                      long version) {
        public AcmeObject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** The next version of this object, with a new document. */
        public AcmeObject next(String newDocument) {
            return new AcmeObject(kind, id, accountId, newDocument, createdAt, expiresAt, version + 1);
        }
    }

    /**
     * Stores a new account (version 1).
     *
     * @throws StoreException {@code CONFLICT} if the id or the key is already an account's
     */
    void addAccount(AcmeAccount account) throws StoreException;

    /**
     * Stores a new account and, in the same transaction, redeems a pairing grant for it ({@link
     * PairingStore#redeemPairingGrant}, holder {@code holder}): the account exists bound to the grant,
     * or neither happened.
     *
     * @throws StoreException {@code CONFLICT} if the id or the key is already an account's, or the
     *         grant is no longer redeemable; {@code NOT_FOUND} for a kid never stored
     */
    void addAccount(AcmeAccount account, String pairingKid, String holder, Instant at) throws StoreException;

    Optional<AcmeAccount> account(String id) throws StoreException;

    Optional<AcmeAccount> accountByThumbprint(String thumbprint) throws StoreException;

    /**
     * Replaces the account whose version is {@code next.version() - 1}.
     *
     * @return false if it changed meanwhile (nothing written)
     * @throws StoreException {@code NOT_FOUND} for no such account; {@code CONFLICT} if the new key
     *         is another account's
     */
    boolean updateAccount(AcmeAccount next) throws StoreException;

    /**
     * Stores new objects (version 1) in one transaction: an order with its authorizations.
     *
     * @throws StoreException {@code CONFLICT} for an id already used; {@code NOT_FOUND} for an
     *         account that does not exist
     */
    void addObjects(List<AcmeObject> objects) throws StoreException;

    Optional<AcmeObject> object(ObjectKind kind, String id) throws StoreException;

    /**
     * Replaces the object whose version is {@code next.version() - 1}.
     *
     * @return false if it changed meanwhile (nothing written)
     * @throws StoreException {@code NOT_FOUND} for no such object
     */
    boolean updateObject(AcmeObject next) throws StoreException;

    /** An account's objects of one kind, oldest first, at most {@code limit}, starting after {@code offset}. */
    List<AcmeObject> objectsOf(String accountId, ObjectKind kind, int offset, int limit) throws StoreException;

    /**
     * An account's objects of one kind that come after the object made at {@code createdAt} with id
     * {@code id}, in the order of {@link #objectsOf} (creation time, then id), at most {@code limit}:
     * a page by keyset, which deleting expired objects meanwhile cannot shift (RFC 8555 §7.1.2.1's
     * {@code next} link carries the last object's time and id).
     */
    List<AcmeObject> objectsAfter(String accountId, ObjectKind kind, Instant createdAt, String id, int limit)
            throws StoreException;

    /** Deletes objects that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before) throws StoreException;
}
