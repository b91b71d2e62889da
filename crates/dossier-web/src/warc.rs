//! WARC (0.18, 1.0, 1.1) and ARC (v1/v2) reading, plain or gzipped (one member per record or
//! one for the whole file), streaming with memory bounded by the largest record kept.
//!
//! A broken record (bad header, a `Content-Length` that does not match the bytes, a record
//! cut short) is yielded as a [`WarcError`] naming the record number and offset, and the
//! reader resynchronises on the next `WARC/` header line. A broken gzip stream ends the
//! iteration with an error (nothing after it can be trusted).

use std::io::{BufRead, BufReader, Read};

use flate2::bufread::MultiGzDecoder;

/// Largest record block kept in memory; larger ones are skipped with an error.
pub const DEFAULT_MAX_RECORD: u64 = 64 << 20;
/// Longest header line accepted.
const MAX_LINE: usize = 64 << 10;

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {index} at offset {offset}: {message}")]
pub struct WarcError {
    /// 1-based record number in the file.
    pub index: usize,
    /// Offset of the record in the (decompressed) stream.
    pub offset: u64,
    pub message: String,
    /// Whether reading cannot go on (I/O or gzip error).
    pub fatal: bool,
}

/// One archive record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// 1-based record number.
    pub index: usize,
    /// Offset of the record header in the (decompressed) stream.
    pub offset: u64,
    /// `warcinfo`, `request`, `response`, `resource`, `metadata`, `revisit`, ... or `arc`.
    pub kind: String,
    pub record_id: Option<String>,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub content_type: Option<String>,
    /// All header fields, in order.
    pub headers: Vec<(String, String)>,
    /// The record block (for `response` records: the HTTP message).
    pub block: Vec<u8>,
}

/// An HTTP response inside a record.
#[derive(Debug, Clone, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body, with chunked transfer coding and gzip/deflate content coding undone.
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Record {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The HTTP response of a `response` (or ARC http) record, when the block is one.
    pub fn http_response(&self) -> Option<HttpResponse> {
        if !self.block.starts_with(b"HTTP/") {
            return None;
        }
        parse_http(&self.block)
    }

    /// The page bytes and their content type: the HTTP body for responses, the block for
    /// `resource` records.
    pub fn payload(&self) -> Option<(Vec<u8>, Option<String>)> {
        match self.kind.as_str() {
            "response" | "arc" => {
                let r = self.http_response()?;
                let ct = r.header("content-type").map(str::to_string);
                Some((r.body, ct))
            }
            "resource" => Some((self.block.clone(), self.content_type.clone())),
            _ => None,
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Parses an HTTP response message.
pub fn parse_http(msg: &[u8]) -> Option<HttpResponse> {
    let (head_end, body_start) = match (find(msg, b"\r\n\r\n"), find(msg, b"\n\n")) {
        (Some(a), Some(b)) if b < a => (b, b + 2),
        (Some(a), _) => (a, a + 4),
        (None, Some(b)) => (b, b + 2),
        (None, None) => (msg.len(), msg.len()),
    };
    let head = String::from_utf8_lossy(&msg[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))).collect();
    let mut resp = HttpResponse { status, headers, body: Vec::new() };
    let raw = &msg[body_start.min(msg.len())..];
    let chunked = resp.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let mut body = if chunked { dechunk(raw).unwrap_or_else(|| raw.to_vec()) } else { raw.to_vec() };
    match resp.header("content-encoding").map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        Some("gzip" | "x-gzip") => {
            if let Some(b) = inflate(MultiGzDecoder::new(&body[..])) {
                body = b;
            }
        }
        Some("deflate") => {
            if let Some(b) = inflate(flate2::bufread::ZlibDecoder::new(&body[..]))
                .or_else(|| inflate(flate2::bufread::DeflateDecoder::new(&body[..])))
            {
                body = b;
            }
        }
        _ => {}
    }
    resp.body = body;
    Some(resp)
}

fn inflate(r: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    r.take(DEFAULT_MAX_RECORD).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Undoes chunked transfer coding; `None` when the chunk sizes do not fit the bytes.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let nl = find(raw, b"\n")?;
        let line = std::str::from_utf8(&raw[..nl]).ok()?.trim();
        let size_str = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_str, 16).ok()?;
        raw = &raw[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if raw.len() < size {
            return None;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size..];
        raw = raw.strip_prefix(b"\r\n").or_else(|| raw.strip_prefix(b"\n")).unwrap_or(raw);
        if raw.is_empty() {
            return Some(out);
        }
    }
}

/// A byte source with push-back and an offset counter.
struct Source<R> {
    inner: R,
    back: Vec<u8>,
    back_pos: usize,
    offset: u64,
}

impl<R: BufRead> Source<R> {
    fn fill(&mut self) -> std::io::Result<&[u8]> {
        if self.back_pos < self.back.len() {
            return Ok(&self.back[self.back_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.offset += n as u64;
        if self.back_pos < self.back.len() {
            self.back_pos += n;
            if self.back_pos >= self.back.len() {
                self.back.clear();
                self.back_pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }

    fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.back[self.back_pos..]);
        self.back = v;
        self.back_pos = 0;
        self.offset -= bytes.len() as u64;
    }

    /// One line including its `\n` (truncated to `MAX_LINE`, the rest skipped).
    fn read_line(&mut self, out: &mut Vec<u8>) -> std::io::Result<usize> {
        out.clear();
        let mut total = 0;
        loop {
            let buf = self.fill()?;
            if buf.is_empty() {
                return Ok(total);
            }
            let (n, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            let keep = n.min(MAX_LINE.saturating_sub(out.len()));
            out.extend_from_slice(&buf[..keep]);
            self.consume(n);
            total += n;
            if done {
                return Ok(total);
            }
        }
    }

    /// Reads up to `n` bytes into `out` (fewer at end of input); returns the count.
    fn read_up_to(&mut self, n: u64, out: &mut Vec<u8>) -> std::io::Result<u64> {
        let mut got = 0u64;
        while got < n {
            let buf = self.fill()?;
            if buf.is_empty() {
                break;
            }
            let take = (buf.len() as u64).min(n - got) as usize;
            out.extend_from_slice(&buf[..take]);
            self.consume(take);
            got += take as u64;
        }
        Ok(got)
    }

    /// Skips up to `n` bytes.
    fn skip(&mut self, n: u64) -> std::io::Result<u64> {
        let mut got = 0u64;
        while got < n {
            let buf = self.fill()?;
            if buf.is_empty() {
                break;
            }
            let take = (buf.len() as u64).min(n - got) as usize;
            self.consume(take);
            got += take as u64;
        }
        Ok(got)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Warc,
    Arc,
}

/// Streams the records of a WARC or ARC file.
pub struct WarcReader {
    src: Source<Box<dyn BufRead + Send>>,
    format: Option<Format>,
    index: usize,
    done: bool,
    max_record: u64,
    line: Vec<u8>,
    pending_fatal: Option<WarcError>,
}

impl WarcReader {
    /// Wraps a reader; gzip is detected from the magic bytes.
    pub fn new(inner: impl Read + Send + 'static) -> std::io::Result<Self> {
        let mut buffered = BufReader::with_capacity(1 << 16, inner);
        let gz = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let inner: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(buffered)))
        } else {
            Box::new(buffered)
        };
        Ok(Self {
            src: Source { inner, back: Vec::new(), back_pos: 0, offset: 0 },
            format: None,
            index: 0,
            done: false,
            max_record: DEFAULT_MAX_RECORD,
            line: Vec::new(),
            pending_fatal: None,
        })
    }

    /// Opens a file.
    pub fn open(path: &std::path::Path) -> std::io::Result<Self> {
        Self::new(std::fs::File::open(path)?)
    }

    /// Sets the largest block kept in memory.
    pub fn max_record(mut self, bytes: u64) -> Self {
        self.max_record = bytes;
        self
    }

    fn err(&self, offset: u64, message: impl Into<String>, fatal: bool) -> WarcError {
        WarcError { index: self.index, offset, message: message.into(), fatal }
    }

    fn io_err(&mut self, offset: u64, e: &std::io::Error) -> WarcError {
        self.done = true;
        let what = if e.kind() == std::io::ErrorKind::UnexpectedEof || e.to_string().contains("corrupt") {
            "truncated or corrupt gzip stream"
        } else {
            "read error"
        };
        self.err(offset, format!("{what}: {e}"), true)
    }

    /// Skips blank lines; returns the first non-blank line (in `self.line`) or `None` at end.
    fn next_line(&mut self) -> Result<Option<u64>, WarcError> {
        loop {
            let at = self.src.offset;
            let n = match self.src.read_line(&mut self.line) {
                Ok(n) => n,
                Err(e) => return Err(self.io_err(at, &e)),
            };
            if n == 0 {
                return Ok(None);
            }
            if !self.line.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some(at));
            }
        }
    }

    /// Skips to the next line that starts a WARC record (after a broken one).
    fn resync(&mut self) -> Result<(), WarcError> {
        loop {
            let at = self.src.offset;
            let n = match self.src.read_line(&mut self.line) {
                Ok(n) => n,
                Err(e) => return Err(self.io_err(at, &e)),
            };
            if n == 0 {
                return Ok(());
            }
            let starts = match self.format {
                Some(Format::Arc) => arc_header(&self.line).is_some(),
                _ => self.line.starts_with(b"WARC/"),
            };
            if starts {
                let line = std::mem::take(&mut self.line);
                self.src.unread(&line);
                self.line = line;
                return Ok(());
            }
        }
    }

    fn read_warc(&mut self, start: u64) -> Result<Record, WarcError> {
        let mut rec = Record { index: self.index, offset: start, ..Record::default() };
        loop {
            let at = self.src.offset;
            let n = match self.src.read_line(&mut self.line) {
                Ok(n) => n,
                Err(e) => return Err(self.io_err(at, &e)),
            };
            if n == 0 {
                return Err(self.err(start, "record header cut short at end of input", false));
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            match line.split_once(':') {
                Some((k, v)) => rec.headers.push((k.trim().to_string(), v.trim().to_string())),
                None if line.starts_with(' ') || line.starts_with('\t') => {
                    if let Some(last) = rec.headers.last_mut() {
                        last.1.push(' ');
                        last.1.push_str(line.trim());
                    }
                }
                None => return Err(self.err(start, format!("malformed header line {line:?}"), false)),
            }
            if rec.headers.len() > 1000 {
                return Err(self.err(start, "more than 1000 header fields", false));
            }
        }
        let Some(len) = rec.header("content-length").map(str::to_string) else {
            return Err(self.err(start, "no Content-Length", false));
        };
        let Ok(len) = len.trim().parse::<u64>() else {
            return Err(self.err(start, format!("bad Content-Length {len:?}"), false));
        };
        rec.kind = rec.header("warc-type").unwrap_or("").to_string();
        rec.record_id = rec.header("warc-record-id").map(str::to_string);
        rec.target_uri = rec.header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        rec.date = rec.header("warc-date").map(str::to_string);
        rec.content_type = rec.header("content-type").map(str::to_string);
        let id = rec.record_id.clone().unwrap_or_default();
        if len > self.max_record {
            let got = self.src.skip(len).map_err(|e| self.io_err(start, &e))?;
            if got < len {
                return Err(self.err(start, format!("{id}: record cut short ({got} of {len} bytes)"), false));
            }
            return Err(self.err(
                start,
                format!("{id}: block of {len} bytes exceeds the {} byte limit; skipped", self.max_record),
                false,
            ));
        }
        let mut block = Vec::with_capacity(len as usize);
        let got = self.src.read_up_to(len, &mut block).map_err(|e| self.io_err(start, &e))?;
        if got < len {
            return Err(self.err(start, format!("{id}: record cut short ({got} of {len} bytes)"), false));
        }
        // The block must be followed by CRLF CRLF (blank lines); otherwise the length lies.
        let mut trailer = Vec::new();
        self.src.read_up_to(4, &mut trailer).map_err(|e| self.io_err(start, &e))?;
        let ok = trailer.is_empty() || trailer.starts_with(b"\r\n\r\n") || trailer.starts_with(b"\n\n") || {
            // Some writers use a single CRLF: accept when the next record starts right after.
            let after = if trailer.starts_with(b"\r\n") {
                2
            } else if trailer.starts_with(b"\n") {
                1
            } else {
                usize::MAX
            };
            after != usize::MAX && trailer[after..].iter().all(|b| b"WARC/\r\n".contains(b))
        };
        if !ok {
            // Look for the next record inside what the lying length swallowed.
            let mut tail = block.clone();
            tail.extend_from_slice(&trailer);
            if let Some(p) = find(&tail, b"\r\n\r\nWARC/").or_else(|| find(&tail, b"\n\nWARC/")) {
                let skip = if tail[p..].starts_with(b"\r\n\r\n") { 4 } else { 2 };
                self.src.unread(&tail[p + skip..]);
            } else {
                self.src.unread(&trailer);
            }
            return Err(self.err(
                start,
                format!(
                    "{id}: Content-Length {len} does not match the record (no blank line after the block); skipped"
                ),
                false,
            ));
        }
        // Give back what belongs to the next record.
        let used = if trailer.starts_with(b"\r\n\r\n") {
            4
        } else if trailer.starts_with(b"\n\n") || trailer.starts_with(b"\r\n") {
            2
        } else if trailer.starts_with(b"\n") {
            1
        } else {
            0
        };
        if used < trailer.len() {
            self.src.unread(&trailer[used..]);
        }
        rec.block = block;
        Ok(rec)
    }

    fn read_arc(&mut self, start: u64) -> Result<Record, WarcError> {
        let line = String::from_utf8_lossy(&self.line).trim_end().to_string();
        let Some((url, date, ctype, len)) = arc_header(&self.line) else {
            return Err(self.err(start, format!("malformed ARC header {:?}", truncate(&line, 120)), false));
        };
        let mut rec = Record { index: self.index, offset: start, kind: "arc".into(), ..Record::default() };
        rec.target_uri = Some(url);
        rec.date = Some(date);
        rec.content_type = Some(ctype);
        rec.headers.push(("ARC-Header".into(), line));
        if len > self.max_record {
            self.src.skip(len).map_err(|e| self.io_err(start, &e))?;
            return Err(self.err(start, format!("block of {len} bytes exceeds the limit; skipped"), false));
        }
        let mut block = Vec::with_capacity(len as usize);
        let got = self.src.read_up_to(len, &mut block).map_err(|e| self.io_err(start, &e))?;
        if got < len {
            return Err(self.err(start, format!("record cut short ({got} of {len} bytes)"), false));
        }
        if rec.target_uri.as_deref().is_some_and(|u| u.starts_with("filedesc:")) {
            rec.kind = "filedesc".into();
        }
        rec.block = block;
        Ok(rec)
    }
}

fn truncate(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// An ARC header line: `URL IP DATE CONTENT-TYPE LENGTH` (v1) or the v2 form with more
/// fields (length last).
fn arc_header(line: &[u8]) -> Option<(String, String, String, u64)> {
    let s = std::str::from_utf8(line).ok()?.trim_end();
    let f: Vec<&str> = s.split(' ').collect();
    let n = f.len();
    if n < 5 || !(f[0].contains("://") || f[0].starts_with("filedesc:")) {
        return None;
    }
    let len: u64 = f[n - 1].parse().ok()?;
    let is_date = |x: &str| x.len() == 14 && x.bytes().all(|b| b.is_ascii_digit());
    if is_date(f[n - 3]) {
        // v1, read from the right: the URL may contain spaces.
        return Some((f[..n - 4].join(" "), f[n - 3].to_string(), f[n - 2].to_string(), len));
    }
    if !is_date(f[2]) {
        return None;
    }
    Some((f[0].to_string(), f[2].to_string(), f[3].to_string(), len))
}

impl Iterator for WarcReader {
    type Item = Result<Record, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending_fatal.take() {
            self.done = true;
            return Some(Err(e));
        }
        if self.done {
            return None;
        }
        let start = match self.next_line() {
            Ok(Some(at)) => at,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => return Some(Err(e)),
        };
        self.index += 1;
        if self.format.is_none() {
            self.format = if self.line.starts_with(b"WARC/") {
                Some(Format::Warc)
            } else if arc_header(&self.line).is_some() {
                Some(Format::Arc)
            } else {
                self.done = true;
                return Some(Err(self.err(start, "not a WARC or ARC file (no WARC/ or ARC header line)", true)));
            };
        }
        let result = match self.format {
            Some(Format::Arc) => self.read_arc(start),
            _ if !self.line.starts_with(b"WARC/") => {
                let l = String::from_utf8_lossy(&self.line).trim_end().to_string();
                Err(self.err(start, format!("expected a WARC/ version line, found {:?}", truncate(&l, 80)), false))
            }
            _ => self.read_warc(start),
        };
        if let Err(e) = &result
            && !e.fatal
            && let Err(fatal) = self.resync()
        {
            // Report the record error now; the fatal one ends the stream next time.
            self.done = false;
            let first = result;
            self.pending_fatal = Some(fatal);
            return Some(first);
        }
        Some(result)
    }
}
