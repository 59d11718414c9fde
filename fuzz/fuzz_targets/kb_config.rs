//! Fuzz target: arbitrary bytes parsed as a KB file (TOML and JSON) and as a
//! `copydesk.toml`. Parsing never panics; an error's position lies inside the text; a KB
//! that parses loads and analyses a sentence naming its entries
//! without breaking any analysis invariant.
#![no_main]

use copydesk::analysis::Options;
use copydesk::config::Config;
use copydesk::date::Date;
use copydesk::kb::{self, Kb};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fn check_position(src: &str, line: usize, column: usize, what: &str) {
    // Lines end at \n, \r\n or a lone \r, as the error positions count them.
    let lines = 1 + src.matches('\n').count() + src.matches('\r').count()
        - src.matches("\r\n").count();
    assert!(
        line <= lines + 1,
        "{what} error on line {line} of a {lines}-line text: {src:?}"
    );
    let _ = column;
}

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    // The config path names a directory that does not exist, so KB path checks stay
    // lexical and the fuzzer touches no real files.
    match Config::parse_str(&src, Path::new("/nonexistent-copydesk-fuzz/copydesk.toml")) {
        Ok(c) => {
            for p in &c.kb {
                assert!(
                    p.starts_with("/nonexistent-copydesk-fuzz"),
                    "KB path {p:?} escapes the config's directory"
                );
            }
        }
        Err(e) => check_position(&src, e.line, e.column, "config"),
    }
    for path in ["fuzz.toml", "fuzz.json"] {
        match kb::parse_str(&src, path) {
            Ok(file) => {
                let mut sentence = String::from("“We will meet again next week,” ");
                for p in file.people.iter().take(3) {
                    sentence.push_str(&p.name);
                    sentence.push_str(" said. ");
                }
                for t in file.terms.iter().take(3) {
                    for f in t.forms.iter().take(3) {
                        sentence.push_str(f);
                        sentence.push(' ');
                    }
                }
                // The fuzzed file alone: building the starter's index on every input
                // would cut the fuzzer's speed tenfold.
                let kb = Kb::from_files([file]);
                let options = Options {
                    today: Date::new(2022, 1, 12).expect("a real date"),
                    ..Options::default()
                };
                if let Err(e) = copydesk::invariants::check_text(&sentence, &kb, &options) {
                    panic!("{e}\nKB: {src:?}");
                }
            }
            Err(e) => check_position(&src, e.line, e.column, path),
        }
    }
});
