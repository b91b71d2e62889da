//! Contradictions across reports: the same fact told differently — an event's date, a
//! count (`28-point` vs `19-point`), an actor's role, who said a quote, an event's place.
//! Each contradiction lists its sides, each side the value, the documents and the spans.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// Where a side of a contradiction is stated.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpanRef {
    pub doc: String,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Side {
    pub value: String,
    pub docs: Vec<String>,
    /// Extension of the contract: the exact spans stating this value.
    pub spans: Vec<SpanRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Contradiction {
    pub field: String,
    pub about: String,
    pub description: String,
    pub docs: Vec<String>,
    pub sides: Vec<Side>,
}

/// Groups `(value, span)` claims into sides; `None` when all agree.
pub fn sides(claims: &[(String, SpanRef)]) -> Option<Vec<Side>> {
    let mut by_value: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&SpanRef>)> = BTreeMap::new();
    for (v, s) in claims {
        let e = by_value.entry(v.as_str()).or_default();
        e.0.insert(s.doc.as_str());
        e.1.insert(s);
    }
    if by_value.len() < 2 {
        return None;
    }
    let mut out: Vec<Side> = by_value
        .into_iter()
        .map(|(v, (docs, spans))| Side {
            value: v.to_string(),
            docs: docs.into_iter().map(str::to_string).collect(),
            spans: spans.into_iter().cloned().collect(),
        })
        .collect();
    // The best-supported value first.
    out.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.value.cmp(&b.value)));
    Some(out)
}

/// Builds a contradiction from claims, or `None` when they agree.
pub fn contradiction(field: &str, about: &str, what: &str, claims: &[(String, SpanRef)]) -> Option<Contradiction> {
    let sides = sides(claims)?;
    let docs: BTreeSet<String> = sides.iter().flat_map(|s| s.docs.iter().cloned()).collect();
    let values: Vec<String> = sides.iter().map(|s| format!("{} ({})", s.value, s.docs.join(", "))).collect();
    Some(Contradiction {
        field: field.to_string(),
        about: about.to_string(),
        description: format!("{what}: {}", values.join(" vs ")),
        docs: docs.into_iter().collect(),
        sides,
    })
}

/// Whether the names could all be one actor told more or less fully: each name's words are
/// within the fullest name's (`Zhou` and `Zhou Ji`; `Congress` and `Peruvian Congress`).
/// Actor resolution keeps such names apart when it has no evidence to join them; they are
/// no disagreement about who spoke.
pub fn one_name<'a>(names: impl Iterator<Item = &'a str>) -> bool {
    let sets: Vec<BTreeSet<String>> = names
        .map(|n| n.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect())
        .collect();
    let Some(full) = sets.iter().max_by_key(|s| s.len()) else { return true };
    sets.iter().all(|s| !s.is_empty() && s.is_subset(full))
}

/// Place claims of one merged event (`(place actor, span)`) as `(value, span)` claims, or
/// `None` when they do not disagree. Places disagree only when an actor dictionary puts them
/// in different countries (`Geneva` vs `Abu Dhabi`): `Geneva` vs `Switzerland`, or a city vs
/// a venue inside it, are one place told at two precisions, and places no dictionary knows
/// cannot be told apart from such pairs. A country's side names every place its reports
/// give, the best-supported first (`Geneva / Switzerland`).
pub fn place_claims<'a>(
    claims: &[(i64, SpanRef)],
    country: impl Fn(i64) -> Option<&'a str>,
    name: impl Fn(i64) -> String,
) -> Option<Vec<(String, SpanRef)>> {
    let mut by_country: BTreeMap<&str, BTreeMap<i64, BTreeSet<&str>>> = BTreeMap::new();
    for (a, s) in claims {
        if let Some(c) = country(*a) {
            by_country.entry(c).or_default().entry(*a).or_default().insert(s.doc.as_str());
        }
    }
    if by_country.len() < 2 {
        return None;
    }
    let named: BTreeMap<&str, String> = by_country
        .iter()
        .map(|(c, places)| {
            let mut names: Vec<(usize, String)> = places.iter().map(|(a, docs)| (docs.len(), name(*a))).collect();
            names.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            names.dedup_by(|x, y| x.1 == y.1);
            (*c, names.into_iter().map(|n| n.1).collect::<Vec<_>>().join(" / "))
        })
        .collect();
    Some(claims.iter().filter_map(|(a, s)| Some((named.get(country(*a)?)?.clone(), s.clone()))).collect())
}

/// Units of every kind of report: compared only as a measure of a named thing or a duration.
const GENERIC_UNITS: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "people",
    "person",
    "other",
    "one",
    "thing",
    "third",
    "half",
    "quarter",
    "percentage",
    "way",
    "member",
    "man",
    "woman",
    "child",
];

/// Words after a number that are not counted things (besides months).
const NOT_UNITS: &[&str] = &[
    "am", "pm", "percent", "per", "of", "and", "or", "to", "in", "on", "at", "the", "a", "an", "for", "with", "by",
    "st", "nd", "rd", "th", "was", "were", "is", "are", "had", "have", "has", "who", "that", "which", "more", "times",
    "time", "old", "million", "billion", "thousand", "p", "m", "a.m", "p.m", "about", "from", "after", "before", "as",
    "than", "but", "if", "when", "while", "into", "over", "under", "since", "until", "he", "she", "it", "they", "we",
    "i", "you", "his", "her", "their", "its", "most", "less", "few", "many", "such", "new",
];

/// A counted thing: `28-point plan` → unit `point`, value 28.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub unit: String,
    pub value: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// Numbers followed by the thing they count, with code-point spans.
pub fn counts(text: &str) -> Vec<Count> {
    let chars: Vec<char> = text.chars().collect();
    // Words: maximal alphanumeric runs, with the char before and after.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let s = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            words.push((s, i));
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    let mut word = String::new();
    for (k, w) in words.windows(2).enumerate() {
        let ((s, e), (s2, e2)) = (w[0], w[1]);
        // Between the number and the unit only a space or a hyphen.
        let between = match chars[e..s2] {
            [c @ (' ' | '-')] => c,
            _ => continue,
        };
        let value = if chars[s..e].iter().all(char::is_ascii_digit) {
            if e - s > 4 || s > 0 && matches!(chars[s - 1], '$' | '£' | '€' | '.' | ',' | ':' | '/') {
                continue;
            }
            let v = chars[s..e].iter().fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0));
            if (1900..=2100).contains(&v) {
                continue;
            }
            v
        } else {
            word.clear();
            for &c in &chars[s..e] {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            }
            match dossier_time::number_word(&word) {
                Some(v) => v,
                None => continue,
            }
        };
        if chars.get(e2).is_some_and(|c| matches!(c, '%' | '-')) && between == ' ' {
            continue;
        }
        // A day of a month (`October 24 about`, `Oct. 24 talks`) counts nothing.
        if let Some(&(ps, pe)) = words.get(k.wrapping_sub(1)) {
            let prev: String = chars[ps..pe].iter().collect::<String>().to_lowercase();
            if dossier_time::month_number(&prev).is_some() && chars[pe..s].iter().all(|c| matches!(c, ' ' | '.')) {
                continue;
            }
        }
        let unit_raw: String = chars[s2..e2].iter().collect::<String>().to_lowercase();
        if unit_raw.chars().any(|c| c.is_ascii_digit())
            || NOT_UNITS.contains(&unit_raw.as_str())
            || dossier_time::month_number(&unit_raw).is_some()
        {
            continue;
        }
        // A capitalised word after a number is a name or a proper adjective (`8 Congressional
        // districts`), not the thing counted.
        if chars[s2].is_uppercase() {
            continue;
        }
        let mut unit = if unit_raw.len() > 3 && unit_raw.ends_with('s') && !unit_raw.ends_with("ss") {
            unit_raw[..unit_raw.len() - 1].to_string()
        } else {
            unit_raw
        };
        let mut end = e2;
        if GENERIC_UNITS.contains(&unit.as_str()) {
            // `five years`, `two days`, `three people` turn up in every report about
            // anything: such a count is compared only as the measure of a named thing (`a
            // five-minute call`, `a two-day visit`: the thing joins the unit) or as how long
            // something lasted (`spoke for five minutes`, `the call lasted two hours`).
            let head = words.get(k + 2).filter(|&&(hs, he)| {
                between == '-'
                    && chars[e2..hs] == [' ']
                    && chars[hs].is_lowercase()
                    && chars[hs..he].iter().all(|c| c.is_alphabetic())
                    && !NOT_UNITS.contains(&chars[hs..he].iter().collect::<String>().as_str())
            });
            let lasting = words.get(k.wrapping_sub(1)).is_some_and(|&(ps, pe)| {
                matches!(chars[ps..pe].iter().collect::<String>().to_lowercase().as_str(), "for" | "lasted" | "lasting")
            });
            match head {
                Some(&(hs, he)) => {
                    unit = format!("{unit} {}", chars[hs..he].iter().collect::<String>());
                    end = he;
                }
                None if lasting => {}
                None => continue,
            }
        }
        out.push(Count { unit, value, start: s as u32, end: end as u32, text: chars[s..end].iter().collect() });
    }
    out
}

/// Role nouns and the class of office each names (`envoy` and `emissary` are one office).
const ROLE_HEADS: &[(&str, &str)] = &[
    ("envoy", "envoy"),
    ("emissary", "envoy"),
    ("negotiator", "envoy"),
    ("ambassador", "ambassador"),
    ("aide", "aide"),
    ("adviser", "aide"),
    ("advisor", "aide"),
    ("assistant", "aide"),
    ("counselor", "aide"),
    ("secretary", "secretary"),
    ("minister", "minister"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"),
    ("senator", "senator"),
    ("governor", "governor"),
    ("director", "director"),
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("president", "president"),
    ("premier", "prime minister"),
    ("general", "general"),
    ("mayor", "mayor"),
    ("attorney", "attorney"),
    ("lawyer", "attorney"),
    ("diplomat", "diplomat"),
];

const ROLE_MODIFIERS: &[&str] = &[
    "presidential",
    "special",
    "senior",
    "top",
    "chief",
    "deputy",
    "foreign",
    "policy",
    "national",
    "security",
    "personal",
    "former",
    "acting",
    "vice",
    "prime",
    "white",
    "house",
    "state",
    "press",
    "defense",
    "defence",
    "trade",
    "finance",
    "economic",
    "military",
    "u.s.",
    "us",
    "u.s",
];

fn role_class(head: &str, before: Option<&str>) -> Option<String> {
    let (_, class) = ROLE_HEADS.iter().find(|(h, _)| *h == head)?;
    const GENERAL_OF: &[&str] = &["governor", "secretary", "director", "attorney", "surgeon", "inspector", "consul"];
    Some(match (before, *class) {
        (Some(b), "general") if GENERAL_OF.contains(&b) => format!("{b} general"),
        (Some("vice"), "president") => "vice president".to_string(),
        (Some("prime"), "minister") => "prime minister".to_string(),
        _ => (*class).to_string(),
    })
}

/// A role stated right before a name (`US presidential envoy Steve Witkoff`), from the text
/// preceding the mention in its sentence. Returns (role text, office class); `former` roles
/// are not current roles and give `None`.
pub fn role_before(before: &str) -> Option<(String, String)> {
    let tail = before.rsplit(['.', '!', '?', ';', '\n', '"', '“', '”', '(', ':']).next().unwrap_or(before);
    let words: Vec<&str> = tail.split_whitespace().collect();
    let last = words.last()?;
    if last.ends_with(',') {
        return None;
    }
    let head = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let prev = if words.len() >= 2 { Some(words[words.len() - 2].to_lowercase()) } else { None };
    // Most names follow no role noun: decided before the phrase is delimited.
    let class = role_class(&head, prev.as_deref())?;
    let mut k = words.len() - 1;
    while k > 0 && words.len() - k < 5 {
        let w = words[k - 1];
        let lw = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if w.ends_with(',') || !(capital || ROLE_MODIFIERS.contains(&lw.as_str())) || lw == "the" {
            break;
        }
        k -= 1;
    }
    let phrase = &words[k..];
    if phrase.iter().any(|w| w.eq_ignore_ascii_case("former")) {
        return None;
    }
    // A capitalised word right before the head that is itself a name (`Trump aide`) is kept:
    // the role is relative to it.
    Some((phrase.join(" "), class))
}

/// A role in an appositive right after a name (`Steve Witkoff, the US envoy,`).
pub fn role_after(after: &str) -> Option<(String, String)> {
    let rest = after.strip_prefix(", ")?;
    let end = rest.find([',', '.', ';', '\n']).unwrap_or(rest.len());
    let phrase = &rest[..end];
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let start = usize::from(matches!(words[0].to_lowercase().as_str(), "the" | "a" | "an"));
    let body = &words[start..];
    if body.iter().any(|w| w.eq_ignore_ascii_case("former")) {
        return None;
    }
    let head = body.last()?.to_lowercase();
    let prev = if body.len() >= 2 { Some(body[body.len() - 2].to_lowercase()) } else { None };
    let class = role_class(&head, prev.as_deref())?;
    Some((body.join(" "), class))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_its_fuller_form_are_one_name() {
        assert!(one_name(["Zhou", "Zhou Ji", "Zhou"].into_iter()));
        assert!(one_name(["Congress", "Peruvian Congress"].into_iter()));
        assert!(!one_name(["Mark Delkoff", "Yury Sharapov"].into_iter()));
        assert!(!one_name(["Zhou Ji", "Zhou Enlai"].into_iter()), "two fuller names");
    }

    #[test]
    fn places_disagree_only_across_countries() {
        let span = |doc: &str| SpanRef { doc: doc.into(), start: 0, end: 1, text: "x".into() };
        let country = |a: i64| match a {
            1 | 2 => Some("CHE"),
            3 => Some("ARE"),
            _ => None,
        };
        let name = |a: i64| ["", "Geneva", "Switzerland", "Abu Dhabi", "Lakeside Manor"][a as usize].to_string();
        // One country at two precisions, and a place no dictionary knows: no disagreement.
        let same = [(1, span("a")), (2, span("b")), (4, span("c"))];
        assert_eq!(place_claims(&same, country, name), None);
        let claims = [(1, span("a")), (2, span("b")), (1, span("c")), (3, span("d")), (4, span("e"))];
        let got = place_claims(&claims, country, name).unwrap();
        let values: Vec<(&str, &str)> = got.iter().map(|(v, s)| (v.as_str(), s.doc.as_str())).collect();
        assert_eq!(
            values,
            [
                ("Geneva / Switzerland", "a"),
                ("Geneva / Switzerland", "b"),
                ("Geneva / Switzerland", "c"),
                ("Abu Dhabi", "d")
            ]
        );
    }

    #[test]
    fn counted_things() {
        let c = counts("the 28-point plan and 26 points; in 2025 and $5 billion, on 14 October.");
        let v: Vec<(String, u32)> = c.iter().map(|c| (c.unit.clone(), c.value)).collect();
        assert_eq!(v, vec![("point".to_string(), 28), ("point".to_string(), 26)]);
        assert_eq!(c[0].text, "28-point");
        let c = counts("spoke for five minutes");
        assert_eq!((c[0].unit.as_str(), c[0].value), ("minute", 5));
        // Days of months and numbers before function words count nothing.
        assert!(counts("met on October 24 about the plan; on Oct. 26 talks resumed").is_empty());
        assert!(counts("met 3 times, 2 of them in secret").is_empty());
        assert_eq!(counts("October brought 12 arrests")[0].unit, "arrest");
        // Generic units count only as a measure of a named thing or as a duration.
        let units = |t: &str| counts(t).into_iter().map(|c| (c.unit, c.value, c.text)).collect::<Vec<_>>();
        assert_eq!(units("a five-minute call"), [("minute call".to_string(), 5, "five-minute call".to_string())]);
        assert_eq!(units("the call lasted ten minutes"), [("minute".to_string(), 10, "ten minutes".to_string())]);
        assert!(units("two years ago, three people and 8 Congressional districts").is_empty());
        assert!(units("a two-thirds of the votes").is_empty());
        assert_eq!(units("a five-year plan")[0].0, "year plan");
        assert!(units("a 40-year-old man, 5 year old").is_empty());
    }

    #[test]
    fn roles_from_context() {
        assert_eq!(role_before("On Tuesday, US presidential envoy ").map(|r| r.1), Some("envoy".into()));
        assert_eq!(role_before("said US ambassador ").map(|r| r.0), Some("US ambassador".into()));
        assert_eq!(role_before("Kremlin aide ").map(|r| r.1), Some("aide".into()));
        assert_eq!(role_before("the former ambassador "), None);
        assert_eq!(role_before("he called "), None);
        assert_eq!(role_after(", the US envoy, said").map(|r| r.1), Some("envoy".into()));
        assert_eq!(role_after(", who spoke"), None);
    }

    #[test]
    fn sides_group_by_value() {
        let s = |d: &str| SpanRef { doc: d.into(), start: 0, end: 1, text: "x".into() };
        let claims = vec![("a".to_string(), s("1")), ("a".to_string(), s("2")), ("b".to_string(), s("3"))];
        let c = contradiction("date", "v1", "date of the call", &claims).unwrap();
        assert_eq!(c.sides[0].docs, vec!["1", "2"]);
        assert_eq!(c.docs, vec!["1", "2", "3"]);
        assert!(contradiction("date", "v1", "x", &claims[..2]).is_none());
    }
}
