//! A small CoNLL-U reader for training and evaluation (basic trees only: multiword-token
//! range lines and empty nodes are skipped).

use std::path::Path;

use crate::error::TrainError;

/// One sentence of syntactic words with its gold columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub forms: Vec<String>,
    pub lemmas: Vec<String>,
    pub upos: Vec<String>,
    pub xpos: Vec<String>,
    /// 0 = root, otherwise the 1-based index of the head word.
    pub heads: Vec<u32>,
    pub deprels: Vec<String>,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// A line that is not valid CoNLL-U.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// Parses CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let err = |message: String| ConlluError { line: i + 1, message };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!("expected 10 columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id.parse().map_err(|_| err(format!("bad ID {id:?}")))?;
        if id != cur.len() + 1 {
            return Err(err(format!("word ID {id} out of sequence")));
        }
        let head: u32 = match cols[6] {
            "_" => 0,
            h => h.parse().map_err(|_| err(format!("bad HEAD {h:?}")))?,
        };
        cur.forms.push(cols[1].to_owned());
        cur.lemmas.push(cols[2].to_owned());
        cur.upos.push(cols[3].to_owned());
        cur.xpos.push(cols[4].to_owned());
        cur.heads.push(head);
        cur.deprels.push(cols[7].to_owned());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    for (si, s) in out.iter().enumerate() {
        if s.heads.iter().any(|&h| h as usize > s.len()) {
            return Err(ConlluError { line: 0, message: format!("sentence {}: head out of range", si + 1) });
        }
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
pub fn read(path: &Path) -> Result<Vec<Sentence>, TrainError> {
    let text = std::fs::read_to_string(path).map_err(|source| TrainError::Io { path: path.to_owned(), source })?;
    parse(&text).map_err(|e| TrainError::Format { path: path.to_owned(), line: e.line, message: e.message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges() {
        let text = "# text = I can't go.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
        let s = parse(text).expect("parses");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].forms, ["I", "ca", "n't", "go", "."]);
        assert_eq!(s[0].heads, [4, 4, 4, 0, 4]);
        assert!(parse("1\tx\n").is_err());
        assert!(parse("1\ta\ta\tX\tX\t_\t9\tdep\t_\t_\n").is_err());
    }
}
