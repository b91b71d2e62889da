//! WARC/ARC reading on archives built in the test, including broken ones.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use std::io::Write;

use dossier_web::warc::{WarcError, WarcReader};
use flate2::Compression;
use flate2::write::GzEncoder;
use proptest::prelude::*;

fn record(kind: &str, id: &str, uri: &str, block: &[u8], length: Option<usize>) -> Vec<u8> {
    let len = length.unwrap_or(block.len());
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-06T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}", body.len())
        .into_bytes()
}

fn page(n: usize) -> String {
    format!(
        "<html><body><article><p>Report number {n}: the council voted on the budget after a long debate about roads and schools.</p></article></body></html>"
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn read(bytes: Vec<u8>) -> Vec<Result<dossier_web::warc::Record, WarcError>> {
    WarcReader::new(std::io::Cursor::new(bytes)).unwrap().collect()
}

#[test]
fn plain_and_gzip_per_record() {
    let recs: Vec<Vec<u8>> = (1..=3)
        .map(|i| record("response", &format!("id-{i}"), &format!("https://ex.org/{i}"), &http(&page(i)), None))
        .collect();
    let plain: Vec<u8> = recs.concat();
    let gzipped: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
    for bytes in [plain, gzipped] {
        let out = read(bytes);
        assert_eq!(out.len(), 3);
        for (i, r) in out.iter().enumerate() {
            let r = r.as_ref().unwrap();
            assert_eq!(r.kind, "response");
            assert_eq!(r.record_id.as_deref(), Some(format!("<urn:uuid:id-{}>", i + 1).as_str()));
            let (body, ct) = r.payload().unwrap();
            assert!(ct.unwrap().contains("text/html"));
            assert_eq!(String::from_utf8(body).unwrap(), page(i + 1));
        }
    }
}

#[test]
fn lying_length_fields_are_reported_and_skipped() {
    let good1 = record("response", "a", "https://ex.org/a", &http(&page(1)), None);
    let block = http(&page(2));
    let too_long = record("response", "b", "https://ex.org/b", &block, Some(block.len() + 40));
    let too_short = record("response", "c", "https://ex.org/c", &block, Some(block.len() - 30));
    let good2 = record("response", "d", "https://ex.org/d", &http(&page(4)), None);
    let out = read([good1, too_long, too_short, good2].concat());
    let ids: Vec<String> = out.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.record_id.clone().unwrap()).collect();
    assert_eq!(ids.first().map(String::as_str), Some("<urn:uuid:a>"));
    assert_eq!(ids.last().map(String::as_str), Some("<urn:uuid:d>"), "{out:?}");
    let errors: Vec<&WarcError> = out.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(errors.iter().all(|e| !e.fatal && e.message.contains("Content-Length")), "{errors:?}");
}

#[test]
fn truncated_gzip_ends_with_a_fatal_error() {
    let recs: Vec<u8> = (1..=3)
        .flat_map(|i| gz(&record("response", &format!("t{i}"), "https://ex.org/", &http(&page(i)), None)))
        .collect();
    let cut = recs[..recs.len() - 25].to_vec();
    let out = read(cut);
    assert!(out[0].is_ok() && out[1].is_ok());
    let last = out.last().unwrap().as_ref().unwrap_err();
    assert!(last.fatal, "{last}");
    assert!(last.to_string().contains("record 3"), "{last}");
}

#[test]
fn truncated_plain_record() {
    let mut bytes = record("response", "x", "https://ex.org/", &http(&page(1)), None);
    bytes.truncate(bytes.len() - 60);
    let out = read(bytes);
    assert_eq!(out.len(), 1);
    assert!(out[0].as_ref().unwrap_err().message.contains("cut short"));
}

#[test]
fn arc_v1() {
    let body = http(&page(7));
    let desc = "1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut bytes =
        format!("filedesc://test.arc 0.0.0.0 20240306100000 text/plain {}\n{desc}\n", desc.len()).into_bytes();
    bytes
        .extend_from_slice(format!("http://ex.org/a b 127.0.0.1 20240306100000 text/html {}\n", body.len()).as_bytes());
    bytes.extend_from_slice(&body);
    bytes.push(b'\n');
    let out = read(bytes);
    assert_eq!(out.len(), 2, "{out:?}");
    let r = out[1].as_ref().unwrap();
    assert_eq!(r.target_uri.as_deref(), Some("http://ex.org/a b"));
    assert_eq!(String::from_utf8(r.payload().unwrap().0).unwrap(), page(7));
}

#[test]
fn chunked_and_gzip_encoded_http_bodies() {
    let body = page(9);
    let zipped = gz(body.as_bytes());
    let mut msg =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
    let (a, b) = zipped.split_at(zipped.len() / 2);
    for part in [a, b] {
        msg.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        msg.extend_from_slice(part);
        msg.extend_from_slice(b"\r\n");
    }
    msg.extend_from_slice(b"0\r\n\r\n");
    let out = read(record("response", "z", "https://ex.org/z", &msg, None));
    assert_eq!(String::from_utf8(out[0].as_ref().unwrap().payload().unwrap().0).unwrap(), body);
}

#[test]
fn not_an_archive() {
    let out = read(b"just some text\nand more\n".to_vec());
    assert_eq!(out.len(), 1);
    assert!(out[0].as_ref().unwrap_err().fatal);
    assert!(read(Vec::new()).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any corruption of a valid archive: no panic, the reader ends, and records that come
    /// out are whole.
    #[test]
    fn corrupted_archives_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
                                      cut in any::<prop::sample::Index>(), gzip in any::<bool>()) {
        let recs: Vec<Vec<u8>> = (1..=3).map(|i| record("response", &format!("p{i}"), "https://ex.org/", &http(&page(i)), None)).collect();
        let mut bytes: Vec<u8> = if gzip { recs.iter().flat_map(|r| gz(r)).collect() } else { recs.concat() };
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = cut.index(bytes.len() + 1);
        bytes.truncate(keep.max(bytes.len() * 3 / 4));
        let out = read(bytes);
        prop_assert!(out.len() <= 10);
        for r in out.iter().flatten() {
            let _ = r.payload();
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let mut b = b"WARC/1.0\r\n".to_vec();
        b.extend_from_slice(&bytes);
        let _ = read(b);
        let _ = read(bytes);
    }
}
