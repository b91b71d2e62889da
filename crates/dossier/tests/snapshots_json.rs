//! Snapshot of the contract JSON for a small report written for this test.

use dossier::{Analyzer, Doc, DocMeta, output};

#[test]
fn contract_json_snapshot() {
    let meta = DocMeta {
        id: "snap".into(),
        kind: "jsonl".into(),
        published: Some("2025-10-16".into()),
        published_from: Some("input".into()),
        extra: vec![("lang".into(), "\"en\"".into())],
        ..DocMeta::default()
    };
    let text = "Envoy Calls Aide\n\nThe envoy spoke with the aide in Zürich. “It’s done,” he said.";
    let mut doc = Doc::new(meta, text.to_string()).unwrap();
    Analyzer::new().unwrap().process(&mut doc).unwrap();
    insta::assert_json_snapshot!(output::document(&doc));
}

#[test]
fn committed_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/output.schema.json");
    let committed = std::fs::read_to_string(&path).expect("docs/output.schema.json exists");
    let current = serde_json::to_string_pretty(&output::json_schema()).unwrap() + "\n";
    assert!(
        committed == current,
        "docs/output.schema.json is stale: run `cargo run -- schema > docs/output.schema.json`"
    );
}
