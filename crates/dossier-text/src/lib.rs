//! Text foundation of dossier: byte ranges ([`TextRange`]), code-point offset maps
//! ([`OffsetMap`]), the [`Doc`] that owns a text and its annotation layers, the rule-based
//! [`Tokenizer`] and the trained sentence [`Segmenter`].
//!
//! Everything here works in UTF-8 byte offsets; JSON output converts to code points through
//! the document's [`OffsetMap`].

mod doc;
pub mod learn;
mod offsets;
mod range;
pub mod segment;
mod syntax;
mod tokenize;

pub use doc::{
    Doc, DocMeta, EntityAnnot, EventAnnot, Gap, MentionAnnot, QuoteAnnot, Resolution, Sentence, TimexAnnot, Token,
    TokenKind, TooLarge, Turn, Warning,
};
pub use learn::ModelError;
pub use offsets::OffsetMap;
pub use range::{TextRange, TextSize};
pub use segment::Segmenter;
pub use syntax::{SyntaxBuilder, SyntaxLayer};
pub use tokenize::Tokenizer;

/// Tokenizes and sentence-splits `doc` in place with the built-in models.
pub fn segment_doc(doc: &mut Doc) -> Result<(), ModelError> {
    let segmenter = Segmenter::builtin()?;
    let tokens = Tokenizer.tokenize(doc.text());
    let sentences = segmenter.segment(doc.text(), &tokens);
    doc.tokens = tokens;
    doc.sentences = sentences;
    Ok(())
}
