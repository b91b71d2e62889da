//! Opening inputs and iterating over their documents.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use dossier_text::{Doc, DocMeta, TextRange, Warning};

use crate::decode::{decode, decode_utf8};
use crate::jsonl::parse_jsonl_line;
use crate::{IngestError, transcript};

/// What an input contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    /// Decide from the file name and content.
    #[default]
    Auto,
    Text,
    Jsonl,
    Transcript,
}

/// Reader settings.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub kind: InputKind,
    /// Publication date for documents that carry none (`--published`).
    pub published: Option<String>,
}

/// An iterator over the documents of one input. Yields recoverable errors for bad JSONL
/// lines and continues; an I/O error ends the iteration.
pub struct DocReader {
    inner: Inner,
}

enum Inner {
    /// A single document, already read.
    One(Option<Box<Result<Doc, IngestError>>>),
    /// JSON Lines, read a line at a time so memory stays flat.
    Lines {
        path: String,
        stem: String,
        reader: Box<dyn BufRead + Send>,
        line: usize,
        buf: Vec<u8>,
        published: Option<String>,
        done: bool,
    },
}

impl Iterator for DocReader {
    type Item = Result<Doc, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::One(slot) => slot.take().map(|b| *b),
            Inner::Lines { path, stem, reader, line, buf, published, done } => loop {
                if *done {
                    return None;
                }
                buf.clear();
                match reader.read_until(b'\n', buf) {
                    Ok(0) => {
                        *done = true;
                        return None;
                    }
                    Ok(_) => {}
                    Err(source) => {
                        *done = true;
                        return Some(Err(IngestError::Io { path: path.clone(), source }));
                    }
                }
                *line += 1;
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some(jsonl_doc(path, stem, *line, buf, published.as_deref()));
            },
        }
    }
}

fn jsonl_doc(path: &str, stem: &str, line: usize, bytes: &[u8], published: Option<&str>) -> Result<Doc, IngestError> {
    let err = |message: String| IngestError::Line { path: path.to_string(), line, message };
    let decoded = decode_utf8(bytes);
    let (mut meta, text) = parse_jsonl_line(decoded.text.trim_end(), &format!("{stem}:{line}")).map_err(err)?;
    if meta.published.is_none()
        && let Some(p) = published
    {
        meta.published = Some(p.to_string());
        meta.published_from = Some("cli".to_string());
    }
    let mut doc = Doc::new(meta, text).map_err(|e| err(e.to_string()))?;
    if let Some(note) = decoded.replaced {
        doc.warnings.push(Warning {
            kind: "invalid_utf8".into(),
            message: format!("{path}:{line}: {note}"),
            spans: vec![],
        });
    }
    Ok(doc)
}

fn stem_of(path: &str) -> String {
    Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or(path).to_string()
}

fn is_jsonl_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// Opens a file (or `-` for standard input).
pub fn open_path(path: &str, opts: &ReadOptions) -> Result<DocReader, IngestError> {
    if path == "-" {
        return open_reader("<stdin>", Box::new(BufReader::new(std::io::stdin())), opts);
    }
    let file = File::open(path).map_err(|source| IngestError::Io { path: path.to_string(), source })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(IngestError::Document { path: path.to_string(), message: "is a directory".to_string() });
    }
    open_reader(path, Box::new(BufReader::with_capacity(1 << 16, file)), opts)
}

/// Wraps any buffered reader; `name` is used for messages and document ids.
pub fn open_reader(
    name: &str,
    mut reader: Box<dyn BufRead + Send>,
    opts: &ReadOptions,
) -> Result<DocReader, IngestError> {
    let io = |source| IngestError::Io { path: name.to_string(), source };
    let jsonl = match opts.kind {
        InputKind::Jsonl => true,
        InputKind::Text | InputKind::Transcript => false,
        InputKind::Auto => is_jsonl_name(name) || sniff_jsonl(reader.fill_buf().map_err(io)?),
    };
    if jsonl {
        return Ok(DocReader {
            inner: Inner::Lines {
                path: name.to_string(),
                stem: stem_of(name),
                reader,
                line: 0,
                buf: Vec::new(),
                published: opts.published.clone(),
                done: false,
            },
        });
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(io)?;
    Ok(DocReader { inner: Inner::One(Some(Box::new(text_doc(name, &bytes, opts)))) })
}

/// Content sniffing: the first non-blank line is a JSON object with a `text` field.
fn sniff_jsonl(head: &[u8]) -> bool {
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let rest = &head[start..];
    if rest.first() != Some(&b'{') {
        return false;
    }
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    match std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok()) {
        Some(v) => v.get("text").is_some_and(serde_json::Value::is_string),
        // A first line longer than the buffer: trust the brace and the field name.
        None => line.len() == rest.len() && rest.windows(7).any(|w| w == b"\"text\":"),
    }
}

/// A whole file as one document: plain text or a transcript.
fn text_doc(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Doc, IngestError> {
    let decoded = decode(name, bytes)?;
    let transcript = match opts.kind {
        InputKind::Transcript => true,
        InputKind::Auto => transcript::looks_like_transcript(&decoded.text),
        _ => false,
    };
    let meta = DocMeta {
        id: stem_of(name),
        published: opts.published.clone(),
        published_from: opts.published.as_ref().map(|_| "cli".to_string()),
        kind: if transcript { "transcript" } else { "text" }.to_string(),
        ..DocMeta::default()
    };
    let mut doc = Doc::new(meta, decoded.text)
        .map_err(|e| IngestError::Document { path: name.to_string(), message: e.to_string() })?;
    if let Some(note) = decoded.replaced {
        doc.warnings.push(Warning { kind: "invalid_utf8".into(), message: format!("{name}: {note}"), spans: vec![] });
    }
    if doc.text().trim().is_empty() {
        doc.warnings.push(Warning {
            kind: "empty_document".into(),
            message: format!("{name}: no text"),
            spans: vec![],
        });
    }
    if transcript {
        doc.turns = transcript::parse_turns(doc.text());
        if doc.turns.is_empty() {
            let whole = TextRange::from_usize(0, doc.text().len());
            doc.warnings.push(Warning {
                kind: "no_turns".into(),
                message: format!("{name}: read as a transcript but no `Name: utterance` line was found"),
                spans: vec![whole],
            });
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read(name: &str, input: &str, kind: InputKind) -> Vec<Result<Doc, IngestError>> {
        let opts = ReadOptions { kind, published: Some("2025-10-20".into()) };
        open_reader(name, Box::new(Cursor::new(input.as_bytes().to_vec())), &opts).unwrap().collect()
    }

    #[test]
    fn jsonl_skips_bad_lines_and_continues() {
        let input = "{\"id\":\"a\",\"text\":\"One.\"}\n\n{broken\n{\"text\":\"Two.\",\"published\":\"2025-01-02\"}\n";
        let docs = read("in.jsonl", input, InputKind::Auto);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().meta.id, "a");
        let err = docs[1].as_ref().unwrap_err();
        assert!(err.is_recoverable());
        assert!(err.to_string().starts_with("in.jsonl:3: malformed JSON"), "{err}");
        let two = docs[2].as_ref().unwrap();
        assert_eq!(two.meta.id, "in:4");
        assert_eq!(two.meta.published.as_deref(), Some("2025-01-02"));
        assert_eq!(docs[0].as_ref().unwrap().meta.published_from.as_deref(), Some("cli"));
    }

    #[test]
    fn stdin_jsonl_is_sniffed() {
        let docs = read("<stdin>", "{\"text\":\"Hi.\"}\n", InputKind::Auto);
        assert_eq!(docs[0].as_ref().unwrap().text(), "Hi.");
        let docs = read("<stdin>", "{ not a record", InputKind::Auto);
        assert_eq!(docs[0].as_ref().unwrap().meta.kind, "text");
    }

    #[test]
    fn transcripts_are_detected() {
        let docs = read("call.txt", "WITKOFF: Hello.\nUSHAKOV: Hello, Steve.\n", InputKind::Auto);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.meta.kind, "transcript");
        assert_eq!(doc.turns.len(), 2);
        let docs = read("note.txt", "Just one line of text.", InputKind::Transcript);
        assert_eq!(docs[0].as_ref().unwrap().warnings[0].kind, "no_turns");
    }

    #[test]
    fn empty_input_gives_an_empty_document_with_a_warning() {
        let docs = read("empty.txt", "", InputKind::Auto);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text(), "");
        assert_eq!(doc.warnings[0].kind, "empty_document");
        assert!(read("empty.jsonl", "", InputKind::Auto).is_empty());
    }

    #[test]
    fn invalid_utf8_in_jsonl_is_replaced_with_a_warning() {
        let opts = ReadOptions::default();
        let bytes = b"{\"text\":\"caf\xe9\"}\n".to_vec();
        let docs: Vec<_> = open_reader("x.jsonl", Box::new(Cursor::new(bytes)), &opts).unwrap().collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text(), "caf\u{fffd}");
        assert!(doc.warnings[0].message.starts_with("x.jsonl:1: replaced 1 invalid UTF-8 sequence"));
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = open_path("/nonexistent/report.txt", &ReadOptions::default()).err().unwrap();
        assert!(err.to_string().starts_with("/nonexistent/report.txt: "));
    }
}
