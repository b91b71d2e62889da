//! Shared machinery of the project's hashed-feature perceptron models (the sentence
//! segmenter here, the entity recognizer in `dossier-entities`): feature hashing, the sparse
//! weight-file format, and weight averaging for training.

/// FNV-1a offset basis: the seed of every feature hash.
pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes, continuing from `seed`.
#[inline]
pub fn hash_bytes(seed: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h = seed;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// Combines a feature template id with two hashed values.
#[inline]
pub fn mix(template: u64, a: u64, b: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a;
    h = h.rotate_left(29).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ b;
    h ^= h >> 31;
    h.wrapping_mul(0x94d0_49bb_1331_11eb) ^ (h >> 29)
}

/// A weight file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a dossier {0} model (bad magic)")]
    BadMagic(&'static str),
    #[error("{0} model is truncated")]
    Truncated(&'static str),
    #[error("{0} model has weight index {1} outside its table")]
    BadIndex(&'static str, u32),
}

fn read_u32<'a>(what: &'static str, b: &'a [u8]) -> Result<(u32, &'a [u8]), ModelError> {
    let (head, rest) = b.split_first_chunk::<4>().ok_or(ModelError::Truncated(what))?;
    Ok((u32::from_le_bytes(*head), rest))
}

/// Reads a weight table of `len` entries written by [`write_sparse`]; `what` names the model
/// in errors.
pub fn read_sparse(what: &'static str, magic: &[u8; 8], len: usize, bytes: &[u8]) -> Result<Vec<f32>, ModelError> {
    let rest = bytes.strip_prefix(magic.as_slice()).ok_or(ModelError::BadMagic(what))?;
    let (count, mut rest) = read_u32(what, rest)?;
    let mut weights = vec![0.0f32; len];
    for _ in 0..count {
        let (idx, r) = read_u32(what, rest)?;
        let (w, r) = read_u32(what, r)?;
        *weights.get_mut(idx as usize).ok_or(ModelError::BadIndex(what, idx))? = f32::from_bits(w);
        rest = r;
    }
    Ok(weights)
}

/// Writes the non-zero weights: `magic`, a `u32` count, then little-endian `u32 index, f32
/// weight` pairs.
pub fn write_sparse(magic: &[u8; 8], weights: &[f32]) -> Vec<u8> {
    let nonzero: Vec<(u32, f32)> =
        weights.iter().enumerate().filter(|(_, w)| **w != 0.0).map(|(i, w)| (i as u32, *w)).collect();
    let mut out = Vec::with_capacity(12 + nonzero.len() * 8);
    out.extend_from_slice(magic);
    out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
    for (i, w) in nonzero {
        out.extend_from_slice(&i.to_le_bytes());
        out.extend_from_slice(&w.to_bits().to_le_bytes());
    }
    out
}

/// SplitMix64: the seeded generator of training runs (the same seed gives the same model).
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher-Yates.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Perceptron weights with lazy averaging (each weight's running total is brought up to date
/// only when it changes).
pub struct AveragedWeights {
    pub weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u64>,
    step: u64,
}

impl AveragedWeights {
    pub fn new(len: usize) -> Self {
        Self { weights: vec![0.0; len], totals: vec![0.0; len], stamps: vec![0; len], step: 0 }
    }

    /// Marks one training decision (the unit the average is taken over).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Adds `delta` to one weight.
    pub fn update(&mut self, idx: usize, delta: f32) {
        let elapsed = (self.step - self.stamps[idx]) as f64;
        self.totals[idx] += elapsed * f64::from(self.weights[idx]);
        self.stamps[idx] = self.step;
        self.weights[idx] += delta;
    }

    /// The averaged weights; magnitudes below `prune` become zero (smaller model files).
    pub fn finish(mut self, prune: f32) -> Vec<f32> {
        let step = self.step.max(1);
        for idx in 0..self.weights.len() {
            let elapsed = (step - self.stamps[idx]) as f64;
            self.totals[idx] += elapsed * f64::from(self.weights[idx]);
            let w = (self.totals[idx] / step as f64) as f32;
            self.weights[idx] = if w.abs() < prune { 0.0 } else { w };
        }
        self.weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffles_are_seeded_permutations() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix64(7).shuffle(&mut a);
        SplitMix64(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        a.sort_unstable();
        assert_eq!(a, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn sparse_round_trip_and_errors() {
        let w = vec![0.0, 1.5, 0.0, -2.0];
        let bytes = write_sparse(b"TESTMOD\n", &w);
        assert_eq!(read_sparse("test", b"TESTMOD\n", 4, &bytes), Ok(w));
        assert_eq!(read_sparse("test", b"OTHERMD\n", 4, &bytes), Err(ModelError::BadMagic("test")));
        assert_eq!(read_sparse("test", b"TESTMOD\n", 4, &bytes[..15]), Err(ModelError::Truncated("test")));
        assert_eq!(read_sparse("test", b"TESTMOD\n", 2, &bytes), Err(ModelError::BadIndex("test", 3)));
    }

    #[test]
    fn averaging_weights_by_time_held() {
        let mut a = AveragedWeights::new(1);
        a.tick();
        a.update(0, 1.0); // weight 1 from step 1
        a.tick();
        a.tick();
        a.tick(); // held for 3 steps of 4
        assert_eq!(a.finish(0.0), vec![0.75]);
    }
}
