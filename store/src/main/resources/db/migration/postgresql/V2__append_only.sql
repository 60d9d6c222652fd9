-- Issued certificates and the audit log are append-only: UPDATE, DELETE and TRUNCATE raise
-- SQLSTATE 23000 (integrity_constraint_violation). The table owner can still disable the
-- triggers; the audit hash chain is what detects that (AuditLog.verify).
CREATE FUNCTION localtrust_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates
    FOR EACH ROW EXECUTE FUNCTION localtrust_append_only();
CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates
    FOR EACH STATEMENT EXECUTE FUNCTION localtrust_append_only();

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION localtrust_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION localtrust_append_only();
