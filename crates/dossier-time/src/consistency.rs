//! Consistency checks over tagged timexes: weekday/date conflicts and dates
//! after the publication date told in the past tense.

use jiff::civil::Date;
use serde::Serialize;

use crate::lexicon::WEEKDAYS;
use crate::{Reference, Timex, TimexType};

/// A warning about the temporal content of a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeWarning {
    /// "weekday_conflict" | "future_in_past_tense" | "date_conflict".
    pub kind: String,
    pub message: String,
    /// Byte ranges the warning is about.
    pub spans: Vec<(usize, usize)>,
}

const WEEKDAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parse a full TimeML day value "YYYY-MM-DD" (optionally followed by T...).
fn day_value(v: &str) -> Option<Date> {
    let d = v.get(..10)?;
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if v.len() > 10 && !v[10..].starts_with('T') {
        return None;
    }
    d.parse().ok()
}

/// The weekday named inside `s` (whole words), 1 = Monday.
fn weekday_in(s: &str) -> Option<u8> {
    for w in s.split(|c: char| !c.is_ascii_alphabetic()) {
        if w.len() < 3 {
            continue;
        }
        let lw = w.to_ascii_lowercase();
        if let Some(&(_, d, plural)) = WEEKDAYS.iter().find(|(n, _, _)| *n == lw)
            && !plural
            && (lw.ends_with("day") || w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        {
            return Some(d);
        }
    }
    None
}

fn weekday_of(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

/// Years near `year` in which month/day falls on weekday `w`.
fn fitting_years(year: i16, month: i8, day: i8, w: u8) -> Vec<i16> {
    let mut out = Vec::new();
    for delta in 0..=30i16 {
        for y in [year.saturating_sub(delta), year.saturating_add(delta)] {
            if out.contains(&y) || y == year {
                continue;
            }
            if let Ok(d) = Date::new(y, month, day)
                && weekday_of(d) == w
            {
                out.push(y);
            }
        }
        if out.len() >= 4 {
            break;
        }
    }
    out.sort_unstable();
    out
}

const PAST_MARKERS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "met",
    "held",
    "took",
    "signed",
    "visited",
    "attended",
    "happened",
    "occurred",
    "ended",
    "began",
    "spoke",
    "called",
    "announced",
];
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "would",
    "shall",
    "to",
    "plans",
    "planned",
    "expected",
    "scheduled",
    "due",
    "could",
    "may",
    "might",
    "should",
    "next",
    "upcoming",
    "until",
    "before",
    "by",
];

/// Sentence around byte range [s, e).
fn sentence_around(text: &str, s: usize, e: usize) -> (&str, &str) {
    let before = text.get(..s).unwrap_or("");
    let after = text.get(e..).unwrap_or("");
    let b_start = before.rfind(['.', '!', '?', '\n']).map_or(0, |p| p + 1);
    let a_end = after.find(['.', '!', '?', '\n']).unwrap_or(after.len());
    (before.get(b_start..).unwrap_or(""), after.get(..a_end).unwrap_or(""))
}

/// Check the timexes of `text` for internal contradictions.
pub fn check_consistency(text: &str, timexes: &[Timex], reference: Option<&Reference>) -> Vec<TimeWarning> {
    let mut out = Vec::new();
    for (i, t) in timexes.iter().enumerate() {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        let Some(d) = day_value(&t.value) else { continue };
        let span_text = text.get(t.start..t.end).unwrap_or("");
        // weekday named in the span, or right before it ("Friday, Oct. 17")
        let mut w = weekday_in(span_text);
        let mut span = (t.start, t.end);
        if w.is_none() {
            let before = text.get(..t.start).unwrap_or("");
            let trimmed = before.trim_end_matches([' ', ',']);
            let word_start = trimmed.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |p| p + 1);
            let word = trimmed.get(word_start..).unwrap_or("");
            if before.len() - trimmed.len() <= 2
                && let Some(x) = weekday_in(word)
            {
                w = Some(x);
                span = (word_start, t.end);
            }
        }
        // only a weekday together with an explicit year-less or full date counts
        let explicit_year = span_text.bytes().filter(u8::is_ascii_digit).count() >= 4;
        if let Some(w) = w {
            let actual = weekday_of(d);
            if actual != w && span_text.chars().any(|c| c.is_ascii_digit()) {
                let years = fitting_years(d.year(), d.month(), d.day(), w);
                let list = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
                let month_name = MONTH_NAMES.get((d.month() - 1) as usize).copied().unwrap_or("");
                let message = format!(
                    "{} {} {}, {} was a {}, not a {}{}",
                    WEEKDAY_NAMES[(w - 1) as usize],
                    month_name,
                    d.day(),
                    d.year(),
                    WEEKDAY_NAMES[(actual - 1) as usize],
                    WEEKDAY_NAMES[(w - 1) as usize],
                    if list.is_empty() {
                        String::new()
                    } else {
                        format!("; {} {} is a {} in {}", month_name, d.day(), WEEKDAY_NAMES[(w - 1) as usize], list)
                    }
                );
                let _ = explicit_year;
                out.push(TimeWarning { kind: "weekday_conflict".into(), message, spans: vec![span] });
            }
        }
        // a date after publication told in the past tense
        if let Some(r) = reference {
            let pubd = r.datetime().date();
            if d > pubd {
                let (b, a) = sentence_around(text, t.start, t.end);
                let words = |s: &str| -> Vec<String> {
                    s.split(|c: char| !c.is_ascii_alphabetic())
                        .filter(|w| !w.is_empty())
                        .map(str::to_ascii_lowercase)
                        .collect()
                };
                let bw = words(b);
                let aw = words(a);
                let future = bw.iter().chain(aw.iter()).any(|w| FUTURE_MARKERS.contains(&w.as_str()));
                let past = bw.iter().rev().take(8).chain(aw.iter().take(6)).any(|w| PAST_MARKERS.contains(&w.as_str()));
                if past && !future {
                    out.push(TimeWarning {
                        kind: "future_in_past_tense".into(),
                        message: format!(
                            "{} is after the publication date {} but is described in the past tense",
                            t.value, pubd
                        ),
                        spans: vec![(t.start, t.end)],
                    });
                }
            }
        }
        // an event-anchored date next to an explicit one that says otherwise:
        // "two days later, on March 9" when the anchor gives March 7
        if let Some(crate::Anchor::Timex(a)) = t.anchor
            && let Some(anchor) = timexes.get(a)
        {
            let near = |o: &Timex| {
                let (s, e) = if o.start >= t.end { (t.end, o.start) } else { (o.end, t.start) };
                let gap = text.get(s..e).unwrap_or("x.");
                gap.len() <= 24 && !gap.contains(['.', '!', '?', ';', '\n'])
            };
            let explicit =
                [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter_map(|k| timexes.get(k)).find(|o| {
                    o.anchor.is_none() && o.kind == TimexType::Date && day_value(&o.value).is_some() && near(o)
                });
            if let Some(o) = explicit
                && let Some(od) = day_value(&o.value)
                && od != d
            {
                let anchor_text = text.get(anchor.start..anchor.end).unwrap_or("");
                out.push(TimeWarning {
                    kind: "date_conflict".into(),
                    message: format!(
                        "\"{}\" counted from \"{}\" ({}) gives {}, but the text says {}",
                        span_text, anchor_text, anchor.value, d, od
                    ),
                    spans: vec![(t.start, t.end), (o.start, o.end), (anchor.start, anchor.end)],
                });
            }
        }
    }
    out
}
