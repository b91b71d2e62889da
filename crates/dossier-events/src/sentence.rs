//! The parsed-sentence view the coder works on: any UD dependency parse (the CoNLL-U shipped
//! with test records, or dossier's own parser) fills it.

/// One sentence: words with lemma, UPOS, head (1-based, 0 = root) and relation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedSentence {
    pub words: Vec<String>,
    pub lemmas: Vec<String>,
    pub upos: Vec<String>,
    pub heads: Vec<u32>,
    pub deprels: Vec<String>,
}

impl ParsedSentence {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Adds a word.
    pub fn push(&mut self, word: &str, lemma: &str, upos: &str, head: u32, deprel: &str) {
        self.words.push(word.to_string());
        self.lemmas.push(lemma.to_string());
        self.upos.push(upos.to_string());
        self.heads.push(head);
        self.deprels.push(deprel.to_string());
    }

    /// Reads one CoNLL-U sentence (comments, multiword-token and empty-node lines skipped).
    /// Heads that point outside the sentence are an error naming the line.
    pub fn from_conllu(text: &str) -> Result<Self, String> {
        let mut s = Self::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(format!("line {}: expected 10 tab-separated columns, found {}", n + 1, cols.len()));
            }
            if cols[0].contains('-') || cols[0].contains('.') {
                continue;
            }
            let head: u32 = cols[6].parse().map_err(|_| format!("line {}: bad head {:?}", n + 1, cols[6]))?;
            s.push(cols[1], cols[2], cols[3], head, cols[7]);
        }
        let len = s.len() as u32;
        if let Some(i) = s.heads.iter().position(|&h| h > len) {
            return Err(format!("word {}: head {} outside the sentence", i + 1, s.heads[i]));
        }
        Ok(s)
    }

    /// The head of word `i` as a 0-based index (`None` for the root).
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.heads.get(i) {
            // A head outside the sentence (a malformed parse) counts as none.
            Some(&h) if h > 0 && h as usize <= self.heads.len() => Some(h as usize - 1),
            _ => None,
        }
    }

    /// The relation without its subtype (`nsubj:pass` -> `nsubj`).
    pub fn rel(&self, i: usize) -> &str {
        let d = self.deprels.get(i).map(String::as_str).unwrap_or("");
        d.split(':').next().unwrap_or(d)
    }
}
