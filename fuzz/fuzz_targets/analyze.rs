//! Fuzz target: arbitrary bytes (read as lossy UTF-8) analysed as plain text and as
//! Markdown with the starter KB; every invariant in `copydesk::invariants` must hold.
#![no_main]

use copydesk::analysis::Options;
use copydesk::article::{Format, ParseOptions};
use copydesk::date::Date;
use copydesk::kb::{self, Kb};
use copydesk::lint::LintConfig;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::from_files(kb::starter_files()))
}

fn options(format: Format) -> Options {
    Options {
        parse: ParseOptions { format },
        article_date: None,
        // A fixed fallback date keeps runs reproducible.
        today: Date::new(2022, 1, 12).expect("a real date"),
        lint: LintConfig::default(),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [Format::Plain, Format::Markdown] {
        if let Err(e) = copydesk::invariants::check_text(&text, kb(), &options(format)) {
            panic!("{format:?}: {e}\ninput: {text:?}");
        }
    }
});
