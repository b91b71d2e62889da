//! Little-endian binary writer/reader for model files, and zstd framing.

use crate::error::ModelError;

/// Header: 8-byte magic, u32 format version (in the magic), u64 raw length, then zstd data.
pub(crate) fn frame(magic: &[u8; 8], payload: &[u8]) -> Vec<u8> {
    let compressed = zstd::bulk::compress(payload, 19).unwrap_or_else(|_| payload.to_vec());
    let stored_raw = compressed.len() >= payload.len();
    let mut out = Vec::with_capacity(compressed.len().min(payload.len()) + 17);
    out.extend_from_slice(magic);
    out.push(u8::from(!stored_raw));
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    if stored_raw {
        out.extend_from_slice(payload);
    } else {
        out.extend_from_slice(&compressed);
    }
    out
}

/// Largest decompressed model accepted (guards against corrupt length fields).
const MAX_RAW: u64 = 1 << 30;

pub(crate) fn unframe(magic: &[u8; 8], what: &'static str, bytes: &[u8]) -> Result<Vec<u8>, ModelError> {
    let rest = bytes.strip_prefix(magic.as_slice()).ok_or(ModelError::BadMagic(what))?;
    let (&flag, rest) = rest.split_first().ok_or(ModelError::Truncated)?;
    let (len, rest) = rest.split_first_chunk::<8>().ok_or(ModelError::Truncated)?;
    let len = u64::from_le_bytes(*len);
    if len > MAX_RAW {
        return Err(ModelError::Corrupt(format!("raw length {len} too large")));
    }
    let len = len as usize;
    match flag {
        0 if rest.len() == len => Ok(rest.to_vec()),
        0 => Err(ModelError::Truncated),
        1 => {
            let out = zstd::bulk::decompress(rest, len).map_err(|e| ModelError::Decompress(e.to_string()))?;
            if out.len() == len { Ok(out) } else { Err(ModelError::Truncated) }
        }
        _ => Err(ModelError::Corrupt(format!("unknown compression flag {flag}"))),
    }
}

#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.u32(v.to_bits());
    }
    pub fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }
    pub fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
}

pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf }
    }
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
    pub fn remaining(&self) -> usize {
        self.buf.len()
    }
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let (head, rest) = self.buf.split_first_chunk::<N>().ok_or(ModelError::Truncated)?;
        self.buf = rest;
        Ok(*head)
    }
    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take::<1>()?[0])
    }
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
    pub fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.take()?))
    }
    pub fn var(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long".into()))
    }
    /// A count that must be plausible for the remaining data (each item at least one byte).
    pub fn count(&mut self) -> Result<usize, ModelError> {
        let n = self.var()?;
        if n > self.buf.len() as u64 {
            return Err(ModelError::Truncated);
        }
        Ok(n as usize)
    }
    pub fn str(&mut self) -> Result<String, ModelError> {
        let n = self.count()?;
        let (s, rest) = self.buf.split_at(n);
        self.buf = rest;
        String::from_utf8(s.to_vec()).map_err(|_| ModelError::Corrupt("string is not UTF-8".into()))
    }
}
