//! Extraction on pages written for these tests, and bad input.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use dossier_web::{PageOptions, extract_page};
use proptest::prelude::*;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour talks end without a deal | The Example Courier</title>
<meta property="og:site_name" content="The Example Courier">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2024-03-05T09:15:00+01:00">
<meta property="article:modified_time" content="2024-03-07T12:00:00+01:00">
<link rel="canonical" href="https://courier.example/news/harbour-talks">
<script>var tracking = "<p>not text</p>";</script>
<style>.x { color: red }</style>
</head><body>
<div id="cookie-banner" class="cookie-notice">We use cookies. <a href="/privacy">Accept</a></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article class="story">
<h1>Harbour talks end without a deal</h1>
<div class="byline">By Mara Quill</div>
<div class="article-body">
<p>Negotiators for the port authority and the dockworkers' union left the table on Tuesday evening without an agreement, after eleven hours of talks that both sides had called decisive.</p>
<p>The union said the authority had refused to discuss night-shift pay, while the authority&rsquo;s chair told reporters that the proposal on the table was &ldquo;generous by any measure&rdquo; and would not be improved.</p>
<blockquote><p>We will be back on Monday, and we will bring the same demands with us.</p></blockquote>
<p>A mediator appointed by the regional government is expected to propose a new timetable, according to two people familiar with the plan, who asked not to be named.</p>
<ul><li>Night shifts: no agreement</li><li>Pensions: partial agreement</li></ul>
<p>Shipping companies warned that a strike at the port, which handles a third of the region's container traffic, would cost several million a day.</p>
</div>
<div class="share-tools"><a href="/s/fb">Share on Facebook</a> <a href="/s/x">Share on X</a></div>
</article>
<aside class="related-stories"><h3>Related</h3><ul><li><a href="/a">Port strike looms</a></li><li><a href="/b">Union elects new leader</a></li><li><a href="/c">Container volumes fall</a></li></ul></aside>
</main>
<section id="comments" class="comments"><p>First! Great article, totally agree with everything said here by the union, really.</p></section>
<footer class="site-footer"><p>&copy; 2024 The Example Courier. All rights reserved. Contact us at the harbour office any time.</p></footer>
</body></html>"#;

#[test]
fn article_text_and_metadata() {
    let page = extract_page(PAGE.as_bytes(), &PageOptions::default());
    let t = &page.text;
    assert!(t.starts_with("Negotiators for the port authority"), "{t}");
    assert!(
        t.contains("the authority’s chair told reporters that the proposal on the table was “generous by any measure”"),
        "{t}"
    );
    assert!(t.contains("We will be back on Monday"), "{t}");
    assert!(t.contains("Night shifts: no agreement"), "{t}");
    assert!(t.trim_end().ends_with("would cost several million a day."), "{t}");
    for boiler in ["cookies", "Home", "Share on", "Related", "First!", "rights reserved", "not text", "color"] {
        assert!(!t.contains(boiler), "{boiler:?} in {t}");
    }
    // Paragraphs stay paragraphs.
    assert!(t.contains("decisive.\n\nThe union said"), "{t}");
    let m = &page.meta;
    assert_eq!(m.title.as_deref(), Some("Harbour talks end without a deal"));
    assert_eq!(m.authors, vec!["Mara Quill"]);
    assert_eq!(m.published.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.canonical_url.as_deref(), Some("https://courier.example/news/harbour-talks"));
}

/// Every word of the text maps back to the same word in the page (or to the entity that
/// produced it), and the runs tile the text.
fn check_map(page: &dossier_web::Page) {
    if let Err(e) = page.check_map() {
        panic!("offset map: {e}");
    }
}

#[test]
fn offset_map_points_into_the_page() {
    let page = extract_page(PAGE.as_bytes(), &PageOptions::default());
    check_map(&page);
    let word = "eleven hours";
    let at = page.text.find(word).unwrap();
    let (s, e) = page.map.source_range(at, at + word.len()).unwrap();
    assert_eq!(&PAGE[s..e], word);
    let q = page.text.find('“').unwrap();
    let (s, e) = page.map.source_range(q, q + '“'.len_utf8()).unwrap();
    assert_eq!(&PAGE[s..e], "&ldquo;");
}

#[test]
fn all_script_page_gives_empty_text() {
    let html = format!(
        "<html><head><script>{}</script></head><body><script>document.write('<p>hi</p>')</script></body></html>",
        "var a = 1;\n".repeat(1000)
    );
    let page = extract_page(html.as_bytes(), &PageOptions::default());
    assert_eq!(page.text, "");
    assert_eq!(page.meta.published, None);
}

#[test]
fn hundred_thousand_nested_tags() {
    let n = 100_000;
    let mut html = String::from("<html><body>");
    for i in 0..n {
        html.push_str(if i % 2 == 0 { "<div>" } else { "<span>" });
    }
    html.push_str("<p>Deep inside, a sentence long enough to be counted as a paragraph of text.</p>");
    for i in (0..n).rev() {
        html.push_str(if i % 2 == 0 { "</div>" } else { "</span>" });
    }
    html.push_str("</body></html>");
    let page = extract_page(html.as_bytes(), &PageOptions::default());
    assert!(page.text.contains("Deep inside"), "{:?}", page.text);
    // Unclosed tags, too.
    let open = "<div><b><i>".repeat(40_000) + "text";
    let page = extract_page(open.as_bytes(), &PageOptions::default());
    assert!(page.text.contains("text") || page.text.is_empty());
}

/// A page of `paras` paragraphs with menus and links around them.
fn big_page(paras: usize) -> String {
    let mut s = String::from("<html><head><title>Big</title></head><body><nav><a href=/>Home</a></nav><article>");
    for i in 0..paras {
        s.push_str(&format!("<p>Paragraph {i} says that the committee met again, and that the minutes, as usual, were read aloud &amp; approved.</p>\n"));
    }
    s.push_str("</article></body></html>");
    s
}

#[test]
fn large_page_is_linear() {
    // 20 MB here; `cargo test -- --ignored` runs the 200 MB page.
    let html = big_page(170_000);
    let page = extract_page(html.as_bytes(), &PageOptions::default());
    assert!(page.text.contains("Paragraph 169999 says"));
    check_map(&page);
}

#[test]
#[ignore = "200 MB page: slow in debug builds"]
fn two_hundred_megabyte_page() {
    let html = big_page(1_700_000);
    assert!(html.len() > 200_000_000);
    let page = extract_page(html.as_bytes(), &PageOptions::default());
    assert!(page.text.contains("Paragraph 1699999 says"));
}

#[test]
fn mislabelled_encodings() {
    // Declared UTF-8, actually windows-1252.
    let mut bytes = b"<html><head><meta charset=\"utf-8\"></head><body><article><p>".to_vec();
    bytes.extend_from_slice(b"Der B\xfcrgermeister sagte, die Stra\xdfe werde im M\xe4rz f\xfcr den Verkehr gesperrt, weil die Br\xfccke saniert werden m\xfcsse.");
    bytes.extend_from_slice(b"</p></article></body></html>");
    let page = extract_page(&bytes, &PageOptions::default());
    assert!(page.text.contains("Bürgermeister") && page.text.contains("Straße"), "{}", page.text);
    // Declared windows-1252, actually UTF-8.
    let html = "<meta charset=windows-1252><article><p>Gespräche über die Brücke wurden fortgesetzt, sagte der Sprecher am Dienstag in München.</p></article>";
    let page = extract_page(html.as_bytes(), &PageOptions::default());
    assert!(page.text.contains("Gespräche über die Brücke"), "{}", page.text);
}

#[test]
fn future_and_crawl_dates() {
    let html = r#"<meta property="article:published_time" content="2024-06-01"><article><p>Text.</p></article>"#;
    let crawl = jiff::civil::Date::new(2024, 5, 1).ok();
    let page = extract_page(html.as_bytes(), &PageOptions { crawl_date: crawl, ..PageOptions::default() });
    assert_eq!(page.meta.published, None, "a date after the crawl is not the publication date");
}

#[test]
fn an_entity_decoded_to_as_many_bytes_maps_as_a_whole() {
    // `&#0` (3 bytes) decodes to U+FFFD (3 bytes): equal lengths, but no copy of the page.
    // (The shrunk input of a proptest failure, kept as a plain test.)
    let bytes =
        [60, 68, 62, 38, 35, 48, 11, 113, 136, 54, 210, 244, 248, 228, 182, 253, 102, 243, 11, 145, 142, 75, 154];
    let page = extract_page(&bytes, &PageOptions::default());
    check_map(&page);
    assert!(page.text.starts_with('\u{FFFD}'), "{:?}", page.text);
    let (s, e) = page.map.source_range(0, 3).unwrap();
    assert_eq!(&page.html[s..e], "&#0");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_extract_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let page = extract_page(&bytes, &PageOptions::default());
        check_map(&page);
    }

    #[test]
    fn html_like_input_keeps_map_invariants(parts in proptest::collection::vec(prop_oneof![
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"content\">".to_string()),
        Just("</div>".to_string()), Just("<a href=x>".to_string()), Just("</a>".to_string()),
        Just("<br>".to_string()), Just("&amp;".to_string()), Just("&#x2014;".to_string()), Just("&bogus".to_string()),
        Just("<script>".to_string()), Just("</script>".to_string()), Just("<!--".to_string()), Just("-->".to_string()),
        Just("<".to_string()), Just(">".to_string()), Just(" ".to_string()), Just("\n".to_string()),
        "[a-zA-Zäöü ,.]{1,40}",
    ], 0..80)) {
        let html: String = parts.concat();
        let page = extract_page(html.as_bytes(), &PageOptions::default());
        check_map(&page);
        // Every non-space char of the text comes from the page.
        for (i, c) in page.text.char_indices() {
            if c.is_whitespace() { continue; }
            let (s, e) = page.map.source_range(i, i + c.len_utf8()).unwrap();
            prop_assert!(s < e && e <= html.len());
        }
    }
}
