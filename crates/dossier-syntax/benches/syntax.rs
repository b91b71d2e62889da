//! Throughput of tagger + lemmatizer + parser on sentences written for the benchmark.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier_syntax::{Scratch, SentenceAnalysis, SyntaxModel};

const TEXT: &[&str] = &[
    "The envoy met the senior aide in Moscow on Tuesday and discussed a possible summit .",
    "Putin remarked that he believes the talks were useful , according to the Kremlin .",
    "Yuri Ushakov , a senior aide to Putin , said the meetings had ended without an agreement .",
    "Officials in Kyiv declined to comment on the proposal , which was first reported by Reuters .",
    "\" We are close to a deal , \" he told reporters after a five-hour meeting .",
    "The White House did not respond to a request for comment on Sunday .",
    "Negotiators will meet again next week in Geneva , two people familiar with the plan said .",
    "Prices rose 3.2 % in October , the statistics office said .",
];

fn bench(c: &mut Criterion) {
    let model = SyntaxModel::builtin().expect("builtin model");
    let sentences: Vec<Vec<&str>> = TEXT.iter().map(|s| s.split(' ').collect()).collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("syntax");
    group.throughput(Throughput::Elements(words as u64));
    group.bench_function("analyze_sentence", |b| {
        let mut scratch = Scratch::default();
        let mut out = SentenceAnalysis::default();
        b.iter(|| {
            for s in &sentences {
                model.analyze_sentence_with(s, &mut scratch, &mut out);
            }
            out.head.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
