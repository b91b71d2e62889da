//! RSS (0.9x, 1.0/RDF, 2.0), Atom and JSON Feed reading: entries with title, link, dates,
//! authors and content (HTML content is reduced to its text).

use jiff::civil::Date;
use quick_xml::events::Event;
use serde_json::Value;

use crate::date::{NumericOrder, find_date};

/// A feed that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FeedError {
    pub message: String,
}

/// A parsed feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    /// `rss`, `rdf`, `atom` or `json`.
    pub kind: &'static str,
    pub title: Option<String>,
    pub link: Option<String>,
    pub entries: Vec<Entry>,
}

/// One feed entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub id: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
    /// Publication date as written, and as a day.
    pub published_raw: Option<String>,
    pub published: Option<Date>,
    pub updated_raw: Option<String>,
    pub authors: Vec<String>,
    /// Summary text (HTML reduced to text).
    pub summary: Option<String>,
    /// Full content text (HTML reduced to text).
    pub content: Option<String>,
}

impl Entry {
    /// The best text of the entry: content, else summary.
    pub fn text(&self) -> &str {
        self.content.as_deref().filter(|c| !c.trim().is_empty()).or(self.summary.as_deref()).unwrap_or("")
    }
}

/// Whether bytes look like a feed (RSS, RDF, Atom or JSON Feed).
pub fn sniff_feed(head: &[u8]) -> bool {
    let h = &head[..head.len().min(2048)];
    let lower: Vec<u8> = h.iter().map(u8::to_ascii_lowercase).collect();
    let has = |s: &[u8]| memchr::memmem::find(&lower, s).is_some();
    (has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") || (has(b"<entry") && has(b"www.w3.org/2005/atom")))
        && !has(b"<html")
        || has(b"jsonfeed.org/version")
}

fn html_to_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return crate::dom::collapse_ws(s);
    }
    let dom = crate::dom::parse(s);
    let t = crate::extract::all_text(&dom, s);
    t.text
}

fn day(raw: &str) -> Option<Date> {
    find_date(raw, NumericOrder::MonthDay)
}

/// Decodes XML bytes to UTF-8 using the BOM or the XML declaration's encoding.
fn decode_xml(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    if let Some(p) = head.find("encoding=") {
        let rest = &head[p + 9..];
        let q = rest.chars().next().unwrap_or('"');
        let rest = rest.trim_start_matches(['"', '\'']);
        let end = rest.find(q).unwrap_or(rest.len());
        if let Some(enc) = encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
            && enc != encoding_rs::UTF_8
        {
            return enc.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Parses a feed from its bytes.
pub fn parse_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    if bytes.get(start) == Some(&b'{') {
        return parse_json_feed(bytes);
    }
    parse_xml_feed(&decode_xml(bytes))
}

fn local(name: &[u8]) -> String {
    let n = match memchr::memrchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(n).to_ascii_lowercase()
}

fn prefixed(name: &[u8]) -> String {
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

fn parse_xml_feed(text: &str) -> Result<Feed, FeedError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut feed = Feed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    // Text being collected: (field, buffer, depth where the field started).
    let mut field: Option<(String, String, usize)> = None;
    let mut saw_root = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| FeedError { message: format!("malformed XML at byte {}: {e}", reader.buffer_position()) })?;
        match ev {
            // Markup inside a text field (Atom xhtml content): keep its text only.
            Event::Start(_) if field.is_some() => {
                if let Some((_, buf, _)) = field.as_mut() {
                    buf.push(' ');
                }
                stack.push(String::new());
            }
            Event::Empty(_) if field.is_some() => {}
            Event::Start(e) => {
                let name = local(e.name().as_ref());
                let full = prefixed(e.name().as_ref());
                if !saw_root {
                    saw_root = true;
                    feed.kind = match name.as_str() {
                        "rss" => "rss",
                        "feed" | "entry" => "atom",
                        "rdf" => "rdf",
                        other => {
                            return Err(FeedError { message: format!("not a feed: root element <{other}>") });
                        }
                    };
                }
                if matches!(name.as_str(), "item" | "entry") {
                    entry = Some(Entry::default());
                } else if name == "link" {
                    handle_atom_link(&e, entry.as_mut(), &mut feed);
                }
                stack.push(name.clone());
                let in_author = stack.iter().any(|s| s == "author" || s == "contributor");
                let wanted = match (entry.is_some(), name.as_str()) {
                    (
                        true,
                        "title" | "link" | "guid" | "id" | "pubdate" | "published" | "issued" | "created" | "updated"
                        | "modified" | "description" | "summary" | "content" | "encoded",
                    ) => true,
                    (true, "date") if full.starts_with("dc:") => true,
                    (true, "creator") => true,
                    (true, "name") if in_author => true,
                    (true, "author") => true,
                    (false, "title" | "link") => stack.len() <= 3,
                    _ => false,
                };
                if wanted {
                    let key = if full == "dc:date" { "dcdate".to_string() } else { name };
                    field = Some((key, String::new(), stack.len()));
                }
            }
            Event::Empty(e) => {
                let name = local(e.name().as_ref());
                if name == "link" {
                    handle_atom_link(&e, entry.as_mut(), &mut feed);
                }
            }
            Event::Text(t) => {
                if let Some((_, buf, _)) = field.as_mut() {
                    let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                    buf.push_str(&crate::dom::decode_entities(&raw));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, buf, _)) = field.as_mut() {
                    let raw = format!("&{};", String::from_utf8_lossy(r.as_ref()));
                    buf.push_str(&crate::dom::decode_entities(&raw));
                }
            }
            Event::CData(t) => {
                if let Some((_, buf, _)) = field.as_mut() {
                    buf.push_str(&String::from_utf8_lossy(t.as_ref()));
                }
            }
            Event::End(_) => {
                let depth = stack.len();
                let name = stack.pop().unwrap_or_default();
                if let Some((key, buf, d)) = field.take() {
                    if d == depth {
                        store(&key, buf, entry.as_mut(), &mut feed);
                    } else {
                        field = Some((key, buf, d));
                    }
                }
                if matches!(name.as_str(), "item" | "entry")
                    && let Some(mut en) = entry.take()
                {
                    en.published = en.published_raw.as_deref().and_then(day);
                    feed.entries.push(en);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(FeedError { message: "empty document: no feed element".into() });
    }
    Ok(feed)
}

fn handle_atom_link(e: &quick_xml::events::BytesStart<'_>, entry: Option<&mut Entry>, feed: &mut Feed) {
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let k = local(a.key.as_ref());
        let v = String::from_utf8_lossy(&a.value).into_owned();
        match k.as_str() {
            "href" => href = Some(crate::dom::decode_entities(&v)),
            "rel" => rel = Some(v),
            _ => {}
        }
    }
    let Some(href) = href else { return };
    if rel.as_deref().is_some_and(|r| r != "alternate") {
        return;
    }
    match entry {
        Some(en) if en.link.is_none() => en.link = Some(href),
        None if feed.link.is_none() => feed.link = Some(href),
        _ => {}
    }
}

fn store(key: &str, buf: String, entry: Option<&mut Entry>, feed: &mut Feed) {
    let value = buf.trim().to_string();
    if value.is_empty() {
        return;
    }
    let Some(en) = entry else {
        match key {
            "title" if feed.title.is_none() => feed.title = Some(crate::dom::collapse_ws(&value)),
            "link" if feed.link.is_none() => feed.link = Some(value),
            _ => {}
        }
        return;
    };
    match key {
        "title" if en.title.is_none() => en.title = Some(html_to_text(&value)),
        "link" if en.link.is_none() => en.link = Some(value),
        "guid" | "id" if en.id.is_none() => en.id = Some(value),
        "pubdate" | "published" | "issued" | "created" | "dcdate" if en.published_raw.is_none() => {
            en.published_raw = Some(value);
        }
        "updated" | "modified" if en.updated_raw.is_none() => en.updated_raw = Some(value),
        "description" | "summary" if en.summary.is_none() => en.summary = Some(html_to_text(&value)),
        "content" | "encoded" if en.content.is_none() => en.content = Some(html_to_text(&value)),
        "creator" | "name" | "author" => {
            let v = crate::dom::collapse_ws(&value);
            if !en.authors.contains(&v) {
                en.authors.push(v);
            }
        }
        _ => {}
    }
}

fn parse_json_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| FeedError { message: format!("malformed JSON: {e}") })?;
    let is_feed = v.get("version").and_then(Value::as_str).is_some_and(|s| s.contains("jsonfeed"));
    let Some(items) = v.get("items").and_then(Value::as_array) else {
        return Err(FeedError { message: "not a JSON Feed: no \"items\" array".into() });
    };
    if !is_feed && v.get("title").is_none() {
        return Err(FeedError { message: "not a JSON Feed: no \"version\"".into() });
    }
    let s = |o: &Value, k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
    let mut feed = Feed { kind: "json", title: s(&v, "title"), link: s(&v, "home_page_url"), entries: Vec::new() };
    for it in items {
        let mut en = Entry {
            id: s(it, "id").or_else(|| it.get("id").filter(|x| x.is_number()).map(Value::to_string)),
            title: s(it, "title"),
            link: s(it, "url").or_else(|| s(it, "external_url")),
            published_raw: s(it, "date_published"),
            updated_raw: s(it, "date_modified"),
            summary: s(it, "summary"),
            content: s(it, "content_text").or_else(|| s(it, "content_html").map(|h| html_to_text(&h))),
            ..Entry::default()
        };
        let authors = it.get("authors").and_then(Value::as_array).cloned().unwrap_or_default();
        for a in authors.iter().chain(it.get("author")) {
            if let Some(n) = a.get("name").and_then(Value::as_str) {
                en.authors.push(n.to_string());
            }
        }
        en.published = en.published_raw.as_deref().and_then(day);
        feed.entries.push(en);
    }
    Ok(feed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_atom_json() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Example Wire</title><link>https://example.org/</link>
<item><title>Talks resume</title><link>https://example.org/a</link><guid>a1</guid>
<pubDate>Tue, 05 Nov 2019 10:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
<description>&lt;p&gt;Envoys met &lt;b&gt;again&lt;/b&gt;.&lt;/p&gt;</description></item></channel></rss>"#;
        let f = parse_feed(rss).unwrap();
        assert_eq!(f.kind, "rss");
        assert_eq!(f.title.as_deref(), Some("Example Wire"));
        let e = &f.entries[0];
        assert_eq!(e.link.as_deref(), Some("https://example.org/a"));
        assert_eq!(e.published.map(|d| d.to_string()).as_deref(), Some("2019-11-05"));
        assert_eq!(e.authors, vec!["Jane Roe"]);
        assert_eq!(e.text(), "Envoys met again.");

        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://ex.org/"/>
<entry><title>One</title><link rel="alternate" href="https://ex.org/1"/><id>urn:1</id>
<published>2020-02-03T04:05:06Z</published><updated>2020-02-04T00:00:00Z</updated>
<author><name>Max Muster</name></author><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <em>there</em></p></div></content></entry></feed>"#;
        let f = parse_feed(atom).unwrap();
        assert_eq!(f.kind, "atom");
        let e = &f.entries[0];
        assert_eq!(e.link.as_deref(), Some("https://ex.org/1"));
        assert_eq!(e.published.map(|d| d.to_string()).as_deref(), Some("2020-02-03"));
        assert_eq!(e.authors, vec!["Max Muster"]);
        assert!(e.text().contains("Hello") && e.text().contains("there"), "{:?}", e.text());

        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://j.org/1","title":"T","content_text":"Body.","date_published":"2021-06-07T08:00:00+02:00","authors":[{"name":"A B"}]}]}"#;
        let f = parse_feed(json).unwrap();
        assert_eq!(f.entries[0].published.map(|d| d.to_string()).as_deref(), Some("2021-06-07"));
        assert_eq!(f.entries[0].text(), "Body.");

        assert!(parse_feed(b"<html><body>no</body></html>").is_err());
        assert!(parse_feed(b"{\"a\":1}").is_err());
        assert!(parse_feed(b"").is_err());
    }
}
