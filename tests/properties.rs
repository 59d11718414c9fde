//! Property tests (bounded, run in CI) for the invariants the fuzz targets also check:
//! spans on char boundaries, fixes that apply cleanly and spare quotations, `--fix`
//! idempotent, and the server's rope equal to a `String` after any edit sequence.

use copydesk::analysis::Options;
use copydesk::article::{Format, ParseOptions};
use copydesk::date::Date;
use copydesk::kb::{self, Kb};
use copydesk::lint::LintConfig;
use copydesk::server::position::Encoding;
use copydesk::server::replay::{self, Change};
use proptest::prelude::*;
use std::sync::OnceLock;

fn starter() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::from_files(kb::starter_files()))
}

fn seed() -> &'static str {
    static SEED: OnceLock<String> = OnceLock::new();
    SEED.get_or_init(|| {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/seed-article.txt"
        ))
        .expect("seed article")
    })
}

fn options(format: Format) -> Options {
    Options {
        parse: ParseOptions { format },
        article_date: None,
        today: Date::new(2022, 1, 12).expect("date"),
        lint: LintConfig::default(),
    }
}

/// Pieces of real copy: sentences, quotations with and without attribution, people and
/// titles from the starter KB in right and wrong forms, apostrophes, dashes, emoji.
const FRAGMENTS: &[&str] = &[
    "NATO Secretary General Jens Stoltenberg said the alliance was ready to talk.",
    "Secretary-General Jens Stoltenberg met Russian Deputy Foreign Minister Alexander Grushko.",
    "Stoltenberg told reporters in Brussels.",
    "“We are not going to compromise on core principles,” Stoltenberg said.",
    "“There is a real risk for a new armed conflict in Europe,” he said.",
    "“The talks were difficult but useful.”",
    "Kremlin spokesman Dmitry Peskov said Moscow's patience was running out.",
    "Peskov said on Wednesday.",
    "“It's a dead end,” said Ryabkov, Russia's deputy foreign minister.",
    "U.S. Deputy Secretary of State Wendy Sherman said the US would not back down.",
    "The UK and the U.K. government, the E.U. and the EU.",
    "Ukraine's president spoke from Kiev, not Kyiv.",
    "He said the “special military operation” had begun.",
    "‘Single quotes,’ she said, ‘are sometimes used.’",
    "\"Straight quotes are not the house style,\" Grushko said.",
    "An unclosed “quotation that runs on",
    "Reporting by Sabine Siebold; Editing by Toby Chopra",
    "BRUSSELS, Jan 12 (Reuters) -",
    "Zoë’s café 😀 — 中文 — naïve résumé.",
    "O'Brien and D’Souza didn't say.",
    "# A Markdown heading",
    "`code with “quotes” inside`",
    "<!-- an HTML comment -->",
    "<!-- copydesk-disable-next-line title-variant, unattributed-quote -->",
    "<!-- copydesk-disable -->",
    "<!-- copydesk-enable -->",
    "<!-- copydesk-disable unbalanced-quote -- epigraph -->",
    "<!-- copydesk-enable title-varaint -->",
    "https://example.com/a“b”",
    "",
];

const SEPARATORS: &[&str] = &[" ", "\n", "\n\n", "\r\n", "\r\n\r\n", "", "\r"];

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(FRAGMENTS),
            prop::sample::select(SEPARATORS),
        ),
        1..16,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, s)| format!("{f}{s}")).collect())
}

/// A slice of the seed article between two char boundaries, optionally with CRLF.
fn seed_slice() -> impl Strategy<Value = String> {
    (any::<prop::sample::Index>(), 0usize..3000, any::<bool>()).prop_map(|(at, len, crlf)| {
        let s = seed();
        let mut a = at.index(s.len());
        while !s.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (a + len).min(s.len());
        while !s.is_char_boundary(b) {
            b -= 1;
        }
        let t = &s[a..b];
        if crlf {
            t.replace('\n', "\r\n")
        } else {
            t.to_string()
        }
    })
}

/// Common given names the starter KB does not pair with these surnames, and surnames of
/// KB people (Rutte, Green, Lopez, Cruz, Mason …): drafts full of strangers who share a
/// famous surname, the case where `--fix` once rewrote people's names.
const GIVEN: &[&str] = &[
    "David", "Maria", "Tom", "Jim", "Angela", "Kathleen", "Ashraf", "Li", "Ted", "Sandra", "Keron",
    "Omar", "Zoë", "Marc",
];
const SURNAMES: &[&str] = &[
    "Green",
    "Rutte",
    "Lopez",
    "Cruz",
    "Mason",
    "Stanley",
    "Cooper",
    "Sanders",
    "Marcos",
    "Garrett",
    "Garett",
    "Stoltenberg",
    "Peskov",
    "Johnson",
    "Ghani",
    "Marin",
];
const FRAMES: &[&str] = &[
    "{} said the plan would work.",
    "Local teacher {} told reporters on Monday.",
    "“We will be there,” {} said.",
    "{}, an analyst at Morgan Stanley, disagreed.",
    "Sen. {} spoke first.",
    "{2} said later that the vote was close.",
    "Mr. {2} left early.",
    "The {2} family declined to comment.",
];

fn strangers() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(FRAMES),
            prop::sample::select(GIVEN),
            prop::sample::select(SURNAMES),
            prop::sample::select(&["\n\n", " "][..]),
        ),
        1..10,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(frame, g, s, sep)| {
                let full = format!("{g} {s}");
                frame.replace("{2}", s).replace("{}", &full) + sep
            })
            .collect()
    })
}

fn check(text: &str) -> Result<(), TestCaseError> {
    for format in [Format::Plain, Format::Markdown] {
        copydesk::invariants::check_text(text, starter(), &options(format))
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}\ntext: {text:?}")))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn generated_drafts_keep_every_analysis_and_fix_invariant(text in draft()) {
        check(&text)?;
    }

    #[test]
    fn slices_of_the_seed_keep_every_analysis_and_fix_invariant(text in seed_slice()) {
        check(&text)?;
    }

    #[test]
    fn drafts_of_strangers_with_kb_surnames_never_get_a_kb_name_written_in(text in strangers()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_strings_keep_every_analysis_and_fix_invariant(text in "\\PC{0,200}") {
        check(&text)?;
    }
}

#[test]
fn inputs_found_by_fuzzing_keep_every_invariant() {
    for text in [
        // A curly close made straight re-paired the marks and quoted the last character.
        "\"\"\"\u{201d}\u{fffd}",
        // A title after the name gave a reversed finding span.
        "“It's a dead end,” said Ryabkov, Russia's deputy foreign minister.The UK.",
    ] {
        check(text).unwrap();
    }
}

#[test]
fn the_seed_article_keeps_every_invariant_in_lf_and_crlf() {
    check(seed()).unwrap();
    check(&seed().replace('\n', "\r\n")).unwrap();
}

/// Text for the edit tests: the hard cases for positions.
const PIECES: &[&str] = &[
    "a", " ", "\n", "\r\n", "\r", "😀", "é", "中", "“", "”", "\0", "said ",
];

fn edit_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn coord(limit: u32) -> impl Strategy<Value = u32> {
    prop_oneof![
        8 => 0..limit,
        1 => (u32::MAX - 2)..=u32::MAX,
    ]
}

fn change() -> impl Strategy<Value = Change> {
    (
        prop::option::weighted(0.95, (coord(8), coord(16), coord(8), coord(16))),
        edit_text(6),
    )
        .prop_map(|(range, text)| Change { range, text })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn rope_equals_string_after_any_utf16_edit_sequence(
        initial in edit_text(40),
        changes in prop::collection::vec(change(), 0..24),
    ) {
        replay::check(&initial, &changes, Encoding::Utf16).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn rope_equals_string_after_any_utf8_edit_sequence(
        initial in edit_text(40),
        changes in prop::collection::vec(change(), 0..24),
    ) {
        replay::check(&initial, &changes, Encoding::Utf8).map_err(TestCaseError::fail)?;
    }
}

/// What an edit inserts: typing, paragraph breaks, quotation marks, speech cues, names
/// from the starter KB right and wrong, Markdown that changes the block structure.
const EDIT_PIECES: &[&str] = &[
    "a",
    " ",
    "\n",
    "\n\n",
    "“",
    "”",
    "\"",
    "’",
    ".",
    ",",
    " he said",
    " said Peskov",
    "Jens Stoltenberg",
    "Stoltenberg",
    "Secretary General ",
    "Sergey Ryabkov",
    "US",
    "```\n",
    "# ",
    "<!-- ",
    " -->",
    "<!-- copydesk-disable-next-line title-variant -->\n",
    "<!-- copydesk-disable -->",
    "copydesk-enable",
    "é😀",
];

/// One edit: where (a fraction of the text, in chars), how many chars to delete, what to
/// insert.
#[derive(Clone, Debug)]
struct Edit {
    at: prop::sample::Index,
    delete: usize,
    insert: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<prop::sample::Index>(),
        prop_oneof![3 => Just(0usize), 1 => 1usize..40],
        prop::collection::vec(prop::sample::select(EDIT_PIECES), 0..3).prop_map(|v| v.concat()),
    )
        .prop_map(|(at, delete, insert)| Edit { at, delete, insert })
}

fn apply(text: &mut String, e: &Edit) {
    let chars: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let a = e.at.index(chars.len());
    let b = (a + e.delete).min(chars.len() - 1);
    text.replace_range(chars[a]..chars[b], &e.insert);
}

/// After every edit, the incremental engine (memos warm from the versions before) gives
/// exactly the analysis a fresh `analyze` gives.
fn incremental_matches_full(initial: &str, edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut versions = vec![initial.to_string()];
    for e in edits {
        let mut next = versions[versions.len() - 1].clone();
        apply(&mut next, e);
        versions.push(next);
    }
    let kb = starter_arc();
    for format in [Format::Plain, Format::Markdown] {
        copydesk::invariants::check_incremental(&versions, &kb, &options(format))
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
    }
    Ok(())
}

fn starter_arc() -> std::sync::Arc<Kb> {
    static KB: OnceLock<std::sync::Arc<Kb>> = OnceLock::new();
    KB.get_or_init(|| std::sync::Arc::new(Kb::from_files(kb::starter_files())))
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn incremental_analysis_equals_full_analysis_after_random_edits_of_generated_drafts(
        initial in draft(),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        incremental_matches_full(&initial, &edits)?;
    }

    #[test]
    fn incremental_analysis_equals_full_analysis_after_random_edits_of_the_seed(
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        incremental_matches_full(seed(), &edits)?;
    }
}
