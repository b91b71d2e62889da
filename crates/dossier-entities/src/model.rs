//! The BILOU averaged-perceptron tagger: labels, decoding, model file, training.

use dossier_text::{TextRange, Token};

use dossier_text::learn::{AveragedWeights, ModelError, hash_bytes, read_sparse, write_sparse};

use crate::features::{TokenHashes, features, sentence_hashes};

const BITS: u32 = 18;
const MASK: u64 = (1 << BITS) - 1;
const MAGIC: &[u8; 8] = b"DSNER02\n";

/// Entity types the recognizer predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Org,
    Place,
}

impl EntityType {
    pub const ALL: [EntityType; 3] = [EntityType::Person, EntityType::Org, EntityType::Place];

    /// The contract's name for the type.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "PERSON" | "PER" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "PLACE" | "LOC" | "GPE" => Some(EntityType::Place),
            _ => None,
        }
    }
}

/// A recognized name: its byte range and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub range: TextRange,
    pub kind: EntityType,
}

// Labels: 0 = O; then for type t: B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.
const NCLASS: usize = 13;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    O,
    B,
    I,
    L,
    U,
}

fn split(label: u8) -> (Part, usize) {
    if label == 0 {
        return (Part::O, 0);
    }
    let l = label as usize - 1;
    let part = match l % 4 {
        0 => Part::B,
        1 => Part::I,
        2 => Part::L,
        _ => Part::U,
    };
    (part, l / 4)
}

fn label(part: Part, t: usize) -> u8 {
    match part {
        Part::O => 0,
        Part::B => (1 + 4 * t) as u8,
        Part::I => (2 + 4 * t) as u8,
        Part::L => (3 + 4 * t) as u8,
        Part::U => (4 + 4 * t) as u8,
    }
}

/// Whether `next` may follow `prev` (`None` = sentence start); `last` = final token.
fn allowed(prev: Option<u8>, next: u8, last: bool) -> bool {
    let (np, nt) = split(next);
    let open = prev.map(split).filter(|(p, _)| matches!(p, Part::B | Part::I));
    let ok = match open {
        Some((_, t)) => matches!(np, Part::I | Part::L) && nt == t,
        None => matches!(np, Part::O | Part::B | Part::U),
    };
    ok && !(last && matches!(np, Part::B | Part::I))
}

/// Gold BILOU labels for `tokens` from byte spans; spans that do not start and end on token
/// boundaries are dropped (their count is returned).
pub fn labels_from_spans(tokens: &[Token], spans: &[(TextRange, EntityType)]) -> (Vec<u8>, usize) {
    let mut labels = vec![0u8; tokens.len()];
    let mut dropped = 0;
    for &(range, kind) in spans {
        let t = kind as usize;
        let first = tokens.iter().position(|tok| tok.range.start() == range.start());
        let last = tokens.iter().position(|tok| tok.range.end() == range.end());
        match (first, last) {
            (Some(a), Some(b)) if a <= b && labels[a..=b].iter().all(|&l| l == 0) => {
                if a == b {
                    labels[a] = label(Part::U, t);
                } else {
                    labels[a] = label(Part::B, t);
                    for l in &mut labels[a + 1..b] {
                        *l = label(Part::I, t);
                    }
                    labels[b] = label(Part::L, t);
                }
            }
            _ => dropped += 1,
        }
    }
    (labels, dropped)
}

fn prev_hash(labels: &[u8], i: usize, back: usize) -> u64 {
    if i < back { hash_bytes(7, *b"<s>") } else { hash_bytes(7, [labels[i - back]]) }
}

/// The named-entity recognizer.
#[derive(Clone)]
pub struct NerModel {
    weights: Vec<f32>,
}

impl std::fmt::Debug for NerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NerModel {{ weights: {} }}", self.weights.iter().filter(|w| **w != 0.0).count())
    }
}

static BUILTIN: std::sync::OnceLock<Result<NerModel, ModelError>> = std::sync::OnceLock::new();
const BUILTIN_MODEL: &[u8] = include_bytes!("../models/ner.bin");

fn scores(weights: &[f32], feats: &[u64]) -> [f32; NCLASS] {
    let mut s = [0f32; NCLASS];
    for &f in feats {
        let base = (f & MASK) as usize * NCLASS;
        for (acc, w) in s.iter_mut().zip(&weights[base..base + NCLASS]) {
            *acc += w;
        }
    }
    s
}

fn best(s: &[f32; NCLASS], prev: Option<u8>, last: bool) -> u8 {
    let mut best = 0u8;
    let mut best_score = f32::NEG_INFINITY;
    for (l, &v) in s.iter().enumerate() {
        if allowed(prev, l as u8, last) && v > best_score {
            best = l as u8;
            best_score = v;
        }
    }
    best
}

impl NerModel {
    /// The model shipped in the binary (parsed once per process).
    pub fn builtin() -> Result<&'static NerModel, ModelError> {
        BUILTIN.get_or_init(|| NerModel::from_bytes(BUILTIN_MODEL)).as_ref().map_err(Clone::clone)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(Self { weights: read_sparse("NER", MAGIC, (1 << BITS) * NCLASS, bytes)? })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        write_sparse(MAGIC, &self.weights)
    }

    /// Labels for the tokens of one sentence.
    fn labels(&self, hashes: &[TokenHashes]) -> Vec<u8> {
        let mut labels = Vec::with_capacity(hashes.len());
        let mut feats = Vec::with_capacity(32);
        for i in 0..hashes.len() {
            features(hashes, i, prev_hash(&labels, i, 1), prev_hash(&labels, i, 2), &mut feats);
            let s = scores(&self.weights, &feats);
            labels.push(best(&s, labels.last().copied(), i + 1 == hashes.len()));
        }
        labels
    }

    /// Names in one sentence's tokens. `xpos` (Penn tags from the syntax layer) is parallel
    /// to `tokens`, or empty when unknown (the model then works from the words alone, less
    /// accurately).
    pub fn tag_sentence(&self, text: &str, tokens: &[Token], xpos: &[&str]) -> Vec<Mention> {
        let labels = self.labels(&sentence_hashes(text, tokens, xpos));
        let mut out = Vec::new();
        let mut start = None;
        for (i, &l) in labels.iter().enumerate() {
            let (part, t) = split(l);
            let kind = EntityType::ALL[t.min(2)];
            match part {
                Part::U => out.push(Mention { range: tokens[i].range, kind }),
                Part::B => start = Some(i),
                Part::L => {
                    if let Some(a) = start.take() {
                        out.push(Mention { range: tokens[a].range.cover(tokens[i].range), kind });
                    }
                }
                Part::I => {}
                Part::O => start = None,
            }
        }
        out
    }
}

/// One training sentence: its text, tokens and gold labels (from [`labels_from_spans`]).
pub struct TrainingSentence<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub labels: Vec<u8>,
    /// Penn tags parallel to `tokens` (empty when the syntax layer was not run).
    pub xpos: Vec<&'a str>,
}

/// Averaged-perceptron trainer for [`NerModel`].
pub struct NerTrainer {
    weights: AveragedWeights,
}

impl Default for NerTrainer {
    fn default() -> Self {
        Self::new()
    }
}

impl NerTrainer {
    pub fn new() -> Self {
        Self { weights: AveragedWeights::new((1 << BITS) * NCLASS) }
    }

    /// Gold labels for a sentence from byte spans (re-exported for the CLI).
    pub fn labels(tokens: &[Token], spans: &[(TextRange, EntityType)]) -> (Vec<u8>, usize) {
        labels_from_spans(tokens, spans)
    }

    /// One pass; returns the number of wrongly labelled tokens. Decoding uses the model's own
    /// previous labels, as at prediction time.
    pub fn epoch(&mut self, sentences: &[TrainingSentence<'_>]) -> usize {
        let mut errors = 0;
        let mut feats = Vec::with_capacity(32);
        for s in sentences {
            let hashes = sentence_hashes(s.text, s.tokens, &s.xpos);
            let mut predicted: Vec<u8> = Vec::with_capacity(hashes.len());
            for i in 0..hashes.len() {
                features(&hashes, i, prev_hash(&predicted, i, 1), prev_hash(&predicted, i, 2), &mut feats);
                self.weights.tick();
                let sc = scores(&self.weights.weights, &feats);
                let guess = best(&sc, predicted.last().copied(), i + 1 == hashes.len());
                let gold = s.labels[i];
                if guess != gold {
                    errors += 1;
                    for &f in &feats {
                        let base = (f & MASK) as usize * NCLASS;
                        self.weights.update(base + gold as usize, 1.0);
                        self.weights.update(base + guess as usize, -1.0);
                    }
                }
                // Continue from the gold label: training on its own mistakes made the model
                // worse on GUM dev (61.9 against 67.0 F1).
                predicted.push(gold);
            }
        }
        errors
    }

    pub fn finish(self) -> NerModel {
        NerModel { weights: self.weights.finish(1e-3) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_text::Tokenizer;

    #[test]
    fn bilou_constraints() {
        let b_person = label(Part::B, 0);
        let i_person = label(Part::I, 0);
        let l_org = label(Part::L, 1);
        assert!(allowed(None, b_person, false));
        assert!(!allowed(None, b_person, true));
        assert!(allowed(Some(b_person), i_person, false));
        assert!(!allowed(Some(b_person), l_org, false));
        assert!(!allowed(Some(b_person), 0, false));
        assert!(allowed(Some(label(Part::L, 0)), 0, false));
    }

    #[test]
    fn gold_labels_from_spans() {
        let text = "Envoy Daniel Hartley met Orlov in New York.";
        let tokens = Tokenizer.tokenize(text);
        let spans = [
            (TextRange::new(6, 20), EntityType::Person),
            (TextRange::new(25, 30), EntityType::Person),
            (TextRange::new(34, 42), EntityType::Place),
            (TextRange::new(2, 8), EntityType::Org), // not on token boundaries
        ];
        let (labels, dropped) = labels_from_spans(&tokens, &spans);
        assert_eq!(dropped, 1);
        assert_eq!(labels, [0, 1, 3, 0, 4, 0, 9, 11, 0]);
    }

    #[test]
    fn model_round_trip_and_errors() {
        let model = NerModel::builtin().expect("builtin model");
        let again = NerModel::from_bytes(&model.to_bytes()).expect("reload");
        assert_eq!(model.weights, again.weights);
        assert!(matches!(NerModel::from_bytes(b"xx"), Err(ModelError::BadMagic(_))));
    }
}
