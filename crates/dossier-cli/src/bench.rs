//! `dossier bench`: throughput on one core and peak memory.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, bail};
use dossier::text::{Segmenter, Tokenizer};
use dossier::{Analyzer, Doc};

use crate::InputArgs;
use crate::analyze::{documents, read_options};

/// Peak resident set size of this process in bytes (Linux `VmHWM`), if known.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

pub fn run(input: &InputArgs, stage: &str, repeat: usize) -> Result<ExitCode> {
    if matches!(stage, "extract" | "warc") {
        return crate::web::bench(&input.paths, stage, repeat);
    }
    let opts = read_options(input)?;
    let mut docs: Vec<Doc> = Vec::new();
    let mut skipped = 0;
    for d in documents(input, &opts) {
        match d {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("dossier: error: {e} (skipped)");
                skipped += 1;
            }
        }
    }
    if docs.is_empty() {
        bail!("no documents to benchmark");
    }
    let segmenter = Segmenter::builtin()?;
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let words: usize = docs.iter().map(|d| d.text().split_whitespace().count()).sum();
    let analyzer = match stage {
        "segment" | "syntax" | "time" => None,
        "analyze" => Some(Analyzer::new()?),
        "coref" => {
            // Everything coreference reads is computed once beforehand; only it is timed.
            let before =
                Analyzer::with_config(&dossier::pipeline::PipelineConfig::new(["segment", "syntax", "entities"]))?;
            for doc in &mut docs {
                before.process(doc)?;
            }
            None
        }
        other => bail!("unknown stage {other:?}: expected segment, syntax, time, coref or analyze"),
    };
    // `syntax` times the tagger, lemmatizer and parser alone, on sentences split beforehand.
    let syntax = if stage == "syntax" { Some(dossier::components::syntax_model()?) } else { None };
    let sentences: Vec<Vec<String>> = match syntax {
        Some(_) => docs
            .iter()
            .flat_map(|d| {
                let tokens = Tokenizer.tokenize(d.text());
                segmenter
                    .segment(d.text(), &tokens)
                    .into_iter()
                    .map(|s| tokens[s.token_indices()].iter().map(|t| t.text(d.text()).to_string()).collect())
                    .collect::<Vec<_>>()
            })
            .collect(),
        None => Vec::new(),
    };
    let mut best = f64::INFINITY;
    let mut units = 0usize;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let mut spent = 0.0f64;
        units = 0;
        if let Some(model) = syntax {
            let mut scratch = dossier::syntax::Scratch::default();
            let mut out = dossier::syntax::SentenceAnalysis::default();
            for s in &sentences {
                let words: Vec<&str> = s.iter().map(String::as_str).collect();
                model.analyze_sentence_with(&words, &mut scratch, &mut out);
                units += out.head.len();
            }
            best = best.min(start.elapsed().as_secs_f64());
            continue;
        }
        if stage == "time" {
            // the temporal tagger alone on the raw text, against each document's
            // publication date (TimeML normalization, resolution, no checks)
            let tagger = dossier::time::TimeTagger::new();
            for doc in &docs {
                let reference = doc.meta.published.as_deref().and_then(|p| dossier::time::Reference::parse(p).ok());
                units += tagger.tag(doc.text(), reference.as_ref()).len();
            }
            best = best.min(start.elapsed().as_secs_f64());
            continue;
        }
        if stage == "coref" {
            for doc in &docs {
                let mut d = doc.clone();
                let t = Instant::now();
                let coref = dossier::coref::resolve(&d);
                dossier::coref::apply(&mut d, &coref);
                spent += t.elapsed().as_secs_f64();
                units += coref.mentions.len();
            }
            best = best.min(spent);
            continue;
        }
        // Each pass analyses fresh copies (copied before the clock starts), not the
        // documents the previous pass analysed.
        let mut pass_docs = if analyzer.is_some() { docs.clone() } else { Vec::new() };
        let pass_start = Instant::now();
        for (i, doc) in docs.iter().enumerate() {
            match &analyzer {
                None => {
                    let tokens = Tokenizer.tokenize(doc.text());
                    let sentences = segmenter.segment(doc.text(), &tokens);
                    units += tokens.len() + sentences.len();
                }
                Some(a) => {
                    let Some(doc) = pass_docs.get_mut(i) else { continue };
                    a.process(doc)?;
                    units += doc.tokens.len();
                }
            }
        }
        best = best.min(pass_start.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    say!("stage        {stage} (one thread, best of {})", repeat.max(1));
    say!("documents    {}", docs.len());
    say!("input        {mb:.2} MB, {words} words");
    say!("time         {best:.3} s");
    say!("throughput   {:.1} MB/s, {:.0} words/s", mb / best, words as f64 / best);
    say!("output units {units}");
    if let Some(peak) = peak_rss() {
        say!("peak memory  {:.1} MB (whole process, input included)", peak as f64 / 1e6);
    }
    if skipped > 0 {
        eprintln!("dossier: {skipped} document(s) skipped");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
