//! Call transcripts: lines of the form `Name: utterance`, `NAME: ...`, optionally after a
//! `[00:01:12]` timestamp, with initials or surnames standing for a speaker introduced earlier
//! (`SW:` after `Steve Witkoff:`). Lines without a label continue the previous turn.

use std::sync::LazyLock;

use dossier_text::{TextRange, Turn};
use regex::Regex;

/// A speaker label: one to four capitalised words (titles with periods allowed), or
/// initials; no digits. The utterance must follow on the same line.
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?(?P<label>\p{Lu}[\p{L}.'’\-]*(?:[ \t]+(?:\p{Lu}[\p{L}.'’\-]*|de|da|van|von|al|bin|ibn|la|le|del|der)){0,3})[ \t]*:[ \t]+\S",
    )
    .expect("turn regex is valid")
});

/// Words that look like labels in ordinary prose and never name a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "Note",
    "Update",
    "Source",
    "Sources",
    "Editor",
    "Editor's Note",
    "Correction",
    "Photo",
    "Read More",
    "Related",
    "Subject",
    "Re",
    "From",
    "To",
    "Date",
    "Sent",
    "Cc",
    "Tags",
    "Warning",
    "Image",
    "Video",
    "Watch",
    "Listen",
];

/// One labelled line found in the text.
struct RawTurn {
    label: TextRange,
    utterance_start: usize,
    line_end: usize,
}

fn scan(text: &str) -> (Vec<RawTurn>, usize) {
    let mut turns = Vec::new();
    let mut nonempty = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            continue;
        }
        nonempty += 1;
        if let Some(c) = TURN.captures(body) {
            let Some(label) = c.name("label") else { continue };
            if NOT_SPEAKERS.contains(&label.as_str()) {
                continue;
            }
            let whole = c.get(0).map_or(body.len(), |m| m.end());
            // The match ends on the utterance's first character.
            let utter = whole - body[..whole].chars().next_back().map_or(0, char::len_utf8);
            turns.push(RawTurn {
                label: TextRange::from_usize(start + label.start(), start + label.end()),
                utterance_start: start + utter,
                line_end: start + body.len(),
            });
        }
    }
    (turns, nonempty)
}

/// Whether `text` reads as a transcript: at least two labelled turns by at least two labels,
/// making up at least half of the non-empty lines.
pub fn looks_like_transcript(text: &str) -> bool {
    let (turns, nonempty) = scan(text);
    if turns.len() < 2 || turns.len() * 2 < nonempty {
        return false;
    }
    let first = turns[0].label.slice(text);
    turns.iter().any(|t| t.label.slice(text) != first)
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// The full name an abbreviated label stands for, among earlier full labels.
fn expand<'a>(label: &str, full: &'a [String]) -> Option<&'a str> {
    let is_short_caps = !label.contains(' ') && label.chars().all(|c| c.is_uppercase() || c == '.');
    if !is_short_caps {
        return None;
    }
    let bare: String = label.chars().filter(|c| *c != '.').collect();
    full.iter()
        .find(|f| {
            f.contains(' ')
                && (initials(f) == bare
                    || f.split_whitespace().next_back().is_some_and(|last| last.eq_ignore_ascii_case(&bare)))
        })
        .map(String::as_str)
}

/// Parses the turns of a transcript. Each turn's range runs from the utterance's first
/// character to the end of its last continuation line.
pub fn parse_turns(text: &str) -> Vec<Turn> {
    let (raw, _) = scan(text);
    let mut full: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(raw.len());
    for (k, t) in raw.iter().enumerate() {
        let label = t.label.slice(text);
        let speaker = match expand(label, &full) {
            Some(name) => name.to_string(),
            None => {
                if !full.iter().any(|f| f == label) {
                    full.push(label.to_string());
                }
                label.to_string()
            }
        };
        // Continuation: up to the next labelled line, without trailing whitespace.
        let limit = raw.get(k + 1).map_or(text.len(), |n| line_start(text, n.label.start() as usize));
        let end = t.line_end.max(t.utterance_start + text[t.utterance_start..limit].trim_end().len());
        out.push(Turn { label: t.label, speaker, range: TextRange::from_usize(t.utterance_start, end) });
    }
    out
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALL: &str = "Steve Witkoff: Good morning, Yuri.\nYuri Ushakov: Good morning.\nSW: I wanted to talk about the plan.\nIt has twenty points.\n\n[00:02:10] USHAKOV: We have read it.\n";

    #[test]
    fn detects_and_parses_turns() {
        assert!(looks_like_transcript(CALL));
        let turns = parse_turns(CALL);
        let got: Vec<(&str, &str, &str)> =
            turns.iter().map(|t| (t.label.slice(CALL), t.speaker.as_str(), t.range.slice(CALL))).collect();
        assert_eq!(
            got,
            [
                ("Steve Witkoff", "Steve Witkoff", "Good morning, Yuri."),
                ("Yuri Ushakov", "Yuri Ushakov", "Good morning."),
                ("SW", "Steve Witkoff", "I wanted to talk about the plan.\nIt has twenty points."),
                ("USHAKOV", "Yuri Ushakov", "We have read it."),
            ]
        );
    }

    #[test]
    fn prose_is_not_a_transcript() {
        let prose = "The envoy arrived on Monday.\nHe said: we will see.\nNote: times are local.\nThe talks went on.";
        assert!(!looks_like_transcript(prose));
        assert!(!looks_like_transcript(""));
        assert!(!looks_like_transcript("Q: one label only\nQ: again"));
    }

    #[test]
    fn unicode_labels_and_crlf() {
        let t = "Émile Zola: Bonjour.\r\nÖZIL: Hallo.\r\n";
        let turns = parse_turns(t);
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[1].range.slice(t), "Hallo.");
    }
}
