//! Web inputs on the command line: `dossier extract`, `dossier eval extract`, and the readers
//! that turn HTML pages, WARC/ARC archives and feeds into documents for `dossier analyze`.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use dossier_eval::extract::{Prediction, score};
use dossier_web::{Page, PageOptions, extract_page};
use rayon::prelude::*;
use serde_json::{Value, json};

/// The contract object of `dossier extract`.
pub fn page_json(page: &Page) -> Value {
    json!({
        "title": page.meta.title,
        "author": if page.meta.authors.is_empty() { None } else { Some(page.meta.authors.join("; ")) },
        "published": page.meta.published.map(|d| d.to_string()),
        "text": page.text,
    })
}

/// `dossier extract PAGE.html [--url URL]`.
pub fn extract(path: &str, url: Option<&str>) -> Result<ExitCode> {
    let bytes = if path == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).context("reading standard input")?;
        b
    } else {
        std::fs::read(path).with_context(|| format!("reading {path}"))?
    };
    let page = extract_page(&bytes, &PageOptions { url: url.map(str::to_string), ..PageOptions::default() });
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &page_json(&page))?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// `dossier eval extract GOLD_DIR`: extracts `GOLD_DIR/html/<id>.html` for every gold id and
/// scores body, date, title and author as `eval_extract.py GOLD_DIR PRED`.
pub fn eval_extract(gold_dir: &str, json_out: bool, save: Option<&str>) -> Result<ExitCode> {
    let dir = Path::new(gold_dir);
    let gold_path = if dir.is_dir() { dir.join("ground-truth.json") } else { dir.to_path_buf() };
    let html_dir = gold_path.parent().unwrap_or(Path::new(".")).join("html");
    let text = std::fs::read_to_string(&gold_path).with_context(|| format!("reading {}", gold_path.display()))?;
    let gold: serde_json::Map<String, Value> =
        match serde_json::from_str(&text).with_context(|| format!("{}: malformed JSON", gold_path.display()))? {
            Value::Object(m) => m,
            _ => anyhow::bail!("{}: expected a JSON object {{id: {{...}}}}", gold_path.display()),
        };
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    let results: Vec<(String, Result<Prediction, String>)> = ids
        .par_iter()
        .map(|id| {
            let path = html_dir.join(format!("{id}.html"));
            let r = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display())).map(|bytes| {
                let url = gold[id.as_str()].get("url").and_then(Value::as_str).map(str::to_string);
                let page = extract_page(&bytes, &PageOptions { url, ..PageOptions::default() });
                Prediction {
                    body: Some(page.text),
                    date: page.meta.published.map(|d| d.to_string()),
                    title: page.meta.title,
                    author: if page.meta.authors.is_empty() { None } else { Some(page.meta.authors.join("; ")) },
                }
            });
            ((*id).clone(), r)
        })
        .collect();
    let mut preds = HashMap::new();
    let mut skipped = 0;
    for (id, r) in results {
        match r {
            Ok(p) => {
                preds.insert(id, p);
            }
            Err(e) => {
                eprintln!("dossier: error: {e} (skipped)");
                skipped += 1;
            }
        }
    }
    if let Some(path) = save {
        let mut map = serde_json::Map::new();
        let mut keys: Vec<&String> = preds.keys().collect();
        keys.sort();
        for k in keys {
            let p = &preds[k];
            map.insert(
                k.clone(),
                json!({"articleBody": p.body, "datePublished": p.date, "title": p.title, "author": p.author}),
            );
        }
        std::fs::write(path, serde_json::to_string(&Value::Object(map))?).with_context(|| format!("writing {path}"))?;
    }
    let figures = score(&gold, &preds);
    if json_out {
        say!("{}", serde_json::to_string_pretty(&figures)?);
    } else {
        say!("gold documents: {}; pages missing: {skipped}", gold.len());
        if let Some(b) = figures.get("body") {
            say!(
                "body  ({} docs, {} empty)\n  F1 {:.3}  precision {:.3}  recall {:.3}  accuracy {:.3}\n  mean per-doc F1 (empty=0): {:.3}",
                b["docs"],
                b["empty_predictions"],
                f(b, "f1"),
                f(b, "precision"),
                f(b, "recall"),
                f(b, "accuracy"),
                f(b, "mean_doc_f1_strict")
            );
        }
        if let Some(g) = figures.get("segments") {
            say!(
                "segments ({} docs)  F1 {:.3}  precision {:.3}  recall {:.3}",
                g["docs"],
                f(g, "f1"),
                f(g, "precision"),
                f(g, "recall")
            );
        }
        if let Some(d) = figures.get("date") {
            say!(
                "date  ({} docs: {} correct, {} wrong, {} missing)\n  exact-match accuracy {:.3}  precision {:.3}  recall {:.3}  F {:.3}",
                d["docs"],
                d["correct"],
                d["wrong"],
                d["missing"],
                f(d, "accuracy"),
                f(d, "precision"),
                f(d, "recall"),
                f(d, "f")
            );
        }
        for key in ["title", "author"] {
            if let Some(t) = figures.get(key) {
                say!(
                    "{key:<5} ({} docs, {} answered)  exact-match accuracy {:.3}",
                    t["docs"],
                    t["answered"],
                    f(t, "accuracy")
                );
            }
        }
    }
    Ok(if skipped > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn f(v: &Value, k: &str) -> f64 {
    v.get(k).and_then(Value::as_f64).unwrap_or(0.0)
}

// ------------------------------------------------------------------ documents for analyze

use dossier::Doc;
use dossier::ingest::IngestError;
use dossier::text::{DocMeta, Warning};
use dossier_web::feed::{Entry, parse_feed, sniff_feed};
use dossier_web::warc::{Record, WarcReader};

/// What a web input contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebKind {
    Html,
    Warc,
    Feed,
}

/// Decides from the file name (and, for ambiguous names, the first bytes) whether `path` is
/// an HTML page, a WARC/ARC archive or a feed. `None`: leave it to the text readers.
pub fn web_kind(path: &str) -> Option<WebKind> {
    if path == "-" {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    let ends = |exts: &[&str]| exts.iter().any(|e| lower.ends_with(e));
    if ends(&[".warc", ".warc.gz", ".arc", ".arc.gz", ".warc.gz.bad"]) {
        return Some(WebKind::Warc);
    }
    if ends(&[".html", ".htm", ".xhtml", ".shtml"]) {
        return Some(WebKind::Html);
    }
    if ends(&[".rss", ".atom", ".rdf"]) {
        return Some(WebKind::Feed);
    }
    if ends(&[".txt", ".jsonl", ".ndjson", ".conllu"]) {
        return None;
    }
    // Sniff the head of other files (.xml, .json, no extension).
    let mut head = vec![0u8; 2048];
    let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).ok()?;
    let head = &head[..n];
    if head.starts_with(b"WARC/") {
        return Some(WebKind::Warc);
    }
    if sniff_feed(head) {
        return Some(WebKind::Feed);
    }
    if dossier_web::sniff_html(head) {
        return Some(WebKind::Html);
    }
    None
}

fn stem_of(path: &str) -> String {
    let name = Path::new(path).file_name().and_then(|s| s.to_str()).unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    for ext in [".warc.gz", ".arc.gz", ".html", ".htm", ".warc", ".arc", ".xml", ".rss", ".atom", ".json"] {
        if lower.ends_with(ext) {
            return name[..name.len() - ext.len()].to_string();
        }
    }
    Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or(path).to_string()
}

fn js(v: &Value) -> String {
    v.to_string()
}

/// The offset map as JSON: runs `[text_start, text_len, html_start, html_len, verbatim]`,
/// text offsets in code points, HTML offsets in bytes of the decoded page; a verbatim run is a
/// copy of its HTML, any other (a decoded entity, an inserted space) maps as a whole.
fn map_json(page: &Page) -> Value {
    let text = &page.text;
    let mut runs = Vec::with_capacity(page.map.runs().len());
    let (mut byte, mut cp) = (0usize, 0usize);
    let mut to_cp = |b: usize| {
        cp += text.get(byte..b).map_or(0, |s| s.chars().count());
        byte = b;
        cp
    };
    for r in page.map.runs() {
        let s = to_cp(r.out as usize);
        let e = to_cp((r.out + r.out_len) as usize);
        runs.push(json!([s, e - s, r.src, r.src_len, r.verbatim]));
    }
    json!({"text": "code points", "html": "bytes of the page decoded to UTF-8", "runs": runs})
}

/// A document from an extracted page.
pub fn page_doc(
    id: String,
    page: &Page,
    published_cli: Option<&str>,
    extra: Vec<(String, String)>,
) -> Result<Doc, String> {
    let (published, from) = match (page.meta.published, published_cli) {
        (Some(d), _) => (Some(d.to_string()), Some(format!("html:{}", page.meta.published_from.unwrap_or("page")))),
        (None, Some(p)) => (Some(p.to_string()), Some("cli".to_string())),
        (None, None) => (None, None),
    };
    let mut meta_extra = extra;
    if !page.meta.authors.is_empty() {
        meta_extra.push(("authors".into(), js(&json!(page.meta.authors))));
    }
    if let Some(l) = &page.meta.language {
        meta_extra.push(("language".into(), js(&json!(l))));
    }
    if let Some(c) = &page.meta.canonical_url {
        meta_extra.push(("canonical_url".into(), js(&json!(c))));
    }
    meta_extra.push(("encoding".into(), js(&json!(format!("{} ({})", page.encoding, page.encoding_how)))));
    meta_extra.push(("html_map".into(), js(&map_json(page))));
    let meta = DocMeta {
        id,
        url: page.meta.canonical_url.clone(),
        title: page.meta.title.clone(),
        source: page.meta.site_name.clone(),
        published,
        published_from: from,
        kind: "html".into(),
        extra: meta_extra,
    };
    let mut doc = Doc::new(meta, page.text.clone()).map_err(|e| e.to_string())?;
    if page.had_errors {
        doc.warnings.push(Warning {
            kind: "invalid_encoding".into(),
            message: format!("{}: undecodable bytes replaced ({})", doc.meta.id, page.encoding),
            spans: vec![],
        });
    }
    if doc.text().trim().is_empty() {
        doc.warnings.push(Warning {
            kind: "empty_document".into(),
            message: format!("{}: no main text found", doc.meta.id),
            spans: vec![],
        });
    }
    Ok(doc)
}

type DocIter = Box<dyn Iterator<Item = Result<Doc, IngestError>> + Send>;

fn doc_err(path: &str, message: String) -> IngestError {
    IngestError::Document { path: path.to_string(), message }
}

/// Opens a web input as a stream of documents.
pub fn open(path: &str, kind: WebKind, published: Option<String>) -> DocIter {
    let p = path.to_string();
    match kind {
        WebKind::Html => {
            let r =
                std::fs::read(path).map_err(|source| IngestError::Io { path: p.clone(), source }).and_then(|bytes| {
                    let page = extract_page(&bytes, &PageOptions::default());
                    page_doc(stem_of(&p), &page, published.as_deref(), Vec::new()).map_err(|m| doc_err(&p, m))
                });
            Box::new(std::iter::once(r))
        }
        WebKind::Feed => {
            let r = std::fs::read(path).map_err(|source| IngestError::Io { path: p.clone(), source });
            match r.and_then(|bytes| parse_feed(&bytes).map_err(|e| doc_err(&p, e.to_string()))) {
                Err(e) => Box::new(std::iter::once(Err(e))),
                Ok(feed) => {
                    let stem = stem_of(&p);
                    let feed_title = feed.title.clone();
                    Box::new(feed.entries.into_iter().enumerate().map(move |(i, e)| {
                        entry_doc(&stem, i + 1, &e, feed_title.as_deref(), published.as_deref())
                            .map_err(|m| doc_err(&format!("{p} entry {}", i + 1), m))
                    }))
                }
            }
        }
        WebKind::Warc => match WarcReader::open(Path::new(path)) {
            Err(source) => Box::new(std::iter::once(Err(IngestError::Io { path: p, source }))),
            Ok(reader) => {
                let stem = stem_of(&p);
                Box::new(reader.filter_map(move |r| match r {
                    Err(e) => Some(Err(doc_err(&p, e.to_string()))),
                    Ok(rec) => record_doc(&p, &stem, &rec, published.as_deref()),
                }))
            }
        },
    }
}

fn entry_doc(stem: &str, i: usize, e: &Entry, feed_title: Option<&str>, cli: Option<&str>) -> Result<Doc, String> {
    let (published, from) = match (e.published, cli) {
        (Some(d), _) => (Some(d.to_string()), Some("feed".to_string())),
        (None, Some(p)) => (Some(p.to_string()), Some("cli".to_string())),
        (None, None) => (None, None),
    };
    let mut extra = vec![("feed_entry".to_string(), js(&json!(i)))];
    if let Some(id) = &e.id {
        extra.push(("entry_id".into(), js(&json!(id))));
    }
    if !e.authors.is_empty() {
        extra.push(("authors".into(), js(&json!(e.authors))));
    }
    if let Some(raw) = &e.published_raw {
        extra.push(("published_raw".into(), js(&json!(raw))));
    }
    let meta = DocMeta {
        id: format!("{stem}:{i}"),
        url: e.link.clone(),
        title: e.title.clone(),
        source: feed_title.map(str::to_string),
        published,
        published_from: from,
        kind: "feed".into(),
        extra,
    };
    Doc::new(meta, e.text().to_string()).map_err(|err| err.to_string())
}

fn is_html_type(ct: Option<&str>) -> bool {
    ct.is_none_or(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("html") || c.trim().is_empty()
    })
}

/// One document per HTML response record; other records are not documents (`None`).
fn record_doc(path: &str, stem: &str, rec: &Record, cli: Option<&str>) -> Option<Result<Doc, IngestError>> {
    let (body, ct) = rec.payload()?;
    if !is_html_type(ct.as_deref()) || (ct.is_none() && !dossier_web::sniff_html(&body)) {
        return None;
    }
    if let Some(resp) = (rec.kind != "resource").then(|| rec.http_response()).flatten()
        && !(200..300).contains(&resp.status)
    {
        return None;
    }
    let crawl_date =
        rec.date.as_deref().and_then(|d| dossier_web::date::find_date(d, dossier_web::date::NumericOrder::MonthDay));
    let page = extract_page(&body, &PageOptions { url: rec.target_uri.clone(), content_type: ct, crawl_date });
    let mut extra = vec![
        ("warc_file".to_string(), js(&json!(path))),
        ("warc_record".to_string(), js(&json!(rec.index))),
        ("warc_offset".to_string(), js(&json!(rec.offset))),
    ];
    if let Some(id) = &rec.record_id {
        extra.push(("warc_record_id".into(), js(&json!(id))));
    }
    if let Some(d) = &rec.date {
        extra.push(("warc_date".into(), js(&json!(d))));
    }
    let id = format!("{stem}:{}", rec.index);
    let mut r = page_doc(id, &page, cli, extra);
    if let Ok(doc) = &mut r
        && doc.meta.url.is_none()
    {
        doc.meta.url = rec.target_uri.clone();
    }
    Some(r.map_err(|m| doc_err(&format!("{path} record {}", rec.index), m)))
}

// ------------------------------------------------------------------------------- bench

fn html_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            html_files(&p, out);
        }
    } else if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm"))
    {
        out.push(path.to_path_buf());
    }
}

/// `dossier bench --stage extract DIR...` (pages/s and MB/s of extraction on one core) and
/// `--stage warc FILE...` (MB/s of streaming archive records, peak memory).
pub fn bench(paths: &[String], stage: &str, repeat: usize) -> Result<ExitCode> {
    use std::time::Instant;
    match stage {
        "extract" => {
            let mut files = Vec::new();
            for p in paths {
                html_files(Path::new(p), &mut files);
            }
            let pages: Vec<Vec<u8>> = files
                .iter()
                .map(|f| std::fs::read(f).with_context(|| format!("reading {}", f.display())))
                .collect::<Result<_>>()?;
            anyhow::ensure!(!pages.is_empty(), "no .html/.htm files in the inputs");
            let bytes: usize = pages.iter().map(Vec::len).sum();
            let mut best = f64::INFINITY;
            let mut chars = 0usize;
            for _ in 0..repeat.max(1) {
                let start = Instant::now();
                chars = 0;
                for p in &pages {
                    let page = extract_page(p, &PageOptions::default());
                    chars += page.text.len();
                }
                best = best.min(start.elapsed().as_secs_f64());
            }
            say!("stage        extract: decode, parse, main text, metadata (one thread, best of {})", repeat.max(1));
            say!("pages        {} ({:.2} MB of HTML)", pages.len(), bytes as f64 / 1e6);
            say!("time         {best:.3} s");
            say!("throughput   {:.0} pages/s, {:.1} MB/s", pages.len() as f64 / best, bytes as f64 / 1e6 / best);
            say!("text out     {:.2} MB", chars as f64 / 1e6);
        }
        _ => {
            anyhow::ensure!(!paths.is_empty(), "give WARC/ARC files");
            let mut best = f64::INFINITY;
            let (mut records, mut errors, mut block_bytes, mut file_bytes) = (0usize, 0usize, 0u64, 0u64);
            for _ in 0..repeat.max(1) {
                let start = Instant::now();
                (records, errors, block_bytes, file_bytes) = (0, 0, 0, 0);
                for p in paths {
                    file_bytes += std::fs::metadata(p).with_context(|| format!("reading {p}"))?.len();
                    for r in WarcReader::open(Path::new(p)).with_context(|| format!("opening {p}"))? {
                        match r {
                            Ok(rec) => {
                                records += 1;
                                block_bytes += rec.block.len() as u64;
                            }
                            Err(_) => errors += 1,
                        }
                    }
                }
                best = best.min(start.elapsed().as_secs_f64());
            }
            say!(
                "stage        warc: stream records (headers parsed, blocks read; one thread, best of {})",
                repeat.max(1)
            );
            say!("records      {records} ({errors} errors)");
            say!(
                "input        {:.1} MB on disk, {:.1} MB of record blocks",
                file_bytes as f64 / 1e6,
                block_bytes as f64 / 1e6
            );
            say!("time         {best:.3} s");
            say!(
                "throughput   {:.0} MB/s of input, {:.0} MB/s of blocks",
                file_bytes as f64 / 1e6 / best,
                block_bytes as f64 / 1e6 / best
            );
        }
    }
    if let Some(peak) = crate::bench::peak_rss() {
        say!("peak memory  {:.1} MB (whole process, input included)", peak as f64 / 1e6);
    }
    Ok(ExitCode::SUCCESS)
}
