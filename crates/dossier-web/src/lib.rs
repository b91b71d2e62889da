//! Web inputs for dossier: main-text extraction from HTML news pages with an offset map back
//! to the source, page metadata (title, authors, language, canonical URL, publication date),
//! character-encoding detection, WARC/ARC archive reading and RSS/Atom/JSON feeds.
//!
//! Nothing here panics on input: malformed HTML is parsed leniently, broken archive records
//! become [`warc::WarcError`]s naming the record, and the reader carries on.

pub mod date;
pub mod dom;
pub mod encoding;
pub mod extract;
pub mod feed;
pub mod meta;
pub mod warc;

pub use extract::{MainText, Run, SourceMap};
pub use meta::{MetaOptions, Metadata};

/// Options for [`extract_page`].
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// The page URL (for URL dates and as the canonical URL when the page names none).
    pub url: Option<String>,
    /// HTTP `Content-Type` header, when the page came from a crawl.
    pub content_type: Option<String>,
    /// Crawl date: publication dates after it are rejected.
    pub crawl_date: Option<jiff::civil::Date>,
}

/// An extracted page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page decoded to UTF-8: the source that [`Page::map`] points into.
    pub html: String,
    /// Encoding used to decode the page, and how it was chosen.
    pub encoding: &'static str,
    pub encoding_how: &'static str,
    /// Whether undecodable bytes were replaced.
    pub had_errors: bool,
    /// The main text: paragraphs separated by blank lines.
    pub text: String,
    /// Offset map from `text` bytes to `html` bytes.
    pub map: SourceMap,
    pub meta: Metadata,
}

/// Decodes, parses and extracts one page. Cost is linear in the page size.
pub fn extract_page(bytes: &[u8], opts: &PageOptions) -> Page {
    let decoded = encoding::decode_page(bytes, opts.content_type.as_deref());
    let html = decoded.text;
    let dom = dom::parse(&html);
    let main = extract::main_text(&dom, &html);
    let meta_opts = MetaOptions { url: opts.url.clone(), max_date: opts.crawl_date };
    let mut meta = meta::metadata(&dom, &html, &meta_opts);
    if !matches!(meta.published_from, Some("url"))
        && let Some(first) = main.map.runs().first()
        && let Some(d) = meta::header_date(&dom, &html, first.src as usize, &main.text, meta.language.as_deref(), &meta_opts)
        // `05/11` read the other way round is the same date as the metadata: keep that.
        && meta.published.is_none_or(|m| swapped(m) != Some(d))
    {
        meta.published = Some(d);
        meta.published_from = Some("header");
    }
    Page {
        encoding: decoded.encoding,
        encoding_how: decoded.how,
        had_errors: decoded.had_errors,
        text: main.text,
        map: main.map,
        meta,
        html,
    }
}

impl Page {
    /// Checks the offset map's invariants: the runs tile the text in order, every run points
    /// inside the page, and a run of equal lengths copies the page's bytes exactly. The tests
    /// and the fuzz targets (`fuzz/`) call it on every page they extract.
    pub fn check_map(&self) -> Result<(), String> {
        let mut expect = 0u32;
        for (i, r) in self.map.runs().iter().enumerate() {
            if r.out != expect {
                return Err(format!("run {i} starts at {} instead of {expect}", r.out));
            }
            expect = r.out.checked_add(r.out_len).ok_or_else(|| format!("run {i} overflows"))?;
            let src_end = r.src as usize + r.src_len as usize;
            if src_end > self.html.len() {
                return Err(format!("run {i} ends at {src_end}, past the page ({} bytes)", self.html.len()));
            }
            if r.verbatim {
                let out = self.text.as_bytes().get(r.out as usize..expect as usize);
                let src = self.html.as_bytes().get(r.src as usize..src_end);
                if r.out_len != r.src_len || out != src {
                    return Err(format!("verbatim run {i} differs from the page"));
                }
            }
        }
        if expect as usize != self.text.len() {
            return Err(format!("runs cover {expect} bytes of a {}-byte text", self.text.len()));
        }
        Ok(())
    }
}

/// The date with day and month exchanged, when that is a date.
fn swapped(d: jiff::civil::Date) -> Option<jiff::civil::Date> {
    let (m, day) = (d.month(), d.day());
    if day > 12 || m == day {
        return None;
    }
    jiff::civil::Date::new(d.year(), day, m).ok()
}

/// Whether bytes look like an HTML document (for inputs without a telling file name).
pub fn sniff_html(head: &[u8]) -> bool {
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let h: Vec<u8> = head[start..head.len().min(start + 1024)].iter().map(u8::to_ascii_lowercase).collect();
    h.starts_with(b"<!doctype html")
        || h.starts_with(b"<html")
        || (h.starts_with(b"<") && memchr::memmem::find(&h, b"<head").is_some())
}
