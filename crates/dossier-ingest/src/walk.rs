//! Directories as inputs: `dossier ingest reports/` reads every report under `reports/`.
//!
//! The walk is recursive and deterministic: entries are visited in byte order of their names,
//! so the same folder always gives the same documents in the same order (and the same
//! document ids), whatever the file system returns. Hidden entries (`.git`, `.DS_Store`) are
//! not entered; symbolic links to directories are not followed (a link back to a parent would
//! loop), links to files are read. Files are kept by extension (see [`is_document_file`]);
//! the others are counted, so the caller can say what it left out.

use std::path::{Path, PathBuf};

use crate::IngestError;

/// File names a report can come in: text, JSON Lines, HTML pages, web archives and feeds.
/// Matched case-insensitively at the end of the name (`.warc.gz` included).
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    ".txt", ".text", ".md", ".jsonl", ".ndjson", ".json", ".html", ".htm", ".xhtml", ".shtml", ".warc", ".warc.gz",
    ".arc", ".arc.gz", ".rss", ".atom", ".rdf", ".xml",
];

/// Whether a file name is one of [`DOCUMENT_EXTENSIONS`].
pub fn is_document_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    DOCUMENT_EXTENSIONS.iter().any(|e| lower.ends_with(e) && lower.len() > e.len())
}

/// What a directory walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Report files, in walk order.
    pub files: Vec<PathBuf>,
    /// Regular files left out because of their extension (or their being hidden).
    pub skipped: usize,
    /// Directories or entries that could not be read; the walk goes on without them.
    pub errors: Vec<IngestError>,
}

/// Walks `dir` recursively. With `any_file` every regular, non-hidden file is kept (the user
/// said what the inputs are); otherwise only [`is_document_file`] names.
pub fn walk_dir(dir: &Path, any_file: bool) -> Walk {
    let mut walk = Walk::default();
    // An explicit stack keeps deep trees off the call stack.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(source) => {
                walk.errors.push(IngestError::Io { path: d.display().to_string(), source });
                continue;
            }
        };
        let mut names: Vec<(std::ffi::OsString, PathBuf)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => names.push((e.file_name(), e.path())),
                Err(source) => walk.errors.push(IngestError::Io { path: d.display().to_string(), source }),
            }
        }
        names.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
        let mut subdirs = Vec::new();
        for (name, path) in names {
            let name = name.to_string_lossy();
            let hidden = name.starts_with('.');
            // `symlink_metadata` does not follow a link: a link is never walked into.
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                walk.errors.push(IngestError::Document {
                    path: path.display().to_string(),
                    message: "cannot be read".to_string(),
                });
                continue;
            };
            if meta.is_dir() {
                if !hidden {
                    subdirs.push(path);
                }
                continue;
            }
            // A link to a file reads as that file; a dangling link or a link to a
            // directory is left out.
            let is_file = meta.is_file() || (meta.file_type().is_symlink() && path.is_file());
            if !is_file {
                continue;
            }
            if !hidden && (any_file || is_document_file(&name)) {
                walk.files.push(path);
            } else {
                walk.skipped += 1;
            }
        }
        // Files of a directory before its subdirectories, subdirectories in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    walk
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, b"text").expect("write");
    }

    #[test]
    fn extensions_are_matched_whole_and_case_blind() {
        assert!(is_document_file("a.txt"));
        assert!(is_document_file("CALL.TXT"));
        assert!(is_document_file("crawl.warc.gz"));
        assert!(is_document_file("feed.rss"));
        assert!(!is_document_file("photo.png"));
        assert!(!is_document_file("notes.txt.bak"));
        assert!(!is_document_file(".txt"));
        assert!(!is_document_file("archive.tar.gz"));
    }

    #[test]
    fn walks_in_name_order_depth_first_and_counts_what_it_leaves_out() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        for f in ["b.txt", "a.html", "z/2.jsonl", "z/1.txt", "m/deep/x.md", "photo.png", ".hidden.txt", ".git/c.txt"] {
            touch(&root.join(f));
        }
        let w = walk_dir(root, false);
        let rel: Vec<String> =
            w.files.iter().map(|p| p.strip_prefix(root).expect("under root").display().to_string()).collect();
        assert_eq!(rel, ["a.html", "b.txt", "m/deep/x.md", "z/1.txt", "z/2.jsonl"]);
        // photo.png and .hidden.txt; nothing under .git is looked at
        assert_eq!(w.skipped, 2);
        assert!(w.errors.is_empty());
        // Told what the inputs are, every visible file is read.
        let all = walk_dir(root, true);
        assert_eq!(all.files.len(), 6);
        assert_eq!(all.skipped, 1);
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let gone = tmp.path().join("nope");
        let w = walk_dir(&gone, false);
        assert!(w.files.is_empty());
        assert_eq!(w.errors.len(), 1);
        assert!(w.errors[0].to_string().contains("nope"), "{}", w.errors[0]);
    }

    #[cfg(unix)]
    #[test]
    fn links_to_directories_are_not_followed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        touch(&root.join("sub/a.txt"));
        std::os::unix::fs::symlink(root, root.join("sub/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("b.txt")).expect("symlink");
        let w = walk_dir(root, false);
        let rel: Vec<String> =
            w.files.iter().map(|p| p.strip_prefix(root).expect("under root").display().to_string()).collect();
        assert_eq!(rel, ["b.txt", "sub/a.txt"]);
    }
}
