//! The knowledge base: people, organisations and house-style terms, loaded from TOML/JSON
//! files (a starter set is compiled in), indexed for "who is this mention, and what role
//! did they hold on date D".

pub mod index;
pub mod schema;

pub use schema::{KbFile, Organization, Person, Role, Term};

use crate::date::Date;

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
}

impl Kb {
    /// Merges files in order; a later entry with the same id replaces an earlier one.
    pub fn from_files(files: impl IntoIterator<Item = KbFile>) -> Kb {
        let mut kb = Kb::default();
        for f in files {
            for p in f.people {
                match kb.people.iter().position(|q| q.id == p.id) {
                    Some(i) => kb.people[i] = p,
                    None => kb.people.push(p),
                }
            }
            for o in f.organizations {
                match kb.organizations.iter().position(|q| q.id == o.id) {
                    Some(i) => kb.organizations[i] = o,
                    None => kb.organizations.push(o),
                }
            }
            kb.terms.extend(f.terms);
        }
        kb.reindex();
        kb
    }

    /// Rebuilds the name index from the current entries.
    pub fn reindex(&mut self) {
        self.index = index::NameIndex::build(self);
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonId> {
        self.people.iter().position(|p| p.id == id)
    }

    pub fn org_by_id(&self, id: &str) -> Option<OrgId> {
        self.organizations.iter().position(|o| o.id == id)
    }

    /// Roles `person` held on `date` (start inclusive, end exclusive; open ends count).
    pub fn roles_on(&self, person: PersonId, date: Date) -> Vec<&Role> {
        self.people[person]
            .roles
            .iter()
            .filter(|r| r.start.is_none_or(|s| s <= date) && r.end.is_none_or(|e| date < e))
            .collect()
    }
}

impl crate::article::NameHints for Kb {}

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

/// Parses one KB file's text (TOML, or JSON when `path` ends in `.json`). Nothing partial
/// is returned: any problem is an error.
pub fn parse_str(src: &str, path: &str) -> Result<KbFile, KbError> {
    let _ = src;
    Err(KbError {
        path: path.into(),
        line: 0,
        column: 0,
        message: "KB loading is not built yet".into(),
    })
}

/// Reads and parses one KB file.
pub fn load_file(path: &std::path::Path) -> Result<KbFile, KbError> {
    let display = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| KbError {
        path: display.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read the file: {e}"),
    })?;
    parse_str(&src, &display)
}

/// The starter KB compiled into the binary.
pub fn starter_files() -> Vec<KbFile> {
    Vec::new()
}
