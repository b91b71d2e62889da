//! Sentence segmentation: a trained boundary classifier over tokenizer output.
//!
//! After every token that could end a sentence (a *candidate*: terminal punctuation, a closing
//! quote or bracket, an abbreviation, or a token followed by a capitalised word, digit or
//! symbol) an averaged perceptron over hashed lexical features decides whether a sentence
//! ends there. Blank lines always end a sentence; a single line break does too unless the
//! document is hard-wrapped prose or the next line continues in lower case.
//!
//! The model is trained on UD English EWT (`dossier train segment`) and embedded in the
//! binary; see `models/README.md` for provenance and licence.

use std::sync::OnceLock;

use crate::doc::{Gap, Sentence, Token, TokenKind};
use crate::learn::{AveragedWeights, ModelError, SEED, hash_bytes, mix, read_sparse, write_sparse};
use crate::range::TextRange;

/// Number of hash buckets (a power of two).
const BITS: u32 = 18;
const MASK: u64 = (1 << BITS) - 1;
const MAGIC: &[u8; 8] = b"DSSEG01\n";

static BUILTIN: OnceLock<Result<Segmenter, ModelError>> = OnceLock::new();
const BUILTIN_MODEL: &[u8] = include_bytes!("../models/segment.bin");

/// Splits a tokenized text into sentences.
#[derive(Clone)]
pub struct Segmenter {
    weights: Vec<f32>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let nonzero = self.weights.iter().filter(|w| **w != 0.0).count();
        write!(f, "Segmenter {{ features: {nonzero} }}")
    }
}

impl Segmenter {
    /// The model shipped in the binary (parsed once per process).
    pub fn builtin() -> Result<&'static Segmenter, ModelError> {
        BUILTIN.get_or_init(|| Segmenter::from_bytes(BUILTIN_MODEL)).as_ref().map_err(Clone::clone)
    }

    /// Reads a model written by [`Segmenter::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(Self { weights: read_sparse("segmentation", MAGIC, 1 << BITS, bytes)? })
    }

    /// Serializes the non-zero weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        write_sparse(MAGIC, &self.weights)
    }

    /// Splits `tokens` (from [`crate::Tokenizer`] over `text`) into sentences.
    pub fn segment(&self, text: &str, tokens: &[Token]) -> Vec<Sentence> {
        self.segment_with_breaks(text, tokens, &[])
    }

    /// Like [`Segmenter::segment`], with sentences also starting at every byte offset in
    /// `breaks` (sorted), such as the start of each transcript turn and its speaker label.
    pub fn segment_with_breaks(&self, text: &str, tokens: &[Token], breaks: &[u32]) -> Vec<Sentence> {
        let mut out = Vec::new();
        if tokens.is_empty() {
            return out;
        }
        let ctx = Context::new(text, tokens);
        let mut first = 0usize;
        let mut feats = Vec::with_capacity(32);
        let mut next_break = breaks.iter().peekable();
        for i in 0..tokens.len() {
            let forced = match tokens.get(i + 1) {
                Some(next) => {
                    while next_break.next_if(|&&b| b < next.range.start()).is_some() {}
                    next_break.peek().is_some_and(|&&b| b == next.range.start()) && !next.joined
                }
                None => false,
            };
            let end = forced
                || match ctx.decision(i) {
                    Decision::Hard => true,
                    Decision::Never => false,
                    // A bullet or opening bracket alone is not a sentence (`- First point`).
                    Decision::Classify if ctx.only_leading_punct(first, i) => false,
                    Decision::Classify => {
                        feats.clear();
                        ctx.features(i, i + 1 - first, &mut feats);
                        self.score(&feats) > 0.0
                    }
                };
            if end {
                out.push(make_sentence(tokens, first, i + 1));
                first = i + 1;
            }
        }
        out
    }

    #[inline]
    fn score(&self, feats: &[u64]) -> f32 {
        feats.iter().map(|&f| self.weights[(f & MASK) as usize]).sum()
    }
}

fn make_sentence(tokens: &[Token], first: usize, end: usize) -> Sentence {
    let range = TextRange::new(tokens[first].range.start(), tokens[end - 1].range.end());
    Sentence { range, first_token: first as u32, end_token: end as u32 }
}

enum Decision {
    /// A sentence must end here (paragraph break, end of text, line break in unwrapped text).
    Hard,
    /// A sentence cannot end here.
    Never,
    /// Ask the model.
    Classify,
}

/// Per-document precomputed token hashes and layout facts.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    form: Vec<u64>,
    shape: Vec<u64>,
    /// The text is hard-wrapped: single line breaks are not sentence boundaries.
    wrapped: bool,
}

/// Word shape: character classes with runs collapsed (`Xx`, `x`, `d`, `X.X.`, `Xx.`).
fn shape_hash(tok: &str) -> u64 {
    let mut h = SEED;
    let mut last = 0u8;
    let mut len = 0;
    for c in tok.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if class != last {
            h = hash_bytes(h, [class]);
            last = class;
            len += 1;
            if len > 6 {
                break;
            }
        }
    }
    h
}

fn form_hash(tok: &str) -> u64 {
    if tok.len() > 24 {
        return hash_bytes(SEED, *b"<long>");
    }
    hash_bytes(SEED, tok.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Whether single line breaks in `text` look like hard wrapping inside paragraphs.
fn looks_wrapped(text: &str) -> bool {
    let mut inner = 0usize;
    let mut wraplike = 0usize;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek() else { break };
        let (line, next) = (line.trim(), next.trim());
        if line.is_empty() || next.is_empty() {
            continue;
        }
        inner += 1;
        let ends_terminal = line.ends_with(['.', '!', '?', ':', '"', '”', '…']);
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        if next_lower || (!ends_terminal && line.chars().count() >= 50) {
            wraplike += 1;
        }
    }
    inner >= 2 && wraplike * 2 >= inner
}

#[inline]
fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

impl<'a> Context<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        let mut form = Vec::with_capacity(tokens.len());
        let mut shape = Vec::with_capacity(tokens.len());
        for t in tokens {
            let s = t.text(text);
            form.push(form_hash(s));
            shape.push(shape_hash(s));
        }
        let wrapped = tokens.iter().any(|t| t.gap == Gap::Newline) && looks_wrapped(text);
        Self { text, tokens, form, shape, wrapped }
    }

    /// Whether tokens `first..=i` are only single bullets and opening brackets or quotes
    /// (separator lines such as `--` or `***` can be sentences of their own).
    fn only_leading_punct(&self, first: usize, i: usize) -> bool {
        i - first < 4
            && self.tokens[first..=i].iter().all(|t| {
                let mut chars = t.text(self.text).chars();
                t.kind == TokenKind::Punct
                    && chars.next().is_some_and(|c| {
                        matches!(c, '-' | '*' | '•' | '·' | '–' | '—' | '(' | '[' | '"' | '“' | '‘' | '«')
                    })
                    && chars.next().is_none()
            })
    }

    fn decision(&self, i: usize) -> Decision {
        let Some(next) = self.tokens.get(i + 1) else { return Decision::Hard };
        if next.joined {
            return Decision::Never;
        }
        match next.gap {
            Gap::Paragraph => return Decision::Hard,
            Gap::Newline if !self.wrapped => {
                let cur = self.tokens[i];
                let cont = starts_lower(next.text(self.text))
                    && !matches!(cur.text(self.text).chars().next_back(), Some('.' | '!' | '?' | '…'));
                return if cont { Decision::Classify } else { Decision::Hard };
            }
            _ => {}
        }
        let cur = self.tokens[i];
        let cur_text = cur.text(self.text);
        let last = cur_text.chars().next_back();
        let candidate = matches!(cur.kind, TokenKind::Punct | TokenKind::Symbol | TokenKind::Url | TokenKind::Email)
            || matches!(last, Some('.' | '!' | '?'))
            || !starts_lower(next.text(self.text));
        if candidate { Decision::Classify } else { Decision::Never }
    }

    /// Features for a boundary after token `i`; `len` is the number of tokens since the last
    /// boundary, including token `i`.
    fn features(&self, i: usize, len: usize, out: &mut Vec<u64>) {
        let n = self.tokens.len();
        let none = hash_bytes(SEED, *b"<none>");
        let at = |v: &Vec<u64>, k: isize| -> u64 {
            let j = i as isize + k;
            if j < 0 || j as usize >= n { none } else { v[j as usize] }
        };
        let (f0, f1, fm1, f2) = (at(&self.form, 0), at(&self.form, 1), at(&self.form, -1), at(&self.form, 2));
        let (s0, s1, sm1, s2) = (at(&self.shape, 0), at(&self.shape, 1), at(&self.shape, -1), at(&self.shape, 2));
        let gap1 = self.tokens.get(i + 1).map_or(9, |t| t.gap as u64);
        let len_bucket = match len {
            0..=2 => len as u64,
            3..=5 => 3,
            6..=10 => 4,
            11..=20 => 5,
            _ => 6,
        };
        let cur = self.tokens[i];
        let cur_len = cur.range.len().min(8) as u64;
        out.extend_from_slice(&[
            mix(1, 0, 0),
            mix(2, f0, 0),
            mix(3, f1, 0),
            mix(4, s0, 0),
            mix(5, s1, 0),
            mix(6, f0, s1),
            mix(7, s0, s1),
            mix(8, fm1, f0),
            mix(9, f0, gap1),
            mix(10, s2, s1),
            mix(11, f1, s2),
            mix(12, mix(0, sm1, s0), s1),
            mix(13, len_bucket, s1),
            mix(14, cur_len, s0),
            mix(15, f0, f1),
            mix(16, fm1, mix(0, f0, s1)),
            mix(17, f2, 0),
            mix(18, sm1, f0),
            mix(19, len_bucket, f0),
        ]);
    }
}

/// Averaged-perceptron trainer for [`Segmenter`].
pub struct Trainer {
    weights: AveragedWeights,
}

impl Default for Trainer {
    fn default() -> Self {
        Self::new()
    }
}

/// One training document: its text, tokens and the byte offsets where gold sentences end.
pub struct TrainingDoc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Sorted byte offsets of gold sentence ends (end of the sentence's last character).
    pub gold_ends: &'a [u32],
}

impl Trainer {
    pub fn new() -> Self {
        Self { weights: AveragedWeights::new(1 << BITS) }
    }

    /// One pass over the documents; returns the number of candidate decisions it got wrong.
    pub fn epoch(&mut self, docs: &[TrainingDoc<'_>]) -> usize {
        let mut errors = 0;
        let mut feats = Vec::with_capacity(32);
        for doc in docs {
            let ctx = Context::new(doc.text, doc.tokens);
            let mut first = 0usize;
            for i in 0..doc.tokens.len() {
                let gold = doc.gold_ends.binary_search(&doc.tokens[i].range.end()).is_ok();
                if let Decision::Classify = ctx.decision(i) {
                    feats.clear();
                    ctx.features(i, i + 1 - first, &mut feats);
                    self.weights.tick();
                    let score: f32 = feats.iter().map(|&f| self.weights.weights[(f & MASK) as usize]).sum();
                    let predicted = score > 0.0;
                    if predicted != gold {
                        errors += 1;
                        let delta = if gold { 1.0 } else { -1.0 };
                        for &f in &feats {
                            self.weights.update((f & MASK) as usize, delta);
                        }
                    }
                }
                // Teacher forcing: the sentence-length feature follows gold boundaries.
                if gold {
                    first = i + 1;
                }
            }
        }
        errors
    }

    /// The averaged model.
    pub fn finish(self) -> Segmenter {
        Segmenter { weights: self.weights.finish(1e-4) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tokenizer;

    fn split(text: &str) -> Vec<&str> {
        let tokens = Tokenizer.tokenize(text);
        let seg = Segmenter::builtin().expect("builtin model loads");
        seg.segment(text, &tokens).into_iter().map(|s| s.range.slice(text)).collect()
    }

    #[test]
    fn model_round_trips() {
        let seg = Segmenter::builtin().expect("builtin model loads");
        let again = Segmenter::from_bytes(&seg.to_bytes()).expect("reload");
        assert_eq!(seg.weights, again.weights);
        assert!(matches!(Segmenter::from_bytes(b"nope"), Err(ModelError::BadMagic(_))));
        let mut truncated = seg.to_bytes();
        truncated.truncate(20);
        assert!(matches!(Segmenter::from_bytes(&truncated), Err(ModelError::Truncated(_))));
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("The envoy arrived in Moscow on Tuesday. He met the aide for three hours. Nobody briefed the press."),
            [
                "The envoy arrived in Moscow on Tuesday.",
                "He met the aide for three hours.",
                "Nobody briefed the press."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Lund spoke to Gen. Okafor at 3 p.m. on Friday. The U.S. embassy declined to comment."),
            ["Mr. Lund spoke to Gen. Okafor at 3 p.m. on Friday.", "The U.S. embassy declined to comment."]
        );
    }

    #[test]
    fn attribution_stays_with_its_quote() {
        assert_eq!(
            split("\"We are close to a deal,\" he said. \"Are we?\" she asked. Talks resume Monday."),
            ["\"We are close to a deal,\" he said.", "\"Are we?\" she asked.", "Talks resume Monday."]
        );
    }

    #[test]
    fn paragraphs_and_headlines_split() {
        assert_eq!(
            split("Envoy Meets Aide In Moscow\n\nThe meeting lasted two hours\n\nMore to follow"),
            ["Envoy Meets Aide In Moscow", "The meeting lasted two hours", "More to follow"]
        );
    }

    #[test]
    fn wrapped_lines_are_not_boundaries() {
        let text = "The delegation travelled to the capital on Monday and met\nofficials from three ministries over the course of a long\nafternoon of talks. Later they flew home.";
        assert_eq!(split(text).len(), 2);
    }

    #[test]
    fn no_punctuation_is_one_sentence_per_paragraph() {
        let text = "this text has no punctuation at all and goes on and on without any capital letters";
        assert_eq!(split(text).len(), 1);
    }

    #[test]
    fn bullets_stay_with_their_line() {
        assert_eq!(
            split("Agenda\n- First point here\n- Second point here\n* Third point"),
            ["Agenda", "- First point here", "- Second point here", "* Third point"]
        );
    }

    #[test]
    fn forced_breaks_start_sentences() {
        let text = "SW: we agree and YU: so do we";
        let tokens = Tokenizer.tokenize(text);
        let seg = Segmenter::builtin().expect("builtin model loads");
        let got: Vec<_> =
            seg.segment_with_breaks(text, &tokens, &[4, 17, 21]).into_iter().map(|s| s.range.slice(text)).collect();
        assert_eq!(got, ["SW:", "we agree and", "YU:", "so do we"]);
    }
}
