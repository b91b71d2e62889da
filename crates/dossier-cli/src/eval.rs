//! `dossier eval ...`: score the engine on gold data, agreeing with `shared/tools/eval_*.py`.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;
use dossier::{Analyzer, Doc, DocMeta};
use dossier_eval::conllu;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Tokenization and sentence splitting from raw text, scored as in the CoNLL 2018 shared
    /// task. The raw text is rebuilt from the gold file (sentences joined by spaces, blank
    /// lines at `# newpar` / `# newdoc`).
    Segment {
        /// Gold CoNLL-U file.
        gold: String,
        /// Print the figures as JSON (the layout of `eval_conllu.py --json`).
        #[arg(long)]
        json: bool,
        /// Also write the system CoNLL-U here (to check with `eval_conllu.py GOLD SYSTEM`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
    },
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Segment { gold, json, save } => {
            let scores = segment(&gold, save.as_deref())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&scores)?);
            } else {
                print!("{}", conllu::render_table(&scores));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Segments the raw text of a gold CoNLL-U file and scores it.
pub fn segment(gold_path: &str, save: Option<&str>) -> Result<conllu::ConlluScores> {
    let gold_text = std::fs::read_to_string(gold_path).with_context(|| format!("reading {gold_path}"))?;
    let gold = conllu::parse(gold_path, &gold_text)?;
    let raw = conllu::raw_text(&gold);
    let system_text = segment_to_conllu(raw.text)?;
    if let Some(path) = save {
        std::fs::write(path, &system_text).with_context(|| format!("writing {path}"))?;
    }
    let system = conllu::parse("<system>", &system_text)?;
    Ok(conllu::score(&gold, &system, false)?)
}

fn segment_to_conllu(text: String) -> Result<String> {
    let analyzer = Analyzer::with_config(&dossier::pipeline::PipelineConfig::new(["segment"]))?;
    let meta = DocMeta { id: "eval".into(), kind: "text".into(), ..DocMeta::default() };
    let mut doc = Doc::new(meta, text)?;
    analyzer.process(&mut doc)?;
    let mut out = String::new();
    dossier::conllu::write_doc(&doc, &mut out);
    Ok(out)
}
