//! Byte ranges into a document's text, in the style of ruff's `TextRange`.
//!
//! Offsets are `u32` byte positions: documents are limited to 4 GiB, which halves the size of
//! every span stored in annotation layers. Conversion to Unicode code points (the unit of the
//! JSON contract) happens only at the output boundary, through [`crate::OffsetMap`].

use std::fmt;
use std::ops::Range;

/// A byte offset into a text.
pub type TextSize = u32;

/// A half-open byte range `[start, end)` into a text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct TextRange {
    start: TextSize,
    end: TextSize,
}

impl TextRange {
    /// Creates a range. `start` must not exceed `end`.
    #[inline]
    pub fn new(start: TextSize, end: TextSize) -> Self {
        assert!(start <= end, "TextRange start {start} > end {end}");
        Self { start, end }
    }

    /// Creates a range from `usize` byte offsets.
    ///
    /// # Panics
    /// When an offset exceeds `u32::MAX` (callers check the document size once, on input).
    #[inline]
    pub fn from_usize(start: usize, end: usize) -> Self {
        let conv = |v: usize| TextSize::try_from(v).expect("offset exceeds 4 GiB document limit");
        Self::new(conv(start), conv(end))
    }

    #[inline]
    pub fn empty(at: TextSize) -> Self {
        Self { start: at, end: at }
    }

    #[inline]
    pub fn start(self) -> TextSize {
        self.start
    }

    #[inline]
    pub fn end(self) -> TextSize {
        self.end
    }

    #[inline]
    pub fn len(self) -> TextSize {
        self.end - self.start
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest range covering both.
    #[inline]
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    #[inline]
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The range as `usize` indices, for slicing.
    #[inline]
    pub fn to_usize(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this range covers. Returns `None` when the range is out of bounds or does not
    /// fall on character boundaries.
    #[inline]
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.to_usize())
    }

    /// The text this range covers.
    ///
    /// # Panics
    /// When the range does not fit `text` (a bug: ranges are created against their own text).
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.to_usize()]
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<TextRange> for Range<usize> {
    fn from(r: TextRange) -> Self {
        r.to_usize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_and_contains() {
        let a = TextRange::new(2, 5);
        let b = TextRange::new(4, 9);
        assert_eq!(a.cover(b), TextRange::new(2, 9));
        assert!(a.cover(b).contains_range(a));
        assert!(!a.contains_range(b));
        assert_eq!(a.len(), 3);
        assert!(TextRange::empty(3).is_empty());
    }

    #[test]
    fn get_respects_char_boundaries() {
        let text = "Zürich";
        assert_eq!(TextRange::new(0, 3).get(text), Some("Zü"));
        assert_eq!(TextRange::new(0, 2).get(text), None);
        assert_eq!(TextRange::new(0, 99).get(text), None);
    }
}
