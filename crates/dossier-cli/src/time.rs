//! `dossier time`: resolve single phrases against a reference time (contract).

use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use dossier::text::{Doc, DocMeta, TextRange, TimexAnnot};
use dossier::time::{Anchor, Reference, Resolved, TimeTagger, resolve_phrase};
use serde_json::{Value, json};

/// The contract's timex objects for one phrase (offsets in code points into the phrase).
fn phrase_timexes(tagger: &TimeTagger, phrase: &str, reference: &Reference) -> Result<Value> {
    let timexes = resolve_phrase(tagger, phrase, reference);
    let meta = DocMeta { id: "phrase".into(), kind: "text".into(), ..DocMeta::default() };
    let mut doc = Doc::new(meta, phrase.to_string())?;
    doc.timexes = timexes
        .into_iter()
        .map(|t| TimexAnnot {
            range: TextRange::from_usize(t.start, t.end),
            kind: t.kind.as_str(),
            value: t.value,
            anchor: t.anchor.map(|a| match a {
                Anchor::Published => "published".to_string(),
                Anchor::Timex(i) => format!("t{}", i + 1),
            }),
            resolved: t.resolved.map(|r| match r {
                Resolved::Instant { value, grain } => {
                    dossier::text::Resolution::Instant { value, grain: grain.as_str().to_string() }
                }
                Resolved::Interval { from, to, grain } => {
                    dossier::text::Resolution::Interval { from, to, grain: grain.as_str().to_string() }
                }
            }),
        })
        .collect();
    Ok(serde_json::to_value(dossier::output::document(&doc).timexes)?)
}

pub fn run(phrase: Option<&str>, reference: Option<&str>, jsonl: Option<&str>) -> Result<ExitCode> {
    let tagger = TimeTagger::new();
    let mut out = std::io::stdout().lock();
    match (phrase, jsonl) {
        (Some(phrase), None) => {
            let Some(reference) = reference else { bail!("--reference is required with a phrase") };
            let r = Reference::parse(reference).context("--reference")?;
            let line = json!({"id": Value::Null, "phrase": phrase, "timexes": phrase_timexes(&tagger, phrase, &r)?});
            writeln!(out, "{line}")?;
            Ok(ExitCode::SUCCESS)
        }
        (None, Some(path)) => {
            let file = std::fs::File::open(path).with_context(|| format!("opening {path}"))?;
            let mut skipped = 0usize;
            for (n, line) in BufReader::new(file).lines().enumerate() {
                let line = line.with_context(|| format!("{path}:{}", n + 1))?;
                if line.trim().is_empty() {
                    continue;
                }
                let item = match parse_item(&line, reference) {
                    Ok(item) => item,
                    Err(e) => {
                        eprintln!("dossier: error: {path}:{}: {e} (skipped)", n + 1);
                        skipped += 1;
                        continue;
                    }
                };
                let (id, phrase, r) = item;
                let line = json!({"id": id, "phrase": phrase, "timexes": phrase_timexes(&tagger, &phrase, &r)?});
                writeln!(out, "{line}")?;
            }
            if skipped > 0 {
                eprintln!("dossier: {skipped} line(s) skipped");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        _ => bail!("give either a PHRASE or --jsonl FILE"),
    }
}

/// `{"id", "phrase", "reference_time"}`; `--reference` supplies a missing reference time.
fn parse_item(line: &str, fallback: Option<&str>) -> Result<(Value, String, Reference)> {
    let v: Value = serde_json::from_str(line).context("malformed JSON")?;
    let phrase = v.get("phrase").and_then(Value::as_str).context("missing string field \"phrase\"")?;
    let reference = v
        .get("reference_time")
        .and_then(Value::as_str)
        .or(fallback)
        .context("no \"reference_time\" and no --reference")?;
    let r = Reference::parse(reference)?;
    Ok((v.get("id").cloned().unwrap_or(Value::Null), phrase.to_string(), r))
}
