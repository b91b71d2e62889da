//! The document: source text kept exactly, plus token, sentence and annotation layers that
//! refer to it by byte range (spaCy's `Doc` with spans as views).

use crate::OffsetMap;
use crate::range::TextRange;
use crate::syntax::SyntaxLayer;

/// What whitespace separates a token from the one before it. Recorded by the tokenizer so
/// whitespace is recoverable and paragraph structure is visible to later stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Gap {
    /// Directly attached to the previous token (`deal` `,`).
    #[default]
    None,
    /// Spaces or tabs, no line break.
    Space,
    /// One line break.
    Newline,
    /// A blank line (two or more line breaks) or the start of the document: a paragraph break.
    Paragraph,
}

/// Coarse lexical class of a token, decided by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    Url,
    Email,
}

/// A syntactic word: a view into the text by byte range.
///
/// Words that came from one whitespace-free surface token split by a clitic rule (`do` +
/// `n't` from `don't`) carry `joined = true` on every word after the first, which is how the
/// CoNLL-U writer rebuilds multiword-token lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub gap: Gap,
    pub kind: TokenKind,
    /// This word continues the previous word's surface token (multiword token).
    pub joined: bool,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        self.range.slice(text)
    }
}

/// A sentence: a byte range and the range of its tokens in [`Doc::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub range: TextRange,
    pub first_token: u32,
    pub end_token: u32,
}

impl Sentence {
    pub fn token_indices(self) -> std::ops::Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

/// One speaker turn of a call transcript (`NAME: utterance`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The speaker label as written (`WITKOFF`, `Ushakov`, `SW`).
    pub label: TextRange,
    /// The full speaker name the label stands for, when an earlier full label introduced it
    /// (`SW` after `Steve Witkoff:`); otherwise the label text itself.
    pub speaker: String,
    /// The utterance, without the label and separator.
    pub range: TextRange,
}

/// An actor with its mentions, attached by the entities component.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityAnnot {
    /// Canonical name (the fullest name mention).
    pub name: String,
    /// `PERSON`, `ORG`, `PLACE`, `GROUP` or `OTHER`.
    pub kind: &'static str,
    /// Mentions in document order.
    pub mentions: Vec<MentionAnnot>,
    /// Where the text gives this actor a role (`US presidential envoy`, `a senior aide to
    /// ...`), in document order.
    pub roles: Vec<TextRange>,
    /// Indices into [`Doc::entities`] of the actors this one belongs to or serves (the
    /// country of `Russian President`, the person of `an aide to Putin`).
    pub affiliations: Vec<usize>,
    /// CAMEO actor code (`RUS`, `USAGOV`) when an actor dictionary spells one of the names,
    /// in force on the publication date; set by the events component.
    pub cameo: Option<String>,
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionAnnot {
    pub range: TextRange,
    /// `name`, `pronoun`, `nominal` or `label`.
    pub kind: &'static str,
}

/// Who said what: a quotation, paraphrase or transcript turn, attached by the quotes component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteAnnot {
    /// The quoted content (with its quotation marks for direct quotes).
    pub range: TextRange,
    /// `direct`, `indirect`, `mixed` or `turn`.
    pub kind: &'static str,
    /// Index into [`Doc::entities`] of the speaker, when resolved.
    pub speaker: Option<usize>,
    /// The words naming the speaker in this attribution (`Figueroa`, `he`, `a senior official`).
    pub speaker_mention: Option<TextRange>,
    /// The cue (`said`, `according to`, `told reporters`).
    pub cue: Option<TextRange>,
    /// `speech` for reported speech, `mental` for reported belief or intention (`believes`).
    pub cue_type: &'static str,
    /// Index into [`Doc::quotes`] of the quote this one continues (`"A," he said. "B."`: the
    /// second fragment continues the first).
    pub continues: Option<usize>,
}

/// Who did what to whom, when: an event attached by the events component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAnnot {
    /// Readable type: `call`, `meeting`, `visit`, `statement`, `proposal`, `threat`, ...
    pub kind: &'static str,
    /// PLOVER type, when the CAMEO code has one.
    pub plover: Option<&'static str>,
    /// CAMEO code.
    pub cameo: String,
    /// Indices into [`Doc::entities`].
    pub source: Vec<usize>,
    pub target: Vec<usize>,
    /// Actor codes (`USAGOV`) where the dictionaries know them.
    pub source_codes: Vec<String>,
    pub target_codes: Vec<String>,
    /// The trigger words (`spoke`, `call`, `met with`).
    pub trigger: TextRange,
    /// Index into [`Doc::sentences`].
    pub sentence: u32,
    /// Index into [`Doc::timexes`] of the time of the event, when the clause has one.
    pub when: Option<usize>,
    /// Index into [`Doc::entities`] of the place where it happened (`met ... in Geneva`),
    /// with the mention that says so.
    pub place: Option<(usize, TextRange)>,
    pub negated: bool,
    /// Modal, conditional or otherwise not asserted as having happened.
    pub hypothetical: bool,
}

/// A time expression attached by the temporal component.
#[derive(Debug, Clone, PartialEq)]
pub struct TimexAnnot {
    pub range: TextRange,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: &'static str,
    /// TimeML TIMEX3 value.
    pub value: String,
    /// `published`, another timex's id, or none.
    pub anchor: Option<String>,
    /// Duckling-style resolution, already in contract shape (serialized as-is).
    pub resolved: Option<Resolution>,
}

/// A resolved time: an instant at a grain, or an interval with exclusive end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Instant { value: String, grain: String },
    Interval { from: Option<String>, to: Option<String>, grain: String },
}

/// A problem found in the text itself (a weekday that contradicts its date) or in reading it
/// (invalid UTF-8 replaced). Spans may be empty for document-level warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: String,
    pub message: String,
    pub spans: Vec<TextRange>,
}

/// Document metadata, as given by the reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    /// Publication date as given (ISO date or RFC 3339).
    pub published: Option<String>,
    /// Where `published` came from: `input`, `cli`, `html`, ...
    pub published_from: Option<String>,
    /// `text`, `transcript`, `jsonl`, `html`.
    pub kind: String,
    /// Unknown input fields, kept verbatim as JSON text, in input order.
    pub extra: Vec<(String, String)>,
}

/// A document and its annotation layers.
#[derive(Debug, Clone)]
pub struct Doc {
    pub meta: DocMeta,
    text: String,
    offsets: OffsetMap,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub turns: Vec<Turn>,
    /// Part of speech, lemma and dependency tree per token (empty until the syntax component runs).
    pub syntax: SyntaxLayer,
    pub entities: Vec<EntityAnnot>,
    pub quotes: Vec<QuoteAnnot>,
    pub timexes: Vec<TimexAnnot>,
    pub events: Vec<EventAnnot>,
    pub warnings: Vec<Warning>,
}

/// The text is larger than the 4 GiB that `u32` offsets address.
#[derive(Debug, thiserror::Error)]
#[error("document is {0} bytes; the limit is 4 GiB")]
pub struct TooLarge(pub usize);

impl Doc {
    /// Creates a document owning `text`, which is never modified afterwards.
    pub fn new(meta: DocMeta, text: String) -> Result<Self, TooLarge> {
        if u32::try_from(text.len()).is_err() {
            return Err(TooLarge(text.len()));
        }
        let offsets = OffsetMap::new(&text);
        Ok(Self {
            meta,
            text,
            offsets,
            tokens: Vec::new(),
            sentences: Vec::new(),
            turns: Vec::new(),
            syntax: SyntaxLayer::default(),
            entities: Vec::new(),
            quotes: Vec::new(),
            timexes: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn offsets(&self) -> &OffsetMap {
        &self.offsets
    }

    /// The text of a range of this document.
    pub fn slice(&self, range: TextRange) -> &str {
        range.slice(&self.text)
    }

    /// Sorts the entities by first mention and remaps every index that points into them
    /// (quote speakers, affiliations), so layers that add actors keep one stable order.
    pub fn sort_entities(&mut self) {
        let n = self.entities.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (self.entities[i].mentions.first().map(|m| m.range), i));
        if order.iter().enumerate().all(|(k, &i)| k == i) {
            return;
        }
        let mut new_index = vec![0; n];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut old: Vec<Option<EntityAnnot>> = std::mem::take(&mut self.entities).into_iter().map(Some).collect();
        self.entities = order.iter().filter_map(|&i| old[i].take()).collect();
        for e in &mut self.entities {
            for a in &mut e.affiliations {
                *a = new_index[*a];
            }
        }
        for q in &mut self.quotes {
            if let Some(s) = &mut q.speaker {
                *s = new_index[*s];
            }
        }
    }

    /// Drops every layer that points into the tokens (syntax, entities, quotes, events),
    /// for a component that replaces the tokens: running a pipeline again over an analysed
    /// document then rebuilds those layers instead of mixing old indexes with new tokens.
    /// Time expressions (character offsets) and the reader's turns and warnings stay.
    pub fn clear_token_layers(&mut self) {
        self.syntax = SyntaxLayer::default();
        self.entities.clear();
        self.clear_entity_layers();
    }

    /// Drops the layers that point into [`Doc::entities`] (quote speakers, event
    /// participants), for a component that replaces the entities.
    pub fn clear_entity_layers(&mut self) {
        self.quotes.clear();
        self.events.clear();
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: Sentence) -> &[Token] {
        &self.tokens[sentence.token_indices()]
    }

    /// Index in [`Doc::sentences`] of the sentence holding token `token` (binary search;
    /// `sentences.len()` for a token after the last sentence).
    pub fn sentence_index(&self, token: usize) -> usize {
        self.sentences.partition_point(|s| (s.end_token as usize) <= token)
    }
}
