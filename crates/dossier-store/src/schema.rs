//! Versioned migrations, applied in order inside one transaction; the version lives in
//! `PRAGMA user_version` (SQLite) or the `dossier_schema` table (PostgreSQL). The two lists
//! describe the same tables, columns and indexes, migration by migration; only types and
//! full-text search differ (FTS5 tables vs `tsvector` columns with GIN indexes). Never edit a
//! released migration: append a new one to both lists.

pub const MIGRATIONS: &[&str] = &[
    // 1: the corpus.
    r"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_key TEXT NOT NULL,
    url TEXT,
    url_key TEXT NOT NULL DEFAULT '',
    title TEXT,
    source TEXT,
    published TEXT,
    kind TEXT,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    reason TEXT,
    engine TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (content_hash, url_key)
);
CREATE INDEX documents_key ON documents (doc_key);
CREATE TABLE analyses (
    doc INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE doc_entities (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]',
    actor INTEGER
);
CREATE INDEX doc_entities_doc ON doc_entities (doc);
CREATE INDEX doc_entities_actor ON doc_entities (actor);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity INTEGER NOT NULL REFERENCES doc_entities (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity);
CREATE INDEX mentions_doc ON mentions (doc);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker INTEGER REFERENCES doc_entities (id) ON DELETE SET NULL,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER
);
CREATE INDEX quotes_doc ON quotes (doc);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE TABLE timexes (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX timexes_doc ON timexes (doc);
CREATE TABLE doc_events (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    type TEXT NOT NULL,
    plover TEXT,
    cameo TEXT,
    source TEXT NOT NULL DEFAULT '[]',
    target TEXT NOT NULL DEFAULT '[]',
    place INTEGER,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    date_value TEXT,
    date_from TEXT,
    date_to TEXT,
    date_text TEXT,
    date_start INTEGER,
    date_end INTEGER,
    negated INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0,
    event INTEGER
);
CREATE INDEX doc_events_doc ON doc_events (doc);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    codes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX actors_name ON actors (name COLLATE NOCASE);
CREATE TABLE actor_names (
    actor INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    name TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX actor_names_name ON actor_names (name);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    plover TEXT,
    cameo TEXT,
    date_value TEXT,
    date_from TEXT,
    date_to TEXT,
    participants TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL DEFAULT '[]',
    target TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_date ON events (date_from);
CREATE TABLE event_actors (
    event INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor INTEGER NOT NULL,
    date_from TEXT,
    PRIMARY KEY (actor, date_from, event)
) WITHOUT ROWID;
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    doc_event INTEGER,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    date_text TEXT
);
CREATE INDEX sources_event ON sources (event);
CREATE TABLE contradictions (
    id INTEGER PRIMARY KEY,
    field TEXT NOT NULL,
    about TEXT NOT NULL,
    description TEXT NOT NULL,
    docs TEXT NOT NULL,
    sides TEXT NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE documents_fts USING fts5 (text, content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content = '', contentless_delete = 1);
",
    // 2: the rebuild's links from reports to the corpus record leave the per-document tables,
    // which are written once: a report's event points to its merged event through `sources`
    // only (the column was a second copy of that link), and a report's entity to its actor
    // through `entity_actors`, a narrow table where the rebuild inserts the links that changed
    // instead of rewriting whole `doc_entities` rows.
    r"
ALTER TABLE doc_events DROP COLUMN event;
CREATE TABLE entity_actors (
    entity INTEGER PRIMARY KEY REFERENCES doc_entities (id) ON DELETE CASCADE,
    actor INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
INSERT INTO entity_actors (entity, actor, doc) SELECT id, actor, doc FROM doc_entities WHERE actor IS NOT NULL;
CREATE INDEX entity_actors_actor ON entity_actors (actor);
DROP INDEX doc_entities_actor;
ALTER TABLE doc_entities DROP COLUMN actor;
",
    // 3: actor codes of each report's entities (`{"cameo": "RUS"}`), and the mention that
    // names an event's place (the span a place contradiction cites).
    r"
ALTER TABLE doc_entities ADD COLUMN codes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE doc_events ADD COLUMN place_start INTEGER;
ALTER TABLE doc_events ADD COLUMN place_end INTEGER;
ALTER TABLE doc_events ADD COLUMN place_text TEXT;
",
];

pub const PG_MIGRATIONS: &[&str] = &[
    // 1: the corpus.
    r#"
CREATE TABLE documents (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc_key TEXT NOT NULL,
    url TEXT,
    url_key TEXT NOT NULL DEFAULT '',
    title TEXT,
    source TEXT,
    published TEXT,
    kind TEXT,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    reason TEXT,
    engine TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    UNIQUE (content_hash, url_key)
);
CREATE INDEX documents_key ON documents (doc_key);
CREATE TABLE analyses (
    doc BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE doc_entities (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]',
    actor BIGINT
);
CREATE INDEX doc_entities_doc ON doc_entities (doc);
CREATE INDEX doc_entities_actor ON doc_entities (actor);
CREATE TABLE mentions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity BIGINT NOT NULL REFERENCES doc_entities (id) ON DELETE CASCADE,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity);
CREATE INDEX mentions_doc ON mentions (doc);
CREATE TABLE quotes (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker BIGINT REFERENCES doc_entities (id) ON DELETE SET NULL,
    speaker_text TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT
);
CREATE INDEX quotes_doc ON quotes (doc);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE TABLE timexes (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX timexes_doc ON timexes (doc);
CREATE TABLE doc_events (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    type TEXT NOT NULL,
    plover TEXT,
    cameo TEXT,
    source TEXT NOT NULL DEFAULT '[]',
    target TEXT NOT NULL DEFAULT '[]',
    place BIGINT,
    trigger_start BIGINT NOT NULL,
    trigger_end BIGINT NOT NULL,
    trigger_text TEXT NOT NULL,
    sentence BIGINT NOT NULL,
    date_value TEXT,
    date_from TEXT,
    date_to TEXT,
    date_text TEXT,
    date_start BIGINT,
    date_end BIGINT,
    negated BIGINT NOT NULL DEFAULT 0,
    hypothetical BIGINT NOT NULL DEFAULT 0,
    event BIGINT
);
CREATE INDEX doc_events_doc ON doc_events (doc);
CREATE TABLE actors (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    codes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX actors_name ON actors (lower(name));
CREATE TABLE actor_names (
    actor BIGINT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    name TEXT NOT NULL
);
CREATE INDEX actor_names_name ON actor_names (lower(name));
CREATE TABLE events (
    id BIGINT PRIMARY KEY,
    type TEXT NOT NULL,
    plover TEXT,
    cameo TEXT,
    date_value TEXT,
    date_from TEXT,
    date_to TEXT,
    participants TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL DEFAULT '[]',
    target TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_date ON events (date_from);
CREATE TABLE event_actors (
    event BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor BIGINT NOT NULL,
    date_from TEXT NOT NULL,
    PRIMARY KEY (actor, date_from, event)
);
CREATE TABLE sources (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    doc_event BIGINT,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    date_text TEXT
);
CREATE INDEX sources_event ON sources (event);
CREATE TABLE contradictions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    field TEXT NOT NULL,
    about TEXT NOT NULL,
    description TEXT NOT NULL,
    docs TEXT NOT NULL,
    sides TEXT NOT NULL
);
CREATE TABLE decisions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents_fts (id BIGINT PRIMARY KEY, tsv TSVECTOR NOT NULL);
CREATE INDEX documents_fts_tsv ON documents_fts USING GIN (tsv);
CREATE TABLE quotes_fts (id BIGINT PRIMARY KEY, tsv TSVECTOR NOT NULL);
CREATE INDEX quotes_fts_tsv ON quotes_fts USING GIN (tsv);
"#,
    // 2: as in SQLite's migration 2.
    r"
ALTER TABLE doc_events DROP COLUMN event;
CREATE TABLE entity_actors (
    entity BIGINT PRIMARY KEY REFERENCES doc_entities (id) ON DELETE CASCADE,
    actor BIGINT NOT NULL,
    doc BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
INSERT INTO entity_actors (entity, actor, doc) SELECT id, actor, doc FROM doc_entities WHERE actor IS NOT NULL;
CREATE INDEX entity_actors_actor ON entity_actors (actor);
DROP INDEX doc_entities_actor;
ALTER TABLE doc_entities DROP COLUMN actor;
",
    // 3: as in SQLite.
    r"
ALTER TABLE doc_entities ADD COLUMN codes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE doc_events ADD COLUMN place_start BIGINT;
ALTER TABLE doc_events ADD COLUMN place_end BIGINT;
ALTER TABLE doc_events ADD COLUMN place_text TEXT;
",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(sql: &str) -> Vec<String> {
        let mut t: Vec<String> = sql
            .split("CREATE ")
            .filter_map(|s| {
                let s = s.strip_prefix("VIRTUAL ").unwrap_or(s);
                s.strip_prefix("TABLE ").and_then(|r| r.split_whitespace().next()).map(str::to_string)
            })
            .collect();
        t.sort();
        t
    }

    #[test]
    fn both_backends_have_the_same_migrations_and_tables() {
        assert_eq!(MIGRATIONS.len(), PG_MIGRATIONS.len());
        for (a, b) in MIGRATIONS.iter().zip(PG_MIGRATIONS) {
            assert_eq!(tables(a), tables(b));
        }
    }
}
