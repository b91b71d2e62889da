//! Development harness: tag the temporal data, write PRED files, score them,
//! and measure throughput.
//!
//! cargo run --release -p dossier-time --example time_eval -- temporal GOLD.jsonl PRED_OUT.jsonl
//! cargo run --release -p dossier-time --example time_eval -- duckling GOLD.jsonl PRED_OUT.jsonl
//! cargo run --release -p dossier-time --example time_eval -- speed SILVER.jsonl
//! cargo run --release -p dossier-time --example time_eval -- tag TEXT [REFERENCE]

use std::time::Instant;

use dossier_time::{Reference, TimeTagger, eval};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: eval temporal|duckling GOLD [PRED_OUT] | score-temporal GOLD PRED | score-duckling GOLD PRED | speed SILVER | phrase PHRASE [REFERENCE] | tag TEXT [REFERENCE]";
    let arg = |i: usize| -> Result<&str, Box<dyn std::error::Error>> {
        args.get(i).map(String::as_str).ok_or_else(|| usage.into())
    };
    let tagger = TimeTagger::new();
    match args.first().map(String::as_str) {
        Some("temporal") => {
            let gold = std::fs::read_to_string(arg(1)?)?;
            let pred = eval::run_temporal(&tagger, &gold)?;
            if let Some(out) = args.get(2) {
                std::fs::write(out, &pred)?;
            }
            let s = eval::score_temporal(&gold, &pred)?;
            println!("{}", serde_json::to_string_pretty(&s)?);
        }
        Some("duckling") => {
            let gold = std::fs::read_to_string(arg(1)?)?;
            let pred = eval::run_duckling(&tagger, &gold)?;
            if let Some(out) = args.get(2) {
                std::fs::write(out, &pred)?;
            }
            let s = eval::score_duckling(&gold, &pred)?;
            println!("positive {}/{} {:.4}", s.positive.correct, s.positive.total, s.positive.accuracy);
            println!("negative {}/{} {:.4}", s.negative.correct, s.negative.total, s.negative.accuracy);
        }
        Some("phrase") => {
            let reference = Reference::parse(args.get(2).map_or("2013-02-12T04:30:00.000-02:00", String::as_str))?;
            let phrase = arg(1)?;
            for t in dossier_time::resolve_phrase(&tagger, phrase, &reference) {
                println!("{:?} {}", phrase.get(t.start..t.end).unwrap_or(""), serde_json::to_string(&t)?);
            }
        }
        Some("score-temporal") => {
            let s = eval::score_temporal(&std::fs::read_to_string(arg(1)?)?, &std::fs::read_to_string(arg(2)?)?)?;
            println!("{}", serde_json::to_string_pretty(&s)?);
        }
        Some("score-duckling") => {
            let s = eval::score_duckling(&std::fs::read_to_string(arg(1)?)?, &std::fs::read_to_string(arg(2)?)?)?;
            println!("{}", serde_json::to_string_pretty(&s)?);
        }
        Some("speed") => {
            let src = std::fs::read_to_string(arg(1)?)?;
            let mut docs = Vec::new();
            for line in src.lines() {
                let v: serde_json::Value = serde_json::from_str(line)?;
                let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("").to_string();
                let dct = v.get("dct").and_then(|t| t.as_str()).and_then(|d| Reference::parse(d).ok());
                docs.push((text, dct));
            }
            let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
            let mut best = f64::MAX;
            let mut n = 0;
            for _ in 0..3 {
                let t0 = Instant::now();
                n = 0;
                for (text, dct) in &docs {
                    n += tagger.tag(text, dct.as_ref()).len();
                }
                best = best.min(t0.elapsed().as_secs_f64());
            }
            println!(
                "{} docs, {} bytes, {} timexes, best of 3: {:.3}s = {:.1} MB/s",
                docs.len(),
                bytes,
                n,
                best,
                bytes as f64 / best / 1e6
            );
        }
        Some("tag") => {
            // tag TEXT [REFERENCE]: running-text mode, with the consistency warnings
            let reference = args.get(2).map(|r| Reference::parse(r)).transpose()?;
            let text = arg(1)?;
            let tx = tagger.tag(text, reference.as_ref());
            for t in &tx {
                println!("{:?} {}", text.get(t.start..t.end).unwrap_or(""), serde_json::to_string(t)?);
            }
            for w in dossier_time::check_consistency(text, &tx, reference.as_ref()) {
                println!("warning {w:?}");
            }
        }
        _ => eprintln!("{usage}"),
    }
    Ok(())
}
