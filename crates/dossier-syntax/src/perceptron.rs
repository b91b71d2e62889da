//! Multi-class averaged perceptron over hashed features with sparse per-feature rows.
//!
//! Training keeps, for every feature hash, a small vector of `(class, weight, total, stamp)`
//! entries (only classes the feature was ever updated for). [`Trainer::finish`] averages,
//! drops near-zero weights, quantizes to `i16` and packs the rows into [`Weights`]: an
//! open-addressing table of 32-bit keys pointing into one contiguous entry array, so a
//! lookup is one probe plus a short contiguous scan.

use crate::error::ModelError;
use crate::hash::{IdBuild, IdMap};
use crate::io::{Reader, Writer};

#[derive(Clone, Copy)]
struct TEntry {
    class: u16,
    w: f32,
    total: f64,
    stamp: u64,
}

pub(crate) struct Trainer {
    rows: IdMap<Vec<TEntry>>,
    n_classes: usize,
    step: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Self {
        Self { rows: IdMap::with_capacity_and_hasher(1 << 20, IdBuild::default()), n_classes, step: 0 }
    }

    /// Advances the averaging clock by one training instance.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[usize::from(e.class)] += e.w;
                }
            }
        }
    }

    pub fn update(&mut self, feats: &[u64], class: usize, delta: f32) {
        let class = class as u16;
        let step = self.step;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            let e = match row.iter_mut().position(|e| e.class == class) {
                Some(i) => &mut row[i],
                None => {
                    row.push(TEntry { class, w: 0.0, total: 0.0, stamp: step });
                    let last = row.len() - 1;
                    &mut row[last]
                }
            };
            e.total += (step - e.stamp) as f64 * f64::from(e.w);
            e.stamp = step;
            e.w += delta;
        }
    }

    /// Averages the weights and packs them; averaged weights with magnitude below
    /// `min_abs` are dropped.
    pub fn finish(&self, min_abs: f32) -> Weights {
        let step = self.step.max(1);
        let mut rows: Vec<(u32, Vec<(u16, f32)>)> = Vec::with_capacity(self.rows.len());
        let mut max_abs = 0f32;
        for (&key, row) in &self.rows {
            let mut out = Vec::new();
            for e in row {
                let total = e.total + (step - e.stamp) as f64 * f64::from(e.w);
                let avg = (total / step as f64) as f32;
                if avg.abs() >= min_abs {
                    max_abs = max_abs.max(avg.abs());
                    out.push((e.class, avg));
                }
            }
            if !out.is_empty() {
                rows.push((key32(key), out));
            }
        }
        // Deterministic order; merge rows whose 32-bit keys collide.
        rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.len().cmp(&b.1.len())));
        let mut merged: Vec<(u32, Vec<(u16, f32)>)> = Vec::with_capacity(rows.len());
        for (k, mut row) in rows {
            match merged.last_mut() {
                Some((lk, lrow)) if *lk == k => {
                    for (c, w) in row.drain(..) {
                        match lrow.iter_mut().find(|(lc, _)| *lc == c) {
                            Some(e) => e.1 += w,
                            None => lrow.push((c, w)),
                        }
                    }
                }
                _ => merged.push((k, row)),
            }
        }
        let scale = if max_abs > 0.0 { max_abs / 32767.0 } else { 1.0 };
        let mut quantized = Vec::with_capacity(merged.len());
        for (k, row) in merged {
            let mut q: Vec<(u16, i16)> = row
                .into_iter()
                .map(|(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|(_, w)| *w != 0)
                .collect();
            q.sort_unstable_by_key(|(c, _)| *c);
            if !q.is_empty() {
                quantized.push((k, q));
            }
        }
        Weights::build(self.n_classes, scale, quantized)
    }
}

#[inline]
fn pack(class: u16, w: i16) -> u32 {
    (u32::from(class) << 16) | u32::from(w as u16)
}

/// 32-bit stored key of a feature hash (0 is reserved for empty slots).
#[inline]
fn key32(h: u64) -> u32 {
    let k = (h >> 32) as u32;
    if k == 0 { 1 } else { k }
}

#[inline]
fn slot_of(key: u32, mask: usize) -> usize {
    ((u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize) & mask
}

/// Packed averaged weights for inference.
pub(crate) struct Weights {
    n_classes: usize,
    scale: f32,
    mask: usize,
    /// `[key, start]` per slot; the entries of slot `i` are `start_i..start_{i+1}`. One extra
    /// sentinel slot at the end.
    slots: Vec<[u32; 2]>,
    /// `class << 16 | quantized weight as u16`.
    entries: Vec<u32>,
}

impl Weights {
    fn build(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<(u16, i16)>)>) -> Self {
        let mut keys = Vec::with_capacity(rows.len());
        let mut starts = Vec::with_capacity(rows.len() + 1);
        let mut packed = Vec::new();
        for (k, row) in rows {
            keys.push(k);
            starts.push(packed.len() as u32);
            packed.extend(row.into_iter().map(|(c, w)| pack(c, w)));
        }
        starts.push(packed.len() as u32);
        Self::build_flat(n_classes, scale, &keys, &starts, &packed)
    }

    /// Builds the table from rows given as keys, row starts (one more than keys) and packed
    /// entries.
    fn build_flat(n_classes: usize, scale: f32, keys: &[u32], starts: &[u32], packed: &[u32]) -> Self {
        let cap = (keys.len() * 3 / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut placed = vec![u32::MAX; cap];
        let mut slot_keys = vec![0u32; cap];
        for (ri, &k) in keys.iter().enumerate() {
            let mut s = slot_of(k, mask);
            while slot_keys[s] != 0 {
                s = (s + 1) & mask;
            }
            slot_keys[s] = k;
            placed[s] = ri as u32;
        }
        let mut slots = Vec::with_capacity(cap + 1);
        let mut entries = Vec::with_capacity(packed.len());
        for s in 0..cap {
            slots.push([slot_keys[s], entries.len() as u32]);
            let ri = placed[s] as usize;
            if let (Some(&a), Some(&b)) = (starts.get(ri), starts.get(ri + 1)) {
                entries.extend_from_slice(packed.get(a as usize..b as usize).unwrap_or(&[]));
            }
        }
        slots.push([0, entries.len() as u32]);
        Self { n_classes, scale, mask, slots, entries }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Size of one quantization step in weight units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn n_rows(&self) -> usize {
        self.slots.iter().filter(|s| s[0] != 0).count()
    }

    /// A copy without weights whose magnitude is below `min_abs`.
    pub fn pruned(&self, min_abs: f32) -> Weights {
        let min_q = (min_abs / self.scale).round() as i32;
        let rows = self
            .rows()
            .into_iter()
            .filter_map(|(k, row)| {
                let row: Vec<(u16, i16)> =
                    row.into_iter().filter(|(_, w)| i32::from(*w).abs() >= min_q.max(1)).collect();
                if row.is_empty() { None } else { Some((k, row)) }
            })
            .collect();
        Weights::build(self.n_classes, self.scale, rows)
    }

    /// Adds the quantized weights of `feats` into `scores` (length `n_classes`, zeroed by
    /// the caller). Scores are in units of the model's scale, so the argmax is unchanged.
    ///
    /// Two phases: first every feature's slot is probed (independent loads the CPU can
    /// overlap), then the found rows are summed.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        let mut found = [(0u32, 0u32); 128];
        for chunk in feats.chunks(found.len()) {
            let mut n = 0;
            for &f in chunk {
                let key = key32(f);
                let mut s = slot_of(key, self.mask);
                loop {
                    let [k, start] = self.slots[s];
                    if k == key {
                        found[n] = (start, self.slots[s + 1][1]);
                        n += 1;
                        break;
                    }
                    if k == 0 {
                        break;
                    }
                    s = (s + 1) & self.mask;
                }
            }
            for &(start, end) in &found[..n] {
                for &e in self.entries.get(start as usize..end as usize).unwrap_or(&[]) {
                    if let Some(s) = scores.get_mut((e >> 16) as usize) {
                        *s += i32::from(e as u16 as i16);
                    }
                }
            }
        }
    }

    /// The quantized rows in key order (as they were built).
    fn rows(&self) -> Vec<(u32, Vec<(u16, i16)>)> {
        let mut rows = Vec::new();
        for pair in self.slots.windows(2) {
            let ([k, start], [_, end]) = (pair[0], pair[1]);
            if k != 0 {
                let row = self.entries[start as usize..end as usize]
                    .iter()
                    .map(|&e| ((e >> 16) as u16, e as u16 as i16))
                    .collect();
                rows.push((k, row));
            }
        }
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    pub fn write(&self, w: &mut Writer) {
        let rows = self.rows();
        w.var(self.n_classes as u64);
        w.f32(self.scale);
        w.var(rows.len() as u64);
        let mut prev = 0u32;
        // Keys (delta-coded), then lengths, classes and weights as separate streams so that
        // the compressor sees similar bytes together.
        for (k, _) in &rows {
            w.var(u64::from(k - prev));
            prev = *k;
        }
        for (_, row) in &rows {
            w.var(row.len() as u64);
        }
        for (_, row) in &rows {
            let mut pc = 0u16;
            for &(c, _) in row {
                w.var(u64::from(c - pc));
                pc = c;
            }
        }
        for (_, row) in &rows {
            for &(_, v) in row {
                w.i16(v);
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let n_classes = r.var()? as usize;
        if n_classes == 0 || n_classes > u16::MAX as usize {
            return Err(ModelError::Corrupt(format!("{n_classes} classes")));
        }
        let scale = r.f32()?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Corrupt("bad weight scale".into()));
        }
        let n_rows = r.count()?;
        let mut keys = Vec::with_capacity(n_rows);
        let mut prev = 0u32;
        for i in 0..n_rows {
            let d = r.var()?;
            let k = u64::from(prev) + d;
            if k > u64::from(u32::MAX) || (i > 0 && d == 0) || k == 0 {
                return Err(ModelError::Corrupt("feature keys not increasing".into()));
            }
            prev = k as u32;
            keys.push(prev);
        }
        let mut starts = Vec::with_capacity(n_rows + 1);
        let mut total = 0u64;
        for _ in 0..n_rows {
            starts.push(u32::try_from(total).map_err(|_| ModelError::Corrupt("too many weights".into()))?);
            total += r.count()? as u64;
        }
        starts.push(u32::try_from(total).map_err(|_| ModelError::Corrupt("too many weights".into()))?);
        // Every entry takes at least 3 bytes (class delta + weight).
        if total > r.remaining() as u64 / 3 {
            return Err(ModelError::Truncated);
        }
        let mut packed = Vec::with_capacity(total as usize);
        for pair in starts.windows(2) {
            let mut c = 0u64;
            for j in 0..pair[1] - pair[0] {
                let d = r.var()?;
                c += d;
                if c >= n_classes as u64 || (j > 0 && d == 0) {
                    return Err(ModelError::Corrupt("bad class in weight row".into()));
                }
                packed.push(pack(c as u16, 0));
            }
        }
        for e in packed.iter_mut() {
            *e |= u32::from(r.i16()? as u16);
        }
        Ok(Self::build_flat(n_classes, scale, &keys, &starts, &packed))
    }
}

/// Weights of a model with at most eight classes, stored inline with their key so that a
/// lookup touches one cache line.
pub(crate) struct DenseSmall {
    mask: usize,
    slots: Vec<(u32, [i16; 8])>,
}

impl DenseSmall {
    pub fn new(w: &Weights) -> Option<DenseSmall> {
        if w.n_classes > 8 {
            return None;
        }
        let rows = w.rows();
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, [0i16; 8]); cap];
        for (k, row) in rows {
            let mut s = slot_of(k, mask);
            while slots[s].0 != 0 {
                s = (s + 1) & mask;
            }
            let mut ws = [0i16; 8];
            for (c, v) in row {
                if let Some(x) = ws.get_mut(usize::from(c)) {
                    *x = v;
                }
            }
            slots[s] = (k, ws);
        }
        Some(DenseSmall { mask, slots })
    }

    #[inline]
    pub fn score(&self, feats: &[u64]) -> [i32; 8] {
        let mut out = [0i32; 8];
        for &f in feats {
            let key = key32(f);
            let mut s = slot_of(key, self.mask);
            loop {
                let (k, ws) = &self.slots[s];
                if *k == key {
                    for (o, w) in out.iter_mut().zip(ws) {
                        *o += i32::from(*w);
                    }
                    break;
                }
                if *k == 0 {
                    break;
                }
                s = (s + 1) & self.mask;
            }
        }
        out
    }
}

/// Index of the highest score among classes allowed by `valid` (first wins ties).
#[inline]
pub(crate) fn argmax_valid<T: PartialOrd + Copy>(scores: &[T], valid: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, T)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if valid(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}
