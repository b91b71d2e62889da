//! Tags and parses gold-tokenized CoNLL-U files (EWT dev, GUM dev by default), writes the
//! system output to `/tmp/dossier-syntax-<name>.conllu` and prints words/s.
//!
//! ```text
//! cargo run --release -p dossier-syntax --example syntax_eval -- [--models DIR] [FILE.conllu ...]
//! python3 ../shared/tools/eval_conllu.py GOLD /tmp/dossier-syntax-<name>.conllu
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_syntax::{Scratch, SentenceAnalysis, SyntaxModel};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../../shared/data");
    let mut files = Vec::new();
    let mut models: Option<PathBuf> = None;
    let mut margin = 20.0f32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--margin" {
            margin = args.next().ok_or("--margin needs a value")?.parse()?;
        } else if a == "--models" {
            models = Some(PathBuf::from(args.next().ok_or("--models needs a directory")?));
        } else {
            files.push(PathBuf::from(a));
        }
    }
    if files.is_empty() {
        files.push(data.join("syntax/en_ewt-ud-dev.conllu"));
        files.push(data.join("entities/gum/gum_dev.conllu"));
    }
    let loaded;
    let model: &SyntaxModel = match &models {
        Some(dir) => {
            loaded = SyntaxModel::from_bytes(
                &std::fs::read(dir.join("tagger.bin"))?,
                &std::fs::read(dir.join("parser.bin"))?,
            )?
            .with_tagger_margin(margin);
            &loaded
        }
        None => {
            let t = Instant::now();
            let m = SyntaxModel::builtin()?;
            eprintln!("builtin model loaded in {:.2}s", t.elapsed().as_secs_f64());
            m
        }
    };
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let blocks: Vec<&str> = text.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
        let sentences: Vec<Vec<&str>> = blocks
            .iter()
            .map(|b| {
                b.lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| {
                        let mut cols = l.split('\t');
                        let id = cols.next()?;
                        if id.contains('-') || id.contains('.') { None } else { cols.next() }
                    })
                    .collect()
            })
            .collect();
        let words: usize = sentences.iter().map(Vec::len).sum();
        // Timing: analyze everything a few times with reused buffers.
        let mut scratch = Scratch::default();
        let mut out = SentenceAnalysis::default();
        let reps = 5;
        let t = Instant::now();
        let cpu0 = cpu_seconds();
        for _ in 0..reps {
            for s in &sentences {
                model.analyze_sentence_with(s, &mut scratch, &mut out);
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
        let mut sys = String::with_capacity(text.len());
        for (block, s) in blocks.iter().zip(&sentences) {
            model.analyze_sentence_with(s, &mut scratch, &mut out);
            let mut w = 0;
            for line in block.lines() {
                let cols: Vec<&str> = line.split('\t').collect();
                if line.starts_with('#') || cols.len() != 10 || cols[0].contains('-') || cols[0].contains('.') {
                    if !(cols.len() == 10 && cols[0].contains('.')) {
                        sys.push_str(line);
                        sys.push('\n');
                    }
                    continue;
                }
                writeln!(
                    sys,
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                    cols[0], cols[1], out.lemma[w], out.upos[w], out.xpos[w], out.head[w], out.deprel[w], cols[9]
                )?;
                w += 1;
            }
            sys.push('\n');
        }
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or("out");
        let path = PathBuf::from(format!("/tmp/dossier-syntax-{name}.conllu"));
        std::fs::write(&path, sys)?;
        println!(
            "{}: {} sentences, {} words, {:.0} words/s wall, {} words/s CPU (tagger+lemmatizer+parser, 1 thread) -> {}",
            file.display(),
            sentences.len(),
            words,
            (words * reps) as f64 / secs,
            cpu.map_or("?".to_owned(), |c| format!("{:.0}", (words * reps) as f64 / c.max(1e-9))),
            path.display()
        );
    }
    Ok(())
}

/// User + system CPU time of this process (Linux `/proc`, 100 Hz ticks).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
