//! Findings and the rule registry. Each rule lives in its own file under `rules/`, with a
//! doc comment (What it does / Why is this bad? / Example / Use instead) that
//! `copydesk explain` prints and the server links from each diagnostic.

pub mod fix;
pub mod rules;
pub mod suppress;

pub use fix::{apply_edits, Edit, Fix, Provenance};

use crate::article::Article;
use crate::date::Date;
use crate::kb::Kb;
use crate::mentions::Mentions;
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a configured level; `Ok(None)` is "off".
    pub fn parse_level(s: &str) -> Result<Option<Severity>, String> {
        match s {
            "off" => Ok(None),
            "hint" => Ok(Some(Severity::Hint)),
            "info" => Ok(Some(Severity::Info)),
            "warning" => Ok(Some(Severity::Warning)),
            "error" => Ok(Some(Severity::Error)),
            other => Err(format!(
                "`{other}` is not a severity: use off, hint, info, warning or error"
            )),
        }
    }
}

/// Something elsewhere in the draft that explains a finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found in a draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

/// A rule's identity and documentation, declared with [`declare_rule!`].
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id (`unattributed-quote`).
    pub id: &'static str,
    /// The rule's doc comment, Markdown.
    pub doc: &'static str,
    pub default_severity: Severity,
}

/// docs/rules.md (generated from the rule docs `copydesk explain` prints) at the
/// repository named in Cargo.toml, so links follow the project if it moves.
pub const RULES_DOC: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

impl RuleMeta {
    /// The rule's section of docs/rules.md: diagnostics' `codeDescription`, SARIF's
    /// `helpUri`.
    pub fn help_uri(&self) -> String {
        format!("{RULES_DOC}#{}", self.id)
    }

    /// First line of the doc (the one-line summary).
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// Declares a rule's metadata from its doc comment, so the one text feeds `explain`, the
/// README and the diagnostic link.
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub static $name:ident = ($id:literal, $sev:expr);) => {
        $(#[doc = $doc])*
        pub static $name: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
            id: $id,
            doc: concat!($($doc, "\n"),*),
            default_severity: $sev,
        };
    };
}

/// Rule settings: per-rule severities (None = off) and quote thresholds.
#[derive(Clone, Debug, PartialEq)]
pub struct LintConfig {
    pub severities: BTreeMap<String, Option<Severity>>,
    /// Quotations shorter than this with no sentence punctuation are scare quotes.
    pub quote_min_words: usize,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            severities: BTreeMap::new(),
            quote_min_words: 4,
        }
    }
}

impl LintConfig {
    /// The configured severity of a rule, or its default; None when turned off.
    pub fn severity(&self, meta: &RuleMeta) -> Option<Severity> {
        match self.severities.get(meta.id) {
            Some(level) => *level,
            None => Some(meta.default_severity),
        }
    }
}

/// Everything a rule may read.
pub struct Context<'a> {
    pub text: &'a str,
    pub article: &'a Article,
    pub kb: &'a Kb,
    pub mentions: &'a Mentions,
    pub config: &'a LintConfig,
    /// The date titles are checked against.
    pub date: Date,
}

/// A rule: metadata plus a check that pushes findings at the rule's default severity
/// (the registry applies the configured one). A check may push a finding at a lower
/// severity than the default to downgrade it; [`run`] keeps the lower of that and the
/// configured severity.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Vec<Finding>),
}

/// The text that makes [`run`] panic once [`TEST_PANIC_ARMED`] is set, in debug builds.
#[doc(hidden)]
pub const TEST_PANIC_SENTINEL: &str = "COPYDESK_TEST_PANIC";

/// Test hook, debug builds only: the server arms it when started with the environment
/// variable `COPYDESK_TEST_PANIC`, so an end-to-end test can prove that a panicking
/// analysis is caught and logged instead of killing the server. Release builds have no
/// such path.
#[cfg(debug_assertions)]
#[doc(hidden)]
pub static TEST_PANIC_ARMED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Runs every enabled rule, drops what the draft's `copydesk-disable` directives silence
/// ([`suppress`]), and returns the findings sorted by position.
pub fn run(cx: &Context) -> Vec<Finding> {
    #[cfg(debug_assertions)]
    if TEST_PANIC_ARMED.load(std::sync::atomic::Ordering::Relaxed)
        && cx.text.contains(TEST_PANIC_SENTINEL)
    {
        panic!("test panic: the text holds {TEST_PANIC_SENTINEL}");
    }
    let mut all = Vec::new();
    for rule in rules::ALL {
        let Some(severity) = cx.config.severity(rule.meta) else {
            continue;
        };
        let mut found = Vec::new();
        (rule.check)(cx, &mut found);
        for mut f in found {
            // A finding at the rule's default takes the configured severity; a rule may
            // push a finding at a lower level (a floating quote is `info`), which the
            // configuration can lower further but never raise.
            f.severity = if f.severity == rule.meta.default_severity {
                severity
            } else {
                f.severity.min(severity)
            };
            all.push(f);
        }
    }
    all.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    suppress::apply(cx, all)
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::ALL.iter().find(|r| r.meta.id == id)
}
