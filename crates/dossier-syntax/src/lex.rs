//! Per-token lexical hashes shared by the tagger and the parser, computed once per sentence.

use crate::hash::{hash_bytes, hash_str, mix};

#[derive(Clone, Copy, Default)]
pub(crate) struct TokLex {
    /// Exact form.
    pub wf: u64,
    /// Lowercased form with ASCII digits mapped to `0`.
    pub wl: u64,
    /// Prefixes of 1..=3 characters of the normalized form.
    pub pre: [u64; 3],
    /// Suffixes of 1..=4 characters of the normalized form.
    pub suf: [u64; 4],
    /// Collapsed character-class shape (`Xx`, `d.d`, `x-x`).
    pub shape: u64,
    /// First character is upper case.
    pub cap: bool,
    /// Fine and coarse word cluster feature values (filled by `Clusters::annotate`).
    pub cf: u64,
    pub cc: u64,
}

/// Normalized form used for word features: lower case, ASCII digits as `0`.
pub(crate) fn normalize_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

fn shape_hash(word: &str) -> u64 {
    let mut buf = [0u8; 16];
    let mut n = 0;
    let mut last = 0u8;
    let mut count = 0usize;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        count += 1;
        if class != last {
            last = class;
            if n < buf.len() {
                buf[n] = class;
                n += 1;
            }
        }
    }
    let len_class = match count {
        0..=3 => count as u64,
        4..=7 => 4,
        _ => 5,
    };
    mix(77, hash_bytes(&buf[..n]), len_class)
}

pub(crate) fn lex_word(word: &str, buf: &mut String) -> TokLex {
    normalize_into(word, buf);
    let s = buf.as_str();
    let mut pre = [0u64; 3];
    let mut ends = s.char_indices().map(|(i, c)| i + c.len_utf8());
    let mut last_end = 0;
    for (k, p) in pre.iter_mut().enumerate() {
        if let Some(e) = ends.next() {
            last_end = e;
        }
        *p = mix(100 + k as u64, hash_str(&s[..last_end]), 0);
    }
    let mut suf = [0u64; 4];
    let mut starts = s.char_indices().rev().map(|(i, _)| i);
    let mut last_start = s.len();
    for (k, x) in suf.iter_mut().enumerate() {
        if let Some(st) = starts.next() {
            last_start = st;
        }
        *x = mix(200 + k as u64, hash_str(&s[last_start..]), 0);
    }
    TokLex {
        wf: hash_str(word),
        wl: hash_str(s),
        pre,
        suf,
        shape: shape_hash(word),
        cap: word.chars().next().is_some_and(char::is_uppercase),
        cf: crate::clusters::UNKNOWN,
        cc: crate::clusters::UNKNOWN,
    }
}

pub(crate) fn lex_sentence(words: &[&str], out: &mut Vec<TokLex>) {
    out.clear();
    let mut buf = String::new();
    out.extend(words.iter().map(|w| lex_word(w, &mut buf)));
}
