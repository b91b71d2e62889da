//! `dossier train ...`: fit the engine's models from gold data.

use std::process::ExitCode;

use anyhow::{Context, Result, ensure};
use clap::Subcommand;
use dossier::text::segment::{Trainer, TrainingDoc};
use dossier::text::{Segmenter, Tokenizer};
use dossier_eval::conllu;

#[derive(Subcommand)]
pub enum TrainCommand {
    /// The sentence-boundary classifier, from CoNLL-U files (raw text rebuilt as in
    /// `dossier eval segment`).
    Segment {
        /// Training CoNLL-U files.
        #[arg(long = "train", required = true, value_name = "FILE")]
        train: Vec<String>,
        /// Where to write the model.
        #[arg(long, value_name = "FILE")]
        out: String,
        /// Passes over the training data.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
    },
}

pub fn run(cmd: TrainCommand) -> Result<ExitCode> {
    match cmd {
        TrainCommand::Segment { train, out, epochs } => {
            ensure!(epochs > 0, "--epochs must be at least 1");
            let mut raws = Vec::new();
            for path in &train {
                let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
                let gold = conllu::parse(path, &text)?;
                raws.push(conllu::raw_text(&gold));
            }
            let tokens: Vec<_> = raws.iter().map(|r| Tokenizer.tokenize(&r.text)).collect();
            let docs: Vec<TrainingDoc<'_>> = raws
                .iter()
                .zip(&tokens)
                .map(|(r, t)| TrainingDoc { text: &r.text, tokens: t, gold_ends: &r.sentence_ends })
                .collect();
            let mut trainer = Trainer::new();
            for epoch in 1..=epochs {
                let errors = trainer.epoch(&docs);
                eprintln!("epoch {epoch}: {errors} boundary errors");
            }
            let model: Segmenter = trainer.finish();
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
            eprintln!("wrote {out} ({} bytes)", bytes.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}
