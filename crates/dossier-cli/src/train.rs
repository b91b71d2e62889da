//! `dossier train ...`: fit the engine's models from gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, ensure};
use clap::Subcommand;
use dossier::entities::{EntityType, NerTrainer, TrainingSentence};
use dossier::syntax::train::{ParserOptions, TaggerOptions, train_parser, train_tagger};
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
    /// The pronoun-antecedent ranker of coreference, from an OntoGUM-style key (CoNLL-2012
    /// brackets) and the CoNLL-U file whose words it numbers (as `dossier eval coref`).
    Coref {
        /// The key (`ontogum_train.conll`).
        #[arg(long = "key", value_name = "FILE")]
        key: String,
        /// The CoNLL-U file of the key's words (default: as `dossier eval coref` guesses it).
        #[arg(long, value_name = "FILE")]
        conllu: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: String,
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Averaged weights below this magnitude are dropped (a smaller file).
        #[arg(long, default_value_t = 0.0)]
        prune: f32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
    /// The part-of-speech tagger (UPOS + XPOS) and lemmatizer, from CoNLL-U files. Writes
    /// `tagger.bin` into `--out`; with `--dev`, prints UPOS, XPOS and lemma accuracy.
    Tagger {
        /// Training CoNLL-U files (the shipped model: EWT train and GUM train).
        #[arg(long = "train", required = true, value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Development CoNLL-U file scored after training.
        #[arg(long, value_name = "FILE")]
        dev: Option<PathBuf>,
        /// Output directory (`tagger.bin`).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Passes over the training data, per tagging pass.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Jackknife folds for the second (stacked) tagging pass; 0 = one pass.
        #[arg(long, default_value_t = 4)]
        stack_folds: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Unlabeled text for the word clusters, besides the training sentences: `.jsonl`
        /// files (the `text` field of every record) or plain text (the shipped model:
        /// ../shared/data/events/plover-synthetic-ngec.jsonl).
        #[arg(long = "unlabeled", value_name = "FILE")]
        unlabeled: Vec<PathBuf>,
        /// Fine word clusters (0 = no cluster features).
        #[arg(long, default_value_t = 256)]
        clusters: usize,
    },
    /// The dependency parser, from CoNLL-U files, on tags from `tagger.bin` in `--out` (train
    /// the tagger first) or from the built-in tagger. Writes `parser.bin` into `--out`; with
    /// `--dev`, prints UAS and LAS on gold tokens.
    Parser {
        #[arg(long = "train", required = true, value_name = "FILE")]
        train: Vec<PathBuf>,
        #[arg(long, value_name = "FILE")]
        dev: Option<PathBuf>,
        /// Output directory (`parser.bin`; `tagger.bin` is read from it when present).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, default_value_t = 16)]
        epochs: usize,
        /// Relation groups predicted jointly with the moves (0 = all labels jointly).
        #[arg(long, default_value_t = 20)]
        label_groups: usize,
        /// Train on tags from taggers that did not see the sentence (k folds; 0 = off).
        #[arg(long, default_value_t = 5)]
        jackknife: usize,
        /// Averaged weights with a smaller magnitude are dropped from the model file.
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn print_report(what: &str, report: &dossier::syntax::train::TrainReport, parsed: bool) {
    eprintln!(
        "{what}: {} sentences, {} words, {:.0} s, model {} bytes",
        report.sentences, report.words, report.seconds, report.model_bytes
    );
    if let Some(d) = report.dev {
        eprint!("dev ({} words): UPOS {:.2}  XPOS {:.2}  lemma {:.2}", d.words, d.upos, d.xpos, d.lemma);
        if parsed {
            eprint!("  UAS {:.2}  LAS {:.2}", d.uas, d.las);
        }
        eprintln!();
    }
}

pub fn run(cmd: TrainCommand) -> Result<ExitCode> {
    match cmd {
        TrainCommand::Ner { train, out, epochs } => {
            ensure!(epochs > 0, "--epochs must be at least 1");
            // The recognizer reads the syntax layer's tags: train on predicted tags, as it runs.
            let segmenter =
                dossier::Analyzer::with_config(&dossier::pipeline::PipelineConfig::new(["segment", "syntax"]))?;
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
                        xpos: s.token_indices().map(|i| doc.syntax.xpos(i)).collect(),
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
        TrainCommand::Tagger { train, dev, out, epochs, stack_folds, seed, unlabeled, clusters } => {
            ensure!(epochs > 0, "--epochs must be at least 1");
            let opts = TaggerOptions { epochs, seed, stack_folds, unlabeled, clusters, ..TaggerOptions::default() };
            let (bytes, report) = train_tagger(&train, dev.as_deref(), &opts, &mut |m| eprintln!("{m}"))?;
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            let path = out.join("tagger.bin");
            std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            print_report("tagger", &report, false);
            eprintln!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        TrainCommand::Parser { train, dev, out, epochs, label_groups, jackknife, prune, seed } => {
            ensure!(epochs > 0, "--epochs must be at least 1");
            let tagger_path = out.join("tagger.bin");
            let tagger = if tagger_path.exists() {
                eprintln!("tagging with {}", tagger_path.display());
                std::fs::read(&tagger_path).with_context(|| format!("reading {}", tagger_path.display()))?
            } else {
                eprintln!("tagging with the built-in tagger");
                dossier::syntax::SyntaxModel::builtin_bytes().0.to_vec()
            };
            let opts = ParserOptions { epochs, seed, label_groups, jackknife, prune, ..ParserOptions::default() };
            let (bytes, report) = train_parser(&train, dev.as_deref(), &tagger, &opts, &mut |m| eprintln!("{m}"))?;
            std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
            let path = out.join("parser.bin");
            std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            print_report("parser", &report, true);
            eprintln!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        TrainCommand::Coref { key, conllu, out, epochs, prune, seed } => {
            ensure!(epochs > 0, "--epochs must be at least 1");
            crate::eval_coref::train_pronouns(&key, conllu.as_deref(), &out, epochs, prune, seed)?;
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
