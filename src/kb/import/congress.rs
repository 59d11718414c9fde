//! The unitedstates/congress-legislators YAML files (`legislators-current.yaml`,
//! `executive.yaml`, and the historical file in the same shape) → KB people with dated
//! roles: senators, representatives (delegates and the resident commissioner of Puerto
//! Rico), presidents and vice-presidents.
//!
//! Each entry has `id` (bioguide, wikidata, …), `name` (first, middle, last, suffix,
//! nickname, official_full), `bio` (gender) and `terms` (type `sen`, `rep`, `prez` or
//! `viceprez`, start, end, state, district, party). Dates are exact days; a term's end in
//! the future is its scheduled end, which is why the caller must say what the snapshot is
//! known to (`as_of`): the KB treats such a term as unknown after that date.

use super::{IdAllocator, ImportError};
use crate::article::Pronoun;
use crate::date::Date;
use crate::kb::schema::{KbFile, Person, Role};
use serde::Deserialize;

/// One YAML file to import.
#[derive(Clone, Debug)]
pub struct YamlInput {
    pub path: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Options {
    /// The date the snapshot is known to (written as the file's `as_of`).
    pub as_of: Date,
    /// The file's `source` line.
    pub source: Option<String>,
    /// The organisation id of the United States in the loaded KB.
    pub org: String,
    /// Keep roles that ended on or after this date (or have not ended).
    pub since: Option<Date>,
    /// Ids already used elsewhere (the other starter files), so generated ids never
    /// replace an entry there; a person found there by Wikidata id merges at load instead.
    pub reserved_person_ids: Vec<String>,
}

#[derive(Deserialize)]
struct Entry {
    id: Ids,
    name: Name,
    #[serde(default)]
    bio: Option<Bio>,
    #[serde(default)]
    terms: Vec<Term>,
}

#[derive(Deserialize)]
struct Ids {
    #[serde(default)]
    bioguide: Option<String>,
    #[serde(default)]
    wikidata: Option<String>,
}

#[derive(Deserialize)]
struct Name {
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    middle: Option<String>,
    #[serde(default)]
    last: Option<String>,
    #[serde(default)]
    nickname: Option<String>,
    #[serde(default)]
    official_full: Option<String>,
}

#[derive(Deserialize)]
struct Bio {
    #[serde(default)]
    gender: Option<String>,
}

#[derive(Deserialize)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    start: String,
    end: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    district: Option<i64>,
    #[serde(default)]
    party: Option<String>,
}

/// Imports the files into one KB file (people only: the roles name `opts.org`, which the
/// starter's curated file defines).
pub fn import(inputs: &[YamlInput], opts: &Options) -> Result<KbFile, ImportError> {
    let mut ids = IdAllocator::default();
    for id in &opts.reserved_person_ids {
        // A key no generated person has: a reserved id is never handed out again.
        ids.reserve(id, "\u{0}reserved");
    }
    let mut out = KbFile {
        as_of: Some(opts.as_of),
        source: opts.source.clone(),
        ..KbFile::default()
    };
    let mut seen: Vec<(String, usize)> = Vec::new();
    for input in inputs {
        let entries: Vec<Entry> =
            serde_yaml_ng::from_str(&input.text).map_err(|e| match e.location() {
                Some(l) => ImportError::Line {
                    path: input.path.clone(),
                    line: l.line(),
                    message: plain_yaml_message(&e),
                },
                None => ImportError::Data {
                    path: input.path.clone(),
                    message: plain_yaml_message(&e),
                },
            })?;
        for (n, e) in entries.into_iter().enumerate() {
            let bad = |message: String| ImportError::Data {
                path: input.path.clone(),
                message: format!("entry {}: {message}", n + 1),
            };
            let name = wire_name(&e.name).ok_or_else(|| bad("no first and last name".into()))?;
            let pronoun = match e.bio.as_ref().and_then(|b| b.gender.as_deref()) {
                Some("M") => Some(Pronoun::He),
                Some("F") => Some(Pronoun::She),
                _ => None,
            };
            let source = match (&e.id.bioguide, &e.id.wikidata) {
                (Some(b), _) => Some(format!("https://bioguide.congress.gov/search/bio/{b}")),
                (None, Some(q)) => Some(format!("https://www.wikidata.org/wiki/{q}")),
                (None, None) => None,
            };
            let mut roles = Vec::new();
            for t in &e.terms {
                let start = Date::parse(&t.start)
                    .filter(|_| t.start.len() == 10)
                    .ok_or_else(|| bad(format!("`{}` is not a YYYY-MM-DD date", t.start)))?;
                let end = Date::parse(&t.end)
                    .filter(|_| t.end.len() == 10)
                    .ok_or_else(|| bad(format!("`{}` is not a YYYY-MM-DD date", t.end)))?;
                if end < start {
                    return Err(bad(format!(
                        "a term ends ({end}) before it starts ({start})"
                    )));
                }
                let Some(mut role) = role_for(t, pronoun, &opts.org) else {
                    return Err(bad(format!("unknown term type `{}`", t.kind)));
                };
                role.start = Some(start);
                role.end = Some(end);
                role.source = source.clone();
                roles.push(role);
            }
            let roles: Vec<Role> = join_consecutive(roles)
                .into_iter()
                .filter(|r| match (opts.since, r.end) {
                    (Some(since), Some(end)) => end >= since,
                    _ => true,
                })
                .collect();
            if roles.is_empty() {
                continue;
            }
            let key =
                e.id.wikidata
                    .clone()
                    .or_else(|| e.id.bioguide.clone())
                    .unwrap_or_else(|| name.clone());
            // The same person in two files (a senator who became vice-president is in
            // both): one entry with both sets of roles.
            if let Some(&(_, i)) = seen.iter().find(|(k, _)| *k == key) {
                let p: &mut Person = &mut out.people[i];
                p.roles.extend(roles);
                p.roles.sort_by_key(|r| r.start);
                continue;
            }
            let mut aliases = Vec::new();
            for alias in other_names(&e.name) {
                if alias != name && !aliases.contains(&alias) {
                    aliases.push(alias);
                }
            }
            let description = roles.last().map(describe);
            seen.push((key.clone(), out.people.len()));
            out.people.push(Person {
                id: ids.id_for(&name, &key),
                name,
                aliases,
                pronouns: pronoun,
                description,
                wikidata: e.id.wikidata.clone(),
                roles,
                ..Person::default()
            });
        }
    }
    Ok(out)
}

/// The name as the wire writes it: nickname (else first name) and last name, so "Bernie
/// Sanders" for Bernard Sanders; a first initial gives way to the middle name ("H. Morgan
/// Griffith" → "Morgan Griffith"). Suffixes (Jr., III) are left to the aliases.
fn wire_name(n: &Name) -> Option<String> {
    let last = n.last.as_deref()?.trim();
    let first = n.first.as_deref().map(str::trim).unwrap_or("");
    let initial = first.len() <= 2 && first.ends_with('.');
    let given = match (&n.nickname, &n.middle) {
        (Some(nick), _) => nick.trim(),
        (None, Some(m)) if initial => m.trim(),
        _ => first,
    };
    if given.is_empty() || last.is_empty() {
        return None;
    }
    Some(format!("{given} {last}"))
}

/// Other full forms a draft may use: first and last name, first, middle and last name,
/// and the official full name (unless it holds a quoted nickname).
fn other_names(n: &Name) -> Vec<String> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (n.first.as_deref(), n.last.as_deref()) else {
        return out;
    };
    out.push(format!("{first} {last}"));
    if let Some(m) = &n.middle {
        out.push(format!("{first} {m} {last}"));
    }
    if let Some(full) = &n.official_full {
        if !full.contains('"') {
            out.push(full.clone());
        }
    }
    out
}

fn role_for(t: &Term, pronoun: Option<Pronoun>, org: &str) -> Option<Role> {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let state = t
        .state
        .as_deref()
        .map(|s| state_name(s).unwrap_or(s).to_string());
    let mut role = Role {
        org: Some(org.to_string()),
        party: t.party.clone(),
        ..Role::default()
    };
    match t.kind.as_str() {
        "sen" => {
            role.title = "Senator".into();
            role.title_aliases = strings(&["Sen.", "U.S. Senator", "U.S. Sen."]);
            role.short_title = Some("Sen.".into());
            role.area = state;
        }
        "rep" => {
            let code = t.state.as_deref().unwrap_or("");
            let (title, short) = match code {
                "PR" => ("Resident Commissioner", None),
                "DC" | "AS" | "GU" | "MP" | "VI" => ("Delegate", Some("Del.")),
                _ => ("Representative", Some("Rep.")),
            };
            role.title = title.into();
            role.short_title = short.map(str::to_string);
            let mut aliases = match short {
                Some("Rep.") => strings(&["Rep.", "U.S. Representative", "U.S. Rep."]),
                Some(s) => vec![s.to_string()],
                None => Vec::new(),
            };
            aliases.extend(match pronoun {
                Some(Pronoun::He) => strings(&["Congressman"]),
                Some(Pronoun::She) => strings(&["Congresswoman"]),
                _ => strings(&["Congressman", "Congresswoman"]),
            });
            role.title_aliases = aliases;
            role.area = state.map(|s| match t.district {
                Some(0) => format!("{s} (at large)"),
                Some(d) if title == "Representative" => format!("{s}'s {} district", ordinal(d)),
                _ => s,
            });
        }
        "prez" => {
            role.title = "President".into();
            role.title_aliases = strings(&["President of the United States"]);
        }
        "viceprez" => {
            role.title = "Vice President".into();
            role.title_aliases = strings(&["Vice President of the United States"]);
        }
        _ => return None,
    }
    Some(role)
}

/// Back-to-back terms of one office (same title, area and party, the next starting at
/// most a week after the last ended, as Senate terms end on 3 January and the next begins
/// on the 3rd or 4th) are one role from the first start to the last end.
fn join_consecutive(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort_by_key(|r| r.start);
    let mut out: Vec<Role> = Vec::new();
    for r in roles {
        if let Some(prev) = out.last_mut() {
            let follows = match (prev.end, r.start) {
                (Some(e), Some(s)) => s >= e.add_days(-1) && s <= e.add_days(7),
                _ => false,
            };
            if follows && prev.title == r.title && prev.area == r.area && prev.party == r.party {
                prev.end = r.end.max(prev.end);
                continue;
            }
        }
        out.push(r);
    }
    out
}

fn describe(r: &Role) -> String {
    let what = match r.title.as_str() {
        "Senator" => "U.S. senator".to_string(),
        "Representative" => "U.S. representative".to_string(),
        "President" => "President of the United States".to_string(),
        "Vice President" => "Vice President of the United States".to_string(),
        t => t.to_string(),
    };
    let area = r
        .area
        .as_deref()
        .map(|a| format!(" for {a}"))
        .unwrap_or_default();
    let party = r
        .party
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!("{what}{area}{party}")
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// USPS codes of the states, the District of Columbia and the territories with a
/// delegate in the House.
fn state_name(code: &str) -> Option<&'static str> {
    const STATES: &[(&str, &str)] = &[
        ("AL", "Alabama"),
        ("AK", "Alaska"),
        ("AZ", "Arizona"),
        ("AR", "Arkansas"),
        ("CA", "California"),
        ("CO", "Colorado"),
        ("CT", "Connecticut"),
        ("DE", "Delaware"),
        ("FL", "Florida"),
        ("GA", "Georgia"),
        ("HI", "Hawaii"),
        ("ID", "Idaho"),
        ("IL", "Illinois"),
        ("IN", "Indiana"),
        ("IA", "Iowa"),
        ("KS", "Kansas"),
        ("KY", "Kentucky"),
        ("LA", "Louisiana"),
        ("ME", "Maine"),
        ("MD", "Maryland"),
        ("MA", "Massachusetts"),
        ("MI", "Michigan"),
        ("MN", "Minnesota"),
        ("MS", "Mississippi"),
        ("MO", "Missouri"),
        ("MT", "Montana"),
        ("NE", "Nebraska"),
        ("NV", "Nevada"),
        ("NH", "New Hampshire"),
        ("NJ", "New Jersey"),
        ("NM", "New Mexico"),
        ("NY", "New York"),
        ("NC", "North Carolina"),
        ("ND", "North Dakota"),
        ("OH", "Ohio"),
        ("OK", "Oklahoma"),
        ("OR", "Oregon"),
        ("PA", "Pennsylvania"),
        ("RI", "Rhode Island"),
        ("SC", "South Carolina"),
        ("SD", "South Dakota"),
        ("TN", "Tennessee"),
        ("TX", "Texas"),
        ("UT", "Utah"),
        ("VT", "Vermont"),
        ("VA", "Virginia"),
        ("WA", "Washington"),
        ("WV", "West Virginia"),
        ("WI", "Wisconsin"),
        ("WY", "Wyoming"),
        ("DC", "District of Columbia"),
        ("PR", "Puerto Rico"),
        ("AS", "American Samoa"),
        ("GU", "Guam"),
        ("MP", "Northern Mariana Islands"),
        ("VI", "U.S. Virgin Islands"),
    ];
    STATES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

fn plain_yaml_message(e: &serde_yaml_ng::Error) -> String {
    let full = e.to_string();
    // The location is reported separately.
    let msg = match full.find(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    format!("this is not a congress-legislators file: {msg}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two invented members in the upstream shape (not copied from the data files).
    const CURRENT: &str = r#"
- id:
    bioguide: X000001
    wikidata: Q900001
    govtrack: 1
  name:
    first: Robert
    middle: Allen
    last: Example
    nickname: Bob
    official_full: Robert A. Example
  bio:
    gender: M
  terms:
  - type: rep
    start: '2007-01-04'
    end: '2009-01-03'
    state: VT
    district: 0
    party: Democrat
  - type: sen
    start: '2013-01-03'
    end: '2019-01-03'
    state: VT
    party: Independent
  - type: sen
    start: '2019-01-03'
    end: '2025-01-03'
    state: VT
    party: Independent
  - type: sen
    start: '2025-01-03'
    end: '2031-01-03'
    state: VT
    party: Independent
- id:
    bioguide: X000002
  name:
    first: J.
    middle: Marie
    last: Sample
  bio:
    gender: F
  terms:
  - type: rep
    start: '2023-01-03'
    end: '2025-01-03'
    state: CA
    district: 12
    party: Republican
  - type: rep
    start: '2025-01-03'
    end: '2027-01-03'
    state: CA
    district: 12
    party: Republican
"#;

    const EXECUTIVE: &str = r#"
- id:
    bioguide: X000001
    wikidata: Q900001
  name:
    first: Robert
    last: Example
  terms:
  - type: viceprez
    start: '2021-01-20'
    end: '2025-01-20'
    party: Independent
"#;

    fn run(since: Option<Date>) -> KbFile {
        let opts = Options {
            as_of: Date::new(2026, 6, 15).unwrap(),
            source: Some("test data".into()),
            org: "us".into(),
            since,
            reserved_person_ids: vec!["bob-example".into()],
        };
        import(
            &[
                YamlInput {
                    path: "current.yaml".into(),
                    text: CURRENT.into(),
                },
                YamlInput {
                    path: "executive.yaml".into(),
                    text: EXECUTIVE.into(),
                },
            ],
            &opts,
        )
        .expect("import succeeds")
    }

    #[test]
    fn members_get_wire_names_aliases_pronouns_and_wikidata() {
        let kb = run(None);
        assert_eq!(kb.as_of, Date::new(2026, 6, 15));
        let bob = &kb.people[0];
        assert_eq!(bob.name, "Bob Example");
        // The id the other starter files hold goes to nobody else.
        assert_eq!(bob.id, "bob-example-q900001");
        assert_eq!(
            bob.aliases,
            [
                "Robert Example",
                "Robert Allen Example",
                "Robert A. Example"
            ]
        );
        assert_eq!(bob.pronouns, Some(Pronoun::He));
        assert_eq!(bob.wikidata.as_deref(), Some("Q900001"));
        let jo = &kb.people[1];
        assert_eq!(jo.name, "Marie Sample");
        assert_eq!(jo.pronouns, Some(Pronoun::She));
        assert_eq!(jo.wikidata, None);
    }

    #[test]
    fn consecutive_terms_join_and_every_role_keeps_exact_dates_and_source() {
        let kb = run(None);
        let bob = &kb.people[0];
        type Row<'a> = (&'a str, Option<Date>, Option<Date>, Option<&'a str>);
        let got: Vec<Row> = bob
            .roles
            .iter()
            .map(|r| (r.title.as_str(), r.start, r.end, r.area.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Representative",
                    Date::new(2007, 1, 4),
                    Date::new(2009, 1, 3),
                    Some("Vermont (at large)")
                ),
                (
                    "Senator",
                    Date::new(2013, 1, 3),
                    Date::new(2031, 1, 3),
                    Some("Vermont")
                ),
                (
                    "Vice President",
                    Date::new(2021, 1, 20),
                    Date::new(2025, 1, 20),
                    None
                ),
            ]
        );
        let sen = &bob.roles[1];
        assert_eq!(sen.short_title.as_deref(), Some("Sen."));
        assert!(sen.title_aliases.iter().any(|a| a == "Sen."));
        assert_eq!(sen.party.as_deref(), Some("Independent"));
        assert_eq!(sen.org.as_deref(), Some("us"));
        assert_eq!(
            sen.source.as_deref(),
            Some("https://bioguide.congress.gov/search/bio/X000001")
        );
        assert!(bob.roles[0]
            .title_aliases
            .iter()
            .any(|a| a == "Congressman"));
        let jo = &kb.people[1];
        assert_eq!(jo.roles.len(), 1);
        assert_eq!(
            jo.roles[0].area.as_deref(),
            Some("California's 12th district")
        );
        assert!(jo.roles[0]
            .title_aliases
            .iter()
            .any(|a| a == "Congresswoman"));
        assert_eq!(
            jo.description.as_deref(),
            Some("U.S. representative for California's 12th district (Republican)")
        );
    }

    #[test]
    fn since_drops_old_roles_only() {
        let kb = run(Date::new(2010, 1, 1));
        assert_eq!(kb.people[0].roles.len(), 2);
        assert_eq!(kb.people[0].roles[0].title, "Senator");
    }

    #[test]
    fn the_starter_congress_file_is_what_the_importer_makes_of_the_shipped_snapshot() {
        let reserved: Vec<String> = crate::kb::STARTER_SOURCES
            .iter()
            .filter(|(path, _)| !path.ends_with("congress.toml"))
            .flat_map(|(path, src)| crate::kb::parse_str(src, path).unwrap().people)
            .map(|p| p.id)
            .collect();
        let opts = Options {
            as_of: Date::new(2026, 6, 15).unwrap(),
            source: None,
            org: "us".into(),
            since: Date::new(2010, 1, 1),
            reserved_person_ids: reserved,
        };
        let inputs = [
            YamlInput {
                path: "legislators-current.yaml".into(),
                text: include_str!("../../../data/us-congress/legislators-current.yaml").into(),
            },
            YamlInput {
                path: "executive.yaml".into(),
                text: include_str!("../../../data/us-congress/executive.yaml").into(),
            },
        ];
        let mut made = import(&inputs, &opts).unwrap();
        let (path, src) = crate::kb::STARTER_SOURCES
            .iter()
            .find(|(path, _)| path.ends_with("congress.toml"))
            .unwrap();
        let shipped = crate::kb::parse_str(src, path).unwrap();
        made.source = shipped.source.clone();
        assert!(
            made == shipped,
            "data/kb/congress.toml is out of date: run scripts/regenerate-starter-kb"
        );
        assert!(made.people.len() > 500);
    }

    #[test]
    fn bad_yaml_and_bad_dates_are_errors_with_the_file() {
        let opts = Options {
            as_of: Date::new(2026, 6, 15).unwrap(),
            source: None,
            org: "us".into(),
            since: None,
            reserved_person_ids: vec![],
        };
        let one = |text: &str| {
            import(
                &[YamlInput {
                    path: "x.yaml".into(),
                    text: text.into(),
                }],
                &opts,
            )
            .unwrap_err()
            .to_string()
        };
        let e = one("- id: [\n");
        assert!(e.starts_with("x.yaml:"), "{e}");
        let e = one("- id: {}\n  name: {first: A, last: B}\n  terms:\n  - {type: sen, start: '2020', end: '2021-01-01'}\n");
        assert!(e.contains("`2020` is not a YYYY-MM-DD date"), "{e}");
        let e = one("- id: {}\n  name: {first: A, last: B}\n  terms:\n  - {type: mayor, start: '2020-01-01', end: '2021-01-01'}\n");
        assert!(e.contains("unknown term type `mayor`"), "{e}");
        let e = one("- id: {}\n  name: {first: A}\n  terms: []\n");
        assert!(e.contains("no first and last name"), "{e}");
    }
}
