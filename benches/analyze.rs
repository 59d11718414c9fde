//! Speed of the one entry point both doors call, `analysis::analyze`: the seed article,
//! and 1 MB and 10 MB Markdown drafts built from varied paragraphs (every attribution
//! form, titles, names, code, links), each with the starter KB and with the starter KB
//! plus 100,000 generated people. Also loading and indexing that KB (JSON and TOML).
//! Run with `cargo bench --bench analyze`; figures go in BENCHMARKS.md, never in tests.
//! Under `cargo test --benches` each bench runs once on small inputs (1 kB–64 kB drafts,
//! a 2,000-person KB) so CI stays quick.

mod common;

use copydesk::analysis::{analyze, Incremental, Options};
use copydesk::article::Format;
use copydesk::kb::{parse_str, starter_files, Kb};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn people() -> u64 {
    if common::full_run() {
        100_000
    } else {
        2_000
    }
}

fn seed(c: &mut Criterion) {
    let kb = Kb::from_files(starter_files());
    let seed = include_str!("../tests/fixtures/seed-article.txt");
    let mut g = c.benchmark_group("analyze");
    let plain = Options::default();
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed-article/starter", |b| {
        b.iter(|| analyze(black_box(seed), &kb, &plain))
    });
    g.finish();
}

fn large(c: &mut Criterion) {
    let generated = common::generated_kb(people());
    let names = common::sample_names(&generated, 97);
    let starter = Kb::from_files(starter_files());
    let mut files = starter_files();
    files.push(generated);
    let big_kb = Kb::from_files(files);
    let sizes: &[(&str, usize)] = if common::full_run() {
        &[("1MB", 1 << 20), ("10MB", 10 << 20)]
    } else {
        &[("64kB", 64 << 10)]
    };
    let mut md = Options::default();
    md.parse.format = Format::Markdown;
    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    for &(label, size) in sizes {
        let text = common::article(size, &names);
        g.throughput(Throughput::Bytes(text.len() as u64));
        for (kb_label, kb) in [("starter", &starter), ("100k-people", &big_kb)] {
            g.bench_with_input(
                BenchmarkId::new(format!("markdown-{label}"), kb_label),
                &text,
                |b, text| b.iter(|| analyze(black_box(text), kb, &md)),
            );
        }
    }
    g.finish();
}

fn kb_load(c: &mut Criterion) {
    let generated = common::generated_kb(people());
    let json = serde_json::to_string(&generated).unwrap_or_default();
    let toml = toml::to_string(&generated).unwrap_or_default();
    let mut g = c.benchmark_group("kb-load-and-index");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    for (label, src, path) in [
        ("json", &json, "people.json"),
        ("toml", &toml, "people.toml"),
    ] {
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(format!("starter+{}-people/{label}", people()), |b| {
            b.iter(|| {
                let mut files = starter_files();
                files.extend(parse_str(black_box(src), path).ok());
                Kb::from_files(files)
            })
        });
    }
    g.finish();
}

/// Re-analysis after a one-character edit, as the server does per keystroke: a warm
/// `Incremental` engine analyses drafts that each differ from the one before by a
/// character inserted at a seeded random place (so one or two paragraphs changed).
fn incremental(c: &mut Criterion) {
    let kb = std::sync::Arc::new(Kb::from_files(starter_files()));
    let sizes: &[(&str, usize)] = if common::full_run() {
        &[("5000-words", 5_000), ("100000-words", 100_000)]
    } else {
        &[("300-words", 300)]
    };
    let mut md = Options::default();
    md.parse.format = Format::Markdown;
    let mut g = c.benchmark_group("incremental");
    for &(label, words) in sizes {
        let base = common::draft_words(words, &[]);
        let variants: Vec<String> = (0..64u64)
            .map(|k| {
                let mut at = (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 11) as usize % base.len();
                while !base.is_char_boundary(at) {
                    at -= 1;
                }
                let mut t = base.clone();
                t.insert(at, 'x');
                t
            })
            .collect();
        let mut engine = Incremental::new();
        engine.analyze(&base, &kb, &md);
        let mut k = 0;
        g.bench_function(format!("one-char-edit/{label}"), |b| {
            b.iter(|| {
                k = (k + 1) % variants.len();
                engine.analyze(black_box(&variants[k]), &kb, &md)
            })
        });
        g.bench_function(format!("full-analysis/{label}"), |b| {
            b.iter(|| analyze(black_box(&variants[0]), &kb, &md))
        });
    }
    g.finish();
}

criterion_group!(benches, seed, large, kb_load, incremental);
criterion_main!(benches);
