//! `dossier train ...`: fit the engine's models from gold data.

use std::process::ExitCode;

use anyhow::{Context, Result, ensure};
use clap::Subcommand;
use dossier::entities::{EntityType, NerTrainer, TrainingSentence};
use dossier::text::TextRange;
use dossier::text::segment::{Trainer, TrainingDoc};
use dossier::text::{Segmenter, Tokenizer};
use dossier_eval::conllu;

#[derive(Subcommand)]
pub enum TrainCommand {
    /// The named-entity recognizer, from JSONL with character-offset entities
    /// (`{"doc_id","text","entities":[{"start","end","label"}]}`; labels PERSON/PER, ORG,
    /// PLACE/LOC/GPE; others ignored). Text is tokenized and split by the engine itself.
    Ner {
        #[arg(long = "train", required = true, value_name = "FILE")]
        train: Vec<String>,
        #[arg(long, value_name = "FILE")]
        out: String,
        #[arg(long, default_value_t = 10)]
        epochs: usize,
    },
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
        TrainCommand::Ner { train, out, epochs } => {
            ensure!(epochs > 0, "--epochs must be at least 1");
            let segmenter = dossier::Analyzer::with_config(&dossier::pipeline::PipelineConfig::new(["segment"]))?;
            let mut docs = Vec::new();
            let (mut spans_total, mut dropped_total) = (0usize, 0usize);
            for path in &train {
                let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
                for gold in dossier_eval::ner::read_jsonl(path, &text)? {
                    let mut doc = dossier::Doc::new(dossier::DocMeta::default(), gold.text)?;
                    segmenter.process(&mut doc)?;
                    let o = doc.offsets();
                    let spans: Vec<_> = gold
                        .spans
                        .iter()
                        .filter_map(|(s, e, l)| {
                            let kind = EntityType::parse(l)?;
                            let range = TextRange::new(o.byte_offset(*s as u32), o.byte_offset(*e as u32));
                            Some((range, kind))
                        })
                        .collect();
                    let (labels, dropped) = dossier::entities::sentence_labels(&doc, &spans);
                    spans_total += spans.len();
                    dropped_total += dropped;
                    docs.push((doc, labels));
                }
            }
            let sentences: Vec<TrainingSentence<'_>> = docs
                .iter()
                .flat_map(|(doc, labels)| {
                    doc.sentences.iter().zip(labels).map(|(s, l)| TrainingSentence {
                        text: doc.text(),
                        tokens: doc.sentence_tokens(*s),
                        labels: l.clone(),
                    })
                })
                .collect();
            eprintln!(
                "{} documents, {} sentences, {spans_total} entity spans ({dropped_total} not on token or sentence boundaries, left out)",
                docs.len(),
                sentences.len()
            );
            let mut trainer = NerTrainer::new();
            for epoch in 1..=epochs {
                let errors = trainer.epoch(&sentences);
                eprintln!("epoch {epoch}: {errors} token errors");
            }
            let bytes = trainer.finish().to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
            eprintln!("wrote {out} ({} bytes)", bytes.len());
            Ok(ExitCode::SUCCESS)
        }
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
