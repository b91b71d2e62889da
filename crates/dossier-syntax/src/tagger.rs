//! Greedy left-to-right averaged-perceptron tagger over joint `XPOS|UPOS` labels.

use crate::clusters::Clusters;
use crate::error::ModelError;
use crate::hash::{IdBuild, IdMap, hash_str, mix, mix3};
use crate::io::{Reader, Writer};
use crate::lex::TokLex;
use crate::perceptron::{Weights, argmax_valid};
use crate::upos::Upos;

/// One tagger output class.
#[derive(Debug, Clone)]
pub(crate) struct TagLabel {
    pub xpos: Box<str>,
    pub upos: Upos,
    /// Hash of the XPOS string, used as the tag feature by the parser and lemmatizer.
    pub xpos_hash: u64,
}

impl TagLabel {
    pub fn new(xpos: &str, upos: Upos) -> Self {
        Self { xpos: xpos.into(), upos, xpos_hash: hash_str(xpos) }
    }
}

pub(crate) struct Tagger {
    pub labels: Vec<TagLabel>,
    pub weights: Weights,
    /// Frequent unambiguous exact forms → label.
    pub tagdict: IdMap<u16>,
    /// Second left-to-right pass that also sees the first pass's tags to the right.
    pub stage2: Option<Weights>,
    /// First-pass decisions whose score margin exceeds this (in weight units) are kept
    /// without running the second pass on that token.
    pub margin: f32,
    /// Word clusters (stored after the lemmatizer in the model file).
    pub clusters: Clusters,
}

/// Default for [`Tagger::margin`].
pub(crate) const DEFAULT_MARGIN: f32 = 20.0;

const BOS1: u64 = 0xb051;
const BOS2: u64 = 0xb052;
const EOS1: u64 = 0xe051;
const EOS2: u64 = 0xe052;

/// Features for token `i` given the two previous predicted labels (`p1`, `p2`, as
/// label index + 1, with sentinels at the sentence start).
pub(crate) fn features(lex: &[TokLex], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let t = &lex[i];
    let wl = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            if j == -1 { BOS1 } else { BOS2 }
        } else {
            lex.get(j as usize).map_or(if j as usize == lex.len() { EOS1 } else { EOS2 }, |t| t.wl)
        }
    };
    let get = |k: isize| -> Option<&TokLex> {
        let j = i as isize + k;
        if j < 0 { None } else { lex.get(j as usize) }
    };
    let (wm2, wm1, w1, w2) = (wl(-2), wl(-1), wl(1), wl(2));
    let suf3 = |k: isize| get(k).map_or(0, |t| t.suf[2]);
    let shape = |k: isize| get(k).map_or(1, |t| t.shape);
    let first = u64::from(i == 0);
    let cf = |k: isize| get(k).map_or(0xb0e0u64.wrapping_add(k as u64), |t| t.cf);
    let cc = |k: isize| get(k).map_or(0xb0e0u64.wrapping_add(k as u64), |t| t.cc);
    out.extend_from_slice(&[
        mix(1, 0, 0),
        mix(2, t.wf, 0),
        mix(3, t.wl, 0),
        t.suf[0],
        t.suf[1],
        t.suf[2],
        t.suf[3],
        t.pre[0],
        t.pre[1],
        t.pre[2],
        mix(11, t.shape, 0),
        mix(12, p1, 0),
        mix(13, p1, p2),
        mix(14, p1, t.wl),
        mix(15, wm1, 0),
        mix(16, wm2, 0),
        mix(17, w1, 0),
        mix(18, w2, 0),
        mix(19, suf3(-1), 0),
        mix(20, suf3(1), 0),
        mix(21, shape(1), 0),
        mix(22, shape(-1), 0),
        mix(23, t.wl, w1),
        mix(24, wm1, t.wl),
        mix(25, p1, w1),
        mix(26, p1, t.suf[2]),
        mix3(27, t.shape, first, u64::from(t.cap)),
        mix(28, get(1).map_or(0, |t| t.suf[1]), 0),
        mix(29, w1, w2),
        mix(30, p1, t.shape),
        mix(31, wm1, w1),
        mix3(32, p1, t.suf[1], w1),
        mix(33, t.suf[2], w1),
        mix(34, t.cf, 0),
        mix(35, t.cc, 0),
        mix(36, cf(-1), 0),
        mix(37, cf(1), 0),
        mix(38, cc(1), 0),
        mix(39, cc(-1), 0),
        mix(40, p1, t.cf),
        mix(41, cf(2), 0),
        mix(42, t.cf, cf(1)),
        mix(43, t.suf[2], t.cc),
    ]);
}

/// Extra second-pass features: the first pass's labels `a` around token `i`.
pub(crate) fn features2(lex: &[TokLex], i: usize, p1: u64, a: &[u16], out: &mut Vec<u64>) {
    let at = |k: usize| -> u64 { a.get(i + k).map_or(0xe0e0, |&t| u64::from(t) + 1) };
    let (a0, a1, a2) = (at(0), at(1), at(2));
    let wl = lex[i].wl;
    out.extend_from_slice(&[
        mix(50, a0, 0),
        mix(51, a1, 0),
        mix(52, a2, 0),
        mix(53, a1, a2),
        mix(54, p1, a1),
        mix3(55, p1, a0, a1),
        mix(56, a1, wl),
        mix(57, a0, wl),
        mix3(58, a1, a2, lex[i].suf[2]),
        mix(59, a1, lex.get(i + 1).map_or(0, |t| t.wl)),
    ]);
}

/// Greedy left-to-right pass with `weights`; `first` = labels of an earlier pass (stage 2).
/// With `margins`, records each decision's margin (best − second best, quantized units;
/// `i32::MAX` for dictionary words). With `keep`, tokens whose first-pass margin is at least
/// `keep.1` keep their first-pass label.
#[allow(clippy::too_many_arguments)]
pub(crate) fn greedy_pass(
    weights: &Weights,
    n_labels: usize,
    tagdict: &IdMap<u16>,
    lex: &[TokLex],
    first: Option<&[u16]>,
    mut margins: Option<&mut Vec<i32>>,
    keep: Option<(&[i32], i32)>,
    out: &mut Vec<u16>,
) {
    out.clear();
    if let Some(m) = margins.as_deref_mut() {
        m.clear();
    }
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0i32; n_labels];
    let (mut p1, mut p2) = (BOS1, BOS2);
    for i in 0..lex.len() {
        let kept = match (keep, first) {
            (Some((m, t)), Some(a)) if m.get(i).is_some_and(|&x| x >= t) => a.get(i).copied(),
            _ => None,
        };
        let (label, margin) = match (kept, tagdict.get(&lex[i].wf)) {
            (Some(l), _) => (l, i32::MAX),
            (None, Some(&l)) => (l, i32::MAX),
            (None, None) => {
                features(lex, i, p1, p2, &mut feats);
                if let Some(a) = first {
                    features2(lex, i, p1, a, &mut feats);
                }
                scores.fill(0);
                weights.score(&feats, &mut scores);
                let best = argmax_valid(&scores, |_| true).unwrap_or(0);
                let margin = if margins.is_some() {
                    let second = scores.iter().enumerate().filter(|(c, _)| *c != best).map(|(_, s)| *s).max();
                    second.map_or(i32::MAX, |s2| scores[best].saturating_sub(s2))
                } else {
                    0
                };
                (best as u16, margin)
            }
        };
        if let Some(m) = margins.as_deref_mut() {
            m.push(margin);
        }
        out.push(label);
        p2 = p1;
        p1 = u64::from(label) + 1;
    }
}

impl Tagger {
    /// Tags a sentence; writes label indices into `out`.
    pub fn tag(&self, lex: &[TokLex], out: &mut Vec<u16>) {
        let n = self.labels.len();
        match &self.stage2 {
            None => greedy_pass(&self.weights, n, &self.tagdict, lex, None, None, None, out),
            Some(w2) => {
                let mut first = Vec::with_capacity(lex.len());
                if self.margin.is_finite() {
                    let mut margins = Vec::with_capacity(lex.len());
                    greedy_pass(&self.weights, n, &self.tagdict, lex, None, Some(&mut margins), None, &mut first);
                    let t = (self.margin / self.weights.scale()).round() as i32;
                    greedy_pass(w2, n, &self.tagdict, lex, Some(&first), None, Some((&margins, t)), out);
                } else {
                    greedy_pass(&self.weights, n, &self.tagdict, lex, None, None, None, &mut first);
                    greedy_pass(w2, n, &self.tagdict, lex, Some(&first), None, None, out);
                }
            }
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.var(self.labels.len() as u64);
        for l in &self.labels {
            w.str(&l.xpos);
            w.u8(l.upos.index());
        }
        let mut dict: Vec<(u64, u16)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.var(dict.len() as u64);
        for (k, v) in dict {
            w.u64(k);
            w.var(u64::from(v));
        }
        self.weights.write(w);
        match &self.stage2 {
            Some(w2) => {
                w.u8(1);
                w2.write(w);
            }
            None => w.u8(0),
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let n = r.count()?;
        if n == 0 || n > usize::from(u16::MAX) {
            return Err(ModelError::Corrupt("bad tag label count".into()));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let xpos = r.str()?;
            let upos = Upos::from_index(r.u8()?).ok_or_else(|| ModelError::Corrupt("bad UPOS index".into()))?;
            labels.push(TagLabel::new(&xpos, upos));
        }
        let nd = r.count()?;
        let mut tagdict = IdMap::with_capacity_and_hasher(nd, IdBuild::default());
        for _ in 0..nd {
            let k = r.u64()?;
            let v = r.var()?;
            if v >= n as u64 {
                return Err(ModelError::Corrupt("tag dictionary label out of range".into()));
            }
            tagdict.insert(k, v as u16);
        }
        let weights = Weights::read(r)?;
        let stage2 = match r.u8()? {
            0 => None,
            1 => Some(Weights::read(r)?),
            _ => return Err(ModelError::Corrupt("bad tagger stage flag".into())),
        };
        if weights.n_classes() != n || stage2.as_ref().is_some_and(|w2| w2.n_classes() != n) {
            return Err(ModelError::Corrupt("tagger weights do not match its labels".into()));
        }
        Ok(Self { labels, weights, tagdict, stage2, margin: DEFAULT_MARGIN, clusters: Clusters::default() })
    }
}
