//! Importers that turn public data into KB files: office-holder CSV snapshots, Wikidata
//! JSON dumps, Popolo JSON and the unitedstates/congress-legislators YAML. Each returns a [`KbFile`](super::KbFile) for
//! `toml::to_string`; none does network I/O.

pub mod congress;
pub mod officeholders;
pub mod popolo;
pub mod wikidata;

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// An import that could not finish: which input, and why.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {message}")]
    Data { path: String, message: String },
    #[error("{path}:{line}: {message}")]
    Line {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A KB id from a name: ASCII lowercase, diacritics dropped, other characters as `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ß' => 's',
            'ø' | 'Ø' => 'o',
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '\u{2019}' && c != '.' {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

/// Hands out unique ids: the slug of the name, or slug plus the Wikidata id (or a
/// counter) when two different people share a name.
#[derive(Default)]
pub struct IdAllocator {
    /// id → the key (e.g. QID) it was given for.
    taken: HashMap<String, String>,
}

impl IdAllocator {
    /// Reserves ids already used elsewhere (e.g. a curated file), so generated ones differ.
    pub fn reserve(&mut self, id: &str, key: &str) {
        self.taken.insert(id.to_string(), key.to_string());
    }

    pub fn id_for(&mut self, name: &str, key: &str) -> String {
        // A name with no Latin letters (an untranslated label) gets its key as id.
        let base = match slug(name) {
            s if s == "unnamed" && !key.is_empty() => slug(key),
            s => s,
        };
        let mut candidates = vec![base.clone()];
        if !key.is_empty() {
            candidates.push(format!("{base}-{}", slug(key)));
        }
        for c in candidates {
            match self.taken.get(&c) {
                Some(k) if k == key => return c,
                Some(_) => continue,
                None => {
                    self.taken.insert(c.clone(), key.to_string());
                    return c;
                }
            }
        }
        let mut n = 2;
        loop {
            let c = format!("{base}-{n}");
            if !self.taken.contains_key(&c) {
                self.taken.insert(c.clone(), key.to_string());
                return c;
            }
            n += 1;
        }
    }
}

/// A role end given only to the year or month is widened to the end of that period, so
/// an imprecise date never makes a holder look out of office while they were in it.
pub(crate) fn widen_end(raw: &str) -> Option<crate::date::Date> {
    let d = crate::date::Date::parse(raw)?;
    let parts = raw.trim().split('-').count();
    match parts {
        1 => crate::date::Date::new(d.year + 1, 1, 1),
        2 if d.month == 12 => crate::date::Date::new(d.year + 1, 1, 1),
        2 => crate::date::Date::new(d.year, d.month + 1, 1),
        _ => Some(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_diacritics_and_punctuation() {
        assert_eq!(slug("António Guterres"), "antonio-guterres");
        assert_eq!(slug("Jens Stoltenberg"), "jens-stoltenberg");
        assert_eq!(slug("George W. Bush"), "george-w-bush");
        assert_eq!(slug("Élisabeth Borne"), "elisabeth-borne");
        assert_eq!(slug("Ban Ki-moon"), "ban-ki-moon");
        assert_eq!(slug("!!!"), "unnamed");
    }

    #[test]
    fn ids_stay_unique_for_namesakes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.id_for("John Smith", "Q1"), "john-smith");
        assert_eq!(ids.id_for("John Smith", "Q1"), "john-smith");
        assert_eq!(ids.id_for("John Smith", "Q2"), "john-smith-q2");
        ids.reserve("jane-doe", "curated");
        assert_eq!(ids.id_for("Jane Doe", "Q3"), "jane-doe-q3");
        assert_eq!(ids.id_for("Токарев", "Q4459465"), "q4459465");
    }

    #[test]
    fn imprecise_ends_widen_to_the_period_end() {
        use crate::date::Date;
        assert_eq!(widen_end("2022"), Date::new(2023, 1, 1));
        assert_eq!(widen_end("2022-12"), Date::new(2023, 1, 1));
        assert_eq!(widen_end("2022-03"), Date::new(2022, 4, 1));
        assert_eq!(widen_end("2022-03-09"), Date::new(2022, 3, 9));
        assert_eq!(widen_end("soon"), None);
    }
}
