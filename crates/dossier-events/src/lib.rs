//! # dossier-events
//!
//! Who did what to whom, when: political events coded in CAMEO (and mapped to PLOVER) from
//! UD dependency parses.
//!
//! - [`dict`]: PETRARCH-format dictionaries (verbs with patterns and synonym sets, actors with
//!   date-restricted codes, agents, discards); the Phoenix / CAMEO 2.0 set is built in.
//! - [`sentence::ParsedSentence`]: the parse view the coder reads (words, lemmas, UPOS, heads,
//!   relations), filled from CoNLL-U or from dossier's own parser.
//! - [`coder::Coder`]: actors by longest dictionary match, agents combined with countries,
//!   verb patterns matched against the verb's dependents, passive voice, conjoined actors,
//!   negation and modality flags, discards.
//! - [`codes`]: CAMEO to readable type and PLOVER type; [`lexicon`]: news triggers;
//!   [`capitals`]: national capitals, which stand for their governments as actors.

pub mod capitals;
pub mod coder;
pub mod codes;
pub mod dict;
pub mod lexicon;
pub mod sentence;

pub use coder::{Actor, CodedEvent, Coder, CoderOptions};
pub use dict::{DateKey, DictError, Dictionaries};
pub use sentence::ParsedSentence;

/// `YYYY-MM-DD...` to the `YYYYMMDD` key date-restricted actor codes use.
pub fn date_key(iso: &str) -> Option<dict::DateKey> {
    let b = iso.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = iso.get(..4)?.parse().ok()?;
    let m: i32 = iso.get(5..7)?.parse().ok()?;
    let d: i32 = iso.get(8..10)?.parse().ok()?;
    Some(y * 10000 + m * 100 + d)
}
