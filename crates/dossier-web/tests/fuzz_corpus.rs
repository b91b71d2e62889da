//! Replays the corpora kept by the fuzz targets (`fuzz/corpus/*`, seeds written for this
//! project plus what `cargo fuzz` found interesting) on stable Rust, with the same checks as
//! the targets: no panic, readers end, offset maps valid.

use std::path::{Path, PathBuf};

use dossier_web::warc::WarcReader;
use dossier_web::{PageOptions, extract_page};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("corpus directory").map(|e| e.expect("corpus entry").path()).collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("corpus file"))).collect()
}

#[test]
fn extract_page_corpus() {
    for (path, bytes) in corpus("extract_page") {
        let page = extract_page(&bytes, &PageOptions::default());
        if let Err(e) = page.check_map() {
            panic!("{}: offset map: {e}", path.display());
        }
    }
}

#[test]
fn warc_reader_corpus() {
    for (_, bytes) in corpus("warc_reader") {
        let Ok(reader) = WarcReader::new(std::io::Cursor::new(bytes)) else { continue };
        for record in reader.take(10_000).flatten() {
            let _ = record.payload();
        }
    }
}

#[test]
fn parse_feed_corpus() {
    for (_, bytes) in corpus("parse_feed") {
        let _ = dossier_web::feed::parse_feed(&bytes);
    }
}
