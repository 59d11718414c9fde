//! Hash lookups over a merged KB (ids, names, variants, titles), rebuilt by
//! `Kb::reindex` so queries from rules and the server stay cheap.

use super::{Kb, OrgId, Person, PersonId};
use crate::text::FastHasher;
use std::hash::Hasher;

/// Every lookup is built from the KB's own strings: keys are written once into one buffer
/// per map and values kept in one flat list, so a 100,000-person KB costs a handful of
/// allocations here instead of a `String` and a `Vec` per name form.
#[derive(Clone, Debug, Default)]
pub(super) struct Lookup {
    /// Person index by `id`; the key is the person's own `id` field.
    pub person_ids: Slots,
    pub org_ids: Slots,
    /// Normalised name, alias, derived surname or variant → people.
    pub person_names: Names<PersonId>,
    /// Normalised variant → people; a variant that is someone's right name is left out.
    pub person_variants: Names<PersonId>,
    pub org_names: Names<OrgId>,
    /// Normalised title or title alias → (person, role index).
    pub titles: Names<(PersonId, usize)>,
    /// How many people hold or held a role in each organisation (by `OrgId`): how much
    /// of the KB is about it, the measure of a person's main office.
    pub org_people: Vec<u32>,
    /// Normalised given name (the first word of a name or alias of two words or more,
    /// initials left out) → people, so the resolver knows `Sergei` and `Jens` open names.
    pub given_names: Names<PersonId>,
    /// Each word of a role's `area` (a state, a constituency), lower case.
    pub area_words: Names<()>,
    /// Normalised surname (as [`person_surname`] gives it) → people.
    pub surnames: Names<PersonId>,
}

/// The hash every lookup uses. KB files are the newsroom's own data and drafts only
/// query, so the fast non-keyed hasher is safe here; order never reaches output.
pub(super) fn hash(key: &str) -> u64 {
    let mut h = FastHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

const EMPTY: u32 = u32::MAX;

/// An open-addressing hash table (linear probing) of `u32` values whose keys live
/// elsewhere: callers pass the key's hash and a test of a stored value against the key.
#[derive(Clone, Debug, Default)]
pub(super) struct Slots {
    slots: Vec<u32>,
    len: usize,
}

impl Slots {
    fn with_capacity(n: usize) -> Slots {
        Slots {
            slots: vec![EMPTY; (n * 2).next_power_of_two().max(8)],
            len: 0,
        }
    }

    fn home(&self, h: u64) -> usize {
        // The high bits of a multiplicative hash are the well-mixed ones.
        let bits = self.slots.len().trailing_zeros();
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The slot holding a value `is` accepts, else the empty slot where the key would go;
    /// `None` only for a table with no slots.
    fn slot(&self, h: u64, mut is: impl FnMut(u32) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        // At most half full, so an empty slot ends every probe.
        loop {
            let v = self.slots[i];
            if v == EMPTY || is(v) {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The stored value `is` accepts, probing from `h`.
    pub fn find(&self, h: u64, is: impl FnMut(u32) -> bool) -> Option<u32> {
        let v = self.slots[self.slot(h, is)?];
        (v != EMPTY).then_some(v)
    }

    /// Stores `v` under `h`, replacing a value `is` accepts. `rehash` gives the hash of a
    /// stored value when the table grows.
    fn insert(&mut self, h: u64, v: u32, is: impl FnMut(u32) -> bool, rehash: impl Fn(u32) -> u64) {
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::replace(self, Slots::with_capacity(self.len + 1));
            for w in old.slots.into_iter().filter(|&w| w != EMPTY) {
                let i = self.slot(rehash(w), |_| false).unwrap_or(0);
                self.slots[i] = w;
                self.len += 1;
            }
        }
        let Some(i) = self.slot(h, is) else {
            return;
        };
        if self.slots[i] == EMPTY {
            self.len += 1;
        }
        self.slots[i] = v;
    }
}

/// Normalised key → values, keys back to back in one string, values in one list.
#[derive(Clone, Debug)]
pub(super) struct Names<T> {
    table: Slots,
    text: String,
    /// Key `k` is `text[bounds[k]..bounds[k + 1]]`.
    bounds: Vec<u32>,
    /// Values of key `k` are `vals[starts[k]..starts[k + 1]]`, in the order added.
    starts: Vec<u32>,
    vals: Vec<T>,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names {
            table: Slots::default(),
            text: String::new(),
            bounds: vec![0],
            starts: vec![0],
            vals: Vec::new(),
        }
    }
}

impl<T> Names<T> {
    fn key(&self, k: u32) -> &str {
        let k = k as usize;
        &self.text[self.bounds[k] as usize..self.bounds[k + 1] as usize]
    }

    fn key_number(&self, key: &str) -> Option<u32> {
        self.table.find(hash(key), |k| self.key(k) == key)
    }

    /// The values under an already normalised `key`.
    pub fn get(&self, key: &str) -> Option<&[T]> {
        let k = self.key_number(key)? as usize;
        Some(&self.vals[self.starts[k] as usize..self.starts[k + 1] as usize])
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.key_number(key).is_some()
    }

    /// Every key with its values.
    fn iter(&self) -> impl Iterator<Item = (&str, &[T])> {
        (0..self.bounds.len() - 1).map(|k| {
            let vals = &self.vals[self.starts[k] as usize..self.starts[k + 1] as usize];
            (self.key(k as u32), vals)
        })
    }
}

/// Gathers (key, value) pairs; [`NamesBuilder::finish`] groups them by key.
struct NamesBuilder<T> {
    names: Names<T>,
    /// (key number, value) in the order added.
    pairs: Vec<(u32, T)>,
}

impl<T: Copy + PartialEq> NamesBuilder<T> {
    fn with_capacity(keys: usize) -> Self {
        NamesBuilder {
            names: Names {
                table: Slots::with_capacity(keys),
                ..Names::default()
            },
            pairs: Vec::with_capacity(keys),
        }
    }

    /// Adds `v` under the normalised form of `raw` (nothing for an empty key).
    fn add(&mut self, raw: &str, v: T) {
        let from = self.names.text.len();
        normalize_into(raw, &mut self.names.text);
        self.commit(from, v);
    }

    /// Adds `v` under `key`, already normalised.
    fn add_key(&mut self, key: &str, v: T) {
        let from = self.names.text.len();
        self.names.text.push_str(key);
        self.commit(from, v);
    }

    /// Adds `v` under the key just written at `text[from..]`, which is dropped again
    /// when the key is already known.
    fn commit(&mut self, from: usize, v: T) {
        let n = &mut self.names;
        if n.text.len() == from {
            return;
        }
        let h = hash(&n.text[from..]);
        let (text, bounds) = (&n.text, &n.bounds);
        let key_of = |k: u32| {
            let k = k as usize;
            &text[bounds[k] as usize..bounds[k + 1] as usize]
        };
        let k = match n.table.find(h, |k| key_of(k) == &text[from..]) {
            Some(k) => {
                n.text.truncate(from);
                k
            }
            None => {
                let k = (n.bounds.len() - 1) as u32;
                n.bounds.push(n.text.len() as u32);
                let (text, bounds) = (&n.text, &n.bounds);
                let rehash = |k: u32| {
                    let k = k as usize;
                    hash(&text[bounds[k] as usize..bounds[k + 1] as usize])
                };
                n.table.insert(h, k, |_| false, rehash);
                k
            }
        };
        self.pairs.push((k, v));
    }

    /// Groups values by key, keeping the order they were added in; a value repeated
    /// right after itself under one key is kept once.
    fn finish(self) -> Names<T> {
        let NamesBuilder { mut names, pairs } = self;
        let keys = names.bounds.len() - 1;
        let mut counts = vec![0u32; keys + 1];
        for &(k, _) in &pairs {
            counts[k as usize + 1] += 1;
        }
        for k in 0..keys {
            counts[k + 1] += counts[k];
        }
        // `counts[k]` is where key `k`'s values start; fill in order (a stable counting sort).
        let mut next = counts.clone();
        let mut slots: Vec<Option<T>> = vec![None; pairs.len()];
        for (k, v) in pairs {
            let at = &mut next[k as usize];
            slots[*at as usize] = Some(v);
            *at += 1;
        }
        let mut vals = Vec::with_capacity(slots.len());
        let mut starts = Vec::with_capacity(keys + 1);
        for k in 0..keys {
            starts.push(vals.len() as u32);
            let group = &slots[counts[k] as usize..counts[k + 1] as usize];
            let from = vals.len();
            for v in group.iter().flatten() {
                if vals.len() == from || vals.last() != Some(v) {
                    vals.push(*v);
                }
            }
        }
        starts.push(vals.len() as u32);
        names.vals = vals;
        names.starts = starts;
        names
    }
}

impl Lookup {
    pub fn build(kb: &Kb) -> Lookup {
        let people = &kb.people;
        let orgs = &kb.organizations;
        let mut person_ids = Slots::with_capacity(people.len());
        let mut forms = 0;
        let mut titles = 0;
        for (i, p) in people.iter().enumerate() {
            let h = hash(&p.id);
            person_ids.insert(
                h,
                i as u32,
                |v| people[v as usize].id == p.id,
                |v| hash(&people[v as usize].id),
            );
            forms += 2 + p.aliases.len() + p.variants.len();
            titles += p
                .roles
                .iter()
                .map(|r| 1 + r.title_aliases.len())
                .sum::<usize>();
        }
        let mut names = NamesBuilder::with_capacity(forms);
        let mut title_map = NamesBuilder::with_capacity(titles);
        let mut given = NamesBuilder::with_capacity(people.len());
        let mut surnames = NamesBuilder::with_capacity(people.len());
        let mut areas = NamesBuilder::with_capacity(64);
        for (i, p) in people.iter().enumerate() {
            names.add(&p.name, i);
            for a in &p.aliases {
                names.add(a, i);
            }
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                if let Some(g) = given_name_of(n) {
                    given.add(g, i);
                }
            }
            if let Some(s) = person_surname(p) {
                names.add(s, i);
                surnames.add(s, i);
            }
            for (r, role) in p.roles.iter().enumerate() {
                for w in role.area.iter().flat_map(|a| a.split_whitespace()) {
                    areas.add(w, ());
                }
                title_map.add(&role.title, (i, r));
                for t in &role.title_aliases {
                    title_map.add(t, (i, r));
                }
            }
        }
        // Variants go in after every right name is known, so that one person's wrong
        // spelling that is another's real name is not reported as wrong.
        let right = names.names.bounds.len() - 1;
        let mut variants = NamesBuilder::with_capacity(forms.saturating_sub(right));
        let mut key = String::new();
        for (i, p) in people.iter().enumerate() {
            for v in &p.variants {
                key.clear();
                normalize_into(v, &mut key);
                if !names.names.contains_key(&key) {
                    variants.add(v, i);
                }
            }
        }
        let person_variants = variants.finish();
        for (key, ids) in person_variants.iter() {
            for &i in ids {
                names.add_key(key, i);
            }
        }
        let mut org_ids = Slots::with_capacity(orgs.len());
        let mut org_names = NamesBuilder::with_capacity(orgs.len() * 2);
        for (i, o) in orgs.iter().enumerate() {
            org_ids.insert(
                hash(&o.id),
                i as u32,
                |v| orgs[v as usize].id == o.id,
                |v| hash(&orgs[v as usize].id),
            );
            let all = std::iter::once(&o.name)
                .chain(o.full_name.iter())
                .chain(&o.aliases)
                .chain(&o.variants)
                .chain(&o.demonyms);
            for n in all {
                org_names.add(n, i);
            }
        }
        let mut org_people = vec![0u32; orgs.len()];
        let mut last_counted = vec![usize::MAX; orgs.len()];
        for (i, p) in people.iter().enumerate() {
            for r in &p.roles {
                let Some(id) = r.org.as_deref() else { continue };
                let found = org_ids.find(hash(id), |v| orgs[v as usize].id == id);
                if let Some(o) = found.map(|o| o as usize) {
                    if last_counted[o] != i {
                        last_counted[o] = i;
                        org_people[o] += 1;
                    }
                }
            }
        }
        Lookup {
            org_people,
            person_ids,
            org_ids,
            person_names: names.finish(),
            person_variants,
            org_names: org_names.finish(),
            titles: title_map.finish(),
            given_names: given.finish(),
            area_words: areas.finish(),
            surnames: surnames.finish(),
        }
    }
}

/// The lookup key for a name: lowercase, curly apostrophes and dashes folded, runs of
/// whitespace collapsed.
pub fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize_key`], appended to `out`.
fn normalize_into(s: &str, out: &mut String) {
    let s = s.trim();
    // Most names are plain ASCII with single spaces: lower-case them byte by byte.
    if s.bytes()
        .all(|b| b.is_ascii() && (b == b' ' || !char::from(b).is_whitespace()))
    {
        let mut prev = b'x';
        if !s.bytes().any(|b| {
            let run = b == b' ' && prev == b' ';
            prev = b;
            run
        }) {
            out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            return;
        }
    }
    let mut space = false;
    for c in s.chars() {
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
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "qc", "kc"];

/// The surname of a full name as the last word, skipping generational and degree
/// suffixes ("Jr.", "III") and a trailing comma. `None` for a one-word name.
pub fn surname_of(name: &str) -> Option<&str> {
    // From the last word back, without collecting the words: this runs for every person
    // of a KB at each load.
    let mut words = name
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !w.is_empty())
        .rev();
    let is_suffix = |w: &str| {
        let w = w.trim_end_matches('.');
        SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w))
    };
    loop {
        let w = words.next()?;
        let first = words.clone().next().is_none();
        if first {
            return None;
        }
        if !is_suffix(w) {
            return Some(w);
        }
    }
}

/// The given name a full name opens with: its first word when the name has two words or
/// more and that word is not an initial (`J.`) or a particle.
pub fn given_name_of(name: &str) -> Option<&str> {
    let mut words = name.split_whitespace();
    let first = words.next()?.trim_end_matches(',');
    words.next()?;
    let letters = first.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && !first.ends_with('.') && first.starts_with(char::is_uppercase))
        .then_some(first)
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
    fn names_group_values_by_normalised_key_in_the_order_added() {
        // Capacity 1 forces the table to grow several times while keys are added.
        let mut b = NamesBuilder::with_capacity(1);
        let words: Vec<String> = (0..200).map(|i| format!("Name  {i}")).collect();
        for (i, w) in words.iter().enumerate() {
            b.add(w, i);
            b.add(&w.to_uppercase(), i);
            b.add(&format!(" name {i} "), 1000 + i);
        }
        b.add("", 7);
        b.add("O\u{2019}Brien", 1);
        b.add_key("o'brien", 2);
        let names = b.finish();
        for i in 0..200 {
            // A repeat right after itself is kept once; later values stay in order.
            assert_eq!(names.get(&format!("name {i}")), Some(&[i, 1000 + i][..]));
        }
        assert_eq!(names.get("o'brien"), Some(&[1, 2][..]));
        assert_eq!(names.get(""), None);
        assert_eq!(names.get("name 200"), None);
        assert!(names.contains_key("name 0") && !names.contains_key("Name 0"));
        assert_eq!(names.iter().count(), 201);
        let empty: Names<usize> = Names::default();
        assert_eq!(empty.get("x"), None);
    }

    #[test]
    fn ids_are_found_after_the_table_grows_and_a_repeated_id_takes_the_later_index() {
        let ids: Vec<String> = (0..100)
            .map(|i| format!("p-{i}"))
            .chain(["p-7".into()])
            .collect();
        let mut t = Slots::with_capacity(0);
        for (i, id) in ids.iter().enumerate() {
            t.insert(
                hash(id),
                i as u32,
                |v| ids[v as usize] == *id,
                |v| hash(&ids[v as usize]),
            );
        }
        let find = |id: &str| t.find(hash(id), |v| ids[v as usize] == id);
        assert_eq!(find("p-0"), Some(0));
        assert_eq!(find("p-99"), Some(99));
        assert_eq!(find("p-7"), Some(100));
        assert_eq!(find("p-100"), None);
        assert_eq!(Slots::default().find(hash("p-0"), |_| true), None);
    }

    #[test]
    fn surname_skips_suffixes_and_needs_two_words() {
        assert_eq!(surname_of("Jens Stoltenberg"), Some("Stoltenberg"));
        assert_eq!(surname_of("Martin Luther King Jr."), Some("King"));
        assert_eq!(surname_of("Robert F. Kennedy, Jr."), Some("Kennedy"));
        assert_eq!(surname_of("George W. Bush III"), Some("Bush"));
        assert_eq!(surname_of("Naruhito"), None);
        assert_eq!(surname_of("  "), None);
        assert_eq!(surname_of("Jr. Smith"), Some("Smith"));
        assert_eq!(surname_of("Smith JR"), None);
        assert_eq!(surname_of("Ann Smith,  Jr., PhD"), Some("Smith"));
        assert_eq!(surname_of("Ann , Smith"), Some("Smith"));
        assert_eq!(surname_of("Ann Smith ,"), Some("Smith"));
    }

    #[test]
    fn keys_fold_case_apostrophes_and_spacing() {
        assert_eq!(normalize_key("  O\u{2019}Brien  Smith "), "o'brien smith");
        assert_eq!(normalize_key("NATO\u{2013}Russia"), "nato-russia");
        // Plain ASCII takes a shorter path; every kind of spacing still collapses.
        assert_eq!(normalize_key("Jens Stoltenberg"), "jens stoltenberg");
        assert_eq!(normalize_key(" Jens  Stoltenberg"), "jens stoltenberg");
        assert_eq!(normalize_key("Jens\tStoltenberg"), "jens stoltenberg");
        assert_eq!(normalize_key("Jens\u{0B}Stoltenberg\n"), "jens stoltenberg");
        assert_eq!(normalize_key("Jens\u{A0}Stoltenberg"), "jens stoltenberg");
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
