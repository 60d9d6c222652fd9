-- The names service's store (issue 8): one schema, the same SQL on SQLite and PostgreSQL.
-- Times are BIGINT milliseconds since the epoch. Every write bumps names_meta.revision first (on
-- PostgreSQL that row lock serialises writers, so revisions commit in order) and stamps the rows
-- it changes with it: a DNS responder reads only the rows changed since the revision it last saw.

CREATE TABLE names_meta (
    id        INTEGER PRIMARY KEY,
    revision  BIGINT  NOT NULL,
    kind      TEXT    NOT NULL
);
INSERT INTO names_meta (id, revision, kind) VALUES (1, 0, 'localtrust-names');

-- One account per subdomain: an acme-dns registration (subdomain a UUID) or a device that proved
-- its key (subdomain = its dev-id, device_key = its key's RFC 7638 thumbprint).
CREATE TABLE names_account (
    username    TEXT    PRIMARY KEY,
    key_hash    TEXT    NOT NULL,  -- Argon2id PHC string of the API key; never the key
    subdomain   TEXT    NOT NULL UNIQUE,
    allow_from  TEXT    NOT NULL,  -- CIDRs separated by commas; empty: from anywhere
    device_key  TEXT    UNIQUE,
    created_at  BIGINT  NOT NULL,
    address     TEXT,              -- method 2: the address the device last registered
    address_at  BIGINT,
    txt_old     TEXT,              -- the two rolling DNS-01 values: a name and its wildcard validate together
    txt_new     TEXT,
    txt_at      BIGINT,
    revision    BIGINT  NOT NULL
);
CREATE INDEX names_account_revision ON names_account (revision);

-- Registration proofs already used (replay protection): kept until they would be too old anyway.
CREATE TABLE names_proof (
    jti         TEXT    PRIMARY KEY,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX names_proof_expiry ON names_proof (expires_at);
