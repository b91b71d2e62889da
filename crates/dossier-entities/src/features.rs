//! Hashed features for one token position.

use std::collections::HashMap;
use std::sync::LazyLock;

use dossier_text::Token;
use dossier_text::learn::{SEED, hash_bytes, mix};

/// Gazetteer flag bits (letters of `data/gazetteer.tsv`): a one-word place (`P`), a word of a
/// longer place name (`p`), first and last word of a person's name (`F`, `L`), a one-word
/// organisation (`O`), a word of a longer organisation name (`o`).
const PLACE: u8 = 1;
const PLACE_PART: u8 = 2;
const FIRST_NAME: u8 = 4;
const LAST_NAME: u8 = 8;
const ORG: u8 = 16;
const ORG_PART: u8 = 32;

/// Word → bit set of the dictionary phrase kinds it occurs in (see
/// `scripts/build-gazetteer.py`; built from the Phoenix actor dictionaries, MIT licence).
static GAZETTEER: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    include_str!("../data/gazetteer.tsv")
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, flags)| {
            let bits = flags.bytes().fold(0u8, |acc, f| {
                acc | match f {
                    b'P' => PLACE,
                    b'p' => PLACE_PART,
                    b'F' => FIRST_NAME,
                    b'L' => LAST_NAME,
                    b'O' => ORG,
                    b'o' => ORG_PART,
                    _ => 0,
                }
            });
            (w, bits)
        })
        .collect()
});

fn gazetteer_bits(tok: &str) -> u64 {
    if tok.len() > 40 || !tok.chars().next().is_some_and(char::is_alphabetic) {
        return 0;
    }
    GAZETTEER.get(tok.to_lowercase().as_str()).map_or(0, |&b| u64::from(b) + 1)
}

/// Whether the dictionaries list `word` alone as a country or an organisation and never as
/// part of a person's name (`America`, `Hamas`).
pub(crate) fn names_country_or_org(word: &str) -> bool {
    // `gazetteer_bits` is the flag set plus one (0 = not listed).
    let Some(bits) = gazetteer_bits(word).checked_sub(1) else { return false };
    let bits = bits as u8;
    bits & (PLACE | ORG) != 0 && bits & (FIRST_NAME | LAST_NAME) == 0
}

/// Per-token hashes computed once per sentence.
#[derive(Clone, Copy)]
pub(crate) struct TokenHashes {
    lower: u64,
    exact: u64,
    shape: u64,
    prefix: u64,
    suffix3: u64,
    suffix2: u64,
    /// Title-case word (`Putin`), all caps (`NATO`), lower, other.
    case: u64,
    /// Gazetteer flags (0 = not listed).
    gaz: u64,
    /// Penn Treebank tag from the syntax layer (`NONE` without one).
    pos: u64,
}

fn shape(tok: &str) -> u64 {
    let mut h = SEED;
    let mut last = 0u8;
    let mut n = 0;
    for c in tok.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if class != last {
            h = hash_bytes(h, [class]);
            last = class;
            n += 1;
            if n > 5 {
                break;
            }
        }
    }
    h
}

/// Hash of lower-cased characters, without allocating.
fn hash_lower(seed: u64, chars: impl Iterator<Item = char>) -> u64 {
    let mut h = seed;
    let mut buf = [0u8; 4];
    for c in chars.flat_map(char::to_lowercase) {
        h = hash_bytes(h, c.encode_utf8(&mut buf).bytes());
    }
    h
}

fn affix(tok: &str, n: usize, suffix: bool) -> u64 {
    let seed = hash_bytes(SEED, [suffix as u8, n as u8]);
    if suffix { hash_lower(seed, tok.chars().rev().take(n)) } else { hash_lower(seed, tok.chars().take(n)) }
}

impl TokenHashes {
    pub(crate) fn new(tok: &str, xpos: &str) -> Self {
        let long = tok.len() > 30;
        let lower = if long { hash_bytes(SEED, *b"<long>") } else { hash_lower(SEED, tok.chars()) };
        let exact = if long { lower } else { hash_bytes(SEED ^ 1, tok.bytes()) };
        let mut chars = tok.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest_upper = tok.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let has_alpha = tok.chars().any(char::is_alphabetic);
        let case = match (has_alpha, first_upper, rest_upper) {
            (false, _, _) => 0,
            (true, true, true) if tok.chars().count() > 1 => 1,
            (true, true, _) => 2,
            (true, false, _) => 3,
        };
        Self {
            lower,
            exact,
            shape: shape(tok),
            prefix: affix(tok, 3, false),
            suffix3: affix(tok, 3, true),
            suffix2: affix(tok, 2, true),
            case,
            gaz: gazetteer_bits(tok),
            pos: if xpos.is_empty() { NONE } else { hash_bytes(SEED ^ 2, xpos.bytes()) },
        }
    }
}

/// Hashes for every token of a sentence. `xpos` (Penn tags from the syntax layer) is
/// parallel to `tokens`, or empty when unknown.
pub(crate) fn sentence_hashes(text: &str, tokens: &[Token], xpos: &[&str]) -> Vec<TokenHashes> {
    tokens.iter().enumerate().map(|(i, t)| TokenHashes::new(t.text(text), xpos.get(i).copied().unwrap_or(""))).collect()
}

const NONE: u64 = 0x5bd1_e995;

/// Features of position `i`, given the two previous predicted labels.
pub(crate) fn features(h: &[TokenHashes], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    let at = |k: isize| -> Option<&TokenHashes> {
        let j = i as isize + k;
        if j < 0 { None } else { h.get(j as usize) }
    };
    let lower = |k| at(k).map_or(NONE, |t| t.lower);
    let shape = |k| at(k).map_or(NONE, |t| t.shape);
    let case = |k| at(k).map_or(NONE, |t| t.case);
    let gaz = |k| at(k).map_or(NONE, |t| t.gaz);
    let pos = |k| at(k).map_or(NONE, |t| t.pos);
    let w = &h[i];
    out.clear();
    out.extend_from_slice(&[
        mix(1, 0, 0),
        mix(2, w.lower, 0),
        mix(3, w.exact, 0),
        mix(4, w.shape, 0),
        mix(5, w.prefix, 0),
        mix(6, w.suffix3, 0),
        mix(7, w.suffix2, 0),
        mix(8, lower(-1), 0),
        mix(9, lower(1), 0),
        mix(10, lower(-2), 0),
        mix(11, lower(2), 0),
        mix(12, shape(-1), w.shape),
        mix(13, w.shape, shape(1)),
        mix(14, prev, 0),
        mix(15, prev, prev2),
        mix(16, prev, w.lower),
        mix(17, lower(-1), w.lower),
        mix(18, w.lower, lower(1)),
        mix(19, (i == 0) as u64, w.case),
        mix(20, case(-1), mix(0, w.case, case(1))),
        mix(21, prev, w.shape),
        mix(22, lower(-1), mix(0, w.case, 0)),
        mix(23, w.case, lower(1)),
        mix(24, w.gaz, 0),
        mix(25, w.gaz, w.case),
        mix(26, gaz(-1), mix(0, w.gaz, w.case)),
        mix(27, mix(0, w.gaz, w.case), gaz(1)),
        mix(28, prev, w.gaz),
        mix(29, w.pos, 0),
        mix(30, pos(-1), w.pos),
        mix(31, w.pos, pos(1)),
        mix(32, w.pos, w.case),
        mix(33, prev, w.pos),
        mix(36, pos(-1), mix(0, w.pos, pos(1))),
    ]);
}
