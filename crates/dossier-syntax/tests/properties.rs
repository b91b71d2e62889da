//! Property: every token sequence gets a valid tree (one root, no cycles, heads in range).

use dossier_syntax::{SentenceAnalysis, SyntaxModel};
use proptest::prelude::*;

fn check_tree(a: &SentenceAnalysis<'_>, n: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.head.len(), n);
    prop_assert_eq!(a.deprel.len(), n);
    prop_assert_eq!(a.lemma.len(), n);
    if n == 0 {
        return Ok(());
    }
    prop_assert_eq!(a.head.iter().filter(|&&h| h == 0).count(), 1);
    for (i, &h) in a.head.iter().enumerate() {
        prop_assert!(h as usize <= n);
        prop_assert!(h as usize != i + 1);
    }
    for start in 1..=n {
        let (mut x, mut steps) = (start, 0);
        while x != 0 {
            x = a.head[x - 1] as usize;
            steps += 1;
            prop_assert!(steps <= n, "cycle");
        }
    }
    Ok(())
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,12}",
        "[a-z]{1,8}",
        "[0-9]{1,6}",
        "[.,;:!?\"'()\\[\\]{}<>/\\\\@#$%^&*_+=|~`-]{1,4}",
        "[а-яА-ЯёЁ]{1,10}",
        "[\u{4e00}-\u{9fa5}]{1,4}",
        "[\u{0600}-\u{06ff}]{1,8}",
        "\\PC{0,12}",
        "\\PC{1,6}".prop_map(|s| s.repeat(1_500)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_tokens_give_a_tree(words in proptest::collection::vec(token(), 0..80)) {
        let model = SyntaxModel::builtin().expect("builtin model");
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let a = model.analyze_sentence(&refs);
        check_tree(&a, refs.len())?;
    }

    #[test]
    fn long_sentences_give_a_tree(words in proptest::collection::vec("[A-Za-z.,]{1,6}", 1_000..1_400)) {
        let model = SyntaxModel::builtin().expect("builtin model");
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let a = model.analyze_sentence(&refs);
        check_tree(&a, refs.len())?;
    }

    #[test]
    fn all_punctuation_gives_a_tree(words in proptest::collection::vec("[.,;:!?\"'()-]{1,3}", 1..200)) {
        let model = SyntaxModel::builtin().expect("builtin model");
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let a = model.analyze_sentence(&refs);
        check_tree(&a, refs.len())?;
    }
}
