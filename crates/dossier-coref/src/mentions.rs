//! Mention detection over the syntax and entities layers: pronouns, noun phrases with their
//! maximal (OntoNotes-style) spans, coordinations, and names the parse left inside a larger
//! phrase. One pass over the tokens of each sentence.

use dossier_text::{Doc, TokenKind};

use crate::lexicon::{self, ANIMATE, ANY_ANIMACY, ANY_GENDER, ANY_NUMBER, FEMALE, INANIMATE, MALE, NEUTER, PL, SG};

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A proper name (or a phrase headed by one).
    Name,
    /// A phrase headed by a common noun (`the envoy`, `a senior aide to the president`).
    Nominal,
    /// A personal, possessive or reflexive pronoun.
    Pronoun,
}

/// A candidate referring expression. Token indices are into [`Doc::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The syntactic head token.
    pub head: usize,
    pub kind: MentionKind,
    /// Sentence index.
    pub sentence: usize,
    /// The entity of [`Doc::entities`] whose name mention covers the head, if any.
    pub entity: Option<usize>,
    /// Bit sets of possible values (see [`lexicon`]).
    pub number: u8,
    pub gender: u8,
    pub animacy: u8,
    /// 1, 2 or 3 (grammatical person; 3 for noun phrases).
    pub person: u8,
    pub reflexive: bool,
    /// Introduced by `a`, `an`, `another`, `some`, `no`, ...: starts a new entity.
    pub indefinite: bool,
    /// A coordination (`Witkoff and Kushner`): plural, never matched by its head word.
    pub coordination: bool,
    /// A common noun phrase with neither determiner nor possessor (`exposure`, `people`):
    /// usually generic, which OntoNotes does not link.
    pub bare: bool,
    /// Inside a direct quotation.
    pub in_quote: bool,
    /// Depth of the head in its dependency tree (0 = root), capped; for salience.
    pub depth: u16,
}

/// Relations whose dependents belong to a noun phrase's maximal span.
fn np_internal(rel: &str) -> bool {
    matches!(rel, "det" | "amod" | "nummod" | "nmod" | "acl" | "appos" | "compound" | "flat" | "fixed" | "case")
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "„" | "«" | "»" | "``" | "''")
}

/// Per-token flag: inside a direct quotation. Straight quotes toggle; curly and guillemet
/// quotes open and close; a paragraph break closes any open quotation (so one stray mark
/// cannot swallow the rest of a document).
pub fn quote_flags(doc: &Doc) -> Vec<bool> {
    let text = doc.text();
    let mut out = vec![false; doc.tokens.len()];
    let mut open = false;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.gap == dossier_text::Gap::Paragraph {
            open = false;
        }
        let s = t.text(text);
        if t.kind == TokenKind::Punct && is_quote_mark(s) {
            open = match s {
                "“" | "„" | "«" | "``" => true,
                "”" | "»" | "''" => false,
                _ => !open,
            };
            continue;
        }
        out[i] = open;
    }
    out
}

/// Entity index per token for tokens inside a name or label mention of [`Doc::entities`].
pub fn token_entities(doc: &Doc) -> Vec<Option<u32>> {
    let mut out = vec![None; doc.tokens.len()];
    for (e, ent) in doc.entities.iter().enumerate() {
        for m in &ent.mentions {
            if m.kind != "name" && m.kind != "label" {
                continue;
            }
            let a = doc.tokens.partition_point(|t| t.range.end() <= m.range.start());
            for (k, t) in doc.tokens.iter().enumerate().skip(a) {
                if t.range.start() >= m.range.end() {
                    break;
                }
                out[k] = Some(e as u32);
            }
        }
    }
    out
}

const MAX_DEPTH: u16 = 64;

/// Detects the mentions of a document, in document order (by start, longer first).
pub fn detect(doc: &Doc) -> Vec<Mention> {
    let text = doc.text();
    let syn = &doc.syntax;
    let has_syntax = syn.len() == doc.tokens.len() && !syn.is_empty();
    let ents = token_entities(doc);
    let quotes = quote_flags(doc);
    let mut out: Vec<Mention> = Vec::new();
    let mut is_head = vec![false; doc.tokens.len()];
    let mut bounds: Vec<(u32, u32)> = Vec::new();
    let mut lower = String::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let range = s.token_indices();
        let first = range.start;
        if range.end > doc.tokens.len() {
            continue;
        }
        if has_syntax {
            syn.subtree_bounds(range.clone(), &mut bounds);
        }
        for t in range.clone() {
            let tok = doc.tokens[t];
            if tok.kind != TokenKind::Word {
                continue;
            }
            lower.clear();
            lower.extend(tok.text(text).chars().flat_map(char::to_lowercase));
            let upos = syn.upos(t);
            let depth = if has_syntax { syn.ancestors(t).take(MAX_DEPTH as usize).count() as u16 } else { 0 };
            let base = Mention {
                start: t,
                end: t + 1,
                head: t,
                kind: MentionKind::Nominal,
                sentence: si,
                entity: ents[t].map(|e| e as usize),
                number: ANY_NUMBER,
                gender: ANY_GENDER,
                animacy: ANY_ANIMACY,
                person: 3,
                reflexive: false,
                indefinite: false,
                coordination: false,
                bare: false,
                in_quote: quotes[t],
                depth,
            };
            if !has_syntax || upos == "PRON" {
                if let Some(info) = lexicon::pronoun(&lower)
                    && syn.deprel(t) != "expl"
                {
                    is_head[t] = true;
                    out.push(Mention {
                        kind: MentionKind::Pronoun,
                        entity: None,
                        number: info.number,
                        gender: info.gender,
                        animacy: info.animacy,
                        person: info.person,
                        reflexive: info.reflexive,
                        ..base
                    });
                }
                continue;
            }
            if upos != "NOUN" && upos != "PROPN" {
                continue;
            }
            let rel = syn.base_deprel(t);
            if matches!(rel, "compound" | "flat" | "fixed" | "goeswith" | "appos") {
                continue;
            }
            // A predicate nominal (`X is the envoy`) describes, it does not refer (OntoNotes).
            if syn.children(t).any(|c| syn.deprel(c) == "cop") {
                continue;
            }
            let (mut lo, mut hi) = (t, t);
            let mut indefinite = false;
            let mut determined = false;
            let mut conj_hi = None;
            for c in syn.children(t) {
                let crel = syn.base_deprel(c);
                if crel == "conj" {
                    if let Some(&(_, h)) = bounds.get(c - first) {
                        conj_hi = Some(h as usize);
                    }
                    continue;
                }
                if !np_internal(crel) || (crel == "case" && c < t) {
                    continue;
                }
                if crel == "det" || syn.deprel(c) == "nmod:poss" {
                    determined = true;
                }
                if crel == "det"
                    && matches!(
                        syn.lemma(c).to_ascii_lowercase().as_str(),
                        "a" | "an" | "another" | "some" | "any" | "no" | "every" | "each"
                    )
                {
                    indefinite = true;
                }
                if let Some(&(a, b)) = bounds.get(c - first) {
                    lo = lo.min(a as usize);
                    hi = hi.max(b as usize);
                }
            }
            // No punctuation at the edges.
            while hi > t && doc.tokens[hi].kind == TokenKind::Punct {
                hi -= 1;
            }
            while lo < t && doc.tokens[lo].kind == TokenKind::Punct {
                lo += 1;
            }
            let plural = matches!(syn.xpos(t), "NNS" | "NNPS");
            let entity_kind = ents[t].and_then(|e| doc.entities.get(e as usize)).map(|e| e.kind);
            let lemma = syn.lemma(t).to_lowercase();
            let (number, gender, animacy, kind) = match entity_kind {
                Some("PERSON") => {
                    let g = doc.tokens[lo..=hi]
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| ents[lo + k] == ents[t] && syn.upos(lo + k) == "PROPN")
                        .find_map(|(_, tk)| lexicon::first_name_gender(&tk.text(text).to_lowercase()))
                        .unwrap_or(MALE | FEMALE);
                    (if plural { PL } else { SG }, g, ANIMATE, MentionKind::Name)
                }
                Some("ORG") => (ANY_NUMBER, NEUTER, INANIMATE, MentionKind::Name),
                Some("GROUP") => (PL, ANY_GENDER, ANIMATE, MentionKind::Name),
                Some(_) => (if plural { PL } else { SG }, NEUTER, INANIMATE, MentionKind::Name),
                None if upos == "PROPN" => {
                    (if plural { PL } else { ANY_NUMBER }, ANY_GENDER, ANY_ANIMACY, MentionKind::Name)
                }
                None => {
                    let number = if plural { PL } else { SG };
                    if lexicon::is_person_noun(&lemma) {
                        (number, lexicon::noun_gender(&lemma).unwrap_or(MALE | FEMALE), ANIMATE, MentionKind::Nominal)
                    } else if lexicon::is_org_noun(&lemma) {
                        (ANY_NUMBER, NEUTER, INANIMATE, MentionKind::Nominal)
                    } else {
                        (number, NEUTER, INANIMATE, MentionKind::Nominal)
                    }
                }
            };
            is_head[t] = true;
            let bare = kind == MentionKind::Nominal && !determined;
            let m = Mention { start: lo, end: hi + 1, kind, number, gender, animacy, indefinite, bare, ..base.clone() };
            if let Some(ch) = conj_hi {
                let mut end = ch.max(hi);
                while end > t && doc.tokens[end].kind == TokenKind::Punct {
                    end -= 1;
                }
                out.push(Mention {
                    end: end + 1,
                    kind: MentionKind::Nominal,
                    entity: None,
                    number: PL,
                    gender: ANY_GENDER,
                    animacy: ANY_ANIMACY,
                    indefinite: false,
                    coordination: true,
                    ..m.clone()
                });
            }
            out.push(m);
        }
    }
    // Names the parse buried inside a larger phrase (`Kremlin` in `a Kremlin aide`).
    let mut k = 0;
    while k < doc.tokens.len() {
        let Some(e) = ents[k] else {
            k += 1;
            continue;
        };
        let mut end = k + 1;
        while end < doc.tokens.len() && ents[end] == Some(e) {
            end += 1;
        }
        if !is_head[k..end].iter().any(|&h| h) {
            let sentence = doc.sentence_index(k);
            let ent = &doc.entities[e as usize];
            let (number, gender, animacy) = match ent.kind {
                "PERSON" => (SG, MALE | FEMALE, ANIMATE),
                "GROUP" => (PL, ANY_GENDER, ANIMATE),
                "ORG" => (ANY_NUMBER, NEUTER, INANIMATE),
                _ => (SG, NEUTER, INANIMATE),
            };
            out.push(Mention {
                start: k,
                end,
                head: end - 1,
                kind: MentionKind::Name,
                sentence,
                entity: Some(e as usize),
                number,
                gender,
                animacy,
                person: 3,
                reflexive: false,
                indefinite: false,
                coordination: false,
                bare: false,
                in_quote: quotes[k],
                depth: if has_syntax { syn.ancestors(end - 1).take(MAX_DEPTH as usize).count() as u16 } else { 0 },
            });
        }
        k = end;
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.head.cmp(&b.head)));
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    out
}
