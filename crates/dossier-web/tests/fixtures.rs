//! Every archive and feed in the shared fixture folder gives records or clear errors, never a
//! panic. Skipped (with a note) when `../shared` is not there, as on a fresh clone.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use std::path::{Path, PathBuf};

use dossier_web::warc::WarcReader;
use dossier_web::{PageOptions, extract_page, feed};

fn fixtures() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ingest/fixtures");
    p.is_dir().then_some(p)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_reads_or_fails_cleanly() {
    let Some(root) = fixtures() else {
        eprintln!("shared fixtures not found; skipped");
        return;
    };
    let mut all = Vec::new();
    files(&root, &mut all);
    let (mut archives, mut records, mut pages, mut errors, mut feeds, mut entries) = (0, 0, 0, 0, 0, 0);
    for path in &all {
        let name = path.to_string_lossy().to_string();
        if name.contains("/warc/") && !name.ends_with(".json") {
            archives += 1;
            let reader = WarcReader::open(path).unwrap();
            for r in reader {
                match r {
                    Ok(rec) => {
                        records += 1;
                        if let Some((body, ct)) = rec.payload() {
                            let page = extract_page(
                                &body,
                                &PageOptions { url: rec.target_uri.clone(), content_type: ct, crawl_date: None },
                            );
                            pages += 1;
                            assert!(page.map.runs().iter().all(|r| (r.src + r.src_len) as usize <= page.html.len()));
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        assert!(e.to_string().starts_with("record "), "{name}: {e}");
                    }
                }
            }
        } else if name.contains("/feeds/") && !name.ends_with(".serde.json") {
            let bytes = std::fs::read(path).unwrap();
            match feed::parse_feed(&bytes) {
                Ok(f) => {
                    feeds += 1;
                    entries += f.entries.len();
                }
                Err(e) => assert!(!e.message.is_empty(), "{name}"),
            }
        }
    }
    eprintln!(
        "{archives} archives: {records} records, {pages} pages, {errors} errors; {feeds} feeds, {entries} entries"
    );
    assert!(archives >= 20 && records >= 100 && feeds >= 50);
}

#[test]
fn constructed_warc_matches_its_index() {
    let Some(root) = fixtures() else { return };
    let warc = root.join("warc/constructed/article-extraction-shared-sample.warc.gz");
    let ids: serde_json::Value =
        serde_json::from_slice(&std::fs::read(warc.with_extension("gz.ids.json")).unwrap()).unwrap();
    let wanted: Vec<String> = ids
        .as_object()
        .unwrap()
        .values()
        .filter_map(|v| {
            v.get("warc_record_id").or_else(|| v.get("record_id")).and_then(|x| x.as_str()).map(str::to_string)
        })
        .collect();
    let got: Vec<String> = WarcReader::open(&warc)
        .unwrap()
        .flatten()
        .filter(|r| r.kind == "response")
        .filter_map(|r| r.record_id)
        .collect();
    assert_eq!(got.len(), 5);
    for w in &wanted {
        assert!(got.contains(w), "{w} not in {got:?}");
    }
}
