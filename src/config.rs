//! `copydesk.toml`: KB paths, rule severities, article date, quote threshold; found by
//! walking up from the checked file.

use crate::date::Date;
use crate::lint::Severity;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A parsed `copydesk.toml`, with KB paths resolved against its directory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Where the file was read from, if anywhere.
    pub path: Option<PathBuf>,
    pub kb: Vec<PathBuf>,
    pub severities: BTreeMap<String, Option<Severity>>,
    pub article_date: Option<Date>,
    pub quote_min_words: Option<usize>,
}
