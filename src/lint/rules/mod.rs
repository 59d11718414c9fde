//! The registry: every rule, one file each.

use super::Rule;

pub static ALL: &[Rule] = &[];
