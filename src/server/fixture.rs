//! Test fixtures for the editor features: a draft with a `$0` cursor, analysed in-process
//! against a KB written in the test, so hover and completion tests read as "this text,
//! this cursor, this answer" (rust-analyzer's `check(fixture, expect![[…]])` style).

use super::position::Encoding;
use super::Snapshot;
use crate::analysis::{analyze, Options};
use crate::date::Date;
use crate::kb::{parse_str, Kb};
use ropey::Rope;
use std::str::FromStr;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// The cursor marker in a fixture.
pub const CURSOR: &str = "$0";

/// A KB from TOML written in a test (people, organisations, terms).
pub fn kb(src: &str) -> Arc<Kb> {
    Arc::new(Kb::from_files([
        parse_str(src, "test.toml").expect("test KB parses")
    ]))
}

/// The snapshot of `fixture` without its `$0`, analysed with `kb` on `date` (`None`: the
/// draft's own date, else a fixed "today" of 2026-12-02), and the cursor's byte offset.
pub fn snapshot(fixture: &str, kb: Arc<Kb>, date: Option<&str>) -> (Snapshot, usize) {
    let cursor = fixture.find(CURSOR).unwrap_or(fixture.len());
    let text = fixture.replacen(CURSOR, "", 1);
    let options = Options {
        article_date: date.and_then(Date::parse),
        today: Date::new(2026, 12, 2).expect("a date"),
        ..Options::default()
    };
    let analysis = analyze(&text, &kb, &options);
    let snap = Snapshot {
        uri: Uri::from_str("file:///desk/draft.txt").expect("a valid URI"),
        version: 1,
        generation: 1,
        rope: Rope::from_str(&text),
        text,
        analysis: Arc::new(analysis),
        kb,
        options,
        encoding: Encoding::Utf8,
        kb_target: None,
        inlay_speakers: false,
    };
    (snap, cursor)
}
