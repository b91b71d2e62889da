//! Actors: named-entity recognition over the tokens and sentences of a [`Doc`].
//!
//! [`NerModel`] is an averaged perceptron over hashed lexical features that tags every token
//! with a BILOU label for PERSON, ORG and PLACE, decoded greedily left to right under the BILOU
//! constraints (an `I-`/`L-` tag only continues an open span of the same type). The model is
//! trained with `dossier train ner` on GUM and embedded in the binary; see `models/README.md`.
//!
//! Roles, affiliations and coreference build on these mentions (see the actors issue).

mod features;
mod group;
mod model;
mod roles;

pub use group::group_mentions;
pub use roles::{attach_roles, drop_title_only_persons, is_title_only, is_title_word};

pub use dossier_text::ModelError;
pub use model::{EntityType, Mention, NerModel, NerTrainer, TrainingSentence, labels_from_spans};

use dossier_text::{Doc, TextRange};

/// Recognizes the names in every sentence of a segmented document, then labels the other
/// capitalised occurrences of each recognized name the same way (one sense per document):
/// a name the model found once is found everywhere it recurs.
pub fn recognize(model: &NerModel, doc: &Doc) -> Vec<Mention> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut xpos = Vec::new();
    for s in &doc.sentences {
        let range = s.token_indices();
        xpos.clear();
        if doc.syntax.len() == doc.tokens.len() {
            xpos.extend(range.map(|i| doc.syntax.xpos(i)));
        }
        out.extend(model.tag_sentence(text, doc.sentence_tokens(*s), &xpos));
    }
    extend_hyphenated(doc, &mut out);
    extend_after_titles(doc, &mut out);
    propagate(doc, &mut out);
    retype_definite_names(doc, &mut out);
    retype_seats_of_government(doc.text(), &mut out);
    out
}

/// Buildings and streets that stand for a government (`Kremlin aide`, `Pentagon officials
/// said`, `Downing Street declined`): never a person, whatever the model saw in the phrase.
const SEATS_OF_GOVERNMENT: &[&str] = &[
    "kremlin",
    "pentagon",
    "white house",
    "downing street",
    "number 10",
    "no. 10",
    "whitehall",
    "elysee",
    "élysée",
    "elysee palace",
    "élysée palace",
    "quai d'orsay",
    "matignon",
    "foggy bottom",
    "zhongnanhai",
    "blue house",
    "capitol hill",
    "bankova",
    "langley",
    "palazzo chigi",
    "la moncloa",
    "raisina hill",
    "kasumigaseki",
];

/// A person-typed name that is a seat of government becomes an organisation; other types
/// (`White House` as a place) are left as the model gave them.
fn retype_seats_of_government(text: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| m.kind == EntityType::Person) {
        let name = m.range.slice(text).to_lowercase();
        if SEATS_OF_GOVERNMENT.contains(&name.trim_start_matches("the ")) {
            m.kind = EntityType::Org;
        }
    }
}

/// Index of the token that is exactly `range`, if the mention is one token.
fn one_token(tokens: &[dossier_text::Token], range: TextRange) -> Option<usize> {
    let k = tokens.partition_point(|t| t.range.start() < range.start());
    tokens.get(k).is_some_and(|t| t.range == range).then_some(k)
}

/// Takes in the given name the recognizer left out between a title and a surname (`Kremlin
/// spokesman [Dmitry] Peskov`, `aide [Yuri] Ushakov`): one capitalised word tagged as a proper
/// noun, right before a one-word person's name, right after a role or title word, and inside
/// no other name. Without the title nothing says the word is part of the name (`Monday Peskov said`).
fn extend_after_titles(doc: &Doc, mentions: &mut [Mention]) {
    let text = doc.text();
    let tokens = &doc.tokens;
    if doc.syntax.len() != tokens.len() {
        return;
    }
    let mut taken: Vec<TextRange> = mentions.iter().map(|m| m.range).collect();
    taken.sort();
    let inside_other = |r: TextRange| {
        let k = taken.partition_point(|t| t.end() <= r.start());
        taken.get(k).is_some_and(|t| t.start() < r.end())
    };
    for m in mentions.iter_mut() {
        if m.kind != EntityType::Person {
            continue;
        }
        // Only a lone surname: `Miss Universe Alicia Machado` already has its given name.
        let Some(k) = one_token(tokens, m.range).filter(|&k| k >= 2) else { continue };
        let (given, title) = (&tokens[k - 1], &tokens[k - 2]);
        let word = given.text(text);
        if doc.syntax.xpos(k - 1) == "NNP"
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
            && !is_title_word(word)
            && is_title_word(title.text(text))
            && tokens[k].gap != dossier_text::Gap::None
            && !inside_other(given.range)
        {
            m.range = given.range.cover(m.range);
        }
    }
}

/// A one-word name that the document also writes with `the` in front of it, as a noun phrase
/// of its own (`the Kremlin had threatened`, `the Pentagon said`), names an institution or a
/// place, not a person: people are not written `the Peskov`. Every occurrence of such a name
/// typed PERSON takes the type the name has after `the` (ORG when that one is PERSON too). A
/// name followed by a noun (`the Trump campaign`) or written in the plural (`the Clintons`)
/// proves nothing, and a name also written bare inside a sentence (`saw Tarn himself`) is a
/// person's epithet (`the Undertaker`).
fn retype_definite_names(doc: &Doc, mentions: &mut [Mention]) {
    use std::collections::{HashMap, HashSet};
    let text = doc.text();
    let tokens = &doc.tokens;
    // Without the syntax layer nothing tells `the Belvar had` from `the Orr family`.
    if doc.syntax.len() != tokens.len() {
        return;
    }
    // Word written `the X` -> the type it was given there when not a person (else ORG).
    let mut definite: HashMap<&str, EntityType> = HashMap::new();
    let mut bare: HashSet<&str> = HashSet::new();
    for m in mentions.iter() {
        let Some(k) = one_token(tokens, m.range) else { continue };
        let word = tokens[k].text(text);
        let before = k.checked_sub(1).map(|j| tokens[j].text(text));
        let next = tokens.get(k + 1).map_or("", |t| t.text(text));
        // A modifier of a following noun or a possessor says nothing either way.
        if matches!(doc.syntax.upos(k + 1), "NOUN" | "PROPN" | "NUM") || matches!(next, "'s" | "’s" | "'" | "’") {
            continue;
        }
        if before.is_some_and(|b| b.eq_ignore_ascii_case("the")) {
            if !word.ends_with('s') {
                let kind = definite.entry(word).or_insert(EntityType::Org);
                if m.kind != EntityType::Person {
                    *kind = m.kind;
                }
            }
        } else if m.kind == EntityType::Person
            && before.is_some_and(|b| b.chars().next().is_some_and(char::is_alphabetic))
        {
            // Written bare inside a sentence (`dressed up like Undertaker on`): a name a person
            // can bear, even if the document also calls them `the Undertaker`.
            bare.insert(word);
        }
    }
    definite.retain(|w, _| !bare.contains(w));
    if definite.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.kind == EntityType::Person
            && let Some(&kind) = definite.get(m.range.slice(text))
        {
            m.kind = kind;
        }
    }
}

/// Extends names over hyphen-joined parts the recognizer left out (`Khaled Al` + `-Maeena`,
/// `Suleiman al` + `-Amr`): a hyphen and a capitalised word written without spaces.
fn extend_hyphenated(doc: &Doc, mentions: &mut [Mention]) {
    let text = doc.text();
    let tokens = &doc.tokens;
    for m in mentions.iter_mut() {
        let mut k = tokens.partition_point(|t| t.range.end() <= m.range.end());
        while k + 1 < tokens.len()
            && tokens[k].range.start() == m.range.end()
            && tokens[k].text(text) == "-"
            && tokens[k + 1].gap == dossier_text::Gap::None
            && tokens[k + 1].text(text).chars().next().is_some_and(char::is_uppercase)
        {
            m.range = m.range.cover(tokens[k + 1].range);
            k += 2;
        }
    }
}

fn propagate(doc: &Doc, mentions: &mut Vec<Mention>) {
    use std::collections::HashMap;
    let text = doc.text();
    // Name (as token texts) -> type votes.
    let mut names: HashMap<Vec<&str>, [u32; 3]> = HashMap::new();
    let tokens = &doc.tokens;
    let mut ti = 0;
    let mut mention_words: Vec<Option<Vec<&str>>> = Vec::with_capacity(mentions.len());
    for m in mentions.iter() {
        while ti < tokens.len() && tokens[ti].range.start() < m.range.start() {
            ti += 1;
        }
        let words: Vec<&str> =
            tokens[ti..].iter().take_while(|t| t.range.end() <= m.range.end()).map(|t| t.text(text)).collect();
        if !words.is_empty() && words.len() <= 6 {
            names.entry(words.clone()).or_default()[m.kind as usize] += 1;
            mention_words.push(Some(words));
        } else {
            mention_words.push(None);
        }
    }
    if names.is_empty() {
        return;
    }
    // The surname of a person named in full is a person's name too (`Antonin Scalia` ... `to
    // replace Scalia`, which the model alone may type as a place). A full name is the stronger
    // evidence: it counts twice against the model's guesses for the lone word.
    let surname_votes: Vec<(&str, u32)> = names
        .iter()
        .filter(|(words, votes)| words.len() >= 2 && votes[EntityType::Person as usize] > 0)
        .filter_map(|(words, votes)| words.last().map(|w| (*w, votes[EntityType::Person as usize])))
        // `Voice of America` read as a person does not make `America` one.
        .filter(|(w, _)| !features::names_country_or_org(w))
        .collect();
    for (surname, n) in surname_votes {
        if let Some(votes) = names.get_mut([surname].as_slice()) {
            votes[EntityType::Person as usize] += 2 * n;
        }
    }
    // One sense per document: a name the model labelled differently in different sentences
    // takes the type most of its occurrences got (`Harrow` the school, not the place).
    for (m, words) in mentions.iter_mut().zip(&mention_words) {
        if let Some(votes) = words.as_ref().and_then(|w| names.get(w)) {
            let best = (0..3).max_by_key(|&k| (votes[k], std::cmp::Reverse(k))).unwrap_or(0);
            if votes[best] > votes[m.kind as usize] {
                m.kind = EntityType::ALL[best];
            }
        }
    }
    // A person's surname alone names them too (`Steve Witkoff` ... `Witkoff said`), unless
    // the document uses that word as a name of its own.
    let surnames: Vec<Vec<&str>> = names
        .iter()
        .filter(|(words, votes)| {
            words.len() >= 2
                && votes[EntityType::Person as usize] > 0
                && words.last().is_some_and(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        })
        .filter_map(|(words, _)| words.last().map(|w| vec![*w]))
        .collect();
    for surname in surnames {
        names.entry(surname).or_insert([1, 0, 0]);
    }
    let mut by_first: HashMap<&str, Vec<(&Vec<&str>, EntityType)>> = HashMap::new();
    for (words, votes) in &names {
        let best = (0..3).max_by_key(|&k| (votes[k], std::cmp::Reverse(k))).unwrap_or(0);
        by_first.entry(words[0]).or_default().push((words, EntityType::ALL[best]));
    }
    for list in by_first.values_mut() {
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
    }
    let mut taken: Vec<TextRange> = mentions.iter().map(|m| m.range).collect();
    taken.sort();
    let overlaps = |taken: &[TextRange], r: TextRange| {
        let k = taken.partition_point(|t| t.end() <= r.start());
        taken.get(k).is_some_and(|t| t.start() < r.end())
    };
    let mut added = Vec::new();
    for s in &doc.sentences {
        let toks = doc.sentence_tokens(*s);
        let mut i = 0;
        while i < toks.len() {
            let first = toks[i].text(text);
            let mut step = 1;
            if first.chars().next().is_some_and(char::is_uppercase)
                && let Some(cands) = by_first.get(first)
            {
                for (words, kind) in cands {
                    let n = words.len();
                    if i + n <= toks.len() && toks[i..i + n].iter().zip(words.iter()).all(|(t, w)| t.text(text) == *w) {
                        let r = toks[i].range.cover(toks[i + n - 1].range);
                        if !overlaps(&taken, r) {
                            added.push(Mention { range: r, kind: *kind });
                        }
                        step = n;
                        break;
                    }
                }
            }
            i += step;
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.range.start(), m.range.end()));
    }
}

/// Gold labels for every sentence of a segmented document from byte spans; spans that cross
/// a sentence boundary or do not fall on token boundaries are dropped (count returned).
pub fn sentence_labels(doc: &Doc, spans: &[(TextRange, EntityType)]) -> (Vec<Vec<u8>>, usize) {
    let mut dropped = 0;
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut placed = 0;
    for s in &doc.sentences {
        let inside: Vec<(TextRange, EntityType)> =
            spans.iter().copied().filter(|(r, _)| s.range.contains_range(*r)).collect();
        placed += inside.len();
        let (labels, d) = labels_from_spans(doc.sentence_tokens(*s), &inside);
        dropped += d;
        out.push(labels);
    }
    (out, dropped + spans.len() - placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        roles::tests::doc(text, &[])
    }

    fn at(text: &str, word: &str, nth: usize, kind: EntityType) -> Mention {
        let start = text.match_indices(word).nth(nth).map(|(i, _)| i).expect("word in text");
        Mention { range: TextRange::from_usize(start, start + word.len()), kind }
    }

    /// A document whose syntax layer has the given Penn tags per word (`VB` when unlisted).
    fn tagged(text: &str, tags: &[(&str, &'static str)]) -> Doc {
        let mut d = doc(text);
        let mut syntax = dossier_text::SyntaxBuilder::with_capacity(d.tokens.len());
        for t in &d.tokens {
            let w = t.text(text);
            let xpos = tags.iter().find(|(x, _)| *x == w).map_or("VB", |(_, tag)| tag);
            let upos = match xpos {
                "NNP" => "PROPN",
                "NN" | "NNS" => "NOUN",
                "." => "PUNCT",
                _ => "VERB",
            };
            syntax.push(upos, xpos, "", None, "dep");
        }
        d.syntax = syntax.finish();
        d
    }

    #[test]
    fn a_seat_of_government_is_no_person() {
        let text =
            "Pentagon officials met Kremlin aides; the White House and the Élysée said nothing. Pentagon Smith left.";
        let mut m = vec![
            at(text, "Pentagon", 0, EntityType::Person),
            at(text, "Kremlin", 0, EntityType::Person),
            at(text, "White House", 0, EntityType::Place),
            at(text, "Élysée", 0, EntityType::Person),
            at(text, "Pentagon Smith", 0, EntityType::Person),
        ];
        retype_seats_of_government(text, &mut m);
        let kinds: Vec<_> = m.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [EntityType::Org, EntityType::Org, EntityType::Place, EntityType::Org, EntityType::Person]);
    }

    #[test]
    fn a_name_written_with_the_is_an_institution() {
        let text = "Vasov aide Lena Orr said the Belvar had agreed. Belvar officials and the Orr family \
                    declined. The aide met the Tarn at noon and later saw Tarn himself. They met near the Vasov.";
        let names = ["Vasov", "Lena", "Orr", "Belvar", "Tarn"].map(|w| (w, "NNP"));
        let nouns = ["aide", "officials", "family"].map(|w| (w, "NN"));
        let d = tagged(text, &[&names[..], &nouns[..], &[(".", ".")]].concat());
        let mut m = vec![
            at(text, "Lena Orr", 0, EntityType::Person),
            at(text, "Belvar", 0, EntityType::Person),
            at(text, "Belvar", 1, EntityType::Person),
            at(text, "Orr", 1, EntityType::Person),
            at(text, "Tarn", 0, EntityType::Person),
            at(text, "Tarn", 1, EntityType::Person),
            at(text, "Vasov", 0, EntityType::Person),
            at(text, "Vasov", 1, EntityType::Place),
        ];
        let unparsed = m.clone();
        retype_definite_names(&doc(text), &mut m);
        assert_eq!(m, unparsed, "no syntax layer, no retyping");
        retype_definite_names(&d, &mut m);
        let kinds: Vec<_> = m.iter().map(|m| m.kind).collect();
        // `the Orr family`: the article belongs to `family`, Orr stays a person; `Tarn himself`
        // is a person's name the document also writes `the Tarn` (an epithet).
        assert_eq!(kinds[..4], [EntityType::Person, EntityType::Org, EntityType::Org, EntityType::Person]);
        assert_eq!(kinds[4..6], [EntityType::Person, EntityType::Person]);
        // `Vasov aide` is the place the document calls `the Vasov`.
        assert_eq!(kinds[6..], [EntityType::Place, EntityType::Place]);
    }

    #[test]
    fn a_given_name_between_title_and_surname_joins_the_name() {
        let text = "Belvar spokesman Dmitar Orlen spoke. On Monday Orlen left.";
        let d = tagged(text, &[("Belvar", "NNP"), ("Dmitar", "NNP"), ("Orlen", "NNP"), ("Monday", "NNP")]);
        let mut m = vec![
            at(text, "Belvar", 0, EntityType::Org),
            at(text, "Orlen", 0, EntityType::Person),
            at(text, "Orlen", 1, EntityType::Person),
        ];
        extend_after_titles(&d, &mut m);
        let names: Vec<&str> = m.iter().map(|m| m.range.slice(text)).collect();
        // `Monday` follows no title: it stays out.
        assert_eq!(names, ["Belvar", "Dmitar Orlen", "Orlen"]);
    }

    #[test]
    fn one_sense_per_document() {
        let text = "Harrow admitted him in May. He left Harrow in June. Harrow was strict.";
        let d = doc(text);
        let mut m = vec![
            at(text, "Harrow", 0, EntityType::Org),
            at(text, "Harrow", 1, EntityType::Place),
            at(text, "Harrow", 2, EntityType::Org),
        ];
        propagate(&d, &mut m);
        assert!(m.iter().all(|m| m.kind == EntityType::Org), "{m:?}");
    }

    #[test]
    fn a_full_name_outweighs_a_lone_guess_for_its_surname() {
        let text = "Mara Lind met the envoy. Later Lind spoke to reporters.";
        let d = doc(text);
        let mut m = vec![at(text, "Mara Lind", 0, EntityType::Person), at(text, "Lind", 1, EntityType::Place)];
        propagate(&d, &mut m);
        assert_eq!(m[1].kind, EntityType::Person, "{m:?}");
        // Not when the dictionaries know the word as a country.
        let text = "Voice of America aired it. Later America spoke.";
        let d = doc(text);
        let mut m =
            vec![at(text, "Voice of America", 0, EntityType::Person), at(text, "America", 1, EntityType::Place)];
        propagate(&d, &mut m);
        assert_eq!(m[1].kind, EntityType::Place, "{m:?}");
    }

    #[test]
    fn surnames_and_repeats_are_propagated() {
        let text = "Mara Lind met the envoy. Later Lind spoke to reporters.";
        let d = doc(text);
        let mut m = vec![at(text, "Mara Lind", 0, EntityType::Person)];
        propagate(&d, &mut m);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[1].range.slice(text), "Lind");
        assert_eq!(m[1].kind, EntityType::Person);
    }
}
