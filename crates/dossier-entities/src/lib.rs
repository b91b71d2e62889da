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
    propagate(doc, &mut out);
    out
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
