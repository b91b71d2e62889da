//! Mapping byte offsets to Unicode code-point offsets and to line/column positions.
//!
//! The JSON contract counts code points (what Python's `text[start:end]` uses); inside the
//! engine every span is a byte range. [`OffsetMap`] converts in `O(log n)` per lookup with memory
//! proportional to the number of non-ASCII characters, so pure-ASCII documents (most news
//! text) cost nothing beyond one flag.

use crate::range::TextSize;

/// Converts byte offsets of one text into code-point offsets and line numbers.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// For every non-ASCII character: the byte offset just after it, and the total number of
    /// continuation bytes (bytes minus chars) seen up to and including it.
    multibyte: Vec<(TextSize, TextSize)>,
    /// Byte offsets of the first byte of every line after the first.
    line_starts: Vec<TextSize>,
    len: TextSize,
}

impl OffsetMap {
    /// Builds the map in one pass over `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut multibyte = Vec::new();
        let mut extra: TextSize = 0;
        if !text.is_ascii() {
            for (i, ch) in text.char_indices() {
                let w = ch.len_utf8();
                if w > 1 {
                    extra += (w - 1) as TextSize;
                    multibyte.push(((i + w) as TextSize, extra));
                }
            }
        }
        let line_starts = memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as TextSize).collect();
        Self { multibyte, line_starts, len: bytes.len() as TextSize }
    }

    /// True when every character is one byte (offsets coincide).
    pub fn is_ascii(&self) -> bool {
        self.multibyte.is_empty()
    }

    /// The code-point offset of byte offset `byte`, which must lie on a character boundary
    /// (any offset inside a character maps to the character's end).
    pub fn char_offset(&self, byte: TextSize) -> TextSize {
        if self.multibyte.is_empty() {
            return byte;
        }
        // Number of multibyte characters that end at or before `byte`.
        let k = self.multibyte.partition_point(|&(end, _)| end <= byte);
        let extra = if k == 0 { 0 } else { self.multibyte[k - 1].1 };
        byte - extra
    }

    /// The byte offset of code-point offset `ch` (clamped to the text's end).
    pub fn byte_offset(&self, ch: TextSize) -> TextSize {
        if self.multibyte.is_empty() {
            return ch.min(self.len);
        }
        // Multibyte chars whose end, in code points, is at or before `ch`.
        let k = self.multibyte.partition_point(|&(end, extra)| end - extra <= ch);
        let extra = if k == 0 { 0 } else { self.multibyte[k - 1].1 };
        (ch + extra).min(self.len)
    }

    /// One-based line number and one-based column (in code points) of a byte offset.
    pub fn line_col(&self, byte: TextSize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= byte);
        let line_start = if line == 0 { 0 } else { self.line_starts[line - 1] };
        let col = self.char_offset(byte) - self.char_offset(line_start);
        (line + 1, col as usize + 1)
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> TextSize {
        self.char_offset(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("plain text\nsecond line");
        assert!(m.is_ascii());
        assert_eq!(m.char_offset(7), 7);
        assert_eq!(m.line_col(11), (2, 1));
        assert_eq!(m.line_col(13), (2, 3));
    }

    #[test]
    fn multibyte_offsets() {
        let text = "a€b😀c";
        let m = OffsetMap::new(text);
        assert_eq!(m.char_offset(0), 0);
        assert_eq!(m.char_offset(1), 1);
        assert_eq!(m.char_offset(4), 2); // after €
        assert_eq!(m.char_offset(5), 3); // after b
        assert_eq!(m.char_offset(9), 4); // after 😀
        assert_eq!(m.char_offset(10), 5);
        assert_eq!(m.char_len(), 5);
        assert_eq!(m.byte_offset(2), 4);
        assert_eq!(m.byte_offset(4), 9);
    }

    proptest! {
        #[test]
        fn char_offsets_match_std(s in "\\PC{0,60}") {
            let m = OffsetMap::new(&s);
            for (n, (i, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(m.char_offset(i as u32) as usize, n);
                prop_assert_eq!(m.byte_offset(n as u32) as usize, i);
            }
            prop_assert_eq!(m.char_len() as usize, s.chars().count());
        }
    }
}
