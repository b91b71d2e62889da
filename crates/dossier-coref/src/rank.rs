//! Learned choice of a third-person pronoun's antecedent.
//!
//! The pronoun sieve gathers the compatible candidates (number, gender, animacy, person,
//! binding, window) in salience order; this model scores each of them and the best-scoring
//! one wins. Scores are sums of hashed feature weights of an averaged perceptron trained as a
//! mention ranker on OntoGUM (`dossier train coref`); ties go to the most salient candidate,
//! so an empty model is the rule "most salient compatible candidate".
//!
//! A pronoun with a compatible candidate is always linked. A learned option of "no
//! antecedent" (pleonastic `it`, a referent the mentions missed) was tried and left out: it
//! raised MUC precision but the pronouns it left alone cost more in B3 and CEAF-e recall
//! (OntoGUM dev CoNLL F1 50.81 against 52.25 without it; see `DESIGN.md`).

use std::sync::OnceLock;

use dossier_text::learn::{AveragedWeights, ModelError, SEED, hash_bytes, mix, read_sparse, write_sparse};

const BITS: u32 = 18;
const LEN: usize = 1 << BITS;
const MASK: u64 = (LEN as u64) - 1;
const MAGIC: &[u8; 8] = b"DSPRN01\n";

/// Template id of a feature conjoined with the pronoun's form.
const WITH_FORM: u64 = 1;

/// The weights of the antecedent ranker.
#[derive(Debug, Clone)]
pub struct PronounModel {
    weights: Vec<f32>,
}

impl Default for PronounModel {
    /// The empty model: every option scores zero, so the most salient candidate wins.
    fn default() -> Self {
        Self { weights: vec![0.0; LEN] }
    }
}

impl PronounModel {
    /// Reads a model written by [`PronounModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(Self { weights: read_sparse("pronoun", MAGIC, LEN, bytes)? })
    }

    /// The model file: the non-zero weights (see [`dossier_text::learn::write_sparse`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        write_sparse(MAGIC, &self.weights)
    }

    /// The model shipped in the binary (`models/pronouns.bin`), decoded once.
    pub fn builtin() -> &'static PronounModel {
        static CELL: OnceLock<PronounModel> = OnceLock::new();
        CELL.get_or_init(|| {
            // The file is written by `dossier train coref` and checked by the test
            // `builtin_model_loads`; a bad file would fall back to the rule.
            PronounModel::from_bytes(include_bytes!("../models/pronouns.bin")).unwrap_or_default()
        })
    }

    /// Non-zero weights.
    pub fn len(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0.0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn score(&self, features: &[u64]) -> f32 {
        features.iter().map(|&f| self.weights[(f & MASK) as usize]).sum()
    }

    /// The chosen candidate of a decision (an index into its candidates), `None` when it
    /// has none.
    pub fn choose(&self, d: &Decision) -> Option<usize> {
        pick(d, |f| self.score(f))
    }
}

/// The candidate with the highest score; the more salient wins a tie.
fn pick(d: &Decision, score: impl Fn(&[u64]) -> f32) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (k, f) in d.features.iter().enumerate() {
        let s = score(f);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((k, s));
        }
    }
    best.map(|(k, _)| k)
}

/// One pronoun's choice: its compatible candidates and the features of every option.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The pronoun (index into the mentions).
    pub pronoun: usize,
    /// Candidate antecedents (mention indices), most salient first.
    pub candidates: Vec<usize>,
    /// Features of each candidate.
    pub features: Vec<Vec<u64>>,
}

/// Hashed features of one option, each also conjoined with the pronoun's form.
pub(crate) struct Features {
    form: u64,
    out: Vec<u64>,
}

impl Features {
    pub(crate) fn new(form: &str) -> Self {
        Self { form: hash_bytes(SEED, form.bytes()), out: Vec::with_capacity(48) }
    }

    pub(crate) fn add(&mut self, name: &str, value: &str) {
        let f = hash_bytes(hash_bytes(SEED, name.bytes()), std::iter::once(0x1f).chain(value.bytes()));
        self.out.push(f);
        self.out.push(mix(WITH_FORM, f, self.form));
    }

    pub(crate) fn finish(self) -> Vec<u64> {
        self.out
    }
}

/// Averaged-perceptron training of the ranker.
pub struct PronounTrainer {
    w: AveragedWeights,
    /// Decisions seen and decisions the current weights got right (before their update).
    pub seen: usize,
    pub right: usize,
}

impl Default for PronounTrainer {
    fn default() -> Self {
        Self { w: AveragedWeights::new(LEN), seen: 0, right: 0 }
    }
}

impl PronounTrainer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns from one decision; `correct[k]`: candidate `k` belongs to the pronoun's gold
    /// chain. A decision with no right candidate teaches nothing.
    pub fn learn(&mut self, d: &Decision, correct: &[bool]) {
        if !correct.iter().any(|&c| c) {
            return;
        }
        self.w.tick();
        self.seen += 1;
        let weights = &self.w.weights;
        let score = |f: &[u64]| -> f32 { f.iter().map(|&x| weights[(x & MASK) as usize]).sum() };
        let Some(predicted) = pick(d, score) else { return };
        if correct.get(predicted).copied().unwrap_or(false) {
            self.right += 1;
            return;
        }
        // The best-scoring right candidate is the target.
        let Some(target) = (0..d.features.len())
            .filter(|&k| correct.get(k).copied().unwrap_or(false))
            .max_by(|&a, &b| score(&d.features[a]).total_cmp(&score(&d.features[b])).then(b.cmp(&a)))
        else {
            return;
        };
        for &f in &d.features[target] {
            self.w.update((f & MASK) as usize, 1.0);
        }
        for &f in &d.features[predicted] {
            self.w.update((f & MASK) as usize, -1.0);
        }
    }

    /// The choice of the current (not averaged) weights.
    pub fn choose(&self, d: &Decision) -> Option<usize> {
        let weights = &self.w.weights;
        pick(d, |f| f.iter().map(|&x| weights[(x & MASK) as usize]).sum())
    }

    /// The averaged model; weights below `prune` in magnitude are dropped.
    pub fn finish(self, prune: f32) -> PronounModel {
        PronounModel { weights: self.w.finish(prune) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(n: usize) -> Decision {
        let features = (0..n)
            .map(|k| {
                let mut f = Features::new("he");
                f.add("option", &k.to_string());
                f.finish()
            })
            .collect();
        Decision { pronoun: 9, candidates: (0..n).collect(), features }
    }

    #[test]
    fn the_empty_model_takes_the_most_salient_candidate() {
        let m = PronounModel::default();
        assert_eq!(m.choose(&decision(3)), Some(0));
        assert_eq!(m.choose(&decision(0)), None);
    }

    #[test]
    fn training_learns_a_consistent_choice_and_round_trips() {
        let mut t = PronounTrainer::new();
        let d = decision(3);
        for _ in 0..5 {
            t.learn(&d, &[false, false, true]);
            // Nothing to learn from a decision without a right candidate.
            t.learn(&d, &[false, false, false]);
        }
        assert_eq!((t.seen, t.right), (5, 4));
        let m = t.finish(0.0);
        assert_eq!(m.choose(&d), Some(2));
        let back = PronounModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.choose(&d), Some(2));
        assert!(PronounModel::from_bytes(b"DSPRN01").is_err());
    }

    #[test]
    fn builtin_model_loads() {
        let bytes = include_bytes!("../models/pronouns.bin");
        assert!(PronounModel::from_bytes(bytes).is_ok());
    }
}
