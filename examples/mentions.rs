//! Prints who the resolver says each mention is, for a draft: a development aid for
//! reading the resolver's decisions on real copy.
//!
//!     cargo run --release --example mentions -- DRAFT [YYYY-MM-DD]

use copydesk::analysis::{analyze, Options};
use copydesk::date::Date;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: mentions DRAFT [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let kb = copydesk::config::load_kb(true, &copydesk::kb::style::HouseStyle::Draft, &[])
        .expect("starter KB");
    let options = Options {
        article_date: args.next().and_then(|d| Date::parse(&d)),
        ..Options::default()
    };
    let a = analyze(&text, &kb, &options);
    for m in &a.mentions.items {
        let who = match &m.target {
            copydesk::mentions::Target::Person(id) => kb.people[*id].name.clone(),
            copydesk::mentions::Target::Organization(id) => {
                format!("org {}", kb.organizations[*id].name)
            }
            copydesk::mentions::Target::Term(g, f) => format!("term {g}/{f}"),
            copydesk::mentions::Target::UnknownPerson(n) => format!("unknown {n}"),
        };
        if matches!(m.target, copydesk::mentions::Target::Term(..)) {
            continue;
        }
        println!(
            "{:>6} {:<28} {:<22} {:?}/{:?}{}",
            m.span.start,
            m.span.slice(&text),
            who,
            m.form,
            m.resolution,
            m.title
                .as_ref()
                .map_or(String::new(), |t| format!("  [{}]", t.text))
        );
    }
    for q in &a.article.quotes {
        if let Some(at) = &q.attribution {
            println!(
                "quote {:>6} speaker {:?} -> {:?}",
                q.span.start, at.speaker.text, at.speaker.resolved
            );
        }
    }
}
