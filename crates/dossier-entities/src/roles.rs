//! Roles and affiliations of actors, read from the phrases around their names:
//!
//! - a title before the name: `US presidential envoy Steve Witkoff`, `Russian President
//!   Vladimir Putin`, `Kremlin spokesman Dmitry Peskov`;
//! - an appositive after it: `Yuri Ushakov, a senior aide to Russian President Vladimir
//!   Putin,`;
//! - an appositive before it: `Ukraine's foreign minister, Andrii Sybiha,`;
//! - a copula: `Witkoff is the US special envoy`.
//!
//! A role phrase is a run of nouns, adjectives and names (with possessives and, after the
//! head noun, `of`/`to`/`for` complements) whose head is a role noun from a lexicon
//! (president, envoy, aide, spokesman, ...); the copula also accepts any common noun when the
//! parse says so. Affiliations are the other actors named inside the role phrase, and the
//! countries of nationality adjectives (`Russian` → Russia), added as PLACE actors when the
//! text does not name them otherwise.
//!
//! Everything is linear in the document: each name looks at a bounded window of tokens.

use std::collections::HashMap;

use dossier_text::{Doc, EntityAnnot, MentionAnnot, TextRange, Token, TokenKind};

/// Nouns that name an office, a function or a standing (lower case).
const ROLE_NOUNS: &[&str] = &[
    "president",
    "vice-president",
    "premier",
    "minister",
    "secretary",
    "envoy",
    "ambassador",
    "aide",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "sen.",
    "congressman",
    "congresswoman",
    "representative",
    "rep.",
    "governor",
    "gov.",
    "mayor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "general",
    "gen.",
    "commander",
    "chief",
    "director",
    "head",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "co-founder",
    "official",
    "diplomat",
    "negotiator",
    "lawmaker",
    "legislator",
    "judge",
    "justice",
    "attorney",
    "lawyer",
    "prosecutor",
    "candidate",
    "nominee",
    "pollster",
    "strategist",
    "analyst",
    "economist",
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "professor",
    "prof.",
    "researcher",
    "scientist",
    "activist",
    "colonel",
    "col.",
    "lieutenant",
    "lt.",
    "captain",
    "capt.",
    "sergeant",
    "sgt.",
    "officer",
    "deputy",
    "undersecretary",
    "commissioner",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "speaker",
    "whip",
    "mp",
    "mep",
    "dr.",
    "doctor",
    "bishop",
    "pope",
    "cardinal",
    "archbishop",
    "rabbi",
    "imam",
    "cleric",
    "sheikh",
    "ayatollah",
    "emir",
    "sultan",
    "monarch",
    "dictator",
    "strongman",
    "oligarch",
    "billionaire",
    "businessman",
    "businesswoman",
    "executive",
    "manager",
    "administrator",
    "coordinator",
    "inspector",
    "auditor",
    "investigator",
    "agent",
    "detective",
    "sheriff",
    "marshal",
    "admiral",
    "adm.",
    "major",
    "maj.",
    "soldier",
    "president-elect",
    "secretary-general",
    "counsel",
    "counselor",
    "consul",
    "attaché",
    "delegate",
    "member",
    "partner",
    "owner",
    "publisher",
    "host",
    "anchor",
    "commentator",
    "author",
    "historian",
    "expert",
    "specialist",
    "consultant",
    "lobbyist",
    "donor",
    "organizer",
    "organiser",
    "campaigner",
    "protester",
    "insider",
    "operative",
    "staffer",
    "surrogate",
    "confidant",
    "ally",
    "friend",
    "rival",
    "critic",
    "opponent",
    "supporter",
    "son-in-law",
    "daughter",
    "son",
    "wife",
    "husband",
    "brother",
    "sister",
    "father",
    "mother",
    "coach",
    "curator",
    "coauthor",
    "co-author",
    "reverend",
    "rev.",
];

/// Words that only ever modify a title (`Shadow Home Secretary`, `High Commissioner`).
const TITLE_MODIFIERS: &[&str] = &[
    "shadow",
    "home",
    "foreign",
    "high",
    "deputy",
    "vice",
    "chief",
    "senior",
    "junior",
    "prime",
    "first",
    "lord",
    "lady",
    "grand",
    "supreme",
    "special",
    "acting",
    "interim",
    "former",
    "assistant",
    "associate",
    "executive",
    "general",
    "state",
    "attorney",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "education",
    "trade",
    "mr",
    "mrs",
    "ms",
    "dr",
    "miss",
    "sir",
    "dame",
    "team",
];

/// Whether a word is part of a title or an honorific (`Professor`, `Ms.`, `Shadow`, `envoy`):
/// the vocabulary that [`is_title_only`] and the quote speakers' name trimming share.
pub fn is_title_word(word: &str) -> bool {
    let w = word.to_lowercase();
    ROLE_NOUNS.contains(&w.as_str()) || TITLE_MODIFIERS.contains(&w.trim_end_matches('.'))
}

/// Whether a name consists of title words only (`Shadow Home Secretary`, `Prime Minister`):
/// the recognizer sometimes takes a capitalised title for a person's name.
pub fn is_title_only(name: &str) -> bool {
    let mut words = name.split_whitespace().peekable();
    words.peek().is_some() && words.all(is_title_word)
}

/// Drops person entities whose every name mention is a bare title ([`is_title_only`]); the
/// roles pass then reads those titles as roles of the person they precede.
pub fn drop_title_only_persons(doc: &mut Doc) {
    let text = doc.text();
    let keep: Vec<bool> = doc
        .entities
        .iter()
        .map(|e| {
            e.kind != "PERSON"
                || !e.mentions.iter().filter(|m| m.kind == "name").all(|m| is_title_only(m.range.slice(text)))
                || e.mentions.is_empty()
        })
        .collect();
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut i = 0;
    doc.entities.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
}

/// Nationality adjectives and the country they point to (canonical name first, then other
/// names the text may use for it).
const DEMONYMS: &[(&str, &[&str])] = &[
    ("american", &["United States", "US", "U.S.", "USA", "America"]),
    ("u.s.", &["United States", "US", "U.S.", "USA", "America"]),
    ("us", &["United States", "US", "U.S.", "USA", "America"]),
    ("russian", &["Russia", "Russian Federation"]),
    ("ukrainian", &["Ukraine"]),
    ("chinese", &["China"]),
    ("british", &["United Kingdom", "UK", "U.K.", "Britain"]),
    ("uk", &["United Kingdom", "UK", "U.K.", "Britain"]),
    ("french", &["France"]),
    ("german", &["Germany"]),
    ("israeli", &["Israel"]),
    ("palestinian", &["Palestine"]),
    ("iranian", &["Iran"]),
    ("saudi", &["Saudi Arabia"]),
    ("turkish", &["Turkey", "Türkiye"]),
    ("syrian", &["Syria"]),
    ("iraqi", &["Iraq"]),
    ("indian", &["India"]),
    ("pakistani", &["Pakistan"]),
    ("afghan", &["Afghanistan"]),
    ("japanese", &["Japan"]),
    ("north korean", &["North Korea"]),
    ("south korean", &["South Korea"]),
    ("egyptian", &["Egypt"]),
    ("qatari", &["Qatar"]),
    ("emirati", &["United Arab Emirates", "UAE"]),
    ("polish", &["Poland"]),
    ("hungarian", &["Hungary"]),
    ("italian", &["Italy"]),
    ("spanish", &["Spain"]),
    ("canadian", &["Canada"]),
    ("mexican", &["Mexico"]),
    ("brazilian", &["Brazil"]),
    ("venezuelan", &["Venezuela"]),
    ("cuban", &["Cuba"]),
    ("belarusian", &["Belarus"]),
    ("georgian", &["Georgia"]),
    ("armenian", &["Armenia"]),
    ("azerbaijani", &["Azerbaijan"]),
    ("kazakh", &["Kazakhstan"]),
    ("lebanese", &["Lebanon"]),
    ("jordanian", &["Jordan"]),
    ("yemeni", &["Yemen"]),
    ("libyan", &["Libya"]),
    ("sudanese", &["Sudan"]),
    ("ethiopian", &["Ethiopia"]),
    ("kenyan", &["Kenya"]),
    ("nigerian", &["Nigeria"]),
    ("australian", &["Australia"]),
    ("dutch", &["Netherlands"]),
    ("belgian", &["Belgium"]),
    ("swiss", &["Switzerland"]),
    ("swedish", &["Sweden"]),
    ("finnish", &["Finland"]),
    ("norwegian", &["Norway"]),
    ("danish", &["Denmark"]),
    ("estonian", &["Estonia"]),
    ("latvian", &["Latvia"]),
    ("lithuanian", &["Lithuania"]),
    ("romanian", &["Romania"]),
    ("moldovan", &["Moldova"]),
    ("serbian", &["Serbia"]),
    ("croatian", &["Croatia"]),
    ("greek", &["Greece"]),
    ("austrian", &["Austria"]),
    ("czech", &["Czech Republic", "Czechia"]),
    ("slovak", &["Slovakia"]),
    ("bulgarian", &["Bulgaria"]),
    ("vietnamese", &["Vietnam"]),
    ("thai", &["Thailand"]),
    ("indonesian", &["Indonesia"]),
    ("filipino", &["Philippines"]),
    ("malaysian", &["Malaysia"]),
    ("taiwanese", &["Taiwan"]),
    ("colombian", &["Colombia"]),
    ("argentine", &["Argentina"]),
    ("argentinian", &["Argentina"]),
    ("chilean", &["Chile"]),
    ("peruvian", &["Peru"]),
    ("south african", &["South Africa"]),
    ("irish", &["Ireland"]),
    ("portuguese", &["Portugal"]),
];

/// Longest role phrase considered, in tokens.
const MAX_ROLE: usize = 16;

fn lower(doc: &Doc, t: usize) -> String {
    doc.tokens[t].text(doc.text()).to_lowercase()
}

fn is_role_noun(doc: &Doc, t: usize) -> bool {
    let w = lower(doc, t);
    ROLE_NOUNS.contains(&w.as_str())
}

fn parsed(doc: &Doc) -> bool {
    doc.syntax.len() == doc.tokens.len() && !doc.tokens.is_empty()
}

/// Can token `t` sit inside a pre-nominal role phrase (`US presidential envoy`,
/// `Ukraine's foreign minister`)?
fn is_modifier(doc: &Doc, t: usize) -> bool {
    let tok: &Token = &doc.tokens[t];
    let w = tok.text(doc.text());
    if matches!(w, "'s" | "’s" | "-") {
        return true;
    }
    if !matches!(tok.kind, TokenKind::Word) {
        return w.ends_with('.') && w.len() <= 5 && tok.kind != TokenKind::Punct;
    }
    if parsed(doc) {
        matches!(doc.syntax.upos(t), "NOUN" | "PROPN" | "ADJ")
    } else {
        is_role_noun(doc, t) || w.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_article(doc: &Doc, t: usize) -> bool {
    matches!(lower(doc, t).as_str(), "a" | "an" | "the")
}

/// The pre-nominal role phrase ending at token `end` (inclusive), whose last word is a role
/// noun: extends left over modifiers, stopping at `stop` (exclusive lower bound).
fn phrase_ending_at(doc: &Doc, end: usize, stop: usize, person_at: &dyn Fn(usize) -> bool) -> Option<(usize, usize)> {
    if !is_role_noun(doc, end) || person_at(end) {
        return None;
    }
    let mut start = end;
    while start > stop && end - start < MAX_ROLE && is_modifier(doc, start - 1) && !person_at(start - 1) {
        start -= 1;
    }
    // Neither an article (capitalised at a sentence start) nor a possessive opens the phrase.
    while start < end && (is_article(doc, start) || matches!(doc.tokens[start].text(doc.text()), "'s" | "’s" | "-")) {
        start += 1;
    }
    Some((start, end))
}

/// The role phrase that starts at token `start` (after a comma or copula): an optional
/// article, modifiers up to a role noun head (or any common noun when `any_noun`), then
/// complements (`to Russian President Vladimir Putin`) up to a comma or the sentence end.
fn phrase_starting_at(doc: &Doc, start: usize, end: usize, any_noun: bool) -> Option<(usize, usize)> {
    let text = doc.text();
    let mut i = start;
    if i < end && is_article(doc, i) {
        i += 1;
    }
    let first = i;
    let mut head = None;
    // Without a parse, any word may precede the head (`a senior aide`); the role noun decides.
    let loose = |i: usize| !parsed(doc) && doc.tokens[i].kind == TokenKind::Word;
    while i < end && i - first < 6 && (is_modifier(doc, i) || loose(i)) {
        if is_role_noun(doc, i) || (any_noun && parsed(doc) && doc.syntax.upos(i) == "NOUN") {
            head = Some(i);
        }
        i += 1;
    }
    let head = head?;
    // The head is the last noun of the run (`senior aide`, `real estate developer`).
    let mut last = i - 1;
    if last < head {
        last = head;
    }
    // Complements: `to X`, `of X`, `for X`, `at X`, `in X`, then more modifiers.
    let mut j = last + 1;
    while j < end && j - first < MAX_ROLE {
        let w = doc.tokens[j].text(text).to_lowercase();
        if matches!(w.as_str(), "to" | "of" | "for" | "at" | "in" | "on" | "and") || is_article(doc, j) {
            j += 1;
            continue;
        }
        if is_modifier(doc, j) {
            last = j;
            j += 1;
            continue;
        }
        break;
    }
    // The phrase ends at a comma, a closing bracket or the end of the sentence; if it runs
    // into a verb it was not an appositive.
    let closes = j >= end || matches!(doc.tokens[j].text(text), "," | ")" | ";" | "." | "—" | "–");
    closes.then_some((first, last))
}

/// Finds roles and affiliations for every entity of `doc` (needs the tokens; uses the syntax
/// layer's parts of speech when present). Nationality adjectives inside a role phrase that
/// name no actor yet become PLACE actors; entities stay sorted by first mention.
pub fn attach_roles(doc: &mut Doc) {
    if doc.tokens.is_empty() || doc.entities.is_empty() {
        return;
    }
    let tokens = &doc.tokens;
    let token_at = |byte: u32| tokens.partition_point(|t| t.range.start() < byte);
    // Token index -> entity of a name mention covering it.
    let mut owner: HashMap<usize, usize> = HashMap::new();
    let mut names: Vec<(usize, usize, usize)> = Vec::new(); // (first token, last token, entity)
    for (e, ent) in doc.entities.iter().enumerate() {
        for m in ent.mentions.iter().filter(|m| m.kind == "name") {
            let a = token_at(m.range.start());
            let b = tokens.partition_point(|t| t.range.end() <= m.range.end()).min(tokens.len());
            if a < b {
                for t in a..b {
                    owner.insert(t, e);
                }
                names.push((a, b - 1, e));
            }
        }
    }
    let sentence_of = |t: usize| doc.sentence_index(t);
    let text = doc.text();
    let person_at = |t: usize| owner.get(&t).is_some_and(|&e| doc.entities[e].kind == "PERSON");
    let mut found: Vec<(usize, (usize, usize))> = Vec::new();
    for &(a, b, e) in &names {
        if doc.entities[e].kind != "PERSON" {
            continue;
        }
        let Some(s) = doc.sentences.get(sentence_of(a)) else { continue };
        let (s0, s1) = (s.first_token as usize, s.end_token as usize);
        let word = |t: usize| tokens[t].text(text);
        // Title before the name.
        if a > s0
            && let Some(r) = phrase_ending_at(doc, a - 1, s0, &person_at)
        {
            found.push((e, r));
        }
        // Appositive before: `ROLE, NAME` or `ROLE for X, NAME` (`A spokeswoman for the
        // foreign ministry, Irina Vasko`).
        if a >= s0 + 2 && word(a - 1) == "," {
            if let Some(r) = phrase_ending_at(doc, a - 2, s0, &person_at) {
                found.push((e, r));
            } else if let Some(h) = (s0.max(a.saturating_sub(2 + 8))..a - 2).rev().find(|&h| {
                is_role_noun(doc, h)
                    && matches!(lower(doc, h + 1).as_str(), "for" | "of" | "to" | "at")
                    && (h + 2..a - 1).all(|k| is_article(doc, k) || is_modifier(doc, k))
            }) && let Some((r0, _)) = phrase_ending_at(doc, h, s0, &person_at)
            {
                found.push((e, (r0, a - 2)));
            }
        }
        // Appositive after: `NAME, ROLE,` and copula `NAME is ROLE`.
        if b + 2 < s1 && word(b + 1) == "," {
            if let Some(r) = phrase_starting_at(doc, b + 2, s1, false) {
                found.push((e, r));
            }
        } else if b + 2 < s1
            && matches!(lower(doc, b + 1).as_str(), "is" | "was" | "'s" | "’s")
            && (!parsed(doc) || doc.syntax.upos(b + 1) == "AUX")
            && let Some(r) = phrase_starting_at(doc, b + 2, s1, true)
        {
            found.push((e, r));
        }
    }
    if found.is_empty() {
        return;
    }
    // Nationality adjectives inside roles: find or create the country's entity.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, ent) in doc.entities.iter().enumerate() {
        by_name.entry(ent.name.to_lowercase()).or_insert(i);
        for m in &ent.mentions {
            by_name.entry(m.range.slice(text).to_lowercase()).or_insert(i);
        }
    }
    let mut new_entities: Vec<EntityAnnot> = Vec::new();
    let mut demonym_of: HashMap<usize, usize> = HashMap::new(); // token -> entity (final indices later)
    let base = doc.entities.len();
    for &(_, (r0, r1)) in &found {
        for t in r0..=r1 {
            if owner.contains_key(&t) {
                continue;
            }
            let w = lower(doc, t);
            let two = (t < r1).then(|| format!("{w} {}", lower(doc, t + 1)));
            let hit = two
                .as_deref()
                .and_then(|two| DEMONYMS.iter().find(|(d, _)| *d == two).map(|x| (x, 2)))
                .or_else(|| DEMONYMS.iter().find(|(d, _)| *d == w).map(|x| (x, 1)));
            let Some(((_, names), len)) = hit else { continue };
            let existing = names.iter().find_map(|n| by_name.get(&n.to_lowercase()).copied());
            let e = existing.unwrap_or_else(|| {
                let idx = base + new_entities.len();
                new_entities.push(EntityAnnot { name: names[0].to_string(), kind: "PLACE", ..EntityAnnot::default() });
                for n in names.iter() {
                    by_name.insert(n.to_lowercase(), idx);
                }
                idx
            });
            if e >= base {
                let range = tokens[t].range.cover(tokens[t + len - 1].range);
                let m = &mut new_entities[e - base].mentions;
                if !m.iter().any(|x: &MentionAnnot| x.range == range) {
                    m.push(MentionAnnot { range, kind: "name" });
                }
            }
            for k in t..t + len {
                demonym_of.insert(k, e);
            }
        }
    }
    let mut assignments: Vec<(usize, TextRange, String, Vec<usize>)> = Vec::with_capacity(found.len());
    for (e, (r0, r1)) in found {
        let range = TextRange::new(tokens[r0].range.start(), tokens[r1].range.end());
        let mut affiliations: Vec<usize> = (r0..=r1)
            .filter_map(|t| owner.get(&t).or_else(|| demonym_of.get(&t)).copied())
            .filter(|&a| a != e)
            .collect();
        affiliations.dedup();
        assignments.push((e, range, range.slice(text).to_lowercase(), affiliations));
    }
    doc.entities.extend(new_entities);
    let mut seen: std::collections::HashSet<(usize, String)> = std::collections::HashSet::new();
    for (e, range, key, affiliations) in assignments {
        let ent = &mut doc.entities[e];
        if seen.insert((e, key)) {
            ent.roles.push(range);
        }
        for a in affiliations {
            if !ent.affiliations.contains(&a) {
                ent.affiliations.push(a);
            }
        }
    }
    for ent in &mut doc.entities {
        ent.roles.sort();
    }
    // Keep entities sorted by first mention (affiliation indices are remapped).
    doc.sort_entities();
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dossier_text::{DocMeta, Segmenter, Tokenizer};

    /// A document with the given person names as entities (no parse: the lexicon and
    /// capitalisation decide).
    pub(crate) fn doc(text: &str, people: &[&str]) -> Doc {
        let mut d = Doc::new(DocMeta::default(), text.to_string()).unwrap();
        d.tokens = Tokenizer.tokenize(text);
        d.sentences = Segmenter::builtin().unwrap().segment(text, &d.tokens);
        for p in people {
            let mentions = text
                .match_indices(p)
                .map(|(i, _)| MentionAnnot { range: TextRange::from_usize(i, i + p.len()), kind: "name" })
                .collect();
            d.entities.push(EntityAnnot { name: p.to_string(), kind: "PERSON", mentions, ..EntityAnnot::default() });
        }
        d.entities.sort_by_key(|e| e.mentions.first().map(|m| m.range));
        d
    }

    fn roles_of(d: &Doc, name: &str) -> Vec<String> {
        let e = d.entities.iter().find(|e| e.name == name).unwrap();
        e.roles.iter().map(|r| d.slice(*r).to_string()).collect()
    }

    fn affiliations_of(d: &Doc, name: &str) -> Vec<String> {
        let e = d.entities.iter().find(|e| e.name == name).unwrap();
        e.affiliations.iter().map(|&a| d.entities[a].name.clone()).collect()
    }

    #[test]
    fn titles_and_appositives() {
        let mut d = doc(
            "Special envoy Mara Lind met Oskar Brandt, a senior aide to Prime Minister Ivo Tamm, in Riga.",
            &["Mara Lind", "Oskar Brandt", "Ivo Tamm"],
        );
        attach_roles(&mut d);
        assert_eq!(roles_of(&d, "Mara Lind"), vec!["Special envoy"]);
        assert_eq!(roles_of(&d, "Oskar Brandt"), vec!["senior aide to Prime Minister Ivo Tamm"]);
        assert_eq!(affiliations_of(&d, "Oskar Brandt"), vec!["Ivo Tamm"]);
        assert_eq!(roles_of(&d, "Ivo Tamm"), vec!["Prime Minister"]);
    }

    #[test]
    fn nationality_becomes_an_affiliated_country() {
        let mut d = doc("The talks began after Ukrainian President Ivan Petrenko arrived.", &["Ivan Petrenko"]);
        attach_roles(&mut d);
        assert_eq!(roles_of(&d, "Ivan Petrenko"), vec!["Ukrainian President"]);
        assert_eq!(affiliations_of(&d, "Ivan Petrenko"), vec!["Ukraine"]);
        let ukraine = d.entities.iter().find(|e| e.name == "Ukraine").unwrap();
        assert_eq!(ukraine.kind, "PLACE");
        assert_eq!(d.slice(ukraine.mentions[0].range), "Ukrainian");
        // Still sorted by first mention.
        assert!(d.entities.windows(2).all(|w| w[0].mentions[0].range <= w[1].mentions[0].range));
    }

    #[test]
    fn appositive_with_a_complement_before_the_name() {
        let mut d = doc("A spokeswoman for the Interior Ministry, Lena Kask, denied it.", &["Lena Kask"]);
        attach_roles(&mut d);
        assert_eq!(roles_of(&d, "Lena Kask"), vec!["spokeswoman for the Interior Ministry"]);
    }

    #[test]
    fn bare_titles_are_not_names() {
        assert!(is_title_only("Shadow Home Secretary"));
        assert!(is_title_only("High Commissioner"));
        assert!(!is_title_only("Yvette Cooper"));
        assert!(!is_title_only(""));
        let mut d = doc("Shadow Home Secretary Ann Vale spoke.", &["Shadow Home Secretary", "Ann Vale"]);
        drop_title_only_persons(&mut d);
        attach_roles(&mut d);
        assert_eq!(d.entities.len(), 1);
        assert_eq!(roles_of(&d, "Ann Vale"), vec!["Shadow Home Secretary"]);
    }

    #[test]
    fn no_role_without_a_role_noun() {
        let mut d = doc("Yesterday Mara Lind, who arrived late, spoke first.", &["Mara Lind"]);
        attach_roles(&mut d);
        assert!(roles_of(&d, "Mara Lind").is_empty());
    }
}
