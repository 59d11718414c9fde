//! The registry: every rule, one file each.

use super::Rule;

pub mod first_reference;
pub mod mixed_quote_style;
pub mod name_variant;
pub mod title_mismatch;
pub mod title_variant;
pub mod unattributed_quote;
pub mod unbalanced_quote;
pub mod unused_suppression;

pub static ALL: &[Rule] = &[
    Rule {
        meta: &unattributed_quote::META,
        check: unattributed_quote::check,
    },
    Rule {
        meta: &unbalanced_quote::META,
        check: unbalanced_quote::check,
    },
    Rule {
        meta: &mixed_quote_style::META,
        check: mixed_quote_style::check,
    },
    Rule {
        meta: &first_reference::META,
        check: first_reference::check,
    },
    Rule {
        meta: &name_variant::META,
        check: name_variant::check,
    },
    Rule {
        meta: &title_mismatch::META,
        check: title_mismatch::check,
    },
    Rule {
        meta: &title_variant::META,
        check: title_variant::check,
    },
    Rule {
        meta: &unused_suppression::META,
        check: unused_suppression::check,
    },
];

/// Writes `preferred` the way `written` is cased: ALL CAPS stays ALL CAPS, and a capital
/// first letter stays capital ("Advisor" → "Adviser", at a sentence's start or in a title).
pub(crate) fn match_case(written: &str, preferred: &str) -> String {
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !written.chars().any(char::is_lowercase) {
        return preferred.to_uppercase();
    }
    let mut p = preferred.chars();
    match (written.chars().next(), p.next()) {
        (Some(w), Some(f)) if w.is_uppercase() && f.is_lowercase() => {
            f.to_uppercase().chain(p).collect()
        }
        _ => preferred.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::{self, Context, LintConfig, Severity};
    use crate::mentions::{self, testkit::*};

    fn warnings(text: &str, on: &str) -> Vec<(&'static str, String)> {
        let kb = kb(SEED_KB);
        let a = seed_article();
        let m = mentions::find(text, &a, &kb);
        let config = LintConfig::default();
        let cx = Context {
            text,
            article: &a,
            kb: &kb,
            mentions: &m,
            config: &config,
            date: date(on),
        };
        lint::run(&cx)
            .into_iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| (f.rule, f.span.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn seed_gives_exactly_the_two_caption_title_variants() {
        assert_eq!(
            warnings(SEED, "2022-01-12"),
            [
                ("title-variant", "US".to_string()),
                ("title-variant", "Secretary General".to_string())
            ]
        );
    }

    #[test]
    fn seed_in_2025_gains_title_mismatch_on_stoltenberg() {
        let w = warnings(SEED, "2025-03-01");
        let mismatches: Vec<_> = w.iter().filter(|(r, _)| *r == "title-mismatch").collect();
        assert!(!mismatches.is_empty());
        assert!(mismatches
            .iter()
            .any(|(_, s)| s == "NATO Secretary-General Jens Stoltenberg"));
    }

    #[test]
    fn configured_severity_applies_but_rule_hints_stay_hints() {
        let kb = kb(SEED_KB);
        let t = "Alexander Grushko said no.\n\nLater Alexander Grushko said yes. Grushko left.";
        let a = article(t);
        let m = mentions::find(t, &a, &kb);
        let mut config = LintConfig::default();
        config
            .severities
            .insert("first-reference".into(), Some(Severity::Error));
        let cx = Context {
            text: t,
            article: &a,
            kb: &kb,
            mentions: &m,
            config: &config,
            date: date("2022-01-12"),
        };
        let f = lint::run(&cx);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
    }
}
