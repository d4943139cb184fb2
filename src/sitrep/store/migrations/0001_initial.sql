-- sitrep store, first schema. Portable SQL: runs unchanged on DuckDB and PostgreSQL.
-- Rows are keyed by content hashes made upstream (Article.make_id, the extractor's Event.id,
-- actor and location hashes made by the store), so writing the same batch twice adds nothing.
-- Character offsets are half-open [start_char, end_char) into articles.text.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    published DATE NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    origin TEXT NOT NULL,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    error TEXT NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT NOT NULL
);

CREATE TABLE locations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    geo_precision INTEGER NOT NULL,
    geonameid BIGINT,
    feature TEXT NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    event_date TEXT NOT NULL,
    date_start DATE NOT NULL,
    date_end DATE NOT NULL,
    date_precision TEXT NOT NULL,
    date_source TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    role TEXT NOT NULL,
    actor1_id TEXT REFERENCES actors (id),
    actor2_id TEXT REFERENCES actors (id),
    location_id TEXT REFERENCES locations (id),
    fatalities_best INTEGER,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    confidence DOUBLE PRECISION NOT NULL,
    trigger TEXT NOT NULL,
    model_version TEXT NOT NULL,
    data_version TEXT NOT NULL
);

CREATE INDEX events_date_start_idx ON events (date_start);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (id),
    role TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors (id),
    PRIMARY KEY (event_id, role, ordinal)
);

CREATE TABLE victims (
    event_id TEXT NOT NULL REFERENCES events (id),
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (event_id, ordinal)
);

CREATE TABLE claims (
    event_id TEXT NOT NULL REFERENCES events (id),
    ordinal INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    stance TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (event_id, ordinal)
);

CREATE TABLE evidence (
    event_id TEXT NOT NULL REFERENCES events (id),
    field TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (event_id, field)
);
