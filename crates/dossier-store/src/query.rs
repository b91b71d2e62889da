//! Read queries over the corpus record: timeline, actors, quotes, search, show, export.
//! Every user string reaches SQL as a bound parameter; search words are quoted as FTS5
//! phrases, so no input can change a query's structure.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

use crate::Result;

/// An actor by id (`a12` or `12`) or by any of its names (case-insensitive; then a unique
/// name containing the words).
pub fn find_actor(conn: &Connection, what: &str) -> Result<Option<i64>> {
    let bare = what.strip_prefix('a').unwrap_or(what);
    if let Ok(id) = bare.parse::<i64>() {
        let found: Option<i64> =
            conn.query_row("SELECT id FROM actors WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    let exact: Option<i64> = conn
        .query_row(
            "SELECT n.actor FROM actor_names n JOIN actors a ON a.id = n.actor WHERE n.name = ?1
             GROUP BY n.actor ORDER BY (SELECT count(*) FROM doc_entities d WHERE d.actor = n.actor) DESC, n.actor LIMIT 1",
            [what],
            |r| r.get(0),
        )
        .optional()?;
    if exact.is_some() {
        return Ok(exact);
    }
    let mut st = conn.prepare(
        "SELECT DISTINCT actor FROM actor_names WHERE instr(lower(name), lower(?1)) > 0 ORDER BY actor LIMIT 2",
    )?;
    let ids: Vec<i64> = st.query_map([what], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(if ids.len() == 1 { ids.first().copied() } else { None })
}

fn actor_names(conn: &Connection, json_ids: &str) -> Result<Vec<String>> {
    let ids: Vec<i64> = serde_json::from_str(json_ids).unwrap_or_default();
    let mut st = conn.prepare_cached("SELECT name FROM actors WHERE id = ?1")?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(n) = st.query_row([id], |r| r.get::<_, String>(0)).optional()? {
            out.push(n);
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
    conn: &Connection,
    actor: Option<i64>,
    from: Option<&str>,
    to: Option<&str>,
    limit: i64,
) -> Result<Vec<TimelineRow>> {
    let sql = if actor.is_some() {
        "SELECT e.id, e.type, e.date_value, e.participants, (SELECT count(*) FROM sources s WHERE s.event = e.id)
         FROM event_actors ea JOIN events e ON e.id = ea.event
         WHERE ea.actor = ?1 AND (?2 IS NULL OR ea.date_from >= ?2) AND (?3 IS NULL OR ea.date_from <= ?3)
         ORDER BY ea.date_from, ea.event LIMIT ?4"
    } else {
        "SELECT e.id, e.type, e.date_value, e.participants, (SELECT count(*) FROM sources s WHERE s.event = e.id)
         FROM events e WHERE ?1 IS NULL AND (?2 IS NULL OR e.date_from >= ?2) AND (?3 IS NULL OR e.date_from <= ?3)
         ORDER BY e.date_from, e.id LIMIT ?4"
    };
    let mut st = conn.prepare(sql)?;
    let rows: Vec<(i64, String, Option<String>, String, i64)> = st
        .query_map(params![actor, from, to, limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
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
pub fn actors(conn: &Connection, limit: i64) -> Result<Vec<ActorRow>> {
    let mut st = conn.prepare(
        "SELECT a.id, a.name, a.type, a.aliases, count(DISTINCT d.doc) AS n FROM actors a
         LEFT JOIN doc_entities d ON d.actor = a.id GROUP BY a.id ORDER BY n DESC, a.id LIMIT ?1",
    )?;
    let rows = st.query_map([limit], |r| {
        Ok(ActorRow {
            id: format!("a{}", r.get::<_, i64>(0)?),
            name: r.get(1)?,
            kind: r.get(2)?,
            aliases: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
            docs: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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

const QUOTE_SELECT: &str = "SELECT q.id, de.actor, a.name, q.text, d.doc_key, q.start, q.end, q.kind FROM quotes q
     JOIN documents d ON d.id = q.doc LEFT JOIN doc_entities de ON de.id = q.speaker LEFT JOIN actors a ON a.id = de.actor";

fn quote_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: format!("q{}", r.get::<_, i64>(0)?),
        speaker: r.get::<_, Option<i64>>(1)?.map(|a| format!("a{a}")),
        speaker_name: r.get(2)?,
        text: r.get(3)?,
        doc: r.get(4)?,
        start: r.get(5)?,
        end: r.get(6)?,
        kind: r.get(7)?,
    })
}

/// Quotes, optionally of one speaker.
pub fn quotes(conn: &Connection, speaker: Option<i64>, limit: i64) -> Result<Vec<QuoteRow>> {
    let sql = format!("{QUOTE_SELECT} WHERE (?1 IS NULL OR de.actor = ?1) ORDER BY q.id LIMIT ?2");
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params![speaker, limit], quote_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
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

/// Full-text search over report texts and quotes, best matches first.
pub fn search(conn: &Connection, words: &str, limit: i64) -> Result<Vec<SearchHit>> {
    let Some(q) = fts_query(words) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    let mut st = conn.prepare(
        "SELECT d.id, d.doc_key, d.text FROM (SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ?1
         ORDER BY rank LIMIT ?2) f JOIN documents d ON d.id = f.id",
    )?;
    let rows: Vec<(i64, String, String)> =
        st.query_map(params![q, limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    for (_, key, text) in rows {
        let (start, end, snip) = snippet(&text, words);
        out.push(SearchHit { record: "document".into(), id: key.clone(), doc: key, start, end, snippet: snip });
    }
    let mut st = conn.prepare(
        "SELECT q.id, d.doc_key, q.start, q.end, q.text FROM (SELECT rowid AS id FROM quotes_fts WHERE quotes_fts MATCH ?1
         ORDER BY rank LIMIT ?2) f JOIN quotes q ON q.id = f.id JOIN documents d ON d.id = q.doc",
    )?;
    let rows = st.query_map(params![q, limit], |r| {
        Ok(SearchHit {
            record: "quote".into(),
            id: format!("q{}", r.get::<_, i64>(0)?),
            doc: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            snippet: r.get(4)?,
        })
    })?;
    for r in rows {
        out.push(r?);
    }
    Ok(out)
}

/// The sentence of a stored document containing a code-point offset (from its analysis).
fn sentence_at(conn: &Connection, doc: i64, at: u32) -> Result<Option<(u32, u32, String)>> {
    let rec: Option<(String, String)> = conn
        .query_row(
            "SELECT a.record, d.text FROM analyses a JOIN documents d ON d.id = a.doc WHERE a.doc = ?1",
            [doc],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((rec, text)) = rec else { return Ok(None) };
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
pub fn show_event(conn: &Connection, id: i64) -> Result<Option<Value>> {
    let ev: Option<(String, Option<String>, String, String, String)> = conn
        .query_row("SELECT type, date_value, participants, source, target FROM events WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((kind, date, parts, source, target)) = ev else { return Ok(None) };
    let mut st = conn.prepare(
        "SELECT s.doc, d.doc_key, d.source, s.start, s.end, s.date_text, de.trigger_text FROM sources s
         JOIN documents d ON d.id = s.doc LEFT JOIN doc_events de ON de.id = s.doc_event WHERE s.event = ?1 ORDER BY s.id",
    )?;
    type SourceRow = (i64, String, Option<String>, u32, u32, Option<String>, Option<String>);
    let rows: Vec<SourceRow> = st
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
        .collect::<Result<_, _>>()?;
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
pub fn show_actor(conn: &Connection, id: i64) -> Result<Option<Value>> {
    let a: Option<(String, String, String, String)> = conn
        .query_row("SELECT name, type, aliases, roles FROM actors WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((name, kind, aliases, roles)) = a else { return Ok(None) };
    let mut st = conn.prepare(
        "SELECT d.doc_key, m.start, m.end, m.text FROM doc_entities de JOIN mentions m ON m.entity = de.id
         JOIN documents d ON d.id = de.doc WHERE de.actor = ?1 AND m.kind = 'name' ORDER BY d.id, m.start LIMIT 200",
    )?;
    let mentions: Vec<Value> = st
        .query_map([id], |r| {
            Ok(json!({"doc": r.get::<_, String>(0)?, "start": r.get::<_, u32>(1)?, "end": r.get::<_, u32>(2)?,
                      "text": r.get::<_, String>(3)?}))
        })?
        .collect::<Result<_, _>>()?;
    let mut about = contradictions_about(conn, &format!("a{id}"))?;
    if let Value::Array(v) = &mut about {
        v.retain(|c| !c.is_null());
    }
    Ok(Some(json!({
        "id": format!("a{id}"), "name": name, "type": kind,
        "aliases": serde_json::from_str::<Value>(&aliases)?, "roles": serde_json::from_str::<Value>(&roles)?,
        "events": timeline(conn, Some(id), None, None, 1000)?, "quotes": quotes(conn, Some(id), 1000)?,
        "mentions": mentions, "contradictions": about,
    })))
}

fn contradiction_json(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    let docs: String = r.get(4)?;
    let sides: String = r.get(5)?;
    Ok(json!({
        "id": format!("c{}", r.get::<_, i64>(0)?), "field": r.get::<_, String>(1)?, "about": r.get::<_, String>(2)?,
        "description": r.get::<_, String>(3)?,
        "docs": serde_json::from_str::<Value>(&docs).unwrap_or(Value::Null),
        "sides": serde_json::from_str::<Value>(&sides).unwrap_or(Value::Null),
    }))
}

fn contradictions_about(conn: &Connection, about: &str) -> Result<Value> {
    let mut st = conn.prepare(
        "SELECT id, field, about, description, docs, sides FROM contradictions WHERE about = ?1 ORDER BY id",
    )?;
    let v: Vec<Value> = st.query_map([about], contradiction_json)?.collect::<Result<_, _>>()?;
    Ok(Value::Array(v))
}

/// Every contradiction, in order.
pub fn contradictions(conn: &Connection) -> Result<Vec<Value>> {
    let mut st = conn.prepare("SELECT id, field, about, description, docs, sides FROM contradictions ORDER BY id")?;
    let v: Vec<Value> = st.query_map([], contradiction_json)?.collect::<Result<_, _>>()?;
    Ok(v)
}

/// The records of the corpus export (contract "Corpus export"), kind by kind, in order.
pub fn export_records(conn: &Connection, mut emit: impl FnMut(&str, Value) -> Result<()>) -> Result<()> {
    let mut st =
        conn.prepare("SELECT doc_key, url, title, published, source FROM documents WHERE status = 'ok' ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        emit(
            "document",
            json!({"id": r.get::<_, String>(0)?, "url": r.get::<_, Option<String>>(1)?,
                   "title": r.get::<_, Option<String>>(2)?, "published": r.get::<_, Option<String>>(3)?,
                   "source": r.get::<_, Option<String>>(4)?}),
        )?;
    }
    let mut st = conn.prepare("SELECT id, name, type, aliases, roles, codes FROM actors ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        emit(
            "actor",
            json!({"id": format!("a{}", r.get::<_, i64>(0)?), "name": r.get::<_, String>(1)?,
                   "type": r.get::<_, String>(2)?,
                   "aliases": serde_json::from_str::<Value>(&r.get::<_, String>(3)?)?,
                   "roles": serde_json::from_str::<Value>(&r.get::<_, String>(4)?)?,
                   "codes": serde_json::from_str::<Value>(&r.get::<_, String>(5)?)?}),
        )?;
    }
    let ids = |json: &str| -> Vec<String> {
        serde_json::from_str::<Vec<i64>>(json).unwrap_or_default().into_iter().map(|i| format!("a{i}")).collect()
    };
    let mut src = conn.prepare(
        "SELECT d.doc_key, s.start, s.end, s.date_text, de.trigger_text FROM sources s JOIN documents d ON d.id = s.doc
         LEFT JOIN doc_events de ON de.id = s.doc_event WHERE s.event = ?1 ORDER BY s.id",
    )?;
    let mut st = conn.prepare(
        "SELECT id, type, plover, cameo, participants, source, target, date_value, date_from, date_to FROM events ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let sources: Vec<Value> = src
            .query_map([id], |s| {
                Ok(json!({"doc": s.get::<_, String>(0)?, "start": s.get::<_, u32>(1)?, "end": s.get::<_, u32>(2)?,
                          "date_text": s.get::<_, Option<String>>(3)?, "text": s.get::<_, Option<String>>(4)?}))
            })?
            .collect::<Result<_, _>>()?;
        let date = r.get::<_, Option<String>>(7)?.map(|v| -> rusqlite::Result<Value> {
            Ok(json!({"value": v, "from": r.get::<_, Option<String>>(8)?, "to": r.get::<_, Option<String>>(9)?}))
        });
        let date = match date {
            Some(d) => d?,
            None => Value::Null,
        };
        emit(
            "event",
            json!({"id": format!("v{id}"), "type": r.get::<_, String>(1)?, "plover": r.get::<_, Option<String>>(2)?,
                   "cameo": r.get::<_, Option<String>>(3)?, "participants": ids(&r.get::<_, String>(4)?),
                   "source": ids(&r.get::<_, String>(5)?), "target": ids(&r.get::<_, String>(6)?),
                   "date": date, "sources": sources}),
        )?;
    }
    let mut st = conn.prepare(&format!("{QUOTE_SELECT} ORDER BY q.id"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let q = quote_row(r)?;
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
pub fn export_json(conn: &Connection) -> Result<Value> {
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
