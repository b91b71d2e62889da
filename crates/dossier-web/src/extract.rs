//! Main-text extraction: boilerplate removal, content scoring, paragraph output and the
//! offset map from the extracted text back to the HTML source.
//!
//! The approach is the Readability/trafilatura family: drop elements that never hold article
//! text (scripts, navigation, forms, hidden parts, and — in the first, strict pass — parts
//! whose class or id says comment/share/related/sidebar...), score paragraph-like elements by
//! text length and commas, give the score to their parent and grandparent weighted by tag and
//! class, discount link-heavy containers, take the best container and its qualifying
//! siblings, clean link lists and negative-class blocks inside it, and write one paragraph per
//! block. When the strict pass yields little text, a lenient pass runs and the longer text
//! wins. All walks are iterative.

use crate::dom::{Dom, NodeId, NodeKind, entity_at};

/// A piece of the offset map: output bytes `out..out+out_len` came from source bytes
/// `src..src+src_len`. A `verbatim` run copies its source (equal lengths, mapped byte for
/// byte); any other (a decoded entity, an inserted separator) maps as a whole, even when its
/// length happens to equal the source's (`&#0` decodes to the three bytes of U+FFFD).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub out: u32,
    pub out_len: u32,
    pub src: u32,
    pub src_len: u32,
    pub verbatim: bool,
}

/// Maps every byte of an extracted text back to the (decoded) HTML source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    runs: Vec<Run>,
}

impl SourceMap {
    /// The pieces, sorted by output offset and covering the whole text.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    fn find(&self, out: u32) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.out + r.out_len <= out);
        self.runs.get(i)
    }

    /// The source byte range that produced the text bytes `start..end` (`start < end`).
    /// Entities and inserted separators map to their whole source range.
    pub fn source_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        let a = self.find(start as u32)?;
        let b = self.find((end - 1) as u32)?;
        let s = if a.verbatim { a.src + (start as u32 - a.out) } else { a.src };
        let e = if b.verbatim { b.src + (end as u32 - b.out) } else { b.src + b.src_len };
        Some((s as usize, e.max(s) as usize))
    }
}

/// Extracted main text with its offset map.
#[derive(Debug, Clone, Default)]
pub struct MainText {
    pub text: String,
    pub map: SourceMap,
}

/// Tags whose content is never article text.
const DROP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "button", "input",
    "select", "textarea", "option", "nav", "head", "title", "meta", "link", "video", "audio", "map", "dialog", "menu",
    "math", "img", "picture", "source",
];
/// Tags after which a paragraph break is written.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "form",
    "center",
    "address",
    "details",
    "summary",
    "fieldset",
    "body",
    "html",
    "caption",
    "tbody",
    "thead",
    "tfoot",
];
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "cookie",
    "newsletter",
    "subscribe",
    "signup",
    "share",
    "sharing",
    "promo",
    "recommend",
    "outbrain",
    "taboola",
    "navbar",
    "masthead",
    "byline",
    "author",
    "tags",
    "toolbar",
    "print",
    "login",
    "widget",
    "teaser",
    "more-stories",
    "most-popular",
    "trending",
    "modal",
    "overlay",
    "caption",
    "credit",
    "copyright",
];
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "text"];
const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "footnote",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "byline",
    "author",
    "caption",
    "credit",
    "newsletter",
    "social",
    "teaser",
    "recommend",
    "subscribe",
    "nav",
    "menu",
];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "articlebody",
    "article-body",
    "paragraph",
    "prose",
    "rich-text",
    "richtext",
];
const BAD_ROLES: &[&str] =
    &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner"];

#[derive(Clone, Copy, Default)]
struct Stat {
    text: u32,
    links: u32,
    commas: u32,
    /// Non-whitespace bytes of direct text children (own text).
    own: u32,
    paragraphs: u32,
    lis: u32,
    imgs: u32,
    headings: u32,
}

fn class_id(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for a in ["class", "id", "itemprop"] {
        if let Some(v) = dom.attr(id, a) {
            s.push(' ');
            s.push_str(&v.to_ascii_lowercase());
        }
    }
    s
}

fn contains_any(hay: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| hay.contains(p))
}

fn class_weight(dom: &Dom, id: NodeId) -> f32 {
    let ci = class_id(dom, id);
    if ci.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if contains_any(&ci, NEGATIVE) {
        w -= 25.0;
    }
    if contains_any(&ci, POSITIVE) {
        w += 25.0;
    }
    if ci.contains("articlebody") || ci.contains("article-body") || ci.contains("article__body") {
        w += 25.0;
    }
    w
}

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr(id, "hidden").is_some() {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    dom.attr(id, "aria-hidden") == Some("true") && dom.tag(id) != Some("body")
}

/// Options of one extraction pass.
#[derive(Clone, Copy)]
struct Pass {
    /// Remove elements whose class/id looks like boilerplate.
    strict: bool,
}

struct Ctx<'a> {
    dom: &'a Dom,
    src: &'a str,
    removed: Vec<bool>,
    stats: Vec<Stat>,
    /// Last node id of each node's subtree (ids are in document order).
    end: Vec<u32>,
}

fn non_ws_len(s: &str) -> u32 {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u32
}

impl<'a> Ctx<'a> {
    fn new(dom: &'a Dom, src: &'a str, pass: Pass) -> Self {
        let n = dom.nodes.len();
        let mut removed = vec![false; n];
        for i in 1..n {
            let node = &dom.nodes[i];
            let parent_removed = removed[node.parent as usize];
            removed[i] = parent_removed
                || match &node.kind {
                    NodeKind::Element { tag, .. } => {
                        let id = i as NodeId;
                        DROP.contains(&&**tag)
                            || is_hidden(dom, id)
                            || dom.attr(id, "role").is_some_and(|r| BAD_ROLES.contains(&r))
                            || (pass.strict && !matches!(&**tag, "body" | "html" | "article" | "main" | "a") && {
                                let ci = class_id(dom, id);
                                !ci.is_empty() && contains_any(&ci, UNLIKELY) && !contains_any(&ci, MAYBE)
                            })
                            || (pass.strict && matches!(&**tag, "aside" | "footer"))
                    }
                    _ => false,
                };
        }
        let mut stats = vec![Stat::default(); n];
        for i in (1..n).rev() {
            if removed[i] {
                continue;
            }
            let node = &dom.nodes[i];
            let mut st = stats[i];
            match &node.kind {
                NodeKind::Text { start, end } => {
                    let t = &src[*start as usize..*end as usize];
                    st.text = non_ws_len(t);
                    st.commas = t.bytes().filter(|&b| b == b',').count() as u32;
                    stats[i] = st;
                }
                NodeKind::Element { tag, .. } => {
                    match &**tag {
                        "a" => st.links = st.text,
                        "p" => st.paragraphs += 1,
                        "li" => st.lis += 1,
                        "img" => st.imgs += 1,
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => st.headings += 1,
                        _ => {}
                    }
                    stats[i] = st;
                }
                NodeKind::Root => {}
            }
            let p = node.parent as usize;
            let is_text = matches!(node.kind, NodeKind::Text { .. });
            let inline = is_text || dom.tag(i as NodeId).is_some_and(|t| INLINE.contains(&t));
            let ps = &mut stats[p];
            ps.text += st.text;
            ps.links += st.links;
            ps.commas += st.commas;
            ps.paragraphs += st.paragraphs;
            ps.lis += st.lis;
            ps.imgs += st.imgs;
            ps.headings += st.headings;
            if inline {
                ps.own += st.text;
            }
        }
        let mut end: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            let p = dom.nodes[i].parent as usize;
            if end[i] > end[p] {
                end[p] = end[i];
            }
        }
        Ctx { dom, src, removed, stats, end }
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let s = self.stats[id as usize];
        if s.text == 0 { 0.0 } else { s.links as f32 / s.text as f32 }
    }

    fn tag(&self, id: NodeId) -> &str {
        self.dom.tag(id).unwrap_or("")
    }

    /// Readability-style candidate scores; returns the chosen content roots in document order.
    fn select(&self) -> Vec<NodeId> {
        let n = self.dom.nodes.len();
        let mut score: Vec<f32> = vec![f32::NAN; n];
        let init = |id: NodeId| -> f32 {
            let base = match self.tag(id) {
                "div" | "article" | "main" | "section" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            base + class_weight(self.dom, id)
        };
        for i in 1..n {
            if self.removed[i] {
                continue;
            }
            let id = i as NodeId;
            let tag = self.tag(id);
            let st = self.stats[i];
            let paragraph_like =
                matches!(tag, "p" | "pre" | "td") || (!tag.is_empty() && st.own >= 25 && !INLINE.contains(&tag));
            if !paragraph_like || st.text < 25 {
                continue;
            }
            if matches!(tag, "p" | "pre" | "td") && st.own < 25 && st.text < 25 {
                continue;
            }
            let own = if matches!(tag, "p" | "pre" | "td") { st.text } else { st.own };
            let content = 1.0 + st.commas.min(own / 20 + 1) as f32 + (own as f32 / 100.0).min(3.0);
            let mut anc = self.dom.nodes[i].parent;
            if !matches!(tag, "p" | "pre" | "td") {
                // A container holding the text itself (text and <br>s, no <p>) is a candidate too.
                if score[i].is_nan() {
                    score[i] = init(id);
                }
                score[i] += content;
            }
            for level in 0..3 {
                if anc == 0 || self.tag(anc).is_empty() {
                    break;
                }
                let a = anc as usize;
                if score[a].is_nan() {
                    score[a] = init(anc);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f32 * 3.0,
                };
                score[a] += content / div;
                anc = self.dom.nodes[a].parent;
            }
        }
        let mut best: Option<(NodeId, f32)> = None;
        for (i, s) in score.iter_mut().enumerate() {
            if s.is_nan() {
                continue;
            }
            // Little text cannot be the article, whatever its class says.
            let text = self.stats[i].text as f32;
            *s *= (1.0 - self.link_density(i as NodeId)) * (text / 250.0).min(1.0);
            if best.is_none_or(|(_, b)| *s > b) {
                best = Some((i as NodeId, *s));
            }
        }
        let Some((mut top, top_score)) = best else { return Vec::new() };
        // Climb to a parent that scores comparably (articles split across containers).
        let mut last = top_score;
        let threshold = top_score / 3.0;
        let mut p = self.dom.nodes[top as usize].parent;
        while p != 0 && !matches!(self.tag(p), "body" | "html" | "") {
            let ps = score[p as usize];
            if ps.is_nan() {
                p = self.dom.nodes[p as usize].parent;
                continue;
            }
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
            p = self.dom.nodes[p as usize].parent;
        }
        // A lone child carries no structure of its own.
        loop {
            let parent = self.dom.nodes[top as usize].parent;
            if parent == 0 || matches!(self.tag(parent), "body" | "html" | "") {
                break;
            }
            let live = self.dom.nodes[parent as usize]
                .children
                .iter()
                .filter(|&&c| !self.removed[c as usize] && self.stats[c as usize].text > 0)
                .count();
            if live != 1 {
                break;
            }
            top = parent;
        }
        let top_score = if score[top as usize].is_nan() { top_score } else { score[top as usize].max(top_score) };
        let sib_threshold = (top_score * 0.2).max(10.0);
        let parent = self.dom.nodes[top as usize].parent;
        let top_class = self.dom.attr(top, "class").unwrap_or("");
        let mut out = Vec::new();
        for &c in &self.dom.nodes[parent as usize].children {
            if c == top {
                out.push(c);
                continue;
            }
            if self.removed[c as usize] || self.dom.tag(c).is_none() {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && self.dom.attr(c, "class") == Some(top_class) {
                bonus += top_score * 0.2;
            }
            let s = score[c as usize];
            if !s.is_nan() && s + bonus >= sib_threshold {
                out.push(c);
                continue;
            }
            if self.tag(c) == "p" {
                let len = self.stats[c as usize].text;
                let ld = self.link_density(c);
                if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && self.ends_sentence(c)) {
                    out.push(c);
                }
            }
        }
        // Articles split across containers: other parts with the same class as the top
        // candidate, scoring well, outside what is already taken.
        if !top_class.is_empty() {
            for (i, s) in score.iter().enumerate() {
                let id = i as NodeId;
                if s.is_nan()
                    || *s < sib_threshold.max(top_score * 0.25)
                    || self.dom.attr(id, "class") != Some(top_class)
                {
                    continue;
                }
                let inside = |r: NodeId| id >= r && id <= self.end[r as usize];
                let contains = |r: NodeId| r >= id && r <= self.end[i];
                if out.iter().any(|&r| inside(r) || contains(r)) {
                    continue;
                }
                out.push(id);
            }
            out.sort_unstable();
        }
        out
    }

    fn ends_sentence(&self, id: NodeId) -> bool {
        let t = self.dom.text_of(self.src, id, 400);
        t.ends_with('.') || t.ends_with('!') || t.ends_with('?') || t.ends_with('"') || t.ends_with('”')
    }

    /// Readability's "clean conditionally": blocks inside the content that look like link
    /// lists, widgets or negative-class boxes.
    fn junk_block(&self, id: NodeId) -> bool {
        let tag = self.tag(id);
        let st = self.stats[id as usize];
        if matches!(tag, "h1") {
            return true;
        }
        if !matches!(
            tag,
            "div" | "section" | "ul" | "ol" | "table" | "form" | "aside" | "header" | "footer" | "figure" | "dl"
        ) {
            if matches!(tag, "p" | "li" | "h2" | "h3" | "h4" | "h5" | "h6") {
                return st.text > 0 && self.link_density(id) > 0.6 && st.text < 200;
            }
            return false;
        }
        let w = class_weight(self.dom, id);
        if w < 0.0 {
            return true;
        }
        if st.commas >= 10 {
            return false;
        }
        let ld = self.link_density(id);
        if st.text == 0 {
            return false;
        }
        if ld > 0.5 {
            return true;
        }
        if w < 25.0 && ld > 0.25 && st.text < 1000 {
            return true;
        }
        if matches!(tag, "ul" | "ol") && ld > 0.2 && st.lis > 2 {
            return true;
        }
        if st.lis > st.paragraphs + 10 && !matches!(tag, "ul" | "ol") && ld > 0.15 {
            return true;
        }
        if st.text < 25 && (st.imgs > 0 || st.headings > 0) && st.paragraphs == 0 {
            return true;
        }
        false
    }

    /// Writes the text under `roots` with paragraph breaks.
    fn emit(&self, roots: &[NodeId], out: &mut Writer) {
        for &root in roots {
            out.block(self.dom.nodes[root as usize].src_start);
            // (node, leaving)
            let mut stack: Vec<(NodeId, bool)> = vec![(root, false)];
            let mut pre_depth = 0usize;
            while let Some((id, leaving)) = stack.pop() {
                let node = &self.dom.nodes[id as usize];
                if leaving {
                    let tag = self.tag(id);
                    if tag == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if BLOCK.contains(&tag) {
                        out.block(node.src_start);
                    } else if matches!(tag, "td" | "th") {
                        out.space(node.src_start);
                    }
                    continue;
                }
                if self.removed[id as usize] {
                    continue;
                }
                match &node.kind {
                    NodeKind::Text { start, end } => {
                        out.text(self.src, *start as usize, *end as usize, pre_depth > 0);
                    }
                    NodeKind::Element { tag, .. } => {
                        if id != root && self.junk_block(id) {
                            continue;
                        }
                        if id != root
                            && self.stats[id as usize].text <= 100
                            && self.end[id as usize] - id < 64
                            && (BLOCK.contains(&&**tag) || matches!(&**tag, "span" | "small" | "em" | "i"))
                            && boilerplate_line(&self.dom.text_of(self.src, id, 200))
                        {
                            continue;
                        }
                        match &**tag {
                            "br" => {
                                out.line(node.src_start);
                                continue;
                            }
                            "pre" => pre_depth += 1,
                            _ => {}
                        }
                        if BLOCK.contains(&&**tag) {
                            out.block(node.src_start);
                        }
                        stack.push((id, true));
                        for &c in node.children.iter().rev() {
                            stack.push((c, false));
                        }
                    }
                    NodeKind::Root => {
                        for &c in node.children.iter().rev() {
                            stack.push((c, false));
                        }
                    }
                }
            }
        }
    }
}

/// Short lines that are page furniture in any article: advertisement labels, share and
/// comment prompts, reading times, update stamps, photo credits.
fn boilerplate_line(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '!', '.', '|', ' ']).to_lowercase();
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    const EXACT: &[&str] = &[
        "advertisement",
        "advert",
        "ad",
        "ads",
        "anzeige",
        "werbung",
        "publicidade",
        "publicidad",
        "pubblicità",
        "publicité",
        "iklan",
        "reklama",
        "sponsored",
        "sponsored content",
        "comments",
        "comment",
        "tags",
        "tag",
        "share",
        "share this",
        "share this article",
        "share this story",
        "sharing is caring",
        "continue reading",
        "continue reading below",
        "read more",
        "more",
        "subscribe",
        "print",
        "email",
        "related",
        "related articles",
        "related stories",
        "recommended",
        "see also",
        "also read",
        "read also",
        "lesen sie auch",
        "mehr zum thema",
        "getty",
        "getty images",
        "leia também",
        "veja também",
        "leer más",
        "advertisement - continue reading below",
        "story continues below advertisement",
        "article continues below advertisement",
        "skip advertisement",
        "this slideshow requires javascript",
        "tell us what you think",
        "order reprints",
        "text size",
    ];
    if EXACT.contains(&t.as_str()) {
        return true;
    }
    let words = t.split_whitespace().count();
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    if has_digit && words <= 12 {
        for p in [
            "updated",
            "posted",
            "published",
            "last updated",
            "aktualisiert",
            "veröffentlicht",
            "atualizado",
            "publicado",
        ] {
            if t.starts_with(p) {
                return true;
            }
        }
        if t.contains("min read")
            || t.contains("minute read")
            || t.contains("minutes read")
            || t.contains("leitura")
            || t.contains("lesezeit")
            || t.contains("comments")
        {
            return true;
        }
    }
    if words <= 8
        && (t.ends_with("getty images")
            || t.ends_with("/ getty")
            || t.ends_with("| getty")
            || t.starts_with("photo:")
            || t.starts_with("foto:")
            || t.ends_with("shutterstock")
            || t.starts_with("image:")
            || t.starts_with("(photo"))
    {
        return true;
    }
    false
}

const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "time", "u", "var", "strike", "tt", "big", "ins", "del", "br", "wbr",
];

/// Builds the output text and its offset map.
#[derive(Default)]
pub(crate) struct Writer {
    text: String,
    runs: Vec<Run>,
    /// Pending separator: 0 none, 1 space, 2 line, 3 paragraph; with its source offset.
    pending: u8,
    pending_src: u32,
}

impl Writer {
    fn sep(&mut self, kind: u8, src: usize) {
        if kind > self.pending {
            self.pending = kind;
            self.pending_src = src as u32;
        }
    }

    fn block(&mut self, src: u32) {
        self.sep(3, src as usize);
    }

    fn line(&mut self, src: u32) {
        self.sep(2, src as usize);
    }

    fn space(&mut self, src: u32) {
        self.sep(1, src as usize);
    }

    /// Appends `s`, made from source bytes `src..src + src_len`; `verbatim` when `s` is a copy
    /// of them.
    fn push(&mut self, s: &str, src: usize, src_len: usize, verbatim: bool) {
        if s.is_empty() {
            return;
        }
        let out = self.text.len() as u32;
        let (src, src_len) = (src as u32, src_len as u32);
        debug_assert!(!verbatim || s.len() as u32 == src_len);
        if verbatim
            && let Some(last) = self.runs.last_mut()
            && last.verbatim
            && last.out + last.out_len == out
            && last.src + last.src_len == src
        {
            last.out_len += src_len;
            last.src_len += src_len;
        } else {
            self.runs.push(Run { out, out_len: s.len() as u32, src, src_len, verbatim });
        }
        self.text.push_str(s);
    }

    fn flush_sep(&mut self) {
        if self.pending > 0 && !self.text.is_empty() {
            let s = match self.pending {
                1 => " ",
                2 => "\n",
                _ => "\n\n",
            };
            let src = self.pending_src as usize;
            self.push(s, src, 0, false);
        }
        self.pending = 0;
    }

    /// Raw source text `start..end`: entities decoded, whitespace collapsed unless `pre`.
    fn text(&mut self, src: &str, start: usize, end: usize, pre: bool) {
        let s = &src[start..end];
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() && !pre {
                if b == b'\n' || b == b'\r' || !self.text.is_empty() {
                    self.sep(1, start + i);
                }
                i += 1;
                continue;
            }
            if b == b'&'
                && let Some((d, len)) = entity_at(&s[i..])
            {
                let ds = d.as_str();
                if !pre && ds.chars().all(char::is_whitespace) {
                    self.sep(1, start + i);
                } else {
                    self.flush_sep();
                    self.push(ds, start + i, len, false);
                }
                i += len;
                continue;
            }
            // A run of ordinary bytes up to the next whitespace or '&'.
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'&' && (pre || !bytes[j].is_ascii_whitespace()) {
                j += 1;
            }
            // Non-breaking and other Unicode spaces inside the run become separators.
            let run = &s[i..j];
            let mut k = 0;
            for (off, c) in run.char_indices() {
                if c.is_whitespace() && !pre {
                    if off > k {
                        self.flush_sep();
                        self.push(&run[k..off], start + i + k, off - k, true);
                    }
                    self.sep(1, start + i + off);
                    k = off + c.len_utf8();
                }
            }
            if k < run.len() {
                self.flush_sep();
                self.push(&run[k..], start + i + k, run.len() - k, true);
            }
            i = j;
        }
    }

    fn finish(self) -> MainText {
        MainText { text: self.text, map: SourceMap { runs: self.runs } }
    }
}

fn run_pass(dom: &Dom, src: &str, pass: Pass) -> MainText {
    let ctx = Ctx::new(dom, src, pass);
    let roots = ctx.select();
    let mut w = Writer::default();
    ctx.emit(&roots, &mut w);
    w.finish()
}

/// Extracts the main text of a parsed page.
pub fn main_text(dom: &Dom, src: &str) -> MainText {
    let strict = run_pass(dom, src, Pass { strict: true });
    if strict.text.len() >= 500 {
        return strict;
    }
    let lenient = run_pass(dom, src, Pass { strict: false });
    if lenient.text.len() > strict.text.len() * 2 { lenient } else { strict }
}

/// All visible text of the page (for pages with no article structure, and as a recall
/// ceiling).
pub fn all_text(dom: &Dom, src: &str) -> MainText {
    let ctx = Ctx::new(dom, src, Pass { strict: false });
    let mut w = Writer::default();
    let body = dom.elements("body").next().unwrap_or(0);
    ctx.emit(&[body], &mut w);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    #[test]
    fn writer_maps_every_byte() {
        let src = "<p>Tom &amp; Jerry\n  ran</p><p>caf&eacute; time</p>";
        let dom = parse(src);
        let t = all_text(&dom, src);
        assert_eq!(t.text, "Tom & Jerry ran\n\ncafé time");
        let (s, e) = t.map.source_range(0, 3).unwrap();
        assert_eq!(&src[s..e], "Tom");
        let amp = t.text.find('&').unwrap();
        let (s, e) = t.map.source_range(amp, amp + 1).unwrap();
        assert_eq!(&src[s..e], "&amp;");
        let cafe = t.text.find("café").unwrap();
        let (s, e) = t.map.source_range(cafe, cafe + "café".len()).unwrap();
        assert_eq!(&src[s..e], "caf&eacute;");
        let ran = t.text.find("ran").unwrap();
        let (s, e) = t.map.source_range(ran, ran + 3).unwrap();
        assert_eq!(&src[s..e], "ran");
    }
}
