//! CoNLL-U reading and the CoNLL 2018-style scorer of `shared/tools/eval_conllu.py`.
//!
//! Alignment works on character offsets into the whitespace-free text: tokens and sentences
//! match when their spans are equal; words of a multiword token get sub-spans when their forms
//! concatenate to the surface form; otherwise they share the token's span and pair in order.

use std::collections::HashMap;

use crate::{EvalError, Prf};

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone)]
pub struct Word {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// `None` when the column is not a number (`_`).
    pub head: Option<usize>,
    pub deprel: String,
    pub misc: String,
}

/// A surface token: a plain word or a multiword-token range with its words.
#[derive(Debug, Clone)]
pub struct SurfaceToken {
    pub form: String,
    pub misc: String,
    /// Indices into [`Sentence::words`].
    pub words: std::ops::Range<usize>,
}

/// A sentence with its comments (`# text`, `# newpar`, ...).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub tokens: Vec<SurfaceToken>,
    pub words: Vec<Word>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    /// Whether a comment line starts with `# key` (`# newpar`, `# newpar id = ...`).
    pub fn has_comment(&self, key: &str) -> bool {
        self.comments.iter().any(|c| {
            c.strip_prefix('#')
                .map(str::trim_start)
                .and_then(|r| r.strip_prefix(key))
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '=', '\t']))
        })
    }

    /// The sentence's raw text: `# text` if present, else rebuilt from forms and `SpaceAfter=No`.
    pub fn text(&self) -> String {
        if let Some(t) = self.comment("text") {
            return t.to_string();
        }
        let mut s = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            s.push_str(&t.form);
            if i + 1 < self.tokens.len() && !t.misc.split('|').any(|m| m == "SpaceAfter=No") {
                s.push(' ');
            }
        }
        s
    }
}

/// Parses CoNLL-U text. `path` is only used in error messages.
pub fn parse(path: &str, input: &str) -> Result<Vec<Sentence>, EvalError> {
    let mut sents = Vec::new();
    let mut cur = Sentence::default();
    // The multiword token currently open: (index into tokens, last word id it covers).
    let mut open: Option<(usize, usize)> = None;
    for (lineno, raw) in input.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let err = |message: String| EvalError::Format { path: path.to_string(), line: lineno + 1, message };
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                sents.push(std::mem::take(&mut cur));
            } else {
                cur.comments.clear();
            }
            open = None;
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 10 {
            return Err(err(format!("expected 10 tab-separated columns, found {}", c.len())));
        }
        let id = c[0];
        if id.contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                return Err(err(format!("bad multiword token range {id:?}")));
            };
            if a > b {
                return Err(err(format!("bad multiword token range {id:?}")));
            }
            let n = cur.words.len();
            cur.tokens.push(SurfaceToken { form: c[1].to_string(), misc: c[9].to_string(), words: n..n });
            open = Some((cur.tokens.len() - 1, b));
            continue;
        }
        let Ok(wid) = id.parse::<usize>() else {
            return Err(err(format!("bad word id {id:?}")));
        };
        let word = Word {
            id: wid,
            form: c[1].to_string(),
            lemma: c[2].to_string(),
            upos: c[3].to_string(),
            xpos: c[4].to_string(),
            feats: c[5].to_string(),
            head: c[6].parse().ok(),
            deprel: c[7].to_string(),
            misc: c[9].to_string(),
        };
        let idx = cur.words.len();
        cur.words.push(word);
        match open {
            Some((t, last)) if wid <= last => {
                cur.tokens[t].words.end = idx + 1;
                if wid == last {
                    open = None;
                }
            }
            _ => {
                open = None;
                cur.tokens.push(SurfaceToken { form: c[1].to_string(), misc: c[9].to_string(), words: idx..idx + 1 });
            }
        }
    }
    if !cur.tokens.is_empty() {
        sents.push(cur);
    }
    Ok(sents)
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

type Span = (usize, usize);

struct Indexed {
    text: Vec<char>,
    tokens: Vec<Span>,
    /// (sentence index, word index in sentence, span)
    words: Vec<(usize, usize, Span)>,
    sentences: Vec<Span>,
}

fn index(sents: &[Sentence]) -> Indexed {
    let mut pos = 0;
    let mut text = Vec::new();
    let (mut tokens, mut words, mut sentences) = (Vec::new(), Vec::new(), Vec::new());
    for (si, s) in sents.iter().enumerate() {
        let s_start = pos;
        for t in &s.tokens {
            let form: Vec<char> = strip_ws(&t.form).chars().collect();
            let (st, en) = (pos, pos + form.len());
            text.extend_from_slice(&form);
            pos = en;
            tokens.push((st, en));
            let ws = &s.words[t.words.clone()];
            let forms: Vec<String> = ws.iter().map(|w| strip_ws(&w.form)).collect();
            let joined: String = forms.concat();
            if ws.len() > 1 && joined.chars().eq(form.iter().copied()) {
                let mut c = st;
                for (k, f) in forms.iter().enumerate() {
                    let l = f.chars().count();
                    words.push((si, t.words.start + k, (c, c + l)));
                    c += l;
                }
            } else {
                for k in t.words.clone() {
                    words.push((si, k, (st, en)));
                }
            }
        }
        sentences.push((s_start, pos));
    }
    Indexed { text, tokens, words, sentences }
}

/// All figures of `eval_conllu.py`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConlluScores {
    #[serde(rename = "Tokens")]
    pub tokens: Prf,
    #[serde(rename = "Sentences")]
    pub sentences: Prf,
    #[serde(rename = "Words")]
    pub words: Prf,
    #[serde(rename = "UPOS")]
    pub upos: Prf,
    #[serde(rename = "XPOS")]
    pub xpos: Prf,
    #[serde(rename = "UFeats")]
    pub ufeats: Prf,
    #[serde(rename = "Lemmas")]
    pub lemmas: Prf,
    #[serde(rename = "UAS")]
    pub uas: Prf,
    #[serde(rename = "LAS")]
    pub las: Prf,
    #[serde(rename = "LAS-full")]
    pub las_full: Prf,
}

fn count_common(a: &[Span], b: &[Span]) -> usize {
    let set: std::collections::HashSet<&Span> = a.iter().collect();
    let other: std::collections::HashSet<&Span> = b.iter().collect();
    set.intersection(&other).count()
}

/// Scores a system analysis against gold, as `eval_conllu.py GOLD SYSTEM` does.
pub fn score(gold: &[Sentence], system: &[Sentence], no_punct: bool) -> Result<ConlluScores, EvalError> {
    let g = index(gold);
    let s = index(system);
    if g.text != s.text {
        let n = g.text.len().min(s.text.len());
        let at = (0..n).find(|&k| g.text[k] != s.text[k]).unwrap_or(n);
        let window = |t: &[char]| -> String { t[at.saturating_sub(20)..(at + 20).min(t.len())].iter().collect() };
        return Err(EvalError::TextMismatch { at, gold: window(&g.text), system: window(&s.text) });
    }
    let tokens = Prf::new(count_common(&g.tokens, &s.tokens), s.tokens.len(), g.tokens.len());
    let sentences = Prf::new(count_common(&g.sentences, &s.sentences), s.sentences.len(), g.sentences.len());

    let mut by_span: HashMap<Span, Vec<(usize, usize)>> = HashMap::new();
    for &(si, wi, span) in &s.words {
        by_span.entry(span).or_default().push((si, wi));
    }
    let mut used: HashMap<Span, usize> = HashMap::new();
    // gold (sentence, word) -> system (sentence, word)
    let mut align: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for &(si, wi, span) in &g.words {
        if let Some(list) = by_span.get(&span) {
            let k = used.entry(span).or_insert(0);
            if *k < list.len() {
                align.insert((si, wi), list[*k]);
                *k += 1;
            }
        }
    }
    let words = Prf::new(align.len(), s.words.len(), g.words.len());

    // Word ids → index within a sentence, for head lookups.
    let id_maps = |sents: &[Sentence]| -> Vec<HashMap<usize, usize>> {
        sents.iter().map(|s| s.words.iter().enumerate().map(|(i, w)| (w.id, i)).collect()).collect()
    };
    let (g_ids, s_ids) = (id_maps(gold), id_maps(system));
    let head_of = |sents: &[Sentence], ids: &[HashMap<usize, usize>], si: usize, wi: usize| -> Option<(usize, usize)> {
        let h = sents[si].words[wi].head?;
        if h == 0 {
            return None;
        }
        ids[si].get(&h).map(|&i| (si, i))
    };
    let (mut upos, mut xpos, mut feats, mut lemmas, mut uas, mut las, mut las_full) = (0, 0, 0, 0, 0, 0, 0);
    let (mut n_sys_dep, mut n_gold_dep) = (s.words.len(), g.words.len());
    if no_punct {
        n_gold_dep = g.words.iter().filter(|&&(si, wi, _)| gold[si].words[wi].upos != "PUNCT").count();
        let punct_aligned = g
            .words
            .iter()
            .filter(|&&(si, wi, _)| gold[si].words[wi].upos == "PUNCT" && align.contains_key(&(si, wi)))
            .count();
        n_sys_dep = s.words.len() - punct_aligned;
    }
    for &(si, wi, _) in &g.words {
        let Some(&(ssi, swi)) = align.get(&(si, wi)) else { continue };
        let (gw, sw) = (&gold[si].words[wi], &system[ssi].words[swi]);
        upos += usize::from(gw.upos == sw.upos);
        xpos += usize::from(gw.xpos == sw.xpos);
        feats += usize::from(gw.feats == sw.feats);
        lemmas += usize::from(gw.lemma == sw.lemma);
        if no_punct && gw.upos == "PUNCT" {
            continue;
        }
        // Python's `int(c[6]) if c[6].isdigit() else -1`: a non-numeric head counts as "no head"
        // only when it is <= 0, so `_` behaves as the root.
        let gh = head_of(gold, &g_ids, si, wi);
        let sh = head_of(system, &s_ids, ssi, swi);
        let head_ok = match gh {
            None => sh.is_none(),
            Some(gh) => sh.is_some() && align.get(&gh) == sh.as_ref(),
        };
        if head_ok {
            uas += 1;
            let base = |d: &str| d.split(':').next().unwrap_or("").to_string();
            if base(&gw.deprel) == base(&sw.deprel) {
                las += 1;
            }
            if gw.deprel == sw.deprel {
                las_full += 1;
            }
        }
    }
    let (ns, ng) = (s.words.len(), g.words.len());
    Ok(ConlluScores {
        tokens,
        sentences,
        words,
        upos: Prf::new(upos, ns, ng),
        xpos: Prf::new(xpos, ns, ng),
        ufeats: Prf::new(feats, ns, ng),
        lemmas: Prf::new(lemmas, ns, ng),
        uas: Prf::new(uas, n_sys_dep, n_gold_dep),
        las: Prf::new(las, n_sys_dep, n_gold_dep),
        las_full: Prf::new(las_full, n_sys_dep, n_gold_dep),
    })
}

/// Renders scores in the layout of `eval_conllu.py`.
pub fn render_table(s: &ConlluScores) -> String {
    let rows = [
        ("Tokens", s.tokens),
        ("Sentences", s.sentences),
        ("Words", s.words),
        ("UPOS", s.upos),
        ("XPOS", s.xpos),
        ("UFeats", s.ufeats),
        ("Lemmas", s.lemmas),
        ("UAS", s.uas),
        ("LAS", s.las),
        ("LAS-full", s.las_full),
    ];
    let mut out = format!(
        "{:<10} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}\n",
        "Metric", "Precision", "Recall", "F1", "correct", "system", "gold"
    );
    for (name, r) in rows {
        out.push_str(&format!(
            "{:<10} {:>9.2} {:>9.2} {:>9.2} {:>8} {:>8} {:>8}\n",
            name,
            100.0 * r.precision,
            100.0 * r.recall,
            100.0 * r.f1,
            r.correct,
            r.system,
            r.gold
        ));
    }
    out
}

/// Raw text rebuilt from gold sentences, as a system would receive it: sentences joined by a
/// space inside a paragraph and by a blank line at `# newpar` / `# newdoc` (the layout of the
/// UD `.txt` files used by the CoNLL 2018 shared task).
#[derive(Debug, Clone)]
pub struct RawText {
    pub text: String,
    /// Byte offset where each gold sentence's last character ends.
    pub sentence_ends: Vec<u32>,
}

pub fn raw_text(sents: &[Sentence]) -> RawText {
    let mut text = String::new();
    let mut ends = Vec::with_capacity(sents.len());
    for (i, s) in sents.iter().enumerate() {
        if i > 0 {
            if s.has_comment("newpar") || s.has_comment("newdoc") {
                text.push_str("\n\n");
            } else {
                text.push(' ');
            }
        }
        let t = s.text();
        text.push_str(t.trim());
        ends.push(text.len() as u32);
    }
    text.push('\n');
    RawText { text, sentence_ends: ends }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(lines: &[&str]) -> String {
        let mut s = String::new();
        for l in lines {
            s.push_str(&l.replace(' ', "\t"));
            s.push('\n');
        }
        s.push('\n');
        s
    }

    #[test]
    fn parses_multiword_tokens() {
        let text = sent(&[
            "1 I I PRON PRP _ 3 nsubj _ _",
            "2-3 don't _ _ _ _ _ _ _ _",
            "2 do do AUX VBP _ 4 aux _ _",
            "3 n't not PART RB _ 4 advmod _ _",
            "4 know know VERB VB _ 0 root _ SpaceAfter=No",
            "5 . . PUNCT . _ 4 punct _ _",
        ]);
        let s = parse("t", &text).unwrap();
        assert_eq!(s[0].tokens.len(), 4);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].tokens[1].words, 1..3);
        assert_eq!(s[0].text(), "I don't know.");
    }

    #[test]
    fn perfect_and_imperfect_scores() {
        let gold = format!(
            "{}{}",
            sent(&["1 Hi hi INTJ UH _ 0 root _ SpaceAfter=No", "2 . . PUNCT . _ 1 punct _ _"]),
            sent(&["1 Bye bye INTJ UH _ 0 root _ _"])
        );
        let g = parse("g", &gold).unwrap();
        let perfect = score(&g, &g, false).unwrap();
        assert_eq!(perfect.words.f1, 1.0);
        assert_eq!(perfect.sentences.f1, 1.0);
        // One system sentence covering both gold sentences, "Hi." as one token.
        let sys = sent(&["1 Hi. _ _ _ _ 0 _ _ _", "2 Bye _ _ _ _ 1 _ _ _"]);
        let s = parse("s", &sys).unwrap();
        let r = score(&g, &s, false).unwrap();
        assert_eq!((r.sentences.correct, r.sentences.system, r.sentences.gold), (0, 1, 2));
        assert_eq!((r.words.correct, r.words.system, r.words.gold), (1, 2, 3));
    }

    #[test]
    fn rejects_different_text_and_bad_lines() {
        let g = parse("g", &sent(&["1 a _ _ _ _ 0 _ _ _"])).unwrap();
        let s = parse("s", &sent(&["1 b _ _ _ _ 0 _ _ _"])).unwrap();
        assert!(matches!(score(&g, &s, false), Err(EvalError::TextMismatch { .. })));
        let e = parse("bad.conllu", "1\tonly\n").unwrap_err();
        assert_eq!(e.to_string(), "bad.conllu:1: expected 10 tab-separated columns, found 2");
    }

    #[test]
    fn raw_text_joins_paragraphs() {
        let text = format!(
            "# newpar\n# text = One.\n{}# text = Two.\n{}# newpar\n# text = Three\n{}",
            sent(&["1 One. _ _ _ _ 0 _ _ _"]).trim_start(),
            sent(&["1 Two. _ _ _ _ 0 _ _ _"]),
            sent(&["1 Three _ _ _ _ 0 _ _ _"])
        );
        let s = parse("g", &text).unwrap();
        let raw = raw_text(&s);
        assert_eq!(raw.text, "One. Two.\n\nThree\n");
        assert_eq!(raw.sentence_ends, [4, 9, 16]);
    }
}
