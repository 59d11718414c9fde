//! The knowledge base: people, organisations and house-style terms, loaded from TOML/JSON
//! files (a starter set is compiled in), indexed for "who is this mention, and what role
//! did they hold on date D".

mod hints;
pub mod import;
pub mod index;
pub(crate) mod load;
mod lookup;
pub mod schema;
pub mod style;

pub use load::{
    check_references, load_file, parse_str, read_text, starter_files, starter_people_files,
    validate, STARTER_SOURCES,
};
pub use lookup::{given_name_of, normalize_key, surname_of};
pub use schema::{KbFile, Organization, Person, Role, Term};

use crate::date::Date;
use crate::text::FastMap;

/// Index of a person in [`Kb::people`].
pub type PersonId = usize;
/// Index of an organisation in [`Kb::organizations`].
pub type OrgId = usize;

/// A merged, indexed knowledge base. Cheap to share behind an `Arc`.
#[derive(Clone, Debug, Default)]
pub struct Kb {
    pub people: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub terms: Vec<Term>,
    /// Built by [`Kb::from_files`] after merging; rebuild with [`Kb::reindex`] after edits.
    pub index: index::NameIndex,
    /// Hash lookups by id, name and title, rebuilt with the index.
    lookup: lookup::Lookup,
}

impl Kb {
    /// Merges files in order. A later person or organisation with the same id replaces an
    /// earlier one; a later person with the same Wikidata id as an earlier one (and another
    /// id) is the same person, and the two are merged (see [`merge_person`]). Each entry
    /// takes its file's `as_of` unless it gives its own, and each role its file's `source`.
    pub fn from_files(files: impl IntoIterator<Item = KbFile>) -> Kb {
        let mut kb = Kb::default();
        // Position maps keep merging linear for large generated KBs.
        let mut people_at: FastMap<String, usize> = FastMap::default();
        let mut by_qid: FastMap<String, usize> = FastMap::default();
        let mut orgs_at: FastMap<String, usize> = FastMap::default();
        for f in files {
            // Room for every entry up front: growing a vector of 100,000 people by
            // doubling copies it over and over and leaves the old blocks behind.
            kb.people.reserve(f.people.len());
            people_at.reserve(f.people.len());
            for mut p in f.people {
                p.as_of = p.as_of.or(f.as_of);
                if let Some(src) = &f.source {
                    for r in p.roles.iter_mut().filter(|r| r.source.is_none()) {
                        r.source = Some(src.clone());
                    }
                }
                let same_id = people_at.get(&p.id).copied();
                let same_qid = || p.wikidata.as_ref().and_then(|q| by_qid.get(q)).copied();
                match (same_id, same_qid()) {
                    (Some(i), _) => {
                        if let Some(q) = &p.wikidata {
                            by_qid.insert(q.clone(), i);
                        }
                        kb.people[i] = p;
                    }
                    (None, Some(i)) => merge_person(&mut kb.people[i], p),
                    (None, None) => {
                        let i = kb.people.len();
                        people_at.insert(p.id.clone(), i);
                        if let Some(q) = &p.wikidata {
                            by_qid.insert(q.clone(), i);
                        }
                        kb.people.push(p);
                    }
                }
            }
            for o in f.organizations {
                match orgs_at.get(&o.id) {
                    Some(&i) => kb.organizations[i] = o,
                    None => {
                        orgs_at.insert(o.id.clone(), kb.organizations.len());
                        kb.organizations.push(o);
                    }
                }
            }
            for t in f.terms {
                // A term group restated by a later file (same forms) replaces the earlier one,
                // so a newsroom can change `prefer` without a duplicate group.
                match kb.terms.iter().position(|q| same_forms(q, &t)) {
                    Some(i) => kb.terms[i] = t,
                    None => kb.terms.push(t),
                }
            }
        }
        kb.reindex();
        kb
    }

    /// Rebuilds the name index and the lookups from the current entries.
    pub fn reindex(&mut self) {
        self.lookup = lookup::Lookup::build(self);
        self.index = index::NameIndex::build(self);
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonId> {
        let found = self.lookup.person_ids.find(lookup::hash(id), |i| {
            self.people.get(i as usize).is_some_and(|p| p.id == id)
        });
        match found {
            Some(i) => Some(i as usize),
            // Entries edited without `reindex`: fall back to a scan.
            None => self.people.iter().position(|p| p.id == id),
        }
    }

    pub fn org_by_id(&self, id: &str) -> Option<OrgId> {
        let found = self.lookup.org_ids.find(lookup::hash(id), |i| {
            self.organizations
                .get(i as usize)
                .is_some_and(|o| o.id == id)
        });
        match found {
            Some(i) => Some(i as usize),
            None => self.organizations.iter().position(|o| o.id == id),
        }
    }

    /// The date the KB's facts about `person` are known to (the entry's or its file's
    /// `as_of`; for a merged person, the latest of its sources). `None` for an unknown id
    /// or a source that states no date (its open roles are then taken as still held).
    pub fn as_of(&self, person: PersonId) -> Option<Date> {
        self.people.get(person)?.as_of
    }

    /// Whether `person` held `role` (one of their roles) on `date`, as far as the KB knows:
    /// see [`tenure`]. The role's own `as_of` wins over the person's.
    pub fn tenure(&self, person: PersonId, role: &Role, date: Date) -> Tenure {
        tenure(role, role.as_of.or(self.as_of(person)), date)
    }

    /// Roles `person` is known to have held on `date` ([`Tenure::Held`] only: nothing
    /// past the KB's `as_of` for a role still open then).
    pub fn roles_on(&self, person: PersonId, date: Date) -> Vec<&Role> {
        match self.people.get(person) {
            Some(p) => p
                .roles
                .iter()
                .filter(|r| self.tenure(person, r, date) == Tenure::Held)
                .collect(),
            None => Vec::new(),
        }
    }

    /// Whether the KB knows `person` held `role` on `date` ([`Tenure::Held`]).
    pub fn holds(&self, person: PersonId, role: &Role, date: Date) -> bool {
        self.tenure(person, role, date) == Tenure::Held
    }

    /// Whether the KB knows `person` did not hold `role` on `date` ([`Tenure::NotHeld`]):
    /// the date is before its start, or on or after an end known by the source's `as_of`.
    /// Past `as_of` a role still open then is neither held nor not held.
    pub fn not_held(&self, person: PersonId, role: &Role, date: Date) -> bool {
        self.tenure(person, role, date) == Tenure::NotHeld
    }

    /// Everyone whose name, alias, derived surname or known variant is `name`
    /// (case-insensitive; curly and straight apostrophes alike). Ids in KB order.
    pub fn people_named(&self, name: &str) -> &[PersonId] {
        self.lookup
            .person_names
            .get(&normalize_key(name))
            .unwrap_or(&[])
    }

    /// The one person `name` can mean, or `None` when it is unknown or ambiguous.
    /// An exact preferred-name match wins over surnames and aliases of others.
    pub fn person_by_name(&self, name: &str) -> Option<PersonId> {
        let ids = self.people_named(name);
        match ids {
            [one] => Some(*one),
            [] => None,
            many => {
                let key = normalize_key(name);
                let mut exact = many
                    .iter()
                    .filter(|&&i| normalize_key(&self.people[i].name) == key);
                match (exact.next(), exact.next()) {
                    (Some(&i), None) => Some(i),
                    _ => None,
                }
            }
        }
    }

    /// True when some KB person's name or alias opens with `word` as its given name.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.lookup.given_names.contains_key(&normalize_key(word))
    }

    /// True when `word` is a word of some role's `area` (`Vermont`, `New York`).
    pub fn is_area_word(&self, word: &str) -> bool {
        self.lookup.area_words.contains_key(&normalize_key(word))
    }

    /// Everyone whose surname (as [`Kb::surname`] gives it) is `word`, in KB order.
    pub fn people_with_surname(&self, word: &str) -> &[PersonId] {
        self.lookup
            .surnames
            .get(&normalize_key(word))
            .unwrap_or(&[])
    }

    /// Whether `name` is a known wrong spelling of a person's name (not also a right one).
    pub fn person_by_variant(&self, name: &str) -> Option<PersonId> {
        let key = normalize_key(name);
        let ids = self.lookup.person_variants.get(&key)?;
        match ids {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The organisation named `name` by its name, full name, alias, variant or demonym
    /// (case-insensitive), when exactly one matches.
    pub fn org_by_name(&self, name: &str) -> Option<OrgId> {
        match self.lookup.org_names.get(&normalize_key(name))? {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The organisation a role is held in, if its `org` id is loaded.
    pub fn org_of(&self, role: &Role) -> Option<OrgId> {
        role.org.as_deref().and_then(|id| self.org_by_id(id))
    }

    /// People known to have held `title` (the house title or one of its aliases,
    /// case-insensitive) on `date` ([`Tenure::Held`]), in `org` when given. Ids in KB
    /// order, without repeats.
    pub fn holders_of(&self, title: &str, org: Option<OrgId>, date: Date) -> Vec<PersonId> {
        let org_id = org.and_then(|o| self.organizations.get(o)).map(|o| &o.id);
        if org.is_some() && org_id.is_none() {
            return Vec::new();
        }
        let Some(slots) = self.lookup.titles.get(&normalize_key(title)) else {
            return Vec::new();
        };
        let mut out: Vec<PersonId> = Vec::new();
        for &(p, r) in slots {
            let Some(role) = self.people.get(p).and_then(|x| x.roles.get(r)) else {
                continue;
            };
            if org_id.is_some_and(|id| role.org.as_ref() != Some(id)) {
                continue;
            }
            // Slots are in KB order, so a person's roles are adjacent.
            if out.last() != Some(&p) && self.tenure(p, role, date) == Tenure::Held {
                out.push(p);
            }
        }
        out
    }

    /// The surname a person is referred to by: a one-word alias that is part of the
    /// name (so "Xi" for "Xi Jinping"), else the last word of the name, suffixes skipped.
    pub fn surname(&self, person: PersonId) -> Option<&str> {
        self.people.get(person).and_then(lookup::person_surname)
    }

    /// The role a desk names a person by on `date`: of the roles known to be held then
    /// ([`Kb::roles_on`]), the one in the organisation the KB says most about (the number
    /// of people with a role in it: a country's presidency over the co-principality it
    /// brings, Britain's crown over Antigua's), then the latest to start. A role whose
    /// tenure is unknown on that date is never named as current.
    pub fn reference_role(&self, person: PersonId, date: Date) -> Option<&Role> {
        let weight = |r: &Role| {
            self.org_of(r)
                .and_then(|o| self.lookup.org_people.get(o).copied())
                .unwrap_or(0)
        };
        self.roles_on(person, date)
            .into_iter()
            .enumerate()
            // Equal weight and start: the first listed wins.
            .max_by_key(|(i, r)| (weight(r), r.start, std::cmp::Reverse(*i)))
            .map(|(_, r)| r)
    }

    /// The title a person is given at first reference on `date` (from
    /// [`Kb::reference_role`]): its `short_title` when it has one ("Sen."), else the title
    /// with the organisation in front unless the title already names it: its first
    /// demonym when it has any (a country: "Russian Deputy Foreign Minister", "U.S. Deputy
    /// Secretary of State"), else its short name ("NATO Secretary-General"). None when no
    /// role is known to be held on that date.
    pub fn reference_title(&self, person: PersonId, date: Date) -> Option<String> {
        let role = self.reference_role(person, date)?;
        if let Some(short) = &role.short_title {
            return Some(short.clone());
        }
        let Some(org) = self.org_of(role).map(|o| &self.organizations[o]) else {
            return Some(role.title.clone());
        };
        let names_org = std::iter::once(&org.name)
            .chain(&org.demonyms)
            .any(|n| role.title.contains(n.as_str()));
        Some(if names_org {
            role.title.clone()
        } else {
            let prefix = org.demonyms.first().unwrap_or(&org.name);
            format!("{prefix} {}", role.title)
        })
    }

    /// The form a person takes at first reference on `date`: organisation, title, full
    /// name ("NATO Secretary-General Jens Stoltenberg"), or the bare name with no role.
    pub fn first_reference(&self, person: PersonId, date: Date) -> String {
        let name = &self.people[person].name;
        match self.reference_title(person, date) {
            Some(title) => format!("{title} {name}"),
            None => name.clone(),
        }
    }
}

/// What the KB knows of a role on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tenure {
    /// Started on or before the date, not ended by it, and the date is within what the
    /// source knows (on or before its `as_of`).
    Held,
    /// The date is before a known start, or on or after an end the source knew of (an end
    /// on or before its `as_of`).
    NotHeld,
    /// The date is after the source's `as_of` and the role had not ended by then: the KB
    /// neither asserts nor denies it (a scheduled end in the future is not knowledge).
    Unknown,
}

/// The tenure of `role` on `date` for a source known to `as_of` (`None`: the source
/// states no date, and an open role counts as still held). Start inclusive, end exclusive.
pub fn tenure(role: &Role, as_of: Option<Date>, date: Date) -> Tenure {
    if role.start.is_some_and(|s| date < s) {
        return Tenure::NotHeld;
    }
    let known_end = role.end.filter(|&e| as_of.is_none_or(|a| e <= a));
    if known_end.is_some_and(|e| date >= e) {
        return Tenure::NotHeld;
    }
    match as_of {
        Some(a) if date > a => Tenure::Unknown,
        _ => Tenure::Held,
    }
}

/// Whether `date` falls inside `role`'s dates (start inclusive, end exclusive; open ends
/// count), whatever the source's `as_of`: the raw interval, for messages and ordering.
/// Whether the KB knows the role was held is [`Kb::tenure`].
pub fn role_covers(role: &Role, date: Date) -> bool {
    role.start.is_none_or(|s| s <= date) && role.end.is_none_or(|e| date < e)
}

/// Folds `later` (a restatement of the same person, found by Wikidata id under another
/// id) into `earlier`, which keeps its id. The later file's spellings win: its name,
/// aliases, variants, pronouns and description, the earlier name staying an alias unless
/// the later file calls it a variant. Roles are pooled, each keeping the `as_of` of the
/// source it came from; where both give the same post (title and organisation) over
/// overlapping dates, the one known to the later `as_of` is kept.
pub fn merge_person(earlier: &mut Person, later: Person) {
    let mut old = std::mem::replace(earlier, later);
    let p = earlier;
    p.id = std::mem::take(&mut old.id);
    for r in &mut old.roles {
        r.as_of = r.as_of.or(old.as_of);
    }
    let new_as_of = p.as_of;
    for r in &mut p.roles {
        r.as_of = r.as_of.or(new_as_of);
    }
    p.as_of = match (old.as_of, new_as_of) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let known = |p: &Person, s: &str| {
        p.name == s || p.aliases.iter().any(|a| a == s) || p.variants.iter().any(|v| v == s)
    };
    for s in std::iter::once(old.name).chain(old.aliases) {
        if !known(p, &s) {
            p.aliases.push(s);
        }
    }
    for v in old.variants {
        if !known(p, &v) {
            p.variants.push(v);
        }
    }
    p.pronouns = p.pronouns.or(old.pronouns);
    p.description = p.description.take().or(old.description);
    for r in old.roles {
        match p.roles.iter().position(|q| same_post_overlapping(q, &r)) {
            Some(i) if r.as_of > p.roles[i].as_of => p.roles[i] = r,
            Some(_) => {}
            None => p.roles.push(r),
        }
    }
    p.roles.sort_by_key(|r| r.start);
}

/// The same title (case-insensitive) in the same organisation over dates that overlap.
fn same_post_overlapping(a: &Role, b: &Role) -> bool {
    let overlaps = a.start.is_none_or(|s| b.end.is_none_or(|e| s < e))
        && b.start.is_none_or(|s| a.end.is_none_or(|e| s < e));
    a.title.eq_ignore_ascii_case(&b.title) && a.org == b.org && overlaps
}

fn same_forms(a: &Term, b: &Term) -> bool {
    a.forms.len() == b.forms.len() && a.forms.iter().all(|f| b.forms.contains(f))
}

/// A KB file that could not be used: where, and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct KbError {
    pub path: String,
    /// 1-based; 0 when the problem has no position (e.g. the file cannot be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_reference_puts_the_org_or_its_demonym_before_the_title_held_on_the_date() {
        let file = parse_str(
            r#"
[[organization]]
id = "nato"
name = "NATO"

[[organization]]
id = "russia"
name = "Russia"
demonyms = ["Russian"]

[[person]]
id = "a"
name = "Alexander Grushko"
  [[person.role]]
  title = "Deputy Foreign Minister"
  org = "russia"
  start = "2018-01-22"

[[person]]
id = "j"
name = "Jens Stoltenberg"
  [[person.role]]
  title = "Secretary-General"
  org = "nato"
  start = "2014-10-01"
  end = "2024-10-01"

[[person]]
id = "u"
name = "Ursula Example"
  [[person.role]]
  title = "Russian envoy"
  org = "russia"
"#,
            "r.toml",
        )
        .unwrap();
        let kb = Kb::from_files([file]);
        let on = Date::new(2022, 1, 12).unwrap();
        let id = |s: &str| kb.person_by_id(s).unwrap();
        assert_eq!(
            kb.first_reference(id("a"), on),
            "Russian Deputy Foreign Minister Alexander Grushko"
        );
        assert_eq!(
            kb.first_reference(id("j"), on),
            "NATO Secretary-General Jens Stoltenberg"
        );
        assert_eq!(
            kb.first_reference(id("u"), on),
            "Russian envoy Ursula Example"
        );
        let later = Date::new(2025, 1, 1).unwrap();
        assert_eq!(kb.first_reference(id("j"), later), "Jens Stoltenberg");
    }

    fn kb() -> Kb {
        let a = parse_str(
            r#"
[[organization]]
id = "nato"
name = "NATO"
aliases = ["the alliance"]

[[person]]
id = "jens-stoltenberg"
name = "Jens Stoltenberg"
variants = ["Jens Stoltenburg"]
  [[person.role]]
  title = "Secretary-General"
  title_aliases = ["Secretary General"]
  org = "nato"
  start = "2014-10-01"
  end = "2024-10-01"

[[person]]
id = "mark-rutte"
name = "Mark Rutte"
  [[person.role]]
  title = "Secretary-General"
  org = "nato"
  start = "2024-10-01"

[[term]]
forms = ["U.S.", "US"]
"#,
            "a.toml",
        )
        .unwrap();
        let b = parse_str(
            r#"
[[person]]
id = "mark-rutte"
name = "Mark Rutte"
aliases = ["Rutte"]
  [[person.role]]
  title = "Secretary-General"
  org = "nato"
  start = "2024-10-01"
  [[person.role]]
  title = "Prime Minister"
  start = "2010-10-14"
  end = "2024-07-02"

[[term]]
forms = ["US", "U.S."]
prefer = "U.S."
"#,
            "b.toml",
        )
        .unwrap();
        Kb::from_files([a, b])
    }

    #[test]
    fn later_files_replace_same_id_entries_and_term_groups() {
        let kb = kb();
        assert_eq!(kb.people.len(), 2);
        let r = kb.person_by_id("mark-rutte").unwrap();
        assert_eq!(kb.people[r].roles.len(), 2);
        assert_eq!(kb.terms.len(), 1);
        assert_eq!(kb.terms[0].prefer.as_deref(), Some("U.S."));
    }

    #[test]
    fn names_look_up_case_insensitively_with_surnames_and_variants() {
        let kb = kb();
        let s = kb.person_by_id("jens-stoltenberg");
        assert_eq!(kb.person_by_name("JENS STOLTENBERG"), s);
        assert_eq!(kb.person_by_name("stoltenberg"), s);
        assert_eq!(kb.person_by_name("Jens Stoltenburg"), s);
        assert_eq!(kb.person_by_variant("Jens Stoltenburg"), s);
        assert_eq!(kb.person_by_variant("Jens Stoltenberg"), None);
        assert_eq!(kb.person_by_name("Nobody Here"), None);
        assert_eq!(kb.surname(s.unwrap()), Some("Stoltenberg"));
        assert_eq!(kb.org_by_name("The Alliance"), kb.org_by_id("nato"));
    }

    #[test]
    fn holders_of_a_title_depend_on_date_and_org() {
        let kb = kb();
        let nato = kb.org_by_id("nato");
        let d = |s: &str| Date::parse(s).unwrap();
        let who = |t: &str, o: Option<OrgId>, s: &str| -> Vec<&str> {
            kb.holders_of(t, o, d(s))
                .into_iter()
                .map(|p| kb.people[p].id.as_str())
                .collect()
        };
        assert_eq!(
            who("Secretary-General", nato, "2022-01-12"),
            ["jens-stoltenberg"]
        );
        assert_eq!(
            who("secretary general", nato, "2022-01-12"),
            ["jens-stoltenberg"]
        );
        assert_eq!(who("Secretary-General", nato, "2024-10-01"), ["mark-rutte"]);
        assert_eq!(
            who("Secretary-General", None, "2013-01-01"),
            Vec::<&str>::new()
        );
        assert_eq!(who("Prime Minister", None, "2022-01-12"), ["mark-rutte"]);
        assert_eq!(
            who("Prime Minister", nato, "2022-01-12"),
            Vec::<&str>::new()
        );
        assert!(kb
            .holders_of("Secretary-General", Some(99), d("2022-01-12"))
            .is_empty());
    }

    fn dated(src: &str) -> Kb {
        Kb::from_files([parse_str(src, "d.toml").unwrap()])
    }

    const DATED: &str = r#"
as_of = "2022-07-19"
source = "cabinet snapshot"

[[organization]]
id = "us"
name = "United States"
demonyms = ["U.S."]

[[person]]
id = "antony-blinken"
name = "Antony Blinken"
wikidata = "Q4073580"
  [[person.role]]
  title = "Secretary of State"
  org = "us"
  start = "2021-01-26"

[[person]]
id = "old-hand"
name = "Old Hand"
  [[person.role]]
  title = "Envoy"
  start = "2010-01-01"
  end = "2020-01-01"
  [[person.role]]
  title = "Senator"
  start = "2021-01-03"
  end = "2027-01-03"
"#;

    #[test]
    fn an_open_role_is_held_up_to_as_of_and_unknown_after() {
        let kb = dated(DATED);
        let b = kb.person_by_id("antony-blinken").unwrap();
        let role = &kb.people[b].roles[0];
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(kb.as_of(b), Some(d("2022-07-19")));
        assert_eq!(kb.tenure(b, role, d("2020-06-01")), Tenure::NotHeld);
        assert_eq!(kb.tenure(b, role, d("2022-01-12")), Tenure::Held);
        assert_eq!(kb.tenure(b, role, d("2022-07-19")), Tenure::Held);
        assert_eq!(kb.tenure(b, role, d("2022-07-20")), Tenure::Unknown);
        assert_eq!(kb.tenure(b, role, d("2025-03-01")), Tenure::Unknown);
        // Past as_of nothing asserts the role: no current role, no holder, no title.
        assert!(kb.roles_on(b, d("2025-03-01")).is_empty());
        let us = kb.org_by_id("us");
        assert!(kb
            .holders_of("Secretary of State", us, d("2025-03-01"))
            .is_empty());
        assert_eq!(
            kb.holders_of("Secretary of State", us, d("2022-03-01")),
            [b]
        );
        assert_eq!(kb.first_reference(b, d("2025-03-01")), "Antony Blinken");
        assert_eq!(
            kb.first_reference(b, d("2022-03-01")),
            "U.S. Secretary of State Antony Blinken"
        );
        // The file's source stands in for a role's own.
        assert_eq!(role.source.as_deref(), Some("cabinet snapshot"));
    }

    #[test]
    fn a_known_end_denies_and_a_scheduled_end_is_not_knowledge() {
        let kb = dated(DATED);
        let p = kb.person_by_id("old-hand").unwrap();
        let (envoy, senator) = (&kb.people[p].roles[0], &kb.people[p].roles[1]);
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(kb.tenure(p, envoy, d("2019-12-31")), Tenure::Held);
        assert_eq!(kb.tenure(p, envoy, d("2020-01-01")), Tenure::NotHeld);
        assert_eq!(kb.tenure(p, envoy, d("2030-01-01")), Tenure::NotHeld);
        assert_eq!(kb.tenure(p, senator, d("2022-01-01")), Tenure::Held);
        // After as_of the 2027 end is only scheduled: neither held nor not held.
        assert_eq!(kb.tenure(p, senator, d("2024-01-01")), Tenure::Unknown);
        assert_eq!(kb.tenure(p, senator, d("2028-01-01")), Tenure::Unknown);
        assert_eq!(kb.tenure(p, senator, d("2020-01-01")), Tenure::NotHeld);
    }

    #[test]
    fn a_file_without_as_of_keeps_open_roles_held_and_entries_may_date_themselves() {
        let kb = dated(
            "[[person]]\nid = \"a\"\nname = \"A B\"\n  [[person.role]]\n  title = \"Mayor\"\n  start = \"2020-01-01\"\n\n[[person]]\nid = \"c\"\nname = \"C D\"\nas_of = \"2021-01-01\"\n  [[person.role]]\n  title = \"Mayor\"\n  start = \"2020-01-01\"\n",
        );
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(kb.as_of(0), None);
        assert_eq!(kb.roles_on(0, d("2030-01-01")).len(), 1);
        assert_eq!(kb.as_of(1), Some(d("2021-01-01")));
        assert!(kb.roles_on(1, d("2030-01-01")).is_empty());
        assert_eq!(kb.as_of(99), None);
    }

    #[test]
    fn the_same_wikidata_id_in_two_sources_is_one_person_with_each_roles_as_of() {
        let old = parse_str(DATED, "old.toml").unwrap();
        let new = parse_str(
            r#"
as_of = "2026-06-15"

[[person]]
id = "tony-blinken"
name = "Tony Blinken"
wikidata = "Q4073580"
pronouns = "he"
  [[person.role]]
  title = "Secretary of State"
  org = "us"
  start = "2021-01-26"
  end = "2025-01-20"
  [[person.role]]
  title = "Deputy Secretary of State"
  org = "us"
  start = "2015-01-09"
  end = "2017-01-20"
"#,
            "new.toml",
        )
        .unwrap();
        let kb = Kb::from_files([old, new]);
        assert_eq!(kb.people.len(), 2);
        let b = kb.person_by_id("antony-blinken").unwrap();
        let p = &kb.people[b];
        assert_eq!(p.name, "Tony Blinken");
        assert!(p.aliases.iter().any(|a| a == "Antony Blinken"));
        assert_eq!(kb.person_by_name("Antony Blinken"), Some(b));
        assert_eq!(p.pronouns, Some(crate::article::Pronoun::He));
        assert_eq!(kb.as_of(b), Date::new(2026, 6, 15));
        // The 2026 source's dated term replaced the 2022 open one.
        let titles: Vec<(&str, Option<Date>)> =
            p.roles.iter().map(|r| (r.title.as_str(), r.end)).collect();
        assert_eq!(
            titles,
            [
                ("Deputy Secretary of State", Date::new(2017, 1, 20)),
                ("Secretary of State", Date::new(2025, 1, 20))
            ]
        );
        let d = |s: &str| Date::parse(s).unwrap();
        let sec = &p.roles[1];
        assert_eq!(kb.tenure(b, sec, d("2025-03-01")), Tenure::NotHeld);
        assert_eq!(kb.tenure(b, sec, d("2024-03-01")), Tenure::Held);
    }

    #[test]
    fn merged_roles_keep_the_as_of_of_their_own_source() {
        let old = parse_str(
            "as_of = \"2022-07-19\"\n[[person]]\nid = \"a\"\nname = \"A B\"\nwikidata = \"Q1\"\n  [[person.role]]\n  title = \"Minister\"\n  start = \"2020-01-01\"\n",
            "a.toml",
        )
        .unwrap();
        let new = parse_str(
            "as_of = \"2026-06-15\"\n[[person]]\nid = \"b\"\nname = \"A B\"\nwikidata = \"Q1\"\n  [[person.role]]\n  title = \"Senator\"\n  start = \"2023-01-03\"\n",
            "b.toml",
        )
        .unwrap();
        let kb = Kb::from_files([old, new]);
        assert_eq!(kb.people.len(), 1);
        let d = |s: &str| Date::parse(s).unwrap();
        let roles: Vec<&str> = kb
            .roles_on(0, d("2024-01-01"))
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        // The minister post is known only to 2022; the Senate seat to 2026.
        assert_eq!(roles, ["Senator"]);
        assert_eq!(kb.roles_on(0, d("2022-01-01")).len(), 1);
    }

    #[test]
    fn roles_on_is_safe_for_unknown_ids_and_default_kb_is_empty() {
        let kb = Kb::default();
        assert!(kb.roles_on(3, Date::new(2022, 1, 12).unwrap()).is_empty());
        assert_eq!(kb.person_by_name("Anyone"), None);
        let mut edited = self::tests::kb();
        edited.people.swap(0, 1);
        // Without reindex the id lookup still answers correctly.
        assert_eq!(edited.person_by_id("mark-rutte"), Some(0));
    }
}
