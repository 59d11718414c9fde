//! Speed of the one entry point both doors call, `analysis::analyze`: the seed article,
//! and 1 MB and 10 MB Markdown drafts built from varied paragraphs (every attribution
//! form, titles, names, code, links), each with the starter KB and with the starter KB
//! plus 100,000 generated people. Also loading and indexing that KB (JSON and TOML).
//! Run with `cargo bench --bench analyze`; figures go in BENCHMARKS.md, never in tests.
//! Under `cargo test --benches` each bench runs once on small inputs (1 kB–64 kB drafts,
//! a 2,000-person KB) so CI stays quick.

mod common;

use copydesk::analysis::{analyze, Options};
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

criterion_group!(benches, seed, large, kb_load);
criterion_main!(benches);
