//! End-to-end tests of the corpus commands: ingest (resume after a kill, no-op re-ingest),
//! queries, user decisions and bad databases. Texts are generated here or written for the
//! project (crates/dossier-store/tests/fixtures).

#![allow(clippy::unwrap_used)] // tests: a failed step should stop the test

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dossier_store::testing::PgSchema;
use dossier_store::{Store, p};
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn dossier(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs dossier")
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../dossier-store/tests/fixtures/call-reports.jsonl")
}

/// `n` short distinct reports as JSON Lines.
fn generated(dir: &Path, n: usize) -> String {
    let cities = ["Lisbon", "Oslo", "Tunis", "Quito", "Hanoi"];
    let mut s = String::new();
    for i in 0..n {
        let text = format!(
            "Report {i}. Senator Alma Quist met the trade envoy Boris Teller in {} on March {}, 2024. \
             \"We agreed on {} points,\" Quist said after the meeting. Teller declined to comment.",
            cities[i % cities.len()],
            i % 28 + 1,
            i % 9 + 2
        );
        s.push_str(&serde_json::json!({"id": format!("r{i}"), "text": text, "published": "2024-03-30"}).to_string());
        s.push('\n');
    }
    let p = dir.join("reports.jsonl");
    std::fs::write(&p, s).unwrap();
    p.to_string_lossy().into_owned()
}

fn ok_docs(db: &str) -> (i64, i64) {
    let s = Store::connect(db).unwrap();
    // One statement: one snapshot.
    let r = s
        .conn()
        .query_opt("SELECT (SELECT count(*) FROM documents WHERE status = 'ok'), (SELECT count(*) FROM analyses)", p![])
        .unwrap()
        .unwrap();
    (r.get(0).unwrap(), r.get(1).unwrap())
}

#[test]
fn killed_ingest_keeps_committed_batches_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    killed_ingest_on(dir.path(), &db.to_string_lossy(), &|| db.exists());
    if let Some(pg) = PgSchema::new("killed_ingest").unwrap() {
        killed_ingest_on(dir.path(), &pg.location, &|| true);
    }
}

/// Kills an ingest after a few batches while two readers watch; a rerun completes the job.
fn killed_ingest_on(dir: &Path, dbs: &str, exists: &dyn Fn() -> bool) {
    let n = 400;
    let input = generated(dir, n);
    let dbs = dbs.to_string();
    // The schema exists before the ingest starts, so the readers never race its creation.
    drop(Store::connect(&dbs).unwrap());
    let mut child = bin()
        .args(["ingest", "--db", &dbs, "--batch", "4", "-j", "1", "-q", &input])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut seen = 0;
    // A second reader in another thread, reading all the time.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let other = {
        let (stop, dbs) = (stop.clone(), dbs.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let (docs, analyses) = ok_docs(&dbs);
                assert_eq!(docs, analyses, "second reader: a whole batch or nothing");
                assert_eq!(docs % 4, 0, "second reader: whole batches");
                reads += 1;
            }
            reads
        })
    };
    while started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if exists() {
            let (docs, analyses) = ok_docs(&dbs);
            // A reader during the ingest sees whole batches: every document with its analysis.
            assert_eq!(docs, analyses);
            assert!(docs >= seen, "snapshots move forward");
            seen = docs;
            if docs >= 8 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(other.join().unwrap() > 0, "the second reader read");
    assert!(seen >= 8, "ingest made progress before the kill");
    let s = Store::connect(&dbs).unwrap();
    assert_eq!(s.check().unwrap(), Vec::<String>::new());
    let (before, _) = ok_docs(&dbs);
    assert!(before < n as i64, "killed before the end ({before} of {n})");
    assert_eq!(before % 4, 0, "only whole batches are committed");
    drop(s);

    let out = dossier(&["ingest", "--db", &dbs, "-q", &input]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ok_docs(&dbs), (n as i64, n as i64));
    let s = Store::connect(&dbs).unwrap();
    assert_eq!(s.check().unwrap(), Vec::<String>::new());
    assert!(!s.is_dirty().unwrap());
    let actors = s.stats().unwrap().actors;
    assert!(actors > 0);
    drop(s);

    // A third run finds everything stored.
    let out = dossier(&["ingest", "--db", &dbs, &input]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("0 stored, {n} already stored")), "{err}");
}

#[test]
fn fixture_corpus_queries() {
    let dir = tempfile::tempdir().unwrap();
    fixture_corpus_queries_on(&dir.path().join("c.db").to_string_lossy());
    if let Some(pg) = PgSchema::new("fixture_corpus_queries").unwrap() {
        fixture_corpus_queries_on(&pg.location);
    }
}

fn fixture_corpus_queries_on(db: &str) {
    let db = db.to_string();
    let fx = fixture().to_string_lossy().into_owned();
    let out = dossier(&["ingest", "--db", &db, "-q", &fx]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = dossier(&["actors", "--db", &db, "--json"]);
    let actors: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = actors.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Mark Delkoff") && names.contains(&"Ellen Delkoff"), "{names:?}");
    let mark = actors.as_array().unwrap().iter().find(|a| a["name"] == "Mark Delkoff").unwrap();
    let aliases: Vec<&str> = mark["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(aliases.contains(&"Mark Delkov"), "{aliases:?}");

    let out = dossier(&["search", "--db", &db, "--json", "prisoner exchange"]);
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["doc"], "wire-5");
    let out = dossier(&["search", "--db", &db, "'; DROP TABLE documents; --"]);
    assert!(out.status.success());

    let out = dossier(&["export", "--db", &db, "--format", "jsonl"]);
    let kinds: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["record"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "document").count(), 6);
    let out = dossier(&["export", "--db", &db]);
    let corpus: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(corpus["schema"], "dossier-corpus/1");
    // The real engine on the fixture (tests/fixtures/README.md): the call of October 14 told by
    // three reports (one misdated), the call "again" on October 20 a distinct event, and the
    // planted disagreements found, no other.
    let calls: Vec<(&str, usize)> = corpus["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "call")
        .map(|e| (e["date"]["value"].as_str().unwrap_or("?"), e["sources"].as_array().unwrap().len()))
        .collect();
    assert_eq!(calls, [("2025-10-14", 3), ("2025-10-20", 1)]);
    let mut fields: Vec<&str> =
        corpus["contradictions"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["count", "date", "role", "speaker"], "{:#}", corpus["contradictions"]);
    // `--out FILE` writes the same bytes as standard output.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.json");
    let out2 = dossier(&["export", "--db", &db, "--out", file.to_str().unwrap()]);
    assert!(out2.status.success(), "{}", String::from_utf8_lossy(&out2.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), out.stdout);
    // Parquet: one file per record kind in the --out directory, and a clear error without it.
    let pq = dir.path().join("parquet");
    let out = dossier(&["export", "--db", &db, "--format", "parquet", "--out", pq.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("documents.parquet (6 rows)"), "{stderr}");
    for stem in ["documents", "actors", "events", "quotes", "contradictions"] {
        let bytes = std::fs::read(pq.join(format!("{stem}.parquet"))).unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "{stem}");
    }
    let out = dossier(&["export", "--db", &db, "--format", "parquet"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out DIR"));

    // A user split persists and wins.
    let out = dossier(&["actors", "--db", &db, "split", "Mark Delkoff", "Mark Delkov"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = dossier(&["actors", "--db", &db, "--json"]);
    let actors: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = actors.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Mark Delkov"), "{names:?}");

    let out = dossier(&["show", "--db", &db, "Ellen Delkoff", "--json"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["name"], "Ellen Delkoff");
}

#[test]
fn corrupt_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.db");
    std::fs::write(&db, vec![b'x'; 4096]).unwrap();
    let out = dossier(&["actors", "--db", &db.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a dossier database"), "{err}");
}

#[test]
fn unreachable_postgres_is_a_clear_error() {
    // Port 1 on the loopback: nothing listens there.
    let out = dossier(&["actors", "--db", "postgres://nobody:secret@127.0.0.1:1/none"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot connect to PostgreSQL"), "{err}");
    assert!(!err.contains("secret"), "the password is not printed: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn reports_of_one_meeting_merge_and_their_places_disagree() {
    // Three outlets, the engine end to end: one dates the day with its weekday, one places
    // the meeting in another country, one names the country of the first one's city.
    let dir = tempfile::tempdir().unwrap();
    let reports = [
        ("north", "Mark Delkoff met Yury Sharapov in Abu Dhabi on October 24 to discuss the border plan."),
        ("south", "Delkoff, the US envoy, met Sharapov in Switzerland on Friday, October 24, a spokesman said."),
        ("east", "Mark Delkoff met Yury Sharapov in Geneva on October 24, his office said on Saturday."),
    ];
    let mut input = String::new();
    for (id, text) in reports {
        input.push_str(&serde_json::json!({"id": id, "published": "2025-10-25", "text": text}).to_string());
        input.push('\n');
    }
    let path = dir.path().join("meeting.jsonl");
    std::fs::write(&path, input).unwrap();
    let db = dir.path().join("m.db").to_string_lossy().into_owned();
    let out = dossier(&["ingest", "--db", &db, "-q", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = dossier(&["export", "--db", &db]);
    let corpus: Value = serde_json::from_slice(&out.stdout).unwrap();
    let meetings: Vec<&Value> =
        corpus["events"].as_array().unwrap().iter().filter(|e| e["type"] == "meeting").collect();
    assert_eq!(meetings.len(), 1, "one meeting: {meetings:#?}");
    assert_eq!(meetings[0]["sources"].as_array().unwrap().len(), 3);
    let places: Vec<&Value> =
        corpus["contradictions"].as_array().unwrap().iter().filter(|c| c["field"] == "place").collect();
    assert_eq!(places.len(), 1, "{:#?}", corpus["contradictions"]);
    let sides: Vec<(&str, &Value)> =
        places[0]["sides"].as_array().unwrap().iter().map(|s| (s["value"].as_str().unwrap(), &s["docs"])).collect();
    assert_eq!(
        sides,
        [("Geneva / Switzerland", &serde_json::json!(["east", "south"])), ("Abu Dhabi", &serde_json::json!(["north"]))]
    );
    let geneva = corpus["actors"].as_array().unwrap().iter().find(|a| a["name"] == "Geneva").unwrap();
    assert_eq!(geneva["codes"], serde_json::json!({"cameo": "CHE"}));
}

#[test]
fn ingest_reads_a_folder_of_reports() {
    // `dossier ingest reports/`: every report under the folder, recursively, in name order;
    // what is not a report is counted, not lost silently; a second run finds them all stored.
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(reports.join("week2")).unwrap();
    std::fs::write(
        reports.join("a-call.txt"),
        "Senator Alma Quist called the trade envoy Boris Teller on March 3, 2024, her office said.",
    )
    .unwrap();
    std::fs::write(
        reports.join("week2/b-visit.txt"),
        "Boris Teller visited Oslo on March 10, 2024, and met Alma Quist there.",
    )
    .unwrap();
    let line = serde_json::json!({"id": "wire-1", "published": "2024-03-12", "text": "Quist and Teller met again in Oslo on Monday."});
    std::fs::write(reports.join("wire.jsonl"), format!("{line}\n")).unwrap();
    std::fs::write(reports.join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let db = dir.path().join("f.db").to_string_lossy().into_owned();
    let out = dossier(&["ingest", "--db", &db, "--published", "2024-03-12", reports.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("3 stored"), "{err}");
    assert!(err.contains("1 file left out"), "{err}");
    assert_eq!(ok_docs(&db).0, 3);
    let out = dossier(&["export", "--db", &db]);
    let corpus: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = corpus["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids.contains(&"wire-1"), "{ids:?}");
    let again = dossier(&["ingest", "--db", &db, reports.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("0 stored, 3 already stored"), "{err}");
}
