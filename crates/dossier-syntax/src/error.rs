//! Error types.

use std::path::PathBuf;

/// A model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a dossier {0} model (bad magic)")]
    BadMagic(&'static str),
    #[error("model is truncated")]
    Truncated,
    #[error("model could not be decompressed: {0}")]
    Decompress(String),
    #[error("model data is corrupt: {0}")]
    Corrupt(String),
}

/// Training could not run.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format { path: PathBuf, line: usize, message: String },
    #[error("no training sentences")]
    Empty,
    #[error("invalid option: {0}")]
    Option(String),
    #[error(transparent)]
    Model(#[from] ModelError),
}
