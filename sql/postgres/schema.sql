-- hireguard's store on PostgreSQL, schema version 2 (hireguard::store::schema_version).
-- The adapter (hireguard::postgres) runs this file once, in the transaction
-- that finds no hireguard_schema table, under a transaction-level advisory
-- lock so that two servers starting at once create it once; it refuses a
-- database whose hireguard_schema.version is another. The tables go into
-- the first schema of the connection's search_path. Ids, versions and
-- sequences are BIGINT: the adapter refuses values above 2^63 - 1.

CREATE TABLE hireguard_schema (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    version   BIGINT NOT NULL CHECK (version >= 1)
);

-- A job: what the job-level rules read, and the policy its candidacies share (JSON).
CREATE TABLE jobs (
    job       BIGINT PRIMARY KEY CHECK (job >= 0),
    openings  BIGINT NOT NULL CHECK (openings >= 1 AND openings <= 4294967295),
    open      BOOLEAN NOT NULL,
    -- "2026-01-02T09:30:00Z", for a job closed at a known time only.
    closed_at TEXT CHECK (closed_at IS NULL OR NOT open),
    hires     BIGINT NOT NULL CHECK (hires >= 0 AND hires <= 4294967295),
    policy    TEXT NOT NULL,
    version   BIGINT NOT NULL CHECK (version >= 1)
);

-- A candidacy: its state, how it began, its machine's snapshot (JSON) and version.
CREATE TABLE candidacies (
    job        BIGINT NOT NULL REFERENCES jobs (job),
    freelancer BIGINT NOT NULL CHECK (freelancer >= 0),
    state      TEXT NOT NULL CHECK (state <> ''),
    origin     TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    version    BIGINT NOT NULL CHECK (version >= 1),
    PRIMARY KEY (job, freelancer)
);

-- The last sequence handed to an event. Recording an event updates this one
-- row, whose lock the transaction then holds until it ends: the next
-- transaction to record an event waits, and reads the counter after the
-- first has committed (or rolled back). Sequences are therefore assigned in
-- commit order, without gaps, and a reader that has seen sequence n never
-- sees a smaller one appear later. (A SEQUENCE or an identity column hands
-- out numbers at insert time: a transaction that takes 7 and commits after
-- the one that took 8 would be missed by a reader already past 8.)
CREATE TABLE event_counter (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    last      BIGINT NOT NULL CHECK (last >= 0)
);

-- The accepted events in commit order. An event without an id has a NULL id.
CREATE TABLE events (
    sequence   BIGINT PRIMARY KEY CHECK (sequence >= 1),
    id         TEXT UNIQUE CHECK (id <> ''),
    job        BIGINT NOT NULL REFERENCES jobs (job),
    -- 0 for an event of the whole job (close_job).
    freelancer BIGINT NOT NULL CHECK (freelancer >= 0),
    version    BIGINT NOT NULL CHECK (version >= 1),
    line       TEXT NOT NULL
);

-- Notifications written with the change that caused them, delivered
-- afterwards, oldest (by position) first.
CREATE TABLE outbox (
    position   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE CHECK (id <> ''),
    job        BIGINT NOT NULL CHECK (job >= 0),
    freelancer BIGINT NOT NULL CHECK (freelancer >= 0),
    kind       TEXT NOT NULL CHECK (kind <> ''),
    payload    TEXT NOT NULL,
    delivered  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX outbox_undelivered ON outbox (position) WHERE NOT delivered;

INSERT INTO event_counter (singleton, last) VALUES (TRUE, 0);
INSERT INTO hireguard_schema (singleton, version) VALUES (TRUE, 2);
