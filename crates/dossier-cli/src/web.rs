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
    let gold: serde_json::Map<String, Value> = match serde_json::from_str(&text)
        .with_context(|| format!("{}: malformed JSON", gold_path.display()))?
    {
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
            map.insert(k.clone(), json!({"articleBody": p.body, "datePublished": p.date, "title": p.title, "author": p.author}));
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
                b["docs"], b["empty_predictions"], f(b, "f1"), f(b, "precision"), f(b, "recall"), f(b, "accuracy"), f(b, "mean_doc_f1_strict")
            );
        }
        if let Some(g) = figures.get("segments") {
            say!("segments ({} docs)  F1 {:.3}  precision {:.3}  recall {:.3}", g["docs"], f(g, "f1"), f(g, "precision"), f(g, "recall"));
        }
        if let Some(d) = figures.get("date") {
            say!(
                "date  ({} docs: {} correct, {} wrong, {} missing)\n  exact-match accuracy {:.3}  precision {:.3}  recall {:.3}  F {:.3}",
                d["docs"], d["correct"], d["wrong"], d["missing"], f(d, "accuracy"), f(d, "precision"), f(d, "recall"), f(d, "f")
            );
        }
        for key in ["title", "author"] {
            if let Some(t) = figures.get(key) {
                say!("{key:<5} ({} docs, {} answered)  exact-match accuracy {:.3}", t["docs"], t["answered"], f(t, "accuracy"));
            }
        }
    }
    Ok(if skipped > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn f(v: &Value, k: &str) -> f64 {
    v.get(k).and_then(Value::as_f64).unwrap_or(0.0)
}
