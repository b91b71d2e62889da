//! Tests of the embedded models on sentences written for these tests.

use dossier_syntax::{ModelError, SentenceAnalysis, SyntaxModel, Upos};

fn model() -> &'static SyntaxModel {
    SyntaxModel::builtin().expect("builtin model loads")
}

fn analyze(text: &str) -> (Vec<&str>, SentenceAnalysis<'static>) {
    let words: Vec<&str> = text.split(' ').collect();
    let a = model().analyze_sentence(&words);
    (words, a)
}

fn idx(words: &[&str], w: &str) -> usize {
    words.iter().position(|x| *x == w).expect("word present")
}

/// Exactly one root, heads in range, no cycles.
pub fn assert_tree(a: &SentenceAnalysis<'_>) {
    let n = a.head.len();
    assert_eq!(a.upos.len(), n);
    assert_eq!(a.xpos.len(), n);
    assert_eq!(a.lemma.len(), n);
    assert_eq!(a.deprel.len(), n);
    if n == 0 {
        return;
    }
    assert_eq!(a.head.iter().filter(|&&h| h == 0).count(), 1, "one root: {:?}", a.head);
    for (i, &h) in a.head.iter().enumerate() {
        assert!(h as usize <= n && h as usize != i + 1, "head {h} of word {}", i + 1);
        let root = a.head.iter().position(|&h| h == 0).expect("root");
        assert_eq!(a.deprel[i] == "root", i == root, "root label only on the root");
    }
    for start in 1..=n {
        let mut x = start;
        let mut steps = 0;
        while x != 0 {
            x = a.head[x - 1] as usize;
            steps += 1;
            assert!(steps <= n, "cycle through word {start}");
        }
    }
}

#[test]
fn simple_sentence() {
    let (w, a) = analyze("The envoy met the senior aide in Moscow on Tuesday .");
    assert_tree(&a);
    let met = idx(&w, "met");
    assert_eq!(a.head[met], 0);
    assert_eq!(a.deprel[met], "root");
    assert_eq!(a.upos[met], Upos::Verb);
    assert_eq!(a.xpos[met], "VBD");
    assert_eq!(a.lemma[met], "meet");
    let envoy = idx(&w, "envoy");
    assert_eq!(a.upos[envoy], Upos::Noun);
    assert_eq!(a.head[envoy] as usize, met + 1);
    assert_eq!(a.deprel[envoy], "nsubj");
    let aide = idx(&w, "aide");
    assert_eq!(a.head[aide] as usize, met + 1);
    assert_eq!(a.deprel[aide], "obj");
    let moscow = idx(&w, "Moscow");
    assert_eq!(a.upos[moscow], Upos::Propn);
    assert_eq!(a.lemma[moscow], "Moscow");
    assert_eq!(a.upos[idx(&w, ".")], Upos::Punct);
    assert_eq!(a.deprel[idx(&w, ".")], "punct");
}

#[test]
fn reported_speech() {
    let (w, a) = analyze("Putin remarked that he believes the talks were useful .");
    assert_tree(&a);
    let remarked = idx(&w, "remarked");
    assert_eq!(a.head[remarked], 0);
    assert_eq!(a.lemma[remarked], "remark");
    assert_eq!(a.deprel[idx(&w, "Putin")], "nsubj");
    let believes = idx(&w, "believes");
    assert_eq!(a.head[believes] as usize, remarked + 1);
    assert_eq!(a.deprel[believes], "ccomp");
    assert_eq!(a.lemma[believes], "believe");
    assert_eq!(a.lemma[idx(&w, "were")], "be");
    assert_eq!(a.upos[idx(&w, "he")], Upos::Pron);
}

#[test]
fn apposition_and_plural_lemmas() {
    let (w, a) = analyze("Yuri Ushakov , a senior aide to Putin , said the meetings had ended .");
    assert_tree(&a);
    assert_eq!(a.lemma[idx(&w, "meetings")], "meeting");
    assert_eq!(a.lemma[idx(&w, "said")], "say");
    assert_eq!(a.lemma[idx(&w, "had")], "have");
    let said = idx(&w, "said");
    assert_eq!(a.head[said], 0);
    assert_eq!(a.deprel[idx(&w, "aide")], "appos");
}

#[test]
fn empty_and_single_word() {
    let a = model().analyze_sentence(&[]);
    assert!(a.is_empty());
    let a = model().analyze_sentence(&["Hello"]);
    assert_tree(&a);
    assert_eq!(a.head, [0]);
    assert_eq!(a.root(), Some(0));
}

#[test]
fn children_iteration() {
    let (w, a) = analyze("Witkoff met with Dmitriev .");
    assert_tree(&a);
    let met = idx(&w, "met") as u32 + 1;
    let kids: Vec<usize> = a.children(met).collect();
    assert!(kids.contains(&idx(&w, "Witkoff")));
    assert!(kids.contains(&idx(&w, "Dmitriev")));
}

#[test]
fn models_round_trip() {
    let m = model();
    let again = SyntaxModel::from_bytes(&m.tagger_bytes(), &m.parser_bytes()).expect("reload");
    let words = ["Witkoff", "met", "Dmitriev", "in", "Miami", "."];
    assert_eq!(m.analyze_sentence(&words), again.analyze_sentence(&words));
}

#[test]
fn bad_model_bytes_are_errors() {
    let (t, p) = SyntaxModel::builtin_bytes();
    let (t, p) = (t.to_vec(), p.to_vec());
    assert!(matches!(SyntaxModel::from_bytes(b"nope", &p), Err(ModelError::BadMagic(_))));
    assert!(matches!(SyntaxModel::from_bytes(&t, &t), Err(ModelError::BadMagic(_))));
    for cut in [8, 9, 17, 40, t.len() / 2, t.len() - 1] {
        assert!(SyntaxModel::from_bytes(&t[..cut], &p).is_err(), "cut at {cut}");
    }
    let mut flipped = p.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x5a;
    // Corruption must be reported or tolerated, never panic.
    let _ = SyntaxModel::from_bytes(&t, &flipped);
}

#[test]
fn very_long_sentence_is_a_tree() {
    let base = [
        "The",
        "delegation",
        "said",
        "that",
        "talks",
        "in",
        "Geneva",
        ",",
        "which",
        "lasted",
        "hours",
        ",",
        "were",
        "useful",
        "and",
    ];
    let words: Vec<&str> = base.iter().cycle().take(3000).copied().collect();
    let a = model().analyze_sentence(&words);
    assert_tree(&a);
}

#[test]
fn pathological_tokens() {
    let long = "x".repeat(10_000);
    let mixed = "Ж".repeat(5_000);
    for words in [
        vec![long.as_str(), mixed.as_str(), "."],
        vec!["!", "?", "...", "--", "(", ")", "\"", ";"],
        vec!["Путин", "встретился", "с", "Уиткоффом", "."],
        vec!["普京", "会见", "了", "特使", "。"],
        vec!["", " ", "\t", "\u{200b}"],
        vec!["🙂"; 50],
    ] {
        let a = model().analyze_sentence(&words);
        assert_tree(&a);
    }
}

#[test]
fn a_subject_then_a_time_then_the_verb() {
    for text in ["Norland on Monday rejected the proposal .", "Harbourtown last week expelled two diplomats ."] {
        let (words, a) = analyze(text);
        assert_tree(&a);
        let verb = words.iter().position(|w| w.ends_with("ed")).expect("a verb");
        assert_eq!(a.head[verb], 0, "{text}: {a:?}");
        assert_eq!((a.head[0], a.deprel[0]), (verb as u32 + 1, "nsubj"), "{text}: {a:?}");
    }
}
