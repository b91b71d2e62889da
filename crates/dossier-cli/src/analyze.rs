//! `dossier analyze` and `dossier parse --raw`.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use dossier::ingest::{self, IngestError, InputKind, ReadOptions};
use dossier::{Analyzer, Doc};

use crate::{Format, InputArgs, Kind};

pub fn read_options(input: &InputArgs) -> Result<ReadOptions> {
    if let Some(p) = &input.published {
        ingest::validate_date(p).map_err(anyhow::Error::msg).context("--published")?;
    }
    let kind = match input.kind {
        Kind::Auto => InputKind::Auto,
        Kind::Text => InputKind::Text,
        Kind::Jsonl => InputKind::Jsonl,
        Kind::Transcript => InputKind::Transcript,
    };
    Ok(ReadOptions { kind, published: input.published.clone() })
}

/// All documents of all inputs, in order (a directory's reports in name order, recursively);
/// unreadable inputs and bad lines come through as errors in their place.
pub fn documents(input: &InputArgs, opts: &ReadOptions) -> impl Iterator<Item = Result<Doc, IngestError>> {
    let paths = if input.paths.is_empty() { vec!["-".to_string()] } else { input.paths.clone() };
    let opts = opts.clone();
    let any_file = opts.kind != InputKind::Auto;
    // A directory stands for the reports under it, in name order; what it cannot be read as
    // reports comes through as errors in its place, and left-out files are counted on stderr.
    let paths = paths.into_iter().flat_map(move |p| -> Vec<Result<String, IngestError>> {
        if p == "-" || !std::path::Path::new(&p).is_dir() {
            return vec![Ok(p)];
        }
        let walk = ingest::walk_dir(std::path::Path::new(&p), any_file);
        if walk.skipped > 0 {
            eprintln!(
                "dossier: note: {p}: {} file{} left out (hidden, or not a report by its extension; `--kind` reads every file)",
                walk.skipped,
                if walk.skipped == 1 { "" } else { "s" }
            );
        }
        if walk.files.is_empty() && walk.errors.is_empty() {
            eprintln!("dossier: note: {p}: no reports in this directory");
        }
        walk.errors
            .into_iter()
            .map(Err)
            .chain(walk.files.into_iter().map(|f| Ok(f.to_string_lossy().into_owned())))
            .collect()
    });
    paths.flat_map(move |p| -> Box<dyn Iterator<Item = Result<Doc, IngestError>> + Send> {
        let p = match p {
            Ok(p) => p,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        // HTML pages, WARC/ARC archives and feeds (dossier-web).
        if opts.kind == InputKind::Auto
            && let Some(kind) = crate::web::web_kind(&p)
        {
            return crate::web::open(&p, kind, opts.published.clone());
        }
        match ingest::open_path(&p, &opts) {
            Ok(reader) => Box::new(reader),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    })
}

/// Reading problems worth telling the user about on stderr (content warnings stay in the JSON).
fn report_read_warnings(doc: &Doc) {
    for w in &doc.warnings {
        if matches!(w.kind.as_str(), "invalid_utf8" | "empty_document" | "no_turns") {
            eprintln!("dossier: warning: {}", w.message);
        }
    }
}

pub fn build_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().context("starting worker threads")
}

pub fn run(input: &InputArgs, format: Format, threads: usize, pipeline: Option<&str>, quiet: bool) -> Result<ExitCode> {
    let opts = read_options(input)?;
    let analyzer = match pipeline {
        Some(p) => Analyzer::with_config(&p.parse().unwrap_or_else(|e: std::convert::Infallible| match e {}))?,
        None => Analyzer::new()?,
    };
    let pool = build_pool(threads)?;
    let progress = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents {per_sec} [{elapsed}] {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut done, mut skipped) = (0usize, 0usize);
    let work = |item: Result<Doc, IngestError>| -> Result<(Doc, Vec<u8>), String> {
        let mut doc = item.map_err(|e| e.to_string())?;
        analyzer.process(&mut doc).map_err(|e| format!("{}: {e}", doc.meta.id))?;
        let rendered = render(&doc, format);
        Ok((doc, rendered))
    };
    let write_result = dossier::pipeline::run_ordered(&pool, documents(input, &opts), 32, work, |r| {
        match r {
            Ok((doc, bytes)) => {
                report_read_warnings(&doc);
                out.write_all(&bytes)?;
                done += 1;
            }
            Err(message) => {
                if let Some(bar) = &progress {
                    bar.suspend(|| eprintln!("dossier: error: {message} (skipped)"));
                } else {
                    eprintln!("dossier: error: {message} (skipped)");
                }
                skipped += 1;
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        Ok::<(), std::io::Error>(())
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    match write_result.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing output"),
        Ok(()) => {}
    }
    if skipped > 0 {
        eprintln!("dossier: {done} document(s) analyzed, {skipped} skipped");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn render(doc: &Doc, format: Format) -> Vec<u8> {
    let mut buf = Vec::new();
    match format {
        Format::Json => {
            let _ = serde_json::to_writer_pretty(&mut buf, &dossier::output::document(doc));
            buf.push(b'\n');
        }
        Format::Jsonl => {
            let _ = serde_json::to_writer(&mut buf, &dossier::output::document(doc));
            buf.push(b'\n');
        }
        Format::Table => buf = table(doc).into_bytes(),
    }
    buf
}

/// The human-readable view: one line per sentence, then timexes and warnings.
fn table(doc: &Doc) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let published = doc.meta.published.as_deref().unwrap_or("unknown date");
    let _ = writeln!(s, "== {} ({}, published {}) ==", doc.meta.id, doc.meta.kind, published);
    let o = doc.offsets();
    for (i, sent) in doc.sentences.iter().enumerate() {
        let text: Vec<&str> = doc.slice(sent.range).split_whitespace().collect();
        let _ = writeln!(
            s,
            "{:>4}  {:>6}-{:<6}  {}",
            i + 1,
            o.char_offset(sent.range.start()),
            o.char_offset(sent.range.end()),
            text.join(" ")
        );
    }
    if !doc.turns.is_empty() {
        let _ = writeln!(s, "-- turns --");
        for t in &doc.turns {
            let _ = writeln!(s, "  {:<20} {}", t.speaker, doc.slice(t.range).lines().next().unwrap_or(""));
        }
    }
    if !doc.entities.is_empty() {
        let _ = writeln!(s, "-- actors --");
        for e in &doc.entities {
            let variants: std::collections::BTreeSet<&str> = e.mentions.iter().map(|m| doc.slice(m.range)).collect();
            let variants: Vec<&str> = variants.into_iter().collect();
            let _ =
                writeln!(s, "  {:<24} {:<7} {} mention(s): {}", e.name, e.kind, e.mentions.len(), variants.join(", "));
            for r in &e.roles {
                let _ = writeln!(
                    s,
                    "  {:<24} role: {}",
                    "",
                    doc.slice(*r).split_whitespace().collect::<Vec<_>>().join(" ")
                );
            }
            if !e.affiliations.is_empty() {
                let names: Vec<&str> =
                    e.affiliations.iter().filter_map(|&a| doc.entities.get(a)).map(|a| a.name.as_str()).collect();
                let _ = writeln!(s, "  {:<24} affiliated with: {}", "", names.join(", "));
            }
        }
    }
    if !doc.quotes.is_empty() {
        let _ = writeln!(s, "-- quotes --");
        for q in &doc.quotes {
            let speaker = match (q.speaker, q.speaker_mention) {
                (Some(e), _) => doc.entities.get(e).map_or("?", |e| e.name.as_str()).to_string(),
                (None, Some(m)) => format!("({})", doc.slice(m)),
                (None, None) => "(unattributed)".to_string(),
            };
            let cue = q.cue.map_or(if q.kind == "turn" { "turn" } else { "" }, |c| doc.slice(c));
            let quote: Vec<&str> = doc.slice(q.range).split_whitespace().collect();
            let _ = writeln!(s, "  {:<22} {:<14} {}", speaker, cue, quote.join(" "));
        }
    }
    if !doc.timexes.is_empty() {
        let _ = writeln!(s, "-- timeline --");
        for t in &doc.timexes {
            let _ = writeln!(s, "  {:<24} {:<9} {}", t.value, t.kind, doc.slice(t.range));
        }
    }
    s.push_str(&crate::events::timeline(doc));
    for w in &doc.warnings {
        let _ = writeln!(s, "!! {}: {}", w.kind, w.message);
    }
    s.push('\n');
    s
}

/// `dossier parse --conllu`: predicted syntactic columns for given tokens.
pub fn parse_conllu(path: &str) -> Result<ExitCode> {
    let input = if path == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?
    };
    let out = dossier::conllu::annotate(path, &input, dossier::components::syntax_model()?)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn parse_raw(path: &str) -> Result<ExitCode> {
    let opts = ReadOptions { kind: InputKind::Text, published: None };
    let mut reader = ingest::open_path(path, &opts)?;
    let Some(doc) = reader.next() else { bail!("{path}: no input") };
    let mut doc = doc?;
    report_read_warnings(&doc);
    Analyzer::with_config(&dossier::pipeline::PipelineConfig::new(["segment"]))?.process(&mut doc)?;
    let mut out = String::new();
    let syntax = dossier::components::syntax_model()?;
    dossier::conllu::write_doc(&doc, Some(syntax), &mut out);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|()| ExitCode::SUCCESS).context("writing output"),
    }
}
