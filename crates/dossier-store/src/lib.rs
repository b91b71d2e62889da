//! # dossier-store
//!
//! The corpus: many analysed reports in one database — SQLite (WAL, FTS5) or PostgreSQL
//! (tsvector), same schema and versioned migrations ([`db`]), turned into one record — one actor per real person ([`resolve`]), one event
//! per real event with all its sources ([`merge`]) and every disagreement between reports
//! ([`contradict`]). The store reads the per-document contract record ([`record`]), so any
//! engine that writes the contract can feed it. SQL takes parameters only, never spliced
//! strings.

pub mod bench;
#[cfg(feature = "parquet")]
pub mod columnar;
pub mod contradict;
pub mod db;
pub mod merge;
pub mod norm;
pub mod query;
pub mod rebuild;
pub mod record;
pub mod resolve;
mod schema;
pub mod testing;

use std::path::Path;

/// Hash maps and sets for the store's in-memory work (resolution, merging, clustering):
/// foldhash instead of SipHash. Keys are the store's own ids and words, not attacker-chosen
/// collisions that matter, and nothing depends on iteration order (outputs are sorted).
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

pub use db::{Backend, Db};
pub use record::DocRecord;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: not a dossier database or corrupt ({source})")]
    Corrupt { path: String, source: rusqlite::Error },
    #[error("{path}: database schema version {found} is newer than this program knows ({known})")]
    Newer { path: String, found: i64, known: i64 },
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("postgresql: {0}")]
    Postgres(Box<postgres::Error>),
    #[error("{url}: cannot connect to PostgreSQL ({source})")]
    Connect { url: String, source: Box<postgres::Error> },
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A 128-bit content hash (two FNV-1a 64 lanes), hex. Stable across platforms and
/// releases; used for de-duplication, not security.
pub fn content_hash(text: &str) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &byte in text.as_bytes() {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(5);
    }
    format!("{a:016x}{b:016x}")
}

/// What the store knows about one document identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: i64,
    pub ok: bool,
}

/// One document's outcome, ready to be written.
#[derive(Debug, Clone)]
pub enum Item {
    /// An analysed document: its contract record.
    Analyzed { record: Box<DocRecord>, engine: String },
    /// A document that could not be analysed (or read), with the reason.
    Failed { info: record::DocInfo, text: String, reason: String, engine: String },
}

/// Counts of the stored corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub documents: i64,
    pub failed: i64,
    pub actors: i64,
    pub events: i64,
    pub quotes: i64,
    pub contradictions: i64,
}

/// A connection to a corpus database.
pub struct Store {
    db: Db,
}

/// Whether a `--db` value names a PostgreSQL server rather than a SQLite file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A connection string with any password replaced (for messages).
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let auth = &url[s + 3..at];
            match auth.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &auth[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl Store {
    /// Opens a `--db` location: a `postgres://` URL or a SQLite file path.
    pub fn connect(location: &str) -> Result<Self> {
        if is_postgres_url(location) { Self::open_postgres(location) } else { Self::open(Path::new(location)) }
    }

    /// Opens (creating if needed) a database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let conn = rusqlite::Connection::open(path).map_err(|source| Error::Corrupt { path: name.clone(), source })?;
        Self::setup_sqlite(conn, &name, true)
    }

    /// A private in-memory SQLite database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Self> {
        Self::setup_sqlite(rusqlite::Connection::open_in_memory()?, ":memory:", false)
    }

    /// Connects to a PostgreSQL database (`postgres://user@host:port/db`, no TLS) and brings
    /// its schema up to date.
    pub fn open_postgres(url: &str) -> Result<Self> {
        let client = postgres::Client::connect(url, postgres::NoTls)
            .map_err(|e| Error::Connect { url: redact(url), source: Box::new(e) })?;
        let store = Self { db: Db::postgres(client) };
        store.db.batch("SET client_min_messages = warning")?;
        let known = schema::PG_MIGRATIONS.len() as i64;
        let newer = |found| Error::Newer { path: redact(url), found, known };
        let current = |db: &Db| -> Result<i64> {
            if db.query_value::<bool>("SELECT to_regclass('dossier_schema') IS NOT NULL", p![])? {
                db.query_value("SELECT coalesce(max(version), 0) FROM dossier_schema", p![])
            } else {
                Ok(0)
            }
        };
        let version = current(&store.db)?;
        if version > known {
            return Err(newer(version));
        }
        if version == known {
            return Ok(store);
        }
        // Another process may be migrating the same database: the advisory lock orders them.
        let tx = store.db.write_tx()?;
        store.db.batch("CREATE TABLE IF NOT EXISTS dossier_schema (version BIGINT NOT NULL)")?;
        let version: i64 = store.db.query_value("SELECT coalesce(max(version), 0) FROM dossier_schema", p![])?;
        if version > known {
            return Err(newer(version));
        }
        for (i, sql) in schema::PG_MIGRATIONS.iter().enumerate().skip(version as usize) {
            store.db.batch(sql)?;
            store.db.execute("INSERT INTO dossier_schema (version) VALUES (?1)", p![(i + 1) as i64])?;
        }
        tx.commit()?;
        Ok(store)
    }

    fn setup_sqlite(conn: rusqlite::Connection, name: &str, wal: bool) -> Result<Self> {
        let corrupt = |source| Error::Corrupt { path: name.to_string(), source };
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(corrupt)?;
        // The first real read: a file that is not SQLite fails here.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(corrupt)?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).map_err(corrupt)?;
        if wal {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).map_err(corrupt)?;
        }
        // Foreign keys document the schema; the store keeps them itself (whole documents are
        // written and cleared in one transaction, `check` verifies), which saves a parent
        // lookup per inserted row. A 32 MB write-ahead log between checkpoints copies pages
        // that several batches touch (indexes, full-text segments) back once, not per batch.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;
                 PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 8192;",
        )
        .map_err(corrupt)?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::Newer { path: name.to_string(), found: version, known });
        }
        if version < known {
            // Another process may be migrating the same file: take the write lock, look again.
            let tx = rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Immediate)?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            tx.commit()?;
        }
        Ok(Self { db: Db::sqlite(conn) })
    }

    /// The database connection (queries, benchmarks, tests).
    pub fn conn(&self) -> &Db {
        &self.db
    }

    /// The schema version (number of applied migrations).
    pub fn schema_version(&self) -> Result<i64> {
        match self.db.backend() {
            Backend::Sqlite => self.db.query_value("PRAGMA user_version", p![]),
            Backend::Postgres => self.db.query_value("SELECT max(version) FROM dossier_schema", p![]),
        }
    }

    /// The stored document with this text and URL, if any.
    pub fn lookup(&self, hash: &str, url: Option<&str>) -> Result<Option<Known>> {
        let row = self.db.query_opt(
            "SELECT id, status FROM documents WHERE content_hash = ?1 AND url_key = ?2",
            p![hash, url.unwrap_or("")],
        )?;
        row.map(|r| Ok(Known { id: r.get(0)?, ok: r.get::<String>(1)? == "ok" })).transpose()
    }

    /// Writes a batch of documents in one transaction: all or nothing.
    pub fn write_batch(&self, items: &[Item]) -> Result<()> {
        let tx = self.db.write_tx()?;
        // Writers take turns (a write transaction in SQLite, the advisory lock in PostgreSQL),
        // so the batch can number its entity and quote rows itself and insert them in bulk.
        let mut fts = FtsBatch {
            last_entity: self.db.query_value("SELECT coalesce(max(id), 0) FROM doc_entities", p![])?,
            last_quote: self.db.query_value("SELECT coalesce(max(id), 0) FROM quotes", p![])?,
            ..FtsBatch::default()
        };
        for item in items {
            write_item(&self.db, item, &mut fts)?;
        }
        fts.write(&self.db)?;
        self.db.execute(
            "INSERT INTO state (key, value) VALUES ('dirty', '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
            p![],
        )?;
        tx.commit()
    }

    /// Whether documents were written since the last [`rebuild`](Self::rebuild).
    pub fn is_dirty(&self) -> Result<bool> {
        let v = self.db.query_opt("SELECT value FROM state WHERE key = 'dirty'", p![])?;
        Ok(match v {
            Some(r) => r.get::<String>(0)? == "1",
            None => false,
        })
    }

    /// Recomputes actors, merged events, sources and contradictions from the stored
    /// documents and the user's decisions, in one transaction.
    pub fn rebuild(&self) -> Result<()> {
        rebuild::rebuild(&self.db)
    }

    /// Records a user decision (`merge` or `split` of two names); it wins over the
    /// automatic resolution from the next rebuild on.
    pub fn decide(&self, merge: bool, a: &str, b: &str) -> Result<()> {
        self.db.execute(
            "INSERT INTO decisions (kind, a, b) VALUES (?1, ?2, ?3)",
            p![if merge { "merge" } else { "split" }, a, b],
        )?;
        Ok(())
    }

    /// The current name of an actor.
    pub fn actor_name(&self, id: i64) -> Result<Option<String>> {
        self.db.query_opt("SELECT name FROM actors WHERE id = ?1", p![id])?.map(|r| r.get(0)).transpose()
    }

    /// Stored documents as `(id, info, text)`: all of them, or only the failed ones.
    pub fn stored_documents(&self, failed_only: bool) -> Result<Vec<(i64, record::DocInfo, String)>> {
        let rows = self.db.query(
            "SELECT id, doc_key, url, title, source, published, kind, text FROM documents
             WHERE (?1 = 0 OR status = 'failed') AND text <> '' ORDER BY id",
            p![failed_only],
        )?;
        rows.into_iter()
            .map(|mut r| {
                Ok((
                    r.get(0)?,
                    record::DocInfo {
                        id: r.get(1)?,
                        url: r.get(2)?,
                        title: r.get(3)?,
                        source: r.get(4)?,
                        published: r.get(5)?,
                        kind: r.get(6)?,
                    },
                    r.take_text(7)?,
                ))
            })
            .collect()
    }

    /// Corpus counts (one snapshot).
    pub fn stats(&self) -> Result<Stats> {
        let r = self
            .db
            .query_opt(
                "SELECT (SELECT count(*) FROM documents WHERE status = 'ok'),
                        (SELECT count(*) FROM documents WHERE status = 'failed'),
                        (SELECT count(*) FROM actors), (SELECT count(*) FROM events),
                        (SELECT count(*) FROM quotes), (SELECT count(*) FROM contradictions)",
                p![],
            )?
            .ok_or_else(|| Error::Invalid("no counts".into()))?;
        Ok(Stats {
            documents: r.get(0)?,
            failed: r.get(1)?,
            actors: r.get(2)?,
            events: r.get(3)?,
            quotes: r.get(4)?,
            contradictions: r.get(5)?,
        })
    }

    /// The database's own integrity check (SQLite) plus the store's invariants (every layer
    /// row points at an existing document). Returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        if self.db.backend() == Backend::Sqlite {
            let ic: String = self.db.query_value("PRAGMA integrity_check", p![])?;
            if ic != "ok" {
                problems.push(ic);
            }
        }
        for table in ["analyses", "doc_entities", "mentions", "quotes", "timexes", "doc_events", "entity_actors"] {
            let sql = format!("SELECT count(*) FROM {table} WHERE doc NOT IN (SELECT id FROM documents)");
            let n: i64 = self.db.query_value(&sql, p![])?;
            if n > 0 {
                problems.push(format!("{n} orphan row(s) in {table}"));
            }
        }
        let n: i64 = self.db.query_value(
            "SELECT count(*) FROM entity_actors WHERE entity NOT IN (SELECT id FROM doc_entities)",
            p![],
        )?;
        if n > 0 {
            problems.push(format!("{n} actor link(s) of entities that are gone"));
        }
        let n: i64 = self.db.query_value(
            "SELECT count(*) FROM documents d WHERE status = 'ok' AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.doc = d.id)",
            p![],
        )?;
        if n > 0 {
            problems.push(format!("{n} ok document(s) without analysis"));
        }
        Ok(problems)
    }
}

/// Words for the full-text index: runs of letters and digits, case and diacritics folded
/// (as SQLite's FTS5 `unicode61` tokenizer does), joined by spaces; PostgreSQL indexes
/// them with the `simple` configuration, so both backends match the same words.
pub(crate) fn fts_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let f = norm::fold(w);
        for part in f.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(part);
        }
    }
    out
}

/// Full-text rows of one batch, written together at its end: FTS5 flushes its in-memory
/// index at every statement that touches it, so one statement per batch instead of one per
/// row saves most of the indexing cost.
/// The same holds for the layer rows: they are written with one statement (SQLite: one
/// prepared statement) per table per batch. Entity and quote rows are numbered by the batch
/// (`last_entity`, `last_quote`: the highest id in use), so mentions, speakers and the quote
/// index can point at them before they are written.
struct FtsBatch<'a> {
    documents: Vec<(i64, &'a str)>,
    /// `(doc, quote id, text)`.
    quotes: Vec<(i64, i64, &'a str)>,
    /// `doc_entities` rows, document first (see [`FtsBatch::forget`]).
    entities: db::Rows<'a>,
    /// `quotes` rows, document first.
    quote_rows: db::Rows<'a>,
    last_entity: i64,
    last_quote: i64,
    mentions: db::Rows<'a>,
    timexes: db::Rows<'a>,
    events: db::Rows<'a>,
}

impl Default for FtsBatch<'_> {
    fn default() -> Self {
        Self {
            documents: Vec::new(),
            quotes: Vec::new(),
            entities: db::Rows::new(7),
            quote_rows: db::Rows::new(11),
            last_entity: 0,
            last_quote: 0,
            mentions: db::Rows::new(6),
            timexes: db::Rows::new(7),
            events: db::Rows::new(23),
        }
    }
}

impl FtsBatch<'_> {
    /// Drops what was buffered for a document that is written again in the same batch.
    fn forget(&mut self, doc: i64) {
        let other = |row: &[db::Field<'_>]| row.first() != Some(&db::Field::Int(doc));
        self.documents.retain(|d| d.0 != doc);
        self.quotes.retain(|q| q.0 != doc);
        self.entities.retain(other);
        self.quote_rows.retain(other);
        self.mentions.retain(other);
        self.timexes.retain(other);
        self.events.retain(other);
    }

    fn write(&self, db: &Db) -> Result<()> {
        let quotes: Vec<(i64, &str)> = self.quotes.iter().map(|q| (q.1, q.2)).collect();
        use db::Col::{Int, Text};
        // Entities first: mentions and quotes point at them (PostgreSQL checks).
        db.insert_rows(
            "doc_entities",
            &[
                ("doc", Int),
                ("id", Int),
                ("local_id", Text),
                ("name", Text),
                ("type", Text),
                ("roles", Text),
                ("codes", Text),
            ],
            &self.entities,
            "",
        )?;
        db.insert_rows(
            "quotes",
            &[
                ("doc", Int),
                ("id", Int),
                ("local_id", Text),
                ("start", Int),
                ("\"end\"", Int),
                ("text", Text),
                ("kind", Text),
                ("speaker", Int),
                ("speaker_text", Text),
                ("speaker_start", Int),
                ("speaker_end", Int),
            ],
            &self.quote_rows,
            "",
        )?;
        if db.backend() == Backend::Postgres {
            // Rows numbered here bypassed the identity sequences: move them past the new ids.
            for (table, written, last) in
                [("doc_entities", &self.entities, self.last_entity), ("quotes", &self.quote_rows, self.last_quote)]
            {
                if !written.is_empty() {
                    db.execute(&format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), ?1)"), p![last])?;
                }
            }
        }
        db.insert_rows(
            "mentions",
            &[("doc", Int), ("entity", Int), ("start", Int), ("\"end\"", Int), ("text", Text), ("kind", Text)],
            &self.mentions,
            "",
        )?;
        db.insert_rows(
            "timexes",
            &[
                ("doc", Int),
                ("local_id", Text),
                ("start", Int),
                ("\"end\"", Int),
                ("text", Text),
                ("type", Text),
                ("value", Text),
            ],
            &self.timexes,
            "",
        )?;
        db.insert_rows(
            "doc_events",
            &[
                ("doc", Int),
                ("local_id", Text),
                ("type", Text),
                ("plover", Text),
                ("cameo", Text),
                ("source", Text),
                ("target", Text),
                ("place", Int),
                ("place_start", Int),
                ("place_end", Int),
                ("place_text", Text),
                ("trigger_start", Int),
                ("trigger_end", Int),
                ("trigger_text", Text),
                ("sentence", Int),
                ("date_value", Text),
                ("date_from", Text),
                ("date_to", Text),
                ("date_text", Text),
                ("date_start", Int),
                ("date_end", Int),
                ("negated", Int),
                ("hypothetical", Int),
            ],
            &self.events,
            "",
        )?;
        for (table, rows) in [("documents_fts", &self.documents), ("quotes_fts", &quotes)] {
            if rows.is_empty() {
                continue;
            }
            match db.backend() {
                Backend::Sqlite => {
                    let mut values = db::Rows::with_capacity(2, rows.len());
                    for &(id, text) in rows {
                        values.push([id.into(), text.into()]);
                    }
                    db.insert_values(table, &["rowid", "text"], &values)?;
                }
                Backend::Postgres => {
                    for (id, text) in rows {
                        fts_insert(db, table, *id, text)?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn fts_insert(db: &Db, table: &str, id: i64, text: &str) -> Result<()> {
    match db.backend() {
        Backend::Sqlite => db.execute(&format!("INSERT INTO {table} (rowid, text) VALUES (?1, ?2)"), p![id, text])?,
        Backend::Postgres => db.execute(
            &format!("INSERT INTO {table} (id, tsv) VALUES (?1, to_tsvector('simple', ?2))"),
            p![id, &fts_words(text)],
        )?,
    };
    Ok(())
}

fn upsert_document(
    db: &Db,
    fts: &mut FtsBatch<'_>,
    info: &record::DocInfo,
    text: &str,
    failure: Option<&str>,
    engine: &str,
) -> Result<i64> {
    let hash = content_hash(text);
    let url_key = info.url.as_deref().unwrap_or("");
    let (status, reason) = match failure {
        None => ("ok", None),
        Some(r) => ("failed", Some(r)),
    };
    let existing =
        db.query_opt("SELECT id FROM documents WHERE content_hash = ?1 AND url_key = ?2", p![&hash, url_key])?;
    if let Some(r) = existing {
        let id: i64 = r.get(0)?;
        clear_layers(db, id)?;
        fts.forget(id);
        db.execute(
            "UPDATE documents SET doc_key = ?2, title = ?3, source = ?4, published = ?5, kind = ?6, status = ?7,
             reason = ?8, engine = ?9 WHERE id = ?1",
            p![id, &info.id, &info.title, &info.source, &info.published, &info.kind, status, reason, engine],
        )?;
        return Ok(id);
    }
    db.insert_id(
        "INSERT INTO documents (doc_key, url, url_key, title, source, published, kind, content_hash, status, reason,
         engine, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        p![
            &info.id,
            &info.url,
            url_key,
            &info.title,
            &info.source,
            &info.published,
            &info.kind,
            &hash,
            status,
            reason,
            engine,
            text
        ],
    )
}

fn clear_layers(db: &Db, id: i64) -> Result<()> {
    match db.backend() {
        Backend::Sqlite => {
            db.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE doc = ?1)", p![id])?;
            db.execute("DELETE FROM documents_fts WHERE rowid = ?1", p![id])?;
        }
        Backend::Postgres => {
            db.execute("DELETE FROM quotes_fts WHERE id IN (SELECT id FROM quotes WHERE doc = ?1)", p![id])?;
            db.execute("DELETE FROM documents_fts WHERE id = ?1", p![id])?;
        }
    }
    for table in ["analyses", "mentions", "quotes", "timexes", "doc_events", "entity_actors", "doc_entities", "sources"]
    {
        db.execute(&format!("DELETE FROM {table} WHERE doc = ?1"), p![id])?;
    }
    Ok(())
}

fn write_item<'a>(db: &Db, item: &'a Item, fts: &mut FtsBatch<'a>) -> Result<()> {
    match item {
        Item::Failed { info, text, reason, engine } => {
            upsert_document(db, fts, info, text, Some(reason), engine)?;
        }
        Item::Analyzed { record, engine } => {
            let doc = upsert_document(db, fts, &record.doc, &record.text, None, engine)?;
            // What has no table of its own: sentences (for `show`), warnings, turns. Written
            // straight from the record (no intermediate JSON tree), keys in this order.
            #[derive(serde::Serialize)]
            struct Rest<'r> {
                schema: &'static str,
                sentences: &'r [record::Span],
                warnings: &'r [serde_json::Value],
                turns: &'r [serde_json::Value],
            }
            let rest = Rest {
                schema: "dossier/1",
                sentences: &record.sentences,
                warnings: &record.warnings,
                turns: &record.turns,
            };
            db.execute(
                "INSERT INTO analyses (doc, engine, record) VALUES (?1, ?2, ?3)",
                p![doc, engine, &serde_json::to_string(&rest)?],
            )?;
            fts.documents.push((doc, &record.text));
            write_layers(doc, record, fts)?;
        }
    }
    Ok(())
}

fn write_layers<'a>(doc: i64, r: &'a DocRecord, fts: &mut FtsBatch<'a>) -> Result<()> {
    let mut entity_row: HashMap<&str, i64> = HashMap::default();
    for e in &r.entities {
        fts.last_entity += 1;
        let row = fts.last_entity;
        fts.entities.push([
            doc.into(),
            row.into(),
            (&e.id).into(),
            (&e.name).into(),
            (&e.kind).into(),
            serde_json::to_string(&e.roles)?.into(),
            serde_json::to_string(&e.codes)?.into(),
        ]);
        entity_row.insert(e.id.as_str(), row);
        for m in &e.mentions {
            fts.mentions.push([
                doc.into(),
                row.into(),
                m.start.into(),
                m.end.into(),
                (&m.text).into(),
                (&m.kind).into(),
            ]);
        }
    }
    for q in &r.quotes {
        let speaker = q.speaker.as_deref().and_then(|s| entity_row.get(s)).copied();
        let sm = q.speaker_mention.as_ref();
        fts.last_quote += 1;
        let id = fts.last_quote;
        fts.quote_rows.push([
            doc.into(),
            id.into(),
            (&q.id).into(),
            q.start.into(),
            q.end.into(),
            (&q.text).into(),
            (&q.kind).into(),
            speaker.into(),
            sm.map(|s| s.text.as_str()).into(),
            sm.map(|s| s.start).into(),
            sm.map(|s| s.end).into(),
        ]);
        fts.quotes.push((doc, id, &q.text));
    }
    let mut timex_span: HashMap<&str, (&str, u32, u32)> = HashMap::default();
    for t in &r.timexes {
        fts.timexes.push([
            doc.into(),
            (&t.id).into(),
            t.start.into(),
            t.end.into(),
            (&t.text).into(),
            (&t.kind).into(),
            (&t.value).into(),
        ]);
        timex_span.insert(t.id.as_str(), (t.text.as_str(), t.start, t.end));
    }
    let rows =
        |ids: &[String]| -> Vec<i64> { ids.iter().filter_map(|i| entity_row.get(i.as_str()).copied()).collect() };
    for ev in &r.events {
        let (value, from, to) = match &ev.date {
            Some(d) => {
                let (f, t) = record::event_interval(&d.value, d.from.as_deref(), d.to.as_deref()).unzip();
                (Some(d.value.as_str()), f, t)
            }
            None => (None, None, None),
        };
        let when = ev.when.as_deref().and_then(|w| timex_span.get(w));
        let place = ev.place.as_deref().and_then(|p| entity_row.get(p)).copied();
        let pm = ev.place_mention.as_ref().filter(|_| place.is_some());
        let (source, target) = (serde_json::to_string(&rows(&ev.source))?, serde_json::to_string(&rows(&ev.target))?);
        fts.events.push([
            doc.into(),
            (&ev.id).into(),
            (&ev.kind).into(),
            ev.plover.as_deref().into(),
            ev.cameo.as_deref().into(),
            source.into(),
            target.into(),
            place.into(),
            pm.map(|m| m.start).into(),
            pm.map(|m| m.end).into(),
            pm.map(|m| m.text.as_str()).into(),
            ev.trigger.start.into(),
            ev.trigger.end.into(),
            (&ev.trigger.text).into(),
            ev.sentence.into(),
            value.into(),
            from.into(),
            to.into(),
            when.map(|w| w.0).into(),
            when.map(|w| w.1).into(),
            when.map(|w| w.2).into(),
            ev.negated.into(),
            ev.hypothetical.into(),
        ]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.db");
        std::fs::write(&path, b"this is not a database at all, just some bytes that go on and on ....").unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(err.to_string().contains("not a dossier database"), "{err}");
    }

    #[test]
    fn migrations_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        drop(Store::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    }

    /// A database of an earlier schema opens, migrates once, and keeps its rows.
    #[test]
    fn an_older_database_is_migrated_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(schema::MIGRATIONS[0]).unwrap();
            c.execute_batch(
                "PRAGMA user_version = 1;
                 INSERT INTO documents (id, doc_key, content_hash, status, text) VALUES (1, 'a', 'h', 'ok', 'A met B.');
                 INSERT INTO analyses (doc, engine, record) VALUES (1, 'test', '{}');
                 INSERT INTO doc_events (doc, local_id, type, trigger_start, trigger_end, trigger_text, sentence, event)
                 VALUES (1, 'e1', 'meeting', 2, 5, 'met', 0, 7);
                 INSERT INTO doc_entities (id, doc, local_id, name, type, actor) VALUES (4, 1, 'x1', 'A', 'PERSON', 9);
                 INSERT INTO doc_entities (id, doc, local_id, name, type) VALUES (5, 1, 'x2', 'B', 'PERSON');",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
        let kept: String =
            s.conn().query_value("SELECT trigger_text FROM doc_events WHERE local_id = 'e1'", p![]).unwrap();
        assert_eq!(kept, "met");
        assert!(s.conn().query_value::<i64>("SELECT event FROM doc_events", p![]).is_err(), "the column is gone");
        assert!(s.conn().query_value::<i64>("SELECT actor FROM doc_entities", p![]).is_err(), "the column is gone");
        let links: Vec<(i64, i64, i64)> = s
            .conn()
            .query("SELECT entity, actor, doc FROM entity_actors", p![])
            .unwrap()
            .iter()
            .map(|r| (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap()))
            .collect();
        assert_eq!(links, vec![(4, 9, 1)], "the entity with an actor keeps it");
        assert!(s.check().unwrap().is_empty());
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(content_hash(""), "cbf29ce484222325".to_string() + &content_hash("")[16..]);
        assert_ne!(content_hash("a"), content_hash("b"));
    }
}
