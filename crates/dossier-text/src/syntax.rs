//! The syntax layer of a [`Doc`](crate::Doc): part of speech, lemma and dependency tree of
//! every token, parallel to `Doc::tokens`.
//!
//! Storage is columnar and allocation-free to read: tags and relations are `&'static str`
//! taken from the model's tables, lemmas live in one string buffer, and the children of every
//! token are stored contiguously (compressed sparse rows), so [`SyntaxLayer::children`] is a
//! slice. Heads are token indices into the whole document (not 1-based sentence positions);
//! a sentence root has no head. Trees never cross sentence boundaries.

/// Per-token syntax for a whole document. Build it with [`SyntaxBuilder`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyntaxLayer {
    upos: Vec<&'static str>,
    xpos: Vec<&'static str>,
    deprel: Vec<&'static str>,
    /// Head token index, or `NO_HEAD` for a sentence root.
    head: Vec<u32>,
    lemmas: String,
    /// End of token `i`'s lemma in `lemmas` (its start is the previous end).
    lemma_end: Vec<u32>,
    /// Children of token `i` are `children[child_start[i]..child_start[i + 1]]`, in order.
    child_start: Vec<u32>,
    children: Vec<u32>,
}

const NO_HEAD: u32 = u32::MAX;

impl SyntaxLayer {
    /// Number of tokens covered.
    pub fn len(&self) -> usize {
        self.head.len()
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    /// Universal part of speech (`NOUN`, `VERB`, ...); `""` outside the layer.
    pub fn upos(&self, token: usize) -> &'static str {
        self.upos.get(token).copied().unwrap_or("")
    }

    /// Penn Treebank tag (`NNP`, `VBD`, ...); `""` outside the layer.
    pub fn xpos(&self, token: usize) -> &'static str {
        self.xpos.get(token).copied().unwrap_or("")
    }

    /// Universal Dependencies relation to the head (`nsubj`, `obl:tmod`, `root`).
    pub fn deprel(&self, token: usize) -> &'static str {
        self.deprel.get(token).copied().unwrap_or("")
    }

    /// The relation without its subtype (`obl` for `obl:tmod`).
    pub fn base_deprel(&self, token: usize) -> &'static str {
        let d = self.deprel(token);
        d.split_once(':').map_or(d, |(base, _)| base)
    }

    /// Lemma of a token; `""` outside the layer.
    pub fn lemma(&self, token: usize) -> &str {
        let Some(&end) = self.lemma_end.get(token) else {
            return "";
        };
        let start = if token == 0 { 0 } else { self.lemma_end[token - 1] };
        &self.lemmas[start as usize..end as usize]
    }

    /// Head token index; `None` for a sentence root or outside the layer.
    pub fn head(&self, token: usize) -> Option<usize> {
        match self.head.get(token) {
            Some(&h) if h != NO_HEAD => Some(h as usize),
            _ => None,
        }
    }

    /// Dependents of a token, in text order.
    pub fn children(&self, token: usize) -> impl ExactSizeIterator<Item = usize> + '_ {
        let slice = match (self.child_start.get(token), self.child_start.get(token + 1)) {
            (Some(&s), Some(&e)) => &self.children[s as usize..e as usize],
            _ => &[],
        };
        slice.iter().map(|&c| c as usize)
    }

    /// The first dependent with relation `rel` (exact match, subtype included).
    pub fn child_with(&self, token: usize, rel: &str) -> Option<usize> {
        self.children(token).find(|&c| self.deprel(c) == rel)
    }

    /// The first and last token of every subtree rooted in `tokens` (one sentence), written to
    /// `out[i - tokens.start]`, in one linear pass (iterative, so deep trees cannot overflow
    /// the stack). Tokens of a subtree need not be contiguous in non-projective trees; the
    /// bounds still enclose them all.
    pub fn subtree_bounds(&self, tokens: std::ops::Range<usize>, out: &mut Vec<(u32, u32)>) {
        out.clear();
        let start = tokens.start;
        let end = tokens.end.min(self.len());
        if start >= end {
            return;
        }
        out.extend((start..end).map(|i| (i as u32, i as u32)));
        // Post-order by an explicit stack: (token, children visited).
        let mut stack: Vec<(usize, bool)> = Vec::new();
        for root in start..end {
            if self.head(root).is_some_and(|h| (start..end).contains(&h)) {
                continue;
            }
            stack.push((root, false));
            while let Some((t, done)) = stack.pop() {
                if done {
                    if let Some(h) = self.head(t).filter(|h| (start..end).contains(h) && *h != t) {
                        let (lo, hi) = out[t - start];
                        let parent = &mut out[h - start];
                        parent.0 = parent.0.min(lo);
                        parent.1 = parent.1.max(hi);
                    }
                    continue;
                }
                stack.push((t, true));
                // Children outside the sentence cannot occur in a finished layer; skip them.
                stack.extend(self.children(t).filter(|c| (start..end).contains(c)).map(|c| (c, false)));
            }
        }
    }

    /// Heads from `token` up to its root (excluding `token`). Bounded by the layer size, so a
    /// malformed tree with a cycle cannot loop forever.
    pub fn ancestors(&self, token: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = token;
        let mut steps = 0;
        std::iter::from_fn(move || {
            steps += 1;
            if steps > self.len() {
                return None;
            }
            let h = self.head(cur)?;
            cur = h;
            Some(h)
        })
    }
}

/// Builds a [`SyntaxLayer`] token by token, in document order.
#[derive(Debug, Default)]
pub struct SyntaxBuilder {
    layer: SyntaxLayer,
}

impl SyntaxBuilder {
    pub fn with_capacity(tokens: usize) -> Self {
        let mut b = Self::default();
        b.layer.upos.reserve(tokens);
        b.layer.xpos.reserve(tokens);
        b.layer.deprel.reserve(tokens);
        b.layer.head.reserve(tokens);
        b.layer.lemma_end.reserve(tokens);
        b
    }

    /// Appends the next token. `head` is a document token index (`None` for a root).
    pub fn push(
        &mut self,
        upos: &'static str,
        xpos: &'static str,
        lemma: &str,
        head: Option<usize>,
        deprel: &'static str,
    ) {
        let l = &mut self.layer;
        l.upos.push(upos);
        l.xpos.push(xpos);
        l.deprel.push(deprel);
        l.head.push(head.and_then(|h| u32::try_from(h).ok()).unwrap_or(NO_HEAD));
        l.lemmas.push_str(lemma);
        // The layer covers at most as many bytes of lemmas as a Doc has text (< 4 GiB) in
        // practice; saturate rather than wrap if a caller feeds more.
        l.lemma_end.push(u32::try_from(l.lemmas.len()).unwrap_or(u32::MAX));
    }

    /// Number of tokens pushed so far.
    pub fn len(&self) -> usize {
        self.layer.head.len()
    }

    pub fn is_empty(&self) -> bool {
        self.layer.head.is_empty()
    }

    /// Finishes the layer: heads pointing outside it become roots, children are indexed.
    pub fn finish(mut self) -> SyntaxLayer {
        let n = self.layer.head.len();
        for (i, h) in self.layer.head.iter_mut().enumerate() {
            if *h != NO_HEAD && (*h as usize >= n || *h as usize == i) {
                *h = NO_HEAD;
            }
        }
        let mut counts = vec![0u32; n + 1];
        for &h in &self.layer.head {
            if h != NO_HEAD {
                counts[h as usize + 1] += 1;
            }
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut fill = counts.clone();
        let mut children = vec![0u32; counts[n] as usize];
        for (i, &h) in self.layer.head.iter().enumerate() {
            if h != NO_HEAD {
                let slot = &mut fill[h as usize];
                children[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        self.layer.child_start = counts;
        self.layer.children = children;
        self.layer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SyntaxLayer {
        // "Witkoff met Dmitriev ." + "He left ."
        let mut b = SyntaxBuilder::with_capacity(7);
        b.push("PROPN", "NNP", "Witkoff", Some(1), "nsubj");
        b.push("VERB", "VBD", "meet", None, "root");
        b.push("PROPN", "NNP", "Dmitriev", Some(1), "obj");
        b.push("PUNCT", ".", ".", Some(1), "punct");
        b.push("PRON", "PRP", "he", Some(5), "nsubj");
        b.push("VERB", "VBD", "leave", None, "root");
        b.push("PUNCT", ".", ".", Some(5), "punct");
        b.finish()
    }

    #[test]
    fn columns_and_lemmas() {
        let s = sample();
        assert_eq!(s.len(), 7);
        assert_eq!(s.lemma(0), "Witkoff");
        assert_eq!(s.lemma(1), "meet");
        assert_eq!(s.lemma(5), "leave");
        assert_eq!(s.lemma(99), "");
        assert_eq!(s.upos(2), "PROPN");
        assert_eq!(s.xpos(1), "VBD");
        assert_eq!(s.deprel(4), "nsubj");
        assert_eq!(s.head(0), Some(1));
        assert_eq!(s.head(1), None);
    }

    #[test]
    fn children_in_order() {
        let s = sample();
        assert_eq!(s.children(1).collect::<Vec<_>>(), vec![0, 2, 3]);
        assert_eq!(s.children(5).collect::<Vec<_>>(), vec![4, 6]);
        assert_eq!(s.children(0).len(), 0);
        assert_eq!(s.child_with(1, "obj"), Some(2));
        assert_eq!(s.ancestors(0).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn subtree_bounds_per_sentence() {
        let s = sample();
        let mut out = Vec::new();
        s.subtree_bounds(0..4, &mut out);
        assert_eq!(out, vec![(0, 0), (0, 3), (2, 2), (3, 3)]);
        s.subtree_bounds(4..7, &mut out);
        assert_eq!(out, vec![(4, 4), (4, 6), (6, 6)]);
        // A chain of 100k tokens: no stack overflow, linear time.
        let mut b = SyntaxBuilder::default();
        let n = 100_000;
        for i in 0..n {
            b.push("X", "X", "x", (i + 1 < n).then_some(i + 1), "dep");
        }
        let chain = b.finish();
        chain.subtree_bounds(0..n, &mut out);
        assert_eq!(out[n - 1], (0, n as u32 - 1));
        assert_eq!(out[0], (0, 0));
    }

    #[test]
    fn bad_heads_become_roots_and_cycles_terminate() {
        let mut b = SyntaxBuilder::default();
        b.push("X", "X", "a", Some(7), "dep");
        b.push("X", "X", "b", Some(1), "dep");
        b.push("X", "X", "c", Some(3), "dep");
        b.push("X", "X", "d", Some(2), "dep");
        let s = b.finish();
        assert_eq!(s.head(0), None);
        assert_eq!(s.head(1), None);
        assert!(s.ancestors(2).count() <= s.len());
        assert_eq!(s.base_deprel(2), "dep");
    }
}
