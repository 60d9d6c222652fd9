-- The local DNS zone: a name bound to the address of the device it was certified for (issue 4).
-- A later binding of the same name replaces the row: the authority decides whether it may.
CREATE TABLE name_bindings (
    name        TEXT    PRIMARY KEY,
    address     TEXT    NOT NULL,
    dev_id      TEXT    NOT NULL REFERENCES devices (dev_id),
    bound_at    BIGINT  NOT NULL
);
CREATE INDEX name_bindings_by_device ON name_bindings (dev_id);
