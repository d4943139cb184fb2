-- Fusion under review: why each event is in its incident, a person's split / join decisions
-- (kept across rebuilds), and each incident's versions as later reports revise it.
-- No REFERENCES to incidents, for the reason given in 0002.

CREATE TABLE incident_links (
    incident_id TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    linked_to TEXT NOT NULL, -- the member event it matched best
    probability DOUBLE PRECISION NOT NULL,
    evidence TEXT NOT NULL, -- JSON list of what the two reports share, for a person to check
    decided_by TEXT NOT NULL, -- model | person
    PRIMARY KEY (incident_id, event_id)
);

CREATE TABLE fusion_decisions (
    kind TEXT NOT NULL, -- split: never one incident; join: always one incident
    event_a TEXT NOT NULL,
    event_b TEXT NOT NULL, -- event_a < event_b
    note TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_a, event_b)
);

CREATE TABLE incident_versions (
    incident_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    changed_by TEXT NOT NULL, -- JSON list of the event ids whose arrival (or departure) made the version
    fields TEXT NOT NULL, -- JSON of the reconciled fields of that version
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (incident_id, version)
);
