-- localtrust gateway store, schema 1 (docs/store.md). The same SQL runs on SQLite and PostgreSQL:
-- TEXT, INTEGER and BIGINT only; every instant is BIGINT milliseconds since the epoch (UTC);
-- ${bytes} is BLOB on SQLite and BYTEA on PostgreSQL (a Flyway placeholder). The append-only
-- triggers differ in syntax and live in V2 under sqlite/ and postgresql/.

-- One row: what this database is, the store revision (bumped by every write transaction, so a
-- process sees writes made by another), and the audit chain head (so a deleted last entry shows).
CREATE TABLE store_meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    kind        TEXT    NOT NULL CHECK (kind = 'localtrust-gateway'),
    revision    BIGINT  NOT NULL CHECK (revision >= 0),
    audit_seq   BIGINT  NOT NULL CHECK (audit_seq >= 0),
    audit_hash  TEXT    NOT NULL
);
INSERT INTO store_meta (id, kind, revision, audit_seq, audit_hash)
VALUES (1, 'localtrust-gateway', 0, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A device is its key: dev_id is derived from spki_sha256 (DESIGN.md §1b), one key, one device.
CREATE TABLE devices (
    dev_id       TEXT   PRIMARY KEY,
    spki_sha256  TEXT   NOT NULL UNIQUE,
    state        TEXT   NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'DENIED')),
    first_seen   BIGINT NOT NULL,
    updated      BIGINT NOT NULL,
    rev          BIGINT NOT NULL UNIQUE
);

-- The names and addresses a device asked for, in the order it first asked.
CREATE TABLE device_identities (
    dev_id    TEXT    NOT NULL REFERENCES devices (dev_id),
    position  INTEGER NOT NULL,
    identity  TEXT    NOT NULL,
    PRIMARY KEY (dev_id, identity),
    UNIQUE (dev_id, position)
);

-- Issued certificates: append-only (V2 triggers refuse UPDATE and DELETE). serial is lowercase
-- hex without leading zeros; rev is the revision of the issuing transaction (issue order).
CREATE TABLE certificates (
    serial       TEXT     PRIMARY KEY,
    dev_id       TEXT     NOT NULL REFERENCES devices (dev_id),
    spki_sha256  TEXT     NOT NULL,
    subject      TEXT     NOT NULL,
    not_before   BIGINT   NOT NULL,
    not_after    BIGINT   NOT NULL,
    issued_at    BIGINT   NOT NULL,
    der          ${bytes} NOT NULL,
    rev          BIGINT   NOT NULL UNIQUE
);
CREATE INDEX certificates_by_device ON certificates (dev_id, rev);

-- Status lives apart from the certificate: one row per certificate, written with it.
-- reason is the RFC 5280 CRLReason code.
CREATE TABLE cert_status (
    serial      TEXT    PRIMARY KEY REFERENCES certificates (serial),
    revoked     INTEGER NOT NULL CHECK (revoked IN (0, 1)),
    revoked_at  BIGINT,
    reason      INTEGER,
    CHECK ((revoked = 0 AND revoked_at IS NULL AND reason IS NULL)
        OR (revoked = 1 AND revoked_at IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX cert_status_revoked ON cert_status (revoked);

-- Pairing codes, by hash only (the code itself is never stored); single use.
CREATE TABLE pairing_codes (
    code_hash   TEXT   PRIMARY KEY,
    dev_id      TEXT   NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

-- Failed pairing attempts, counted per device over a window (rate limit).
CREATE TABLE pairing_failures (
    dev_id  TEXT   NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX pairing_failures_by_device ON pairing_failures (dev_id, at);

-- Names approved in advance until a time; a newer allowance for a name replaces the older.
CREATE TABLE allowances (
    identity  TEXT   PRIMARY KEY,
    until_at  BIGINT NOT NULL,
    actor     TEXT   NOT NULL
);

-- The audit log: append-only (V2 triggers) and hash-chained (io.localtrust.store.AuditHashes);
-- seq is gapless from 1.
CREATE TABLE audit (
    seq        BIGINT PRIMARY KEY CHECK (seq >= 1),
    at         BIGINT NOT NULL,
    actor      TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    subject    TEXT   NOT NULL,
    detail     TEXT   NOT NULL,
    prev_hash  TEXT   NOT NULL,
    hash       TEXT   NOT NULL
);
