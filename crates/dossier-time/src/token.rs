//! A small, allocation-light tokenizer: words (ASCII letters), numbers (ASCII
//! digits), single punctuation characters and "other" (any non-ASCII character
//! run).  Offsets are byte offsets into the original text and always lie on
//! char boundaries.

use crate::lexicon::{Lex, Lexicon};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct(u8),
    Other,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace precedes this token.
    pub space_before: bool,
    /// A line break precedes this token (within the whitespace before it).
    pub newline_before: bool,
    /// Starts with an upper-case letter.
    pub capital: bool,
    /// All letters upper case (and more than one letter).
    pub all_caps: bool,
    pub lex: Lex,
    /// Numeric value for Num tokens (saturating), 0 otherwise.
    pub num: u32,
}

impl Token {
    #[inline]
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == TokKind::Punct(c)
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Tokenize `text`.  `lower` must be `text.to_ascii_lowercase()` (same byte
/// offsets).
pub fn tokenize(text: &str, lower: &str, lex: &Lexicon, out: &mut Vec<Token>) {
    out.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            if c == b'\n' {
                newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        let mut capital = false;
        let mut all_caps = false;
        let mut num = 0u32;
        let mut lx = Lex::None;
        if c.is_ascii_alphabetic() {
            let mut upper = 0usize;
            while i < n && b[i].is_ascii_alphabetic() {
                if b[i].is_ascii_uppercase() {
                    upper += 1;
                }
                i += 1;
            }
            capital = c.is_ascii_uppercase();
            all_caps = upper == i - start && i - start > 1;
            kind = TokKind::Word;
            // Words glued to non-ASCII letters are not English words we know.
            let glued = i < n && b[i] >= 0x80;
            if !glued && i - start <= 16 {
                lx = lex.get(&lower[start..i]);
            }
        } else if c.is_ascii_digit() {
            while i < n && b[i].is_ascii_digit() {
                num = num.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            kind = TokKind::Num;
        } else if c < 0x80 {
            i += 1;
            kind = TokKind::Punct(c);
        } else {
            // A run of non-ASCII characters (keeps char boundaries: stop only
            // at an ASCII byte, which is always a boundary).
            while i < n && b[i] >= 0x80 {
                i += 1;
            }
            kind = match &text[start..i] {
                // Typographic apostrophes and dashes behave like their ASCII forms.
                "\u{2019}" | "\u{2018}" => TokKind::Punct(b'\''),
                "\u{2013}" | "\u{2014}" => TokKind::Punct(b'-'),
                _ => TokKind::Other,
            };
        }
        out.push(Token {
            start,
            end: i,
            kind,
            space_before: space,
            newline_before: newline,
            capital,
            all_caps,
            lex: lx,
            num,
        });
        space = false;
        newline = false;
    }
}
