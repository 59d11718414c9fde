//! Hash lookups over a merged KB (ids, names, variants, titles), rebuilt by
//! `Kb::reindex` so queries from rules and the server stay cheap.

use super::{Kb, OrgId, Person, PersonId};
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub(super) struct Lookup {
    pub person_ids: HashMap<String, PersonId>,
    pub org_ids: HashMap<String, OrgId>,
    /// Normalised name, alias, derived surname or variant → people.
    pub person_names: HashMap<String, Vec<PersonId>>,
    /// Normalised variant → people; a variant that is someone's right name is left out.
    pub person_variants: HashMap<String, Vec<PersonId>>,
    pub org_names: HashMap<String, Vec<OrgId>>,
    /// Normalised title or title alias → (person, role index).
    pub titles: HashMap<String, Vec<(PersonId, usize)>>,
}

/// Adds `v` under `key` once. Every caller pushes in KB order (ids ascending), so a
/// repeat can only be the last element: checking it keeps building linear even when one
/// key (a common title such as "Minister") gathers tens of thousands of entries.
fn push_unique<T: PartialEq>(map: &mut HashMap<String, Vec<T>>, key: String, v: T) {
    if key.is_empty() {
        return;
    }
    let slot = map.entry(key).or_default();
    if slot.last() != Some(&v) {
        slot.push(v);
    }
}

impl Lookup {
    pub fn build(kb: &Kb) -> Lookup {
        let mut l = Lookup::default();
        for (i, p) in kb.people.iter().enumerate() {
            l.person_ids.insert(p.id.clone(), i);
            push_unique(&mut l.person_names, normalize_key(&p.name), i);
            for a in &p.aliases {
                push_unique(&mut l.person_names, normalize_key(a), i);
            }
            if let Some(s) = person_surname(p) {
                push_unique(&mut l.person_names, normalize_key(s), i);
            }
            for (r, role) in p.roles.iter().enumerate() {
                push_unique(&mut l.titles, normalize_key(&role.title), (i, r));
                for t in &role.title_aliases {
                    push_unique(&mut l.titles, normalize_key(t), (i, r));
                }
            }
        }
        // Variants go in after every right name is known, so that one person's wrong
        // spelling that is another's real name is not reported as wrong.
        for (i, p) in kb.people.iter().enumerate() {
            for v in &p.variants {
                let key = normalize_key(v);
                if !l.person_names.contains_key(&key) {
                    push_unique(&mut l.person_variants, key.clone(), i);
                }
            }
        }
        for (key, ids) in &l.person_variants {
            for &i in ids {
                push_unique(&mut l.person_names, key.clone(), i);
            }
        }
        for (i, o) in kb.organizations.iter().enumerate() {
            l.org_ids.insert(o.id.clone(), i);
            let names = std::iter::once(&o.name)
                .chain(o.full_name.iter())
                .chain(&o.aliases)
                .chain(&o.variants)
                .chain(&o.demonyms);
            for n in names {
                push_unique(&mut l.org_names, normalize_key(n), i);
            }
        }
        l
    }
}

/// The lookup key for a name: lowercase, curly apostrophes and dashes folded, runs of
/// whitespace collapsed.
pub fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2013}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "qc", "kc"];

/// The surname of a full name as the last word, skipping generational and degree
/// suffixes ("Jr.", "III") and a trailing comma. `None` for a one-word name.
pub fn surname_of(name: &str) -> Option<&str> {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !w.is_empty())
        .collect();
    let mut end = words.len();
    while end > 1 {
        let w = words[end - 1].trim_end_matches('.').to_ascii_lowercase();
        if SUFFIXES.contains(&w.as_str()) {
            end -= 1;
        } else {
            break;
        }
    }
    if end < 2 {
        return None;
    }
    Some(words[end - 1])
}

/// A person's surname: a one-word alias that is a word of the name wins, because the
/// derived last word is wrong for family-name-first names ("Xi Jinping").
pub(super) fn person_surname(p: &Person) -> Option<&str> {
    let in_name = |a: &&String| {
        !a.contains(char::is_whitespace)
            && p.name
                .split_whitespace()
                .any(|w| w.trim_end_matches(',') == a.as_str())
    };
    p.aliases
        .iter()
        .find(in_name)
        .map(String::as_str)
        .or_else(|| surname_of(&p.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_skips_suffixes_and_needs_two_words() {
        assert_eq!(surname_of("Jens Stoltenberg"), Some("Stoltenberg"));
        assert_eq!(surname_of("Martin Luther King Jr."), Some("King"));
        assert_eq!(surname_of("Robert F. Kennedy, Jr."), Some("Kennedy"));
        assert_eq!(surname_of("George W. Bush III"), Some("Bush"));
        assert_eq!(surname_of("Naruhito"), None);
        assert_eq!(surname_of("  "), None);
    }

    #[test]
    fn keys_fold_case_apostrophes_and_spacing() {
        assert_eq!(normalize_key("  O\u{2019}Brien  Smith "), "o'brien smith");
        assert_eq!(normalize_key("NATO\u{2013}Russia"), "nato-russia");
    }

    #[test]
    fn one_word_alias_in_the_name_is_the_surname() {
        let p = Person {
            id: "xi".into(),
            name: "Xi Jinping".into(),
            aliases: vec!["Xi".into(), "President Xi".into()],
            ..Person::default()
        };
        assert_eq!(person_surname(&p), Some("Xi"));
        let q = Person {
            id: "b".into(),
            name: "Wendy Sherman".into(),
            aliases: vec!["Wendy R. Sherman".into()],
            ..Person::default()
        };
        assert_eq!(person_surname(&q), Some("Sherman"));
    }
}
