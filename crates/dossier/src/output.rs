//! The JSON output of the interface contract (`schema: "dossier/1"`).
//!
//! These types are the single definition of the output: `dossier analyze` serializes them
//! and `dossier schema` prints the JSON Schema generated from them (committed as
//! `docs/output.schema.json`). All offsets are Unicode code points into `text`, end
//! exclusive, converted from the engine's byte ranges here and nowhere else.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

use dossier_text::{Doc, Resolution, TextRange};

pub const SCHEMA: &str = "dossier/1";

/// One analyzed document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Document {
    /// Always `dossier/1`.
    pub schema: &'static str,
    pub doc: DocInfo,
    /// The document text exactly as analyzed; every offset points into it.
    pub text: String,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub timexes: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
    /// Speaker turns of a call transcript (empty for other documents). Extension of the
    /// contract.
    pub turns: Vec<Turn>,
}

/// Document metadata.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DocInfo {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    /// Publication date as given (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    /// Where `published` came from: `input`, `cli`, `html`.
    pub published_from: Option<String>,
    /// `text`, `transcript`, `jsonl` or `html`.
    pub kind: String,
    /// Input fields the reader did not know, verbatim.
    pub meta: Map<String, Value>,
}

/// A code-point range.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A code-point range with the text it covers (`text[start:end] == text`).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// An actor: person, organisation, place or group, with its mentions.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Entity {
    pub id: String,
    pub name: String,
    /// `PERSON`, `ORG`, `PLACE`, `GROUP` or `OTHER`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Roles the text gives the actor (`US presidential envoy`), in document order.
    pub roles: Vec<String>,
    /// Extension: where each of `roles` was read, in the same order.
    pub role_spans: Vec<TextSpan>,
    /// Entity ids of the actors this one belongs to or serves.
    pub affiliations: Vec<String>,
    /// Actor codes by scheme: `{"cameo": "RUS"}` when an actor dictionary spells a name.
    pub codes: Map<String, Value>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// `name`, `pronoun`, `nominal` or `label`.
    pub kind: String,
}

/// A time expression, normalized (TimeML) and resolved (Duckling-style).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Timex {
    pub id: String,
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TimeML TIMEX3 value (`2025-10-14`, `XXXX-10-17`, `P2D`).
    pub value: String,
    /// What a relative value was resolved against: `published`, a timex id, an event id.
    pub anchor: Option<String>,
    pub resolved: Option<Resolved>,
}

/// A concrete time: an instant at a grain, or an interval with an exclusive end.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Resolved {
    Instant { value: String, grain: String },
    Interval { from: Option<String>, to: Option<String>, grain: String },
}

/// Who said what.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Quote {
    pub id: String,
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// `direct`, `indirect`, `mixed` or `turn`.
    pub kind: String,
    /// Entity id.
    pub speaker: Option<String>,
    pub speaker_mention: Option<TextSpan>,
    pub cue: Option<TextSpan>,
    /// `speech` or `mental` (reported belief or intention). Extension of the contract.
    pub cue_type: String,
    /// The quote this fragment continues (`"A," he said. "B."`). Extension of the contract.
    pub continues: Option<String>,
}

/// Who did what to whom, when.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub plover: Option<String>,
    pub cameo: Option<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub source_codes: Vec<String>,
    pub target_codes: Vec<String>,
    pub trigger: TextSpan,
    pub sentence: u32,
    pub when: Option<String>,
    pub date: Option<EventDate>,
    /// Extension: entity id of the place where it happened (`met ... in Geneva`).
    pub place: Option<String>,
    /// Extension: the mention that names the place.
    pub place_mention: Option<TextSpan>,
    pub negated: bool,
    pub hypothetical: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EventDate {
    pub value: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A problem in the text (a weekday that contradicts its date) or in reading it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Warning {
    pub kind: String,
    pub message: String,
    pub spans: Vec<Span>,
}

/// One transcript turn: the speaker label as written and the utterance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Turn {
    /// Full speaker name the label stands for.
    pub speaker: String,
    pub label: TextSpan,
    pub start: u32,
    pub end: u32,
}

struct Conv<'a> {
    doc: &'a Doc,
}

impl Conv<'_> {
    fn span(&self, r: TextRange) -> Span {
        let o = self.doc.offsets();
        Span { start: o.char_offset(r.start()), end: o.char_offset(r.end()) }
    }

    fn text_span(&self, r: TextRange) -> TextSpan {
        let s = self.span(r);
        TextSpan { start: s.start, end: s.end, text: self.doc.slice(r).to_string() }
    }
}

/// Builds the contract object for an analyzed document.
pub fn document(doc: &Doc) -> Document {
    let c = Conv { doc };
    let m = &doc.meta;
    let meta: Map<String, Value> = m
        .extra
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.clone()))))
        .collect();
    Document {
        schema: SCHEMA,
        doc: DocInfo {
            id: m.id.clone(),
            url: m.url.clone(),
            title: m.title.clone(),
            source: m.source.clone(),
            published: m.published.clone(),
            published_from: m.published_from.clone(),
            kind: m.kind.clone(),
            meta,
        },
        text: doc.text().to_string(),
        sentences: doc.sentences.iter().map(|s| c.span(s.range)).collect(),
        entities: doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| Entity {
                id: format!("e{}", i + 1),
                name: e.name.clone(),
                kind: e.kind.to_string(),
                roles: e.roles.iter().map(|r| doc.slice(*r).to_string()).collect(),
                role_spans: e.roles.iter().map(|r| c.text_span(*r)).collect(),
                affiliations: e.affiliations.iter().map(|a| format!("e{}", a + 1)).collect(),
                codes: e.cameo.iter().map(|code| ("cameo".to_string(), Value::from(code.as_str()))).collect(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| {
                        let s = c.text_span(m.range);
                        Mention { start: s.start, end: s.end, text: s.text, kind: m.kind.to_string() }
                    })
                    .collect(),
            })
            .collect(),
        timexes: doc
            .timexes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let s = c.text_span(t.range);
                Timex {
                    id: format!("t{}", i + 1),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    kind: t.kind.to_string(),
                    value: t.value.clone(),
                    anchor: t.anchor.clone(),
                    resolved: t.resolved.as_ref().map(|r| match r {
                        Resolution::Instant { value, grain } => {
                            Resolved::Instant { value: value.clone(), grain: grain.clone() }
                        }
                        Resolution::Interval { from, to, grain } => {
                            Resolved::Interval { from: from.clone(), to: to.clone(), grain: grain.clone() }
                        }
                    }),
                }
            })
            .collect(),
        quotes: doc
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let s = c.text_span(q.range);
                Quote {
                    id: format!("q{}", i + 1),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    kind: q.kind.to_string(),
                    speaker: q.speaker.map(|e| format!("e{}", e + 1)),
                    speaker_mention: q.speaker_mention.map(|r| c.text_span(r)),
                    cue: q.cue.map(|r| c.text_span(r)),
                    cue_type: q.cue_type.to_string(),
                    continues: q.continues.map(|k| format!("q{}", k + 1)),
                }
            })
            .collect(),
        events: doc.events.iter().enumerate().map(|(i, e)| event(&c, i, e)).collect(),
        warnings: doc
            .warnings
            .iter()
            .map(|w| Warning {
                kind: w.kind.clone(),
                message: w.message.clone(),
                spans: w.spans.iter().map(|&r| c.span(r)).collect(),
            })
            .collect(),
        turns: doc
            .turns
            .iter()
            .map(|t| {
                let s = c.span(t.range);
                Turn { speaker: t.speaker.clone(), label: c.text_span(t.label), start: s.start, end: s.end }
            })
            .collect(),
    }
}

fn event(c: &Conv, i: usize, e: &dossier_text::EventAnnot) -> Event {
    let ids = |v: &[usize]| v.iter().map(|k| format!("e{}", k + 1)).collect::<Vec<_>>();
    let date = e.when.and_then(|t| c.doc.timexes.get(t)).map(|t| {
        let day = |s: &str| s.get(..10).unwrap_or(s).to_string();
        let (from, to) = match &t.resolved {
            Some(Resolution::Instant { value, .. }) => (Some(day(value)), Some(day(value))),
            Some(Resolution::Interval { from, to, .. }) => (from.as_deref().map(day), to.as_deref().map(day)),
            None => (None, None),
        };
        EventDate { value: t.value.clone(), from, to }
    });
    Event {
        id: format!("ev{}", i + 1),
        kind: e.kind.to_string(),
        plover: e.plover.map(str::to_string),
        cameo: Some(e.cameo.clone()),
        source: ids(&e.source),
        target: ids(&e.target),
        source_codes: e.source_codes.clone(),
        target_codes: e.target_codes.clone(),
        trigger: c.text_span(e.trigger),
        sentence: e.sentence,
        when: e.when.map(|t| format!("t{}", t + 1)),
        date,
        place: e.place.map(|(p, _)| format!("e{}", p + 1)),
        place_mention: e.place.map(|(_, r)| c.text_span(r)),
        negated: e.negated,
        hypothetical: e.hypothetical,
    }
}

/// The contract object as a JSON value.
pub fn to_json(doc: &Doc) -> Value {
    serde_json::to_value(document(doc)).unwrap_or(Value::Null)
}

/// The JSON Schema of [`Document`].
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(Document)).unwrap_or(Value::Null)
}
