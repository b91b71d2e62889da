//! Scorers and gold-data readers for `dossier eval` and `dossier train`.
//!
//! Each scorer reproduces one of the reference scripts in `../shared/tools/` exactly (same
//! alignment, same counts), so a figure printed by `dossier eval` can be checked against the
//! script on the same files.

pub mod conllu;
pub mod coref;
pub mod events;
pub mod extract;
pub mod ner;
pub mod quotes;

/// Precision, recall and F1 over counted matches, as the reference scorers print them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub correct: usize,
    pub system: usize,
    pub gold: usize,
}

impl Prf {
    pub fn new(correct: usize, system: usize, gold: usize) -> Self {
        let p = if system > 0 { correct as f64 / system as f64 } else { 0.0 };
        let r = if gold > 0 { correct as f64 / gold as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Self { precision: p, recall: r, f1: f, correct, system, gold }
    }
}

/// A gold or system file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}:{line}: {message}")]
    Format { path: String, line: usize, message: String },
    #[error(
        "the gold and system files do not contain the same text (first difference at non-space character {at}: gold {gold:?} vs system {system:?})"
    )]
    TextMismatch { at: usize, gold: String, system: String },
}
