//! End-to-end tests of the `dossier` binary on example texts written for this project.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("runs dossier")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p.to_string_lossy().into_owned()
}

fn stdout_docs(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("valid JSON line")).collect()
}

/// Every span with a `text` must equal the document text sliced by code points.
fn check_spans(doc: &Value) {
    let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
    let slice = |s: &Value| -> String {
        let (a, b) = (s["start"].as_u64().expect("start") as usize, s["end"].as_u64().expect("end") as usize);
        assert!(a <= b && b <= text.len(), "span {a}..{b} outside text of {}", text.len());
        text[a..b].iter().collect()
    };
    for s in doc["sentences"].as_array().expect("sentences") {
        let got = slice(s);
        assert!(!got.trim().is_empty() && got.trim() == got, "sentence span {s} is {got:?}");
    }
    for key in ["timexes", "quotes"] {
        for t in doc[key].as_array().expect("array") {
            assert_eq!(slice(t), t["text"].as_str().expect("text"));
        }
    }
    for t in doc["turns"].as_array().expect("turns") {
        assert_eq!(slice(&t["label"]), t["label"]["text"].as_str().expect("label text"));
    }
}

#[test]
fn analyze_example_emits_contract_json() {
    let path = examples().join("envoy-call.txt");
    let out = dossier(&["analyze", path.to_str().expect("utf-8 path"), "--published", "2025-10-16"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(doc["schema"], "dossier/1");
    assert_eq!(doc["doc"]["id"], "envoy-call");
    assert_eq!(doc["doc"]["published"], "2025-10-16");
    assert_eq!(doc["doc"]["published_from"], "cli");
    for key in ["entities", "timexes", "quotes", "events", "warnings", "sentences"] {
        assert!(doc[key].is_array(), "{key} missing");
    }
    assert_eq!(doc["sentences"].as_array().map(Vec::len), Some(10));
    check_spans(&doc);
}

#[test]
fn transcript_turns_are_structured() {
    let path = examples().join("call-transcript.txt");
    let out = dossier(&["analyze", path.to_str().expect("utf-8 path"), "--format", "jsonl"]);
    assert!(out.status.success());
    let docs = stdout_docs(&out);
    assert_eq!(docs[0]["doc"]["kind"], "transcript");
    let speakers: Vec<&str> =
        docs[0]["turns"].as_array().expect("turns").iter().filter_map(|t| t["speaker"].as_str()).collect();
    assert_eq!(speakers, ["Daniel Hartley", "Pavel Orlov", "Daniel Hartley", "Pavel Orlov", "Daniel Hartley"]);
    check_spans(&docs[0]);
}

#[test]
fn malformed_jsonl_line_is_reported_skipped_and_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(dir.path(), "batch.jsonl", b"{\"id\":\"a\",\"text\":\"First report.\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"Third report.\"}\n");
    let out = dossier(&["analyze", &f, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("batch.jsonl:2: malformed JSON"), "{stderr}");
    assert!(stderr.contains("2 document(s) analyzed, 1 skipped"), "{stderr}");
    let ids: Vec<Value> = stdout_docs(&out).iter().map(|d| d["doc"]["id"].clone()).collect();
    assert_eq!(ids, ["a", "c"]);
}

#[test]
fn binary_file_is_skipped_with_its_name_and_others_still_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = write(dir.path(), "image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let txt = write(dir.path(), "ok.txt", b"A short report.");
    let out = dossier(&["analyze", &bin, &txt, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("image.bin: binary file"), "{stderr}");
    assert_eq!(stdout_docs(&out).len(), 1);
}

#[test]
fn empty_file_and_invalid_utf8_are_handled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = write(dir.path(), "empty.txt", b"");
    let bad = write(dir.path(), "latin1.txt", b"Caf\xe9 talks ended.\nThe aide left.");
    let out = dossier(&["analyze", &empty, &bad, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = stdout_docs(&out);
    assert_eq!(docs[0]["warnings"][0]["kind"], "empty_document");
    assert_eq!(docs[0]["sentences"].as_array().map(Vec::len), Some(0));
    assert_eq!(docs[1]["warnings"][0]["kind"], "invalid_utf8");
    assert!(docs[1]["text"].as_str().expect("text").starts_with("Caf\u{fffd} talks"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("latin1.txt: replaced 1 invalid UTF-8 sequence"), "{stderr}");
    check_spans(&docs[1]);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut batch = String::new();
    for i in 0..150 {
        batch.push_str(&format!(
            "{{\"id\":\"d{i}\",\"published\":\"2025-10-{:02}\",\"text\":\"Report {i}. The envoy met the aide on day {i}. \\\"We talked,\\\" he said.\"}}\n",
            1 + i % 28
        ));
    }
    let f = write(dir.path(), "many.jsonl", batch.as_bytes());
    let one = dossier(&["analyze", &f, "--format", "jsonl", "-j", "1"]);
    let two = dossier(&["analyze", &f, "--format", "jsonl", "-j", "2"]);
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(stdout_docs(&one).len(), 150);
}

#[test]
fn stdin_is_read_when_no_path_is_given() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["analyze", "--format", "jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"id\":\"s1\",\"text\":\"From a pipe. Two sentences.\"}\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let docs = stdout_docs(&out);
    assert_eq!(docs[0]["doc"]["id"], "s1");
    assert_eq!(docs[0]["sentences"].as_array().map(Vec::len), Some(2));
}

#[test]
fn bad_published_date_is_a_clear_error() {
    let out = dossier(&["analyze", "--published", "next Tuesday", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--published") && stderr.contains("unknown date format"), "{stderr}");
}

#[test]
fn missing_file_is_named() {
    let out = dossier(&["analyze", "/no/such/report.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/report.txt"));
}

#[test]
fn parse_raw_writes_conllu_with_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(dir.path(), "raw.txt", "Zoë didn't call. Mr. Orlov did.".as_bytes());
    let out = dossier(&["parse", "--raw", &f]);
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn table_format_lists_sentences() {
    let path = examples().join("call-transcript.txt");
    let out = dossier(&["analyze", path.to_str().expect("utf-8 path"), "--format", "table"]);
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

/// A tiny treebank written for this test: enough to exercise training and loading, not to
/// learn English.
const TREEBANK: &str = "\
# text = The envoy called the aide.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tcalled\tcall\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\taide\taide\tNOUN\tNN\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = They spoke briefly.
1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_
3\tbriefly\tbriefly\tADV\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

#[test]
fn trained_syntax_models_load_with_the_model_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bank = write(dir.path(), "bank.conllu", TREEBANK.as_bytes());
    let models = dir.path().join("models");
    let models = models.to_str().expect("utf-8 path");
    let out = dossier(&["train", "tagger", "--train", &bank, "--out", models, "--epochs", "2", "--stack-folds", "0"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = dossier(&["train", "parser", "--train", &bank, "--out", models, "--epochs", "2", "--jackknife", "0"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = dossier(&["--syntax-model", models, "parse", "--conllu", &bank]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conllu = String::from_utf8_lossy(&out.stdout);
    assert_eq!(conllu.lines().filter(|l| l.starts_with(|c: char| c.is_ascii_digit())).count(), 10);
    // A directory without models is a clear error, not a fallback to the built-in ones.
    let out = dossier(&["--syntax-model", dir.path().to_str().expect("utf-8"), "parse", "--conllu", &bank]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tagger.bin"));
}
