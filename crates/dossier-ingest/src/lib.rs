//! Readers that turn files and streams into [`Doc`]s: plain text, JSON Lines, standard input
//! and call transcripts, and the files under a directory ([`walk_dir`]). HTML is handled by
//! a separate reader.
//!
//! Readers never panic on input: undecodable bytes are replaced (and reported as a document
//! warning), binary files and malformed JSON lines become [`IngestError`]s that name the file
//! and line, and a multi-document reader yields the error and carries on with the next line.

mod decode;
mod jsonl;
mod reader;
pub mod transcript;
mod walk;

pub use decode::{Decoded, decode};
pub use jsonl::parse_jsonl_line;
pub use reader::{DocReader, InputKind, ReadOptions, open_path, open_reader};
pub use walk::{DOCUMENT_EXTENSIONS, Walk, is_document_file, walk_dir};

/// Why a document or a whole input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: binary file (NUL byte at offset {offset}); expected text")]
    Binary { path: String, offset: usize },
    #[error("{path}:{line}: {message}")]
    Line { path: String, line: usize, message: String },
    #[error("{path}: {message}")]
    Document { path: String, message: String },
}

impl IngestError {
    /// Whether reading can go on with the next document of the same input.
    pub fn is_recoverable(&self) -> bool {
        matches!(self, IngestError::Line { .. })
    }
}

/// Validates a publication date: `YYYY-MM-DD` or an RFC 3339 timestamp.
pub fn validate_date(value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.len() == 10 && v.parse::<jiff::civil::Date>().is_ok() {
        return Ok(());
    }
    if v.parse::<jiff::Timestamp>().is_ok() {
        return Ok(());
    }
    Err(format!("unknown date format {value:?}: expected YYYY-MM-DD or RFC 3339 (2025-10-14T09:30:00Z)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(validate_date("2025-10-14").is_ok());
        assert!(validate_date("2025-10-14T09:30:00+03:00").is_ok());
        assert!(validate_date("2025-02-30").is_err());
        assert!(validate_date("14/10/2025").is_err());
        assert!(validate_date("").is_err());
    }
}
