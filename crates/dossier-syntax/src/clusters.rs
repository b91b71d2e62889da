//! Word clusters learned from unlabeled text with the predictive exchange algorithm
//! (Uszkoreit & Brants 2008): words are assigned to `K` classes so that the class-bigram
//! model `p(w | v) = p(class(w) | v) · p(w | class(w))` gives the text the highest
//! likelihood. A second, coarser level clusters the fine classes the same way (the class
//! sequence is the "text"), so every word has a fine and a coarse cluster, like two prefix
//! lengths of a Brown cluster bit string.
//!
//! The table (normalized-form hash → fine and coarse class) is stored in the tagger model
//! file; tagger and parser both use it as features.

use crate::error::ModelError;
use crate::hash::{IdBuild, IdMap};
use crate::io::{Reader, Writer};
use crate::lex::TokLex;

/// Feature value of a word not in the table.
pub(crate) const UNKNOWN: u64 = 0xc1c1;

/// Fine and coarse cluster of a word (both 1-based, 0 = unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Cluster {
    pub fine: u16,
    pub coarse: u16,
}

/// Word (normalized form hash, [`TokLex::wl`]) → clusters.
#[derive(Default)]
pub(crate) struct Clusters {
    map: IdMap<Cluster>,
}

/// Clustering options.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClusterParams {
    pub fine: usize,
    pub coarse: usize,
    pub min_count: u32,
    pub iterations: usize,
}

impl Clusters {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn get(&self, wl: u64) -> Cluster {
        self.map.get(&wl).copied().unwrap_or_default()
    }

    /// Fills the cluster fields of a lexed sentence.
    pub fn annotate(&self, lex: &mut [TokLex]) {
        if self.map.is_empty() {
            return;
        }
        for t in lex {
            let c = self.get(t.wl);
            t.cf = if c.fine == 0 { UNKNOWN } else { u64::from(c.fine) };
            t.cc = if c.coarse == 0 { UNKNOWN } else { u64::from(c.coarse) | 0x1_0000 };
        }
    }

    /// Learns clusters from sentences of normalized-form hashes.
    pub fn learn(sentences: &[Vec<u64>], p: ClusterParams, log: &mut dyn FnMut(&str)) -> Self {
        if p.fine < 2 || sentences.is_empty() {
            return Self::default();
        }
        // Vocabulary: words seen at least `min_count` times, most frequent first.
        let mut counts: IdMap<u32> = IdMap::default();
        for s in sentences {
            for &w in s {
                *counts.entry(w).or_default() += 1;
            }
        }
        let mut vocab: Vec<(u64, u32)> = counts.into_iter().filter(|&(_, c)| c >= p.min_count).collect();
        vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if vocab.len() < p.fine {
            return Self::default();
        }
        let index: IdMap<u32> = vocab.iter().enumerate().map(|(i, &(w, _))| (w, i as u32)).collect();
        // Ids: vocabulary words, then RARE, then BOS (sentence start, only a predecessor).
        let rare = vocab.len() as u32;
        let bos = rare + 1;
        let ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| {
                let mut v = Vec::with_capacity(s.len() + 1);
                v.push(bos);
                v.extend(s.iter().map(|w| index.get(w).copied().unwrap_or(rare)));
                v
            })
            .collect();
        let n_words = vocab.len() + 1; // clustered: vocabulary + RARE
        let fine = exchange(&ids, n_words, bos as usize + 1, p.fine, p.iterations, log);
        // Coarse level: the text as a sequence of fine classes.
        let class_ids: Vec<Vec<u32>> = ids
            .iter()
            .map(|s| s.iter().map(|&w| if w == bos { p.fine as u32 } else { fine[w as usize] }).collect())
            .collect();
        let coarse = if p.coarse >= 2 && p.coarse < p.fine {
            exchange(&class_ids, p.fine, p.fine + 1, p.coarse, p.iterations, log)
        } else {
            vec![0; p.fine]
        };
        let mut map = IdMap::with_capacity_and_hasher(vocab.len(), IdBuild::default());
        for (i, &(w, _)) in vocab.iter().enumerate() {
            let f = fine[i];
            map.insert(w, Cluster { fine: f as u16 + 1, coarse: coarse[f as usize] as u16 + 1 });
        }
        Self { map }
    }

    pub fn write(&self, w: &mut Writer) {
        let mut rows: Vec<(u64, Cluster)> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        rows.sort_unstable_by_key(|r| r.0);
        w.var(rows.len() as u64);
        let mut last = 0u64;
        for &(k, _) in &rows {
            w.var(k - last);
            last = k;
        }
        for &(_, c) in &rows {
            w.var(u64::from(c.fine));
        }
        for &(_, c) in &rows {
            w.var(u64::from(c.coarse));
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let n = r.count()?;
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u64;
        for _ in 0..n {
            last = last.checked_add(r.var()?).ok_or_else(|| ModelError::Corrupt("bad cluster key".into()))?;
            keys.push(last);
        }
        let read16 = |r: &mut Reader<'_>| -> Result<u16, ModelError> {
            u16::try_from(r.var()?).map_err(|_| ModelError::Corrupt("bad cluster id".into()))
        };
        let mut fine = Vec::with_capacity(n);
        for _ in 0..n {
            fine.push(read16(r)?);
        }
        let mut map = IdMap::with_capacity_and_hasher(n, IdBuild::default());
        for (k, f) in keys.into_iter().zip(fine) {
            map.insert(k, Cluster { fine: f, coarse: read16(r)? });
        }
        Ok(Self { map })
    }
}

#[inline]
fn xlogx(x: u32, table: &[f64]) -> f64 {
    match table.get(x as usize) {
        Some(&v) => v,
        None => {
            let x = f64::from(x);
            x * x.ln()
        }
    }
}

/// Predictive exchange over `ids` (sentences of ids `< n_ids`); ids `< n_words` are
/// clustered into `k` classes, the others only occur as predecessors. Returns the class of
/// every clustered id.
fn exchange(
    ids: &[Vec<u32>],
    n_words: usize,
    n_ids: usize,
    k: usize,
    iterations: usize,
    log: &mut dyn FnMut(&str),
) -> Vec<u32> {
    // Predecessor lists per word: (v, count of v w).
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut unigram = vec![0u32; n_words];
    for s in ids {
        for win in s.windows(2) {
            let (v, w) = (win[0], win[1]);
            if (w as usize) < n_words {
                pairs.push((w, v));
                unigram[w as usize] += 1;
            }
        }
    }
    pairs.sort_unstable();
    let mut start = vec![0usize; n_words + 1];
    let mut preds: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let (w, v) = pairs[i];
        let mut j = i;
        while j < pairs.len() && pairs[j] == (w, v) {
            j += 1;
        }
        preds.push((v, (j - i) as u32));
        start[w as usize + 1] = preds.len();
        i = j;
    }
    for x in 1..start.len() {
        start[x] = start[x].max(start[x - 1]);
    }
    drop(pairs);
    // Initial classes: round robin in frequency order (ids are frequency ranked).
    let mut class: Vec<u32> = (0..n_words).map(|w| (w % k) as u32).collect();
    // N(v, c): count of v followed by a word of class c; N(c).
    let mut nvc = vec![0u32; n_ids * k];
    let mut nc = vec![0u32; k];
    for w in 0..n_words {
        let c = class[w] as usize;
        nc[c] += unigram[w];
        for &(v, n) in &preds[start[w]..start[w + 1]] {
            nvc[v as usize * k + c] += n;
        }
    }
    let table: Vec<f64> =
        (0..1u32 << 16).map(|x| if x == 0 { 0.0 } else { f64::from(x) * f64::from(x).ln() }).collect();
    let mut delta = vec![0f64; k];
    for it in 0..iterations {
        let mut moved = 0usize;
        for w in 0..n_words {
            let list = &preds[start[w]..start[w + 1]];
            if list.is_empty() {
                continue;
            }
            let a = class[w] as usize;
            // Remove w from its class.
            for &(v, n) in list {
                nvc[v as usize * k + a] -= n;
            }
            nc[a] -= unigram[w];
            let nw = unigram[w];
            for (c, d) in delta.iter_mut().enumerate() {
                *d = -(xlogx(nc[c] + nw, &table) - xlogx(nc[c], &table));
            }
            for &(v, n) in list {
                let row = &nvc[v as usize * k..(v as usize + 1) * k];
                for (d, &x) in delta.iter_mut().zip(row) {
                    *d += xlogx(x + n, &table) - xlogx(x, &table);
                }
            }
            let mut best = a;
            for c in 0..k {
                if delta[c] > delta[best] + 1e-9 {
                    best = c;
                }
            }
            if best != a {
                moved += 1;
            }
            class[w] = best as u32;
            for &(v, n) in list {
                nvc[v as usize * k + best] += n;
            }
            nc[best] += nw;
        }
        log(&format!("clusters ({k} classes) iteration {}: {moved} words moved", it + 1));
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        // Two "determiners" before two "nouns" before two "verbs"; each class is
        // interchangeable in its contexts.
        let mut sents = Vec::new();
        for i in 0..200u64 {
            let det = 10 + i % 2;
            let noun = 20 + (i / 2) % 2;
            let verb = 30 + (i / 4) % 2;
            sents.push(vec![det, noun, verb, 40]);
        }
        let p = ClusterParams { fine: 4, coarse: 2, min_count: 1, iterations: 10 };
        let c = Clusters::learn(&sents, p, &mut |_| {});
        assert_eq!(c.get(10).fine, c.get(11).fine);
        assert_eq!(c.get(20).fine, c.get(21).fine);
        assert_ne!(c.get(10).fine, c.get(20).fine);
        assert_eq!(c.get(99), Cluster::default());
        let mut w = Writer::default();
        c.write(&mut w);
        let back = Clusters::read(&mut Reader::new(&w.buf)).expect("reads back");
        for x in [10, 11, 20, 21, 30, 31, 40] {
            assert_eq!(back.get(x), c.get(x));
        }
    }
}
