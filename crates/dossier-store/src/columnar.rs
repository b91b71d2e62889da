//! `dossier export --format parquet`: the corpus export (contract "Corpus export") as one
//! Apache Parquet file per record kind — `documents.parquet`, `actors.parquet`,
//! `events.parquet`, `quotes.parquet`, `contradictions.parquet` — for notebooks (pandas,
//! Polars, DuckDB) and cluster engines (Spark).
//!
//! Each kind has a fixed Arrow schema ([`schema`]) that mirrors its JSON record field by
//! field: lists stay lists, objects become structs, ids stay the contract's strings (`a1`,
//! `v3`), offsets are code points as everywhere in the contract. Records are the ones
//! [`query::export_records`] emits (one database snapshot), decoded into Arrow in batches of
//! [`BATCH_ROWS`] rows, so memory stays bounded on any corpus size. Columns are
//! zstd-compressed. Every kind gets a file, an empty one when the corpus has no such record,
//! so a reader never has to guess whether a file is missing or empty. Files are written
//! under a temporary name and renamed when complete: a failed export leaves no file that
//! looks finished. The output is deterministic: the same database gives byte-identical
//! files.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use serde_json::Value;

use crate::{Db, Error, Result, query};

/// Rows decoded into one Arrow batch (and written as one Parquet row group at most).
pub const BATCH_ROWS: usize = 8192;

/// The record kinds in file order: `(record kind, file stem)`.
pub const KINDS: [(&str, &str); 5] = [
    ("document", "documents"),
    ("actor", "actors"),
    ("event", "events"),
    ("quote", "quotes"),
    ("contradiction", "contradictions"),
];

fn text(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn texts(name: &str) -> Field {
    Field::new(name, DataType::List(Arc::new(text("item", false))), false)
}

fn offset(name: &str) -> Field {
    Field::new(name, DataType::UInt32, false)
}

fn structs(name: &str, fields: Vec<Field>, nullable: bool) -> Field {
    Field::new(name, DataType::Struct(Fields::from(fields)), nullable)
}

fn list_of(name: &str, item: Vec<Field>) -> Field {
    Field::new(name, DataType::List(Arc::new(structs("item", item, false))), false)
}

/// The Arrow schema of one record kind (`document`, `actor`, `event`, `quote`,
/// `contradiction`), or `None` for an unknown kind.
pub fn schema(kind: &str) -> Option<SchemaRef> {
    let fields = match kind {
        "document" => vec![
            text("id", false),
            text("url", true),
            text("title", true),
            text("published", true),
            text("source", true),
        ],
        "actor" => vec![
            text("id", false),
            text("name", false),
            text("type", false),
            texts("aliases"),
            list_of("roles", vec![text("text", false), texts("docs")]),
            Field::new(
                "codes",
                DataType::Map(
                    Arc::new(structs("entries", vec![text("key", false), text("value", true)], false)),
                    false,
                ),
                false,
            ),
        ],
        "event" => vec![
            text("id", false),
            text("type", false),
            text("plover", true),
            text("cameo", true),
            texts("participants"),
            texts("source"),
            texts("target"),
            structs("date", vec![text("value", false), text("from", true), text("to", true)], true),
            list_of(
                "sources",
                vec![text("doc", false), offset("start"), offset("end"), text("date_text", true), text("text", true)],
            ),
        ],
        "quote" => vec![
            text("id", false),
            text("speaker", true),
            text("text", false),
            text("doc", false),
            offset("start"),
            offset("end"),
            text("kind", false),
        ],
        "contradiction" => vec![
            text("id", false),
            text("field", false),
            text("about", false),
            text("description", false),
            texts("docs"),
            list_of(
                "sides",
                vec![
                    text("value", false),
                    texts("docs"),
                    list_of("spans", vec![text("doc", false), offset("start"), offset("end"), text("text", false)]),
                ],
            ),
        ],
        _ => return None,
    };
    Some(Arc::new(Schema::new(fields)))
}

/// One kind's file being written.
struct KindFile {
    kind: &'static str,
    path: PathBuf,
    tmp: PathBuf,
    decoder: arrow_json::reader::Decoder,
    writer: ArrowWriter<File>,
    rows: u64,
}

fn failed(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("{}: {what}", path.display()))
}

impl KindFile {
    fn create(dir: &Path, kind: &'static str, stem: &str) -> Result<Self> {
        let schema = schema(kind).ok_or_else(|| Error::Invalid(format!("no Parquet schema for {kind}")))?;
        let path = dir.join(format!("{stem}.parquet"));
        let tmp = dir.join(format!(".{stem}.parquet.partial"));
        let file = File::create(&tmp).map_err(|e| failed(&tmp, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(BATCH_ROWS * 16))
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(|e| failed(&tmp, e))?;
        let decoder = arrow_json::ReaderBuilder::new(schema)
            .with_batch_size(BATCH_ROWS)
            .build_decoder()
            .map_err(|e| failed(&tmp, e))?;
        Ok(Self { kind, path, tmp, decoder, writer, rows: 0 })
    }

    fn push(&mut self, record: &Value) -> Result<()> {
        self.decoder
            .serialize(std::slice::from_ref(record))
            .map_err(|e| failed(&self.path, format_args!("{} record {}: {e}", self.kind, self.rows + 1)))?;
        self.rows += 1;
        if self.decoder.len() >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let (kind, rows) = (self.kind, self.rows);
        let batch =
            self.decoder.flush().map_err(|e| failed(&self.path, format_args!("{kind} records up to {rows}: {e}")))?;
        if let Some(batch) = batch {
            self.writer.write(&batch).map_err(|e| failed(&self.path, e))?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(PathBuf, u64)> {
        self.flush()?;
        self.writer.close().map_err(|e| failed(&self.tmp, e))?;
        std::fs::rename(&self.tmp, &self.path).map_err(|e| failed(&self.path, e))?;
        Ok((self.path, self.rows))
    }
}

/// Writes the corpus export into `dir` (created if needed), one Parquet file per record
/// kind, and returns each file with its row count, in [`KINDS`] order.
pub fn export_parquet(conn: &Db, dir: &Path) -> Result<Vec<(PathBuf, u64)>> {
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let mut files = KINDS.iter().map(|&(kind, stem)| KindFile::create(dir, kind, stem)).collect::<Result<Vec<_>>>()?;
    let outcome = query::export_records(conn, |kind, record| match files.iter_mut().find(|f| f.kind == kind) {
        Some(f) => f.push(&record),
        None => Err(Error::Invalid(format!("export: record kind {kind} has no Parquet file"))),
    });
    if let Err(e) = outcome {
        for f in &files {
            let _ = std::fs::remove_file(&f.tmp);
        }
        return Err(e);
    }
    let mut written = Vec::with_capacity(files.len());
    for f in files {
        let tmp = f.tmp.clone();
        match f.finish() {
            Ok(done) => written.push(done),
            Err(e) => {
                let _ = std::fs::remove_file(tmp);
                return Err(e);
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_schema_with_an_id_first() {
        for (kind, _) in KINDS {
            let s = schema(kind).expect(kind);
            assert_eq!(s.field(0).name(), "id", "{kind}");
        }
        assert!(schema("nothing").is_none());
    }

    #[test]
    fn a_record_of_the_wrong_shape_is_an_error_naming_the_kind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut f = KindFile::create(dir.path(), "quote", "quotes").expect("create");
        let bad = serde_json::json!({"id": "q1", "text": "x", "doc": "d", "start": "not a number", "end": 1, "kind": "direct"});
        let err = f.push(&bad).and_then(|()| f.finish().map(|_| ())).expect_err("a string offset is refused");
        let msg = err.to_string();
        assert!(msg.contains("quotes.parquet: quote records up to 1") && msg.contains("start"), "{msg}");
    }

    #[test]
    fn maps_and_nested_lists_survive_the_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut f = KindFile::create(dir.path(), "actor", "actors").expect("create");
        let actor = serde_json::json!({"id": "a1", "name": "Mark Delkoff", "type": "PERSON",
            "aliases": ["Delkoff", "Delkov"], "roles": [{"text": "envoy", "docs": ["d1", "d2"]}],
            "codes": {"cameo": "USAGOV"}});
        f.push(&actor).expect("push");
        let (path, rows) = f.finish().expect("finish");
        assert_eq!(rows, 1);
        let file = File::open(&path).expect("open");
        let batches: Vec<_> = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("reader")
            .build()
            .expect("build")
            .collect::<std::result::Result<_, _>>()
            .expect("read");
        let mut w = arrow_json::WriterBuilder::new().build::<_, arrow_json::writer::LineDelimited>(Vec::new());
        for b in &batches {
            w.write(b).expect("write");
        }
        w.finish().expect("finish");
        let back: Value = serde_json::from_slice(&w.into_inner()).expect("json");
        assert_eq!(back, actor);
    }
}
