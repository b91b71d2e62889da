//! `dossier extract` and `dossier analyze` on web inputs written for this test.

use std::process::{Command, Output};

use serde_json::Value;

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("runs dossier")
}

const PAGE: &str = r#"<html lang="en"><head><title>Ferry service restored | Bay Example</title>
<meta property="article:published_time" content="2023-07-14T08:00:00Z"><meta name="author" content="Ines Harlow"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry service restored</h1>
<p>The island ferry resumed its morning crossings on Friday after a week of repairs to the landing stage, the operator said.</p>
<p>Passengers had been taken across in smaller boats since the storm on July 7, and some had waited for hours in the rain.</p>
</article><footer>Contact the newsroom</footer></body></html>"#;

#[test]
fn extract_prints_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ferry.html");
    std::fs::write(&path, PAGE).unwrap();
    let out = dossier(&["extract", path.to_str().unwrap(), "--url", "https://bay.example/news/ferry"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Ferry service restored");
    assert_eq!(v["author"], "Ines Harlow");
    assert_eq!(v["published"], "2023-07-14");
    let text = v["text"].as_str().unwrap();
    assert!(text.starts_with("The island ferry resumed"), "{text}");
    assert!(!text.contains("Home") && !text.contains("newsroom"), "{text}");
}

#[test]
fn analyze_reads_html_and_warc_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("ferry.html");
    std::fs::write(&html, PAGE).unwrap();
    let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
    let mut warc = Vec::new();
    for (i, block) in [body.as_bytes(), b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG"].iter().enumerate() {
        warc.extend_from_slice(
            format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:r{i}>\r\nWARC-Target-URI: https://bay.example/{i}\r\nWARC-Date: 2023-07-20T00:00:00Z\r\nContent-Length: {}\r\n\r\n", block.len()).as_bytes(),
        );
        warc.extend_from_slice(block);
        warc.extend_from_slice(b"\r\n\r\n");
    }
    // A record whose length lies, then nothing: reported and skipped.
    warc.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort");
    let warc_path = dir.path().join("crawl.warc");
    std::fs::write(&warc_path, &warc).unwrap();
    let out = dossier(&[
        "analyze",
        "--pipeline",
        "segment",
        "--format",
        "jsonl",
        "-q",
        html.to_str().unwrap(),
        warc_path.to_str().unwrap(),
    ]);
    let docs: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 2, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "a broken record makes the run end with status 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("record 3") && stderr.contains("1 skipped"), "{stderr}");
    for d in &docs {
        assert_eq!(d["doc"]["kind"], "html");
        assert_eq!(d["doc"]["published"], "2023-07-14");
        let text = d["text"].as_str().unwrap();
        assert!(text.starts_with("The island ferry"));
        // The offset map points each text run into the page.
        let runs = d["doc"]["meta"]["html_map"]["runs"].as_array().unwrap();
        let chars: Vec<char> = text.chars().collect();
        for r in runs {
            let (ts, tl, hs, hl) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
                r[2].as_u64().unwrap() as usize,
                r[3].as_u64().unwrap() as usize,
            );
            let piece: String = chars[ts..ts + tl].iter().collect();
            if r[4].as_bool().unwrap() {
                assert_eq!(&PAGE[hs..hs + hl], piece);
            }
        }
    }
    assert_eq!(docs[1]["doc"]["meta"]["warc_record_id"], "<urn:uuid:r0>");
    assert_eq!(docs[1]["doc"]["url"], "https://bay.example/0");
}
