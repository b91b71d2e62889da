//! The built-in components and the registry that names them.

use dossier_entities::NerModel;
use dossier_pipeline::{Component, ComponentError, Entry, Registry};
use dossier_syntax::{Scratch, SentenceAnalysis, SyntaxModel};
use dossier_text::{
    Doc, EntityAnnot, MentionAnnot, Resolution, Segmenter, SyntaxBuilder, SyntaxLayer, TextRange, TimexAnnot,
    Tokenizer, Warning,
};
use dossier_time::{Anchor, Reference, Resolved, TimeTagger};

/// Components of the default pipeline, in order.
pub const DEFAULT_PIPELINE: &[&str] = &["segment", "syntax", "entities", "coref", "quotes", "time", "events"];

/// Every built-in component.
pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(Entry {
        name: "segment",
        requires: &[],
        describe: "tokens (UD English conventions) and sentences (trained boundary classifier)",
        factory: || Ok(Box::new(Segment { segmenter: Segmenter::builtin().map_err(|e| e.to_string())? })),
    });
    r.register(Entry {
        name: "syntax",
        requires: &["segment"],
        describe: "part of speech, lemma and dependency tree of every token (trained tagger and arc-eager parser)",
        factory: || Ok(Box::new(Syntax { model: syntax_model().map_err(|e| e.to_string())? })),
    });
    r.register(Entry {
        name: "entities",
        requires: &["segment", "syntax"],
        describe: "named entities (PERSON, ORG, PLACE; trained recognizer) grouped into actors by name variants",
        factory: || Ok(Box::new(Entities { model: NerModel::builtin().map_err(|e| e.to_string())? })),
    });
    r.register(Entry {
        name: "coref",
        requires: &["entities"],
        describe: "coreference: pronouns and role nominals (he, the envoy) joined to their entities (multi-sieve)",
        factory: || Ok(Box::new(Coref)),
    });
    r.register(Entry {
        name: "quotes",
        requires: &["segment"],
        describe: "direct, indirect and mixed quotes and transcript turns, attributed to entities",
        factory: || Ok(Box::new(Quotes)),
    });
    r.register(Entry {
        name: "time",
        requires: &[],
        describe: "time expressions: TimeML values, resolution against the publication date, weekday/date checks",
        factory: || Ok(Box::new(Time { tagger: TimeTagger::new() })),
    });
    r.register(Entry {
        name: "events",
        requires: &["segment", "syntax"],
        describe: "who did what to whom, when: CAMEO / PLOVER events from the parse (uses entities and time when they ran before)",
        factory: || Ok(Box::new(crate::event_layer::Events::builtin()?)),
    });
    r
}

/// Tokenization and sentence splitting. In transcripts, every speaker label and every turn
/// starts a sentence.
pub struct Segment {
    segmenter: &'static Segmenter,
}

impl Component for Segment {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let tokens = Tokenizer.tokenize(doc.text());
        let mut breaks: Vec<u32> = doc.turns.iter().flat_map(|t| [t.label.start(), t.range.start()]).collect();
        breaks.sort_unstable();
        let sentences = self.segmenter.segment_with_breaks(doc.text(), &tokens, &breaks);
        doc.clear_token_layers();
        doc.tokens = tokens;
        doc.sentences = sentences;
        Ok(())
    }
}

/// The model every syntax component of this process uses, when not the built-in one.
static SYNTAX_MODEL: std::sync::OnceLock<&'static SyntaxModel> = std::sync::OnceLock::new();

/// Why model files given by the user could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    #[error("reading {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Model { path: String, source: dossier_syntax::ModelError },
    #[error("a syntax model was already chosen for this process")]
    AlreadySet,
}

/// Loads `tagger.bin` and `parser.bin` from `dir` (as written by `dossier train tagger|parser`)
/// and makes them the model of every syntax component built afterwards in this process.
/// The model lives for the rest of the process (it is leaked once, like the built-in one).
pub fn use_syntax_model_dir(dir: &std::path::Path) -> Result<&'static SyntaxModel, ModelFileError> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|source| ModelFileError::Read { path: path.display().to_string(), source })
    };
    let (tagger, parser) = (read("tagger.bin")?, read("parser.bin")?);
    let model = SyntaxModel::from_bytes(&tagger, &parser)
        .map_err(|source| ModelFileError::Model { path: dir.display().to_string(), source })?;
    let model: &'static SyntaxModel = Box::leak(Box::new(model));
    SYNTAX_MODEL.set(model).map_err(|_| ModelFileError::AlreadySet)?;
    Ok(model)
}

/// The syntax model in use: the one given to [`use_syntax_model_dir`], else the built-in one.
pub fn syntax_model() -> Result<&'static SyntaxModel, dossier_syntax::ModelError> {
    match SYNTAX_MODEL.get() {
        Some(m) => Ok(m),
        None => SyntaxModel::builtin(),
    }
}

/// Tagging, lemmatization and dependency parsing, sentence by sentence, into
/// [`Doc::syntax`](dossier_text::Doc).
pub struct Syntax {
    model: &'static SyntaxModel,
}

impl Syntax {
    /// A syntax component over a given model (for example one loaded from files and leaked
    /// once per process with `Box::leak`).
    pub fn with_model(model: &'static SyntaxModel) -> Self {
        Self { model }
    }
}

impl Component for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        doc.syntax = parse_doc(self.model, doc);
        Ok(())
    }
}

/// Runs `model` over every sentence of a segmented `doc` and returns the document's layer.
pub fn parse_doc(model: &'static SyntaxModel, doc: &Doc) -> SyntaxLayer {
    let text = doc.text();
    let mut builder = SyntaxBuilder::with_capacity(doc.tokens.len());
    let mut scratch = Scratch::default();
    let mut analysis = SentenceAnalysis::default();
    let mut words: Vec<&str> = Vec::new();
    for sentence in &doc.sentences {
        // Tokens between sentences (none with the built-in segmenter) stay unanalysed roots.
        while builder.len() < sentence.first_token as usize {
            builder.push("X", "", "", None, "dep");
        }
        let first = sentence.first_token as usize;
        words.clear();
        words.extend(doc.sentence_tokens(*sentence).iter().map(|t| t.text(text)));
        model.analyze_sentence_with(&words, &mut scratch, &mut analysis);
        for i in 0..words.len() {
            let head = match analysis.head.get(i) {
                Some(&0) | None => None,
                Some(&h) => Some(first + h as usize - 1),
            };
            builder.push(
                analysis.upos.get(i).map_or("X", |u| u.as_str()),
                analysis.xpos.get(i).copied().unwrap_or(""),
                analysis.lemma.get(i).map_or("", String::as_str),
                head,
                analysis.deprel.get(i).copied().unwrap_or("dep"),
            );
        }
    }
    while builder.len() < doc.tokens.len() {
        builder.push("X", "", "", None, "dep");
    }
    builder.finish()
}

/// Names recognized per sentence and grouped into entities by name variants.
pub struct Entities {
    model: &'static NerModel,
}

impl Component for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let mentions = dossier_entities::recognize(self.model, doc);
        let mut entities = dossier_entities::group_mentions(doc.text(), &mentions);
        // Transcript speaker labels are mentions of their speaker (`DH:` after `Daniel Hartley:`).
        // Names and mention texts are indexed once, so long transcripts stay linear.
        let text = doc.text();
        let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut ranges: std::collections::HashSet<dossier_text::TextRange> = std::collections::HashSet::new();
        for (i, e) in entities.iter().enumerate() {
            by_name.entry(e.name.clone()).or_insert(i);
            for m in &e.mentions {
                by_name.entry(m.range.slice(text).to_string()).or_insert(i);
                ranges.insert(m.range);
            }
        }
        for turn in &doc.turns {
            let label = MentionAnnot { range: turn.label, kind: "label" };
            match by_name.get(&turn.speaker) {
                Some(&i) => {
                    if ranges.insert(turn.label) {
                        entities[i].mentions.push(label);
                    }
                }
                None => {
                    by_name.insert(turn.speaker.clone(), entities.len());
                    ranges.insert(turn.label);
                    entities.push(EntityAnnot {
                        name: turn.speaker.clone(),
                        kind: "PERSON",
                        mentions: vec![label],
                        ..EntityAnnot::default()
                    });
                }
            }
        }
        for e in &mut entities {
            e.mentions.sort_by_key(|m| m.range);
        }
        entities.sort_by_key(|e| e.mentions.first().map(|m| m.range));
        doc.clear_entity_layers();
        doc.entities = entities;
        dossier_entities::drop_title_only_persons(doc);
        dossier_entities::attach_roles(doc);
        Ok(())
    }
}

/// Within-document coreference: pronoun and nominal mentions join the entities of
/// [`Doc::entities`] (uses the syntax layer when the `syntax` component ran before).
pub struct Coref;

impl Component for Coref {
    fn name(&self) -> &'static str {
        "coref"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let coref = dossier_coref::resolve(doc);
        dossier_coref::apply(doc, &coref);
        Ok(())
    }
}

/// Who said what (uses the entities layer when it ran before).
pub struct Quotes;

impl Component for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        dossier_quotes::attribute(doc);
        Ok(())
    }
}

/// Time expressions, resolved against the document's publication date when it has one, and
/// the consistency checks over them (weekday conflicts, future dates told in the past).
pub struct Time {
    tagger: TimeTagger,
}

fn resolution(r: Resolved) -> Resolution {
    match r {
        Resolved::Instant { value, grain } => Resolution::Instant { value, grain: grain.as_str().to_string() },
        Resolved::Interval { from, to, grain } => Resolution::Interval { from, to, grain: grain.as_str().to_string() },
    }
}

impl Component for Time {
    fn name(&self) -> &'static str {
        "time"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        let reference = match doc.meta.published.as_deref().map(Reference::parse) {
            Some(Ok(r)) => Some(r),
            Some(Err(e)) => {
                doc.warnings.push(Warning {
                    kind: "bad_reference".into(),
                    message: format!("publication date not usable for resolving times: {e}"),
                    spans: vec![],
                });
                None
            }
            None => None,
        };
        let text = doc.text();
        let timexes = self.tagger.tag(text, reference.as_ref());
        let warnings = dossier_time::check_consistency(text, &timexes, reference.as_ref());
        let annots: Vec<TimexAnnot> = timexes
            .into_iter()
            .map(|t| TimexAnnot {
                range: TextRange::from_usize(t.start, t.end),
                kind: t.kind.as_str(),
                value: t.value,
                anchor: t.anchor.map(|a| match a {
                    Anchor::Published => "published".to_string(),
                    Anchor::Timex(i) => format!("t{}", i + 1),
                }),
                resolved: t.resolved.map(resolution),
            })
            .collect();
        // Events point into the time expressions: they are rebuilt by the events component.
        doc.events.clear();
        doc.timexes = annots;
        doc.warnings.extend(warnings.into_iter().map(|w| Warning {
            kind: w.kind,
            message: w.message,
            spans: w.spans.into_iter().map(|(s, e)| TextRange::from_usize(s, e)).collect(),
        }));
        Ok(())
    }
}
