//! The combined tagger + lemmatizer + parser model and its public analysis API.

use std::sync::OnceLock;

use crate::clusters::Clusters;
use crate::error::ModelError;
use crate::hash::hash_str;
use crate::io::{Reader, Writer, frame, unframe};
use crate::lemma::Lemmatizer;
use crate::lex::{TokLex, lex_sentence};
use crate::parser::{Parser, Tokens};
use crate::tagger::Tagger;
use crate::upos::Upos;

pub(crate) const TAGGER_MAGIC: &[u8; 8] = b"DSTAG01\n";
pub(crate) const PARSER_MAGIC: &[u8; 8] = b"DSPAR01\n";

const BUILTIN_TAGGER: &[u8] = include_bytes!("../models/tagger.bin");
const BUILTIN_PARSER: &[u8] = include_bytes!("../models/parser.bin");
static BUILTIN: OnceLock<Result<SyntaxModel, ModelError>> = OnceLock::new();

/// Tags, lemmas and a dependency tree for one sentence. All vectors have one entry per
/// input word, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceAnalysis<'m> {
    pub upos: Vec<Upos>,
    /// Penn Treebank tag (`NN`, `VBD`, ...).
    pub xpos: Vec<&'m str>,
    pub lemma: Vec<String>,
    /// 0 = root, otherwise the 1-based index of the head word in the sentence.
    pub head: Vec<u32>,
    /// Universal Dependencies relation, with subtype where predicted (`nsubj`, `obl:tmod`).
    pub deprel: Vec<&'m str>,
}

/// Alias kept for callers that think of it as "the analysis".
pub type Analysis<'m> = SentenceAnalysis<'m>;

impl SentenceAnalysis<'_> {
    pub fn len(&self) -> usize {
        self.head.len()
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    /// The 0-based index of the root word (`None` only for an empty sentence).
    pub fn root(&self) -> Option<usize> {
        self.head.iter().position(|&h| h == 0)
    }

    /// 0-based indices of the dependents of the word with 1-based index `head` (0 = the
    /// artificial root), in sentence order.
    pub fn children(&self, head: u32) -> impl Iterator<Item = usize> + '_ {
        self.head.iter().enumerate().filter(move |(_, h)| **h == head).map(|(i, _)| i)
    }
}

/// Tagger, lemmatizer and parser. `Send + Sync`; share one instance between threads.
pub struct SyntaxModel {
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
}

impl std::fmt::Debug for SyntaxModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxModel")
            .field("tags", &self.tagger.labels.len())
            .field("tagger_features", &self.tagger.weights.n_rows())
            .field("tagger_weights", &self.tagger.weights.n_weights())
            .field("tagger_stage2_weights", &self.tagger.stage2.as_ref().map(|w| w.n_weights()))
            .field("clusters", &self.tagger.clusters.len())
            .field("relations", &self.parser.labels.len())
            .field("parser_move_features", &self.parser.moves.n_rows())
            .field("parser_label_features", &self.parser.labeler.n_rows())
            .field("parser_label_weights", &self.parser.labeler.n_weights())
            .finish()
    }
}

pub(crate) fn tagger_to_bytes(tagger: &Tagger, lemmatizer: &Lemmatizer) -> Vec<u8> {
    let mut w = Writer::default();
    tagger.write(&mut w);
    lemmatizer.write(&mut w);
    if !tagger.clusters.is_empty() {
        w.u8(1);
        tagger.clusters.write(&mut w);
    }
    frame(TAGGER_MAGIC, &w.buf)
}

pub(crate) fn tagger_from_bytes(bytes: &[u8]) -> Result<(Tagger, Lemmatizer), ModelError> {
    let raw = unframe(TAGGER_MAGIC, "tagger", bytes)?;
    let mut r = Reader::new(&raw);
    let mut tagger = Tagger::read(&mut r)?;
    let lemmatizer = Lemmatizer::read(&mut r)?;
    if !r.is_empty() {
        match r.u8()? {
            1 => tagger.clusters = Clusters::read(&mut r)?,
            f => return Err(ModelError::Corrupt(format!("unknown tagger section {f}"))),
        }
    }
    if !r.is_empty() {
        return Err(ModelError::Corrupt("trailing bytes in tagger model".into()));
    }
    Ok((tagger, lemmatizer))
}

pub(crate) fn parser_to_bytes(parser: &Parser) -> Vec<u8> {
    let mut w = Writer::default();
    parser.write(&mut w);
    frame(PARSER_MAGIC, &w.buf)
}

pub(crate) fn parser_from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
    let raw = unframe(PARSER_MAGIC, "parser", bytes)?;
    let mut r = Reader::new(&raw);
    let parser = Parser::read(&mut r)?;
    if !r.is_empty() {
        return Err(ModelError::Corrupt("trailing bytes in parser model".into()));
    }
    Ok(parser)
}

/// Reusable per-thread buffers (avoids allocation per sentence in hot loops).
#[derive(Default)]
pub struct Scratch {
    lex: Vec<TokLex>,
    tags: Vec<u16>,
    words: Vec<u64>,
    tag_feats: Vec<u64>,
    cf: Vec<u64>,
    cc: Vec<u64>,
    lm: Vec<u64>,
}

impl SyntaxModel {
    /// The models embedded in the binary, decompressed and indexed once per process.
    pub fn builtin() -> Result<&'static SyntaxModel, ModelError> {
        BUILTIN.get_or_init(|| SyntaxModel::from_bytes(BUILTIN_TAGGER, BUILTIN_PARSER)).as_ref().map_err(Clone::clone)
    }

    /// The embedded model files `(tagger.bin, parser.bin)`, e.g. to write them out.
    pub fn builtin_bytes() -> (&'static [u8], &'static [u8]) {
        (BUILTIN_TAGGER, BUILTIN_PARSER)
    }

    /// Loads a tagger file (tagger + lemmatizer) and a parser file, as written by training.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Self, ModelError> {
        let (tagger, lemmatizer) = tagger_from_bytes(tagger)?;
        let parser = parser_from_bytes(parser)?;
        Ok(Self { tagger, lemmatizer, parser })
    }

    /// Speed/accuracy knob of the two-pass tagger: tokens whose first-pass score margin is at
    /// least `margin` (weight units) skip the second pass. `f32::INFINITY` = always run it;
    /// the default, 20, costs about 0.05 UPOS and saves about 15 % of the time.
    pub fn with_tagger_margin(mut self, margin: f32) -> Self {
        self.tagger.margin = margin;
        self
    }

    /// Serialized tagger file (tagger + lemmatizer).
    pub fn tagger_bytes(&self) -> Vec<u8> {
        tagger_to_bytes(&self.tagger, &self.lemmatizer)
    }

    /// Serialized parser file.
    pub fn parser_bytes(&self) -> Vec<u8> {
        parser_to_bytes(&self.parser)
    }

    /// The dependency relations the parser can predict.
    pub fn relations(&self) -> impl Iterator<Item = &str> {
        self.parser.labels.iter().map(|l| &**l)
    }

    /// Tags, lemmatizes and parses one sentence of words (already tokenized, UD style).
    pub fn analyze_sentence(&self, words: &[&str]) -> SentenceAnalysis<'_> {
        let mut scratch = Scratch::default();
        let mut out = SentenceAnalysis::default();
        self.analyze_sentence_with(words, &mut scratch, &mut out);
        out
    }

    /// Like [`SyntaxModel::analyze_sentence`], reusing buffers: `out` is overwritten.
    pub fn analyze_sentence_with<'m>(&'m self, words: &[&str], scratch: &mut Scratch, out: &mut SentenceAnalysis<'m>) {
        out.upos.clear();
        out.xpos.clear();
        out.lemma.clear();
        out.head.clear();
        out.deprel.clear();
        if words.is_empty() {
            return;
        }
        lex_sentence(words, &mut scratch.lex);
        self.tagger.clusters.annotate(&mut scratch.lex);
        self.tagger.tag(&scratch.lex, &mut scratch.tags);
        scratch.words.clear();
        scratch.tag_feats.clear();
        scratch.cf.clear();
        scratch.cc.clear();
        scratch.lm.clear();
        for ((word, lex), &t) in words.iter().zip(&scratch.lex).zip(&scratch.tags) {
            let label = &self.tagger.labels[usize::from(t)];
            out.upos.push(label.upos);
            out.xpos.push(&label.xpos);
            let lemma = self.lemmatizer.lemmatize(word, label.xpos_hash);
            scratch.lm.push(hash_str(&lemma));
            out.lemma.push(lemma);
            scratch.words.push(lex.wl);
            scratch.cf.push(lex.cf);
            scratch.cc.push(lex.cc);
            scratch.tag_feats.push(label.xpos_hash);
        }
        let upos = &out.upos;
        let toks =
            Tokens::new(&scratch.words, &scratch.tag_feats, &scratch.cf, &scratch.cc, &scratch.lm, self.parser.extra);
        let st =
            self.parser.parse(&toks, |w| upos.get((w as usize).wrapping_sub(1)).is_some_and(|u| *u == Upos::Punct));
        for w in 1..=words.len() {
            out.head.push(st.head[w]);
            out.deprel.push(self.parser.labels.get(usize::from(st.label[w])).map_or("dep", |l| &**l));
        }
        subject_before_adjunct(out);
    }
}

/// `Russia on Monday rejected the proposal`: a subject, an adjunct, then the finite verb,
/// which the parser may hang on the subject as a modifier (`acl`) or conjunct, leaving a
/// noun as the root. No tree of the training treebanks has a finite verb (VBD, VBZ, VBP)
/// hung that way on a nominal root without a subject, subordinator or coordinator of its
/// own and with no punctuation between them, so the tree is turned around: the verb is the
/// root, the noun its subject, and the noun's modifiers between them (`on Monday`) and
/// dependents after the verb go to the verb.
fn subject_before_adjunct(a: &mut SentenceAnalysis<'_>) {
    let n = a.head.len();
    let Some(r) = a.head.iter().position(|&h| h == 0) else { return };
    if !matches!(a.upos[r], Upos::Noun | Upos::Propn) {
        return;
    }
    let children = |head: &[u32], x: usize| (0..n).filter(move |&c| head[c] as usize == x + 1).collect::<Vec<_>>();
    // A noun root with a subject or copula is a clause of its own (`It is an oath ...`).
    if children(&a.head, r).iter().any(|&c| matches!(a.deprel[c], "nsubj" | "nsubj:pass" | "csubj" | "cop" | "expl")) {
        return;
    }
    // The verb hangs on the root or on a modifier of it between them (`Ilves on Wednesday
    // called`, hung on `Wednesday`).
    let hangs_on_root = |v: usize| {
        let mut h = a.head[v] as usize;
        for _ in 0..8 {
            if h == r + 1 {
                return true;
            }
            let x = h.wrapping_sub(1);
            let modifier = r < x
                && x < v
                && matches!(a.upos[x], Upos::Noun | Upos::Propn | Upos::Num)
                && a.deprel[x].starts_with("nmod");
            if !modifier {
                return false;
            }
            h = a.head[x] as usize;
        }
        false
    };
    let Some(v) = (r + 1..n).find(|&v| {
        matches!(a.deprel[v], "acl" | "acl:relcl" | "conj")
            && matches!(a.xpos[v], "VBD" | "VBZ" | "VBP")
            && hangs_on_root(v)
            && !children(&a.head, v)
                .iter()
                .any(|&c| matches!(a.deprel[c], "nsubj" | "nsubj:pass" | "csubj" | "expl" | "mark" | "cc"))
            && !(r + 1..v).any(|t| matches!(a.upos[t], Upos::Punct | Upos::Cconj))
    }) else {
        return;
    };
    for c in 0..n {
        if a.head[c] as usize != r + 1 || c == v {
            continue;
        }
        if c > v {
            a.head[c] = v as u32 + 1;
        } else if c > r {
            a.head[c] = v as u32 + 1;
            a.deprel[c] = match a.deprel[c] {
                "nmod" => "obl",
                "nmod:unmarked" => "obl:unmarked",
                "nmod:tmod" => "obl:tmod",
                "nmod:npmod" => "obl:npmod",
                other => other,
            };
        }
    }
    a.head[v] = 0;
    a.deprel[v] = "root";
    a.head[r] = v as u32 + 1;
    a.deprel[r] = "nsubj";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An analysis from `(upos, xpos, head, deprel)` rows.
    fn analysis(rows: &[(Upos, &'static str, u32, &'static str)]) -> SentenceAnalysis<'static> {
        SentenceAnalysis {
            upos: rows.iter().map(|r| r.0).collect(),
            xpos: rows.iter().map(|r| r.1).collect(),
            lemma: vec![String::new(); rows.len()],
            head: rows.iter().map(|r| r.2).collect(),
            deprel: rows.iter().map(|r| r.3).collect(),
        }
    }

    #[test]
    fn a_finite_verb_hung_on_its_subject_becomes_the_root() {
        use Upos::*;
        // "Russia on Monday rejected the proposal ." read as a noun with a modifier.
        let mut a = analysis(&[
            (Propn, "NNP", 0, "root"),
            (Adp, "IN", 3, "case"),
            (Propn, "NNP", 1, "nmod"),
            (Verb, "VBD", 1, "acl"),
            (Det, "DT", 6, "det"),
            (Noun, "NN", 4, "obj"),
            (Punct, ".", 1, "punct"),
        ]);
        subject_before_adjunct(&mut a);
        assert_eq!(a.head, vec![4, 3, 4, 0, 6, 4, 4]);
        assert_eq!(a.deprel, vec!["nsubj", "case", "obl", "root", "det", "obj", "punct"]);
        // "Ilves on Wednesday called on the governor": the verb hung on the time phrase.
        let mut a = analysis(&[
            (Propn, "NNP", 0, "root"),
            (Adp, "IN", 3, "case"),
            (Propn, "NNP", 1, "nmod"),
            (Verb, "VBD", 3, "acl"),
            (Adp, "IN", 7, "case"),
            (Det, "DT", 7, "det"),
            (Noun, "NN", 4, "obl"),
        ]);
        subject_before_adjunct(&mut a);
        assert_eq!(a.head, vec![4, 3, 4, 0, 7, 7, 4]);
        assert_eq!(a.deprel, vec!["nsubj", "case", "obl", "root", "case", "det", "obl"]);
    }

    #[test]
    fn a_reduced_relative_or_a_copular_root_stays() {
        use Upos::*;
        // "the money raised last year" (a participle: VBN).
        let participle = analysis(&[
            (Det, "DT", 2, "det"),
            (Noun, "NN", 0, "root"),
            (Verb, "VBN", 2, "acl"),
            (Adj, "JJ", 5, "amod"),
            (Noun, "NN", 3, "obl:unmarked"),
        ]);
        // "It is an oath fought by ..." with the participle tagged VBD: the root has a subject.
        let copular = analysis(&[
            (Pron, "PRP", 4, "nsubj"),
            (Aux, "VBZ", 4, "cop"),
            (Det, "DT", 4, "det"),
            (Noun, "NN", 0, "root"),
            (Verb, "VBD", 4, "acl"),
        ]);
        // "Officials , on Friday , signed": punctuation between them.
        let commas = analysis(&[(Noun, "NNS", 0, "root"), (Punct, ",", 1, "punct"), (Verb, "VBD", 1, "conj")]);
        for a in [participle, copular, commas] {
            let mut b = a.clone();
            subject_before_adjunct(&mut b);
            assert_eq!((b.head, b.deprel), (a.head, a.deprel));
        }
    }
}
