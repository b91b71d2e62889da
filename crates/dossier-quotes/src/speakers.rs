//! Speakers the recognizer missed: the subject of a reporting verb is almost always a person
//! or an organisation, so a capitalised name at the head of a source phrase (`Kathryn
//! Waters said`, `Ms Bauchtman said`, `Labour's Shadow Home Secretary Yvette Cooper said`)
//! becomes an actor even when the entity recognizer did not find it, and the quote is
//! attributed to it. Later mentions of the same surname join the same actor.

use std::collections::HashMap;

use dossier_entities::is_title_word;
use dossier_text::{Doc, EntityAnnot, Gap, MentionAnnot, QuoteAnnot, TextRange, TokenKind};

/// Head words that make a capitalised source an organisation rather than a person.
const ORG_HEADS: &[&str] = &[
    "times",
    "post",
    "news",
    "journal",
    "herald",
    "gazette",
    "tribune",
    "agency",
    "ministry",
    "department",
    "office",
    "council",
    "commission",
    "committee",
    "party",
    "government",
    "administration",
    "court",
    "police",
    "army",
    "bank",
    "company",
    "corporation",
    "inc.",
    "group",
    "association",
    "union",
    "institute",
    "university",
    "foundation",
    "network",
    "press",
    "kremlin",
    "house",
    "board",
    "authority",
    "service",
    "campaign",
];

fn is_name_word(doc: &Doc, t: usize) -> bool {
    let tok = &doc.tokens[t];
    let w = tok.text(doc.text());
    if tok.kind != TokenKind::Word || !w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    if doc.syntax.len() == doc.tokens.len() { doc.syntax.upos(t) == "PROPN" } else { true }
}

/// The token range of the name at the head of source phrase `r`, if it is a capitalised
/// name that no entity mention covers.
fn uncovered_name(doc: &Doc, r: TextRange, covered: &dyn Fn(usize) -> bool) -> Option<(usize, usize)> {
    let tokens = &doc.tokens;
    let t0 = tokens.partition_point(|t| t.range.start() < r.start());
    let t1 = tokens.partition_point(|t| t.range.end() <= r.end());
    if t0 >= t1 || t1 - t0 > 24 {
        return None;
    }
    let parsed = doc.syntax.len() == tokens.len();
    let head = if parsed { (t0..t1).find(|&t| doc.syntax.head(t).is_none_or(|h| h < t0 || h >= t1))? } else { t1 - 1 };
    if !is_name_word(doc, head) || covered(head) {
        return None;
    }
    // Extend over neighbouring name words and hyphen-joined parts (`Al-Maeena`).
    let joined = |t: usize| tokens[t].gap == Gap::None && tokens[t].text(doc.text()) == "-";
    let mut a = head;
    while a > t0 && (is_name_word(doc, a - 1) || (joined(a - 1) && a >= t0 + 2)) && !covered(a - 1) {
        a -= 1;
    }
    let mut b = head;
    while b + 1 < t1 && (is_name_word(doc, b + 1) || (joined(b + 1) && b + 2 < t1)) && !covered(b + 1) {
        b += 1;
    }
    // Titles, honorifics and articles before the name are not part of it (`Labour's Shadow
    // Home Secretary Yvette Cooper`, `Ms Bauchtman`).
    let title = |w: &str| is_title_word(w) || matches!(w.to_lowercase().as_str(), "the" | "a" | "an");
    while a <= b && title(tokens[a].text(doc.text())) {
        a += 1;
    }
    (a <= b && tokens[a].text(doc.text()) != "-").then_some((a, b))
}

/// Attributes quotes whose source names an actor the recognizer missed, creating the actor
/// (PERSON, or ORG for `... Times`, `... Ministry`), or joining an existing person with the
/// same surname.
pub fn name_speakers(doc: &mut Doc, quotes: &mut [QuoteAnnot]) {
    let text = doc.text();
    let tokens = &doc.tokens;
    // Tokens covered by entity mentions.
    let mut spans: Vec<(u32, u32)> =
        doc.entities.iter().flat_map(|e| e.mentions.iter()).map(|m| (m.range.start(), m.range.end())).collect();
    spans.sort_unstable();
    let covered = |t: usize| {
        let r = tokens[t].range;
        let k = spans.partition_point(|&(s, _)| s <= r.start());
        spans[..k].iter().rev().take(8).any(|&(_, e)| e >= r.end())
    };
    let mut found: Vec<(usize, TextRange, String)> = Vec::new(); // (quote, name range, name)
    for (qi, q) in quotes.iter().enumerate() {
        if q.kind == "turn" {
            continue;
        }
        let Some(r) = q.speaker_mention else { continue };
        if let Some((a, b)) = uncovered_name(doc, r, &covered) {
            let range = tokens[a].range.cover(tokens[b].range);
            found.push((qi, range, range.slice(text).to_string()));
        }
    }
    if found.is_empty() {
        return;
    }
    // Existing persons by surname, then names created here by their text and surname.
    let surname = |name: &str| name.split_whitespace().last().unwrap_or(name).to_string();
    let mut by_surname: HashMap<String, usize> = HashMap::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if e.kind == "PERSON" {
            by_surname.entry(surname(&e.name)).or_insert(i);
        }
    }
    for (qi, range, name) in found {
        let last = surname(&name);
        let is_org = ORG_HEADS.contains(&last.to_lowercase().as_str());
        let e = match by_surname.get(&last) {
            Some(&e) if !is_org => e,
            _ => {
                doc.entities.push(EntityAnnot {
                    name: name.clone(),
                    kind: if is_org { "ORG" } else { "PERSON" },
                    ..EntityAnnot::default()
                });
                let e = doc.entities.len() - 1;
                if !is_org {
                    by_surname.insert(last, e);
                }
                e
            }
        };
        let mentions = &mut doc.entities[e].mentions;
        if !mentions.iter().any(|m| m.range == range) {
            let at = mentions.partition_point(|m| m.range < range);
            mentions.insert(at, MentionAnnot { range, kind: "name" });
        }
        // The fullest name is the canonical one.
        if name.split_whitespace().count() > doc.entities[e].name.split_whitespace().count() {
            doc.entities[e].name = name;
        }
        quotes[qi].speaker = Some(e);
    }
}
