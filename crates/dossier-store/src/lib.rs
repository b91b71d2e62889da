//! # dossier-store
//!
//! The corpus: many analysed reports in one SQLite database (WAL, FTS5, versioned
//! migrations), turned into one record — one actor per real person ([`resolve`]), one event
//! per real event with all its sources ([`merge`]) and every disagreement between reports
//! ([`contradict`]). The store reads the per-document contract record ([`record`]), so any
//! engine that writes the contract can feed it. SQL takes parameters only, never spliced
//! strings.

pub mod bench;
pub mod contradict;
pub mod merge;
pub mod norm;
pub mod query;
pub mod rebuild;
pub mod record;
pub mod resolve;
mod schema;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

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
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) a database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| Error::Corrupt { path: name.clone(), source })?;
        let store = Self { conn };
        store.setup(&name, true)?;
        Ok(store)
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Self> {
        let store = Self { conn: Connection::open_in_memory()? };
        store.setup(":memory:", false)?;
        Ok(store)
    }

    fn setup(&self, name: &str, wal: bool) -> Result<()> {
        let corrupt = |source| Error::Corrupt { path: name.to_string(), source };
        self.conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(corrupt)?;
        // The first real read: a file that is not SQLite fails here.
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(corrupt)?;
        self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).map_err(corrupt)?;
        if wal {
            self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).map_err(corrupt)?;
        }
        // Foreign keys document the schema; the store keeps them itself (whole documents are
        // written and cleared in one transaction, `check` verifies), which saves a parent
        // lookup per inserted row.
        self.conn
            .execute_batch(
                "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;
                 PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456;",
            )
            .map_err(corrupt)?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::Newer { path: name.to_string(), found: version, known });
        }
        if version < known {
            // Another process may be migrating the same file: take the write lock, look again.
            let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// The underlying connection (queries, benchmarks).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The stored document with this text and URL, if any.
    pub fn lookup(&self, hash: &str, url: Option<&str>) -> Result<Option<Known>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, status FROM documents WHERE content_hash = ?1 AND url_key = ?2",
                params![hash, url.unwrap_or("")],
                |r| Ok(Known { id: r.get(0)?, ok: r.get::<_, String>(1)? == "ok" }),
            )
            .optional()?)
    }

    /// Writes a batch of documents in one transaction: all or nothing.
    pub fn write_batch(&self, items: &[Item]) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        for item in items {
            write_item(&tx, item)?;
        }
        tx.execute(
            "INSERT INTO state (key, value) VALUES ('dirty', '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether documents were written since the last [`rebuild`](Self::rebuild).
    pub fn is_dirty(&self) -> Result<bool> {
        let v: Option<String> =
            self.conn.query_row("SELECT value FROM state WHERE key = 'dirty'", [], |r| r.get(0)).optional()?;
        Ok(v.as_deref() == Some("1"))
    }

    /// Recomputes actors, merged events, sources and contradictions from the stored
    /// documents and the user's decisions, in one transaction.
    pub fn rebuild(&self) -> Result<()> {
        rebuild::rebuild(&self.conn)
    }

    /// Records a user decision (`merge` or `split` of two names); it wins over the
    /// automatic resolution from the next rebuild on.
    pub fn decide(&self, merge: bool, a: &str, b: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO decisions (kind, a, b) VALUES (?1, ?2, ?3)",
            params![if merge { "merge" } else { "split" }, a, b],
        )?;
        Ok(())
    }

    /// Stored documents as `(id, info, text)`: all of them, or only the failed ones.
    pub fn stored_documents(&self, failed_only: bool) -> Result<Vec<(i64, record::DocInfo, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, doc_key, url, title, source, published, kind, text FROM documents
             WHERE (?1 = 0 OR status = 'failed') AND text <> '' ORDER BY id",
        )?;
        let rows = stmt.query_map(params![failed_only as i64], |r| {
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
                r.get(7)?,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Corpus counts.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents WHERE status = 'ok'")?,
            failed: count("SELECT count(*) FROM documents WHERE status = 'failed'")?,
            actors: count("SELECT count(*) FROM actors")?,
            events: count("SELECT count(*) FROM events")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            contradictions: count("SELECT count(*) FROM contradictions")?,
        })
    }

    /// `PRAGMA integrity_check` plus the store's own invariants (every layer row points at
    /// an existing document). Returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let ic: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ic != "ok" {
            problems.push(ic);
        }
        for table in ["analyses", "doc_entities", "mentions", "quotes", "timexes", "doc_events"] {
            let sql = format!("SELECT count(*) FROM {table} WHERE doc NOT IN (SELECT id FROM documents)");
            let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} orphan row(s) in {table}"));
            }
        }
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM documents d WHERE status = 'ok' AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.doc = d.id)",
            [],
            |r| r.get(0),
        )?;
        if n > 0 {
            problems.push(format!("{n} ok document(s) without analysis"));
        }
        Ok(problems)
    }
}

fn upsert_document(
    tx: &Connection,
    info: &record::DocInfo,
    text: &str,
    ok: bool,
    reason: Option<&str>,
    engine: &str,
) -> Result<i64> {
    let hash = content_hash(text);
    let url_key = info.url.as_deref().unwrap_or("");
    let status = if ok { "ok" } else { "failed" };
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM documents WHERE content_hash = ?1 AND url_key = ?2", params![hash, url_key], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = existing {
        clear_layers(tx, id)?;
        tx.execute(
            "UPDATE documents SET doc_key = ?2, title = ?3, source = ?4, published = ?5, kind = ?6, status = ?7,
             reason = ?8, engine = ?9 WHERE id = ?1",
            params![id, info.id, info.title, info.source, info.published, info.kind, status, reason, engine],
        )?;
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO documents (doc_key, url, url_key, title, source, published, kind, content_hash, status, reason,
         engine, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            info.id,
            info.url,
            url_key,
            info.title,
            info.source,
            info.published,
            info.kind,
            hash,
            status,
            reason,
            engine,
            text
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn clear_layers(tx: &Connection, id: i64) -> Result<()> {
    tx.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE doc = ?1)", params![id])?;
    tx.execute("DELETE FROM documents_fts WHERE rowid = ?1", params![id])?;
    for table in ["analyses", "mentions", "quotes", "timexes", "doc_events", "doc_entities", "sources"] {
        tx.execute(&format!("DELETE FROM {table} WHERE doc = ?1"), params![id])?;
    }
    Ok(())
}

fn write_item(tx: &Connection, item: &Item) -> Result<()> {
    match item {
        Item::Failed { info, text, reason, engine } => {
            upsert_document(tx, info, text, false, Some(reason), engine)?;
        }
        Item::Analyzed { record, engine } => {
            let doc = upsert_document(tx, &record.doc, &record.text, true, None, engine)?;
            // What has no table of its own: sentences (for `show`), warnings, turns.
            let rest = serde_json::json!({
                "schema": "dossier/1", "sentences": record.sentences, "warnings": record.warnings, "turns": record.turns,
            });
            tx.execute(
                "INSERT INTO analyses (doc, engine, record) VALUES (?1, ?2, ?3)",
                params![doc, engine, serde_json::to_string(&rest)?],
            )?;
            tx.execute("INSERT INTO documents_fts (rowid, text) VALUES (?1, ?2)", params![doc, record.text])?;
            write_layers(tx, doc, record)?;
        }
    }
    Ok(())
}

fn write_layers(tx: &Connection, doc: i64, r: &DocRecord) -> Result<()> {
    use std::collections::HashMap;
    let mut entity_row: HashMap<&str, i64> = HashMap::new();
    let mut ins_entity =
        tx.prepare_cached("INSERT INTO doc_entities (doc, local_id, name, type, roles) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut ins_mention = tx
        .prepare_cached("INSERT INTO mentions (doc, entity, start, end, text, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for e in &r.entities {
        let roles = serde_json::to_string(&e.roles)?;
        ins_entity.execute(params![doc, e.id, e.name, e.kind, roles])?;
        let row = tx.last_insert_rowid();
        entity_row.insert(e.id.as_str(), row);
        for m in &e.mentions {
            ins_mention.execute(params![doc, row, m.start, m.end, m.text, m.kind])?;
        }
    }
    let mut ins_quote = tx.prepare_cached(
        "INSERT INTO quotes (doc, local_id, start, end, text, kind, speaker, speaker_text, speaker_start, speaker_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut ins_quote_fts = tx.prepare_cached("INSERT INTO quotes_fts (rowid, text) VALUES (?1, ?2)")?;
    for q in &r.quotes {
        let speaker = q.speaker.as_deref().and_then(|s| entity_row.get(s)).copied();
        let sm = q.speaker_mention.as_ref();
        ins_quote.execute(params![
            doc,
            q.id,
            q.start,
            q.end,
            q.text,
            q.kind,
            speaker,
            sm.map(|s| s.text.as_str()),
            sm.map(|s| s.start),
            sm.map(|s| s.end)
        ])?;
        ins_quote_fts.execute(params![tx.last_insert_rowid(), q.text])?;
    }
    let mut ins_timex = tx.prepare_cached(
        "INSERT INTO timexes (doc, local_id, start, end, text, type, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut timex_span: HashMap<&str, (&str, u32, u32)> = HashMap::new();
    for t in &r.timexes {
        ins_timex.execute(params![doc, t.id, t.start, t.end, t.text, t.kind, t.value])?;
        timex_span.insert(t.id.as_str(), (t.text.as_str(), t.start, t.end));
    }
    let mut ins_event = tx.prepare_cached(
        "INSERT INTO doc_events (doc, local_id, type, plover, cameo, source, target, place, trigger_start, trigger_end,
         trigger_text, sentence, date_value, date_from, date_to, date_text, date_start, date_end, negated, hypothetical)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let rows =
        |ids: &[String]| -> Vec<i64> { ids.iter().filter_map(|i| entity_row.get(i.as_str()).copied()).collect() };
    for ev in &r.events {
        let (value, from, to) = match &ev.date {
            Some(d) => {
                let (f, t) = match (&d.from, &d.to) {
                    (Some(f), Some(t)) => (Some(f.clone()), Some(t.clone())),
                    _ => record::date_interval(&d.value).map_or((None, None), |(f, t)| (Some(f), Some(t))),
                };
                (Some(d.value.clone()), f, t)
            }
            None => (None, None, None),
        };
        let when = ev.when.as_deref().and_then(|w| timex_span.get(w));
        let place = ev.place.as_deref().and_then(|p| entity_row.get(p)).copied();
        ins_event.execute(params![
            doc,
            ev.id,
            ev.kind,
            ev.plover,
            ev.cameo,
            serde_json::to_string(&rows(&ev.source))?,
            serde_json::to_string(&rows(&ev.target))?,
            place,
            ev.trigger.start,
            ev.trigger.end,
            ev.trigger.text,
            ev.sentence,
            value,
            from,
            to,
            when.map(|w| w.0),
            when.map(|w| w.1),
            when.map(|w| w.2),
            ev.negated,
            ev.hypothetical
        ])?;
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
        let v: i64 = s.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(content_hash(""), "cbf29ce484222325".to_string() + &content_hash("")[16..]);
        assert_ne!(content_hash("a"), content_hash("b"));
    }
}
