//! Character encodings of web pages: BOM, declared charset (HTTP header or `<meta>`), and
//! sniffing with chardetng when the declaration is absent or contradicted by the bytes.

use encoding_rs::{Encoding, UTF_8};

/// A page decoded to UTF-8.
#[derive(Debug, Clone)]
pub struct DecodedPage {
    pub text: String,
    /// The encoding used (WHATWG name).
    pub encoding: &'static str,
    /// How it was chosen: `bom`, `http`, `meta`, `utf8`, `sniffed`.
    pub how: &'static str,
    /// Whether malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Finds `charset=` in a Content-Type value.
pub fn charset_from_content_type(ct: &str) -> Option<&'static Encoding> {
    let lower = ct.to_ascii_lowercase();
    let p = lower.find("charset")?;
    let rest = lower[p + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// The charset declared by `<meta charset>` or `<meta http-equiv content>` in the first 4 KiB.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(&lower[from..], b"<meta") {
        let s = from + off;
        let e = memchr::memchr(b'>', &lower[s..]).map_or(lower.len(), |x| s + x);
        let tag = String::from_utf8_lossy(&lower[s..e]);
        if let Some(enc) = charset_from_content_type(&tag) {
            // UTF-16 declared in an ASCII-compatible document means UTF-8 (HTML5 rule).
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(enc);
        }
        from = e.max(s + 5);
    }
    None
}

/// Decodes page bytes: BOM, then the HTTP charset, then `<meta>`; a declaration the bytes
/// contradict (declared UTF-8 but invalid, or declared single-byte but valid non-ASCII UTF-8)
/// is overridden by validation and chardetng.
pub fn decode_page(bytes: &[u8], http_content_type: Option<&str>) -> DecodedPage {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return DecodedPage { text: text.into_owned(), encoding: enc.name(), how: "bom", had_errors };
    }
    let declared = http_content_type
        .and_then(charset_from_content_type)
        .map(|e| (e, "http"))
        .or_else(|| meta_charset(bytes).map(|e| (e, "meta")));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let chosen = match declared {
        Some((enc, _)) if enc == UTF_8 && !valid_utf8 => None,
        // A single-byte label on bytes that are valid UTF-8 with non-ASCII: the label lies.
        Some((enc, _)) if enc != UTF_8 && valid_utf8 && !bytes.is_ascii() && enc.is_ascii_compatible() => {
            Some((UTF_8, "utf8"))
        }
        Some((enc, how)) => Some((enc.output_encoding(), how)),
        None if valid_utf8 => Some((UTF_8, "utf8")),
        None => None,
    };
    let (enc, how) = chosen.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new();
        det.feed(bytes, true);
        (det.guess(None, true), "sniffed")
    });
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    DecodedPage { text: text.into_owned(), encoding: enc.name(), how, had_errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_and_sniffed() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Stra\xdfe und M\xfcnchen</body></html>";
        let d = decode_page(latin, None);
        assert!(d.text.contains("Straße und München"), "{}", d.text);
        assert_eq!(d.how, "meta");
        // Declared UTF-8 but bytes are Latin-1: sniffed.
        let lying = b"<meta charset=utf-8><p>Gr\xfc\xdfe aus K\xf6ln, sch\xf6ne Gr\xfc\xdfe</p>";
        let d = decode_page(lying, None);
        assert!(d.text.contains("Grüße aus Köln"), "{}", d.text);
        assert_eq!(d.how, "sniffed");
        // Declared Latin-1 but bytes are UTF-8.
        let d = decode_page("<meta charset=latin1><p>Grüße</p>".as_bytes(), None);
        assert!(d.text.contains("Grüße"));
        // HTTP header wins over meta.
        let d = decode_page(b"<meta charset=utf-8><p>caf\xe9</p>", Some("text/html; charset=windows-1252"));
        assert!(d.text.contains("café"));
        assert_eq!(d.how, "http");
        // BOM
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice("<p>é</p>".as_bytes());
        assert_eq!(decode_page(&bom, None).text, "<p>é</p>");
    }
}
