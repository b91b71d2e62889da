//! Page metadata: title, authors, language, canonical URL and the publication date.
//!
//! The date cascade prefers explicit *publication* markup (JSON-LD `datePublished`, Open
//! Graph / Dublin Core / news meta tags, `<time pubdate>`, `itemprop=datePublished`), then a
//! date in the URL path, then visible bylines and date-classed elements near the top of the
//! page; modified dates are used only when nothing else is found. A date after the crawl date
//! (or before 1995) is rejected, and no date is better than a guess.

use jiff::civil::Date;
use serde_json::Value;

use crate::date::{NumericOrder, find_date, url_date};
use crate::dom::{Dom, NodeId, NodeKind, collapse_ws};

/// Metadata found on a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// BCP 47 primary language subtag, lower case (`en`, `de`).
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    /// Publication day.
    pub published: Option<Date>,
    /// Where the date came from: `json-ld`, `meta`, `time`, `url`, `byline`, `modified`.
    pub published_from: Option<&'static str>,
    pub site_name: Option<String>,
}

/// Metadata options.
#[derive(Debug, Clone, Default)]
pub struct MetaOptions {
    /// The page URL when known (from the crawl or the command line).
    pub url: Option<String>,
    /// The crawl date: no publication date may be later. Defaults to no bound.
    pub max_date: Option<Date>,
}

const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_date",
    "published_time",
    "publication_date",
    "pubdate",
    "date.published",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "originalpublicationdate",
    "original-publish-date",
    "citation_publication_date",
    "citation_date",
    "cxenseparse:recs:publishtime",
    "date",
    "og:published_time",
    "article_date_original",
    "article.created",
    "created",
    "creation_date",
    "displaydate",
    "timestamp",
    "date_published",
    "pub_date",
    "datecreated",
];
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
    "lastmod",
    "updated_time",
];

struct Found {
    jsonld_published: Vec<String>,
    jsonld_modified: Vec<String>,
    jsonld_authors: Vec<String>,
    jsonld_headline: Option<String>,
}

fn walk_jsonld(v: &Value, found: &mut Found) {
    let mut stack: Vec<(&Value, usize)> = vec![(v, 0)];
    while let Some((v, depth)) = stack.pop() {
        if depth > 16 {
            continue;
        }
        match v {
            Value::Array(items) => {
                for it in items.iter().rev() {
                    stack.push((it, depth + 1));
                }
            }
            Value::Object(map) => {
                let is_person_or_org = map
                    .get("@type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| matches!(t, "Person" | "Organization" | "NewsMediaOrganization"));
                if !is_person_or_org {
                    for key in ["datePublished", "dateCreated", "uploadDate"] {
                        if let Some(s) = map.get(key).and_then(Value::as_str) {
                            found.jsonld_published.push(s.to_string());
                        }
                    }
                    if let Some(s) = map.get("dateModified").and_then(Value::as_str) {
                        found.jsonld_modified.push(s.to_string());
                    }
                    if found.jsonld_headline.is_none()
                        && let Some(s) = map.get("headline").and_then(Value::as_str)
                    {
                        found.jsonld_headline = Some(s.to_string());
                    }
                    if found.jsonld_authors.is_empty()
                        && let Some(a) = map.get("author").or_else(|| map.get("creator"))
                    {
                        collect_names(a, &mut found.jsonld_authors);
                    }
                }
                for (k, val) in map {
                    if matches!(k.as_str(), "@graph" | "mainEntity" | "mainEntityOfPage" | "itemListElement" | "item")
                        || val.is_array() && k != "author"
                    {
                        stack.push((val, depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Object(m) => {
            if m.get("@type").and_then(Value::as_str).is_some_and(|t| t.contains("Organization")) {
                return;
            }
            if let Some(s) = m.get("name").and_then(Value::as_str) {
                out.push(s.to_string());
            }
        }
        Value::Array(items) => {
            for it in items.iter().take(10) {
                if let Value::String(s) = it {
                    out.push(s.clone());
                } else if let Value::Object(m) = it
                    && !m.get("@type").and_then(Value::as_str).is_some_and(|t| t.contains("Organization"))
                    && let Some(s) = m.get("name").and_then(Value::as_str)
                {
                    out.push(s.to_string());
                }
            }
        }
        _ => {}
    }
}

/// `"key": "value"` pairs in text that does not parse as JSON.
fn scan_json_strings(raw: &str, key: &str, out: &mut Vec<String>) {
    let pat = format!("\"{key}\"");
    let mut from = 0;
    while let Some(off) = raw[from..].find(&pat) {
        let s = from + off + pat.len();
        let rest = raw[s..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            if let Some(rest) = rest.strip_prefix('"')
                && let Some(end) = rest.find('"')
            {
                out.push(rest[..end].to_string());
            }
        }
        from = s;
    }
}

/// The first strong (JSON-LD or meta) raw date value.
fn strong_raw<'a>(jsonld: &'a [String], meta: &'a [String]) -> Option<&'a str> {
    jsonld.first().or(meta.first()).map(String::as_str)
}

/// The hour of an ISO timestamp given in UTC (`Z` or `+00:00`).
fn utc_hour(raw: &str) -> Option<u32> {
    let r = raw.trim();
    let t = r.find('T')?;
    let utc = r.ends_with('Z') || r.ends_with("+00:00") || r.ends_with("+0000");
    if !utc {
        return None;
    }
    r.get(t + 1..t + 3)?.parse().ok()
}

fn parse_day(s: &str, order: NumericOrder) -> Option<Date> {
    find_date(s, order)
}

fn valid(d: Date, opts: &MetaOptions) -> bool {
    opts.max_date.is_none_or(|m| d <= m)
}

fn clean_author(raw: &str, site: Option<&str>) -> Option<String> {
    let mut s = collapse_ws(raw);
    for prefix in [
        "By ",
        "by ",
        "BY ",
        "Von ",
        "von ",
        "Par ",
        "par ",
        "Por ",
        "Di ",
        "Door ",
        "Written by ",
        "Author: ",
        "Autor: ",
    ] {
        if let Some(r) = s.strip_prefix(prefix) {
            s = r.to_string();
        }
    }
    let s = s.trim().trim_matches(|c: char| c == ',' || c == '|' || c == '-' || c.is_whitespace()).to_string();
    if s.is_empty() || s.len() > 80 || s.contains("http") || s.contains('@') || s.contains('{') {
        return None;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if site.is_some_and(|site| site.eq_ignore_ascii_case(&s)) {
        return None;
    }
    if s.split_whitespace().count() > 6 {
        return None;
    }
    Some(s)
}

fn strip_title(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let t = collapse_ws(title);
    if let Some(h) = h1
        && h.len() >= 10
        && t.contains(h)
    {
        return h.to_string();
    }
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
                || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3);
            if tail_is_site {
                return head.trim().to_string();
            }
            if site.is_some_and(|s| head.trim().eq_ignore_ascii_case(s.trim())) {
                return tail.trim().to_string();
            }
        }
    }
    t
}

/// Reads the metadata of a parsed page.
pub fn metadata(dom: &Dom, src: &str, opts: &MetaOptions) -> Metadata {
    let mut found = Found {
        jsonld_published: Vec::new(),
        jsonld_modified: Vec::new(),
        jsonld_authors: Vec::new(),
        jsonld_headline: None,
    };
    let mut meta_pub: Vec<(usize, String)> = Vec::new();
    let mut meta_mod: Vec<String> = Vec::new();
    let mut meta_authors: Vec<String> = Vec::new();
    let mut og_title = None;
    let mut site_name = None;
    let mut canonical = None;
    let mut og_url = None;
    let mut language = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut time_pub: Vec<String> = Vec::new();
    let mut itemprop_pub: Vec<String> = Vec::new();
    let mut time_any: Vec<String> = Vec::new();
    let mut byline_dates: Vec<String> = Vec::new();
    let mut byline_authors: Vec<String> = Vec::new();
    // Text walks of class-matched elements (each walks a subtree): bounded, so a page of
    // deeply nested matching elements stays linear.
    let mut class_walks = 0usize;

    for i in 0..dom.nodes.len() {
        let id = i as NodeId;
        let NodeKind::Element { tag, .. } = &dom.nodes[i].kind else { continue };
        match &**tag {
            "html" if language.is_none() => {
                language = dom.attr(id, "lang").or_else(|| dom.attr(id, "xml:lang")).map(str::to_string);
            }
            "script" if dom.attr(id, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                let raw = dom.raw_text(src, id);
                match serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) {
                    Ok(v) => walk_jsonld(&v, &mut found),
                    Err(_) => {
                        scan_json_strings(raw, "datePublished", &mut found.jsonld_published);
                        scan_json_strings(raw, "dateModified", &mut found.jsonld_modified);
                    }
                }
            }
            "meta" => {
                let key = dom
                    .attr(id, "property")
                    .or_else(|| dom.attr(id, "name"))
                    .or_else(|| dom.attr(id, "itemprop"))
                    .or_else(|| dom.attr(id, "http-equiv"))
                    .map(str::to_ascii_lowercase);
                let content = dom.attr(id, "content").or_else(|| dom.attr(id, "datetime"));
                let (Some(key), Some(content)) = (key, content) else { continue };
                let content = content.trim();
                if content.is_empty() {
                    continue;
                }
                if let Some(rank) = PUBLISHED_META.iter().position(|k| *k == key) {
                    meta_pub.push((rank, content.to_string()));
                } else if MODIFIED_META.contains(&key.as_str()) {
                    meta_mod.push(content.to_string());
                }
                match key.as_str() {
                    "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(collapse_ws(content)),
                    "og:site_name" if site_name.is_none() => site_name = Some(collapse_ws(content)),
                    "og:url" if og_url.is_none() => og_url = Some(content.to_string()),
                    "author" | "article:author" | "parsely-author" | "sailthru.author" | "dc.creator"
                    | "dcterms.creator" | "byl" => meta_authors.push(content.to_string()),
                    "content-language" | "og:locale" | "language" | "dc.language" if language.is_none() => {
                        language = Some(content.to_string());
                    }
                    _ => {}
                }
            }
            "link" => {
                if canonical.is_none()
                    && dom.attr(id, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(h) = dom.attr(id, "href")
                {
                    canonical = Some(h.trim().to_string());
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(dom.text_of(src, id, 500)),
            "h1" if h1.is_none() => {
                let t = dom.text_of(src, id, 500);
                if !t.is_empty() {
                    h1 = Some(t);
                }
            }
            "time" if time_pub.len() + time_any.len() < 64 => {
                let v = dom.attr(id, "datetime").map(str::to_string).unwrap_or_else(|| dom.text_of(src, id, 100));
                let cls = format!("{} {}", dom.attr(id, "class").unwrap_or(""), dom.attr(id, "itemprop").unwrap_or(""))
                    .to_ascii_lowercase();
                if dom.attr(id, "pubdate").is_some()
                    || cls.contains("publish")
                    || cls.contains("datepublished")
                    || cls.contains("entry-date")
                    || cls.contains("created")
                {
                    time_pub.push(v);
                } else if !cls.contains("modif") && !cls.contains("updat") {
                    time_any.push(v);
                }
            }
            _ => {}
        }
        // itemprop / class based dates and authors on any element.
        if let Some(ip) = dom.attr(id, "itemprop") {
            let ip = ip.to_ascii_lowercase();
            if (ip == "datepublished" || ip == "datecreated") && itemprop_pub.len() < 8 {
                let v = dom
                    .attr(id, "content")
                    .or_else(|| dom.attr(id, "datetime"))
                    .map(str::to_string)
                    .unwrap_or_else(|| dom.text_of(src, id, 100));
                itemprop_pub.push(v);
            }
            if (ip == "author" || ip == "creator") && byline_authors.len() < 4 {
                let t = dom.text_of(src, id, 200);
                byline_authors.push(t);
            }
        }
        if byline_dates.len() < 8
            && class_walks < 64
            && !matches!(&**tag, "html" | "body" | "script" | "style" | "meta" | "link" | "time")
        {
            let ci = format!("{} {}", dom.attr(id, "class").unwrap_or(""), dom.attr(id, "id").unwrap_or(""))
                .to_ascii_lowercase();
            if !ci.trim().is_empty()
                && (ci.contains("date")
                    || ci.contains("byline")
                    || ci.contains("publish")
                    || ci.contains("posted")
                    || ci.contains("dateline")
                    || ci.contains("timestamp")
                    || ci.contains("meta"))
                && !ci.contains("update")
                && !ci.contains("modif")
                && !ci.contains("comment")
            {
                class_walks += 1;
                let t = dom.text_of(src, id, 300);
                if !t.is_empty() && t.len() < 300 {
                    byline_dates.push(t);
                }
            }
            if byline_authors.len() < 4 && (ci.contains("author") || ci.contains("byline")) && !ci.contains("comment") {
                class_walks += 1;
                let t = dom.text_of(src, id, 200);
                if !t.is_empty() && t.len() < 120 {
                    byline_authors.push(t);
                }
            }
        }
        if byline_authors.len() < 4 && dom.attr(id, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author")) {
            byline_authors.push(dom.text_of(src, id, 200));
        }
    }

    let lang = language
        .map(|l| l.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty() && l.len() <= 3);
    let order = if lang.as_deref().is_none_or(|l| l == "en") { NumericOrder::MonthDay } else { NumericOrder::DayMonth };
    let url = opts.url.clone().or_else(|| canonical.clone()).or_else(|| og_url.clone());

    // Publication date cascade.
    let pick = |vals: &[String]| -> Option<Date> {
        vals.iter().filter_map(|v| parse_day(v, NumericOrder::MonthDay)).filter(|d| valid(*d, opts)).min()
    };
    meta_pub.sort_by_key(|(rank, _)| *rank);
    let meta_pub_vals: Vec<String> = meta_pub.into_iter().map(|(_, v)| v).collect();
    let url_day = url.as_deref().and_then(url_date).filter(|d| valid(*d, opts));
    let mut published = None;
    let mut from = None;
    let candidates: [(&'static str, Option<Date>); 4] = [
        (
            "json-ld",
            found
                .jsonld_published
                .iter()
                .filter_map(|v| parse_day(v, NumericOrder::MonthDay))
                .find(|d| valid(*d, opts)),
        ),
        ("meta", meta_pub_vals.iter().filter_map(|v| parse_day(v, NumericOrder::MonthDay)).find(|d| valid(*d, opts))),
        ("itemprop", pick(&itemprop_pub)),
        ("time", time_pub.iter().filter_map(|v| parse_day(v, order)).find(|d| valid(*d, opts))),
    ];
    for (name, d) in candidates {
        if let Some(d) = d {
            published = Some(d);
            from = Some(name);
            break;
        }
    }
    // A UTC timestamp late in the evening is the next day where most of these pages are
    // published: when another date on the page says so, the local day wins.
    if let Some(p) = published
        && let Some(raw) = strong_raw(&found.jsonld_published, &meta_pub_vals)
        && utc_hour(raw).is_some_and(|h| h >= 21)
        && let Ok(next) = p.tomorrow()
    {
        let others = meta_pub_vals.iter().chain(&itemprop_pub).chain(&time_pub).chain(&byline_dates);
        if others.filter(|v| utc_hour(v).is_none()).filter_map(|v| parse_day(v, order)).any(|d| d == next) {
            published = Some(next);
        }
    }
    // A full date in the URL path is explicit and not updated later: it wins.
    if let Some(u) = url_day {
        published = Some(u);
        from = Some("url");
    }
    if published.is_none() {
        let byline = byline_dates.iter().filter_map(|v| parse_day(v, order)).find(|d| valid(*d, opts));
        let time = time_any.iter().filter_map(|v| parse_day(v, order)).find(|d| valid(*d, opts));
        if let Some(d) = byline.or(time) {
            published = Some(d);
            from = Some("byline");
        }
    }
    if published.is_none()
        && let Some(d) = pick(&found.jsonld_modified).or_else(|| pick(&meta_mod))
    {
        published = Some(d);
        from = Some("modified");
    }

    // Authors.
    let site = site_name.as_deref();
    let mut authors: Vec<String> = Vec::new();
    for raw in found.jsonld_authors.iter().chain(&meta_authors).chain(&byline_authors) {
        for part in raw.split([';', '|']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" und ")) {
            if let Some(a) = clean_author(part, site)
                && !authors.iter().any(|x| x.eq_ignore_ascii_case(&a))
            {
                authors.push(a);
            }
        }
        if !authors.is_empty() {
            break;
        }
    }

    let title_src = og_title.or(found.jsonld_headline).or(title_tag).or(h1.clone());
    let title = title_src.map(|t| strip_title(&t, site, h1.as_deref())).filter(|t| !t.is_empty());
    Metadata {
        title,
        authors,
        language: lang,
        canonical_url: canonical.or(og_url),
        published,
        published_from: from,
        site_name,
    }
}

/// Whether the text just before a date says it is an update, not the publication.
fn after_update_word(before: &str) -> bool {
    let tail: String =
        before.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect::<String>().to_lowercase();
    [
        "updated",
        "update",
        "modified",
        "aktualisiert",
        "geändert",
        "atualizado",
        "actualizado",
        "mis à jour",
        "aggiornato",
        "edited",
        "editiert",
        "last change",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

/// The first date in `text` that is not marked as an update.
fn first_original_date(text: &str, order: NumericOrder, opts: &MetaOptions) -> Option<Date> {
    let mut from = 0;
    for _ in 0..20 {
        let rest = text.get(from..)?;
        let (d, at) = crate::date::find_date_at(rest, order)?;
        if valid(d, opts) && !after_update_word(&rest[..at]) {
            return Some(d);
        }
        // Move past this date (at least one character).
        let mut next = from + at + 1;
        while next < text.len() && !text.is_char_boundary(next) {
            next += 1;
        }
        from = next;
    }
    None
}

/// A date in the visible text around the start of the main text (between the headline and
/// the first words of the article: datelines, "Stand: ...", "Published ..."). `main_start` is
/// the source offset where the main text begins, `main_text` the extracted text: only its
/// first words count (a date further in is what the article talks about).
pub fn header_date(
    dom: &Dom,
    src: &str,
    main_start: usize,
    main_text: &str,
    language: Option<&str>,
    opts: &MetaOptions,
) -> Option<Date> {
    let h1 = dom.elements("h1").map(|h| dom.nodes[h as usize].src_start as usize).filter(|&h| h <= main_start).last();
    let from = match h1 {
        Some(h) if main_start - h <= 20_000 => h,
        _ => main_start.saturating_sub(1500),
    };
    let to = main_start.min(src.len());
    let mut text = String::new();
    for node in &dom.nodes {
        let NodeKind::Text { start, end } = node.kind else { continue };
        let (start, end) = (start as usize, end as usize);
        if end <= from || start >= to {
            continue;
        }
        if dom
            .tag(node.parent)
            .is_some_and(|t| matches!(t, "script" | "style" | "noscript" | "template" | "title" | "textarea"))
        {
            continue;
        }
        // `from`/`to` may fall inside a multi-byte character: move them to boundaries.
        let (mut a, mut b) = (start.max(from), end.min(to));
        while a < b && !src.is_char_boundary(a) {
            a += 1;
        }
        while b > a && !src.is_char_boundary(b) {
            b -= 1;
        }
        let raw = src.get(a..b).unwrap_or("");
        text.push_str(&crate::dom::decode_entities(raw));
        text.push_str(" | ");
        if text.len() > 8000 {
            break;
        }
    }
    let order = if language.is_none_or(|l| l == "en") { NumericOrder::MonthDay } else { NumericOrder::DayMonth };
    let before = first_original_date(&text, order, opts);
    before.or_else(|| {
        // A dateline opens one of the first paragraphs.
        main_text.split("\n\n").take(3).find_map(|para| {
            let mut end = para.len().min(80);
            while !para.is_char_boundary(end) {
                end -= 1;
            }
            crate::date::find_date_at(&para[..end], order)
                .filter(|(d, at)| *at < 40 && valid(*d, opts) && !after_update_word(&para[..*at]))
                .map(|(d, _)| d)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn meta(src: &str, url: Option<&str>) -> Metadata {
        let dom = parse(src);
        metadata(&dom, src, &MetaOptions { url: url.map(str::to_string), max_date: Date::new(2024, 1, 1).ok() })
    }

    #[test]
    fn jsonld_wins_and_modified_is_ignored() {
        let src = r#"<html lang="en-GB"><head><title>Rain plan agreed | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:modified_time" content="2021-03-09T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"datePublished":"2021-03-04T08:00:00Z","dateModified":"2021-03-09","author":{"@type":"Person","name":"Jane Roe"}}</script>
</head><body><h1>Rain plan agreed</h1></body></html>"#;
        let m = meta(src, None);
        assert_eq!(m.published.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
        assert_eq!(m.published_from, Some("json-ld"));
        assert_eq!(m.authors, vec!["Jane Roe"]);
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.title.as_deref(), Some("Rain plan agreed"));
    }

    #[test]
    fn future_dates_are_rejected_and_null_beats_a_guess() {
        let src = r#"<meta property="article:published_time" content="2030-01-01"><p>Nothing else.</p>"#;
        assert_eq!(meta(src, None).published, None);
        let src = r#"<p>Text without any date.</p>"#;
        assert_eq!(meta(src, Some("https://example.org/news/story")).published, None);
    }

    #[test]
    fn url_and_byline_dates() {
        let m = meta("<p>x</p>", Some("https://example.org/2020/05/17/story/"));
        assert_eq!(m.published.map(|d| d.to_string()).as_deref(), Some("2020-05-17"));
        let src = r#"<html lang="de"><div class="article-date">Veröffentlicht am 03.04.2022</div>
<div class="byline">Von Max Muster</div></html>"#;
        let m = meta(src, None);
        assert_eq!(m.published.map(|d| d.to_string()).as_deref(), Some("2022-04-03"));
        assert_eq!(m.authors, vec!["Max Muster"]);
    }
}
