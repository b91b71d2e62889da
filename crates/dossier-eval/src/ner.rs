//! Named-entity span scoring in JSON Lines form, as `shared/tools/eval_ner.py --format jsonl`:
//! a span is `(doc_id, start, end, label)` in code points; exact match of boundaries and label;
//! micro-averaged, with unlabelled, per-label and macro figures.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::EvalError;

/// A gold or predicted document: id, text, entity spans.
#[derive(Debug, Clone)]
pub struct NerDoc {
    pub id: String,
    pub text: String,
    /// `(start, end, label)`, code points.
    pub spans: Vec<(usize, usize, String)>,
}

/// Reads `{"doc_id", "text", "entities": [{"start","end","label"}]}` lines.
pub fn read_jsonl(path: &str, input: &str) -> Result<Vec<NerDoc>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| EvalError::Format { path: path.to_string(), line: n + 1, message };
        let v: Value = serde_json::from_str(line).map_err(|e| err(format!("malformed JSON: {e}")))?;
        let id = match v.get("doc_id") {
            Some(Value::String(s)) => s.clone(),
            Some(other) if !other.is_null() => other.to_string(),
            _ => (n + 1).to_string(),
        };
        let text = v.get("text").and_then(Value::as_str).unwrap_or("").to_string();
        let mut spans = Vec::new();
        for e in v.get("entities").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
            let num = |k: &str| e.get(k).and_then(Value::as_u64).map(|x| x as usize);
            let (Some(start), Some(end), Some(label)) =
                (num("start"), num("end"), e.get("label").and_then(Value::as_str))
            else {
                return Err(err("entity without integer start/end and string label".into()));
            };
            spans.push((start, end, label.to_string()));
        }
        out.push(NerDoc { id, text, spans });
    }
    Ok(out)
}

/// Precision, recall, F1 with counts, in `eval_ner.py --json` layout.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Counts {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

fn counts(tp: usize, pred: usize, gold: usize) -> Counts {
    let p = crate::Prf::new(tp, pred, gold);
    Counts { precision: p.precision, recall: p.recall, f1: p.f1, tp, pred, gold }
}

#[derive(Debug, Clone, Serialize)]
pub struct NerScores {
    pub micro: Counts,
    pub unlabelled: Counts,
    pub per_label: BTreeMap<String, Counts>,
    pub macro_f1: f64,
}

type Span = (String, usize, usize, String);

/// Label renaming (`PERSON=PER`; mapping to nothing drops the span) and filtering.
fn apply(docs: &[NerDoc], map: &BTreeMap<String, String>, labels: &[String]) -> BTreeSet<Span> {
    let mut out = BTreeSet::new();
    for d in docs {
        for (s, e, l) in &d.spans {
            let lab = map.get(l).cloned().unwrap_or_else(|| l.clone());
            if lab.is_empty() || (!labels.is_empty() && !labels.contains(&lab)) {
                continue;
            }
            out.insert((d.id.clone(), *s, *e, lab));
        }
    }
    out
}

/// Parses `A=B,C=D`.
pub fn parse_map(s: &str) -> BTreeMap<String, String> {
    s.split(',')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Scores predictions against gold. Predicted documents absent from gold are ignored.
pub fn score(
    gold: &[NerDoc],
    pred: &[NerDoc],
    map_gold: &BTreeMap<String, String>,
    map_pred: &BTreeMap<String, String>,
    labels: &[String],
) -> NerScores {
    let g = apply(gold, map_gold, labels);
    let gold_ids: BTreeSet<&str> = gold.iter().map(|d| d.id.as_str()).collect();
    let known: Vec<NerDoc> = pred.iter().filter(|d| gold_ids.contains(d.id.as_str())).cloned().collect();
    let p = apply(&known, map_pred, labels);
    let micro = counts(g.intersection(&p).count(), p.len(), g.len());
    let strip = |s: &BTreeSet<Span>| -> BTreeSet<(String, usize, usize)> {
        s.iter().map(|(d, a, b, _)| (d.clone(), *a, *b)).collect()
    };
    let (ug, up) = (strip(&g), strip(&p));
    let unlabelled = counts(ug.intersection(&up).count(), up.len(), ug.len());
    let all_labels: BTreeSet<&String> = g.iter().chain(p.iter()).map(|s| &s.3).collect();
    let mut per_label = BTreeMap::new();
    for lab in all_labels {
        let gl: BTreeSet<&Span> = g.iter().filter(|s| &s.3 == lab).collect();
        let pl: BTreeSet<&Span> = p.iter().filter(|s| &s.3 == lab).collect();
        per_label.insert(lab.clone(), counts(gl.intersection(&pl).count(), pl.len(), gl.len()));
    }
    let with_gold: Vec<f64> = per_label.values().filter(|c| c.gold > 0).map(|c| c.f1).collect();
    let macro_f1 = if with_gold.is_empty() { 0.0 } else { with_gold.iter().sum::<f64>() / with_gold.len() as f64 };
    NerScores { micro, unlabelled, per_label, macro_f1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_scoring_with_maps() {
        let gold = read_jsonl(
            "g",
            r#"{"doc_id":"a","text":"Ann met Bob in Rome","entities":[{"start":0,"end":3,"label":"PER"},{"start":8,"end":11,"label":"PER"},{"start":15,"end":19,"label":"LOC"}]}"#,
        )
        .unwrap();
        let pred = read_jsonl(
            "p",
            r#"{"doc_id":"a","entities":[{"start":0,"end":3,"label":"PERSON"},{"start":8,"end":10,"label":"PERSON"},{"start":15,"end":19,"label":"ORG"}]}
{"doc_id":"zzz","entities":[{"start":0,"end":1,"label":"PERSON"}]}"#,
        )
        .unwrap();
        let s = score(&gold, &pred, &BTreeMap::new(), &parse_map("PERSON=PER,PLACE=LOC"), &[]);
        assert_eq!((s.micro.tp, s.micro.pred, s.micro.gold), (1, 3, 3));
        assert_eq!(s.unlabelled.tp, 2);
        assert_eq!(s.per_label["PER"].tp, 1);
        assert!(read_jsonl("bad", "{").is_err());
    }
}
