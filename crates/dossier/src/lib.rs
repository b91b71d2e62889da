//! # dossier
//!
//! Turns political news reports and call transcripts into a verifiable record: actors,
//! quotes, events and a timeline, every fact pointing at exact offsets in its source.
//!
//! ```
//! let analyzer = dossier::Analyzer::new()?;
//! let doc = analyzer.analyze_text("r1", "The envoy called the aide. They spoke for five minutes.")?;
//! assert_eq!(doc.sentences.len(), 2);
//! let json = dossier::output::to_json(&doc);
//! assert_eq!(json["schema"], "dossier/1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate is a facade: the stages live in `dossier-text` (document model, tokenizer,
//! segmenter), `dossier-ingest` (readers) and `dossier-pipeline` (components and runner);
//! this crate wires them into an [`Analyzer`], defines the JSON output of the interface
//! contract ([`output`]) and the CoNLL-U writer ([`conllu`]).

pub mod components;
pub mod conllu;
pub mod event_layer;
pub mod output;

pub use dossier_coref as coref;
pub use dossier_entities as entities;
pub use dossier_events as events;
pub use dossier_ingest as ingest;
pub use dossier_pipeline as pipeline;
pub use dossier_quotes as quotes;
pub use dossier_syntax as syntax;
pub use dossier_text as text;
pub use dossier_text::{Doc, DocMeta, TextRange};
pub use dossier_time as time;

use dossier_pipeline::{ComponentError, ConfigError, Pipeline, PipelineConfig};

/// Why an analysis could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Component(#[from] ComponentError),
    #[error(transparent)]
    TooLarge(#[from] dossier_text::TooLarge),
}

/// The default pipeline: every component that exists, in order.
pub fn default_config() -> PipelineConfig {
    PipelineConfig::new(components::DEFAULT_PIPELINE.iter().copied())
}

/// A configured pipeline, built once and shared across threads.
pub struct Analyzer {
    pipeline: Pipeline,
}

impl Analyzer {
    /// The default pipeline.
    pub fn new() -> Result<Self, Error> {
        Self::with_config(&default_config())
    }

    /// A pipeline from an explicit list of components.
    pub fn with_config(config: &PipelineConfig) -> Result<Self, Error> {
        Ok(Self { pipeline: components::registry().build(config)? })
    }

    /// Runs the pipeline over a document in place.
    pub fn process(&self, doc: &mut Doc) -> Result<(), Error> {
        Ok(self.pipeline.process(doc)?)
    }

    /// Analyzes a plain text.
    pub fn analyze_text(&self, id: &str, text: &str) -> Result<Doc, Error> {
        let meta = DocMeta { id: id.to_string(), kind: "text".to_string(), ..DocMeta::default() };
        let mut doc = Doc::new(meta, text.to_string())?;
        self.process(&mut doc)?;
        Ok(doc)
    }

    pub fn component_names(&self) -> Vec<&'static str> {
        self.pipeline.component_names()
    }
}
