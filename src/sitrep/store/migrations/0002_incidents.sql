-- Incidents: events of different articles that report the same real-world incident
-- (sitrep.fusion), with the reconciled fields. Portable SQL, like 0001.
-- incident_events.incident_id has no REFERENCES clause on purpose: an incident is rewritten
-- by deleting and inserting it in one transaction, and DuckDB refuses to delete a row that
-- a foreign key pointed at earlier in the same transaction.

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    event_date TEXT NOT NULL,
    date_start DATE NOT NULL,
    date_end DATE NOT NULL,
    date_precision TEXT NOT NULL,
    date_source TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1_id TEXT REFERENCES actors (id),
    actor2_id TEXT REFERENCES actors (id),
    location_id TEXT REFERENCES locations (id),
    geo_precision INTEGER, -- the incident's own: location rows are shared by precisions
    fatalities_best INTEGER,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    first_reported DATE NOT NULL
);

CREATE INDEX incidents_date_start_idx ON incidents (date_start);

CREATE TABLE incident_events (
    incident_id TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    PRIMARY KEY (incident_id, event_id)
);

CREATE UNIQUE INDEX incident_events_event_idx ON incident_events (event_id);
