-- PostgreSQL only (SQLite has no V10: its foreign keys are in-process B-tree lookups, cheap as they are).
--
-- certificates.dev_id must name a device. The foreign key of V1 checked that with one query per
-- inserted row (the RI trigger's SPI call, ~9 µs of server CPU per certificate here, a quarter of what
-- storing one costs; BENCHMARKS.md, "issue-copy"). The same rule, enforced by the database as before:
--   * on insert, one check per statement over all the rows it inserted (a transition table), so a
--     group commit of 256 certificates makes one anti-join instead of 256 queries;
--   * on the devices side, what the foreign key's NO ACTION also refused: a device is never deleted,
--     its dev_id never changed, the table never truncated (the store never does any of these; the
--     device_identities foreign key already refused some of it).
-- Errors keep the foreign key's SQLSTATE, 23503 (foreign_key_violation). The check names `devices`
-- without a schema, so its function keeps the search_path of this migration (the store's schema):
-- a session with another search_path that writes into this schema is checked against its devices.

ALTER TABLE certificates DROP CONSTRAINT certificates_dev_id_fkey;

CREATE FUNCTION localtrust_certificates_have_devices() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
DECLARE
    missing TEXT;
BEGIN
    SELECT a.dev_id INTO missing FROM added a
        WHERE NOT EXISTS (SELECT 1 FROM devices d WHERE d.dev_id = a.dev_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'certificates: no device %', missing USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER certificates_have_devices AFTER INSERT ON certificates
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION localtrust_certificates_have_devices();

CREATE FUNCTION localtrust_devices_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'devices are kept for their certificates: % refused', TG_OP
        USING ERRCODE = 'foreign_key_violation';
END
$$;

CREATE TRIGGER devices_kept BEFORE DELETE OR UPDATE OF dev_id ON devices
    FOR EACH ROW EXECUTE FUNCTION localtrust_devices_kept();
CREATE TRIGGER devices_no_truncate BEFORE TRUNCATE ON devices
    FOR EACH STATEMENT EXECUTE FUNCTION localtrust_devices_kept();
