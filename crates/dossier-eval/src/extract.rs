//! Article-body and publication-date scoring, as `eval_extract.py`.
//!
//! Body: token 4-gram shingle multisets per document (tokens = maximal runs of word
//! characters), TP/FP/FN normalised per document, precision and recall averaged over
//! documents, F1 of the two means. Date: the first ten characters of an ISO date compared
//! with the gold day; accuracy over all gold-dated documents, htmldate-style precision and
//! recall. Segments (with/without snippets) and title/author exact match as in the script.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

/// One system prediction.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    pub body: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
}

/// Python's `\w` (`str.isalnum()` or `_`): letters (L*) and numbers (N*). Combining marks
/// that Unicode counts as alphabetic (Arabic harakat, Indic vowel signs) are not word
/// characters for Python, so `char::is_alphanumeric` would not agree.
static WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    regex::Regex::new(r"[\p{L}\p{N}_]+").expect("static pattern")
});

/// Tokens as `re.findall(r"\w+", text)`.
pub fn tokenize(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut m = HashMap::new();
    if tokens.is_empty() {
        return m;
    }
    if tokens.len() < 4 {
        m.insert(tokens.to_vec(), 1);
        return m;
    }
    for w in tokens.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Normalised (TP, FP, FN) of one document.
pub fn doc_counts(gold: &str, pred: &str) -> (f64, f64, f64) {
    let g = shingles(&tokenize(gold));
    let p = shingles(&tokenize(pred));
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        tp += pc.min(gc);
        fp += pc.saturating_sub(gc);
    }
    let gtotal: usize = g.values().sum();
    let fn_ = gtotal - tp;
    let s = (tp + fp + fn_) as f64;
    if s > 0.0 { (tp as f64 / s, fp as f64 / s, fn_ as f64 / s) } else { (0.0, 0.0, 0.0) }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 }
}

fn norm_text(s: &str) -> String {
    // NFKC is approximated by the identity: gold and predictions here are already composed.
    s.to_lowercase().replace('ß', "ss").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_day(v: &str) -> Option<&str> {
    let t = v.trim_start();
    let b = t.as_bytes();
    let ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    ok.then(|| &t[..10])
}

fn gold_str<'a>(g: &'a Value, key: &str) -> Option<&'a str> {
    g.get(key).and_then(Value::as_str)
}

fn ws_norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores predictions against gold `{id: {...}}`; the JSON has the shape of the reference
/// scorer's `--json` output (without bootstrap deviations).
pub fn score(gold: &Map<String, Value>, pred: &HashMap<String, Prediction>) -> Value {
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    let matched = pred.keys().filter(|k| gold.contains_key(*k)).count();
    let unknown = pred.keys().filter(|k| !gold.contains_key(*k)).count();
    let mut result = Map::new();
    result.insert("gold_docs".into(), json!(ids.len()));
    result.insert("pred_docs_matched".into(), json!(matched));
    result.insert("pred_docs_unknown".into(), json!(unknown));
    let empty = Prediction::default();
    let get = |id: &str| pred.get(id).unwrap_or(&empty);

    let body_ids: Vec<&&String> = ids.iter().filter(|i| gold[i.as_str()].get("articleBody").is_some()).collect();
    if !body_ids.is_empty() {
        let (mut precs, mut recs, mut accs, mut strict) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut missing, mut empties) = (0, 0);
        for id in &body_ids {
            if !pred.contains_key(id.as_str()) {
                missing += 1;
            }
            let g = gold_str(&gold[id.as_str()], "articleBody").unwrap_or("");
            let p = get(id).body.as_deref().unwrap_or("");
            let pt = tokenize(p);
            if pt.is_empty() {
                empties += 1;
            }
            let (tp, fp, fn_) = doc_counts(g, p);
            if tp + fp > 0.0 {
                precs.push(tp / (tp + fp));
            }
            if tp + fn_ > 0.0 {
                recs.push(tp / (tp + fn_));
            }
            accs.push(if tokenize(g) == pt { 1.0 } else { 0.0 });
            strict.push(if tp > 0.0 { 2.0 * tp / (2.0 * tp + fp + fn_) } else { 0.0 });
        }
        let (p, r) = (mean(&precs), mean(&recs));
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        result.insert(
            "body".into(),
            json!({"docs": body_ids.len(), "missing_predictions": missing, "empty_predictions": empties,
                   "precision": p, "recall": r, "f1": f, "accuracy": mean(&accs), "mean_doc_f1_strict": mean(&strict)}),
        );
    }

    let seg_ids: Vec<&&String> = ids
        .iter()
        .filter(|i| {
            let g = &gold[i.as_str()];
            ["with", "without"].iter().any(|k| g.get(*k).and_then(Value::as_array).is_some_and(|a| !a.is_empty()))
        })
        .collect();
    if !seg_ids.is_empty() {
        let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
        for id in &seg_ids {
            let text = ws_norm(get(id).body.as_deref().unwrap_or(""));
            let g = &gold[id.as_str()];
            let list = |k: &str| -> Vec<String> {
                g.get(k)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(ws_norm).collect())
                    .unwrap_or_default()
            };
            let (w, wo) = (list("with"), list("without"));
            let dtp = w.iter().filter(|x| !x.is_empty() && text.contains(x.as_str())).count();
            let dfp = wo.iter().filter(|x| !x.is_empty() && text.contains(x.as_str())).count();
            tp += dtp;
            fn_ += w.len() - dtp;
            fp += dfp;
            tn += wo.len() - dfp;
        }
        let all = tp + fp + fn_ + tn;
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        result.insert(
            "segments".into(),
            json!({"docs": seg_ids.len(), "tp": tp, "fp": fp, "fn": fn_, "tn": tn,
                   "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn_), "accuracy": ratio(tp + tn, all),
                   "f1": if tp > 0 { 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64 } else { 0.0 }}),
        );
    }

    let date_ids: Vec<&&String> =
        ids.iter().filter(|i| gold_str(&gold[i.as_str()], "datePublished").is_some_and(|s| !s.is_empty())).collect();
    if !date_ids.is_empty() {
        let (mut correct, mut wrong, mut missing) = (0usize, 0usize, 0usize);
        for id in &date_ids {
            let g = gold_str(&gold[id.as_str()], "datePublished").and_then(norm_day);
            let raw = get(id).date.as_deref().unwrap_or("");
            if raw.trim().is_empty() {
                missing += 1;
            } else if norm_day(raw) == g {
                correct += 1;
            } else {
                wrong += 1;
            }
        }
        let n = date_ids.len() as f64;
        let c = correct as f64;
        let prec = if correct + wrong > 0 { c / (correct + wrong) as f64 } else { 0.0 };
        let rec = if correct + missing > 0 { c / (correct + missing) as f64 } else { 0.0 };
        let fs = if correct > 0 { 2.0 * c / (2 * correct + wrong + missing) as f64 } else { 0.0 };
        result.insert(
            "date".into(),
            json!({"docs": date_ids.len(), "correct": correct, "wrong": wrong, "missing": missing,
                   "accuracy": c / n, "precision": prec, "recall": rec, "f": fs}),
        );
    }

    for key in ["title", "author"] {
        let kids: Vec<&&String> = ids
            .iter()
            .filter(|i| gold[i.as_str()].get(key).is_some_and(|v| !v.is_null() && v.as_str() != Some("")))
            .collect();
        if kids.is_empty() {
            continue;
        }
        let (mut ok, mut answered) = (0usize, 0usize);
        for id in &kids {
            let gv = match &gold[id.as_str()][key] {
                Value::String(s) => s.clone(),
                Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            let p = get(id);
            let pv = if key == "title" { p.title.as_deref() } else { p.author.as_deref() }.unwrap_or("");
            if !pv.trim().is_empty() {
                answered += 1;
            }
            if norm_text(&gv) == norm_text(pv) {
                ok += 1;
            }
        }
        result.insert(
            key.into(),
            json!({"docs": kids.len(), "answered": answered, "accuracy": ok as f64 / kids.len() as f64}),
        );
    }
    Value::Object(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_counts() {
        assert_eq!(tokenize("It's a co-op, 2019!"), vec!["It", "s", "a", "co", "op", "2019"]);
        // Arabic harakat split words, as in Python.
        assert_eq!(tokenize("كَتَب"), vec!["ك", "ت", "ب"]);
        let (tp, fp, fn_) = doc_counts("a b c d e", "a b c d");
        // gold shingles {abcd, bcde}, pred {abcd}: tp 1, fn 1.
        assert!((tp - 0.5).abs() < 1e-12 && fp == 0.0 && (fn_ - 0.5).abs() < 1e-12);
        let (tp, _, _) = doc_counts("short text", "short text");
        assert_eq!(tp, 1.0);
    }

    #[test]
    fn date_and_body_figures() {
        let gold: Map<String, Value> = serde_json::from_str(
            r#"{"a": {"articleBody": "one two three four five", "datePublished": "2020-01-02"},
                "b": {"articleBody": "six seven eight nine", "datePublished": "2020-03-04"},
                "c": {"datePublished": "2021-01-01"}}"#,
        )
        .unwrap();
        let mut pred = HashMap::new();
        pred.insert(
            "a".to_string(),
            Prediction {
                body: Some("one two three four five".into()),
                date: Some("2020-01-02T10:00".into()),
                ..Default::default()
            },
        );
        pred.insert("b".to_string(), Prediction { body: None, date: Some("2020-03-05".into()), ..Default::default() });
        let r = score(&gold, &pred);
        assert_eq!(r["body"]["precision"], 1.0);
        assert_eq!(r["body"]["recall"], 0.5);
        assert_eq!(r["date"]["correct"], 1);
        assert_eq!(r["date"]["wrong"], 1);
        assert_eq!(r["date"]["missing"], 1);
        assert_eq!(r["date"]["precision"], 0.5);
    }
}
