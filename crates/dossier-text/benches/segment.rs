//! Tokenizer and segmenter throughput on a synthetic news-like text written for this bench.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier_text::{Segmenter, Tokenizer};
use std::hint::black_box;

fn corpus() -> String {
    let para = "Mr. Lund, the U.S. envoy, met the Kremlin aide on Tuesday, Oct. 14, for \
                roughly two hours. \"We didn't agree on everything,\" he said afterwards; \
                the aide's office called the talks \"useful\". A 28-point plan was discussed \
                at 3 p.m. local time (see https://example.org/plan).\n\n";
    para.repeat(2000)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let seg = Segmenter::builtin().expect("model");
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tokenize", |b| b.iter(|| Tokenizer.tokenize(black_box(&text))));
    let tokens = Tokenizer.tokenize(&text);
    g.bench_function("split_sentences", |b| b.iter(|| seg.segment(black_box(&text), black_box(&tokens))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
