//! `dossier eval events`: code the records of a PETRARCH / PLOVER gold file and score them as
//! `shared/tools/eval_events.py` does.

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use dossier::events::{Coder, CoderOptions, Dictionaries, ParsedSentence};
use dossier_eval::events::{self as ev, Triple};
use serde_json::{Value, json};

/// Which parse the coder reads.
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum ParseSource {
    /// The record's `parse_conllu` when it has one, else dossier's own parser.
    Shipped,
    /// Always dossier's own tokenizer, sentence splitter and parser on the record text.
    Own,
}

/// On, off, or decided by the other options.
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum Toggle {
    Auto,
    On,
    Off,
}

#[derive(clap::Args)]
pub struct EventsArgs {
    /// Gold JSONL (`petrarch-validation.jsonl`, `plover-gsr.jsonl`).
    pub gold: String,
    /// PETRARCH-format dictionaries to use instead of the built-in Phoenix / CAMEO 2.0 set
    /// (files whose names contain verbs, actors, agents, discards).
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<String>,
    /// Compare actor codes on their first N characters only (3 = country level).
    #[arg(long, default_value_t = 0)]
    pub actor_prefix: usize,
    /// Which parse to code.
    #[arg(long, value_enum, default_value_t = ParseSource::Shipped)]
    pub parse: ParseSource,
    /// Write PLOVER types instead of CAMEO codes (for `plover-gsr.jsonl`); events without a
    /// target are kept.
    #[arg(long)]
    pub plover: bool,
    /// Also write events without a target (as `---`) where the record asks for dyads.
    #[arg(long)]
    pub untargeted: bool,
    /// PETRARCH conformance: a verb defers to its complement's literal code and symmetric
    /// codes also give the reverse event. Off (real-world coding): actions are coded through
    /// the verb or modal that frames them ("agreed to provide aid" = intent 033, "refused to
    /// lift" = 124, "will attack" = threat 138) and events run subject to object only. `auto`
    /// = on with `--dictionaries` (the unit-test suites), off with the built-in dictionaries.
    #[arg(long, value_enum, default_value_t = Toggle::Auto)]
    pub conformance: Toggle,
    /// Also score records marked `active: false`.
    #[arg(long)]
    pub include_inactive: bool,
    #[arg(long)]
    pub json: bool,
    /// Also write the predictions (PRED JSONL for `eval_events.py GOLD PRED`).
    #[arg(long, value_name = "FILE")]
    pub save: Option<String>,
}

/// Sentences of a raw text, parsed by dossier's own models.
pub fn parse_text(text: &str) -> Result<Vec<ParsedSentence>> {
    let tokens = dossier::text::Tokenizer.tokenize(text);
    let segmenter = dossier::text::Segmenter::builtin()?;
    let sentences = segmenter.segment(text, &tokens);
    let model = dossier::syntax::SyntaxModel::builtin()?;
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let words: Vec<&str> = tokens[s.token_indices()].iter().map(|t| t.text(text)).collect();
        let a = model.analyze_sentence(&words);
        let mut p = ParsedSentence::default();
        for (i, w) in words.iter().enumerate() {
            p.push(w, &a.lemma[i], a.upos[i].as_str(), a.head[i], a.deprel[i]);
        }
        out.push(p);
    }
    Ok(out)
}

pub fn run(args: EventsArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold))?;
    let gold = ev::read_gold(&args.gold, &text)?;
    let owned;
    let dict: &Dictionaries = match &args.dictionaries {
        Some(dir) => {
            owned = Dictionaries::load_dir(std::path::Path::new(dir))?;
            &owned
        }
        None => Dictionaries::builtin()?,
    };
    let mut pred: HashMap<String, Vec<Triple>> = HashMap::new();
    let mut lines = String::new();
    let mut bad = 0usize;
    for rec in &gold {
        let raw = &rec.raw;
        let sentences = match (args.parse, raw.get("parse_conllu").and_then(Value::as_str)) {
            (ParseSource::Shipped, Some(c)) if !c.trim().is_empty() => match ParsedSentence::from_conllu(c) {
                Ok(s) => vec![s],
                Err(e) => {
                    eprintln!("dossier: {}: record {}: bad parse_conllu ({e}); skipped", args.gold, rec.id);
                    bad += 1;
                    Vec::new()
                }
            },
            _ => parse_text(raw.get("text").and_then(Value::as_str).unwrap_or(""))?,
        };
        let require_dyad = !args.plover
            && raw.get("config").and_then(|c| c.get("require_dyad")).and_then(Value::as_str) != Some("false");
        let conformance = match args.conformance {
            Toggle::Auto => args.dictionaries.is_some(),
            Toggle::On => true,
            Toggle::Off => false,
        };
        let coder = Coder::new(
            dict,
            CoderOptions {
                require_dyad: require_dyad && !args.untargeted,
                lexicon: false,
                nested: !conformance,
                reverse_pairs: conformance,
            },
        );
        // PLOVER GSR dates are all the placeholder 2000-01-01: code as of no particular date.
        let date = if args.plover {
            None
        } else {
            raw.get("date").and_then(Value::as_str).and_then(dossier::events::date_key)
        };
        let mut events = Vec::new();
        for s in &sentences {
            for e in coder.code(s, date, &[]) {
                let mut target = e.target.as_ref().map(|t| t.code.clone()).unwrap_or_default();
                if e.source.code.is_empty() || (e.target.is_some() && target.is_empty()) {
                    continue;
                }
                if target.is_empty() && !args.plover {
                    // PETRARCH writes `---` for a missing target.
                    target = "---".into();
                }
                let mut source = e.source.code.clone();
                let code = if args.plover {
                    // PLOVER actors are a group and a sector: a sector alone names no actor
                    // (no event without a source, no recipient without a group).
                    let Some(s) = dossier::events::codes::plover_actor(&source) else { continue };
                    source = s;
                    target = dossier::events::codes::plover_actor(&target).unwrap_or_default();
                    match dossier::events::codes::plover_type(&e.code) {
                        Some(p) => p.to_string(),
                        None => continue,
                    }
                } else {
                    e.code.clone()
                };
                let t = Triple { source, target, code };
                // PLOVER records an event once, from its actor to its recipient.
                if args.plover
                    && events.iter().any(|x: &Triple| {
                        x.code == t.code
                            && ((x.source == t.source && x.target == t.target)
                                || (x.source == t.target && x.target == t.source))
                    })
                {
                    continue;
                }
                events.push(t);
            }
        }
        let js: Vec<Value> =
            events.iter().map(|t| json!({"source": t.source, "target": t.target, "code": t.code})).collect();
        lines.push_str(&json!({"id": rec.id, "events": js}).to_string());
        lines.push('\n');
        pred.insert(rec.id.clone(), events);
    }
    if let Some(path) = &args.save {
        std::fs::write(path, &lines).with_context(|| format!("writing {path}"))?;
    }
    let scores = ev::score(&gold, &pred, args.include_inactive, args.actor_prefix);
    if args.json {
        say!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        say!("{}", ev::render(&scores).trim_end());
    }
    if bad > 0 {
        eprintln!("dossier: {bad} record(s) with unreadable parses skipped");
    }
    if gold.is_empty() {
        bail!("{}: no records", args.gold);
    }
    Ok(ExitCode::SUCCESS)
}

/// The `--format table` timeline: events in date order (undated ones after, in text order):
/// date, type, who -> whom, trigger and flags, sentence.
pub fn timeline(doc: &dossier::Doc) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if doc.events.is_empty() {
        return s;
    }
    let _ = writeln!(s, "-- events (timeline) --");
    let date_of = |e: &dossier::text::EventAnnot| {
        e.when.and_then(|t| doc.timexes.get(t)).map(|t| match &t.resolved {
            Some(dossier::text::Resolution::Instant { value, .. }) => value.get(..10).unwrap_or(value).to_string(),
            Some(dossier::text::Resolution::Interval { from: Some(f), .. }) => f.get(..10).unwrap_or(f).to_string(),
            _ => t.value.clone(),
        })
    };
    let mut rows: Vec<(Option<String>, usize)> = doc.events.iter().enumerate().map(|(i, e)| (date_of(e), i)).collect();
    rows.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y).then(a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    let names = |ids: &[usize], codes: &[String]| -> String {
        let mut v: Vec<String> = ids.iter().filter_map(|&i| doc.entities.get(i)).map(|e| e.name.clone()).collect();
        if v.is_empty() {
            v = codes.to_vec();
        }
        if v.is_empty() { "?".into() } else { v.join(", ") }
    };
    for (date, i) in rows {
        let e = &doc.events[i];
        let mut flags = String::new();
        if e.negated {
            flags.push_str(" [negated]");
        }
        if e.hypothetical {
            flags.push_str(" [hypothetical]");
        }
        let sentence = doc
            .sentences
            .get(e.sentence as usize)
            .map(|r| doc.slice(r.range).split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {:<10}  {:<10} {} -> {}  \"{}\"{}  | {}",
            date.as_deref().unwrap_or("-"),
            e.kind,
            names(&e.source, &e.source_codes),
            names(&e.target, &e.target_codes),
            doc.slice(e.trigger),
            flags,
            sentence
        );
    }
    s
}
