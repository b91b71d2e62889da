//! Bytes to text: byte-order marks, UTF-16, binary detection and lossy UTF-8.

use crate::IngestError;

/// Decoded text and, when bytes had to be replaced, a human-readable note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Set when invalid UTF-8 was replaced with U+FFFD.
    pub replaced: Option<String>,
}

/// How far into a file to look for NUL bytes when deciding whether it is binary.
const SNIFF: usize = 8192;

/// Decodes a whole file. UTF-8 (with or without BOM) and UTF-16 with BOM are recognised;
/// NUL bytes in the first 8 KiB mark a binary file; invalid UTF-8 is replaced and reported.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, IngestError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
            let replaced = had_errors.then(|| format!("replaced undecodable {} sequences with U+FFFD", enc.name()));
            return Ok(Decoded { text: text.into_owned(), replaced });
        }
        return Ok(decode_utf8(&bytes[bom..]));
    }
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(SNIFF)]) {
        return Err(IngestError::Binary { path: path.to_string(), offset });
    }
    Ok(decode_utf8(bytes))
}

/// UTF-8 with replacement; the note gives the number of invalid sequences and the first line.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: s.to_string(), replaced: None },
        Err(e) => {
            let first = e.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..first]).count();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let count = count_invalid(bytes);
            Decoded {
                text,
                replaced: Some(format!(
                    "replaced {count} invalid UTF-8 sequence{} with U+FFFD (first at line {line}, byte {first})",
                    if count == 1 { "" } else { "s" }
                )),
            }
        }
    }
}

fn count_invalid(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(_) => break,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_bom() {
        assert_eq!(decode("f", b"hello").unwrap().text, "hello");
        assert_eq!(decode("f", b"\xEF\xBB\xBFhello").unwrap().text, "hello");
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("hé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode("f", &utf16).unwrap().text, "hé");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let d = decode("f", b"ok\nbad \xff\xfe here \xc3").unwrap();
        assert_eq!(d.text, "ok\nbad \u{fffd}\u{fffd} here \u{fffd}");
        let note = d.replaced.unwrap();
        assert!(note.contains("3 invalid UTF-8 sequences"), "{note}");
        assert!(note.contains("line 2"), "{note}");
    }

    #[test]
    fn binary_is_rejected() {
        let err = decode("x.bin", b"\x7fELF\x02\x01\x00\x00").unwrap_err();
        assert_eq!(err.to_string(), "x.bin: binary file (NUL byte at offset 6); expected text");
    }

    #[test]
    fn empty_is_fine() {
        assert_eq!(decode("f", b"").unwrap(), Decoded { text: String::new(), replaced: None });
    }
}
