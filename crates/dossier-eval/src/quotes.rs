//! Attribution scoring as `shared/tools/eval_quotes.py`: content spans matched one-to-one
//! (exact characters, exact word tokens, or word-token overlap), then source and cue
//! agreement on the overlap matches, end-to-end attribution F1 and figures per quote type.
//! (The script's token-role and component-span tables are not reproduced.)

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::EvalError;

const DQUOTES: &[char] =
    &['"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}', '\u{2033}', '\u{ff02}'];

type Spans = Vec<(usize, usize)>;

/// One attribution: spans (code points) of its three roles.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub source: Spans,
    pub cue: Spans,
    pub content: Spans,
}

/// Word and punctuation tokens of a text, as the script's `\w+|[^\w\s]`.
struct Toks {
    starts: Vec<usize>,
    ends: Vec<usize>,
    is_word: Vec<bool>,
}

fn is_w(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Toks {
    fn new(chars: &[char]) -> Self {
        let (mut starts, mut ends, mut is_word) = (Vec::new(), Vec::new(), Vec::new());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if is_w(c) {
                let s = i;
                while i < chars.len() && is_w(chars[i]) {
                    i += 1;
                }
                starts.push(s);
                ends.push(i);
                is_word.push(true);
            } else if !c.is_whitespace() {
                starts.push(i);
                ends.push(i + 1);
                is_word.push(false);
                i += 1;
            } else {
                i += 1;
            }
        }
        Self { starts, ends, is_word }
    }

    fn tokens(&self, spans: &Spans) -> BTreeSet<usize> {
        let (mut words, mut punct) = (BTreeSet::new(), BTreeSet::new());
        for &(s, e) in spans {
            let mut i = self.ends.partition_point(|&end| end <= s);
            while i < self.starts.len() && self.starts[i] < e {
                if self.is_word[i] {
                    words.insert(i)
                } else {
                    punct.insert(i)
                };
                i += 1;
            }
        }
        if words.is_empty() { punct } else { words }
    }
}

fn norm_chars(chars: &[char], spans: &Spans) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for &(mut s, mut e) in spans {
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        out.extend(s..e);
    }
    out
}

fn quote_type(chars: &[char], spans: &Spans) -> &'static str {
    let joined: String =
        spans.iter().map(|&(s, e)| chars[s..e].iter().collect::<String>()).collect::<Vec<_>>().join(" ");
    let t = joined.trim();
    let t2 = t.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\u{2014}', '-']).trim_end();
    if t.is_empty() {
        return "indirect";
    }
    if t.starts_with(DQUOTES) && t2.ends_with(DQUOTES) {
        "direct"
    } else if t.contains(DQUOTES) {
        "mixed"
    } else {
        "indirect"
    }
}

fn clean(spans: &Spans, n: usize) -> Spans {
    let set: BTreeSet<(usize, usize)> = spans.iter().map(|&(s, e)| (s, e.min(n))).filter(|&(s, e)| e > s).collect();
    set.into_iter().collect()
}

fn read_spans(v: Option<&Value>) -> Spans {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|sp| Some((sp.get(0)?.as_i64()?.max(0) as usize, sp.get(1)?.as_i64()?.max(0) as usize)))
                .collect()
        })
        .unwrap_or_default()
}

/// One gold or predicted document.
#[derive(Debug, Clone, Default)]
pub struct QuoteDoc {
    pub id: String,
    /// The text (gold files carry it; predictions need not).
    pub text: Option<String>,
    pub attributions: Vec<Attribution>,
}

/// Reads GOLD or PRED lines: `{"doc_id", "text"?, "attributions": [{"source","cue","content"}]}`.
pub fn read_jsonl(path: &str, input: &str) -> Result<Vec<QuoteDoc>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_string(),
            line: n + 1,
            message: format!("malformed JSON: {e}"),
        })?;
        let id = match v.get("doc_id") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let text = v.get("text").and_then(Value::as_str).map(str::to_string);
        let atts = v
            .get("attributions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| Attribution {
                        source: read_spans(x.get("source")),
                        cue: read_spans(x.get("cue")),
                        content: read_spans(x.get("content")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(QuoteDoc { id, text, attributions: atts });
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

fn prf(tp: usize, npred: usize, ngold: usize) -> Prf {
    let p = if npred > 0 { tp as f64 / npred as f64 } else { 0.0 };
    let r = if ngold > 0 { tp as f64 / ngold as f64 } else { 0.0 };
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { p, r, f1 }
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeFigures {
    pub gold: usize,
    pub pred: usize,
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
}

/// The figures of `eval_quotes.py --json` (same keys) except token roles and component spans.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteScores {
    pub counts: BTreeMap<String, usize>,
    pub content_exact_char: Prf,
    pub content_exact: Prf,
    pub content_overlap: Prf,
    pub source_acc_given_match: BTreeMap<String, f64>,
    pub cue_acc_given_match: BTreeMap<String, f64>,
    #[serde(rename = "attribution_content+source")]
    pub attribution_content_source: Prf,
    #[serde(rename = "attribution_content+source+cue")]
    pub attribution_content_source_cue: Prf,
    pub by_quote_type: BTreeMap<String, TypeFigures>,
}

struct Item {
    tok: [BTreeSet<usize>; 3],
    chars: BTreeSet<usize>,
    kind: &'static str,
    has_source: bool,
}

/// One-to-one greedy matching, best score first (ties by gold then prediction order).
fn greedy(golds: &[Item], preds: &[Item], ok: impl Fn(&Item, &Item) -> Option<f64>) -> HashMap<usize, usize> {
    let mut cands = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            if let Some(sc) = ok(g, p) {
                cands.push((-sc, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut ug, mut up, mut pairs) = (BTreeSet::new(), BTreeSet::new(), HashMap::new());
    for (_, gi, pi) in cands {
        if ug.contains(&gi) || up.contains(&pi) {
            continue;
        }
        ug.insert(gi);
        up.insert(pi);
        pairs.insert(gi, pi);
    }
    pairs
}

/// Scores predictions against gold with the script's default thresholds.
pub fn score(gold: &[QuoteDoc], pred: &[QuoteDoc]) -> QuoteScores {
    let (t_jac, t_cov, t_cov_pred) = (0.5, 0.8, 0.5);
    let mut by_doc: HashMap<&str, Vec<&Attribution>> = HashMap::new();
    for d in pred {
        by_doc.entry(d.id.as_str()).or_default().extend(d.attributions.iter());
    }
    let mut c: BTreeMap<&str, usize> = BTreeMap::new();
    let mut types: BTreeMap<&str, [usize; 4]> = BTreeMap::new(); // g, gm, p, pm
    for QuoteDoc { id, text, attributions: atts } in gold {
        let chars: Vec<char> = text.as_deref().unwrap_or("").chars().collect();
        let n = chars.len();
        let toks = Toks::new(&chars);
        let item = |a: &Attribution| -> Option<Item> {
            let content = clean(&a.content, n);
            if content.is_empty() {
                return None;
            }
            let source = clean(&a.source, n);
            let cue = clean(&a.cue, n);
            Some(Item {
                tok: [toks.tokens(&source), toks.tokens(&cue), toks.tokens(&content)],
                chars: norm_chars(&chars, &content),
                kind: quote_type(&chars, &content),
                has_source: !source.is_empty(),
            })
        };
        let g: Vec<Item> = atts.iter().filter_map(item).collect();
        let p: Vec<Item> =
            by_doc.get(id.as_str()).map(|v| v.iter().filter_map(|a| item(a)).collect()).unwrap_or_default();
        *c.entry("gold").or_default() += g.len();
        *c.entry("pred").or_default() += p.len();
        let m_char = greedy(&g, &p, |a, b| (a.chars == b.chars).then_some(1.0));
        let m_exact = greedy(&g, &p, |a, b| (!a.tok[2].is_empty() && a.tok[2] == b.tok[2]).then_some(1.0));
        let m_ov = greedy(&g, &p, |a, b| {
            let inter = a.tok[2].intersection(&b.tok[2]).count();
            if inter == 0 {
                return None;
            }
            let union = a.tok[2].union(&b.tok[2]).count();
            let j = inter as f64 / union as f64;
            let cov =
                inter as f64 / a.tok[2].len() as f64 >= t_cov && inter as f64 / b.tok[2].len() as f64 >= t_cov_pred;
            (j >= t_jac || cov).then_some(j)
        });
        *c.entry("m_char").or_default() += m_char.len();
        *c.entry("m_exact").or_default() += m_exact.len();
        *c.entry("m_overlap").or_default() += m_ov.len();
        for (&gi, &pi) in &m_ov {
            let (a, b) = (&g[gi], &p[pi]);
            let s_ok = if !a.tok[0].is_empty() {
                *c.entry("src_n").or_default() += 1;
                let ok = a.tok[0].intersection(&b.tok[0]).next().is_some();
                *c.entry("src_ok").or_default() += usize::from(ok);
                ok
            } else {
                *c.entry("nosrc_n").or_default() += 1;
                let ok = !b.has_source;
                *c.entry("nosrc_ok").or_default() += usize::from(ok);
                ok
            };
            let c_ok = if !a.tok[1].is_empty() {
                *c.entry("cue_n").or_default() += 1;
                let ok = a.tok[1].intersection(&b.tok[1]).next().is_some();
                *c.entry("cue_ok").or_default() += usize::from(ok);
                ok
            } else {
                true
            };
            *c.entry("e2e_src").or_default() += usize::from(s_ok);
            *c.entry("e2e_full").or_default() += usize::from(s_ok && c_ok);
        }
        let matched_p: BTreeSet<usize> = m_ov.values().copied().collect();
        for (gi, a) in g.iter().enumerate() {
            let t = types.entry(a.kind).or_default();
            t[0] += 1;
            t[1] += usize::from(m_ov.contains_key(&gi));
        }
        for (pi, b) in p.iter().enumerate() {
            let t = types.entry(b.kind).or_default();
            t[2] += 1;
            t[3] += usize::from(matched_p.contains(&pi));
        }
    }
    let get = |k: &str| c.get(k).copied().unwrap_or(0);
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let (ng, np) = (get("gold"), get("pred"));
    let mut by_quote_type = BTreeMap::new();
    for t in ["direct", "mixed", "indirect"] {
        let [g, gm, p, pm] = types.get(t).copied().unwrap_or_default();
        let (precision, recall) = (ratio(pm, p), ratio(gm, g));
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        by_quote_type.insert(t.to_string(), TypeFigures { gold: g, pred: p, recall, precision, f1 });
    }
    QuoteScores {
        counts: BTreeMap::from([
            ("gold_docs".to_string(), gold.len()),
            ("gold_attributions".to_string(), ng),
            ("pred_attributions".to_string(), np),
        ]),
        content_exact_char: prf(get("m_char"), np, ng),
        content_exact: prf(get("m_exact"), np, ng),
        content_overlap: prf(get("m_overlap"), np, ng),
        source_acc_given_match: BTreeMap::from([
            ("with_gold_source".to_string(), ratio(get("src_ok"), get("src_n"))),
            ("no_gold_source".to_string(), ratio(get("nosrc_ok"), get("nosrc_n"))),
            ("all".to_string(), ratio(get("src_ok") + get("nosrc_ok"), get("src_n") + get("nosrc_n"))),
        ]),
        cue_acc_given_match: BTreeMap::from([("acc".to_string(), ratio(get("cue_ok"), get("cue_n")))]),
        attribution_content_source: prf(get("e2e_src"), np, ng),
        attribution_content_source_cue: prf(get("e2e_full"), np, ng),
        by_quote_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_source_and_types() {
        let gold = read_jsonl(
            "g",
            r#"{"doc_id":"d","text":"Ann said the plan works well. \"No,\" Bob said.","attributions":[{"source":[[0,3]],"cue":[[4,8]],"content":[[9,28]]},{"source":[[36,39]],"cue":[[40,44]],"content":[[30,35]]}]}"#,
        )
        .unwrap();
        let pred = read_jsonl(
            "p",
            r#"{"doc_id":"d","attributions":[{"source":[[0,3]],"cue":[[4,8]],"content":[[13,28]]},{"source":[],"cue":[],"content":[[30,35]]}]}"#,
        )
        .unwrap();
        let s = score(&gold, &pred);
        assert_eq!(s.content_overlap.f1, 1.0);
        assert_eq!(s.attribution_content_source.f1, 0.5);
        assert_eq!(s.by_quote_type["direct"].gold, 1);
        assert_eq!(s.by_quote_type["indirect"].pred, 1);
    }
}
