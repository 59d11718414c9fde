//! The name automaton: every name, alias, variant and term form of a loaded KB in one
//! Aho-Corasick automaton, built once per KB load and shared.

use super::Kb;

#[derive(Clone, Debug, Default)]
pub struct NameIndex {}

impl NameIndex {
    pub fn build(kb: &Kb) -> NameIndex {
        let _ = kb;
        NameIndex {}
    }
}
