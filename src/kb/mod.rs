//! The knowledge base: people, organisations and house-style terms, loaded from TOML/JSON
//! files (a starter set is compiled in), indexed for "who is this mention, and what role
//! did they hold on date D".

mod hints;
pub mod import;
pub mod index;
pub(crate) mod load;
mod lookup;
pub mod schema;

pub use load::{check_references, load_file, parse_str, starter_files, validate, STARTER_SOURCES};
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
    /// Merges files in order; a later entry with the same id replaces an earlier one.
    pub fn from_files(files: impl IntoIterator<Item = KbFile>) -> Kb {
        let mut kb = Kb::default();
        // Position maps keep merging linear for large generated KBs.
        let mut people_at: FastMap<String, usize> = FastMap::default();
        let mut orgs_at: FastMap<String, usize> = FastMap::default();
        for f in files {
            // Room for every entry up front: growing a vector of 100,000 people by
            // doubling copies it over and over and leaves the old blocks behind.
            kb.people.reserve(f.people.len());
            people_at.reserve(f.people.len());
            for p in f.people {
                match people_at.get(&p.id) {
                    Some(&i) => kb.people[i] = p,
                    None => {
                        people_at.insert(p.id.clone(), kb.people.len());
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

    /// Roles `person` held on `date` (start inclusive, end exclusive; open ends count).
    pub fn roles_on(&self, person: PersonId, date: Date) -> Vec<&Role> {
        match self.people.get(person) {
            Some(p) => p.roles.iter().filter(|r| role_covers(r, date)).collect(),
            None => Vec::new(),
        }
    }

    /// Whether the KB knows `person` held `role` on `date`. (With per-source `as_of`
    /// dates a role with no end is known only up to the snapshot; see `Kb::tenure`.)
    pub fn holds(&self, person: PersonId, role: &Role, date: Date) -> bool {
        let _ = person;
        role_covers(role, date)
    }

    /// Whether the KB knows `person` did not hold `role` on `date`: the date is before
    /// its start or on or after its end.
    pub fn not_held(&self, person: PersonId, role: &Role, date: Date) -> bool {
        let _ = person;
        role.start.is_some_and(|s| date < s) || role.end.is_some_and(|e| e <= date)
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

    /// People who held `title` (the house title or one of its aliases, case-insensitive)
    /// on `date`, in `org` when given. Ids in KB order, without repeats.
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
            if role_covers(role, date) && out.last() != Some(&p) {
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

    /// The title a person is given at first reference on `date`, with the organisation in
    /// front unless the title already names it: its first demonym when it has any (a
    /// country: "Russian Deputy Foreign Minister", "U.S. Deputy Secretary of State"), else
    /// its short name ("NATO Secretary-General"). None when no role was held on that date.
    pub fn reference_title(&self, person: PersonId, date: Date) -> Option<String> {
        let role = *self.roles_on(person, date).first()?;
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

/// Whether `role` was held on `date` (start inclusive, end exclusive; open ends count).
pub fn role_covers(role: &Role, date: Date) -> bool {
    role.start.is_none_or(|s| s <= date) && role.end.is_none_or(|e| date < e)
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
