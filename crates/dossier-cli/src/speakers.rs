//! `dossier eval speakers`: is each quote attributed to the right named actor?
//!
//! The gold file (`eval/quote-speakers/*.tsv`) lists quotes by document id and code-point
//! span with the speaker's name as the document gives it; the texts come from JSONL files
//! (`doc_id`/`id` + `text`) given with `--texts`, so no corpus text lives in the repository.
//! A quote counts as correct when the engine's quote overlapping the gold span most is
//! attributed to an actor whose name or one of whose name mentions contains the gold name's
//! last word (spelling alternatives separated by `|`).

use std::collections::{BTreeMap, HashMap};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use dossier::{Analyzer, Doc, DocMeta};

struct GoldQuote {
    doc: String,
    start: u32,
    end: u32,
    names: Vec<String>,
    line: usize,
}

fn read_gold(path: &str) -> Result<Vec<GoldQuote>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("doc_id\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [doc, start, end, names] = cols[..] else {
            bail!("{path}:{line_no}: expected 4 tab-separated columns (doc_id, start, end, speaker)");
        };
        let num = |s: &str| s.parse::<u32>().with_context(|| format!("{path}:{line_no}: {s:?} is not an offset"));
        let (start, end) = (num(start)?, num(end)?);
        if start >= end {
            bail!("{path}:{line_no}: empty span {start}..{end}");
        }
        let names = names.split('|').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect::<Vec<_>>();
        if names.is_empty() {
            bail!("{path}:{line_no}: no speaker name");
        }
        out.push(GoldQuote { doc: doc.to_string(), start, end, names, line: line_no });
    }
    Ok(out)
}

fn read_texts(paths: &[String], wanted: &HashMap<&str, ()>) -> Result<HashMap<String, String>> {
    let mut texts = HashMap::new();
    for path in paths {
        let content = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("{path}:{}: not a JSON object", i + 1))?;
            let id = v.get("doc_id").or_else(|| v.get("id")).and_then(|x| x.as_str()).unwrap_or_default();
            if wanted.contains_key(id)
                && let Some(t) = v.get("text").and_then(|x| x.as_str())
            {
                texts.insert(id.to_string(), t.to_string());
            }
        }
    }
    Ok(texts)
}

fn last_word(name: &str) -> String {
    name.split_whitespace().last().unwrap_or_default().to_lowercase()
}

/// Whether entity `e` of `doc` carries one of the gold names.
fn names_match(doc: &Doc, e: usize, names: &[String]) -> bool {
    let Some(ent) = doc.entities.get(e) else { return false };
    let mut words: Vec<String> = ent.name.split_whitespace().map(str::to_lowercase).collect();
    for m in ent.mentions.iter().filter(|m| m.kind == "name" || m.kind == "label") {
        words.extend(doc.slice(m.range).split_whitespace().map(str::to_lowercase));
    }
    names.iter().any(|n| words.contains(&last_word(n)))
}

struct Report {
    total: usize,
    correct: usize,
    accuracy: f64,
    /// Gold quotes the engine found no quote for.
    no_quote: usize,
    /// Quotes found but left without a speaker.
    no_speaker: usize,
    /// Quotes given to another actor.
    wrong_speaker: usize,
}

pub fn run(gold_path: &str, texts: &[String], json: bool) -> Result<ExitCode> {
    let gold = read_gold(gold_path)?;
    let wanted: HashMap<&str, ()> = gold.iter().map(|g| (g.doc.as_str(), ())).collect();
    let texts = read_texts(texts, &wanted)?;
    let analyzer = Analyzer::new()?;
    let mut by_doc: BTreeMap<&str, Vec<&GoldQuote>> = BTreeMap::new();
    for g in &gold {
        by_doc.entry(g.doc.as_str()).or_default().push(g);
    }
    let mut r = Report { total: gold.len(), correct: 0, accuracy: 0.0, no_quote: 0, no_speaker: 0, wrong_speaker: 0 };
    let mut errors = Vec::new();
    for (id, quotes) in by_doc {
        let Some(text) = texts.get(id) else {
            bail!("{gold_path}:{}: document {id} is in none of the --texts files", quotes[0].line);
        };
        let mut doc = Doc::new(DocMeta { id: id.to_string(), ..DocMeta::default() }, text.clone())?;
        analyzer.process(&mut doc)?;
        let o = doc.offsets();
        for g in quotes {
            let (a, b) = (o.byte_offset(g.start), o.byte_offset(g.end));
            let best = doc
                .quotes
                .iter()
                .filter(|q| q.kind != "turn")
                .map(|q| (q.range.end().min(b).saturating_sub(q.range.start().max(a)), q))
                .filter(|(overlap, _)| *overlap > 0)
                .max_by_key(|(overlap, q)| (*overlap, std::cmp::Reverse(q.range.start())));
            let verdict = match best {
                None => {
                    r.no_quote += 1;
                    "no quote"
                }
                Some((_, q)) => match q.speaker {
                    None => {
                        r.no_speaker += 1;
                        "no speaker"
                    }
                    Some(e) if names_match(&doc, e, &g.names) => {
                        r.correct += 1;
                        continue;
                    }
                    Some(_) => {
                        r.wrong_speaker += 1;
                        "wrong speaker"
                    }
                },
            };
            let got = best.and_then(|(_, q)| q.speaker).and_then(|e| doc.entities.get(e)).map(|e| e.name.as_str());
            errors.push(format!(
                "{gold_path}:{}: {id} {}..{}: {verdict} (gold {}, got {})",
                g.line,
                g.start,
                g.end,
                g.names.join("|"),
                got.unwrap_or("-")
            ));
        }
    }
    r.accuracy = if r.total == 0 { 0.0 } else { r.correct as f64 / r.total as f64 };
    if json {
        let v = serde_json::json!({
            "total": r.total, "correct": r.correct, "accuracy": r.accuracy, "no_quote": r.no_quote,
            "no_speaker": r.no_speaker, "wrong_speaker": r.wrong_speaker,
        });
        say!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        for e in &errors {
            say!("{e}");
        }
        say!(
            "speaker accuracy {:.2}% ({} of {}); no quote {}, no speaker {}, wrong speaker {}",
            100.0 * r.accuracy,
            r.correct,
            r.total,
            r.no_quote,
            r.no_speaker,
            r.wrong_speaker
        );
    }
    Ok(ExitCode::SUCCESS)
}
