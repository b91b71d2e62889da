//! A lenient HTML tokenizer and tree builder that keeps **source byte ranges**.
//!
//! Every text node remembers the byte range of its raw source, so the extractor can map each
//! character of the extracted text back to the page. The tree follows the parts of the HTML5
//! tree-construction rules that matter for reading news pages (void elements, raw-text
//! elements, implied end tags of `p`, `li`, `dt`/`dd`, `tr`/`td`, `option`); it is not a
//! conforming HTML5 parser (see DESIGN.md). Everything is iterative: 100k nested tags are
//! only a long stack, never deep recursion.

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// An element or a run of text.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// The document root.
    Root,
    /// An element: lower-case tag name and attributes (names lower-cased, values decoded).
    Element { tag: Box<str>, attrs: Vec<(Box<str>, Box<str>)> },
    /// Text: the raw source range (entities not yet decoded), and whether it is RCDATA/raw.
    Text { start: u32, end: u32 },
}

/// One node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub parent: NodeId,
    pub children: Vec<NodeId>,
    /// Byte range of the start tag in the source (text nodes: their text).
    pub src_start: u32,
}

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
const RAW: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext", "template", "noscript"];
const RCDATA: &[&str] = &["title", "textarea"];
/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];
/// How far up the open-element stack an end tag looks for its element (bounds the work of
/// stray end tags on deeply nested pages).
const END_TAG_SEARCH: usize = 512;

impl Dom {
    /// The tag name of an element node.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id as usize].kind {
            NodeKind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// An attribute value of an element.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes[id as usize].kind {
            NodeKind::Element { attrs, .. } => attrs.iter().find(|(n, _)| &**n == name).map(|(_, v)| &**v),
            _ => None,
        }
    }

    /// Node ids in document order (pre-order), iteratively.
    pub fn preorder(&self, from: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            out.push(n);
            for &c in self.nodes[n as usize].children.iter().rev() {
                stack.push(c);
            }
        }
        out
    }

    /// Elements with the given tag, in document order.
    pub fn elements<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        (0..self.nodes.len() as u32).filter(move |&i| self.tag(i) == Some(tag))
    }

    /// The decoded, whitespace-collapsed text under a node (for metadata; bounded by `limit` bytes).
    pub fn text_of(&self, src: &str, id: NodeId, limit: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if out.len() >= limit {
                break;
            }
            match &self.nodes[n as usize].kind {
                NodeKind::Text { start, end } => {
                    let raw = &src[*start as usize..*end as usize];
                    out.push_str(&decode_entities(raw));
                    out.push(' ');
                }
                NodeKind::Element { tag, .. } if matches!(&**tag, "script" | "style" | "noscript" | "template") => {}
                _ => {
                    if let NodeKind::Element { tag, .. } = &self.nodes[n as usize].kind
                        && &**tag == "br"
                    {
                        out.push(' ');
                    }
                    for &c in self.nodes[n as usize].children.iter().rev() {
                        stack.push(c);
                    }
                }
            }
        }
        collapse_ws(&out)
    }

    /// The raw (undecoded) source text of a raw-text element such as `<script>`.
    pub fn raw_text<'s>(&self, src: &'s str, id: NodeId) -> &'s str {
        match self.nodes[id as usize].children.first().map(|&c| &self.nodes[c as usize].kind) {
            Some(NodeKind::Text { start, end }) => &src[*start as usize..*end as usize],
            _ => "",
        }
    }
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
}

impl Builder {
    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn push_node(&mut self, kind: NodeKind, src_start: u32) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node { kind, parent, children: Vec::new(), src_start });
        self.nodes[parent as usize].children.push(id);
        id
    }

    fn text(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let parent = self.current();
        // Merge with a preceding adjacent text node.
        if let Some(&last) = self.nodes[parent as usize].children.last()
            && let NodeKind::Text { end: e, .. } = &mut self.nodes[last as usize].kind
            && *e as usize == start
        {
            *e = end as u32;
            return;
        }
        self.push_node(NodeKind::Text { start: start as u32, end: end as u32 }, start as u32);
    }

    fn open_tag_index(&self, name: &str, boundary: &[&str]) -> Option<usize> {
        for (depth, i) in (1..self.stack.len()).rev().enumerate() {
            if depth >= END_TAG_SEARCH {
                return None;
            }
            let t = match &self.nodes[self.stack[i] as usize].kind {
                NodeKind::Element { tag, .. } => &**tag,
                _ => "",
            };
            if t == name {
                return Some(i);
            }
            if boundary.contains(&t) {
                return None;
            }
        }
        None
    }

    fn close(&mut self, name: &str, boundary: &[&str]) {
        if let Some(i) = self.open_tag_index(name, boundary) {
            self.stack.truncate(i);
        }
    }

    fn start_tag(&mut self, name: &str, attrs: Vec<(Box<str>, Box<str>)>, pos: usize) -> NodeId {
        if CLOSES_P.contains(&name) {
            self.close("p", &["button", "table", "div", "article", "section", "blockquote", "li", "td", "th"]);
        }
        match name {
            "li" => self.close("li", &["ul", "ol", "menu", "table", "div"]),
            "dt" | "dd" => {
                self.close("dt", &["dl", "div"]);
                self.close("dd", &["dl", "div"]);
            }
            "tr" => self.close("tr", &["table", "tbody", "thead", "tfoot"]),
            "td" | "th" => {
                self.close("td", &["tr", "table"]);
                self.close("th", &["tr", "table"]);
            }
            "option" => self.close("option", &["select", "datalist"]),
            "a" => self.close("a", &["div", "p", "li", "td", "section", "article"]),
            _ => {}
        }
        let id = self.push_node(NodeKind::Element { tag: name.into(), attrs }, pos as u32);
        if !VOID.contains(&name) {
            self.stack.push(id);
        }
        id
    }
}

/// Parses a page (already decoded to UTF-8). Never fails; linear in the input.
pub fn parse(src: &str) -> Dom {
    let bytes = src.as_bytes();
    let mut b = Builder {
        nodes: vec![Node { kind: NodeKind::Root, parent: 0, children: Vec::new(), src_start: 0 }],
        stack: vec![0],
    };
    let mut i = 0;
    let mut text_start = 0;
    let n = bytes.len();
    while i < n {
        let Some(off) = memchr::memchr(b'<', &bytes[i..]) else { break };
        let lt = i + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' {
            b.text(text_start, lt);
            if bytes[lt..].starts_with(b"<!--") {
                let end = memchr::memmem::find(&bytes[lt + 4..], b"-->").map_or(n, |e| lt + 4 + e + 3);
                i = end;
            } else {
                i = memchr::memchr(b'>', &bytes[lt..]).map_or(n, |e| lt + e + 1);
            }
            text_start = i;
            continue;
        }
        if next == b'?' {
            b.text(text_start, lt);
            i = memchr::memchr(b'>', &bytes[lt..]).map_or(n, |e| lt + e + 1);
            text_start = i;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { lt + 2 } else { lt + 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if closing && bytes.get(name_start) == Some(&b'>') {
                b.text(text_start, lt);
                i = name_start + 1;
                text_start = i;
            } else {
                i = lt + 1;
            }
            continue;
        }
        let mut j = name_start;
        while j < n && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            j += 1;
        }
        let name = src.get(name_start..j).unwrap_or("").to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(src, j);
        b.text(text_start, lt);
        i = end;
        text_start = i;
        if closing {
            match name.as_str() {
                "p" => {
                    if b.open_tag_index("p", &[]).is_some() {
                        b.close("p", &[]);
                    } else {
                        // `</p>` without an open `<p>` is an empty paragraph in HTML5.
                        b.start_tag("p", Vec::new(), lt);
                        b.close("p", &[]);
                    }
                }
                "br" => {
                    b.start_tag("br", Vec::new(), lt);
                }
                _ => b.close(&name, &[]),
            }
            continue;
        }
        b.start_tag(&name, attrs, lt);
        if self_closing && !VOID.contains(&name.as_str()) && matches!(name.as_str(), "div" | "span" | "a" | "p") {
            b.close(&name, &[]);
            continue;
        }
        if RAW.contains(&name.as_str()) || RCDATA.contains(&name.as_str()) {
            // Raw text up to the matching end tag (case-insensitive).
            let close = find_end_tag(bytes, i, name.as_bytes());
            let (content_end, after) = close.unwrap_or((n, n));
            b.text(i, content_end);
            b.close(&name, &[]);
            i = after;
            text_start = i;
        }
    }
    b.text(text_start, n);
    Dom { nodes: b.nodes }
}

/// Finds `</name` (any case) from `from`; returns (start of the end tag, index after its `>`).
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut k = from;
    while let Some(off) = memchr::memmem::find(&bytes[k..], b"</") {
        let s = k + off;
        let t = s + 2;
        if bytes.len() >= t + name.len() && bytes[t..t + name.len()].eq_ignore_ascii_case(name) {
            let after_name = t + name.len();
            if bytes.get(after_name).is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')) {
                let end = memchr::memchr(b'>', &bytes[after_name..]).map_or(bytes.len(), |e| after_name + e + 1);
                return Some((s, end));
            }
        }
        k = s + 2;
    }
    None
}

type Attrs = Vec<(Box<str>, Box<str>)>;

/// Attributes from just after the tag name; returns them, self-closing flag, index after `>`.
fn parse_attrs(src: &str, mut i: usize) -> (Attrs, bool, usize) {
    let bytes = src.as_bytes();
    let n = bytes.len();
    let mut attrs: Attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < n && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        if i >= n {
            return (attrs, self_closing, n);
        }
        if bytes[i] == b'>' {
            return (attrs, self_closing, i + 1);
        }
        self_closing = false;
        let ns = i;
        while i < n && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = src.get(ns..i).unwrap_or("").to_ascii_lowercase();
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vs = i + 1;
                let ve = memchr::memchr(q, &bytes[vs..]).map_or(n, |e| vs + e);
                value = decode_entities(src.get(vs..ve).unwrap_or(""));
                i = (ve + 1).min(n);
            } else {
                let vs = i;
                while i < n && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>') {
                    i += 1;
                }
                value = decode_entities(src.get(vs..i).unwrap_or(""));
            }
        }
        if !name.is_empty() && attrs.len() < 64 && !attrs.iter().any(|(n, _)| **n == *name) {
            attrs.push((name.into(), value.into()));
        }
    }
}

/// Decodes character references in `s`.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        match entity_at(tail) {
            Some((ch, len)) => {
                out.push_str(ch.as_str());
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A decoded character reference: one or two chars.
#[derive(Debug, Clone, Copy)]
pub struct Decoded {
    buf: [u8; 8],
    len: u8,
}

impl Decoded {
    fn from_char(c: char) -> Self {
        let mut buf = [0u8; 8];
        let len = c.encode_utf8(&mut buf).len() as u8;
        Self { buf, len }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

/// The character reference at the start of `s` (which starts with `&`): decoded text and
/// the number of source bytes it spans.
pub fn entity_at(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = if matches!(b.get(2), Some(b'x' | b'X')) { (true, 3) } else { (false, 2) };
        let mut j = start;
        while j < b.len() && j < start + 8 && (if hex { b[j].is_ascii_hexdigit() } else { b[j].is_ascii_digit() }) {
            j += 1;
        }
        if j == start {
            return None;
        }
        let v = u32::from_str_radix(&s[start..j], if hex { 16 } else { 10 }).ok()?;
        let c = match v {
            0x80..=0x9f => windows_1252_c1(v),
            _ => char::from_u32(v).filter(|&c| c != '\0').unwrap_or('\u{fffd}'),
        };
        let len = if b.get(j) == Some(&b';') { j + 1 } else { j };
        return Some((Decoded::from_char(c), len));
    }
    let mut j = 1;
    while j < b.len() && j < 12 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name = &s[1..j];
    let c = named_entity(name)?;
    let len = if b.get(j) == Some(&b';') { j + 1 } else { j };
    Some((Decoded::from_char(c), len))
}

fn windows_1252_c1(v: u32) -> char {
    let table = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2c6}',
        '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}',
        '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}',
        '\u{153}', '\u{9d}', '\u{17e}', '\u{178}',
    ];
    table.get((v - 0x80) as usize).copied().unwrap_or('\u{fffd}')
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "prime" => '′',
        "Prime" => '″',
        "dagger" => '†',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "acute" => '´',
        "uml" => '¨',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "hearts" => '♥',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "euml" => 'ë',
        "iuml" => 'ï',
        "yuml" => 'ÿ',
        "Euml" => 'Ë',
        "Iuml" => 'Ï',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "yacute" => 'ý',
        "Aacute" => 'Á',
        "Eacute" => 'É',
        "Iacute" => 'Í',
        "Oacute" => 'Ó',
        "Uacute" => 'Ú',
        "agrave" => 'à',
        "egrave" => 'è',
        "igrave" => 'ì',
        "ograve" => 'ò',
        "ugrave" => 'ù',
        "Agrave" => 'À',
        "Egrave" => 'È',
        "Igrave" => 'Ì',
        "Ograve" => 'Ò',
        "Ugrave" => 'Ù',
        "acirc" => 'â',
        "ecirc" => 'ê',
        "icirc" => 'î',
        "ocirc" => 'ô',
        "ucirc" => 'û',
        "Acirc" => 'Â',
        "Ecirc" => 'Ê',
        "Icirc" => 'Î',
        "Ocirc" => 'Ô',
        "Ucirc" => 'Û',
        "atilde" => 'ã',
        "ntilde" => 'ñ',
        "otilde" => 'õ',
        "Atilde" => 'Ã',
        "Ntilde" => 'Ñ',
        "Otilde" => 'Õ',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "aring" => 'å',
        "Aring" => 'Å',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "eth" => 'ð',
        "thorn" => 'þ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let d = parse(src);
        d.nodes
            .iter()
            .filter_map(|n| match n.kind {
                NodeKind::Text { start, end } => Some(src[start as usize..end as usize].to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_nodes_keep_source_ranges() {
        let src = "<html><body><p class=x>One &amp; two</p><p>Three<br>four</body>";
        assert_eq!(texts(src), vec!["One &amp; two", "Three", "four"]);
        let d = parse(src);
        let p = d.elements("p").next().unwrap();
        assert_eq!(d.attr(p, "class"), Some("x"));
        assert_eq!(d.text_of(src, p, 100), "One & two");
    }

    #[test]
    fn implied_end_tags_and_raw_text() {
        let src = "<ul><li>a<li>b</ul><p>x<div>y</div><script>if (a<b) {}</script><p>z";
        let d = parse(src);
        let lis: Vec<_> = d.elements("li").collect();
        assert_eq!(lis.len(), 2);
        assert_eq!(d.nodes[lis[1] as usize].parent, d.nodes[lis[0] as usize].parent);
        let div = d.elements("div").next().unwrap();
        assert_ne!(d.tag(d.nodes[div as usize].parent), Some("p"));
        let script = d.elements("script").next().unwrap();
        assert_eq!(d.raw_text(src, script), "if (a<b) {}");
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a&nbsp;b &#8217; &#x2014; &copy &bogus; &"), "a\u{a0}b ’ — © &bogus; &");
        assert_eq!(decode_entities("&#150;"), "–");
    }

    #[test]
    fn deep_nesting_is_fine() {
        let src = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let d = parse(&src);
        assert_eq!(d.preorder(0).len(), 100_002);
    }
}
