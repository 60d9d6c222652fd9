-- ACME (RFC 8555) front end state. Accounts are kept for as long as the gateway lives (a client
-- renews with the account it made months ago); orders, authorizations and challenges are
-- documents (JSON) with an expiry, changed by compare-and-set on their version, as step-ca keeps
-- them. Nothing here is append-only: the certificates an order leads to live in `certificates`.
CREATE TABLE acme_accounts (
    id          TEXT    PRIMARY KEY,
    thumbprint  TEXT    NOT NULL UNIQUE,
    jwk         TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('valid', 'deactivated', 'revoked')),
    contacts    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    version     BIGINT  NOT NULL CHECK (version >= 1)
);

CREATE TABLE acme_objects (
    kind        TEXT    NOT NULL CHECK (kind IN ('order', 'authz', 'cert')),
    id          TEXT    NOT NULL,
    account_id  TEXT    NOT NULL REFERENCES acme_accounts (id),
    document    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    version     BIGINT  NOT NULL CHECK (version >= 1),
    PRIMARY KEY (kind, id)
);
CREATE INDEX acme_objects_by_account ON acme_objects (account_id, kind, created_at);
CREATE INDEX acme_objects_by_expiry ON acme_objects (expires_at);
