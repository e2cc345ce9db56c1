-- hireguard's store on SQLite 3, schema version 2 (hireguard::store::schema_version).
-- The adapter (hireguard::sqlite) runs this file once, in the transaction
-- that creates a new database; it refuses a database whose
-- hireguard_schema.version is another. Ids, versions and sequences are
-- INTEGER (64-bit signed): the adapter refuses values above 2^63 - 1.
-- Booleans are 0 or 1.

CREATE TABLE hireguard_schema (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    version   INTEGER NOT NULL CHECK (version >= 1)
);

-- A job: what the job-level rules read, and the policy its candidacies share (JSON).
CREATE TABLE jobs (
    job       INTEGER PRIMARY KEY CHECK (job >= 0),
    openings  INTEGER NOT NULL CHECK (openings >= 1 AND openings <= 4294967295),
    open      INTEGER NOT NULL CHECK (open IN (0, 1)),
    -- "2026-01-02T09:30:00Z", for a job closed at a known time only.
    closed_at TEXT CHECK (closed_at IS NULL OR open = 0),
    hires     INTEGER NOT NULL CHECK (hires >= 0 AND hires <= 4294967295),
    policy    TEXT NOT NULL,
    version   INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

-- A candidacy: its state, how it began, its machine's snapshot (JSON) and version.
CREATE TABLE candidacies (
    job        INTEGER NOT NULL REFERENCES jobs (job),
    freelancer INTEGER NOT NULL CHECK (freelancer >= 0),
    state      TEXT NOT NULL CHECK (state <> ''),
    origin     TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    PRIMARY KEY (job, freelancer)
) STRICT;

-- The accepted events in commit order. One writer at a time (BEGIN
-- IMMEDIATE), so the next rowid (the largest plus one) is the commit order;
-- no event is ever deleted, so no committed sequence is handed out twice
-- (version 1's AUTOINCREMENT wrote a page more a commit for that). An
-- event without an id has a NULL id.
CREATE TABLE events (
    sequence   INTEGER PRIMARY KEY,
    id         TEXT UNIQUE CHECK (id <> ''),
    job        INTEGER NOT NULL REFERENCES jobs (job),
    -- 0 for an event of the whole job (close_job).
    freelancer INTEGER NOT NULL CHECK (freelancer >= 0),
    version    INTEGER NOT NULL CHECK (version >= 1),
    line       TEXT NOT NULL
) STRICT;

-- Notifications written with the change that caused them, delivered
-- afterwards, oldest (by position: never deleted, so always increasing) first.
CREATE TABLE outbox (
    position   INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE CHECK (id <> ''),
    job        INTEGER NOT NULL CHECK (job >= 0),
    freelancer INTEGER NOT NULL CHECK (freelancer >= 0),
    kind       TEXT NOT NULL CHECK (kind <> ''),
    payload    TEXT NOT NULL,
    delivered  INTEGER NOT NULL DEFAULT 0 CHECK (delivered IN (0, 1))
) STRICT;

CREATE INDEX outbox_undelivered ON outbox (position) WHERE delivered = 0;

INSERT INTO hireguard_schema (singleton, version) VALUES (1, 2);
