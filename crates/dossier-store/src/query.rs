//! Read queries over the corpus record: timeline, actors, quotes, search, show, export.
//! Every user string reaches SQL as a bound parameter; search words are quoted as FTS5
//! phrases (SQLite) or bound one per parameter to `phraseto_tsquery` (PostgreSQL), so no
//! input can change a query's structure.

use serde::Serialize;
use serde_json::{Value, json};

use crate::db::{Backend, Db, Row};
use crate::{Result, p};

/// An actor by id (`a12` or `12`) or by any of its names (case-insensitive; then a unique
/// name containing the words).
pub fn find_actor(conn: &Db, what: &str) -> Result<Option<i64>> {
    let bare = what.strip_prefix('a').unwrap_or(what);
    if let Ok(id) = bare.parse::<i64>()
        && let Some(r) = conn.query_opt("SELECT id FROM actors WHERE id = ?1", p![id])?
    {
        return Ok(Some(r.get(0)?));
    }
    // Names compare case-insensitively (SQLite: the column's NOCASE collation; PostgreSQL:
    // lower() on both sides, as its index does).
    let (exact, contains) = match conn.backend() {
        Backend::Sqlite => (
            "SELECT n.actor FROM actor_names n JOIN actors a ON a.id = n.actor WHERE n.name = ?1
             GROUP BY n.actor ORDER BY (SELECT count(*) FROM entity_actors d WHERE d.actor = n.actor) DESC, n.actor LIMIT 1",
            "SELECT DISTINCT actor FROM actor_names WHERE instr(lower(name), lower(?1)) > 0 ORDER BY actor LIMIT 2",
        ),
        Backend::Postgres => (
            "SELECT n.actor FROM actor_names n JOIN actors a ON a.id = n.actor WHERE lower(n.name) = lower(?1)
             GROUP BY n.actor ORDER BY (SELECT count(*) FROM entity_actors d WHERE d.actor = n.actor) DESC, n.actor LIMIT 1",
            "SELECT DISTINCT actor FROM actor_names WHERE strpos(lower(name), lower(?1)) > 0 ORDER BY actor LIMIT 2",
        ),
    };
    if let Some(r) = conn.query_opt(exact, p![what])? {
        return Ok(Some(r.get(0)?));
    }
    let ids: Vec<i64> = conn.query(contains, p![what])?.iter().map(|r| r.get(0)).collect::<Result<_>>()?;
    Ok(if ids.len() == 1 { ids.first().copied() } else { None })
}

fn actor_names(conn: &Db, json_ids: &str) -> Result<Vec<String>> {
    let ids: Vec<i64> = serde_json::from_str(json_ids).unwrap_or_default();
    let mut out = Vec::new();
    for id in ids {
        if let Some(r) = conn.query_opt("SELECT name FROM actors WHERE id = ?1", p![id])? {
            out.push(r.get(0)?);
        }
    }
    Ok(out)
}

/// One line of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub participants: Vec<String>,
    pub sources: i64,
}

/// Events in date order, optionally of one actor and within `[from, to]` (ISO dates).
pub fn timeline(
    conn: &Db,
    actor: Option<i64>,
    from: Option<&str>,
    to: Option<&str>,
    limit: i64,
) -> Result<Vec<TimelineRow>> {
    // Without bounds the comparison is with the empty string and the highest character, so
    // both backends use the (actor, date) index without type guesses for NULL parameters.
    let (from, to) = (from.unwrap_or(""), to.unwrap_or("\u{10ffff}"));
    let rows = match actor {
        Some(actor) => conn.query(
            "SELECT e.id, e.type, e.date_value, e.participants, (SELECT count(*) FROM sources s WHERE s.event = e.id)
             FROM event_actors ea JOIN events e ON e.id = ea.event
             WHERE ea.actor = ?1 AND ea.date_from >= ?2 AND ea.date_from <= ?3
             ORDER BY ea.date_from, ea.event LIMIT ?4",
            p![actor, from, to, limit],
        )?,
        None if from.is_empty() && to == "\u{10ffff}" => conn.query(
            "SELECT e.id, e.type, e.date_value, e.participants, (SELECT count(*) FROM sources s WHERE s.event = e.id)
             FROM events e ORDER BY e.date_from NULLS FIRST, e.id LIMIT ?1",
            p![limit],
        )?,
        None => conn.query(
            "SELECT e.id, e.type, e.date_value, e.participants, (SELECT count(*) FROM sources s WHERE s.event = e.id)
             FROM events e WHERE e.date_from >= ?1 AND e.date_from <= ?2 ORDER BY e.date_from, e.id LIMIT ?3",
            p![from, to, limit],
        )?,
    };
    let rows: Vec<(i64, String, Option<String>, String, i64)> =
        rows.iter().map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).collect::<Result<_>>()?;
    // Names looked up once per actor, not once per row.
    let mut names: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    rows.into_iter()
        .map(|(id, kind, date, parts, sources)| {
            let participants = match names.get(&parts) {
                Some(n) => n.clone(),
                None => {
                    let n = actor_names(conn, &parts)?;
                    names.insert(parts, n.clone());
                    n
                }
            };
            Ok(TimelineRow { id: format!("v{id}"), kind, date, participants, sources })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    pub docs: i64,
}

/// Actors by number of reports naming them.
pub fn actors(conn: &Db, limit: i64) -> Result<Vec<ActorRow>> {
    let rows = conn.query(
        "SELECT a.id, a.name, a.type, a.aliases, count(DISTINCT d.doc) AS n FROM actors a
         LEFT JOIN entity_actors d ON d.actor = a.id GROUP BY a.id ORDER BY n DESC, a.id LIMIT ?1",
        p![limit],
    )?;
    rows.iter()
        .map(|r| {
            Ok(ActorRow {
                id: format!("a{}", r.get::<i64>(0)?),
                name: r.get(1)?,
                kind: r.get(2)?,
                aliases: serde_json::from_str(&r.get::<String>(3)?).unwrap_or_default(),
                docs: r.get(4)?,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub id: String,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub text: String,
    pub doc: String,
    pub start: u32,
    pub end: u32,
    pub kind: String,
}

const QUOTE_SELECT: &str = "SELECT q.id, de.actor, a.name, q.text, d.doc_key, q.start, q.\"end\", q.kind FROM quotes q
     JOIN documents d ON d.id = q.doc LEFT JOIN entity_actors de ON de.entity = q.speaker LEFT JOIN actors a ON a.id = de.actor";

fn quote_row(r: &Row) -> Result<QuoteRow> {
    Ok(QuoteRow {
        id: format!("q{}", r.get::<i64>(0)?),
        speaker: r.get::<Option<i64>>(1)?.map(|a| format!("a{a}")),
        speaker_name: r.get(2)?,
        text: r.get(3)?,
        doc: r.get(4)?,
        start: r.get(5)?,
        end: r.get(6)?,
        kind: r.get(7)?,
    })
}

/// Quotes, optionally of one speaker.
pub fn quotes(conn: &Db, speaker: Option<i64>, limit: i64) -> Result<Vec<QuoteRow>> {
    let rows = match speaker {
        Some(s) => conn.query(&format!("{QUOTE_SELECT} WHERE de.actor = ?1 ORDER BY q.id LIMIT ?2"), p![s, limit])?,
        None => conn.query(&format!("{QUOTE_SELECT} ORDER BY q.id LIMIT ?1"), p![limit])?,
    };
    rows.iter().map(quote_row).collect()
}

/// A user's words as an FTS5 query: every word a quoted phrase, all required.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if terms.is_empty() { None } else { Some(terms.join(" ")) }
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// `document` or `quote`.
    pub record: String,
    pub id: String,
    pub doc: String,
    pub start: u32,
    pub end: u32,
    pub snippet: String,
}

/// Where the first query word occurs (code points), with some context.
fn snippet(text: &str, words: &str) -> (u32, u32, String) {
    let lower = text.to_lowercase();
    let first = words.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("").to_lowercase();
    let at = if first.is_empty() || lower.len() != text.len() { None } else { lower.find(&first) };
    let (b, e) = at.map_or((0, 0), |b| (b, b + first.len()));
    let cs = text[..b].chars().count() as u32;
    let ce = cs + text[b..e].chars().count() as u32;
    let from = text[..b].char_indices().rev().nth(60).map_or(0, |x| x.0);
    let to = text[e..].char_indices().nth(60).map_or(text.len(), |x| e + x.0);
    (cs, ce, text[from..to].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The user's words as folded index words, one entry per word (PostgreSQL search).
fn ts_words(words: &str) -> Vec<String> {
    words.split(|c: char| !c.is_alphanumeric() && c != '\'').map(crate::fts_words).filter(|w| !w.is_empty()).collect()
}

/// The matching ids of one full-text table, best first: `(sql, params)` per backend.
fn fts_hits(conn: &Db, table: &str, words: &str, limit: i64) -> Result<Vec<i64>> {
    let rows = match conn.backend() {
        Backend::Sqlite => {
            let Some(q) = fts_query(words) else { return Ok(Vec::new()) };
            conn.query(
                &format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rank, rowid LIMIT ?2"),
                p![&q, limit],
            )?
        }
        Backend::Postgres => {
            // Each word a phrase (`don't` → `don <-> t`), all required: the FTS5 query's meaning.
            let ws = ts_words(words);
            if ws.is_empty() {
                return Ok(Vec::new());
            }
            let q: Vec<String> = (2..ws.len() + 2).map(|i| format!("phraseto_tsquery('simple', ?{i})")).collect();
            let sql = format!(
                "SELECT id FROM (SELECT id, ts_rank(tsv, q) AS r FROM {table}, (SELECT {} AS q) x WHERE tsv @@ q) f
                 ORDER BY r DESC, id LIMIT ?1",
                q.join(" && ")
            );
            let mut params = vec![crate::db::Param::Int(limit)];
            params.extend(ws.iter().map(|w| crate::db::Param::Text(w)));
            conn.query(&sql, &params)?
        }
    };
    rows.iter().map(|r| r.get(0)).collect()
}

/// Full-text search over report texts and quotes, best matches first.
pub fn search(conn: &Db, words: &str, limit: i64) -> Result<Vec<SearchHit>> {
    let mut out = Vec::new();
    for id in fts_hits(conn, "documents_fts", words, limit)? {
        let Some(mut r) = conn.query_opt("SELECT doc_key, text FROM documents WHERE id = ?1", p![id])? else {
            continue;
        };
        let key: String = r.get(0)?;
        let text = r.take_text(1)?;
        let (start, end, snip) = snippet(&text, words);
        out.push(SearchHit { record: "document".into(), id: key.clone(), doc: key, start, end, snippet: snip });
    }
    for id in fts_hits(conn, "quotes_fts", words, limit)? {
        let Some(r) = conn.query_opt(
            "SELECT q.id, d.doc_key, q.start, q.\"end\", q.text FROM quotes q JOIN documents d ON d.id = q.doc
             WHERE q.id = ?1",
            p![id],
        )?
        else {
            continue;
        };
        out.push(SearchHit {
            record: "quote".into(),
            id: format!("q{}", r.get::<i64>(0)?),
            doc: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            snippet: r.get(4)?,
        });
    }
    Ok(out)
}

/// The sentence of a stored document containing a code-point offset (from its analysis).
fn sentence_at(conn: &Db, doc: i64, at: u32) -> Result<Option<(u32, u32, String)>> {
    let rec = conn.query_opt(
        "SELECT a.record, d.text FROM analyses a JOIN documents d ON d.id = a.doc WHERE a.doc = ?1",
        p![doc],
    )?;
    let Some(mut rec) = rec else { return Ok(None) };
    let (rec, text): (String, String) = (rec.get(0)?, rec.take_text(1)?);
    let v: Value = serde_json::from_str(&rec)?;
    let Some(sents) = v["sentences"].as_array() else { return Ok(None) };
    for s in sents {
        let (Some(a), Some(b)) = (s["start"].as_u64(), s["end"].as_u64()) else { continue };
        if (a as u32) <= at && at < b as u32 {
            let t: String = text.chars().skip(a as usize).take((b - a) as usize).collect();
            return Ok(Some((a as u32, b as u32, t)));
        }
    }
    Ok(None)
}

/// An event with every source and its exact sentence.
pub fn show_event(conn: &Db, id: i64) -> Result<Option<Value>> {
    let ev =
        conn.query_opt("SELECT type, date_value, participants, source, target FROM events WHERE id = ?1", p![id])?;
    let Some(ev) = ev else { return Ok(None) };
    let (kind, date, parts, source, target): (String, Option<String>, String, String, String) =
        (ev.get(0)?, ev.get(1)?, ev.get(2)?, ev.get(3)?, ev.get(4)?);
    type SourceRow = (i64, String, Option<String>, u32, u32, Option<String>, Option<String>);
    let rows: Vec<SourceRow> = conn
        .query(
            "SELECT s.doc, d.doc_key, d.source, s.start, s.\"end\", s.date_text, de.trigger_text FROM sources s
             JOIN documents d ON d.id = s.doc LEFT JOIN doc_events de ON de.id = s.doc_event WHERE s.event = ?1
             ORDER BY s.id",
            p![id],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .collect::<Result<_>>()?;
    let mut sources = Vec::new();
    for (doc, key, outlet, start, end, date_text, trigger) in rows {
        let sentence = sentence_at(conn, doc, start)?;
        sources.push(json!({
            "doc": key, "outlet": outlet, "start": start, "end": end, "trigger": trigger, "date_text": date_text,
            "sentence": sentence.map(|s| json!({"start": s.0, "end": s.1, "text": s.2})),
        }));
    }
    let contradictions = contradictions_about(conn, &format!("v{id}"))?;
    Ok(Some(json!({
        "id": format!("v{id}"), "type": kind, "date": date,
        "participants": actor_names(conn, &parts)?, "source": actor_names(conn, &source)?,
        "target": actor_names(conn, &target)?, "sources": sources, "contradictions": contradictions,
    })))
}

/// An actor with its names, roles, events, quotes and the reports naming it.
pub fn show_actor(conn: &Db, id: i64) -> Result<Option<Value>> {
    let a = conn.query_opt("SELECT name, type, aliases, roles, codes FROM actors WHERE id = ?1", p![id])?;
    let Some(a) = a else { return Ok(None) };
    let (name, kind, aliases, roles): (String, String, String, String) = (a.get(0)?, a.get(1)?, a.get(2)?, a.get(3)?);
    let codes: String = a.get(4)?;
    let mentions: Vec<Value> = conn
        .query(
            "SELECT d.doc_key, m.start, m.\"end\", m.text FROM entity_actors de JOIN mentions m ON m.entity = de.entity
             JOIN documents d ON d.id = de.doc WHERE de.actor = ?1 AND m.kind = 'name' ORDER BY d.id, m.start, m.id
             LIMIT 200",
            p![id],
        )?
        .iter()
        .map(|r| {
            Ok(json!({"doc": r.get::<String>(0)?, "start": r.get::<u32>(1)?, "end": r.get::<u32>(2)?,
                      "text": r.get::<String>(3)?}))
        })
        .collect::<Result<_>>()?;
    let mut about = contradictions_about(conn, &format!("a{id}"))?;
    if let Value::Array(v) = &mut about {
        v.retain(|c| !c.is_null());
    }
    Ok(Some(json!({
        "id": format!("a{id}"), "name": name, "type": kind,
        "aliases": serde_json::from_str::<Value>(&aliases)?, "roles": serde_json::from_str::<Value>(&roles)?,
        "codes": serde_json::from_str::<Value>(&codes)?,
        "events": timeline(conn, Some(id), None, None, 1000)?, "quotes": quotes(conn, Some(id), 1000)?,
        "mentions": mentions, "contradictions": about,
    })))
}

fn contradiction_json(r: &Row) -> Result<Value> {
    let docs: String = r.get(4)?;
    let sides: String = r.get(5)?;
    Ok(json!({
        "id": format!("c{}", r.get::<i64>(0)?), "field": r.get::<String>(1)?, "about": r.get::<String>(2)?,
        "description": r.get::<String>(3)?,
        "docs": serde_json::from_str::<Value>(&docs).unwrap_or(Value::Null),
        "sides": serde_json::from_str::<Value>(&sides).unwrap_or(Value::Null),
    }))
}

fn contradictions_about(conn: &Db, about: &str) -> Result<Value> {
    let v: Vec<Value> = conn
        .query(
            "SELECT id, field, about, description, docs, sides FROM contradictions WHERE about = ?1 ORDER BY id",
            p![about],
        )?
        .iter()
        .map(contradiction_json)
        .collect::<Result<_>>()?;
    Ok(Value::Array(v))
}

/// Every contradiction, in order.
pub fn contradictions(conn: &Db) -> Result<Vec<Value>> {
    conn.query("SELECT id, field, about, description, docs, sides FROM contradictions ORDER BY id", p![])?
        .iter()
        .map(contradiction_json)
        .collect()
}

/// The records of the corpus export (contract "Corpus export"), kind by kind, in order,
/// from one snapshot of the database.
pub fn export_records(conn: &Db, mut emit: impl FnMut(&str, Value) -> Result<()>) -> Result<()> {
    let _snapshot = conn.read_tx()?;
    for r in conn
        .query("SELECT doc_key, url, title, published, source FROM documents WHERE status = 'ok' ORDER BY id", p![])?
    {
        emit(
            "document",
            json!({"id": r.get::<String>(0)?, "url": r.get::<Option<String>>(1)?,
                   "title": r.get::<Option<String>>(2)?, "published": r.get::<Option<String>>(3)?,
                   "source": r.get::<Option<String>>(4)?}),
        )?;
    }
    for r in conn.query("SELECT id, name, type, aliases, roles, codes FROM actors ORDER BY id", p![])? {
        emit(
            "actor",
            json!({"id": format!("a{}", r.get::<i64>(0)?), "name": r.get::<String>(1)?,
                   "type": r.get::<String>(2)?,
                   "aliases": serde_json::from_str::<Value>(&r.get::<String>(3)?)?,
                   "roles": serde_json::from_str::<Value>(&r.get::<String>(4)?)?,
                   "codes": serde_json::from_str::<Value>(&r.get::<String>(5)?)?}),
        )?;
    }
    let ids = |json: &str| -> Vec<String> {
        serde_json::from_str::<Vec<i64>>(json).unwrap_or_default().into_iter().map(|i| format!("a{i}")).collect()
    };
    // Sources of all events in one pass (grouped by event), not one query per event.
    let mut sources: std::collections::HashMap<i64, Vec<Value>> = std::collections::HashMap::new();
    for s in conn.query(
        "SELECT s.event, d.doc_key, s.start, s.\"end\", s.date_text, de.trigger_text FROM sources s
         JOIN documents d ON d.id = s.doc LEFT JOIN doc_events de ON de.id = s.doc_event ORDER BY s.event, s.id",
        p![],
    )? {
        sources
            .entry(s.get(0)?)
            .or_default()
            .push(json!({"doc": s.get::<String>(1)?, "start": s.get::<u32>(2)?, "end": s.get::<u32>(3)?,
                   "date_text": s.get::<Option<String>>(4)?, "text": s.get::<Option<String>>(5)?}));
    }
    for r in conn.query(
        "SELECT id, type, plover, cameo, participants, source, target, date_value, date_from, date_to FROM events ORDER BY id",
        p![],
    )? {
        let id: i64 = r.get(0)?;
        let date = match r.get::<Option<String>>(7)? {
            Some(v) => {
                json!({"value": v, "from": r.get::<Option<String>>(8)?, "to": r.get::<Option<String>>(9)?})
            }
            None => Value::Null,
        };
        emit(
            "event",
            json!({"id": format!("v{id}"), "type": r.get::<String>(1)?, "plover": r.get::<Option<String>>(2)?,
                   "cameo": r.get::<Option<String>>(3)?, "participants": ids(&r.get::<String>(4)?),
                   "source": ids(&r.get::<String>(5)?), "target": ids(&r.get::<String>(6)?),
                   "date": date, "sources": sources.remove(&id).unwrap_or_default()}),
        )?;
    }
    for r in conn.query(&format!("{QUOTE_SELECT} ORDER BY q.id"), p![])? {
        let q = quote_row(&r)?;
        emit(
            "quote",
            json!({"id": q.id, "speaker": q.speaker, "text": q.text, "doc": q.doc, "start": q.start, "end": q.end,
                   "kind": q.kind}),
        )?;
    }
    for c in contradictions(conn)? {
        emit("contradiction", c)?;
    }
    Ok(())
}

/// The whole corpus as one `dossier-corpus/1` object.
pub fn export_json(conn: &Db) -> Result<Value> {
    let mut out = json!({"schema": "dossier-corpus/1", "documents": [], "actors": [], "events": [], "quotes": [],
                         "contradictions": []});
    export_records(conn, |kind, v| {
        let key = match kind {
            "document" => "documents",
            "actor" => "actors",
            "event" => "events",
            "quote" => "quotes",
            _ => "contradictions",
        };
        if let Some(a) = out[key].as_array_mut() {
            a.push(v);
        }
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_everything() {
        assert_eq!(fts_query("peace plan").as_deref(), Some("\"peace\" \"plan\""));
        assert_eq!(
            fts_query("x\" OR 1=1; DROP TABLE documents; --").as_deref(),
            Some("\"x\" \"OR\" \"1\" \"1\" \"DROP\" \"TABLE\" \"documents\"")
        );
        assert_eq!(fts_query("*** ()"), None);
    }
}
