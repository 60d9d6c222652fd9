-- Pairing keys the owner makes (`gateway pair`) for a device's ACME client to present as External
-- Account Binding (RFC 8555 §7.3.4), issue 4. No key material is stored: the HMAC key is derived
-- from kid and a secret kept beside the CA keys (DIR/pairing-secret.key), so a dump of this table
-- cannot mint bindings. names: one per line, empty for any name the CA may certify. holder: who
-- redeemed it ("acme:<account id>"), set once; its devices are approved until until_at.
CREATE TABLE pairing_grants (
    kid         TEXT    PRIMARY KEY,
    names       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    until_at    BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    holder      TEXT,
    bound_at    BIGINT,
    CHECK ((holder IS NULL AND bound_at IS NULL) OR (holder IS NOT NULL AND bound_at IS NOT NULL))
);
CREATE INDEX pairing_grants_by_holder ON pairing_grants (holder);
