//! The built-in components and the registry that names them.

use dossier_pipeline::{Component, ComponentError, Entry, Registry};
use dossier_text::{Doc, Segmenter, Tokenizer};

/// Components of the default pipeline, in order.
pub const DEFAULT_PIPELINE: &[&str] = &["segment"];

/// Every built-in component.
pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(Entry {
        name: "segment",
        requires: &[],
        describe: "tokens (UD English conventions) and sentences (trained boundary classifier)",
        factory: || Ok(Box::new(Segment { segmenter: Segmenter::builtin().map_err(|e| e.to_string())? })),
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
        doc.tokens = tokens;
        doc.sentences = sentences;
        Ok(())
    }
}
