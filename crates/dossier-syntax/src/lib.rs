//! Syntax for dossier: a part-of-speech tagger (UPOS + Penn Treebank XPOS), a lemmatizer and
//! a greedy arc-eager dependency parser producing Universal Dependencies trees.
//!
//! All three are trained in this crate ([`train`]) from UD English treebanks and shipped in
//! the binary ([`SyntaxModel::builtin`]). See `DESIGN.md` for the features and decisions and
//! `models/README.md` for data, licences and the training command.
//!
//! ```no_run
//! let model = dossier_syntax::SyntaxModel::builtin()?;
//! let a = model.analyze_sentence(&["Witkoff", "met", "Dmitriev", "."]);
//! assert_eq!(a.head.len(), 4);
//! # Ok::<(), dossier_syntax::ModelError>(())
//! ```

mod clusters;
pub mod conllu;
mod error;
mod hash;
mod io;
mod lemma;
mod lex;
mod model;
mod parser;
mod perceptron;
mod tagger;
pub mod train;
mod upos;

pub use error::{ModelError, TrainError};
pub use model::{Analysis, Scratch, SentenceAnalysis, SyntaxModel};
pub use upos::Upos;
