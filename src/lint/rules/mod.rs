//! The registry: every rule, one file each.

use super::Rule;

pub mod first_reference;
pub mod name_variant;
pub mod title_mismatch;
pub mod title_variant;

pub static ALL: &[Rule] = &[
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
];

/// Writes `preferred` the way `written` is cased: ALL CAPS stays ALL CAPS.
pub(crate) fn match_case(written: &str, preferred: &str) -> String {
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !written.chars().any(char::is_lowercase) {
        preferred.to_uppercase()
    } else {
        preferred.to_string()
    }
}
