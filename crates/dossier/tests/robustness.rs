//! Bad and extreme input through the whole pipeline: no panic, linear behaviour, valid spans.

use dossier::{Analyzer, output};
use proptest::prelude::*;

fn assert_spans_valid(doc: &dossier::Doc) {
    let json = output::document(doc);
    let chars: Vec<char> = json.text.chars().collect();
    let mut last = 0;
    for s in &json.sentences {
        assert!(s.start >= last && s.start < s.end && s.end as usize <= chars.len());
        last = s.end;
    }
    for t in &doc.tokens {
        assert!(t.range.get(doc.text()).is_some_and(|s| !s.is_empty()));
    }
}

fn repeated(para: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + para.len());
    while text.len() < bytes {
        text.push_str(para);
    }
    text
}

const PARA: &str = "The envoy met the aide on Tuesday, Oct. 14, in Moscow. \"We talked,\" he said. ";

/// 50 MB through every component except the parser and the components that read it (the
/// recognizer, coreference, the events coder); the next test covers them at a size a debug-build test run
/// can afford: their cost per word is the same at any document size.
#[test]
fn fifty_megabyte_document() {
    let text = repeated(PARA, 50 << 20);
    let config = dossier::pipeline::PipelineConfig::new(
        dossier::components::DEFAULT_PIPELINE
            .iter()
            .copied()
            .filter(|&c| !matches!(c, "syntax" | "entities" | "coref" | "events")),
    );
    let doc = Analyzer::with_config(&config).unwrap().analyze_text("big", &text).unwrap();
    assert!(doc.sentences.len() > 1_000_000);
    assert_eq!(doc.sentences.last().map(|s| s.range.end() as usize), Some(text.trim_end().len()));
}

#[test]
fn five_megabyte_document_with_syntax() {
    let text = repeated(PARA, 5 << 20);
    let doc = Analyzer::new().unwrap().analyze_text("big", &text).unwrap();
    assert_eq!(doc.syntax.len(), doc.tokens.len());
    // Every sentence has exactly one root and heads stay inside their sentence.
    for s in &doc.sentences {
        let range = s.token_indices();
        let roots = range.clone().filter(|&i| doc.syntax.head(i).is_none()).count();
        assert_eq!(roots, 1);
        assert!(range.clone().all(|i| doc.syntax.head(i).is_none_or(|h| range.contains(&h))));
    }
}

#[test]
fn text_without_punctuation() {
    let text = "envoy aide call plan talks ".repeat(20_000);
    let doc = Analyzer::new().unwrap().analyze_text("flat", &text).unwrap();
    assert_eq!(doc.sentences.len(), 1);
    assert_spans_valid(&doc);
}

#[test]
fn lines_of_a_hundred_thousand_characters() {
    let mut text = "x".repeat(100_000);
    text.push('\n');
    text.push_str(&"word, ".repeat(17_000));
    text.push('\n');
    text.push_str(&format!("http://example.org/{}{}", "a".repeat(100_000), ".".repeat(50_000)));
    let doc = Analyzer::new().unwrap().analyze_text("long", &text).unwrap();
    assert_spans_valid(&doc);
    assert_eq!(doc.tokens[0].range.len(), 100_000);
}

#[test]
fn control_characters_and_odd_whitespace() {
    let text = "A\u{0}B\u{7}C.\u{2028}Next\u{a0}line\r\n\r\nLast\u{feff}.";
    let doc = Analyzer::new().unwrap().analyze_text("odd", text).unwrap();
    assert_spans_valid(&doc);
    assert!(doc.sentences.len() >= 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_text_gives_valid_spans(text in "(\\PC|[ \n\"'.,!?—-]){0,200}") {
        let doc = Analyzer::new().unwrap().analyze_text("p", &text).unwrap();
        assert_spans_valid(&doc);
        // Every non-whitespace character is in exactly one token.
        let covered: String = doc.tokens.iter().map(|t| t.text(doc.text())).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(covered, expected);
    }
}

/// Running the pipeline again over an analysed document (a library user re-processing, a
/// benchmark pass) rebuilds every layer: the same record, no stale index into replaced
/// entities or tokens.
#[test]
fn analysing_an_analysed_document_again_gives_the_same_record() {
    let analyzer = Analyzer::new().unwrap();
    let text = "Envoy Mark Delkoff spoke with Kremlin aide Yuri Ostrov on Tuesday, Oct. 14. \
                \"We should call him,\" Ostrov told Delkoff. Two days later Delkoff met the \
                foreign minister in Moscow and said the 20-point plan was ready.";
    let mut doc = analyzer.analyze_text("twice", text).unwrap();
    let once = serde_json::to_string(&output::document(&doc)).unwrap();
    // The quotes component adds entities for speakers the recognizer missed, so the entity
    // list the next pass rebuilds can be shorter: an old quote pointing past its end must
    // not survive into the components that reorder entities (te3-silver documents did).
    let quote = doc.quotes.first().cloned().expect("the text has a quote");
    doc.quotes.push(dossier::text::QuoteAnnot { speaker: Some(doc.entities.len() + 5), ..quote });
    analyzer.process(&mut doc).unwrap();
    let twice = serde_json::to_string(&output::document(&doc)).unwrap();
    assert_eq!(once, twice);
}
