//! Speed of the one entry point both doors call: analysing the seed article, and a ~1 MB
//! Markdown draft built from varied paragraphs (every attribution form, titles, names,
//! code, links), both with the starter KB. Medians go in the closing notes, never in tests.

use copydesk::analysis::{analyze, Options};
use copydesk::article::Format;
use copydesk::kb::{starter_files, Kb};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// Paragraphs in the shapes wire copy takes. `{n}` is replaced by a running number so
/// that repeats are not byte-identical.
const PARAGRAPHS: &[&str] = &[
    "BRUSSELS, Jan 12 (Reuters) - NATO Secretary-General Jens Stoltenberg met Russian Deputy Foreign Minister Alexander Grushko for round {n} of talks on Wednesday.",
    "“We are not negotiating from a position of strength,” Kremlin spokesperson Dmitry Peskov said in Moscow.",
    "“Let’s be clear: Russian actions have precipitated this crisis,” U.S. envoy to NATO Julianne Smith told reporters on Tuesday evening.",
    "“We want to see … Russia pulling back its forces,” she said of the 100,000 troops stationed near Ukraine.",
    "Deputy Secretary of State Wendy Sherman said: “We were firm, pushing back on security proposals that are simply non-starters.”",
    "“There is a real risk of a new armed conflict in Europe,” said Stoltenberg, who has led the alliance since 2014.",
    "“Our main goal is, in principle, to establish a dialogue,” U.S. ambassador to the OSCE, Michael Carpenter, said.",
    "According to Deputy Foreign Minister Sergei Ryabkov, the talks were “difficult, long, very professional”.",
    "“The alliance will not compromise on core principles.",
    "“Every ally decides its own path,” the statement said. “That will not change.”",
    "A spokesman for the ministry said the drills, number {n} this winter, were “routine” and “planned long in advance”.",
    "The 'No ultimatums' headline ran in the ’90s style of rock ’n’ roll copy, the Alliance's editors insisted.",
    "Officials said the NATO-Russia Council would meet again; the OSCE and the EU were told in a statement that “nothing is agreed until everything is agreed”.",
    "Russia's demands, laid out in two draft treaties in December, are unacceptable, the U.S. and U.K. said, warning of “massive consequences” if Moscow invaded.",
    "Peskov added that Moscow “will not tolerate” further expansion, and Grushko tweeted: «La sécurité européenne est indivisible».",
    "## Analysis {n}\n\nSee the [briefing](https://example.org/briefing/{n}?ref=wire) and the `NATO-Russia Council` notes below.",
    "```\n“code is never analysed,” he said\nSecretary General US UK\n```",
    "> “We have to be ready for the possibility that Russia walks away from diplomacy,” Stoltenberg wrote in a blog post.",
    "- President Joe Biden spoke with President Vladimir Putin by phone.\n- Prime Minister Boris Johnson said he was “deeply concerned”.\n- Chancellor Olaf Scholz asked: “What is the alternative?”",
    "<!-- editor's note: check the Ryabkow spelling -->\nReporting by Robin Emmott; additional reporting by Dmitry Antonov; editing by Grant McCool (item {n})",
];

fn big_article(target: usize) -> String {
    let mut out = String::from(
        "---\ndate: 2022-01-12\n---\n\n# ‘No ultimatums’: Russia sets out security demands\n\n",
    );
    let mut n = 0usize;
    while out.len() < target {
        // Rotate the starting paragraph so neighbouring paragraphs vary between rounds.
        for i in 0..PARAGRAPHS.len() {
            let p = PARAGRAPHS[(i + n) % PARAGRAPHS.len()];
            out.push_str(&p.replace("{n}", &n.to_string()));
            out.push_str("\n\n");
        }
        n += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let kb = Kb::from_files(starter_files());
    let seed = include_str!("../tests/fixtures/seed-article.txt");
    let mut g = c.benchmark_group("analyze");

    let plain = Options::default();
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed-article", |b| {
        b.iter(|| analyze(black_box(seed), &kb, &plain))
    });

    let big = big_article(1 << 20);
    let mut md = Options::default();
    md.parse.format = Format::Markdown;
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.bench_function("one-megabyte-markdown", |b| {
        b.iter(|| analyze(black_box(&big), &kb, &md))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
