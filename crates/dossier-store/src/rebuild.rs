//! Recomputes the corpus record (actors, events, sources, contradictions) from the stored
//! per-document layers and the user's decisions, in one transaction: readers see either the
//! old record or the new one.

use std::collections::{BTreeMap, BTreeSet};

use crate::HashMap;

use crate::contradict::{self, Contradiction, SpanRef};
use crate::db::{Db, Rows};
use crate::merge::{self, EventIn};
use crate::norm::{NameProfile, Vocab, WordSet, for_each_content_word, name_tokens};
use crate::resolve::{self, Decision, EntityIn};
use crate::{Result, p};

/// Words that date a report rather than tell what happened: no corroboration.
const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "said",
    "says",
    "according",
];

struct DocRow {
    key: String,
    text: String,
    /// Publication day (`YYYY-MM-DD`), when the document has a valid one.
    published: Option<String>,
}

/// Code-point offset → byte offset for one text. ASCII texts (most news) need no table.
struct Chars {
    /// Byte offset of every code point, then the text's length; empty for ASCII text.
    bytes: Vec<usize>,
}

impl Chars {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { bytes: Vec::new() };
        }
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Self { bytes }
    }
    fn slice<'a>(&self, text: &'a str, start: u32, end: u32) -> &'a str {
        let b = |c: u32| {
            if self.bytes.is_empty() {
                (c as usize).min(text.len())
            } else {
                self.bytes.get(c as usize).copied().unwrap_or(text.len())
            }
        };
        let (s, e) = (b(start), b(end));
        if s <= e { text.get(s..e).unwrap_or("") } else { "" }
    }
}

pub fn rebuild(db: &Db) -> Result<()> {
    let trace = std::env::var_os("DOSSIER_STORE_TRACE").is_some();
    let t0 = std::time::Instant::now();
    let lap = |what: &str| {
        if trace {
            eprintln!("rebuild: {what} at {:.3}s", t0.elapsed().as_secs_f64());
        }
    };
    let tx = db.write_tx()?;
    // Documents.
    let mut docs: BTreeMap<i64, DocRow> = BTreeMap::new();
    {
        for mut r in
            db.query("SELECT id, doc_key, text, published FROM documents WHERE status = 'ok' ORDER BY id", p![])?
        {
            let published = r
                .take_opt_text(3)?
                .and_then(|p| p.get(..10).filter(|d| merge::day_number(d).is_some()).map(str::to_string));
            docs.insert(r.get(0)?, DocRow { key: r.get(1)?, text: r.take_text(2)?, published });
        }
    }
    // Entities and their resolution.
    let mut ents: Vec<(i64, EntityIn, Vec<String>)> = Vec::new();
    let mut ent_codes: Vec<(i64, Vec<(String, String)>)> = Vec::new();
    let mut old_actor: HashMap<i64, i64> = HashMap::default();
    {
        db.query_each("SELECT entity, actor FROM entity_actors", p![], |r| {
            old_actor.insert(r.get(0)?, r.get(1)?);
            Ok(())
        })?;
        db.query_each("SELECT id, doc, name, type, roles, codes FROM doc_entities ORDER BY doc, id", p![], |mut r| {
            let (id, doc): (i64, i64) = (r.get(0)?, r.get(1)?);
            let (name, kind, roles) = (r.take_text(2)?, r.take_text(3)?, r.take_text(4)?);
            let roles: Vec<String> = serde_json::from_str(&roles).unwrap_or_default();
            let codes = r.take_text(5)?;
            if codes != "{}" {
                let codes: BTreeMap<String, serde_json::Value> = serde_json::from_str(&codes).unwrap_or_default();
                let codes: Vec<(String, String)> =
                    codes.into_iter().filter_map(|(k, v)| Some((k, v.as_str()?.to_string()))).collect();
                if !codes.is_empty() {
                    ent_codes.push((id, codes));
                }
            }
            ents.push((id, EntityIn { doc, name, kind }, roles));
            Ok(())
        })?;
    }
    let decisions: Vec<Decision> = db
        .query("SELECT kind, a, b FROM decisions ORDER BY id", p![])?
        .into_iter()
        .map(|r| Ok(Decision { merge: r.get::<String>(0)? == "merge", a: r.get(1)?, b: r.get(2)? }))
        .collect::<Result<_>>()?;
    lap("loaded");
    let inputs: Vec<EntityIn> = ents.iter().map(|e| e.1.clone()).collect();
    let cluster = resolve::resolve(&inputs, &decisions);
    let actor_of: HashMap<i64, i64> = ents.iter().zip(&cluster).map(|(e, &c)| (e.0, c as i64 + 1)).collect();

    lap("resolved");
    // Mentions: aliases and roles stated around names.
    let mut aliases: BTreeMap<i64, BTreeMap<String, usize>> = BTreeMap::new();
    let mut names: BTreeMap<i64, BTreeMap<String, usize>> = BTreeMap::new();
    let mut roles: BTreeMap<i64, BTreeMap<String, (String, BTreeSet<String>)>> = BTreeMap::new();
    // Role claims per actor: (class, span), each with the (document, start, mention) it was
    // read at, to put them in document order once all are read.
    type Claim = (String, SpanRef);
    type Placed = ((i64, u32, i64), Claim);
    let mut role_claims: BTreeMap<i64, Vec<Placed>> = BTreeMap::new();
    for (id, e, stated) in &ents {
        let a = actor_of[id];
        *names.entry(a).or_default().entry(e.name.clone()).or_default() += 1;
        let key = docs.get(&e.doc).map(|d| d.key.clone()).unwrap_or_default();
        for r in stated {
            roles
                .entry(a)
                .or_default()
                .entry(r.clone())
                .or_insert_with(|| (r.clone(), BTreeSet::new()))
                .1
                .insert(key.clone());
        }
    }
    let mut actor_type: BTreeMap<i64, String> = BTreeMap::new();
    for (id, e, _) in &ents {
        actor_type.entry(actor_of[id]).or_insert_with(|| e.kind.clone());
    }
    let is_person = |a: i64| actor_type.get(&a).is_some_and(|k| k == "PERSON");
    // Actor codes: per scheme, the code most of the actor's report entities carry (ties: the
    // smaller code, for determinism).
    let mut code_votes: BTreeMap<i64, BTreeMap<String, BTreeMap<String, usize>>> = BTreeMap::new();
    for (id, codes) in ent_codes {
        for (scheme, code) in codes {
            *code_votes.entry(actor_of[&id]).or_default().entry(scheme).or_default().entry(code).or_default() += 1;
        }
    }
    let actor_codes: BTreeMap<i64, BTreeMap<String, String>> = code_votes
        .into_iter()
        .map(|(a, schemes)| {
            let best = schemes
                .into_iter()
                .filter_map(|(scheme, votes)| {
                    let top = votes.into_iter().max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))?;
                    Some((scheme, top.0))
                })
                .collect();
            (a, best)
        })
        .collect();
    // A report's coreference can attach a wrong mention to an entity (`Ivanka Trump` in
    // Donald Trump's chain): a name mention is an alias, and says what role the actor holds,
    // only if it can name the actor.
    // Per actor: its name profile and the verdict on each mention text seen (reports repeat
    // their names).
    let mut profiles: HashMap<i64, (NameProfile, HashMap<String, bool>)> = HashMap::default();
    {
        let mut cur: Option<(i64, Chars)> = None;
        // In storage order (a plain scan, no sort): a document's mentions are written together,
        // so the code-point index of one document serves all of its mentions.
        let sql = "SELECT doc, entity, start, \"end\", text, kind, id FROM mentions WHERE kind IN ('name', 'label') ORDER BY id";
        db.query_each(sql, p![], |mut r| {
            let (doc, ent, start, end): (i64, i64, u32, u32) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let (text, kind) = (r.take_text(4)?, r.take_text(5)?);
            let mention: i64 = r.get(6)?;
            let Some(&a) = actor_of.get(&ent) else { return Ok(()) };
            let (profile, seen) = profiles.entry(a).or_insert_with(|| {
                let names = names.get(&a).into_iter().flat_map(|n| n.keys().map(String::as_str));
                (NameProfile::new(names, is_person(a)), HashMap::default())
            });
            let fits = match seen.get(text.as_str()) {
                Some(&f) => f,
                None => {
                    let f = profile.fits(&text, is_person(a));
                    seen.insert(text.clone(), f);
                    f
                }
            };
            if fits {
                *aliases.entry(a).or_default().entry(text).or_default() += 1;
            } else if kind == "name" {
                return Ok(());
            }
            let Some(d) = docs.get(&doc) else { return Ok(()) };
            if cur.as_ref().is_none_or(|c| c.0 != doc) {
                cur = Some((doc, Chars::new(&d.text)));
            }
            let Some((_, chars)) = &cur else { return Ok(()) };
            let from = start.saturating_sub(60);
            let before = chars.slice(&d.text, from, start);
            let after = chars.slice(&d.text, end, end + 60);
            let found = contradict::role_before(before)
                .map(|r| (r, true))
                .or_else(|| contradict::role_after(after).map(|r| (r, false)));
            if let Some(((phrase, class), is_before)) = found {
                let (s, e) = if is_before {
                    let len = phrase.chars().count() as u32;
                    let s = start.saturating_sub(len + 1);
                    (s, start.saturating_sub(1).max(s))
                } else {
                    (
                        end,
                        end + 2
                            + after.chars().skip(2).take_while(|c| !matches!(c, ',' | '.' | ';' | '\n')).count() as u32,
                    )
                };
                let span_text = chars.slice(&d.text, s, e).to_string();
                roles
                    .entry(a)
                    .or_default()
                    .entry(phrase.clone())
                    .or_insert_with(|| (phrase.clone(), BTreeSet::new()))
                    .1
                    .insert(d.key.clone());
                role_claims.entry(a).or_default().push((
                    (doc, start, mention),
                    (class, SpanRef { doc: d.key.clone(), start: s, end: e, text: span_text }),
                ));
            }
            Ok(())
        })?;
    }
    let role_claims: BTreeMap<i64, Vec<Claim>> = role_claims
        .into_iter()
        .map(|(a, mut claims)| {
            claims.sort_unstable_by_key(|c| c.0);
            (a, claims.into_iter().map(|c| c.1).collect())
        })
        .collect();
    lap("mentions");
    // Actor records.
    let n_actors = cluster.iter().copied().max().map_or(0, |m| m + 1);
    let actor_name = |a: i64| -> String {
        let Some(ns) = names.get(&a) else { return String::new() };
        ns.iter()
            .max_by(|x, y| {
                let tx = name_tokens(x.0).len().min(3);
                let ty = name_tokens(y.0).len().min(3);
                (tx >= 2, x.1, x.0.len()).cmp(&(ty >= 2, y.1, y.0.len())).then(y.0.cmp(x.0))
            })
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    };

    lap("actors");
    // Quote clusters: near-identical quoted words across reports.
    struct Q {
        id: i64,
        doc: i64,
        speaker: Option<i64>,
        start: u32,
        end: u32,
        text: String,
        words: WordSet,
    }
    let mut quotes: Vec<Q> = Vec::new();
    let mut vocab = Vocab::default();
    let mut fold_buf = String::new();
    {
        db.query_each("SELECT id, doc, speaker, start, \"end\", text FROM quotes ORDER BY id", p![], |mut r| {
            let (id, doc, speaker, start, end): (i64, i64, Option<i64>, u32, u32) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let text = r.take_text(5)?;
            let mut ids = Vec::new();
            for_each_content_word(&text, &mut fold_buf, |w| ids.push(vocab.id(w)));
            let words = WordSet::from_unsorted(ids);
            quotes.push(Q {
                id,
                doc,
                speaker: speaker.and_then(|s| actor_of.get(&s).copied()),
                start,
                end,
                text,
                words,
            });
            Ok(())
        })?;
    }
    let quote_cluster = cluster_quotes(&quotes.iter().map(|q| (q.doc, &q.words)).collect::<Vec<_>>());
    let mut doc_quote_clusters: BTreeMap<i64, BTreeSet<usize>> = BTreeMap::new();
    {
        let mut docs_of: BTreeMap<usize, BTreeSet<i64>> = BTreeMap::new();
        for (q, &c) in quotes.iter().zip(&quote_cluster) {
            docs_of.entry(c).or_default().insert(q.doc);
        }
        for (q, &c) in quotes.iter().zip(&quote_cluster) {
            if docs_of[&c].len() >= 2 {
                doc_quote_clusters.entry(q.doc).or_default().insert(c);
            }
        }
    }

    lap("quotes");
    // Events.
    /// Start, end and text of a span of a report.
    type TextAt = (u32, u32, String);
    struct DE {
        id: i64,
        doc: i64,
        kind: String,
        plover: Option<String>,
        cameo: Option<String>,
        source: Vec<i64>,
        target: Vec<i64>,
        place: Option<(i64, Option<TextAt>)>,
        trigger: (u32, u32, String),
        date_value: Option<String>,
        date: Option<(String, String)>,
        date_span: Option<(u32, u32, String)>,
    }
    let mut des: Vec<DE> = Vec::new();
    {
        let sql =
            "SELECT id, doc, type, plover, cameo, source, target, place, trigger_start, trigger_end, trigger_text,
             date_value, date_from, date_to, date_text, date_start, date_end, negated, hypothetical,
             place_start, place_end, place_text
             FROM doc_events ORDER BY doc, id";
        db.query_each(sql, p![], |mut r| {
            if r.get::<bool>(17)? || r.get::<bool>(18)? {
                return Ok(()); // negated or hypothetical: not a reported occurrence
            }
            let actors = |json: String| -> Vec<i64> {
                let ids: Vec<i64> = serde_json::from_str(&json).unwrap_or_default();
                let mut v: Vec<i64> = ids.iter().filter_map(|i| actor_of.get(i).copied()).collect();
                v.dedup();
                v
            };
            let from = r.take_opt_text(12)?;
            let to = r.take_opt_text(13)?;
            let date_text = r.take_opt_text(14)?;
            let place_span = match (r.get::<Option<u32>>(19)?, r.get::<Option<u32>>(20)?, r.take_opt_text(21)?) {
                (Some(s), Some(e), Some(t)) => Some((s, e, t)),
                _ => None,
            };
            des.push(DE {
                id: r.get(0)?,
                doc: r.get(1)?,
                kind: r.take_text(2)?,
                plover: r.take_opt_text(3)?,
                cameo: r.take_opt_text(4)?,
                source: actors(r.take_text(5)?),
                target: actors(r.take_text(6)?),
                place: r.get::<Option<i64>>(7)?.and_then(|p| actor_of.get(&p).copied()).map(|a| (a, place_span)),
                trigger: (r.get(8)?, r.get(9)?, r.take_text(10)?),
                date_value: r.take_opt_text(11)?,
                date: from.zip(to),
                date_span: match (date_text, r.get::<Option<u32>>(15)?, r.get::<Option<u32>>(16)?) {
                    (Some(t), Some(s), Some(e)) => Some((s, e, t)),
                    _ => None,
                },
            });
            Ok(())
        })?;
    }
    // Words that say nothing about what happened: the actors' names and the date words. Marked
    // by their number in the vocabulary, so a window's word costs one lookup (numbers given in
    // sorted order: the same input numbers its words the same way).
    let mut actor_words: BTreeSet<String> = BTreeSet::new();
    for ns in names.values() {
        for n in ns.keys() {
            actor_words.extend(name_tokens(n));
        }
    }
    let mut uninformative: Vec<bool> = Vec::new();
    for w in actor_words.iter().map(String::as_str).chain(DATE_WORDS.iter().copied()) {
        let id = vocab.id(w) as usize;
        if uninformative.len() <= id {
            uninformative.resize(id + 1, false);
        }
        uninformative[id] = true;
    }
    let mut chars_of: Option<(i64, Chars)> = None;
    let ev_in: Vec<EventIn> = des
        .iter()
        .map(|d| {
            let text = docs.get(&d.doc).map_or("", |x| x.text.as_str());
            // Events come in document order: one code-point index per document.
            if chars_of.as_ref().is_none_or(|c| c.0 != d.doc) {
                chars_of = Some((d.doc, Chars::new(text)));
            }
            let chars = match &chars_of {
                Some((_, c)) => c,
                None => unreachable!("set above"),
            };
            let window = chars.slice(text, d.trigger.0.saturating_sub(150), d.trigger.1 + 150);
            let mut ids = Vec::new();
            for_each_content_word(window, &mut fold_buf, |w| {
                if !w.bytes().any(|c| c.is_ascii_digit()) {
                    let id = vocab.id(w);
                    if !uninformative.get(id as usize).copied().unwrap_or(false) {
                        ids.push(id);
                    }
                }
            });
            let words = WordSet::from_unsorted(ids);
            let near = chars.slice(text, d.trigger.0.saturating_sub(40), d.trigger.1 + 30);
            EventIn {
                doc: d.doc,
                kind: d.kind.clone(),
                participants: d.source.iter().chain(&d.target).copied().collect(),
                date: d.date.clone(),
                words,
                quotes: doc_quote_clusters.get(&d.doc).cloned().unwrap_or_default(),
                published: docs.get(&d.doc).and_then(|x| x.published.clone()),
                repeat: tells_repetition(near),
            }
        })
        .collect();
    lap("events loaded");
    let ev_cluster = merge::merge(&ev_in);

    lap("merged");
    // Write actors.
    for t in ["contradictions", "sources", "event_actors", "events", "actor_names", "actors"] {
        db.execute(&format!("DELETE FROM {t}"), p![])?;
    }
    {
        let mut actor_rows = Rows::with_capacity(6, n_actors);
        let mut name_rows = Rows::with_capacity(2, 2 * n_actors);
        for a in 1..=n_actors as i64 {
            let name = actor_name(a);
            let mut al: BTreeSet<String> = names.get(&a).map(|n| n.keys().cloned().collect()).unwrap_or_default();
            al.extend(aliases.get(&a).map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default());
            al.remove(&name);
            let rs: Vec<serde_json::Value> = roles
                .get(&a)
                .map(|m| m.values().map(|(t, d)| serde_json::json!({"text": t, "docs": d})).collect())
                .unwrap_or_default();
            name_rows.push([a.into(), name.clone().into()]);
            let aliases_json = serde_json::to_string(&al)?;
            for x in al {
                name_rows.push([a.into(), x.into()]);
            }
            actor_rows.push([
                a.into(),
                name.into(),
                actor_type.get(&a).map(String::as_str).unwrap_or("").into(),
                aliases_json.into(),
                serde_json::to_string(&rs)?.into(),
                actor_codes.get(&a).map_or(Ok("{}".to_string()), serde_json::to_string)?.into(),
            ]);
        }
        use crate::db::Col::{Int, Text};
        db.insert_rows(
            "actors",
            &[("id", Int), ("name", Text), ("type", Text), ("aliases", Text), ("roles", Text), ("codes", Text)],
            &actor_rows,
            "",
        )?;
        db.insert_rows("actor_names", &[("actor", Int), ("name", Text)], &name_rows, "")?;
        lap("actor rows");
        // Only what changed: most entities keep their actor from one ingest to the next.
        let mut changed = Rows::new(3);
        for (id, e, _) in &ents {
            let actor = actor_of[id];
            if old_actor.get(id) != Some(&actor) {
                changed.push([(*id).into(), actor.into(), e.doc.into()]);
            }
        }
        db.insert_rows(
            "entity_actors",
            &[("entity", Int), ("actor", Int), ("doc", Int)],
            &changed,
            "ON CONFLICT (entity) DO UPDATE SET actor = excluded.actor",
        )?;
    }

    lap("actors written");
    // Write events and sources.
    let mut contradictions: Vec<Contradiction> = Vec::new();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &c) in ev_cluster.iter().enumerate() {
        members.entry(c).or_default().push(i);
    }
    let key_of = |doc: i64| docs.get(&doc).map(|d| d.key.clone()).unwrap_or_default();
    let doc_id_of: HashMap<&str, i64> = docs.iter().map(|(id, d)| (d.key.as_str(), *id)).collect();
    let mut doc_events_of: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    {
        let (mut ev_rows, mut ea_rows, mut src_rows) = (
            Rows::with_capacity(10, members.len()),
            Rows::with_capacity(3, 2 * members.len()),
            Rows::with_capacity(7, des.len()),
        );
        let mut source_id = 0i64;
        for (c, ms) in &members {
            let vid = *c as i64 + 1;
            let first = &des[ms[0]];
            let mut parts = BTreeSet::new();
            let mut src = BTreeSet::new();
            let mut tgt = BTreeSet::new();
            let mut date_votes: BTreeMap<(String, String, String), BTreeSet<i64>> = BTreeMap::new();
            let mut date_claims = Vec::new();
            let mut place_claims = Vec::new();
            for &m in ms {
                let d = &des[m];
                parts.extend(d.source.iter().chain(&d.target).copied());
                src.extend(d.source.iter().copied());
                tgt.extend(d.target.iter().copied());
                doc_events_of.entry(d.doc).or_default().insert(vid);
                if let (Some(v), Some((f, t))) = (&d.date_value, &d.date) {
                    date_votes.entry((v.clone(), f.clone(), t.clone())).or_default().insert(d.doc);
                    let (s, e, text) = d.date_span.clone().unwrap_or((d.trigger.0, d.trigger.1, d.trigger.2.clone()));
                    date_claims.push((
                        (f.clone(), t.clone()),
                        v.clone(),
                        SpanRef { doc: key_of(d.doc), start: s, end: e, text },
                    ));
                }
                if let Some((p, span)) = &d.place {
                    let (start, end, text) = span.clone().unwrap_or_else(|| d.trigger.clone());
                    place_claims.push((*p, SpanRef { doc: key_of(d.doc), start, end, text }));
                }
            }
            // The best-supported date; at equal support the more precise one.
            let date = date_votes
                .iter()
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.2.cmp(&a.0.2).reverse().then(b.0.0.cmp(&a.0.0))))
                .map(|(k, _)| k.clone());
            // The timeline index holds dated events (its key includes the date).
            if let Some(d) = &date {
                for &part in &parts {
                    ea_rows.push([vid.into(), part.into(), d.1.clone().into()]);
                }
            }
            let (date_value, date_from, date_to) =
                date.map_or((None, None, None), |d| (Some(d.0), Some(d.1), Some(d.2)));
            ev_rows.push([
                vid.into(),
                first.kind.as_str().into(),
                ms.iter().find_map(|&m| des[m].plover.as_deref()).into(),
                ms.iter().find_map(|&m| des[m].cameo.as_deref()).into(),
                date_value.into(),
                date_from.into(),
                date_to.into(),
                serde_json::to_string(&parts)?.into(),
                serde_json::to_string(&src)?.into(),
                serde_json::to_string(&tgt)?.into(),
            ]);
            for &m in ms {
                let d = &des[m];
                source_id += 1;
                src_rows.push([
                    source_id.into(),
                    vid.into(),
                    d.doc.into(),
                    d.id.into(),
                    d.trigger.0.into(),
                    d.trigger.1.into(),
                    d.date_span.as_ref().map(|x| x.2.as_str()).into(),
                ]);
            }
            // Date contradiction: claims whose intervals do not overlap the others'.
            if date_claims.len() >= 2 {
                let conflict =
                    date_claims.iter().any(|a| date_claims.iter().any(|b| !(a.0.0 < b.0.1 && b.0.0 < a.0.1)));
                if conflict {
                    let claims: Vec<(String, SpanRef)> =
                        date_claims.iter().map(|(_, v, s)| (v.clone(), s.clone())).collect();
                    if let Some(c) = contradict::contradiction(
                        "date",
                        &format!("v{vid}"),
                        &format!("date of the {}", first.kind),
                        &claims,
                    ) {
                        contradictions.push(c);
                    }
                }
            }
            let country = |a: i64| actor_codes.get(&a).and_then(|c| c.get("cameo")).and_then(|c| c.get(..3));
            if let Some(claims) = contradict::place_claims(&place_claims, country, actor_name)
                && let Some(c) = contradict::contradiction(
                    "place",
                    &format!("v{vid}"),
                    &format!("place of the {}", first.kind),
                    &claims,
                )
            {
                contradictions.push(c);
            }
        }
        use crate::db::Col::{Int, Text};
        db.insert_rows(
            "events",
            &[
                ("id", Int),
                ("type", Text),
                ("plover", Text),
                ("cameo", Text),
                ("date_value", Text),
                ("date_from", Text),
                ("date_to", Text),
                ("participants", Text),
                ("source", Text),
                ("target", Text),
            ],
            &ev_rows,
            "",
        )?;
        db.insert_rows(
            "event_actors",
            &[("event", Int), ("actor", Int), ("date_from", Text)],
            &ea_rows,
            "ON CONFLICT DO NOTHING",
        )?;
        db.insert_rows(
            "sources",
            &[
                ("id", Int),
                ("event", Int),
                ("doc", Int),
                ("doc_event", Int),
                ("start", Int),
                ("\"end\"", Int),
                ("date_text", Text),
            ],
            &src_rows,
            "",
        )?;
        lap("event rows");
    }

    // Stories: reports linked by a merged event or a shared quote. Counts and roles are
    // compared only within a story (roles change over the years; a story is one moment).
    let mut story: BTreeMap<i64, i64> = BTreeMap::new();
    // Pairs of reports that tell one merged event themselves (a story links reports
    // transitively and through shared quotes; counts are compared only across a direct link).
    let mut direct: BTreeSet<(i64, i64)> = BTreeSet::new();
    {
        let mut parent: BTreeMap<i64, i64> = docs.keys().map(|&d| (d, d)).collect();
        fn find(p: &mut BTreeMap<i64, i64>, x: i64) -> i64 {
            let mut r = x;
            while let Some(&q) = p.get(&r) {
                if q == r {
                    break;
                }
                r = q;
            }
            p.insert(x, r);
            r
        }
        let mut link = |groups: Vec<Vec<i64>>, tell_one_event: bool| {
            for mut g in groups {
                g.sort_unstable();
                g.dedup();
                // A merged event told by very many reports links them through the story
                // alone: direct pairs are kept for groups of a size a story has.
                if tell_one_event && g.len() <= 64 {
                    for (k, &a) in g.iter().enumerate() {
                        for &b in &g[k + 1..] {
                            direct.insert((a, b));
                        }
                    }
                }
                for w in g.windows(2) {
                    let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                    if a != b {
                        parent.insert(a.max(b), a.min(b));
                    }
                }
            }
        };
        let mut by_event: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (d, evs) in &doc_events_of {
            for e in evs {
                by_event.entry(*e).or_default().push(*d);
            }
        }
        link(by_event.into_values().collect(), true);
        let mut by_q: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for (d, cs) in &doc_quote_clusters {
            for c in cs {
                by_q.entry(*c).or_default().push(*d);
            }
        }
        // A shared quote puts two reports in one story, but a quote is retold in reports of
        // other events too (a slogan, a speech quoted for months).
        link(by_q.into_values().collect(), false);
        let ds: Vec<i64> = docs.keys().copied().collect();
        for d in ds {
            let r = find(&mut parent, d);
            story.insert(d, r);
        }
    }
    let mut story_docs: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (d, s) in &story {
        story_docs.entry(*s).or_default().push(*d);
    }
    lap("events written");
    // Role contradictions: offices that no single report states together.
    for (a, all_claims) in &role_claims {
        let mut by_story: BTreeMap<i64, Vec<(String, SpanRef)>> = BTreeMap::new();
        for c in all_claims {
            let Some(d) = doc_id_of.get(c.1.doc.as_str()) else { continue };
            by_story.entry(story.get(d).copied().unwrap_or(*d)).or_default().push(c.clone());
        }
        for claims in by_story.values() {
            let mut by_doc: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
            for (class, s) in claims {
                by_doc.entry(s.doc.as_str()).or_default().insert(class.as_str());
            }
            let together: BTreeSet<(&str, &str)> =
                by_doc.values().flat_map(|cs| cs.iter().flat_map(move |x| cs.iter().map(move |y| (*x, *y)))).collect();
            let classes: BTreeSet<&str> = claims.iter().map(|c| c.0.as_str()).collect();
            let clash = classes.iter().any(|x| classes.iter().any(|y| x != y && !together.contains(&(*x, *y))));
            if clash
                && let Some(c) =
                    contradict::contradiction("role", &format!("a{a}"), &format!("role of {}", actor_name(*a)), claims)
            {
                contradictions.push(c);
            }
        }
    }

    // Speaker contradictions: one quote, different speakers.
    let mut by_cluster: BTreeMap<usize, Vec<&Q>> = BTreeMap::new();
    for (q, &c) in quotes.iter().zip(&quote_cluster) {
        by_cluster.entry(c).or_default().push(q);
    }
    for qs in by_cluster.values() {
        let claims: Vec<(String, SpanRef)> = qs
            .iter()
            .filter_map(|q| {
                let s = q
                    .speaker
                    .filter(|s| matches!(actor_type.get(s).map(String::as_str), Some("PERSON" | "ORG" | "GROUP")))?;
                Some((actor_name(s), SpanRef { doc: key_of(q.doc), start: q.start, end: q.end, text: q.text.clone() }))
            })
            .collect();
        let docs: BTreeSet<&str> = claims.iter().map(|c| c.1.doc.as_str()).collect();
        if docs.len() < 2 || contradict::one_name(claims.iter().map(|c| c.0.as_str())) {
            continue;
        }
        if let Some(c) = contradict::contradiction("speaker", &format!("q{}", qs[0].id), "who said it", &claims) {
            contradictions.push(c);
        }
    }

    lap("roles+speakers");
    for ds in story_docs.values().filter(|v| v.len() >= 2) {
        let mut by_unit: BTreeMap<String, Vec<(String, SpanRef)>> = BTreeMap::new();
        for d in ds {
            let Some(doc) = docs.get(d) else { continue };
            let cs = contradict::counts(&doc.text);
            let mut per_unit: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
            for c in &cs {
                per_unit.entry(c.unit.as_str()).or_default().insert(c.value);
            }
            for c in &cs {
                // A report giving several values for one thing is about several things.
                if per_unit[c.unit.as_str()].len() == 1 {
                    by_unit.entry(c.unit.clone()).or_default().push((
                        c.value.to_string(),
                        SpanRef { doc: doc.key.clone(), start: c.start, end: c.end, text: c.text.clone() },
                    ));
                }
            }
        }
        let about = ds
            .iter()
            .find_map(|d| doc_events_of.get(d).and_then(|e| e.first().copied()))
            .map_or_else(|| format!("d{}", ds[0]), |v| format!("v{v}"));
        for (unit, claims) in by_unit {
            // Only values of reports directly linked to a report giving another value: two
            // reports of one story that share nothing tell different things (`five
            // countries` of a trade deal, `195 countries` of a climate accord).
            let linked = |x: &str, y: &str| {
                let (Some(&a), Some(&b)) = (doc_id_of.get(x), doc_id_of.get(y)) else { return false };
                direct.contains(&(a.min(b), a.max(b)))
            };
            let claims: Vec<(String, SpanRef)> = claims
                .iter()
                .filter(|(v, s)| claims.iter().any(|(w, t)| w != v && linked(&s.doc, &t.doc)))
                .cloned()
                .collect();
            let docs_n: BTreeSet<&str> = claims.iter().map(|c| c.1.doc.as_str()).collect();
            if docs_n.len() < 2 {
                continue;
            }
            if let Some(c) = contradict::contradiction("count", &about, &format!("number of {unit}s"), &claims) {
                contradictions.push(c);
            }
        }
    }
    {
        // Explicit ids: the same record gets the same ids on every rebuild and backend.
        for (i, c) in contradictions.iter().enumerate() {
            db.execute(
                "INSERT INTO contradictions (id, field, about, description, docs, sides) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                p![
                    i as i64 + 1,
                    &c.field,
                    &c.about,
                    &c.description,
                    &serde_json::to_string(&c.docs)?,
                    &serde_json::to_string(&c.sides)?
                ],
            )?;
        }
    }
    lap("counts");
    db.execute(
        "INSERT INTO state (key, value) VALUES ('dirty', '0') ON CONFLICT (key) DO UPDATE SET value = '0'",
        p![],
    )?;
    tx.commit()
}

/// Whether the words around an event's trigger tell it as a repetition of an earlier one:
/// `spoke again`, `another call`, `a second meeting`, `a follow-up call`, `renewed talks`,
/// `met once more`.
fn tells_repetition(near: &str) -> bool {
    const MARKERS: &[&str] =
        &["again", "another", "second", "third", "follow-up", "followup", "renewed", "anew", "fresh", "repeat"];
    let mut prev = "";
    for w in near.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()) {
        if MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w))
            || (prev.eq_ignore_ascii_case("once") && w.eq_ignore_ascii_case("more"))
        {
            return true;
        }
        prev = w;
    }
    false
}

/// Near-identical quotes across reports (a shared run of three content words, then most
/// of the shorter quote's words in the longer one). Cluster number per quote.
pub fn cluster_quotes(quotes: &[(i64, &WordSet)]) -> Vec<usize> {
    let n = quotes.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // Block on the three rarest words of each quote.
    let mut df: HashMap<u32, usize> = HashMap::default();
    for (_, w) in quotes {
        for x in w.iter() {
            *df.entry(*x).or_default() += 1;
        }
    }
    // Keys: pairs of the three rarest words, so one differing word still finds the pair.
    let mut index: HashMap<(u32, u32), Vec<usize>> = HashMap::default();
    for (i, (_, w)) in quotes.iter().enumerate() {
        if w.len() < 3 {
            continue;
        }
        let mut ws: Vec<(usize, u32)> = w.iter().map(|x| (df[x], *x)).collect();
        ws.sort_unstable();
        let ws: Vec<u32> = ws.into_iter().take(3).map(|(_, x)| x).collect();
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            if let (Some(x), Some(y)) = (ws.get(a), ws.get(b)) {
                index.entry(if x <= y { (*x, *y) } else { (*y, *x) }).or_default().push(i);
            }
        }
    }
    let mut pairs = BTreeSet::new();
    for list in index.values() {
        if list.len() > 200 {
            continue;
        }
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                pairs.insert((i, j));
            }
        }
    }
    for (i, j) in pairs {
        let (a, b) = (quotes[i].1, quotes[j].1);
        let shared = a.shared(b);
        let small = a.len().min(b.len());
        if small >= 5 && shared * 10 >= small * 7 {
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            if ri != rj {
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    (0..n)
        .map(|i| {
            let r = find(&mut parent, i);
            let next = number.len();
            *number.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Chars, tells_repetition};

    #[test]
    fn repetitions_are_told_by_their_words() {
        assert!(tells_repetition("Delkoff and Sharapov spoke again by phone"));
        assert!(tells_repetition("held Another round"));
        assert!(tells_repetition("met once more in Oslo"));
        assert!(tells_repetition("a follow-up call"));
        assert!(!tells_repetition("spoke by phone with the aide on October 14"));
        assert!(!tells_repetition("once the talks were over, more came"));
        assert!(!tells_repetition("the secondary talks"));
    }

    /// Slicing by code points, the slow obvious way.
    fn by_chars(text: &str, start: u32, end: u32) -> String {
        if start > end {
            return String::new();
        }
        text.chars().skip(start as usize).take((end - start) as usize).collect()
    }

    #[test]
    fn code_point_slices_match_on_ascii_and_non_ascii_text() {
        for text in ["Witkoff met Ushakov on Oct. 14.", "Ušakov — «Vitkov» 14 октября", "", "é"] {
            let chars = Chars::new(text);
            let n = text.chars().count() as u32;
            for start in 0..=n + 2 {
                for end in 0..=n + 2 {
                    assert_eq!(chars.slice(text, start, end), by_chars(text, start, end), "{text:?} {start}..{end}");
                }
            }
        }
    }
}
