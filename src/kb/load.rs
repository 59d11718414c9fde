//! Reading KB files: TOML/JSON parsing with positioned errors, validation of one file and
//! of a set of files, and the starter KB compiled into the binary.

use super::schema::{KbFile, Role};
use super::KbError;
use crate::text::{FastMap, LineIndex};
use std::collections::{HashMap, HashSet};

/// Longest accepted name, alias, variant, title or term form, in characters. Longer
/// strings are corrupt data or a pasted paragraph, and would bloat the name automaton.
pub const MAX_FORM_CHARS: usize = 200;
/// Most entries accepted in one list (aliases, variants, forms, roles) of one entry.
pub const MAX_LIST_LEN: usize = 500;

/// The starter KB as (path, text): the generated files first (the 2022 office holders,
/// then the 2026 Congress snapshot, whose people merge with the same Wikidata ids), then
/// the hand-curated file, so curated entries replace generated ones with the same id.
pub const STARTER_SOURCES: &[(&str, &str)] = &[
    (
        "starter:data/kb/officeholders.toml",
        include_str!("../../data/kb/officeholders.toml"),
    ),
    (
        "starter:data/kb/congress.toml",
        include_str!("../../data/kb/congress.toml"),
    ),
    (
        "starter:data/kb/curated.toml",
        include_str!("../../data/kb/curated.toml"),
    ),
];

/// Parses one KB file's text (TOML, or JSON when `path` ends in `.json`) and validates it
/// with [`validate`]. Nothing partial is returned: any problem is an error (the first one;
/// `copydesk kb check` lists them all).
pub fn parse_str(src: &str, path: &str) -> Result<KbFile, KbError> {
    let file = deserialize(src, path)?;
    match validate(&file, path, src).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(file),
    }
}

fn is_json(path: &str) -> bool {
    path.rsplit('.')
        .next()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The schema step alone: syntax and field types, no cross-entry checks.
pub(crate) fn deserialize(src: &str, path: &str) -> Result<KbFile, KbError> {
    if is_json(path) {
        serde_json::from_str::<KbFile>(src).map_err(|e| KbError {
            path: path.into(),
            line: e.line(),
            column: e.column(),
            message: plain_json_message(&e),
        })
    } else if let Some(file) = toml_in_pieces(src) {
        Ok(file)
    } else {
        toml::from_str::<KbFile>(src).map_err(|e| {
            let (line, column) = match e.span() {
                Some(r) => LineIndex::new(src).line_col(src, r.start),
                None => (0, 0),
            };
            KbError {
                path: path.into(),
                line,
                column,
                message: plain_toml_message(e.message()),
            }
        })
    }
}

/// A KB file in the plain shape every generator and most editors write it in, parsed one
/// entry at a time: the toml crate holds a whole document's tree (with spans) before
/// handing it to serde, which for a 28 MB file of 100,000 people is about a gigabyte.
///
/// Only used when the pieces are provably the same document: no multi-line strings (a
/// line inside one could look like a header), and every line that starts with `[` one of
/// `[[person]]`, `[[organization]]`, `[[term]]` or a `[[person.role]]` inside a person.
/// Each top-level header then starts a new array element that owns every line up to the
/// next one, so parsing the pieces separately and appending them in order gives what the
/// whole document gives. The lines before the first header (comments, `as_of`, `source`)
/// are parsed with the first piece, where they are top-level keys as in the whole
/// document. Anything else, and any piece that fails to parse, returns `None`: the caller
/// parses the whole document, so errors keep their positions and wording.
fn toml_in_pieces(src: &str) -> Option<KbFile> {
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Person,
        Org,
        Term,
    }
    if src.contains("\"\"\"") || src.contains("'''") {
        return None;
    }
    let mut pieces: Vec<(usize, Kind)> = Vec::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            let kind = match t {
                "[[person]]" => Kind::Person,
                "[[organization]]" => Kind::Org,
                "[[term]]" => Kind::Term,
                "[[person.role]]" if pieces.last().is_some_and(|p| p.1 == Kind::Person) => {
                    at += line.len();
                    continue;
                }
                _ => return None,
            };
            pieces.push((at, kind));
        }
        at += line.len();
    }
    // The comments before the first header go with it, so toml still checks them.
    pieces.first_mut()?.0 = 0;
    let mut file = KbFile::default();
    let count = |k: Kind| pieces.iter().filter(|p| p.1 == k).count();
    file.people.reserve_exact(count(Kind::Person));
    file.organizations.reserve_exact(count(Kind::Org));
    for (i, &(start, _)) in pieces.iter().enumerate() {
        let end = pieces.get(i + 1).map_or(src.len(), |p| p.0);
        let piece: KbFile = toml::from_str(&src[start..end]).ok()?;
        if i == 0 {
            file.as_of = piece.as_of;
            file.source = piece.source;
        }
        file.people.extend(piece.people);
        file.organizations.extend(piece.organizations);
        file.terms.extend(piece.terms);
    }
    Some(file)
}

fn plain_toml_message(m: &str) -> String {
    let m = m.trim().trim_end_matches('.');
    let m = m.lines().next().unwrap_or(m);
    format!("this is not a valid KB entry: {m}")
}

fn plain_json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("this is not valid JSON: {msg}")
        }
        _ => format!("this is not a valid KB entry: {msg}"),
    }
}

/// Finds where an entry or field is written, to put a line and column on a problem
/// found after parsing. Positions are searched only when there is a problem.
struct Locator<'a> {
    src: &'a str,
    path: &'a str,
    lines: Option<LineIndex>,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str, path: &'a str) -> Self {
        Locator {
            src,
            path,
            lines: None,
        }
    }

    /// Offset of the `nth` (0-based) `key = "value"` (TOML) or `"key": "value"` (JSON) at
    /// or after `from`; with no value, of the `nth` `key` assignment.
    fn field(&self, from: usize, key: &str, value: Option<&str>, nth: usize) -> Option<usize> {
        let val = match value {
            Some(v) => format!(
                r#"\s*(?:"{}"|'{}')"#,
                regex::escape(&escape_json(v)),
                regex::escape(v)
            ),
            None => String::new(),
        };
        let pat = format!(r#"(?m)(?:^|[\s{{,"]){}"?\s*[=:]{val}"#, regex::escape(key));
        let re = regex::Regex::new(&pat).ok()?;
        let hay = self.src.get(from..)?;
        let m = re.find_iter(hay).nth(nth)?;
        let start = m.start() + m.as_str().find(key).unwrap_or(0);
        Some(from + start)
    }

    /// Offset of `value` as a quoted string at or after `from`, in a list or a field.
    fn value(&self, from: usize, value: &str) -> Option<usize> {
        let hay = self.src.get(from..)?;
        [format!("\"{}\"", escape_json(value)), format!("'{value}'")]
            .iter()
            .filter_map(|q| hay.find(q.as_str()))
            .min()
            .map(|i| from + i)
    }

    fn error(&mut self, at: Option<usize>, message: String) -> KbError {
        let (line, column) = match at {
            Some(o) => {
                let idx = self.lines.get_or_insert_with(|| LineIndex::new(self.src));
                idx.line_col(self.src, o)
            }
            None => (0, 0),
        };
        KbError {
            path: self.path.into(),
            line,
            column,
            message,
        }
    }
}

fn escape_json(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Where each person and organisation entry starts, found by its `id` field: the
/// occurrence count handles repeated ids.
fn entry_anchors(file: &KbFile, loc: &Locator) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut anchor = |id: &str| {
        let n = seen.entry(id.to_string()).or_insert(0);
        let at = loc.field(0, "id", Some(id), *n);
        *n += 1;
        at
    };
    let people = file.people.iter().map(|p| anchor(&p.id)).collect();
    let orgs = file.organizations.iter().map(|o| anchor(&o.id)).collect();
    (people, orgs)
}

/// Every problem in one parsed KB file that the schema cannot express: duplicate ids,
/// empty or overlong names, bad ids, dates that end before they start, `prefer` outside
/// its `forms`. Role `org` ids are checked across the loaded set by [`check_references`],
/// since a newsroom file may name the starter's organisations.
pub fn validate(file: &KbFile, path: &str, src: &str) -> Vec<KbError> {
    let mut problems: Vec<(Option<usize>, Locate, String)> = Vec::new();
    let mut person_ids: FastMap<&str, ()> = FastMap::default();
    person_ids.reserve(file.people.len());
    let mut org_ids: FastMap<&str, ()> = FastMap::default();

    for (i, p) in file.people.iter().enumerate() {
        let e = Some(i);
        if let Some(m) = bad_id(&p.id) {
            problems.push((e, Locate::Person(i, Field::Id), m));
        } else if person_ids.insert(&p.id, ()).is_some() {
            problems.push((
                e,
                Locate::Person(i, Field::Id),
                format!("the person id `{}` is used twice in this file", p.id),
            ));
        }
        text_checks(&p.name, "name", &mut |f, m| {
            problems.push((e, Locate::Person(i, f), m))
        });
        for (list, key, what) in [
            (&p.aliases, "aliases", "alias"),
            (&p.variants, "variants", "variant"),
        ] {
            list_checks(list, key, what, &mut |f, m| {
                problems.push((e, Locate::Person(i, f), m))
            });
        }
        for v in &p.variants {
            if v == &p.name || p.aliases.contains(v) {
                problems.push((
                    e,
                    Locate::Person(i, Field::InList("variants", v.clone())),
                    format!(
                        "`{v}` is listed both as a right spelling and as a wrong one (variant)"
                    ),
                ));
            }
        }
        if let Some(q) = &p.wikidata {
            if !is_qid(q) {
                problems.push((
                    e,
                    Locate::Person(i, Field::Key("wikidata", Some(q.clone()))),
                    format!("`{q}` is not a Wikidata id: write it as Q followed by digits"),
                ));
            }
        }
        if p.roles.len() > MAX_LIST_LEN {
            problems.push((
                e,
                Locate::Person(i, Field::Id),
                format!(
                    "{} roles is more than the {MAX_LIST_LEN} allowed",
                    p.roles.len()
                ),
            ));
        }
        for r in &p.roles {
            role_checks(r, &mut |f, m| problems.push((e, Locate::Person(i, f), m)));
        }
    }

    for (i, o) in file.organizations.iter().enumerate() {
        let e = Some(i);
        if let Some(m) = bad_id(&o.id) {
            problems.push((e, Locate::Org(i, Field::Id), m));
        } else if org_ids.insert(&o.id, ()).is_some() {
            problems.push((
                e,
                Locate::Org(i, Field::Id),
                format!("the organization id `{}` is used twice in this file", o.id),
            ));
        }
        text_checks(&o.name, "name", &mut |f, m| {
            problems.push((e, Locate::Org(i, f), m))
        });
        if let Some(full) = &o.full_name {
            text_checks(full, "full_name", &mut |f, m| {
                problems.push((e, Locate::Org(i, f), m))
            });
        }
        for (list, key, what) in [
            (&o.aliases, "aliases", "alias"),
            (&o.variants, "variants", "variant"),
            (&o.demonyms, "demonyms", "demonym"),
        ] {
            list_checks(list, key, what, &mut |f, m| {
                problems.push((e, Locate::Org(i, f), m))
            });
        }
        if let Some(q) = &o.wikidata {
            if !is_qid(q) {
                problems.push((
                    e,
                    Locate::Org(i, Field::Key("wikidata", Some(q.clone()))),
                    format!("`{q}` is not a Wikidata id: write it as Q followed by digits"),
                ));
            }
        }
    }

    for (i, t) in file.terms.iter().enumerate() {
        if t.forms.len() < 2 {
            problems.push((
                None,
                Locate::Term(i, None),
                "a term needs at least two forms to choose between".into(),
            ));
        }
        list_checks(&t.forms, "forms", "form", &mut |f, m| {
            let v = match f {
                Field::InList(_, v) => Some(v),
                _ => None,
            };
            problems.push((None, Locate::Term(i, v), m))
        });
        for (key, form) in [("prefer", &t.prefer), ("headline", &t.headline)] {
            if let Some(f) = form {
                if !t.forms.contains(f) {
                    problems.push((
                        None,
                        Locate::Term(i, Some(f.clone())),
                        format!("`{key} = \"{f}\"` is not one of this term's forms"),
                    ));
                }
            }
        }
    }

    if problems.is_empty() {
        return Vec::new();
    }
    let mut loc = Locator::new(src, path);
    let (people_at, orgs_at) = entry_anchors(file, &loc);
    problems
        .into_iter()
        .map(|(_, where_, msg)| {
            let at = match where_ {
                Locate::Person(i, f) => field_at(&loc, people_at[i], f),
                Locate::Org(i, f) => field_at(&loc, orgs_at[i], f),
                Locate::Term(i, v) => {
                    let anchor = loc.field(0, "forms", None, i);
                    match (anchor, v) {
                        (Some(a), Some(v)) => loc.value(a, &v).or(Some(a)),
                        (a, _) => a,
                    }
                }
            };
            loc.error(at, msg)
        })
        .collect()
}

/// Which part of an entry a problem is about, to locate it in the text.
enum Field {
    Id,
    /// A `key = value` assignment (value when known).
    Key(&'static str, Option<String>),
    /// A string in the list under `key`.
    InList(&'static str, String),
}

enum Locate {
    Person(usize, Field),
    Org(usize, Field),
    /// A term, by position, and the form at fault when there is one.
    Term(usize, Option<String>),
}

fn field_at(loc: &Locator, anchor: Option<usize>, f: Field) -> Option<usize> {
    let a = anchor?;
    let found = match f {
        Field::Id => None,
        Field::Key(k, v) => loc.field(a, k, v.as_deref(), 0),
        Field::InList(k, v) => loc.field(a, k, None, 0).and_then(|at| loc.value(at, &v)),
    };
    found.or(Some(a))
}

fn bad_id(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("the id is empty".into());
    }
    if id.chars().count() > MAX_FORM_CHARS {
        return Some(format!("the id is longer than {MAX_FORM_CHARS} characters"));
    }
    let ok = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if !ok {
        return Some(format!(
            "the id `{id}` may use only lowercase letters a-z, digits, `-`, `_` and `.`"
        ));
    }
    None
}

fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn text_checks(s: &str, what: &'static str, report: &mut dyn FnMut(Field, String)) {
    if s.trim().is_empty() {
        report(
            Field::Key(what, Some(s.into())),
            format!("the {what} is empty"),
        );
    } else if s.chars().count() > MAX_FORM_CHARS {
        report(
            Field::Key(what, None),
            format!("the {what} is longer than {MAX_FORM_CHARS} characters"),
        );
    }
}

fn list_checks<'a>(
    list: &'a [String],
    key: &'static str,
    what: &str,
    report: &mut dyn FnMut(Field, String),
) {
    if list.len() > MAX_LIST_LEN {
        report(
            Field::Id,
            format!(
                "{} entries in one {what} list is more than the {MAX_LIST_LEN} allowed",
                list.len()
            ),
        );
    }
    // Most lists hold one or two forms: a scan of the earlier entries finds a repeat
    // without a hash set per list; long lists (even over the limit) take the set.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut repeated = |i: usize, s: &'a str| {
        if list.len() <= 16 {
            list[..i].iter().any(|t| t == s)
        } else {
            !seen.insert(s)
        }
    };
    for (i, s) in list.iter().enumerate() {
        if s.trim().is_empty() {
            report(Field::InList(key, s.clone()), format!("an empty {what}"));
        } else if s.chars().count() > MAX_FORM_CHARS {
            report(
                Field::InList(key, s.clone()),
                format!("a {what} longer than {MAX_FORM_CHARS} characters"),
            );
        } else if repeated(i, s) {
            report(
                Field::InList(key, s.clone()),
                format!("the {what} `{s}` is listed twice"),
            );
        }
    }
}

fn role_checks(r: &Role, report: &mut dyn FnMut(Field, String)) {
    if r.title.trim().is_empty() {
        report(
            Field::Key("title", Some(r.title.clone())),
            "a role with an empty title".into(),
        );
    } else if r.title.chars().count() > MAX_FORM_CHARS {
        report(
            Field::Key("title", None),
            format!("a role title longer than {MAX_FORM_CHARS} characters"),
        );
    }
    list_checks(&r.title_aliases, "title_aliases", "title alias", report);
    if let (Some(s), Some(e)) = (r.start, r.end) {
        if e < s {
            report(
                Field::Key("end", Some(e.to_string())),
                format!("the role `{}` ends ({e}) before it starts ({s})", r.title),
            );
        }
    }
    if r.org.as_deref().is_some_and(|o| o.trim().is_empty()) {
        report(Field::Key("org", None), "a role with an empty `org`".into());
    }
}

/// Role `org` ids that name no organisation in the whole loaded set (`files` as (path,
/// text, parsed file), in load order). Every unknown reference is reported where written.
pub fn check_references(files: &[(&str, &str, &KbFile)]) -> Vec<KbError> {
    let known: FastMap<&str, ()> = files
        .iter()
        .flat_map(|(_, _, f)| f.organizations.iter().map(|o| (o.id.as_str(), ())))
        .collect();
    let mut out = Vec::new();
    for (path, src, file) in files {
        let mut loc = Locator::new(src, path);
        let mut anchors: Option<Vec<Option<usize>>> = None;
        for (i, p) in file.people.iter().enumerate() {
            for r in &p.roles {
                let Some(org) = r.org.as_deref() else {
                    continue;
                };
                if known.contains_key(org) {
                    continue;
                }
                let anchors = anchors.get_or_insert_with(|| entry_anchors(file, &loc).0);
                let at = field_at(&loc, anchors[i], Field::Key("org", Some(org.into())));
                out.push(loc.error(
                    at,
                    format!(
                        "{}'s role `{}` names the organization `{org}`, which no loaded KB file defines",
                        p.name, r.title
                    ),
                ));
            }
        }
    }
    out
}

/// The text of a KB or style file, or an error naming it.
pub fn read_text(path: &std::path::Path) -> Result<String, KbError> {
    std::fs::read_to_string(path).map_err(|e| KbError {
        path: path.display().to_string(),
        line: 0,
        column: 0,
        message: format!("cannot read the file: {e}"),
    })
}

/// Reads and parses one KB file.
pub fn load_file(path: &std::path::Path) -> Result<super::KbFile, KbError> {
    parse_str(&read_text(path)?, &path.display().to_string())
}

/// The starter people and organisations compiled into the binary, in load order. A
/// starter file that fails to parse is left out (the crate's tests guarantee none does).
pub fn starter_people_files() -> Vec<KbFile> {
    STARTER_SOURCES
        .iter()
        .filter_map(|(path, src)| parse_str(src, path).ok())
        .collect()
}

/// What a draft is checked with by default: the starter people and organisations, then
/// the built-in term groups with no house style ([`super::style`]).
pub fn starter_files() -> Vec<KbFile> {
    let mut files = starter_people_files();
    files.extend(super::style::builtin_files(
        &super::style::HouseStyle::Draft,
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::kb::Kb;

    fn errors(src: &str, path: &str) -> Vec<KbError> {
        match deserialize(src, path) {
            Err(e) => vec![e],
            Ok(f) => validate(&f, path, src),
        }
    }

    #[test]
    fn toml_syntax_error_has_line_and_column() {
        let src = "[[person]]\nid = \"a\"\nname = \"A B\n";
        let e = parse_str(src, "bad.toml").unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("bad.toml", 3));
        assert!(e.column >= 1);
        assert!(e.to_string().starts_with("bad.toml:3:"), "{e}");
    }

    #[test]
    fn unknown_field_and_bad_date_are_located() {
        let src = "[[person]]\nid = \"a\"\nname = \"A B\"\nnmae = \"x\"\n";
        let e = parse_str(src, "k.toml").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("nmae"), "{e}");
        let src = "[[person]]\nid = \"a\"\nname = \"A B\"\n  [[person.role]]\n  title = \"X\"\n  start = \"2022-13-01\"\n";
        let e = parse_str(src, "k.toml").unwrap_err();
        assert_eq!(e.line, 6, "{e}");
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn toml_read_entry_by_entry_equals_the_whole_document() {
        let src = "# newsroom KB\nas_of = \"2026-03-01\"\nsource = \"the desk\"\n\n[[person]]\nid = \"a\"\nname = \"Ann Lee\"\naliases = [\n  \"Lee\",\n]\n  [[person.role]]\n  title = \"Envoy\"\n  org = \"o\"\n  start = \"2020-01-02\"\n  [[person.role]]\n  title = \"Minister\"\n\n[[organization]]\nid = \"o\"\nname = \"Org\"\n\n[[person]]\nid = \"b\"\nname = \"Bo Ek\"\nrole = [{ title = \"Mayor\" }]\n\r\n[[term]]\nforms = [\"US\", \"U.S.\"]\n";
        let pieces = toml_in_pieces(src).expect("a plain KB file is read in pieces");
        let whole: KbFile = toml::from_str(src).expect("valid TOML");
        assert_eq!(pieces, whole);
        assert_eq!(pieces.people.len(), 2);
        assert_eq!(pieces.people[0].roles.len(), 2);
        assert_eq!(pieces.people[1].roles[0].title, "Mayor");
        assert_eq!(pieces.as_of, Date::new(2026, 3, 1));
        assert_eq!(pieces.source.as_deref(), Some("the desk"));
    }

    #[test]
    fn toml_in_any_other_shape_is_read_whole_with_the_same_result_and_errors() {
        let cases = [
            // A role after an organisation still belongs to the last person.
            "[[person]]\nid = \"a\"\nname = \"A B\"\n[[organization]]\nid = \"o\"\nname = \"O\"\n[[person.role]]\ntitle = \"X\"\n",
            // Entries as an inline array before the first header.
            "person = [{ id = \"a\", name = \"A B\" }]\n",
            "person = [{ id = \"a\", name = \"A B\" }]\n[[person]]\nid = \"b\"\nname = \"C D\"\n",
            // A multi-line string whose line looks like a header.
            "[[person]]\nid = \"a\"\nname = \"A B\"\ndescription = \"\"\"\n[[person]]\n\"\"\"\n",
            "[[person]]\nid = \"a\"\nname = \"A B\"\n[person.x]\ny = 1\n",
            "# \u{1}\n[[person]]\nid = \"a\"\nname = \"A B\"\n",
            "[[person]]\nid = \"a\"\nname = \"A B\"\n[[person]]\nid = \"b\"\nnmae = \"C D\"\n",
        ];
        for src in cases {
            let whole = toml::from_str::<KbFile>(src);
            let ours = deserialize(src, "k.toml");
            match (&whole, &ours) {
                (Ok(w), Ok(o)) => assert_eq!(w, o, "{src}"),
                (Err(w), Err(o)) => {
                    let at = w.span().map(|r| LineIndex::new(src).line_col(src, r.start));
                    assert_eq!(at, Some((o.line, o.column)), "{src}");
                }
                _ => panic!("{src}: whole {whole:?}, ours {ours:?}"),
            }
        }
        assert!(toml_in_pieces(cases[0]).is_none());
        assert!(toml_in_pieces(cases[3]).is_none());
    }

    #[test]
    fn json_errors_have_positions_and_valid_json_loads() {
        let e = parse_str("{\"person\": [{\"id\": \"a\",}]}", "k.json").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not valid JSON"), "{e}");
        let ok = parse_str(
            r#"{"person": [{"id": "a", "name": "Ann Lee", "role": [{"title": "Envoy", "start": "2020-01-02"}]}]}"#,
            "k.json",
        )
        .expect("valid JSON KB");
        assert_eq!(ok.people[0].roles[0].start, Date::new(2020, 1, 2));
        let dup = "{\n\"person\": [\n{\"id\": \"a\", \"name\": \"A\"},\n{\"id\": \"a\", \"name\": \"B\"}\n]}";
        let e = parse_str(dup, "d.json").unwrap_err();
        assert_eq!((e.line, e.column), (4, 3), "{e}");
    }

    #[test]
    fn validation_reports_every_problem_where_it_is_written() {
        let src = r#"[[person]]
id = "a"
name = "Ann Lee"
variants = ["Ann Lee"]
  [[person.role]]
  title = "Envoy"
  start = "2020-05-01"
  end = "2019-01-01"

[[person]]
id = "a"
name = "  "
wikidata = "42"

[[organization]]
id = "Bad Id"
name = "Org"

[[term]]
forms = ["U.S.", "US"]
prefer = "USA"

[[term]]
forms = ["alone"]
"#;
        let errs = errors(src, "v.toml");
        let got: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
        let expect_lines = [4, 8, 11, 12, 13, 16, 21, 24];
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>().len(),
            expect_lines.len(),
            "{got:#?}"
        );
        for line in expect_lines {
            assert!(
                got.iter().any(|g| g.0 == line),
                "no problem on line {line}: {got:#?}"
            );
        }
        assert!(got
            .iter()
            .any(|g| g.1.contains("ends (2019-01-01) before it starts")));
        assert!(got.iter().any(|g| g.1.contains("used twice")));
        assert!(got.iter().any(|g| g.1.contains("`prefer = \"USA\"`")));
        // parse_str refuses the file: nothing partial.
        assert!(parse_str(src, "v.toml").is_err());
    }

    #[test]
    fn overlong_forms_and_lists_are_refused() {
        let long = "x".repeat(MAX_FORM_CHARS + 1);
        let src = format!("[[term]]\nforms = [\"a\", \"{long}\"]\n");
        let e = parse_str(&src, "t.toml").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("longer than 200"), "{e}");
        let many: Vec<String> = (0..=MAX_LIST_LEN).map(|i| format!("\"A{i}\"")).collect();
        let src = format!(
            "[[person]]\nid = \"p\"\nname = \"P Q\"\naliases = [{}]\n",
            many.join(",")
        );
        assert!(parse_str(&src, "t.toml")
            .unwrap_err()
            .message
            .contains("more than"));
    }

    #[test]
    fn references_are_checked_across_files() {
        let a = "[[organization]]\nid = \"nato\"\nname = \"NATO\"\n";
        let b = "[[person]]\nid = \"p\"\nname = \"P Q\"\n  [[person.role]]\n  title = \"Envoy\"\n  org = \"nato\"\n  [[person.role]]\n  title = \"Envoy\"\n  org = \"osce\"\n";
        let fa = parse_str(a, "a.toml").unwrap();
        let fb = parse_str(b, "b.toml").expect("a single file does not need its orgs");
        assert!(check_references(&[("a.toml", a, &fa), ("b.toml", b, &fb)]).len() == 1);
        let errs = check_references(&[("b.toml", b, &fb)]);
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[1].line, errs[1].column), (9, 3), "{:?}", errs[1]);
        assert!(errs[1].message.contains("`osce`"));
    }

    #[test]
    fn starter_kb_validates_completely() {
        let mut set = Vec::new();
        for (path, src) in STARTER_SOURCES {
            let f = match parse_str(src, path) {
                Ok(f) => f,
                Err(e) => panic!("starter file broken: {e}"),
            };
            set.push((*path, *src, f));
        }
        let refs: Vec<(&str, &str, &KbFile)> = set.iter().map(|(p, s, f)| (*p, *s, f)).collect();
        assert_eq!(check_references(&refs), vec![]);
        assert_eq!(starter_people_files().len(), STARTER_SOURCES.len());
        assert_eq!(starter_files().len(), STARTER_SOURCES.len() + 1);
        // Every role in the starter set says where it comes from.
        for (_, _, f) in &set {
            for p in &f.people {
                for r in &p.roles {
                    assert!(r.source.is_some(), "{} {} has no source", p.name, r.title);
                }
            }
        }
    }

    #[test]
    fn starter_kb_knows_the_seed_articles_people_on_its_date() {
        let kb = Kb::from_files(starter_files());
        let day = Date::new(2022, 1, 12).unwrap();
        let held = |name: &str| -> Vec<(String, Option<String>)> {
            let p = kb
                .person_by_name(name)
                .unwrap_or_else(|| panic!("{name} is not in the starter KB"));
            kb.roles_on(p, day)
                .into_iter()
                .map(|r| (r.title.clone(), r.org.clone()))
                .collect()
        };
        let has = |name: &str, title: &str, org: &str| {
            let roles = held(name);
            assert!(
                roles
                    .iter()
                    .any(|(t, o)| t == title && o.as_deref() == Some(org)),
                "{name} on 2022-01-12: {roles:?}"
            );
        };
        has("Jens Stoltenberg", "Secretary-General", "nato");
        has("Alexander Grushko", "Deputy Foreign Minister", "russia");
        has("Wendy Sherman", "Deputy Secretary of State", "us");
        has("Alexander Fomin", "Deputy Defence Minister", "russia");
        has("Dmitry Peskov", "spokesperson", "kremlin");
        has("Julianne Smith", "ambassador to NATO", "us");
        has("Sergei Ryabkov", "Deputy Foreign Minister", "russia");
        has("Michael Carpenter", "ambassador to the OSCE", "us");
        // Wikidata's spelling is a known variant of the wire spelling.
        let lavrov = kb.person_by_name("Sergei Lavrov").unwrap();
        assert_eq!(kb.person_by_variant("Sergey Lavrov"), Some(lavrov));
        assert!(kb.person_by_variant("Sergey Ryabkov").is_some());
        for org in [
            "NATO",
            "OSCE",
            "NATO-Russia Council",
            "Kremlin",
            "Reuters",
            "EPA-EFE",
            "TV Rain",
            "Dozhd",
            "Russian",
            "American",
            "U.S.",
        ] {
            assert!(
                kb.org_by_name(org).is_some(),
                "{org} is not a starter organisation"
            );
        }
        assert_eq!(kb.org_by_name("Russian"), kb.org_by_id("russia"));
        // Grushko's appositive title in the seed, the post he held before.
        let g = kb.person_by_name("Grushko").unwrap();
        assert!(kb.people[g]
            .roles
            .iter()
            .any(|r| r.title == "ambassador to NATO" && r.end.is_some()));
    }

    #[test]
    fn starter_kb_knows_2022_cabinets_to_mid_2022_and_congress_to_its_2026_snapshot() {
        let kb = Kb::from_files(starter_files());
        let on = |s: &str| Date::parse(s).unwrap();
        let titles = |name: &str, d: &str| -> Vec<String> {
            let p = kb.person_by_name(name).unwrap_or_else(|| panic!("{name}"));
            kb.roles_on(p, on(d))
                .iter()
                .map(|r| r.title.clone())
                .collect()
        };
        // The 2022 cabinet row has no end: held up to the snapshot, unknown after it.
        let blinken = kb.person_by_name("Antony Blinken").unwrap();
        assert_eq!(kb.as_of(blinken), Date::new(2022, 7, 19));
        assert_eq!(
            titles("Antony Blinken", "2022-03-01"),
            ["Secretary of State"]
        );
        assert!(titles("Antony Blinken", "2025-03-01").is_empty());
        assert_eq!(
            kb.first_reference(blinken, on("2025-03-01")),
            "Antony Blinken"
        );
        // One Joe Biden: the 2022 cabinet row and the Congress snapshot's terms.
        let biden = kb.people_named("Joe Biden");
        assert_eq!(biden.len(), 1, "{biden:?}");
        let b = biden[0];
        assert_eq!(kb.people[b].id, "joe-biden");
        assert_eq!(kb.as_of(b), Date::new(2026, 6, 15));
        assert_eq!(titles("Joe Biden", "2012-06-01"), ["Vice President"]);
        assert_eq!(titles("Joe Biden", "2022-03-01"), ["President"]);
        assert!(titles("Joe Biden", "2025-03-01").is_empty());
        assert_eq!(
            kb.holders_of("President", kb.org_by_id("us"), on("2026-01-01")),
            kb.people_named("Donald Trump")
        );
        // Past the snapshot a scheduled end is not knowledge.
        assert!(kb
            .holders_of("President", kb.org_by_id("us"), on("2026-07-01"))
            .is_empty());
        // Members of Congress, with the house spelling for the vice-president.
        assert_eq!(titles("Bernie Sanders", "2026-01-01"), ["Senator"]);
        let s = kb.person_by_name("Bernie Sanders").unwrap();
        assert_eq!(
            kb.first_reference(s, on("2026-01-01")),
            "Sen. Bernie Sanders"
        );
        // The office a desk names, not the ceremonial post it brings.
        let m = kb.person_by_name("Emmanuel Macron").unwrap();
        assert_eq!(
            kb.first_reference(m, on("2022-01-12")),
            "French President Emmanuel Macron"
        );
        let c = kb.person_by_name("Charles III").unwrap();
        let crown = kb.reference_role(c, on("2023-06-01")).unwrap();
        assert_eq!(crown.org.as_deref(), Some("uk"));
        let v = kb.person_by_name("JD Vance").unwrap();
        assert_eq!(kb.person_by_variant("J.D. Vance"), Some(v));
        assert_eq!(titles("JD Vance", "2026-01-01"), ["Vice President"]);
        assert_eq!(kb.as_of(v), Date::new(2026, 6, 15));
    }

    #[test]
    fn starter_kb_uses_wire_spellings_and_accepts_the_accented_label() {
        let kb = Kb::from_files(starter_files());
        let g = kb.person_by_id("antonio-guterres").unwrap();
        assert_eq!(kb.people[g].name, "Antonio Guterres");
        assert!(kb.people[g].aliases.iter().any(|a| a == "António Guterres"));
        assert!(kb.people[g].variants.is_empty());
        let r = kb.person_by_name("Sergei Ryabkov").unwrap();
        assert!(kb.people[r].variants.iter().any(|v| v == "Sergey Ryabkov"));
    }

    #[test]
    fn starter_kb_answers_who_held_top_posts() {
        let kb = Kb::from_files(starter_files());
        let on = |s: &str| Date::parse(s).unwrap();
        let names = |title: &str, org: &str, d: &str| -> Vec<String> {
            kb.holders_of(title, kb.org_by_id(org), on(d))
                .into_iter()
                .map(|p| kb.people[p].name.clone())
                .collect()
        };
        assert_eq!(
            names("Secretary-General", "nato", "2022-01-12"),
            ["Jens Stoltenberg"]
        );
        assert_eq!(
            names("Secretary General", "nato", "2025-03-01"),
            ["Mark Rutte"]
        );
        assert_eq!(
            names("Secretary-General", "nato", "2012-06-01"),
            ["Anders Fogh Rasmussen"]
        );
        assert_eq!(
            names("Secretary-General", "un", "2022-01-12"),
            ["Antonio Guterres"]
        );
        assert_eq!(
            names("Secretary-General", "un", "2012-01-01"),
            ["Ban Ki-moon"]
        );
        assert_eq!(names("President", "us", "2022-01-12"), ["Joe Biden"]);
        assert_eq!(names("President", "us", "2025-03-01"), ["Donald Trump"]);
        assert_eq!(
            names("President", "russia", "2011-01-01"),
            ["Dmitry Medvedev"]
        );
        assert_eq!(
            names("President", "ukraine", "2022-01-12"),
            ["Volodymyr Zelenskiy"]
        );
        assert_eq!(names("Prime Minister", "uk", "2022-10-01"), ["Liz Truss"]);
        assert_eq!(
            names("Prime Minister", "uk", "2015-01-01"),
            ["David Cameron"]
        );
        assert_eq!(
            names("Chancellor", "germany", "2022-01-12"),
            ["Olaf Scholz"]
        );
        assert_eq!(
            names("Chancellor", "germany", "2015-01-01"),
            ["Angela Merkel"]
        );
        assert_eq!(
            names("President", "france", "2022-01-12"),
            ["Emmanuel Macron"]
        );
        assert_eq!(
            names("Prime Minister", "italy", "2022-01-12"),
            ["Mario Draghi"]
        );
        assert_eq!(
            names("Prime Minister", "japan", "2022-01-12"),
            ["Fumio Kishida"]
        );
        assert_eq!(
            names("Prime Minister", "canada", "2022-01-12"),
            ["Justin Trudeau"]
        );
        assert_eq!(names("President", "china", "2022-01-12"), ["Xi Jinping"]);
        assert_eq!(names("Premier", "china", "2022-01-12"), ["Li Keqiang"]);
        assert_eq!(
            names("Prime Minister", "india", "2022-01-12"),
            ["Narendra Modi"]
        );
        assert_eq!(
            names("President", "india", "2022-01-12"),
            ["Ram Nath Kovind"]
        );
        assert_eq!(
            names(
                "President of the European Commission",
                "european-commission",
                "2022-01-12"
            ),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            names(
                "European Council President",
                "european-council",
                "2022-01-12"
            ),
            ["Charles Michel"]
        );
        // Mark Rutte in January 2022: Dutch Prime Minister, not yet at NATO.
        let rutte = kb.person_by_name("Rutte").unwrap();
        let roles: Vec<&str> = kb
            .roles_on(rutte, on("2022-01-12"))
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(roles, ["Prime Minister"]);
    }
}
