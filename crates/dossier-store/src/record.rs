//! The per-document contract record (`schema: "dossier/1"`) as the store reads it.
//!
//! The store depends on the contract, not on the engine: anything that writes contract JSON
//! (`dossier analyze --format jsonl`, another engine, a hand-written fixture) can be stored.
//! Every field is optional on input so older or partial records still load.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocRecord {
    pub doc: DocInfo,
    pub text: String,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub timexes: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Kept verbatim in the `analyses` table.
    pub warnings: Vec<serde_json::Value>,
    /// Kept verbatim in the `analyses` table.
    pub turns: Vec<serde_json::Value>,
}

/// A code-point range.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocInfo {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub roles: Vec<String>,
    /// Actor codes by scheme (`{"cameo": "RUS"}`).
    pub codes: serde_json::Map<String, serde_json::Value>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub kind: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Timex {
    pub id: String,
    pub start: u32,
    pub end: u32,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    pub resolved: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Quote {
    pub id: String,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_mention: Option<TextSpan>,
    pub cue: Option<TextSpan>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub plover: Option<String>,
    pub cameo: Option<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub trigger: TextSpan,
    pub sentence: u32,
    pub when: Option<String>,
    pub date: Option<EventDate>,
    pub negated: bool,
    pub hypothetical: bool,
    /// Entity id of the place (extension of the contract, read when present).
    pub place: Option<String>,
    /// The mention naming the place (extension, read when present).
    pub place_mention: Option<TextSpan>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventDate {
    pub value: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl DocRecord {
    /// Parses one contract object.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// The `[from, to)` day interval of a TimeML date value at its precision:
/// `2025-10-14` → one day, `2025-10` → the month, `2025` → the year. `None` when the value
/// is underspecified (`XXXX-10-14`) or not a date.
pub fn date_interval(value: &str) -> Option<(String, String)> {
    let v = value.get(..10.min(value.len()))?;
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| -> Option<u32> { if s.chars().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None } };
    let y = num(parts.first()?)?;
    if parts[0].len() != 4 {
        return None;
    }
    match parts.len() {
        1 => Some((format!("{y:04}-01-01"), format!("{:04}-01-01", y + 1))),
        2 => {
            let m = num(parts[1])?;
            if !(1..=12).contains(&m) {
                return None;
            }
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            Some((format!("{y:04}-{m:02}-01"), format!("{ny:04}-{nm:02}-01")))
        }
        _ => {
            let m = num(parts[1])?;
            let d = num(parts[2].get(..2)?)?;
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            Some((format!("{y:04}-{m:02}-{d:02}"), next_day(y, m, d)))
        }
    }
}

/// The `[from, to)` day interval of a contract event date. The contract writes a day as
/// `from == to` (`{"from": "2025-10-14", "to": "2025-10-14"}`: the instant's day) and a
/// longer span with the resolved interval's exclusive end (`October` → `2025-10-01` to
/// `2025-11-01`); without bounds the value's precision decides ([`date_interval`]).
pub fn event_interval(value: &str, from: Option<&str>, to: Option<&str>) -> Option<(String, String)> {
    match (from, to) {
        (Some(f), Some(t)) if f == t => date_interval(f).filter(|(a, _)| a == f),
        (Some(f), Some(t)) if f < t => Some((f.to_string(), t.to_string())),
        _ => date_interval(value),
    }
}

fn next_day(y: u32, m: u32, d: u32) -> String {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d < days {
        format!("{y:04}-{m:02}-{:02}", d + 1)
    } else if m < 12 {
        format!("{y:04}-{:02}-01", m + 1)
    } else {
        format!("{:04}-01-01", y + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_dates_of_one_day_and_of_a_span() {
        let day = |f: &str, t: &str| event_interval("x", Some(f), Some(t));
        assert_eq!(day("2025-10-14", "2025-10-14"), Some(("2025-10-14".into(), "2025-10-15".into())));
        assert_eq!(day("2024-12-31", "2024-12-31"), Some(("2024-12-31".into(), "2025-01-01".into())));
        assert_eq!(day("2025-10-01", "2025-11-01"), Some(("2025-10-01".into(), "2025-11-01".into())));
        // Bounds the wrong way round or not days: the value decides.
        assert_eq!(event_interval("2025-10", Some("2025-11-01"), Some("2025-10-01")), date_interval("2025-10"));
        assert_eq!(event_interval("2025-10", Some("soon"), Some("soon")), None);
        assert_eq!(event_interval("2025", None, None), date_interval("2025"));
    }

    #[test]
    fn intervals_follow_precision() {
        assert_eq!(date_interval("2025-10-14"), Some(("2025-10-14".into(), "2025-10-15".into())));
        assert_eq!(date_interval("2025-10"), Some(("2025-10-01".into(), "2025-11-01".into())));
        assert_eq!(date_interval("2025-12-31"), Some(("2025-12-31".into(), "2026-01-01".into())));
        assert_eq!(date_interval("2025"), Some(("2025-01-01".into(), "2026-01-01".into())));
        assert_eq!(date_interval("XXXX-10-14"), None);
        assert_eq!(date_interval("P2D"), None);
    }

    #[test]
    fn partial_records_load() {
        let r = DocRecord::from_json(
            r#"{"doc":{"id":"x"},"text":"Hi.","entities":[{"id":"e1","name":"A","type":"PERSON"}]}"#,
        )
        .unwrap();
        assert_eq!(r.entities.len(), 1);
        assert!(r.events.is_empty());
    }
}
