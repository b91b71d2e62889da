//! `dossier eval ...`: score the engine on gold data, agreeing with `shared/tools/eval_*.py`.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;
use dossier::{Analyzer, Doc, DocMeta};
use dossier_eval::conllu;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Tagging, lemmas and dependency parsing with gold tokens (UPOS, XPOS, Lemma, UAS, LAS),
    /// as `eval_conllu.py`.
    Syntax {
        /// Gold CoNLL-U file.
        gold: String,
        #[arg(long)]
        json: bool,
        /// Also write the system CoNLL-U (for `eval_conllu.py GOLD SYSTEM`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
    },
    /// Quotes and attributions (content / source / cue) on PolNeAR-style gold JSONL, as
    /// `eval_quotes.py` (token-role and component tables not reproduced).
    Quotes {
        gold: String,
        #[arg(long)]
        json: bool,
        /// Also write the predictions (PRED JSONL for `eval_quotes.py GOLD PRED`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
        /// Components to run (comma-separated), for ablations; `quotes` must be last.
        #[arg(long, default_value = "segment,syntax,entities,quotes")]
        pipeline: String,
    },
    /// Quote speakers: the share of hand-annotated quotes (`eval/quote-speakers/*.tsv`)
    /// attributed to the right named actor. Texts come from JSONL files (`--texts`).
    Speakers {
        gold: String,
        /// JSONL files with the documents' `doc_id`/`id` and `text`.
        #[arg(long = "texts", required = true, value_name = "FILE")]
        texts: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Named entities from raw text, exact span + label, as `eval_ner.py --format jsonl`.
    Ner {
        /// Gold JSONL (`doc_id`, `text`, `entities`).
        gold: String,
        /// Rename predicted labels before scoring (`PERSON=PER,PLACE=LOC` for UNER).
        #[arg(long, default_value = "")]
        map_pred: String,
        #[arg(long)]
        json: bool,
        /// Also write the predictions (PRED JSONL for `eval_ner.py GOLD PRED`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
        /// Use this model file instead of the built-in one (from `dossier train ner`).
        #[arg(long, value_name = "FILE")]
        model: Option<String>,
    },
    /// Time expressions on TempEval-3-style gold JSONL (`doc_id`, `text`, `dct`, `timexes`):
    /// strict / relaxed / type / value figures, as `eval_temporal.py`.
    Temporal {
        gold: String,
        #[arg(long)]
        json: bool,
        /// Also write the predictions (PRED JSONL for `eval_temporal.py GOLD PRED`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
    },
    /// Single-phrase resolution on Duckling-style gold JSONL, as `eval_duckling.py`.
    Duckling {
        gold: String,
        #[arg(long)]
        json: bool,
        /// Also write the predictions (PRED JSONL for `eval_duckling.py GOLD PRED`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
    },
    /// Coreference on an OntoGUM-style key with gold tokens: MUC, B3, CEAF-e, CoNLL F1 and
    /// mention F1 as `eval_coref.py --remove-singletons`; or `--speech-pronouns`.
    Coref(crate::eval_coref::CorefArgs),
    /// Tokenization and sentence splitting from raw text, scored as in the CoNLL 2018 shared
    /// task. The raw text is rebuilt from the gold file (sentences joined by spaces, blank
    /// lines at `# newpar` / `# newdoc`).
    /// Dyadic events (CAMEO or PLOVER) on PETRARCH / PLOVER gold JSONL: exact, root and
    /// actor-pair P/R/F1 per suite and the record pass rate, as `eval_events.py`.
    Events(crate::events::EventsArgs),
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
    /// Article body (4-gram shingle F1) and publication date (exact day) of HTML pages, as
    /// `eval_extract.py`: GOLD_DIR holds `ground-truth.json` and `html/<id>.html`.
    Extract {
        gold: String,
        #[arg(long)]
        json: bool,
        /// Also write the predictions (`{id: {articleBody, datePublished, title, author}}`).
        #[arg(long, value_name = "FILE")]
        save: Option<String>,
    },
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Extract { gold, json, save } => crate::web::eval_extract(&gold, json, save.as_deref()),
        EvalCommand::Events(args) => crate::events::run(args),
        EvalCommand::Syntax { gold, json, save } => {
            let gold_text = std::fs::read_to_string(&gold).with_context(|| format!("reading {gold}"))?;
            let system_text = dossier::conllu::annotate(&gold, &gold_text, dossier::components::syntax_model()?)?;
            save_to(save.as_deref(), &system_text)?;
            let g = conllu::parse(&gold, &gold_text)?;
            let s = conllu::parse("<system>", &system_text)?;
            let scores = conllu::score(&g, &s, false)?;
            if json {
                say!("{}", serde_json::to_string_pretty(&scores)?);
            } else {
                say!("{}", conllu::render_table(&scores).trim_end());
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Quotes { gold, json, save, pipeline } => {
            let text = std::fs::read_to_string(&gold).with_context(|| format!("reading {gold}"))?;
            let gold_docs = dossier_eval::quotes::read_jsonl(&gold, &text)?;
            let analyzer = Analyzer::with_config(&pipeline.parse()?)?;
            let mut pred_lines = String::new();
            let mut pred = Vec::with_capacity(gold_docs.len());
            for g in &gold_docs {
                let id = &g.id;
                let mut doc =
                    Doc::new(DocMeta { id: id.clone(), ..DocMeta::default() }, g.text.clone().unwrap_or_default())?;
                analyzer.process(&mut doc)?;
                let atts = attributions(&doc);
                let json_atts: Vec<serde_json::Value> = atts
                    .iter()
                    .map(|a| serde_json::json!({"source": a.source, "cue": a.cue, "content": a.content}))
                    .collect();
                pred_lines.push_str(&serde_json::json!({"doc_id": id, "attributions": json_atts}).to_string());
                pred_lines.push('\n');
                pred.push(dossier_eval::quotes::QuoteDoc { id: id.clone(), text: None, attributions: atts });
            }
            save_to(save.as_deref(), &pred_lines)?;
            let s = dossier_eval::quotes::score(&gold_docs, &pred);
            if json {
                say!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                say!(
                    "gold attributions {}  predicted {}",
                    s.counts["gold_attributions"],
                    s.counts["pred_attributions"]
                );
                say!("{:<34} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
                for (name, f) in [
                    ("content, exact characters", &s.content_exact_char),
                    ("content, exact word tokens", &s.content_exact),
                    ("content, overlap", &s.content_overlap),
                    ("attribution content+source", &s.attribution_content_source),
                    ("attribution content+source+cue", &s.attribution_content_source_cue),
                ] {
                    say!("{:<34} {:>7.2} {:>7.2} {:>7.2}", name, 100.0 * f.p, 100.0 * f.r, 100.0 * f.f1);
                }
                for (t, f) in &s.by_quote_type {
                    say!(
                        "{:<34} {:>7.2} {:>7.2} {:>7.2}  (gold {}, predicted {})",
                        t,
                        100.0 * f.precision,
                        100.0 * f.recall,
                        100.0 * f.f1,
                        f.gold,
                        f.pred
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Speakers { gold, texts, json } => crate::speakers::run(&gold, &texts, json),
        EvalCommand::Ner { gold, map_pred, json, save, model } => {
            let text = std::fs::read_to_string(&gold).with_context(|| format!("reading {gold}"))?;
            let gold_docs = dossier_eval::ner::read_jsonl(&gold, &text)?;
            let analyzer = Analyzer::with_config(&dossier::pipeline::PipelineConfig::new(["segment", "syntax"]))?;
            let loaded;
            let ner = match model {
                Some(path) => {
                    let bytes = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
                    loaded = dossier::entities::NerModel::from_bytes(&bytes).with_context(|| path.clone())?;
                    &loaded
                }
                None => dossier::entities::NerModel::builtin()?,
            };
            let mut pred_lines = String::new();
            let mut pred_docs = Vec::with_capacity(gold_docs.len());
            for g in &gold_docs {
                let mut doc = Doc::new(DocMeta { id: g.id.clone(), ..DocMeta::default() }, g.text.clone())?;
                analyzer.process(&mut doc)?;
                doc.entities = dossier::entities::group_mentions(doc.text(), &dossier::entities::recognize(ner, &doc));
                // As in `analyze`: bare titles taken for names are dropped.
                dossier::entities::drop_title_only_persons(&mut doc);
                let o = doc.offsets();
                let mut spans: Vec<(usize, usize, String)> = doc
                    .entities
                    .iter()
                    .flat_map(|e| {
                        e.mentions.iter().map(move |m| {
                            (
                                o.char_offset(m.range.start()) as usize,
                                o.char_offset(m.range.end()) as usize,
                                e.kind.to_string(),
                            )
                        })
                    })
                    .collect();
                spans.sort();
                let entities: Vec<serde_json::Value> =
                    spans.iter().map(|(s, e, l)| serde_json::json!({"start": s, "end": e, "label": l})).collect();
                pred_lines.push_str(&serde_json::json!({"doc_id": g.id, "entities": entities}).to_string());
                pred_lines.push('\n');
                pred_docs.push(dossier_eval::ner::NerDoc { id: g.id.clone(), text: String::new(), spans });
            }
            save_to(save.as_deref(), &pred_lines)?;
            let map = dossier_eval::ner::parse_map(&map_pred);
            let s = dossier_eval::ner::score(&gold_docs, &pred_docs, &Default::default(), &map, &[]);
            if json {
                say!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                say!("{:<12} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}", "", "P", "R", "F1", "tp", "pred", "gold");
                let row = |name: &str, c: &dossier_eval::ner::Counts| -> std::io::Result<()> {
                    say!(
                        "{:<12} {:>9.2} {:>9.2} {:>9.2} {:>6} {:>6} {:>6}",
                        name,
                        100.0 * c.precision,
                        100.0 * c.recall,
                        100.0 * c.f1,
                        c.tp,
                        c.pred,
                        c.gold
                    );
                    Ok(())
                };
                row("micro", &s.micro)?;
                row("unlabelled", &s.unlabelled)?;
                for (label, c) in &s.per_label {
                    row(label, c)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Temporal { gold, json, save } => {
            let tagger = dossier::time::TimeTagger::new();
            let gold_text = std::fs::read_to_string(&gold).with_context(|| format!("reading {gold}"))?;
            let pred = dossier::time::eval::run_temporal(&tagger, &gold_text)?;
            save_to(save.as_deref(), &pred)?;
            let s = dossier::time::eval::score_temporal(&gold_text, &pred)?;
            if json {
                say!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                say!("documents {}  gold timexes {}  predicted {}", s.documents, s.gold_timexes, s.pred_timexes);
                say!("{:<8} {:>9} {:>9} {:>9}", "", "P", "R", "F1");
                say!(
                    "{:<8} {:>9.2} {:>9.2} {:>9.2}",
                    "strict",
                    100.0 * s.strict_p,
                    100.0 * s.strict_r,
                    100.0 * s.strict_f1
                );
                say!(
                    "{:<8} {:>9.2} {:>9.2} {:>9.2}",
                    "relaxed",
                    100.0 * s.relaxed_p,
                    100.0 * s.relaxed_r,
                    100.0 * s.relaxed_f1
                );
                say!(
                    "{:<8} {:>9.2} {:>9.2} {:>9.2}",
                    "value",
                    100.0 * s.value_p,
                    100.0 * s.value_r,
                    100.0 * s.value_f1
                );
                say!(
                    "type accuracy {:.2}  value accuracy {:.2}  type F1 {:.2}",
                    100.0 * s.type_accuracy,
                    100.0 * s.value_accuracy,
                    100.0 * s.type_f1
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Duckling { gold, json, save } => {
            let tagger = dossier::time::TimeTagger::new();
            let gold_text = std::fs::read_to_string(&gold).with_context(|| format!("reading {gold}"))?;
            let pred = dossier::time::eval::run_duckling(&tagger, &gold_text)?;
            save_to(save.as_deref(), &pred)?;
            let s = dossier::time::eval::score_duckling(&gold_text, &pred)?;
            if json {
                say!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                for (name, b) in [("positive", &s.positive), ("negative", &s.negative), ("all", &s.all)] {
                    say!("{:<10} {:>7.2}%  {:>5} / {:<5}", name, 100.0 * b.accuracy, b.correct, b.total);
                }
                for (name, b) in &s.buckets {
                    say!("  {:<24} {:>7.2}%  {:>5} / {:<5}", name, 100.0 * b.accuracy, b.correct, b.total);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Coref(args) => crate::eval_coref::run(args),
        EvalCommand::Segment { gold, json, save } => {
            let scores = segment(&gold, save.as_deref())?;
            if json {
                say!("{}", serde_json::to_string_pretty(&scores)?);
            } else {
                say!("{}", conllu::render_table(&scores).trim_end());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The document's quotes as attributions: fragments linked by `continues` form one content.
fn attributions(doc: &Doc) -> Vec<dossier_eval::quotes::Attribution> {
    let o = doc.offsets();
    let span = |r: dossier::TextRange| (o.char_offset(r.start()) as usize, o.char_offset(r.end()) as usize);
    let mut out: Vec<dossier_eval::quotes::Attribution> = Vec::new();
    let mut slot: Vec<usize> = Vec::with_capacity(doc.quotes.len());
    for q in &doc.quotes {
        match q.continues.and_then(|k| slot.get(k).copied()) {
            Some(i) => {
                out[i].content.push(span(q.range));
                slot.push(i);
            }
            None => {
                out.push(dossier_eval::quotes::Attribution {
                    source: q.speaker_mention.map(span).into_iter().collect(),
                    cue: q.cue.map(span).into_iter().collect(),
                    content: vec![span(q.range)],
                });
                slot.push(out.len() - 1);
            }
        }
    }
    out
}

fn save_to(path: Option<&str>, contents: &str) -> Result<()> {
    if let Some(path) = path {
        std::fs::write(path, contents).with_context(|| format!("writing {path}"))?;
    }
    Ok(())
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
    dossier::conllu::write_doc(&doc, None, &mut out);
    Ok(out)
}
