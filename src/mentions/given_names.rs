//! Given names as evidence: a capitalised word that is a common given name opens a
//! personal name (`Francisco Herrero` is a person, and `Francisco` there is no surname),
//! and its bearers' sex is a weak hint of the pronoun a person the KB does not know takes.
//! The table is data (`data/names/given-names.tsv`, from the U.S. SSA's public-domain
//! baby-name files; see `data/names/SOURCE.md`); the KB's own people add theirs.

use crate::article::Pronoun;
use crate::text::FastMap;
use std::sync::LazyLock;

/// `name<TAB>female share 0–100<TAB>bearers`, comment lines start with `#`.
const TABLE_TSV: &str = include_str!("../../data/names/given-names.tsv");

/// Fewer bearers than this and a name is too rare to be evidence on its own (it is also
/// a surname or a word more often than a given name: `Wells`, `Green`).
const EVIDENCE_BEARERS: u32 = 500;

/// Share of one sex above which the name hints at a pronoun.
const PRONOUN_SHARE: u8 = 95;

struct Entry {
    female: u8,
    bearers: u32,
}

static TABLE: LazyLock<FastMap<&'static str, Entry>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for line in TABLE_TSV.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(f), Some(n)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if let (Ok(female), Ok(bearers)) = (f.parse(), n.parse()) {
            map.insert(name, Entry { female, bearers });
        }
    }
    map
});

fn entry(word: &str) -> Option<&'static Entry> {
    TABLE.get(word)
}

/// True when `word` (as written, title case) is common enough as a given name to count
/// as evidence that a personal name starts with it.
pub fn is_common(word: &str) -> bool {
    entry(word).is_some_and(|e| e.bearers >= EVIDENCE_BEARERS)
}

/// The pronoun most bearers of the given name take, when nearly all take one.
pub fn pronoun_hint(word: &str) -> Option<Pronoun> {
    let e = entry(word)?;
    if e.bearers < EVIDENCE_BEARERS {
        None
    } else if e.female >= PRONOUN_SHARE {
        Some(Pronoun::She)
    } else if e.female <= 100 - PRONOUN_SHARE {
        Some(Pronoun::He)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_given_names_are_evidence_and_rare_ones_are_not() {
        assert!(is_common("Hillary"));
        assert!(is_common("Francisco"));
        assert!(is_common("Ted"));
        assert!(!is_common("Wells"), "too rare as a given name");
        assert!(!is_common("Peace"));
        assert!(!is_common("Pentagon"));
    }

    #[test]
    fn pronoun_hints_only_for_names_one_sex_nearly_always_bears() {
        assert_eq!(pronoun_hint("Angela"), Some(Pronoun::She));
        assert_eq!(pronoun_hint("Wayne"), Some(Pronoun::He));
        assert_eq!(pronoun_hint("Jordan"), None);
        assert_eq!(pronoun_hint("Zzyzx"), None);
    }
}
