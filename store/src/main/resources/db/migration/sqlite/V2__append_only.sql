-- Issued certificates and the audit log are append-only: any UPDATE or DELETE aborts its
-- statement (SQLITE_CONSTRAINT_TRIGGER). SQLite has no TRUNCATE; with triggers present a
-- DELETE without WHERE runs row by row and is refused too.
CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'certificates are append-only');
END;

CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'certificates are append-only');
END;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
