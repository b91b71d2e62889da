//! Dyadic event scoring, as `shared/tools/eval_events.py`: exact (source, target, code),
//! root (source, target, code root) and actor-pair P/R/F1 over multisets per record,
//! micro-averaged; record exact-match rate; per-suite breakdown.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value, json};

use crate::EvalError;

/// One gold record, as read (the coder also needs `text`, `date`, `parse_conllu`, ...).
#[derive(Debug, Clone)]
pub struct GoldRecord {
    pub id: String,
    pub suite: Option<String>,
    pub active: Option<bool>,
    pub expected: Vec<Triple>,
    pub raw: Value,
}

/// One (source, target, code) event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triple {
    pub source: String,
    pub target: String,
    pub code: String,
}

fn actor_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => {
            let mut parts: Vec<String> = a.iter().map(|x| value_str(x).trim().to_uppercase()).collect();
            parts.sort();
            parts.join("+")
        }
        Some(other) => value_str(other),
    }
}

fn value_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

/// Reads the events of a gold `expected` list or a prediction `events` list.
pub fn triples(v: Option<&Value>) -> Vec<Triple> {
    let Some(Value::Array(items)) = v else { return Vec::new() };
    items
        .iter()
        .map(|e| Triple {
            source: actor_text(e.get("source")),
            target: actor_text(e.get("target")),
            code: e.get("code").map(value_str).unwrap_or_default(),
        })
        .collect()
}

/// Reads gold JSONL; a bad line is an error naming it; duplicate ids are an error.
pub fn read_gold(path: &str, text: &str) -> Result<Vec<GoldRecord>, EvalError> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_string(),
            line: n + 1,
            message: format!("bad JSON ({e})"),
        })?;
        let id = v.get("id").map(value_str).unwrap_or_else(|| "None".into());
        if !seen.insert(id.clone()) {
            return Err(EvalError::Format {
                path: path.to_string(),
                line: n + 1,
                message: format!("duplicate id {id:?}"),
            });
        }
        out.push(GoldRecord {
            id,
            suite: v.get("suite").and_then(Value::as_str).map(str::to_string),
            active: v.get("active").and_then(Value::as_bool),
            expected: triples(v.get("expected")),
            raw: v,
        });
    }
    Ok(out)
}

fn norm_actor(a: &str, prefix: usize) -> String {
    let a = a.trim().to_uppercase();
    if prefix > 0 { a.chars().take(prefix).collect() } else { a }
}

/// Root of an event code: first two characters of a numeric code, else the part before the
/// first `-`, `:` or `.`.
pub fn root_code(code: &str) -> String {
    let c = code.trim().to_uppercase();
    if c.starts_with(|ch: char| ch.is_ascii_digit()) {
        c.chars().take(2).collect()
    } else {
        c.split(['-', ':', '.']).next().unwrap_or("").to_string()
    }
}

type Bag = HashMap<(String, String, String), usize>;

fn bags(events: &[Triple], prefix: usize) -> [Bag; 3] {
    let mut out: [Bag; 3] = Default::default();
    for e in events {
        let s = norm_actor(&e.source, prefix);
        let t = norm_actor(&e.target, prefix);
        let c = e.code.trim().to_uppercase();
        *out[0].entry((s.clone(), t.clone(), c.clone())).or_default() += 1;
        *out[1].entry((s.clone(), t.clone(), root_code(&c))).or_default() += 1;
        *out[2].entry((s, t, String::new())).or_default() += 1;
    }
    out
}

fn overlap(a: &Bag, b: &Bag) -> usize {
    a.iter().map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0))).sum()
}

#[derive(Default, Clone)]
struct Tally {
    c: [[usize; 3]; 3],
    records: usize,
    records_ok: usize,
    empty: usize,
    empty_ok: usize,
}

impl Tally {
    fn add(&mut self, gold: &[Triple], pred: &[Triple], prefix: usize) {
        let g = bags(gold, prefix);
        let p = bags(pred, prefix);
        for lvl in 0..3 {
            self.c[lvl][0] += overlap(&g[lvl], &p[lvl]);
            self.c[lvl][1] += p[lvl].values().sum::<usize>();
            self.c[lvl][2] += g[lvl].values().sum::<usize>();
        }
        if g[0].values().sum::<usize>() == 0 {
            self.empty += 1;
            if p[0].values().sum::<usize>() == 0 {
                self.empty_ok += 1;
            }
            return;
        }
        self.records += 1;
        let g0: BTreeMap<_, _> = g[0].iter().filter(|(_, n)| **n > 0).collect();
        let p0: BTreeMap<_, _> = p[0].iter().filter(|(_, n)| **n > 0).collect();
        if g0 == p0 {
            self.records_ok += 1;
        }
    }

    fn result(&self) -> Value {
        let mut m = Map::new();
        for (lvl, name) in ["exact", "root", "actors"].iter().enumerate() {
            let [tp, n_pred, n_gold] = self.c[lvl];
            let p = if n_pred == 0 { if n_gold == 0 { 1.0 } else { 0.0 } } else { tp as f64 / n_pred as f64 };
            let r = if n_gold == 0 { 1.0 } else { tp as f64 / n_gold as f64 };
            let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
            m.insert(
                name.to_string(),
                json!({"tp": tp, "pred": n_pred, "gold": n_gold, "precision": p, "recall": r, "f1": f}),
            );
        }
        m.insert("records_with_events".into(), json!(self.records));
        let rate = if self.records > 0 { self.records_ok as f64 / self.records as f64 } else { 0.0 };
        m.insert("record_exact_match".into(), json!(rate));
        m.insert("records_without_events".into(), json!(self.empty));
        let e = if self.empty > 0 { self.empty_ok as f64 / self.empty as f64 } else { 0.0 };
        m.insert("empty_correct".into(), json!(e));
        Value::Object(m)
    }
}

/// Scores predictions (record id to events) against gold, in the layout of
/// `eval_events.py --json`.
pub fn score(gold: &[GoldRecord], pred: &HashMap<String, Vec<Triple>>, include_inactive: bool, prefix: usize) -> Value {
    let mut overall = Tally::default();
    let mut per_suite: Vec<(String, Tally)> = Vec::new();
    let mut skipped = 0;
    let mut missing = 0;
    let empty = Vec::new();
    for rec in gold {
        if rec.active == Some(false) && !include_inactive {
            skipped += 1;
            continue;
        }
        let pe = match pred.get(&rec.id) {
            Some(p) => p,
            None => {
                missing += 1;
                &empty
            }
        };
        overall.add(&rec.expected, pe, prefix);
        if let Some(s) = &rec.suite {
            match per_suite.iter_mut().find(|(k, _)| k == s) {
                Some((_, t)) => t.add(&rec.expected, pe, prefix),
                None => {
                    let mut t = Tally::default();
                    t.add(&rec.expected, pe, prefix);
                    per_suite.push((s.clone(), t));
                }
            }
        }
    }
    let ids: std::collections::HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let extra = pred.keys().filter(|k| !ids.contains(k.as_str())).count();
    let mut out = Map::new();
    out.insert("overall".into(), overall.result());
    if per_suite.len() > 1 {
        let mut ps = Map::new();
        for (k, t) in &per_suite {
            ps.insert(k.clone(), t.result());
        }
        out.insert("per_suite".into(), Value::Object(ps));
    }
    out.insert("skipped_inactive".into(), json!(skipped));
    out.insert("gold_ids_without_prediction".into(), json!(missing));
    out.insert("pred_ids_not_in_gold".into(), json!(extra));
    Value::Object(out)
}

/// The text report of `eval_events.py` (without `--json`).
pub fn render(v: &Value) -> String {
    let mut s = String::new();
    let show =
        |s: &mut String, name: &str, r: &Value| {
            let f = |k: &str| r[k].as_f64().unwrap_or(0.0);
            s.push_str(&format!(
            "== {name}: {} records with gold events, record exact-match {:.4}; {} no-event records, left empty {:.4}\n",
            r["records_with_events"], f("record_exact_match"), r["records_without_events"], f("empty_correct")
        ));
            s.push_str(&format!(
                "  {:<7} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9}\n",
                "level", "gold", "pred", "tp", "precision", "recall", "f1"
            ));
            for lvl in ["exact", "root", "actors"] {
                let x = &r[lvl];
                s.push_str(&format!(
                    "  {:<7} {:>6} {:>6} {:>6} {:>9.4} {:>9.4} {:>9.4}\n",
                    lvl,
                    x["gold"].as_u64().unwrap_or(0),
                    x["pred"].as_u64().unwrap_or(0),
                    x["tp"].as_u64().unwrap_or(0),
                    x["precision"].as_f64().unwrap_or(0.0),
                    x["recall"].as_f64().unwrap_or(0.0),
                    x["f1"].as_f64().unwrap_or(0.0)
                ));
            }
        };
    show(&mut s, "overall", &v["overall"]);
    if let Some(ps) = v.get("per_suite").and_then(Value::as_object) {
        for (k, r) in ps {
            show(&mut s, &format!("suite {k}"), r);
        }
    }
    s.push_str(&format!(
        "skipped inactive gold records: {}; gold ids without a PRED line: {}; PRED ids not in gold: {}\n",
        v["skipped_inactive"], v["gold_ids_without_prediction"], v["pred_ids_not_in_gold"]
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_and_roots() {
        let gold = read_gold(
            "g",
            "{\"id\":\"a\",\"suite\":\"s1\",\"expected\":[{\"source\":\"USAGOV\",\"target\":\"RUS\",\"code\":\"0231\"}]}\n{\"id\":\"b\",\"suite\":\"s2\",\"expected\":[]}\n",
        )
        .unwrap();
        let mut pred = HashMap::new();
        pred.insert(
            "a".to_string(),
            vec![
                Triple { source: "usagov".into(), target: "RUS".into(), code: "023".into() },
                Triple { source: "USAGOV".into(), target: "RUS".into(), code: "023".into() },
            ],
        );
        let v = score(&gold, &pred, false, 0);
        assert_eq!(v["overall"]["exact"]["tp"], 0);
        assert_eq!(v["overall"]["root"]["tp"], 1);
        assert_eq!(v["overall"]["root"]["pred"], 2);
        assert_eq!(v["overall"]["empty_correct"], 1.0);
        assert_eq!(v["gold_ids_without_prediction"], 1);
        assert_eq!(root_code("CONSULT-visit"), "CONSULT");
        let v3 = score(&gold, &pred, false, 3);
        assert_eq!(v3["overall"]["actors"]["tp"], 1);
    }
}
