//! Coreference through the whole default pipeline, on example texts written for this project.

use dossier::Analyzer;

fn entity_with<'a>(doc: &'a dossier::Doc, name_part: &str) -> &'a dossier::text::EntityAnnot {
    doc.entities
        .iter()
        .find(|e| e.name.contains(name_part))
        .unwrap_or_else(|| panic!("no entity {name_part}: {:?}", doc.entities))
}

fn mention_texts<'a>(doc: &'a dossier::Doc, e: &dossier::text::EntityAnnot, kind: &str) -> Vec<&'a str> {
    e.mentions.iter().filter(|m| m.kind == kind).map(|m| doc.slice(m.range)).collect()
}

const ENVOY: &str = "US presidential envoy Steve Witkoff met Yuri Ushakov, a senior aide to Russian \
President Vladimir Putin, in Moscow on Tuesday. Witkoff said the talks had been useful. He added \
that a second meeting was planned for next month.\n\nUshakov told reporters that the Kremlin wanted \
more time. \"We will study the proposal,\" the aide said. Anna Kovacs, a spokeswoman for the \
embassy, said she had no comment.";

#[test]
fn he_resolves_to_the_envoy_and_she_to_the_spokeswoman() {
    let analyzer = Analyzer::new().unwrap();
    let doc = analyzer.analyze_text("envoy", ENVOY).unwrap();
    let witkoff = entity_with(&doc, "Witkoff");
    assert_eq!(mention_texts(&doc, witkoff, "pronoun"), ["He"], "{:?}", doc.entities);
    let kovacs = entity_with(&doc, "Kovacs");
    assert_eq!(mention_texts(&doc, kovacs, "pronoun"), ["she"]);
    // No pronoun went to anyone else (Ushakov, Putin when recognized, the Kremlin).
    let pronouns: usize = doc.entities.iter().map(|e| mention_texts(&doc, e, "pronoun").len()).sum();
    assert_eq!(pronouns, 2, "{:?}", doc.entities);
}

#[test]
fn the_aide_joins_the_appositive_person_and_quotes_use_it() {
    let analyzer = Analyzer::new().unwrap();
    let doc = analyzer.analyze_text("envoy", ENVOY).unwrap();
    let ushakov = entity_with(&doc, "Ushakov");
    assert_eq!(mention_texts(&doc, ushakov, "nominal"), ["the aide"], "{:?}", doc.entities);
    // The quote's speaker is the entity the nominal mention joined.
    let quote = doc.quotes.iter().find(|q| doc.slice(q.range).contains("study the proposal")).unwrap();
    let speaker = quote.speaker.map(|s| doc.entities[s].name.as_str());
    assert_eq!(speaker, Some(ushakov.name.as_str()));
}

#[test]
fn i_in_a_quotation_is_its_speaker() {
    let analyzer = Analyzer::new().unwrap();
    let text = "Maria Lindqvist spoke after the vote. \"I am not surprised,\" Lindqvist said. Her party lost.";
    let doc = analyzer.analyze_text("q", text).unwrap();
    let e = entity_with(&doc, "Lindqvist");
    let pronouns = mention_texts(&doc, e, "pronoun");
    assert!(pronouns.contains(&"I"), "{:?}", doc.entities);
}

#[test]
fn bad_input_does_not_panic() {
    let analyzer = Analyzer::new().unwrap();
    for text in [
        "He said she would. They did it. It was him. We told them, and you knew.",
        "US ENVOY STEVE WITKOFF MET YURI USHAKOV IN MOSCOW. HE SAID THE TALKS WERE USEFUL.",
        "us envoy steve witkoff met yuri ushakov in moscow. he said the talks were useful.",
        "",
        "\"\"\" \" \"",
        "O'Neill met Ušakov. He said he would return.",
    ] {
        let doc = analyzer.analyze_text("bad", text).unwrap();
        for e in &doc.entities {
            for m in &e.mentions {
                assert!(m.range.get(doc.text()).is_some());
            }
        }
    }
}

#[test]
fn thousands_of_entities_in_one_document() {
    let analyzer = Analyzer::new().unwrap();
    let mut text = String::new();
    for i in 0..2500 {
        text.push_str(&format!("Minister Alpha{i} met envoy Bravo{i} in Charlie{i}. He said it went well. "));
    }
    let doc = analyzer.analyze_text("many", &text).unwrap();
    assert!(doc.entities.len() > 500, "{}", doc.entities.len());
}
