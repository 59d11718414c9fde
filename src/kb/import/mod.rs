//! Importers that turn public data into KB files: office-holder CSV snapshots, Wikidata
//! JSON dumps, Popolo JSON and the unitedstates/congress-legislators YAML. Each returns a [`KbFile`](super::KbFile) for
//! `toml::to_string`; none does network I/O.

pub mod congress;
pub mod officeholders;
pub mod popolo;
pub mod wikidata;

use std::collections::HashMap;

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

/// A KB id from a name: the one slug function of the project (every importer and the
/// server's "Add to the workspace knowledge base" action call it). The name is
/// transliterated to ASCII (`deunicode`: Zoë Müller → zoe-muller, Łukasz → lukasz,
/// Владимир → vladimir, 习近平 → xi-jin-ping), lowercased, apostrophes and full stops
/// dropped, every other run of characters outside a-z and 0-9 written as one `-`. The
/// result always passes the loader's id check; a name with nothing to keep is `unnamed`.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(name, "-");
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '.' {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    // Ids are capped like every other KB string; cut at a word boundary when possible.
    const MAX: usize = 120;
    if out.len() > MAX {
        let cut = out[..MAX].rfind('-').filter(|&i| i > 0).unwrap_or(MAX);
        out.truncate(cut);
    }
    out
}

/// A name as the data gives it, with an ALL-CAPS name (some parliaments and registers
/// publish `JOHN MCCAIN`, `URSULA VON DER LEYEN`) written in the usual case: every
/// importer calls it. A name with any lower-case letter is left exactly as it is: the
/// data knows better than a rule (`danah boyd`, `DeSantis`).
pub fn name_case(name: &str) -> String {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&word_case(word, i == 0));
    }
    out
}

/// Particles written in lower case inside a name (not as its first word).
const PARTICLES: &[&str] = &[
    "al", "ap", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du",
    "el", "la", "le", "van", "von", "y", "zu",
];

/// Roman numerals and initialisms that stay capitals (`John Paul II`).
const KEEP_UPPER: &[&str] = &["II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"];

/// Names where `Mac` is not a prefix (Lingua::EN::NameCase's list).
const NOT_MAC: &[&str] = &[
    "macevicius",
    "machado",
    "machar",
    "machin",
    "machlin",
    "macias",
    "maciulis",
    "mackie",
    "mackle",
    "macklin",
    "mackmin",
    "macquarie",
    "macomber",
    "macin",
    "mackintosh",
    "macken",
    "machen",
    "machiel",
    "maciol",
    "mackell",
    "macklem",
    "mackrell",
    "maclin",
    "mackey",
    "mackley",
    "machell",
    "machon",
    "macey",
    "mace",
    "mack",
    "macon",
];

/// One space-separated word of an ALL-CAPS name: each hyphen part cased on its own
/// (`Jean-Claude`, `al-Baghdadi`), apostrophes starting a new capital (`O’Brien`,
/// `D'Souza`), `Mc`/`Mac` prefixes (`McCain`, `MacDonald`, but `Machado`).
fn word_case(word: &str, first: bool) -> String {
    if KEEP_UPPER.contains(&word.trim_end_matches([',', '.'])) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for (j, part) in word.split('-').enumerate() {
        if j > 0 {
            out.push('-');
        }
        let lower = part.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphabetic());
        // A particle stays lower case inside a name (`von der Leyen`, `al-Baghdadi`,
        // `Jean-de-Dieu`), capitalised only as the name's very first part (`De la Rúa`).
        if PARTICLES.contains(&bare) && !(first && j == 0) {
            out.push_str(&lower);
            continue;
        }
        out.push_str(&part_case(&lower));
    }
    out
}

/// A lower-cased name part with its capitals put back.
fn part_case(lower: &str) -> String {
    let mut s = capitalise(lower);
    // After an apostrophe: O’Brien, D'Souza (but not a possessive-looking `'s` end).
    for apos in ['\'', '\u{2019}'] {
        if let Some(i) = s.find(apos) {
            let after = &s[i + apos.len_utf8()..];
            if after.chars().count() >= 2 {
                s = format!("{}{}", &s[..i + apos.len_utf8()], capitalise(after));
            }
        }
    }
    let bare = lower.trim_matches(|c: char| !c.is_alphabetic());
    if let Some(rest) = s.strip_prefix("Mc") {
        if rest.chars().count() >= 2 {
            return format!("Mc{}", capitalise(rest));
        }
    }
    if let Some(rest) = s.strip_prefix("Mac") {
        let n = rest.chars().count();
        let last = rest.chars().last().unwrap_or('a');
        if n >= 3 && !"aciozj".contains(last) && !NOT_MAC.contains(&bare) {
            return format!("Mac{}", capitalise(rest));
        }
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
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
    fn slugs_transliterate_latin_diacritics_cyrillic_and_cjk_to_valid_ids() {
        for (name, id) in [
            ("Zoë Müller", "zoe-muller"),
            ("Łukasz Kowalski", "lukasz-kowalski"),
            ("Antonín Dvořák", "antonin-dvorak"),
            ("Søren Kierkegaard", "soren-kierkegaard"),
            ("Đorđe Balašević", "dorde-balasevic"),
            ("Gerhard Schröder", "gerhard-schroder"),
            ("Straße", "strasse"),
            ("Zoë O’Brien-Smith", "zoe-obrien-smith"),
            ("Владимир Путин", "vladimir-putin"),
            ("Сергей Рябков", "sergei-riabkov"),
            ("习近平", "xi-jin-ping"),
            ("  Anna  Berg ", "anna-berg"),
        ] {
            let got = slug(name);
            assert_eq!(got, id, "{name}");
            let file = format!("[[person]]\nid = \"{got}\"\nname = \"{name}\"\n");
            crate::kb::parse_str(&file, "t.toml").unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn all_caps_names_get_their_usual_case() {
        for (caps, name) in [
            ("JOHN MCCAIN", "John McCain"),
            ("RAMSAY MACDONALD", "Ramsay MacDonald"),
            ("ANTONIO MACHADO", "Antonio Machado"),
            ("MARY MACK", "Mary Mack"),
            ("MARY O’BRIEN", "Mary O’Brien"),
            ("DINESH D'SOUZA", "Dinesh D'Souza"),
            ("JEAN-CLAUDE JUNCKER", "Jean-Claude Juncker"),
            ("URSULA VON DER LEYEN", "Ursula von der Leyen"),
            ("CHARLES DE GAULLE", "Charles de Gaulle"),
            ("ABU BAKR AL-BAGHDADI", "Abu Bakr al-Baghdadi"),
            ("DE LA RÚA", "De la Rúa"),
            ("JOHN PAUL II", "John Paul II"),
            ("GEORGE W. BUSH", "George W. Bush"),
            ("ŁUKASZ DŁUGOSZ", "Łukasz Długosz"),
            ("ЮЛИЯ ТИМОШЕНКО", "Юлия Тимошенко"),
        ] {
            assert_eq!(name_case(caps), name, "{caps}");
        }
        // Names with lower case are the data's own spelling.
        for kept in ["Ron DeSantis", "danah boyd", "Xi Jinping", "U Thant"] {
            assert_eq!(name_case(kept), kept);
        }
        assert_eq!(name_case("JEAN-DE-DIEU SOMDA"), "Jean-de-Dieu Somda");
    }

    #[test]
    fn ids_stay_unique_for_namesakes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.id_for("John Smith", "Q1"), "john-smith");
        assert_eq!(ids.id_for("John Smith", "Q1"), "john-smith");
        assert_eq!(ids.id_for("John Smith", "Q2"), "john-smith-q2");
        ids.reserve("jane-doe", "curated");
        assert_eq!(ids.id_for("Jane Doe", "Q3"), "jane-doe-q3");
        assert_eq!(ids.id_for("Токарев", "Q4459465"), "tokarev");
        assert_eq!(ids.id_for("!!", "Q4459466"), "q4459466");
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
