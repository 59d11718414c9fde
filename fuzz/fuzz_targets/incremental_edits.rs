//! Fuzz target: a draft edited step by step, analysed after each step by one
//! `analysis::Incremental` engine, must give exactly what a fresh `analyze` gives.
#![no_main]

use arbitrary::Arbitrary;
use copydesk::analysis::Options;
use copydesk::article::{Format, ParseOptions};
use copydesk::date::Date;
use copydesk::kb::{starter_files, Kb};
use copydesk::lint::LintConfig;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

/// Pieces that move paragraph, quotation, cue and Markdown boundaries, and KB names.
const PIECES: &[&str] = &[
    "a", " ", "\n", "\n\n", "“", "”", "\"", "'", "’", ".", ",", ":", " he said", " said Peskov",
    "Jens Stoltenberg", "Stoltenberg", "Secretary General ", "NATO ", "Sergey Ryabkov", "US ",
    "```\n", "# ", "<!-- ", " -->", "`", "https://x.org/a", "é😀", "BRUSSELS, Jan 12 (Reuters) - ",
];

#[derive(Arbitrary, Debug)]
struct Input {
    initial: Vec<u8>,
    markdown: bool,
    edits: Vec<(u16, u8, Vec<u8>)>,
}

fn text_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| PIECES[usize::from(*b) % PIECES.len()]).collect()
}

fn kb() -> Arc<Kb> {
    static KB: OnceLock<Arc<Kb>> = OnceLock::new();
    KB.get_or_init(|| Arc::new(Kb::from_files(starter_files()))).clone()
}

fuzz_target!(|input: Input| {
    let mut text = text_of(&input.initial);
    let mut versions = vec![text.clone()];
    for (at, delete, insert) in input.edits.iter().take(16) {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let a = usize::from(*at) % bounds.len();
        let b = (a + usize::from(*delete % 32)).min(bounds.len() - 1);
        text.replace_range(bounds[a]..bounds[b], &text_of(insert));
        versions.push(text.clone());
    }
    let options = Options {
        parse: ParseOptions {
            format: if input.markdown { Format::Markdown } else { Format::Plain },
        },
        article_date: None,
        today: Date::new(2022, 1, 12).expect("date"),
        lint: LintConfig::default(),
    };
    if let Err(e) = copydesk::invariants::check_incremental(&versions, &kb(), &options) {
        panic!("{e}");
    }
});
