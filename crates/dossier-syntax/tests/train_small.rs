//! End-to-end training on a handful of sentences written for this test.

use dossier_syntax::SyntaxModel;
use dossier_syntax::train::{ParserOptions, TaggerOptions, parse_conllu, train_parser_on, train_tagger_on};

const DATA: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\taide\taide\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttalks\ttalk\tNOUN\tNNS\t_\t5\tnsubj\t_\t_
5\tended\tend\tVERB\tVBD\t_\t2\tccomp\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
3\tKyiv\tKyiv\tPROPN\tNNP\t_\t2\tobj\t_\t_
4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_
5\tMay\tMay\tPROPN\tNNP\t_\t2\tobl\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tministers\tminister\tNOUN\tNNS\t_\t3\tnsubj\t_\t_
3\twalked\twalk\tVERB\tVBD\t_\t0\troot\t_\t_
4\thome\thome\tADV\tRB\t_\t3\tadvmod\t_\t_
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
";

fn train() -> (Vec<u8>, Vec<u8>) {
    let sents = parse_conllu(DATA).expect("valid CoNLL-U");
    let topts = TaggerOptions {
        epochs: 3,
        seed: 7,
        prune: 0.0,
        stack_folds: 2,
        clusters: 4,
        coarse_clusters: 2,
        cluster_min_count: 1,
        ..TaggerOptions::default()
    };
    let (tagger, report) = train_tagger_on(&sents, Some(&sents), &topts, &mut |_| {}).expect("tagger trains");
    assert!(report.dev.is_some_and(|d| d.upos > 50.0));
    let popts = ParserOptions {
        epochs: 4,
        jackknife: 2,
        tagger_epochs: 2,
        label_groups: 4,
        cluster_features: true,
        lemma_features: true,
        ..Default::default()
    };
    let (parser, report) = train_parser_on(&sents, Some(&sents), &tagger, &popts, &mut |_| {}).expect("parser trains");
    assert!(report.dev.is_some_and(|d| d.uas > 50.0));
    (tagger, parser)
}

#[test]
fn trains_deterministically_and_loads() {
    let (t1, p1) = train();
    let (t2, p2) = train();
    assert_eq!(t1, t2);
    assert_eq!(p1, p2);
    let model = SyntaxModel::from_bytes(&t1, &p1).expect("loads");
    let a = model.analyze_sentence(&["The", "envoy", "said", "the", "talks", "ended", "."]);
    assert_eq!(a.head.iter().filter(|&&h| h == 0).count(), 1);
    assert_eq!(a.lemma[4], "talk");
}

#[test]
fn rejects_bad_options_and_data() {
    let sents = parse_conllu(DATA).expect("valid CoNLL-U");
    assert!(train_tagger_on(&[], None, &TaggerOptions::default(), &mut |_| {}).is_err());
    let (tagger, _) = train_tagger_on(&sents, None, &TaggerOptions { epochs: 1, ..Default::default() }, &mut |_| {})
        .expect("tagger trains");
    let bad = ParserOptions { explore: 2.0, ..Default::default() };
    assert!(train_parser_on(&sents, None, &tagger, &bad, &mut |_| {}).is_err());
    let mut broken = sents.clone();
    broken[0].heads[0] = 99;
    assert!(train_parser_on(&broken, None, &tagger, &ParserOptions::default(), &mut |_| {}).is_err());
    assert!(train_parser_on(&sents, None, b"junk", &ParserOptions::default(), &mut |_| {}).is_err());
}

#[test]
fn epoch_models_go_into_a_new_directory() {
    let sents = parse_conllu(DATA).expect("valid CoNLL-U");
    let (tagger, _) =
        train_tagger_on(&sents, None, &TaggerOptions { epochs: 1, stack_folds: 0, ..Default::default() }, &mut |_| {})
            .expect("tagger trains");
    let dir = std::env::temp_dir().join(format!("dossier-epoch-models-{}", std::process::id())).join("nested");
    let _ = std::fs::remove_dir_all(&dir);
    let popts = ParserOptions {
        epochs: 3,
        jackknife: 0,
        dev_from_epoch: 1,
        epoch_models: Some(dir.clone()),
        ..Default::default()
    };
    train_parser_on(&sents, Some(&sents), &tagger, &popts, &mut |_| {}).expect("parser trains");
    // Every scored epoch but the last, which is the returned model.
    assert!(dir.join("parser-e1.bin").exists() && dir.join("parser-e2.bin").exists());
    assert!(!dir.join("parser-e3.bin").exists());
    let _ = std::fs::remove_dir_all(dir.parent().expect("parent"));
}
