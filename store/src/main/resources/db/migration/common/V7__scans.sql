-- Network scans started from the gateway console (issue 9, the Scans page): one row per scan, with
-- who started it, what it scanned, where it stands and, once finished, its per-practice counts and
-- the report in both forms the scanner writes (localtrust.scan/1 JSON and the self-contained HTML
-- page). targets: one per line, as typed. summary: "CATEGORY=COUNT" pairs separated by spaces.
-- state: RUNNING, FINISHED or FAILED; at most one RUNNING row (the store refuses a second).
CREATE TABLE scans (
    id           TEXT    PRIMARY KEY,
    actor        TEXT    NOT NULL,
    targets      TEXT    NOT NULL,
    started_at   BIGINT  NOT NULL,
    state        TEXT    NOT NULL,
    finished_at  BIGINT,
    summary      TEXT    NOT NULL,
    devices      INTEGER NOT NULL,
    error        TEXT,
    report_json  TEXT,
    report_html  TEXT,
    rev          BIGINT  NOT NULL,
    CHECK (state IN ('RUNNING', 'FINISHED', 'FAILED')),
    CHECK ((state = 'RUNNING' AND finished_at IS NULL) OR (state <> 'RUNNING' AND finished_at IS NOT NULL)),
    CHECK ((state = 'FINISHED') = (report_json IS NOT NULL AND report_html IS NOT NULL))
);
CREATE INDEX scans_by_start ON scans (started_at);
