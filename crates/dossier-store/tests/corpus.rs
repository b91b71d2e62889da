//! The invented six-report fixture (tests/fixtures/call-reports.jsonl), annotated by hand in
//! the contract format: every planted contradiction is found, no distinct people or events
//! are merged, and the store's guarantees (dedupe, decisions, parameters) hold. Every test
//! runs on SQLite and, when `DOSSIER_TEST_POSTGRES` is set, on PostgreSQL too.

#![allow(clippy::unwrap_used)] // tests: a failed step should stop the test

use dossier_store::testing::{self, PgSchema};
use dossier_store::{DocRecord, Item, Store};
use dossier_store::{p, query};
use serde_json::{Value, json};

const REPORTS: &str = include_str!("fixtures/call-reports.jsonl");

/// type, source entity, target entity, trigger, date value, date text
type Ev = (&'static str, usize, Option<usize>, &'static str, &'static str, &'static str);

struct Ann {
    id: &'static str,
    entities: &'static [(&'static str, &'static str, &'static [&'static str])],
    quotes: &'static [(&'static str, usize, &'static str)],
    events: &'static [Ev],
}

const ANNS: &[Ann] = &[
    Ann {
        id: "wire-1",
        entities: &[
            ("Mark Delkoff", "PERSON", &["Mark Delkoff", "Delkoff"]),
            ("Yury Sharapov", "PERSON", &["Yury Sharapov", "Sharapov"]),
            ("Kremlin", "ORG", &["Kremlin"]),
        ],
        quotes: &[
            ("whether a call between the two presidents would be useful before the summit", 1, "indirect"),
            ("We are ready to work through every point of the plan", 0, "direct"),
        ],
        events: &[("call", 0, Some(1), "spoke", "2025-10-14", "October 14")],
    },
    Ann {
        id: "daily-2",
        entities: &[
            ("Mark Delkoff", "PERSON", &["Mark Delkoff", "Delkoff"]),
            ("Yury Sharapov", "PERSON", &["Yury Sharapov"]),
            ("Kremlin", "ORG", &["Kremlin"]),
        ],
        quotes: &[("We are ready to work through every point of the plan", 0, "direct")],
        events: &[("call", 0, Some(1), "telephone call", "2025-11-14", "November 14")],
    },
    Ann {
        id: "mt-3",
        entities: &[
            ("Mark Delkov", "PERSON", &["Mark Delkov", "Delkov"]),
            ("Yuri Šarapov", "PERSON", &["Yuri Šarapov", "Šarapov"]),
            ("Kremlin", "ORG", &["Kremlin"]),
        ],
        quotes: &[
            ("whether a call between the two presidents would be useful before the summit", 0, "indirect"),
            ("the Kremlin would study the proposals", 1, "indirect"),
        ],
        events: &[("call", 0, Some(1), "spoke", "2025-10-14", "October 14")],
    },
    Ann {
        id: "transcript-4",
        entities: &[("Delkoff", "PERSON", &["DELKOFF"]), ("Sharapov", "PERSON", &["SHARAPOV"])],
        quotes: &[
            ("Would a call between the two presidents be useful before the summit?", 1, "turn"),
            ("We are ready to work through every point of the plan.", 0, "turn"),
        ],
        events: &[("call", 0, Some(1), "call", "2025-10-14", "today")],
    },
    Ann {
        id: "wire-5",
        entities: &[("Delkoff", "PERSON", &["Delkoff"]), ("Sharapov", "PERSON", &["Sharapov"])],
        quotes: &[],
        events: &[("call", 0, Some(1), "spoke", "2025-10-20", "October 20")],
    },
    Ann {
        id: "senate-6",
        entities: &[("Ellen Delkoff", "PERSON", &["Ellen Delkoff"]), ("Congress", "ORG", &["Congress"])],
        quotes: &[("Nobody in Congress has seen the text", 0, "direct")],
        events: &[("statement", 0, None, "criticised", "2025-10-21", "October 21")],
    },
];

fn cp(text: &str, byte: usize) -> u32 {
    text[..byte].chars().count() as u32
}

fn span(text: &str, needle: &str) -> Value {
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    json!({"start": cp(text, b), "end": cp(text, b + needle.len()), "text": needle})
}

/// The contract record of one fixture report.
fn record(line: &Value, ann: &Ann) -> String {
    let text = line["text"].as_str().unwrap();
    let mut claimed: Vec<(usize, usize)> = Vec::new();
    let mut entities = Vec::new();
    for (i, (name, kind, surfaces)) in ann.entities.iter().enumerate() {
        let mut mentions = Vec::new();
        for s in surfaces.iter() {
            for (b, _) in text.match_indices(s) {
                let e = b + s.len();
                if claimed.iter().any(|&(x, y)| b < y && x < e) {
                    continue;
                }
                claimed.push((b, e));
                let kind = if line["kind"] == "transcript" { "label" } else { "name" };
                mentions.push(json!({"start": cp(text, b), "end": cp(text, e), "text": s, "kind": kind}));
            }
        }
        entities.push(json!({"id": format!("e{}", i + 1), "name": name, "type": kind, "roles": [],
                             "affiliations": [], "codes": {}, "mentions": mentions}));
    }
    let quotes: Vec<Value> = ann
        .quotes
        .iter()
        .enumerate()
        .map(|(i, (q, sp, kind))| {
            let s = span(text, q);
            json!({"id": format!("q{}", i + 1), "start": s["start"], "end": s["end"], "text": q, "kind": kind,
                   "speaker": format!("e{}", sp + 1), "speaker_mention": null, "cue": null})
        })
        .collect();
    let mut timexes = Vec::new();
    let events: Vec<Value> = ann
        .events
        .iter()
        .enumerate()
        .map(|(i, (kind, src, tgt, trigger, value, date_text))| {
            let t = span(text, date_text);
            timexes.push(json!({"id": format!("t{}", i + 1), "start": t["start"], "end": t["end"], "text": date_text,
                                "type": "DATE", "value": value, "anchor": "published", "resolved": null}));
            json!({"id": format!("ev{}", i + 1), "type": kind, "plover": null, "cameo": null,
                   "source": [format!("e{}", src + 1)], "target": tgt.map(|t| vec![format!("e{}", t + 1)]).unwrap_or_default(),
                   "source_codes": [], "target_codes": [], "trigger": span(text, trigger), "sentence": 0,
                   "when": format!("t{}", i + 1), "date": {"value": value, "from": null, "to": null},
                   "negated": false, "hypothetical": false})
        })
        .collect();
    let rec = json!({
        "schema": "dossier/1",
        "doc": {"id": line["id"], "url": line.get("url"), "title": null, "source": line["source"],
                "published": line["published"], "kind": line.get("kind").cloned().unwrap_or(json!("jsonl")), "meta": {}},
        "text": text, "sentences": [{"start": 0, "end": cp(text, text.len())}],
        "entities": entities, "timexes": timexes, "quotes": quotes, "events": events, "warnings": []
    });
    rec.to_string()
}

fn items() -> Vec<Item> {
    REPORTS
        .lines()
        .map(|l| {
            let line: Value = serde_json::from_str(l).unwrap();
            let ann = ANNS.iter().find(|a| a.id == line["id"]).unwrap();
            let json = record(&line, ann);
            Item::Analyzed { record: Box::new(DocRecord::from_json(&json).unwrap()), engine: "fixture".into() }
        })
        .collect()
}

/// The fixture corpus on every backend under test.
fn corpora(test: &str) -> Vec<(Store, Option<PgSchema>)> {
    let stores = testing::stores(test).unwrap();
    for (store, _) in &stores {
        store.write_batch(&items()).unwrap();
        store.rebuild().unwrap();
    }
    stores
}

fn actor(store: &Store, name: &str) -> i64 {
    query::find_actor(store.conn(), name).unwrap().unwrap_or_else(|| panic!("no actor {name}"))
}

fn doc_actor(store: &Store, doc: &str, local: &str) -> i64 {
    store
        .conn()
        .query_value(
            "SELECT ea.actor FROM doc_entities de JOIN documents d ON d.id = de.doc JOIN entity_actors ea ON ea.entity = de.id\n             WHERE d.doc_key = ?1 AND de.local_id = ?2",
            p![doc, local],
        )
        .unwrap()
}

#[test]
fn one_actor_per_person() {
    for (s, _pg) in corpora("one_actor_per_person") {
        one_actor_per_person_on(&s);
    }
}

fn one_actor_per_person_on(s: &Store) {
    let mark = doc_actor(s, "wire-1", "e1");
    let yury = doc_actor(s, "wire-1", "e2");
    for (doc, e) in [("daily-2", "e1"), ("mt-3", "e1"), ("transcript-4", "e1"), ("wire-5", "e1")] {
        assert_eq!(doc_actor(s, doc, e), mark, "{doc} {e} is Mark Delkoff");
    }
    for (doc, e) in [("daily-2", "e2"), ("mt-3", "e2"), ("transcript-4", "e2"), ("wire-5", "e2")] {
        assert_eq!(doc_actor(s, doc, e), yury, "{doc} {e} is Yury Sharapov");
    }
    let ellen = doc_actor(s, "senate-6", "e1");
    assert_ne!(ellen, mark, "a namesake is another person");
    assert_eq!(doc_actor(s, "wire-1", "e3"), doc_actor(s, "mt-3", "e3"));
    let a = query::show_actor(s.conn(), mark).unwrap().unwrap();
    assert_eq!(a["name"], "Mark Delkoff");
    let aliases: Vec<&str> = a["aliases"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(aliases.contains(&"Delkov") && aliases.contains(&"DELKOFF"), "{aliases:?}");
}

#[test]
fn one_event_per_call_and_distinct_calls_stay_distinct() {
    for (s, _pg) in corpora("one_event_per_call") {
        one_event_per_call_on(&s);
    }
}

fn one_event_per_call_on(s: &Store) {
    let ev = |doc: &str| -> i64 {
        s.conn()
            .query_value("SELECT s.event FROM sources s JOIN documents d ON d.id = s.doc WHERE d.doc_key = ?1", p![doc])
            .unwrap()
    };
    let call = ev("wire-1");
    for d in ["daily-2", "mt-3", "transcript-4"] {
        assert_eq!(ev(d), call, "{d} reports the October 14 call");
    }
    assert_ne!(ev("wire-5"), call, "the October 20 call is another event");
    assert_ne!(ev("senate-6"), call);
    let shown = query::show_event(s.conn(), call).unwrap().unwrap();
    assert_eq!(shown["date"], "2025-10-14", "the best-supported date");
    assert_eq!(shown["sources"].as_array().unwrap().len(), 4);
    assert_eq!(s.stats().unwrap().events, 3);
}

#[test]
fn every_planted_contradiction_and_no_other() {
    for (s, _pg) in corpora("every_planted_contradiction") {
        every_planted_contradiction_on(&s);
    }
}

fn every_planted_contradiction_on(s: &Store) {
    let cs = query::contradictions(s.conn()).unwrap();
    let fields: Vec<&str> = cs.iter().map(|c| c["field"].as_str().unwrap()).collect();
    let mut sorted = fields.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, vec!["count", "date", "role", "speaker"], "{cs:#?}");
    let by = |f: &str| cs.iter().find(|c| c["field"] == f).unwrap();
    let date = by("date");
    assert_eq!(date["sides"][0]["value"], "2025-10-14");
    assert_eq!(date["sides"][0]["docs"], json!(["mt-3", "transcript-4", "wire-1"]));
    assert_eq!(
        date["sides"][1],
        json!({"value": "2025-11-14", "docs": ["daily-2"],
        "spans": [{"doc": "daily-2", "start": 71, "end": 82, "text": "November 14"}]})
    );
    let count = by("count");
    assert_eq!(count["sides"][0]["value"], "28");
    assert_eq!(count["sides"][1]["value"], "19");
    assert_eq!(count["sides"][1]["spans"][0]["text"], "19-point");
    let role = by("role");
    let values: Vec<&str> = role["sides"].as_array().unwrap().iter().map(|s| s["value"].as_str().unwrap()).collect();
    assert_eq!(values, vec!["ambassador", "envoy"]);
    assert_eq!(role["sides"][1]["spans"][0]["text"], "US special envoy");
    let speaker = by("speaker");
    assert_eq!(speaker["sides"][0]["value"], "Yury Sharapov");
    assert_eq!(
        speaker["sides"][1],
        json!({"value": "Mark Delkoff", "docs": ["mt-3"], "spans": [{"doc": "mt-3",
        "start": 150, "end": 225, "text": "whether a call between the two presidents would be useful before the summit"}]})
    );
    // Every span is exact provenance.
    for c in &cs {
        for side in c["sides"].as_array().unwrap() {
            for sp in side["spans"].as_array().unwrap() {
                let text: String = s
                    .conn()
                    .query_value("SELECT text FROM documents WHERE doc_key = ?1", p![sp["doc"].as_str().unwrap()])
                    .unwrap();
                let got: String = text
                    .chars()
                    .skip(sp["start"].as_u64().unwrap() as usize)
                    .take((sp["end"].as_u64().unwrap() - sp["start"].as_u64().unwrap()) as usize)
                    .collect();
                assert_eq!(got, sp["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn reingest_is_a_noop_and_rebuild_is_deterministic() {
    let mut exports = Vec::new();
    for (s, _pg) in corpora("reingest_is_a_noop") {
        exports.push(reingest_is_a_noop_on(&s));
    }
    // Both backends give the same record.
    for e in &exports[1..] {
        assert_eq!(e, &exports[0]);
    }
}

fn reingest_is_a_noop_on(s: &Store) -> Value {
    let before = query::export_json(s.conn()).unwrap();
    let its = items();
    for it in &its {
        let Item::Analyzed { record, .. } = it else { unreachable!() };
        let known = s.lookup(&dossier_store::content_hash(&record.text), record.doc.url.as_deref()).unwrap();
        assert!(known.is_some_and(|k| k.ok));
    }
    // Known documents are not written again (what `dossier ingest` does before analysing).
    s.rebuild().unwrap();
    assert_eq!(query::export_json(s.conn()).unwrap(), before);
    assert_eq!(s.stats().unwrap().documents, 6);
    assert!(s.check().unwrap().is_empty());
    before
}

#[test]
fn ingest_in_parts_gives_the_record_of_one_ingest() {
    let whole: Vec<Value> =
        corpora("ingest_whole").iter().map(|(s, _)| query::export_json(s.conn()).unwrap()).collect();
    for (k, (s, _pg)) in testing::stores("ingest_in_parts").unwrap().into_iter().enumerate() {
        // Reports arrive in three rounds, each followed by a rebuild: rows whose actor or
        // merged event did not change are left alone, the others are moved.
        let its = items();
        for part in [&its[..2], &its[2..4], &its[4..]] {
            s.write_batch(part).unwrap();
            s.rebuild().unwrap();
        }
        assert_eq!(query::export_json(s.conn()).unwrap(), whole[k]);
        one_actor_per_person_on(&s);
        one_event_per_call_on(&s);
    }
}

#[test]
fn user_decisions_persist_and_win() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db").to_string_lossy().into_owned();
    user_decisions_persist_on(&path);
    if let Some(pg) = PgSchema::new("user_decisions_persist_and_win").unwrap() {
        user_decisions_persist_on(&pg.location);
    }
}

fn user_decisions_persist_on(path: &str) {
    {
        let s = Store::connect(path).unwrap();
        s.write_batch(&items()).unwrap();
        s.decide(false, "Mark Delkoff", "Mark Delkov").unwrap();
        s.decide(true, "Ellen Delkoff", "Congress").unwrap();
        s.rebuild().unwrap();
    }
    let s = Store::connect(path).unwrap();
    assert_ne!(doc_actor(&s, "wire-1", "e1"), doc_actor(&s, "mt-3", "e1"));
    assert_eq!(doc_actor(&s, "senate-6", "e1"), doc_actor(&s, "senate-6", "e2"));
    s.rebuild().unwrap();
    assert_ne!(doc_actor(&s, "wire-1", "e1"), doc_actor(&s, "mt-3", "e1"));
}

#[test]
fn queries_timeline_search_quotes_export() {
    for (s, _pg) in corpora("queries_timeline_search_quotes_export") {
        queries_on(&s);
    }
}

fn queries_on(s: &Store) {
    let mark = actor(s, "Delkoff");
    let t = query::timeline(s.conn(), Some(mark), None, None, 100).unwrap();
    let dates: Vec<Option<&str>> = t.iter().map(|r| r.date.as_deref()).collect();
    assert_eq!(dates, vec![Some("2025-10-14"), Some("2025-10-20")]);
    let t = query::timeline(s.conn(), None, Some("2025-10-15"), Some("2025-10-31"), 100).unwrap();
    assert_eq!(t.len(), 2);
    let hits = query::search(s.conn(), "prisoner exchange", 10).unwrap();
    assert_eq!(hits[0].doc, "wire-5");
    let yury = actor(s, "Yuri Šarapov");
    let q = query::quotes(s.conn(), Some(yury), 10).unwrap();
    assert_eq!(q.len(), 3);
    let ex = query::export_json(s.conn()).unwrap();
    assert_eq!(ex["schema"], "dossier-corpus/1");
    for key in ["documents", "actors", "events", "quotes", "contradictions"] {
        assert!(!ex[key].as_array().unwrap().is_empty(), "{key}");
    }
    let ev = &ex["events"][0];
    assert!(ev["participants"].as_array().unwrap().iter().all(|p| p.as_str().unwrap().starts_with('a')));
    assert_eq!(ev["sources"][0]["date_text"], "October 14");
}

#[test]
fn sql_and_fts_injection_are_inert() {
    for (s, _pg) in corpora("sql_and_fts_injection_are_inert") {
        injection_is_inert_on(&s);
    }
}

fn injection_is_inert_on(s: &Store) {
    let evil = [
        "'; DROP TABLE actors; --",
        "\" OR 1=1 --",
        "x' UNION SELECT text FROM documents --",
        "NEAR(a b) OR * AND \"",
        "a%' OR name LIKE '%",
    ];
    for e in evil {
        assert_eq!(query::find_actor(s.conn(), e).unwrap(), None, "{e}");
        assert!(query::search(s.conn(), e, 10).is_ok(), "{e}");
        s.decide(true, e, "Congress").unwrap();
    }
    s.rebuild().unwrap();
    assert_eq!(s.stats().unwrap().documents, 6);
    let n: i64 = s.conn().query_value("SELECT count(*) FROM decisions WHERE a = ?1", p![evil[0]]).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn failed_documents_are_recorded_with_reason() {
    for (s, _pg) in testing::stores("failed_documents_are_recorded_with_reason").unwrap() {
        failed_documents_on(&s);
    }
}

fn failed_documents_on(s: &Store) {
    let info = dossier_store::record::DocInfo { id: "bad-1".into(), ..Default::default() };
    s.write_batch(&[Item::Failed {
        info,
        text: "some text".into(),
        reason: "component crashed".into(),
        engine: "x".into(),
    }])
    .unwrap();
    let st = s.stats().unwrap();
    assert_eq!((st.documents, st.failed), (0, 1));
    let failed = s.stored_documents(true).unwrap();
    assert_eq!(failed[0].1.id, "bad-1");
    // A retry that succeeds turns it into an ok document in place.
    let json = r#"{"doc":{"id":"bad-1"},"text":"some text"}"#;
    s.write_batch(&[Item::Analyzed { record: Box::new(DocRecord::from_json(json).unwrap()), engine: "x".into() }])
        .unwrap();
    let st = s.stats().unwrap();
    assert_eq!((st.documents, st.failed), (1, 0));
}

#[test]
fn a_document_twice_in_one_batch_is_stored_once() {
    for (s, _pg) in testing::stores("a_document_twice_in_one_batch").unwrap() {
        let once = Store::open_in_memory().unwrap();
        once.write_batch(&items()).unwrap();
        let mut twice = items();
        twice.extend(items());
        s.write_batch(&twice).unwrap();
        let count = |st: &Store, table: &str| -> i64 {
            st.conn().query_value(&format!("SELECT count(*) FROM {table}"), p![]).unwrap()
        };
        for table in ["documents", "analyses", "doc_entities", "mentions", "quotes", "timexes", "doc_events"] {
            assert_eq!(count(&s, table), count(&once, table), "{table}");
        }
        assert!(s.check().unwrap().is_empty());
        s.rebuild().unwrap();
        assert_eq!(query::search(s.conn(), "prisoner exchange", 10).unwrap().len(), 1);
    }
}

/// The rows of one Parquet file as JSON objects (nulls written out, as in the JSON export).
#[cfg(feature = "parquet")]
fn parquet_rows(path: &std::path::Path) -> Vec<Value> {
    let file = std::fs::File::open(path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let mut writer = arrow_json::WriterBuilder::new()
        .with_explicit_nulls(true)
        .build::<_, arrow_json::writer::JsonArray>(Vec::new());
    let mut rows = 0;
    for batch in reader {
        let batch = batch.unwrap();
        rows += batch.num_rows();
        writer.write(&batch).unwrap();
    }
    writer.finish().unwrap();
    if rows == 0 {
        return Vec::new();
    }
    serde_json::from_slice(&writer.into_inner()).unwrap()
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_holds_every_record_of_the_json_export() {
    for (s, _pg) in corpora("parquet_export") {
        let dir = tempfile::tempdir().unwrap();
        let files = dossier_store::columnar::export_parquet(s.conn(), dir.path()).unwrap();
        let mut records: Vec<(String, Value)> = Vec::new();
        query::export_records(s.conn(), |kind, v| {
            records.push((kind.to_string(), v));
            Ok(())
        })
        .unwrap();
        assert_eq!(files.len(), dossier_store::columnar::KINDS.len());
        for ((kind, stem), (path, rows)) in dossier_store::columnar::KINDS.iter().zip(&files) {
            assert_eq!(path.file_name().unwrap().to_str().unwrap(), format!("{stem}.parquet"));
            let want: Vec<&Value> = records.iter().filter(|(k, _)| k == kind).map(|(_, v)| v).collect();
            assert!(!want.is_empty(), "the fixture has {kind} records");
            assert_eq!(*rows as usize, want.len(), "{kind}");
            let got = parquet_rows(path);
            assert_eq!(got.len(), want.len(), "{kind}");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(&g, w, "{kind}: the Parquet row differs from the JSON record");
            }
        }
        // No partial files are left behind, and a second export is byte-identical.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| n.ends_with(".parquet") && !n.starts_with('.')), "{names:?}");
        let again = tempfile::tempdir().unwrap();
        dossier_store::columnar::export_parquet(s.conn(), again.path()).unwrap();
        for (path, _) in &files {
            let other = again.path().join(path.file_name().unwrap());
            assert_eq!(std::fs::read(path).unwrap(), std::fs::read(other).unwrap(), "{}", path.display());
        }
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_of_an_empty_corpus_writes_empty_files() {
    let s = Store::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = dossier_store::columnar::export_parquet(s.conn(), &dir.path().join("new/sub")).unwrap();
    assert_eq!(files.len(), 5);
    for (path, rows) in files {
        assert_eq!(rows, 0);
        assert!(parquet_rows(&path).is_empty());
    }
}

/// A report of one meeting, with the place it names and that place's CAMEO code.
fn meeting_report(id: &str, place: &str, code: Option<&str>) -> Item {
    // The report's id ends the text: identical texts would be one document.
    let text = format!("Envoy Mark Delkoff met Yury Sharapov in {place} on October 24. ({id})");
    let codes = code.map_or(json!({}), |c| json!({"cameo": c}));
    let rec = json!({
        "doc": {"id": id, "published": "2025-10-25"},
        "text": text,
        "entities": [
            {"id": "e1", "name": "Mark Delkoff", "type": "PERSON", "mentions": [span(&text, "Mark Delkoff")]},
            {"id": "e2", "name": "Yury Sharapov", "type": "PERSON", "mentions": [span(&text, "Yury Sharapov")]},
            {"id": "e3", "name": place, "type": "PLACE", "codes": codes, "mentions": [span(&text, place)]}],
        "timexes": [{"id": "t1", "start": span(&text, "October 24")["start"], "end": span(&text, "October 24")["end"],
                     "text": "October 24", "type": "DATE", "value": "2025-10-24"}],
        "events": [{"id": "ev1", "type": "meeting", "source": ["e1"], "target": ["e2"], "trigger": span(&text, "met"),
                    "when": "t1", "date": {"value": "2025-10-24"}, "place": "e3", "place_mention": span(&text, place)}]
    });
    Item::Analyzed { record: Box::new(DocRecord::from_json(&rec.to_string()).unwrap()), engine: "fixture".into() }
}

#[test]
fn places_in_different_countries_contradict_and_one_place_at_two_precisions_does_not() {
    for (s, _pg) in testing::stores("places_contradict").unwrap() {
        s.write_batch(&[
            meeting_report("m-geneva", "Geneva", Some("CHE")),
            meeting_report("m-swiss", "Switzerland", Some("CHE")),
            meeting_report("m-geneva-2", "Geneva", Some("CHE")),
            meeting_report("m-unknown", "Lakeside Manor", None),
        ])
        .unwrap();
        s.rebuild().unwrap();
        assert_eq!(s.stats().unwrap().events, 1, "one meeting");
        assert!(query::contradictions(s.conn()).unwrap().is_empty(), "Geneva is in Switzerland");
        let geneva = actor(&s, "Geneva");
        let shown = query::show_actor(s.conn(), geneva).unwrap().unwrap();
        assert_eq!(shown["codes"], json!({"cameo": "CHE"}));

        s.write_batch(&[meeting_report("m-abu-dhabi", "Abu Dhabi", Some("ARE"))]).unwrap();
        s.rebuild().unwrap();
        assert_eq!(s.stats().unwrap().events, 1, "still one meeting, told in two places");
        let cs = query::contradictions(s.conn()).unwrap();
        assert_eq!(cs.len(), 1, "{cs:#?}");
        assert_eq!(cs[0]["field"], "place");
        assert_eq!(cs[0]["sides"][0]["value"], "Geneva / Switzerland");
        assert_eq!(cs[0]["sides"][0]["docs"], json!(["m-geneva", "m-geneva-2", "m-swiss"]));
        assert_eq!(
            cs[0]["sides"][1],
            json!({"value": "Abu Dhabi", "docs": ["m-abu-dhabi"],
                   "spans": [{"doc": "m-abu-dhabi", "start": 40, "end": 49, "text": "Abu Dhabi"}]})
        );
    }
}

/// A report whose events are `(type, participant names, trigger, date text, date value)`;
/// every participant is a PERSON entity named by its first occurrence.
fn story_report(id: &str, text: &str, events: &[(&str, [&str; 2], &str, &str, &str)]) -> Item {
    let mut names: Vec<&str> = Vec::new();
    for (_, ps, ..) in events {
        for p in ps {
            if !names.contains(p) {
                names.push(p);
            }
        }
    }
    let entity = |n: &str| format!("e{}", names.iter().position(|x| *x == n).unwrap() + 1);
    let entities: Vec<Value> = names
        .iter()
        .map(|n| json!({"id": entity(n), "name": n, "type": "PERSON", "mentions": [span(text, n)]}))
        .collect();
    let mut timexes = Vec::new();
    let evs: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, (kind, ps, trigger, date_text, value))| {
            let t = span(text, date_text);
            timexes.push(json!({"id": format!("t{}", i + 1), "start": t["start"], "end": t["end"], "text": date_text,
                                "type": "DATE", "value": value}));
            json!({"id": format!("ev{}", i + 1), "type": kind, "source": [entity(ps[0])], "target": [entity(ps[1])],
                   "trigger": span(text, trigger), "when": format!("t{}", i + 1), "date": {"value": value}})
        })
        .collect();
    let rec = json!({"doc": {"id": id, "published": "2025-10-27"}, "text": text, "entities": entities,
                     "timexes": timexes, "events": evs});
    Item::Analyzed { record: Box::new(DocRecord::from_json(&rec.to_string()).unwrap()), engine: "fixture".into() }
}

#[test]
fn counts_are_compared_only_between_reports_of_one_event() {
    for (s, _pg) in testing::stores("counts_direct").unwrap() {
        s.write_batch(&[
            story_report(
                "a",
                "Delkoff met Sharapov on October 24 about the 28-point plan, which five countries back.",
                &[("meeting", ["Delkoff", "Sharapov"], "met", "October 24", "2025-10-24")],
            ),
            story_report(
                "b",
                "Delkoff met Sharapov on October 24 about the 19-point plan. Delkoff then called Ostrik on October 26.",
                &[
                    ("meeting", ["Delkoff", "Sharapov"], "met", "October 24", "2025-10-24"),
                    ("call", ["Delkoff", "Ostrik"], "called", "October 26", "2025-10-26"),
                ],
            ),
            story_report(
                "c",
                "Delkoff called Ostrik on October 26 about a climate accord that 195 countries signed.",
                &[("call", ["Delkoff", "Ostrik"], "called", "October 26", "2025-10-26")],
            ),
        ])
        .unwrap();
        s.rebuild().unwrap();
        let cs = query::contradictions(s.conn()).unwrap();
        let descriptions: Vec<&str> = cs.iter().map(|c| c["description"].as_str().unwrap()).collect();
        // a and b tell one meeting: their plans disagree. a and c are one story only through
        // b: their countries are different things.
        assert_eq!(descriptions, ["number of points: 19 (b) vs 28 (a)"], "{cs:#?}");
    }
}
