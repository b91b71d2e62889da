//! Scorers that reproduce `shared/tools/eval_temporal.py` and
//! `shared/tools/eval_duckling.py`, and runners that tag a gold file and write
//! the PRED JSON Lines those scorers read.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::{PhraseOptions, Reference, Resolved, TimeTagger, resolve_phrase_with};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{what} line {line}: {msg}")]
    Line { what: &'static str, line: usize, msg: String },
    #[error("{what}: duplicate doc_id {id}")]
    Duplicate { what: &'static str, id: String },
}

fn line_err(what: &'static str, line: usize, msg: impl Into<String>) -> EvalError {
    EvalError::Line { what, line, msg: msg.into() }
}

// ---------------------------------------------------------------- temporal

#[derive(Clone, Debug)]
struct Tx {
    start: i64,
    end: i64,
    typ: String,
    value: String,
}

struct Doc {
    timexes: Vec<Tx>,
}

fn py_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
        Some(other) => other.to_string(),
    }
}

fn as_int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn load_docs(src: &str, what: &'static str) -> Result<BTreeMap<String, Doc>, EvalError> {
    let mut docs = BTreeMap::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let d: Value = serde_json::from_str(line).map_err(|e| line_err(what, n + 1, e.to_string()))?;
        let id = match d.get("doc_id") {
            Some(Value::String(s)) => s.clone(),
            Some(v) if !v.is_null() => v.to_string(),
            _ => return Err(line_err(what, n + 1, "no doc_id")),
        };
        let mut tx = Vec::new();
        if let Some(Value::Array(arr)) = d.get("timexes") {
            for t in arr {
                let s = as_int(t.get("start")).ok_or_else(|| line_err(what, n + 1, "bad start"))?;
                let e = as_int(t.get("end")).ok_or_else(|| line_err(what, n + 1, "bad end"))?;
                if e <= s {
                    continue;
                }
                let typ = match t.get("type") {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(x)) if x.is_empty() => String::new(),
                    v => py_str(v),
                };
                tx.push(Tx {
                    start: s,
                    end: e,
                    typ: typ.trim().to_uppercase(),
                    value: py_str(t.get("value")).trim().to_string(),
                });
            }
        }
        tx.sort_by_key(|t| (t.start, t.end));
        if docs.contains_key(&id) {
            return Err(EvalError::Duplicate { what, id });
        }
        docs.insert(id, Doc { timexes: tx });
    }
    Ok(docs)
}

fn match_pairs(gold: &[Tx], pred: &[Tx]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut used_g = HashSet::new();
    let mut used_p = HashSet::new();
    let mut by_span: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (pi, p) in pred.iter().enumerate() {
        by_span.entry((p.start, p.end)).or_default().push(pi);
    }
    for (gi, g) in gold.iter().enumerate() {
        if let Some(c) = by_span.get(&(g.start, g.end)).and_then(|v| v.iter().find(|pi| !used_p.contains(*pi))) {
            pairs.push((gi, *c));
            used_g.insert(gi);
            used_p.insert(*c);
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if used_g.contains(&gi) {
            continue;
        }
        let best = pred
            .iter()
            .enumerate()
            .find(|(pi, p)| !used_p.contains(pi) && p.start < g.end && g.start < p.end)
            .map(|(pi, _)| pi);
        if let Some(pi) = best {
            pairs.push((gi, pi));
            used_g.insert(gi);
            used_p.insert(pi);
        }
    }
    pairs
}

fn prf(m: usize, n_pred: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred > 0 { m as f64 / n_pred as f64 } else { 0.0 };
    let r = if n_gold > 0 { m as f64 / n_gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PerType {
    pub gold: usize,
    pub found_recall: f64,
    pub value_correct_recall: f64,
}

/// The figures of `eval_temporal.py --json` (same keys).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TemporalScores {
    pub documents: usize,
    pub gold_timexes: usize,
    pub pred_timexes: usize,
    pub strict_matches: usize,
    pub relaxed_matches: usize,
    #[serde(rename = "strict_P")]
    pub strict_p: f64,
    #[serde(rename = "strict_R")]
    pub strict_r: f64,
    #[serde(rename = "strict_F1")]
    pub strict_f1: f64,
    #[serde(rename = "relaxed_P")]
    pub relaxed_p: f64,
    #[serde(rename = "relaxed_R")]
    pub relaxed_r: f64,
    #[serde(rename = "relaxed_F1")]
    pub relaxed_f1: f64,
    pub type_accuracy: f64,
    pub value_accuracy: f64,
    #[serde(rename = "type_F1")]
    pub type_f1: f64,
    #[serde(rename = "value_P")]
    pub value_p: f64,
    #[serde(rename = "value_R")]
    pub value_r: f64,
    #[serde(rename = "value_F1")]
    pub value_f1: f64,
    pub per_gold_type: BTreeMap<String, PerType>,
}

/// Score PRED against GOLD (JSON Lines contents) exactly as eval_temporal.py.
pub fn score_temporal(gold_jsonl: &str, pred_jsonl: &str) -> Result<TemporalScores, EvalError> {
    let gold = load_docs(gold_jsonl, "gold")?;
    let pred = load_docs(pred_jsonl, "pred")?;
    let empty = Doc { timexes: Vec::new() };
    let (mut n_gold, mut n_pred, mut strict, mut relaxed, mut type_ok, mut value_ok) = (0, 0, 0, 0, 0, 0);
    let mut per_gold: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_found: HashMap<String, usize> = HashMap::new();
    let mut per_value: HashMap<String, usize> = HashMap::new();
    for (id, gd) in &gold {
        let g = &gd.timexes;
        let p = &pred.get(id).unwrap_or(&empty).timexes;
        n_gold += g.len();
        n_pred += p.len();
        for (gi, pi) in match_pairs(g, p) {
            let (gt, pt) = (&g[gi], &p[pi]);
            relaxed += 1;
            if gt.start == pt.start && gt.end == pt.end {
                strict += 1;
            }
            if gt.typ == pt.typ {
                type_ok += 1;
            }
            if gt.value == pt.value {
                value_ok += 1;
                *per_value.entry(gt.typ.clone()).or_default() += 1;
            }
            *per_found.entry(gt.typ.clone()).or_default() += 1;
        }
        for gt in g {
            *per_gold.entry(gt.typ.clone()).or_default() += 1;
        }
    }
    let (sp, sr, sf, rp, rr, rf, ta, va);
    if n_gold == 0 && n_pred == 0 {
        (sp, sr, sf, rp, rr, rf, ta, va) = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    } else {
        (sp, sr, sf) = prf(strict, n_pred, n_gold);
        (rp, rr, rf) = prf(relaxed, n_pred, n_gold);
        ta = if relaxed > 0 { type_ok as f64 / relaxed as f64 } else { 0.0 };
        va = if relaxed > 0 { value_ok as f64 / relaxed as f64 } else { 0.0 };
    }
    let per_gold_type = per_gold
        .iter()
        .map(|(t, &n)| {
            let f = per_found.get(t).copied().unwrap_or(0);
            let v = per_value.get(t).copied().unwrap_or(0);
            (
                t.clone(),
                PerType { gold: n, found_recall: f as f64 / n as f64, value_correct_recall: v as f64 / n as f64 },
            )
        })
        .collect();
    Ok(TemporalScores {
        documents: gold.len(),
        gold_timexes: n_gold,
        pred_timexes: n_pred,
        strict_matches: strict,
        relaxed_matches: relaxed,
        strict_p: sp,
        strict_r: sr,
        strict_f1: sf,
        relaxed_p: rp,
        relaxed_r: rr,
        relaxed_f1: rf,
        type_accuracy: ta,
        value_accuracy: va,
        type_f1: ta * rf,
        value_p: va * rp,
        value_r: va * rr,
        value_f1: va * rf,
        per_gold_type,
    })
}

/// Byte offset -> code-point offset table for `text`.
/// Code-point offsets of the given byte offsets, in one pass over the text.
fn byte_to_char(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut it = text.char_indices().peekable();
    for i in order {
        let target = offsets[i];
        while byte < target {
            match it.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    chars += 1;
                }
                None => break,
            }
        }
        out[i] = chars;
    }
    out
}

/// Tag every document of a gold file (TempEval JSONL: `doc_id`, `text`, `dct`)
/// and return the PRED JSON Lines eval_temporal.py reads.
pub fn run_temporal(tagger: &TimeTagger, gold_jsonl: &str) -> Result<String, EvalError> {
    let mut out = String::new();
    for (n, line) in gold_jsonl.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let d: Value = serde_json::from_str(line).map_err(|e| line_err("gold", n + 1, e.to_string()))?;
        let id = d.get("doc_id").cloned().ok_or_else(|| line_err("gold", n + 1, "no doc_id"))?;
        let text = d.get("text").and_then(Value::as_str).unwrap_or("");
        let dct = d.get("dct").or_else(|| d.get("published")).and_then(Value::as_str);
        let reference = match dct {
            Some(s) => Some(Reference::parse(s).map_err(|e| line_err("gold", n + 1, e.to_string()))?),
            None => None,
        };
        let tx = tagger.tag(text, reference.as_ref());
        // code-point offsets, computed incrementally
        let offsets: Vec<usize> = tx.iter().flat_map(|t| [t.start, t.end]).collect();
        let cp = byte_to_char(text, &offsets);
        let arr: Vec<Value> = tx
            .iter()
            .enumerate()
            .map(|(k, t)| json!({"start": cp[2 * k], "end": cp[2 * k + 1], "type": t.kind.as_str(), "value": t.value}))
            .collect();
        let rec = json!({"doc_id": id, "timexes": arr});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    Ok(out)
}

/// Run the tagger over a TempEval gold file and score it.
pub fn eval_temporal(tagger: &TimeTagger, gold_jsonl: &str) -> Result<TemporalScores, EvalError> {
    let pred = run_temporal(tagger, gold_jsonl)?;
    score_temporal(gold_jsonl, &pred)
}

// ---------------------------------------------------------------- duckling

/// Milliseconds since the epoch for a Duckling-style timestamp, as the python
/// scorer's `instant()` (None when it does not parse).
fn instant(ts: &str, default_offset: i64) -> Option<i64> {
    let s = ts.trim();
    let b = s.as_bytes();
    let mut i = 0;
    let neg = b.first() == Some(&b'-');
    if neg {
        i += 1;
    }
    let ys = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let ylen = i - ys;
    if !(1..=6).contains(&ylen) {
        return None;
    }
    let mut y: i64 = s.get(ys..i)?.parse().ok()?;
    if neg {
        y = -y;
    }
    let two = |i: usize| -> Option<i64> {
        let x = s.get(i..i + 2)?;
        if x.bytes().all(|c| c.is_ascii_digit()) { x.parse().ok() } else { None }
    };
    if b.get(i) != Some(&b'-') {
        return None;
    }
    let mo = two(i + 1)?;
    if b.get(i + 3) != Some(&b'-') {
        return None;
    }
    let d = two(i + 4)?;
    i += 6;
    let (mut h, mut mi, mut sec, mut ms) = (0i64, 0i64, 0i64, 0i64);
    if matches!(b.get(i), Some(b'T' | b' ')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        h = two(i + 1)?;
        if b.get(i + 3) != Some(&b':') {
            return None;
        }
        mi = two(i + 4)?;
        i += 6;
        if b.get(i) == Some(&b':') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            sec = two(i + 1)?;
            i += 3;
            if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                let fs = i + 1;
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let frac = s.get(fs..i)?;
                let f3: String = frac.chars().take(3).collect();
                ms = format!("{f3:0<3}").parse().ok()?;
            }
        }
    }
    let rest = s.get(i..)?.trim_start();
    let off = if rest.is_empty() { None } else { Some(parse_offset(rest)?) };
    let off = off.unwrap_or(default_offset);
    let days = days_from_civil(y, mo, d);
    Some((((days * 24 + h) * 60 + mi - off) * 60000) + sec * 1000 + ms)
}

fn parse_offset(s: &str) -> Option<i64> {
    let s = s.trim_end();
    if s == "Z" {
        return Some(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) || s[1..].matches(':').count() > 1 {
        return None;
    }
    let h: i64 = digits[..2].parse().ok()?;
    let m: i64 = digits[2..].parse().ok()?;
    Some(sign * (h * 60 + m))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn present(o: &Map<String, Value>, k: &str) -> bool {
    match o.get(k) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn kind(obj: Option<&Map<String, Value>>) -> &'static str {
    let Some(o) = obj else { return "none" };
    if o.is_empty() {
        return "none";
    }
    let (v, f, t) = (present(o, "value"), present(o, "from"), present(o, "to"));
    if v && !(f || t) {
        "value"
    } else if f && t {
        "interval"
    } else if f {
        "open_from"
    } else if t {
        "open_to"
    } else {
        "none"
    }
}

fn val_str(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::Null) => "None".to_string(),
        Some(x) => py_str(Some(x)),
    }
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Bucket {
    pub correct: usize,
    pub total: usize,
    pub accuracy: f64,
}

/// The figures of `eval_duckling.py --json`: one bucket per key
/// ("positive", "negative", "all", "kind=...", "grain=...", "latent=...", "locale=...").
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DucklingScores {
    pub positive: Bucket,
    pub negative: Bucket,
    pub all: Bucket,
    pub buckets: BTreeMap<String, Bucket>,
}

fn py_bool_str(v: Option<&Value>) -> &'static str {
    match v {
        None | Some(Value::Null) => "False",
        Some(Value::Bool(b)) => {
            if *b {
                "True"
            } else {
                "False"
            }
        }
        Some(Value::String(s)) => {
            if s.is_empty() {
                "False"
            } else {
                "True"
            }
        }
        Some(Value::Number(n)) => {
            if n.as_f64() == Some(0.0) {
                "False"
            } else {
                "True"
            }
        }
        Some(Value::Array(a)) => {
            if a.is_empty() {
                "False"
            } else {
                "True"
            }
        }
        Some(Value::Object(o)) => {
            if o.is_empty() {
                "False"
            } else {
                "True"
            }
        }
    }
}

fn load_values(src: &str, what: &'static str) -> Result<Vec<Value>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| line_err(what, n + 1, e.to_string()))?);
    }
    Ok(out)
}

/// Score PRED against GOLD (JSON Lines contents) exactly as eval_duckling.py.
pub fn score_duckling(gold_jsonl: &str, pred_jsonl: &str) -> Result<DucklingScores, EvalError> {
    let gold = load_values(gold_jsonl, "gold")?;
    let preds = load_values(pred_jsonl, "pred")?;
    let mut by_id: HashMap<String, &Value> = HashMap::new();
    let mut by_phrase: HashMap<String, Vec<&Value>> = HashMap::new();
    for p in &preds {
        match p.get("id") {
            Some(v) if !v.is_null() => {
                by_id.insert(v.to_string(), p);
            }
            _ => by_phrase.entry(p.get("phrase").map(|v| v.to_string()).unwrap_or_default()).or_default().push(p),
        }
    }
    let mut tot: BTreeMap<String, usize> = BTreeMap::new();
    let mut ok: BTreeMap<String, usize> = BTreeMap::new();
    let empty = Map::new();
    for (n, g) in gold.iter().enumerate() {
        let pred = g.get("id").and_then(|id| by_id.get(&id.to_string()).copied()).or_else(|| {
            let key = g.get("phrase").map(|v| v.to_string()).unwrap_or_default();
            by_phrase.get(&key).and_then(|c| {
                c.iter()
                    .find(|p| {
                        let rt = p.get("reference_time").filter(|v| !v.is_null());
                        let lo = p.get("locale").filter(|v| !v.is_null());
                        rt.is_none_or(|v| Some(v) == g.get("reference_time"))
                            && lo.is_none_or(|v| Some(v) == g.get("locale"))
                    })
                    .copied()
            })
        });
        let p = pred.and_then(Value::as_object).unwrap_or(&empty);
        let ref_off = match g.get("reference_time").and_then(Value::as_str) {
            Some(rt) if !rt.is_empty() => {
                // offset group of the python TS regex
                ref_offset(rt).ok_or_else(|| line_err("gold", n + 1, "unparseable reference_time"))?
            }
            _ => 0,
        };
        let exp = g.get("expected").and_then(Value::as_object);
        let good;
        let mut keys: Vec<String>;
        match exp {
            None => {
                good = kind(Some(p)) == "none";
                keys = vec!["negative".into()];
            }
            Some(e) => {
                let gk = kind(Some(e));
                let pk = kind(Some(p));
                let pg = match p.get("grain") {
                    None => String::new(),
                    v => val_str(v),
                };
                let eg = match e.get("grain") {
                    None => String::new(),
                    v => val_str(v),
                };
                let mut gd = gk == pk && pg.to_lowercase() == eg.to_lowercase();
                if gd {
                    for f in ["value", "from", "to"] {
                        if present(e, f) {
                            let a = instant(&val_str(e.get(f)), ref_off);
                            let b = match p.get(f) {
                                None | Some(Value::Null) => None,
                                v => instant(&val_str(v), ref_off),
                            };
                            if a.is_none() || b.is_none() || a != b {
                                gd = false;
                            }
                        }
                    }
                }
                good = gd;
                let grain = match e.get("grain") {
                    None | Some(Value::Null) => "None".to_string(),
                    v => val_str(v),
                };
                let locale = match g.get("locale") {
                    None | Some(Value::Null) => "None".to_string(),
                    v => val_str(v),
                };
                keys = vec![
                    "positive".into(),
                    format!("kind={gk}"),
                    format!("grain={grain}"),
                    format!("latent={}", py_bool_str(g.get("latent"))),
                    format!("locale={locale}"),
                ];
            }
        }
        keys.push("all".into());
        for k in keys {
            *tot.entry(k.clone()).or_default() += 1;
            *ok.entry(k).or_default() += usize::from(good);
        }
    }
    let bucket = |k: &str| -> Bucket {
        let t = tot.get(k).copied().unwrap_or(0);
        let c = ok.get(k).copied().unwrap_or(0);
        Bucket { correct: c, total: t, accuracy: if t > 0 { c as f64 / t as f64 } else { 0.0 } }
    };
    let buckets = tot.keys().map(|k| (k.clone(), bucket(k))).collect();
    Ok(DucklingScores { positive: bucket("positive"), negative: bucket("negative"), all: bucket("all"), buckets })
}

fn ref_offset(rt: &str) -> Option<i64> {
    // reuse the timestamp parser: find the offset part after the time
    let s = rt.trim();
    instant(s, 0)?;
    let tail_start = s.rfind(['+', 'Z']).or_else(|| {
        let p = s.rfind('-')?;
        // a '-' after the time part (position > 10) is an offset
        if p > 10 { Some(p) } else { None }
    });
    match tail_start {
        Some(p) if p > 10 => parse_offset(&s[p..]),
        _ => Some(0),
    }
}

/// Whether the timex covers the phrase apart from filler words.
fn covers_phrase(phrase: &str, start: usize, end: usize) -> bool {
    const FILLER: &[&str] = &[
        "at",
        "on",
        "in",
        "for",
        "the",
        "of",
        "around",
        "about",
        "by",
        "from",
        "since",
        "after",
        "until",
        "till",
        "before",
        "this",
        "during",
        "approximately",
        "within",
        "through",
        "anytime",
        "between",
        "and",
        "to",
    ];
    let outside = format!("{} {}", phrase.get(..start).unwrap_or(""), phrase.get(end..).unwrap_or(""));
    outside
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| FILLER.contains(&w.to_ascii_lowercase().as_str()))
}

/// Resolve every phrase of a Duckling gold file and return the PRED JSON Lines
/// eval_duckling.py reads.  A phrase gets a prediction only when its first
/// timex covers the whole phrase (apart from prepositions).
pub fn run_duckling(tagger: &TimeTagger, gold_jsonl: &str) -> Result<String, EvalError> {
    let mut out = String::new();
    for (n, line) in gold_jsonl.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let g: Value = serde_json::from_str(line).map_err(|e| line_err("gold", n + 1, e.to_string()))?;
        let phrase = g.get("phrase").and_then(Value::as_str).unwrap_or("");
        let rt = g.get("reference_time").and_then(Value::as_str).unwrap_or("2013-02-12T04:30:00.000-02:00");
        let reference = Reference::parse(rt).map_err(|e| line_err("gold", n + 1, e.to_string()))?;
        let mut rec = Map::new();
        if let Some(id) = g.get("id") {
            rec.insert("id".into(), id.clone());
        }
        rec.insert("phrase".into(), Value::String(phrase.to_string()));
        // "EN" and "EN_default" are the default reading
        let locale = g.get("locale").and_then(Value::as_str).filter(|l| l.len() == 5 && l.starts_with("EN_"));
        // the item's `latent` flag is Duckling's latent option
        let latent = g.get("latent").and_then(Value::as_bool).unwrap_or(false);
        let tx = resolve_phrase_with(tagger, phrase, &reference, PhraseOptions { locale, latent });
        if let Some(t) = tx.first().filter(|t| covers_phrase(phrase, t.start, t.end)) {
            match &t.resolved {
                Some(Resolved::Instant { value, grain }) => {
                    rec.insert("value".into(), Value::String(value.clone()));
                    rec.insert("grain".into(), Value::String(grain.as_str().into()));
                }
                Some(Resolved::Interval { from, to, grain }) => {
                    if let Some(f) = from {
                        rec.insert("from".into(), Value::String(f.clone()));
                    }
                    if let Some(t) = to {
                        rec.insert("to".into(), Value::String(t.clone()));
                    }
                    rec.insert("grain".into(), Value::String(grain.as_str().into()));
                }
                None => {}
            }
        }
        out.push_str(&Value::Object(rec).to_string());
        out.push('\n');
    }
    Ok(out)
}

/// Run the phrase resolver over a Duckling gold file and score it.
pub fn eval_duckling(tagger: &TimeTagger, gold_jsonl: &str) -> Result<DucklingScores, EvalError> {
    let pred = run_duckling(tagger, gold_jsonl)?;
    score_duckling(gold_jsonl, &pred)
}
