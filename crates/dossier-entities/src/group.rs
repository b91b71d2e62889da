//! Grouping name mentions into entities within one document (the string-matching sieves of
//! a Lee et al. style coreference system: exact name, surname/first name of a fuller person
//! name, acronym of an organisation name). Ambiguous matches are never merged.

use dossier_text::{EntityAnnot, MentionAnnot, TextRange};

use crate::{EntityType, Mention};

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn initials(s: &str) -> String {
    s.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// Groups mentions (in document order) into entities. `text` is the document text.
pub fn group_mentions(text: &str, mentions: &[Mention]) -> Vec<EntityAnnot> {
    struct Group {
        kind: EntityType,
        names: Vec<String>,
        mentions: Vec<TextRange>,
    }
    let mut groups: Vec<Group> = Vec::new();
    // Fuller names first, so `Pavel` before `Pavel Orlov` still finds its full name.
    let mut order: Vec<&Mention> = mentions.iter().collect();
    order.sort_by_key(|m| (std::cmp::Reverse(words(m.range.slice(text)).len()), m.range.start()));
    for m in order {
        let name = m.range.slice(text);
        let lower = name.to_lowercase();
        // 1. The same name, same type.
        let mut target =
            groups.iter().position(|g| g.kind == m.kind && g.names.iter().any(|n| n.to_lowercase() == lower));
        // 2. A one-word person name that is the surname or first name of exactly one fuller name.
        if target.is_none() && m.kind == EntityType::Person && words(name).len() == 1 {
            let hits: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    g.kind == EntityType::Person
                        && g.names.iter().any(|n| {
                            let w = words(n);
                            w.len() > 1
                                && (w.last().is_some_and(|l| l.eq_ignore_ascii_case(name))
                                    || w[0].eq_ignore_ascii_case(name))
                        })
                })
                .map(|(i, _)| i)
                .collect();
            if hits.len() == 1 {
                target = Some(hits[0]);
            }
        }
        // 3. An acronym of exactly one organisation name.
        if target.is_none() && m.kind == EntityType::Org && name.len() >= 2 && name.chars().all(|c| c.is_uppercase()) {
            let hits: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    g.kind == EntityType::Org && g.names.iter().any(|n| words(n).len() > 1 && initials(n) == name)
                })
                .map(|(i, _)| i)
                .collect();
            if hits.len() == 1 {
                target = Some(hits[0]);
            }
        }
        match target {
            Some(i) => {
                let g = &mut groups[i];
                if !g.names.iter().any(|n| n == name) {
                    g.names.push(name.to_string());
                }
                g.mentions.push(m.range);
            }
            None => groups.push(Group { kind: m.kind, names: vec![name.to_string()], mentions: vec![m.range] }),
        }
    }
    for g in &mut groups {
        g.mentions.sort();
    }
    groups.sort_by_key(|g| g.mentions.first().map(|r| r.start()));
    groups
        .into_iter()
        .map(|g| {
            // The fullest name: most words, then longest, then in ordinary case rather than
            // in capitals (`Moscow` of a `MOSCOW` dateline), then first seen.
            let name = g
                .names
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| {
                    (words(n).len(), n.len(), n.chars().any(char::is_lowercase), std::cmp::Reverse(*i))
                })
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            EntityAnnot {
                name,
                kind: g.kind.as_str(),
                mentions: g.mentions.into_iter().map(|range| MentionAnnot { range, kind: "name" }).collect(),
                ..EntityAnnot::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `nth` occurrence of `needle`.
    fn m(text: &str, needle: &str, nth: usize, kind: EntityType) -> Mention {
        let (start, _) = text.match_indices(needle).nth(nth).expect("needle");
        Mention { range: TextRange::from_usize(start, start + needle.len()), kind }
    }

    #[test]
    fn a_first_name_before_the_full_name_joins_it() {
        let text = "Pavel, hello. This is Pavel Orlov speaking.";
        let mentions = [m(text, "Pavel", 0, EntityType::Person), m(text, "Pavel Orlov", 0, EntityType::Person)];
        let ents = group_mentions(text, &mentions);
        assert_eq!(ents.len(), 1);
        assert_eq!(ents[0].name, "Pavel Orlov");
        assert_eq!(ents[0].mentions[0].range, TextRange::new(0, 5));
    }

    #[test]
    fn a_name_in_capitals_yields_to_its_ordinary_spelling() {
        let text = "GENEVA, May 2 — Delegates arrived in Geneva on Friday.";
        let mentions = [m(text, "GENEVA", 0, EntityType::Place), m(text, "Geneva", 0, EntityType::Place)];
        let ents = group_mentions(text, &mentions);
        assert_eq!(ents.len(), 1);
        assert_eq!(ents[0].name, "Geneva");
    }

    #[test]
    fn merges_surnames_and_acronyms_but_not_ambiguous_ones() {
        let text = "Daniel Hartley met Anna Hartley and Pavel Orlov of the Foreign Intelligence Service. Orlov said the FIS agreed. Hartley left.";
        let mentions = [
            m(text, "Daniel Hartley", 0, EntityType::Person),
            m(text, "Anna Hartley", 0, EntityType::Person),
            m(text, "Pavel Orlov", 0, EntityType::Person),
            m(text, "Foreign Intelligence Service", 0, EntityType::Org),
            m(text, "Orlov", 1, EntityType::Person),
            m(text, "FIS", 0, EntityType::Org),
            m(text, "Hartley", 2, EntityType::Person),
        ];
        let ents = group_mentions(text, &mentions);
        let summary: Vec<(&str, usize)> = ents.iter().map(|e| (e.name.as_str(), e.mentions.len())).collect();
        assert_eq!(
            summary,
            [
                ("Daniel Hartley", 1),
                ("Anna Hartley", 1),
                ("Pavel Orlov", 2),
                ("Foreign Intelligence Service", 2),
                ("Hartley", 1)
            ]
        );
    }
}
