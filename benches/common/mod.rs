//! Generators shared by the benchmarks and the scale examples: drafts of any size
//! assembled from varied wire-copy paragraphs, and a newsroom-sized KB of generated people.
//! Everything is deterministic (seeded), so runs compare.
#![allow(dead_code)] // each bench target uses a different part of it

use copydesk::date::Date;
use copydesk::kb::{KbFile, Organization, Person, Role, Term};

/// Paragraphs in the shapes wire copy takes: quotes with every attribution form (after,
/// before, colon-introduced, "according to", pronoun, multi-paragraph, unattributed),
/// titles, names, Markdown (headings, links, code, lists, HTML comments, block quotes).
/// `{n}` becomes a running number so repeats are not byte-identical; `{p}` a KB name.
pub const PARAGRAPHS: &[&str] = &[
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
    "Minister {p} said the talks were “a first step”, and {p} later told reporters the US and U.S. positions were close.",
    "Officials said the NATO-Russia Council would meet again; the OSCE and the EU were told in a statement that “nothing is agreed until everything is agreed”.",
    "Russia's demands, laid out in two draft treaties in December, are unacceptable, the U.S. and U.K. said, warning of “massive consequences” if Moscow invaded.",
    "Peskov added that Moscow “will not tolerate” further expansion, and Grushko tweeted: «La sécurité européenne est indivisible».",
    "## Analysis {n}\n\nSee the [briefing](https://example.org/briefing/{n}?ref=wire) and the `NATO-Russia Council` notes below.",
    "```\n“code is never analysed,” he said\nSecretary General US UK\n```",
    "> “We have to be ready for the possibility that Russia walks away from diplomacy,” Stoltenberg wrote in a blog post.",
    "- President Joe Biden spoke with President Vladimir Putin by phone.\n- Prime Minister Boris Johnson said he was “deeply concerned”.\n- Chancellor Olaf Scholz asked: “What is the alternative?”",
    "Secretary General Jens Stoltenburg, whom {p} met in Vienna, said the NATO Secretary General would travel on.",
    "<!-- editor's note: check the Ryabkow spelling -->\nReporting by Robin Emmott; additional reporting by Dmitry Antonov; editing by Grant McCool (item {n})",
];

/// A Markdown draft of at least `target` bytes: front matter, a headline, then the
/// paragraphs in rotating order. `names` fill the `{p}` slots in turn (a KB's people, so
/// a large KB is exercised by the text); with no names, a starter-KB name is used.
pub fn article(target: usize, names: &[String]) -> String {
    let mut out = String::from(
        "---\ndate: 2022-01-12\n---\n\n# ‘No ultimatums’: Russia sets out security demands\n\n",
    );
    let mut n = 0usize;
    let mut k = 0usize;
    while out.len() < target {
        // Rotate the starting paragraph so neighbouring paragraphs vary between rounds.
        for i in 0..PARAGRAPHS.len() {
            let mut p = PARAGRAPHS[(i + n) % PARAGRAPHS.len()].replace("{n}", &n.to_string());
            while let Some(at) = p.find("{p}") {
                let name = if names.is_empty() {
                    "Sergei Lavrov"
                } else {
                    k = (k + 7919) % names.len();
                    names[k].as_str()
                };
                p.replace_range(at..at + 3, name);
            }
            out.push_str(&p);
            out.push_str("\n\n");
        }
        n += 1;
    }
    out
}

/// A draft of about `words` words (plain prose, paragraphs of ~60 words).
pub fn draft_words(words: usize, names: &[String]) -> String {
    let mut text = article(words * 7, names);
    // Cut at a paragraph break near the target length.
    let mut count = 0;
    let mut cut = text.len();
    for (i, _) in text.match_indices("\n\n") {
        count = text[..i].split_whitespace().count();
        if count >= words {
            cut = i + 2;
            break;
        }
    }
    let _ = count;
    text.truncate(cut);
    text
}

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

/// Titles a newsroom KB holds, many people per title (the shape that makes per-title
/// indexes large).
const TITLES: &[&str] = &[
    "Minister",
    "Foreign Minister",
    "Defence Minister",
    "Finance Minister",
    "Deputy Foreign Minister",
    "Ambassador",
    "Governor",
    "Mayor",
    "Senator",
    "President",
    "Prime Minister",
    "Chief Executive",
    "Spokesperson",
    "Secretary-General",
    "Chairman",
    "Judge",
];

/// A KB file of `n` generated people (with aliases, variants, one to three dated roles
/// in 1,000 generated organisations, some current on 2022-01-12), as one newsroom
/// import would hold them. Loaded after the starter KB it makes a newsroom-scale KB.
pub fn generated_kb(n: u64) -> KbFile {
    let mut f = KbFile::default();
    for i in 0..1000u64 {
        let name = word(i * 7 + 3, 3);
        f.organizations.push(Organization {
            id: format!("gen-org-{i}"),
            name: format!("{name} Council"),
            aliases: vec![format!("the {name} council")],
            demonyms: vec![format!("{name}ian")],
            ..Organization::default()
        });
    }
    for i in 0..n {
        let first = word(i % 5000, 2);
        let last = word(i.wrapping_mul(2_654_435_761) % 24u64.pow(4), 4);
        let mut roles = Vec::new();
        for r in 0..(1 + i % 3) {
            let y = 2000 + ((i + r * 7) % 22) as i32;
            roles.push(Role {
                title: TITLES[((i + r) % TITLES.len() as u64) as usize].into(),
                title_aliases: if r == 0 && i % 4 == 0 {
                    vec![format!("{} Minister", word(i % 97, 2))]
                } else {
                    vec![]
                },
                org: Some(format!("gen-org-{}", (i * 31 + r) % 1000)),
                start: Date::new(y, 1 + (i % 12) as u8, 1),
                end: if (i + r) % 3 == 0 {
                    None
                } else {
                    Date::new(y + 3, 1, 1)
                },
                ..Role::default()
            });
        }
        f.people.push(Person {
            id: format!("gen-{i}"),
            name: format!("{first} {last}"),
            aliases: if i % 10 == 0 {
                vec![format!("{} {last}", &first[..1])]
            } else {
                vec![]
            },
            variants: vec![format!("{first} {last}h")],
            roles,
            ..Person::default()
        });
    }
    f.terms.push(Term {
        forms: vec!["Secretary-General".into(), "Secretary General".into()],
        prefer: Some("Secretary-General".into()),
        ..Term::default()
    });
    f
}

/// Every `step`-th generated person's name, to sprinkle through a draft.
pub fn sample_names(f: &KbFile, step: usize) -> Vec<String> {
    f.people
        .iter()
        .step_by(step.max(1))
        .map(|p| p.name.clone())
        .collect()
}

/// Whether criterion runs for real (`cargo bench`) rather than once per bench as a test
/// (`cargo test --benches`): the large setups only pay off in the first case.
pub fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Peak and current resident memory of this process, in kB (Linux; 0 elsewhere).
pub fn own_memory_kb() -> (u64, u64) {
    memory_kb("/proc/self/status")
}

/// VmHWM and VmRSS from a `/proc/<pid>/status` file, in kB.
pub fn memory_kb(status: &str) -> (u64, u64) {
    let s = std::fs::read_to_string(status).unwrap_or_default();
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Median of a sample, and the values at the given percentiles (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
