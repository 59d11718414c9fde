//! The name automaton: every name, alias, variant and term form of a loaded KB in one
//! Aho-Corasick automaton, built once per KB load and shared.
//!
//! Matching runs over a folded copy of the text (lower case, no diacritics, dashes and
//! whitespace runs as one space) with a byte map back to the original, so one pattern
//! per folded key covers `Secretary-General`/`Secretary General`/`Secretary–General`
//! and `Zelensky`/`Zelenský`. Case is then checked against the original text: exact,
//! a sentence-initial capital on a lower-case alias, or an ALL-CAPS caption.

use super::{Kb, OrgId, PersonId};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use std::sync::OnceLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::text::Span;

/// Which of a person's names a pattern came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonForm {
    FullName,
    /// `aliases[index]` (a single-word alias that is a word of the name is a surname).
    Alias,
    /// The surname: derived from the name, or a one-word alias taken from it.
    Surname,
    /// `variants[index]`: a known wrong spelling.
    Variant,
}

/// Which of an organisation's names a pattern came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgForm {
    Name,
    FullName,
    Alias,
    Variant,
    Demonym,
}

/// One KB entry behind a pattern. `index` points into the list the form names
/// (aliases, variants, demonyms); it is 0 for single-valued forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    Person {
        id: PersonId,
        form: PersonForm,
        index: usize,
    },
    Org {
        id: OrgId,
        form: OrgForm,
        index: usize,
    },
    Term {
        group: usize,
        form: usize,
    },
}

impl Entry {
    /// The KB text this entry was built from, as the KB spells it.
    pub fn text<'k>(&self, kb: &'k Kb) -> &'k str {
        match *self {
            Entry::Person { id, form, index } => {
                let Some(p) = kb.people.get(id) else {
                    return "";
                };
                match form {
                    PersonForm::FullName => &p.name,
                    PersonForm::Alias => p.aliases.get(index).map_or("", |s| s.as_str()),
                    PersonForm::Variant => p.variants.get(index).map_or("", |s| s.as_str()),
                    // `usize::MAX` marks a surname derived from the name.
                    PersonForm::Surname => match p.aliases.get(index) {
                        Some(a) => a,
                        None => derived_surname(&p.name).unwrap_or(""),
                    },
                }
            }
            Entry::Org { id, form, index } => {
                let Some(o) = kb.organizations.get(id) else {
                    return "";
                };
                let pick = |v: &'k Vec<String>| v.get(index).map_or("", |s| s.as_str());
                match form {
                    OrgForm::Name => &o.name,
                    OrgForm::FullName => o.full_name.as_deref().unwrap_or(""),
                    OrgForm::Alias => pick(&o.aliases),
                    OrgForm::Variant => pick(&o.variants),
                    OrgForm::Demonym => pick(&o.demonyms),
                }
            }
            Entry::Term { group, form } => kb
                .terms
                .get(group)
                .and_then(|t| t.forms.get(form))
                .map_or("", |s| s.as_str()),
        }
    }
}

/// One accepted match in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The name as written, without a possessive `’s`.
    pub span: Span,
    /// Followed by `’s` / `'s`.
    pub possessive: bool,
    /// Every entry whose spelling the written text agrees with (case rules applied).
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    automaton: Option<AhoCorasick>,
    /// Entries of pattern `k` are `entries[starts[k]..starts[k + 1]]`.
    entries: Vec<Entry>,
    starts: Vec<usize>,
    /// Surnames by one-deletion neighbourhood, for near-miss lookups; built on first use.
    near: OnceLock<Vec<(u64, PersonId)>>,
}

/// The surname of a full name: the last word, generational and degree suffixes skipped
/// (one definition, in `kb::lookup`).
pub fn derived_surname(name: &str) -> Option<&str> {
    super::lookup::surname_of(name)
}

impl NameIndex {
    pub fn build(kb: &Kb) -> NameIndex {
        // Every (folded key, entry) pair, keys written once into one buffer: no map and no
        // `String` per form. Sorting the pairs by key both groups them (a stable sort keeps
        // KB order within a key, so earlier entries win ties) and hands the automaton its
        // patterns in sorted order, which builds its trie along shared prefixes (about a
        // third faster for a 100,000-person KB than insertion order). Pattern numbers are
        // private to this index, so their order changes no answer: a leftmost-longest
        // match is one key whatever the numbering.
        let mut buf = String::new();
        let mut pairs: Vec<(u32, u32, Entry)> = Vec::new();
        let mut add = |text: &str, entry: Entry| {
            let from = buf.len();
            fold_into(text, &mut buf);
            let key = buf[from..].trim();
            if key.is_empty() {
                buf.truncate(from);
                return;
            }
            let (start, len) = (key.as_ptr() as usize - buf.as_ptr() as usize, key.len());
            // Keys are short (MAX_FORM_CHARS), and a KB over 4 GB of names is not loaded.
            pairs.push((start as u32, len as u32, entry));
        };
        for (id, p) in kb.people.iter().enumerate() {
            let person = |form, index| Entry::Person { id, form, index };
            add(&p.name, person(PersonForm::FullName, 0));
            // The alias that is the person's surname, by the one definition in kb::lookup.
            let sa = super::lookup::person_surname(p)
                .and_then(|s| p.aliases.iter().position(|a| a == s));
            for (i, a) in p.aliases.iter().enumerate() {
                let form = if Some(i) == sa {
                    PersonForm::Surname
                } else {
                    PersonForm::Alias
                };
                add(a, person(form, i));
            }
            if sa.is_none() {
                if let Some(s) = derived_surname(&p.name) {
                    add(s, person(PersonForm::Surname, usize::MAX));
                }
            }
            for (i, v) in p.variants.iter().enumerate() {
                add(v, person(PersonForm::Variant, i));
            }
        }
        for (id, o) in kb.organizations.iter().enumerate() {
            let org = |form, index| Entry::Org { id, form, index };
            add(&o.name, org(OrgForm::Name, 0));
            if let Some(f) = &o.full_name {
                add(f, org(OrgForm::FullName, 0));
            }
            for (i, a) in o.aliases.iter().enumerate() {
                add(a, org(OrgForm::Alias, i));
            }
            for (i, v) in o.variants.iter().enumerate() {
                add(v, org(OrgForm::Variant, i));
            }
            for (i, d) in o.demonyms.iter().enumerate() {
                add(d, org(OrgForm::Demonym, i));
            }
        }
        for (group, t) in kb.terms.iter().enumerate() {
            for (form, f) in t.forms.iter().enumerate() {
                add(f, Entry::Term { group, form });
            }
        }
        let key =
            |&(start, len, _): &(u32, u32, Entry)| &buf[start as usize..(start + len) as usize];
        pairs.sort_by(|a, b| key(a).cmp(key(b)));
        let mut patterns: Vec<&str> = Vec::new();
        let mut starts = Vec::new();
        let mut entries = Vec::with_capacity(pairs.len());
        for pair in &pairs {
            let k = key(pair);
            if patterns.last() != Some(&k) {
                patterns.push(k);
                starts.push(entries.len());
            }
            entries.push(pair.2);
        }
        starts.push(entries.len());
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        NameIndex {
            automaton,
            entries,
            starts,
            near: OnceLock::new(),
        }
    }

    /// Number of distinct folded patterns.
    pub fn pattern_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn entries_of(&self, key: usize) -> &[Entry] {
        match (self.starts.get(key), self.starts.get(key + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }

    /// Every name in `text` on word boundaries, leftmost-longest, in text order.
    pub fn find(&self, kb: &Kb, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let Some(ac) = &self.automaton else {
            return hits;
        };
        let folded = Folded::new(text);
        let hay = folded.text.as_str();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let start = folded.starts[m.start()];
            let end = folded.ends[m.end() - 1];
            let accepted = self.accept(kb, text, start, end, m.pattern().as_usize());
            match accepted {
                Some(hit) => {
                    hits.push(hit);
                    pos = m.end();
                }
                None => {
                    let step = hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                    pos = m.start() + step;
                }
            }
        }
        hits
    }

    fn accept(&self, kb: &Kb, text: &str, start: usize, end: usize, key: usize) -> Option<Hit> {
        let written = text.get(start..end)?;
        let first = written.chars().next()?;
        let last = written.chars().next_back()?;
        if first.is_alphanumeric() && text[..start].chars().next_back().is_some_and(is_word) {
            return None;
        }
        if last.is_alphanumeric() && text[end..].chars().next().is_some_and(is_word) {
            return None;
        }
        let cased = fold(written, false);
        let entries: Vec<Entry> = self
            .entries_of(key)
            .iter()
            .copied()
            .filter(|e| case_agrees(&cased, &fold(e.text(kb), false)))
            .collect();
        if entries.is_empty() {
            return None;
        }
        let rest = &text[end..];
        let possessive = ["’s", "'s"].iter().any(|s| {
            rest.strip_prefix(s)
                .is_some_and(|r| !r.chars().next().is_some_and(is_word))
        });
        Some(Hit {
            span: Span::new(start, end),
            possessive,
            entries,
        })
    }

    /// The entries naming exactly `name` (the whole string is one name).
    pub fn lookup(&self, kb: &Kb, name: &str) -> Vec<Entry> {
        let trimmed = name.trim();
        let mut hits = self.find(kb, trimmed);
        match hits.pop() {
            Some(h) if hits.is_empty() && h.span == Span::new(0, trimmed.len()) => h.entries,
            _ => Vec::new(),
        }
    }

    /// The one KB person `name` (full name, alias or surname as written) stands for;
    /// `None` when unknown or ambiguous. Backs [`crate::article::NameHints`] for the KB.
    pub fn person_named(&self, kb: &Kb, name: &str) -> Option<PersonId> {
        let mut ids: Vec<PersonId> = self
            .lookup(kb, name)
            .into_iter()
            .filter_map(|e| match e {
                Entry::Person { id, .. } => Some(id),
                _ => None,
            })
            .collect();
        ids.dedup();
        match ids.as_slice() {
            [id] => Some(*id),
            _ => None,
        }
    }

    /// KB people whose surname is one edit (substitution, insertion, deletion or
    /// transposition) from `word`, for surnames of five letters or more. Exact
    /// matches are not near misses and are left out.
    pub fn near_surnames(&self, kb: &Kb, word: &str) -> Vec<PersonId> {
        let w = fold(word, true);
        if w.chars().count() < 4 {
            return Vec::new();
        }
        let near = self.near.get_or_init(|| build_near(kb));
        let mut out = Vec::new();
        let mut folded_surname = String::new();
        neighbourhood(&w, |h| {
            let i = near.partition_point(|(k, _)| *k < h);
            for &(k, id) in &near[i..] {
                if k != h {
                    break;
                }
                if out.contains(&id) {
                    continue;
                }
                let Some(s) = person_surname(kb, id) else {
                    continue;
                };
                folded_surname.clear();
                fold_each(s, true, |_, _, piece| folded_surname.push_str(piece));
                if folded_surname != w && osa_distance(&folded_surname, &w) == 1 {
                    out.push(id);
                }
            }
        });
        out
    }
}

/// The surname the KB accepts for a person (one-word alias from the name, else derived).
pub fn person_surname(kb: &Kb, id: PersonId) -> Option<&str> {
    kb.people.get(id).and_then(super::lookup::person_surname)
}

fn build_near(kb: &Kb) -> Vec<(u64, PersonId)> {
    let mut v = Vec::new();
    for id in 0..kb.people.len() {
        let Some(s) = person_surname(kb, id) else {
            continue;
        };
        let s = fold(s, true);
        if s.chars().count() < 5 {
            continue;
        }
        neighbourhood(&s, |h| v.push((h, id)));
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Calls `each` with the hash of every string one character deletion away from `s`
/// (in character order), then with the hash of `s` itself: two words within one
/// insertion, deletion, substitution or adjacent swap of each other share a hash. Hashes,
/// not strings, so a probe allocates nothing; a shared hash is only a candidate, callers
/// confirm with [`osa_distance`].
pub fn neighbourhood(s: &str, mut each: impl FnMut(u64)) {
    for (i, c) in s.char_indices() {
        each(fnv(
            fnv(FNV_OFFSET, &s.as_bytes()[..i]),
            &s.as_bytes()[i + c.len_utf8()..],
        ));
    }
    each(fnv(FNV_OFFSET, s.as_bytes()));
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, continued from `h` (so a string can be hashed in pieces).
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
pub fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Exact; or a lower-case pattern written with a capital first letter (sentence start);
/// or ALL-CAPS writing of a mixed-case name (photo captions, headlines).
fn case_agrees(written: &str, pattern: &str) -> bool {
    if written == pattern {
        return true;
    }
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2
        && !written.chars().any(char::is_lowercase)
        && pattern.chars().any(char::is_lowercase)
        && written.to_lowercase() == pattern.to_lowercase()
    {
        return true;
    }
    let (mut w, mut p) = (written.chars(), pattern.chars());
    match (w.next(), p.next()) {
        (Some(a), Some(b)) if b.is_lowercase() && a.to_lowercase().eq(b.to_lowercase()) => {
            w.as_str() == p.as_str()
        }
        _ => false,
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// Letters NFD leaves whole.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ı' => "i",
        'þ' => "th",
        'Þ' => "Th",
        _ => return None,
    })
}

/// Folds `s` for comparison: no diacritics, dashes and whitespace runs as one space,
/// lower case when `lower`.
pub fn fold(s: &str, lower: bool) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, lower, |_, _, piece| out.push_str(piece));
    out
}

/// [`fold`] with `lower`, appended to `out`.
fn fold_into(s: &str, out: &mut String) {
    // Most KB forms are ASCII words with single spaces; those fold to their lower case.
    // Any dash, other spacing or non-ASCII character takes the general path.
    let mut prev = b'x';
    let plain = s.bytes().all(|b| {
        let ok = if b == b' ' {
            prev != b' '
        } else {
            b.is_ascii() && b != b'-' && !char::from(b).is_whitespace()
        };
        prev = b;
        ok
    });
    if plain {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        fold_each(s, true, |_, _, piece| out.push_str(piece));
    }
}

/// Calls `emit(orig_start, orig_end, piece)` for each folded piece. A whitespace/dash
/// run becomes one space, or one newline when it holds a blank line, so names never
/// match across paragraphs.
fn fold_each(s: &str, lower: bool, mut emit: impl FnMut(usize, usize, &str)) {
    let mut buf = [0u8; 4];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        if c.is_whitespace() || is_dash(c) {
            let mut newlines = usize::from(c == '\n');
            let mut run_end = end;
            while let Some(&(j, d)) = iter.peek() {
                if !(d.is_whitespace() || is_dash(d)) {
                    break;
                }
                newlines += usize::from(d == '\n');
                run_end = j + d.len_utf8();
                iter.next();
            }
            emit(i, run_end, if newlines >= 2 { "\n" } else { " " });
            continue;
        }
        if c.is_ascii() {
            let c = if lower { c.to_ascii_lowercase() } else { c };
            emit(i, end, c.encode_utf8(&mut buf));
            continue;
        }
        if let Some(sp) = special(c) {
            if lower {
                emit(i, end, &sp.to_lowercase());
            } else {
                emit(i, end, sp);
            }
            continue;
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if lower {
                for l in d.to_lowercase() {
                    emit(i, end, l.encode_utf8(&mut [0u8; 4]));
                }
            } else {
                emit(i, end, d.encode_utf8(&mut [0u8; 4]));
            }
        });
    }
}

/// A folded, lower-cased copy of a text with each folded byte's original char range.
struct Folded {
    text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Folded {
        let mut text: Vec<u8> = Vec::with_capacity(s.len());
        let mut starts = Vec::with_capacity(s.len());
        let mut ends = Vec::with_capacity(s.len());
        let bytes = s.as_bytes();
        // ASCII letters, digits and punctuation fold to themselves (lower-cased) one byte
        // at a time; everything else (whitespace and dash runs, non-ASCII) goes through
        // `fold_each` in segments that end before such a byte, so no run is split.
        let plain = |b: u8| b.is_ascii() && !(b as char).is_whitespace() && b != b'-';
        let mut i = 0;
        while i < bytes.len() {
            if plain(bytes[i]) {
                text.push(bytes[i].to_ascii_lowercase());
                starts.push(i);
                ends.push(i + 1);
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < bytes.len() && !plain(bytes[j]) {
                j += 1;
            }
            // `plain` bytes are ASCII, so `j` is a char boundary.
            fold_each(&s[i..j], true, |a, b, piece| {
                text.extend_from_slice(piece.as_bytes());
                for _ in 0..piece.len() {
                    starts.push(a + i);
                    ends.push(b + i);
                }
            });
            i = j;
        }
        Folded {
            text: String::from_utf8(text).unwrap_or_default(),
            starts,
            ends,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::KbFile;

    fn kb(src: &str) -> Kb {
        Kb::from_files([toml::from_str::<KbFile>(src).expect("test KB parses")])
    }

    const KB: &str = r#"
[[person]]
id = "jens-stoltenberg"
name = "Jens Stoltenberg"
aliases = ["Stoltenberg"]
variants = ["Jens Stoltenburg"]

[[person]]
id = "volodymyr-zelenskiy"
name = "Volodymyr Zelenskiy"

[[person]]
id = "olivier-hoslet"
name = "Olivier Hoslet"

[[organization]]
id = "nato"
name = "NATO"
full_name = "North Atlantic Treaty Organization"
aliases = ["the alliance"]

[[organization]]
id = "nrc"
name = "NATO-Russia Council"

[[organization]]
id = "russia"
name = "Russia"
demonyms = ["Russian"]

[[term]]
forms = ["Secretary-General", "Secretary General"]
prefer = "Secretary-General"

[[term]]
forms = ["Secretary"]

[[term]]
forms = ["U.S.", "US"]
"#;

    fn written(text: &str, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| h.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn longest_name_wins_over_its_prefix() {
        let kb = kb(KB);
        let t = "at the NATO-Russia Council, NATO Secretary-General Jens Stoltenberg said";
        let hits = kb.index.find(&kb, t);
        assert_eq!(
            written(t, &hits),
            [
                "NATO-Russia Council",
                "NATO",
                "Secretary-General",
                "Jens Stoltenberg"
            ]
        );
    }

    #[test]
    fn possessives_and_word_boundaries() {
        let kb = kb(KB);
        let t = "Stoltenberg’s view, Stoltenberg's aide, Stoltenbergs and XStoltenberg";
        let hits = kb.index.find(&kb, t);
        assert_eq!(written(t, &hits), ["Stoltenberg", "Stoltenberg"]);
        assert!(hits.iter().all(|h| h.possessive));
        assert!(matches!(
            hits[0].entries[0],
            Entry::Person {
                form: PersonForm::Surname,
                ..
            }
        ));
    }

    #[test]
    fn all_caps_and_sentence_case_match_but_wrong_case_does_not() {
        let kb = kb(KB);
        let t = "EPA-EFE/OLIVIER HOSLET. The alliance met. let us go; US and U.S.";
        let hits = kb.index.find(&kb, t);
        assert_eq!(
            written(t, &hits),
            ["OLIVIER HOSLET", "The alliance", "US", "U.S."]
        );
    }

    #[test]
    fn dash_space_and_diacritic_insensitive() {
        let kb = kb(KB);
        let t =
            "Secretary General and Secretary–General met Volodymyr Zelenskíy and Jens\nStoltenburg";
        let hits = kb.index.find(&kb, t);
        assert_eq!(
            written(t, &hits),
            [
                "Secretary General",
                "Secretary–General",
                "Volodymyr Zelenskíy",
                "Jens\nStoltenburg"
            ]
        );
        assert!(matches!(
            hits[3].entries[0],
            Entry::Person {
                form: PersonForm::Variant,
                ..
            }
        ));
    }

    #[test]
    fn names_do_not_run_across_paragraph_breaks() {
        let kb = kb(KB);
        let t = "said Jens\n\nStoltenberg";
        let hits = kb.index.find(&kb, t);
        assert_eq!(written(t, &hits), ["Stoltenberg"]);
    }

    #[test]
    fn demonyms_and_lookup() {
        let kb = kb(KB);
        assert!(matches!(
            kb.index.lookup(&kb, "Russian")[0],
            Entry::Org {
                form: OrgForm::Demonym,
                ..
            }
        ));
        assert!(kb.index.lookup(&kb, "Russian envoy").is_empty());
    }

    #[test]
    fn person_named_resolves_surnames_and_refuses_ambiguity() {
        let mut file: KbFile = toml::from_str(KB).expect("test KB");
        let one = kb(KB);
        assert_eq!(one.index.person_named(&one, "Stoltenberg"), Some(0));
        assert_eq!(one.index.person_named(&one, "Jens Stoltenburg"), Some(0));
        assert_eq!(one.index.person_named(&one, "NATO"), None);
        file.people.push(crate::kb::Person {
            id: "other".into(),
            name: "Camilla Stoltenberg".into(),
            ..Default::default()
        });
        let two = Kb::from_files([file]);
        assert_eq!(two.index.person_named(&two, "Stoltenberg"), None);
        assert_eq!(two.index.person_named(&two, "Camilla Stoltenberg"), Some(3));
    }

    #[test]
    fn near_surnames_find_one_edit_misses_only() {
        let kb = kb(KB);
        assert_eq!(kb.index.near_surnames(&kb, "Stoltenbreg"), vec![0]);
        assert_eq!(kb.index.near_surnames(&kb, "Stoltenbergg"), vec![0]);
        assert!(kb.index.near_surnames(&kb, "Stoltenberg").is_empty());
        assert!(kb.index.near_surnames(&kb, "Stalinberg").is_empty());
        assert_eq!(osa_distance("Grushco", "Grushko"), 1);
    }

    #[test]
    fn keys_fold_the_same_on_the_ascii_path_and_the_general_one() {
        for s in [
            "Jens Stoltenberg",
            " Jens Stoltenberg ",
            "Jens  Stoltenberg",
            "Jens\tStoltenberg",
            "Jens\u{0B}Stoltenberg",
            "Jens\n\nStoltenberg",
            "NATO-Russia Council",
            "U.S.",
            "Zelenský",
            "",
        ] {
            let mut out = String::from("prefix");
            fold_into(s, &mut out);
            assert_eq!(out, format!("prefix{}", fold(s, true)), "{s:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        let kb = kb(KB);
        for t in [
            "",
            "’",
            "\u{0301}NATO",
            "NATO\u{0301}",
            "ﬁ NATO ß",
            "\n\n\n",
            "İstanbul NATO",
        ] {
            let _ = kb.index.find(&kb, t);
        }
    }
}
