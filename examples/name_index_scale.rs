//! Measures the name index at newsroom scale: builds a generated KB of 100,000 people,
//! then finds mentions and runs the rules over a ~1 MB draft. Prints median times and
//! peak memory (Linux). Run with `cargo run --release --example name_index_scale`.

use copydesk::article::{Article, Paragraph, PartKind};
use copydesk::date::Date;
use copydesk::kb::{Kb, Organization, Person, Role, Term};
use copydesk::lint::{self, Context, LintConfig};
use copydesk::mentions;
use copydesk::text::Span;
use std::time::{Duration, Instant};

const SYL: [&str; 24] = [
    "ka", "lo", "mir", "sen", "tor", "va", "ber", "no", "ri", "shev", "an", "dre", "gu", "li",
    "ov", "ton", "mar", "el", "is", "ko", "zan", "pe", "ru", "din",
];

fn word(mut n: u64, parts: usize) -> String {
    let mut s = String::new();
    for _ in 0..parts {
        s.push_str(SYL[(n % 24) as usize]);
        n /= 24;
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn generated_kb(n: u64) -> Kb {
    let mut kb = Kb::default();
    for i in 0..1000u64 {
        kb.organizations.push(Organization {
            id: format!("org-{i}"),
            name: format!("{} Council", word(i * 7 + 3, 3)),
            demonyms: vec![format!("{}ian", word(i * 7 + 3, 3))],
            ..Organization::default()
        });
    }
    for i in 0..n {
        let first = word(i % 5000, 2);
        let last = word(i.wrapping_mul(2_654_435_761) % 24u64.pow(4), 4);
        kb.people.push(Person {
            id: format!("p-{i}"),
            name: format!("{first} {last}"),
            variants: vec![format!("{first} {last}h")],
            roles: vec![Role {
                title: "Minister".into(),
                org: Some(format!("org-{}", i % 1000)),
                start: Date::new(2010, 1, 1),
                end: Date::new(2020, 1, 1),
                ..Role::default()
            }],
            ..Person::default()
        });
    }
    kb.terms.push(Term {
        forms: vec!["Secretary-General".into(), "Secretary General".into()],
        prefer: Some("Secretary-General".into()),
    });
    kb.terms.push(Term {
        forms: vec!["U.S.".into(), "US".into()],
        prefer: None,
    });
    kb.reindex();
    kb
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "n/a".into())
}

fn main() {
    let seed = include_str!("../tests/fixtures/seed-article.txt");
    let mut builds = Vec::new();
    let mut kb = Kb::default();
    for _ in 0..3 {
        let t = Instant::now();
        kb = generated_kb(100_000);
        builds.push(t.elapsed());
    }
    let mut reindex = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        kb.reindex();
        reindex.push(t.elapsed());
    }
    println!("reindex alone (100k people): median {:?}", median(reindex));
    println!(
        "KB: {} people, {} patterns; build+index median {:?}; peak RSS {}",
        kb.people.len(),
        kb.index.pattern_count(),
        median(builds),
        peak_mb()
    );

    let mut text = String::new();
    let mut i = 0u64;
    while text.len() < 1_000_000 {
        text.push_str(seed);
        let p = &kb.people[(i * 7919 % 100_000) as usize];
        text.push_str(&format!(
            "\n\nMinister {} said the US and U.S. agreed.\n\n",
            p.name
        ));
        i += 1;
    }
    let mut article = Article::default();
    let mut start = 0;
    for (k, chunk) in text.split("\n\n").enumerate() {
        let end = start + chunk.len();
        if !chunk.trim().is_empty() {
            article.paragraphs.push(Paragraph {
                span: Span::new(start, end),
                kind: if k % 40 == 1 {
                    PartKind::Caption
                } else {
                    PartKind::Body
                },
                sentences: vec![],
            });
        }
        start = end + 2;
    }
    let config = LintConfig::default();
    let Some(date) = Date::new(2022, 1, 12) else {
        return;
    };
    let mut finds = Vec::new();
    let mut lints = Vec::new();
    let mut counts = (0, 0);
    let mut per_rule = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let m = mentions::find(&text, &article, &kb);
        finds.push(t.elapsed());
        let cx = Context {
            text: &text,
            article: &article,
            kb: &kb,
            mentions: &m,
            config: &config,
            date,
        };
        let t = Instant::now();
        let f = lint::run(&cx);
        lints.push(t.elapsed());
        counts = (m.items.len(), f.len());
        for rule in lint::rules::ALL {
            let t = Instant::now();
            let mut out = Vec::new();
            (rule.check)(&cx, &mut out);
            per_rule.push((rule.meta.id, t.elapsed(), out.len()));
        }
    }
    per_rule.sort_by_key(|r| r.0);
    for chunk in per_rule.chunks(5) {
        let times: Vec<Duration> = chunk.iter().map(|r| r.1).collect();
        println!(
            "  {}: median {:?}, {} findings",
            chunk[0].0,
            median(times),
            chunk[0].2
        );
    }
    println!(
        "{} bytes: {} mentions, median find {:?}; {} findings, median rules {:?}; peak RSS {}",
        text.len(),
        counts.0,
        median(finds),
        counts.1,
        median(lints),
        peak_mb()
    );
}
