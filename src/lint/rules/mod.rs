//! The registry: every rule, one file each.

use super::Rule;

pub mod mixed_quote_style;
pub mod unattributed_quote;
pub mod unbalanced_quote;

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
];
