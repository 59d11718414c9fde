//! Times each phase of `analysis::analyze` on a draft (default: the seed article):
//! article parse, mentions, and every rule, as medians over many runs. For profiling by
//! hand: `cargo run --release --example phase_times [FILE]`.

use copydesk::analysis::{article_date, Options};
use copydesk::article;
use copydesk::kb::{starter_files, Kb};
use copydesk::lint::{rules, Context};
use copydesk::mentions;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        v.push(t.elapsed().as_secs_f64() * 1e6);
    }
    median(v)
}

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
        None => include_str!("../tests/fixtures/seed-article.txt").to_string(),
    };
    let t = Instant::now();
    let kb = Kb::from_files(starter_files());
    let load = t.elapsed().as_secs_f64() * 1e3;
    println!("{load:>10.1} ms  starter KB load + index");
    let options = Options::default();
    let runs = if text.len() > 100_000 { 20 } else { 2000 };
    let art = article::parse(&text, &options.parse, &kb);
    let (date, _) = article_date(&art, &options);
    let ms = mentions::find(&text, &art, &kb);
    println!(
        "{:>10}     mentions, {} findings",
        ms.items.len(),
        copydesk::analysis::analyze(&text, &kb, &options)
            .findings
            .len()
    );
    let cx = Context {
        text: &text,
        article: &art,
        kb: &kb,
        mentions: &ms,
        config: &options.lint,
        date,
    };
    // PHASE_ONLY=<phase> runs one phase ten times as often, for `perf record`.
    let only = std::env::var("PHASE_ONLY").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);
    let runs_of = |name: &str| {
        if only.is_some() && wanted(name) {
            runs * 10
        } else {
            runs
        }
    };
    if wanted("analyze") {
        let t = time(runs_of("analyze"), || {
            copydesk::analysis::analyze(&text, &kb, &options)
        });
        println!("{t:>10.1} µs  analyze");
    }
    if wanted("parse") {
        let t = time(runs_of("parse"), || {
            article::parse(&text, &options.parse, &kb)
        });
        println!("{t:>10.1} µs  article::parse");
    }
    if wanted("mentions") {
        let t = time(runs_of("mentions"), || mentions::find(&text, &art, &kb));
        println!("{t:>10.1} µs  mentions::find");
    }
    for rule in rules::ALL {
        if !wanted(rule.meta.id) {
            continue;
        }
        let t = time(runs_of(rule.meta.id), || {
            let mut out = Vec::new();
            (rule.check)(&cx, &mut out);
            out
        });
        println!("{t:>10.1} µs  {}", rule.meta.id);
    }
}
