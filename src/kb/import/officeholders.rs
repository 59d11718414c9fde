//! Office-holder CSV snapshots (EveryPolitician/Wikidata exports) → KB people with roles.
//! Two layouts are read: cabinet lists (`position,person,personID,start,end[,gender,…]`)
//! and world leaders (`countryid,country,position,positionLabel,officeholder,
//! officeholderLabel,start_year,end_year`). A style file maps Wikidata's position labels to
//! house titles and patches people (wire spellings, later facts).

use super::{name_case, widen_end, IdAllocator, ImportError};
use crate::article::Pronoun;
use crate::date::Date;
use crate::kb::schema::{KbFile, Organization, Person, Role};
use serde::Deserialize;
use std::collections::HashMap;

/// One CSV to import, with the organisation its positions belong to when the file does
/// not say (a cabinet list of one country).
#[derive(Clone, Debug)]
pub struct CsvInput {
    pub path: String,
    pub text: String,
    pub org: Option<String>,
}

/// How to turn Wikidata's wording into the desk's: read from a TOML style file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// The date the `[[person]]` corrections were checked to: written as the `as_of` of
    /// every role they add, since they know more than the snapshot.
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default, rename = "position")]
    pub positions: Vec<PositionStyle>,
    #[serde(default, rename = "person")]
    pub people: Vec<PersonPatch>,
}

/// A position label as the CSV writes it → the house title (and organisation).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionStyle {
    /// The CSV's position label (case-insensitive); one `*` matches any text.
    pub label: String,
    /// Only rows of this organisation (the file's or the country's); any when absent.
    #[serde(default)]
    pub when_org: Option<String>,
    /// The house title; the label is kept as a title alias.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub title_aliases: Vec<String>,
    /// The role's organisation instead of the file's ("Secretary-General of the United
    /// Nations" → `un`).
    #[serde(default)]
    pub org: Option<String>,
    /// Leave rows with this label out (local posts a news desk rarely cites).
    #[serde(default)]
    pub skip: bool,
}

/// Corrections for one person, found by Wikidata id.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonPatch {
    pub wikidata: String,
    /// The house spelling; the data's label becomes a variant.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub pronouns: Option<Pronoun>,
    #[serde(default)]
    pub description: Option<String>,
    /// Roles to add; one with the same title, organisation and start year as an imported
    /// role replaces it (a precise date or a later end).
    #[serde(default, rename = "role")]
    pub roles: Vec<Role>,
}

impl Style {
    /// True for a style file rather than a KB file: it has `[[position]]` tables, which a
    /// KB file never has. `copydesk kb check` checks such a file as a style file, so
    /// `kb check data/kb/*.toml` covers the whole folder.
    pub fn is_style_file(src: &str) -> bool {
        src.lines()
            .any(|l| l.trim_start().starts_with("[[position]]"))
    }

    pub fn parse(src: &str, path: &str) -> Result<Style, ImportError> {
        toml::from_str(src).map_err(|e| {
            let line = e
                .span()
                .map(|r| src[..r.start.min(src.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            ImportError::Line {
                path: path.into(),
                line,
                message: e.message().trim().to_string(),
            }
        })
    }

    fn position(&self, label: &str, org: Option<&str>) -> Option<&PositionStyle> {
        self.positions.iter().find(|p| {
            label_matches(&p.label, label) && p.when_org.as_deref().is_none_or(|w| Some(w) == org)
        })
    }
}

/// A style label matches case-insensitively; one `*` stands for any run of text
/// ("Governor of *").
fn label_matches(pattern: &str, label: &str) -> bool {
    let p = pattern.to_lowercase();
    let l = label.to_lowercase();
    match p.split_once('*') {
        None => p == l,
        Some((head, tail)) => {
            l.len() >= head.len() + tail.len() && l.starts_with(head) && l.ends_with(tail)
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Keep roles that ended on or after this date (or have not ended).
    pub since: Option<Date>,
    pub style: Style,
    /// Organisations already defined (e.g. the curated file): countries are matched to
    /// them by Wikidata id, and their ids are not generated again.
    pub known_orgs: Vec<Organization>,
    /// Person ids already used elsewhere, so generated ids do not replace them.
    pub reserved_person_ids: Vec<String>,
}

/// A CSV record: its 1-based starting line and its fields.
pub type CsvRecord = (usize, Vec<String>);

/// Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, newlines in
/// quotes). Returns each record with its 1-based starting line.
pub fn parse_csv(text: &str) -> Result<Vec<CsvRecord>, (usize, String)> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut record)));
                line += 1;
                record_line = line;
                any = false;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err((record_line, "a quoted field is never closed".into()));
    }
    if any {
        record.push(field);
        records.push((record_line, record));
    }
    Ok(records)
}

/// A role read from a row, before merging.
struct RowRole {
    role: Role,
    /// The start was given as a year only (world-leaders layout).
    year_only: bool,
}

struct Draft {
    name: String,
    qid: String,
    pronoun: Option<Pronoun>,
    roles: Vec<RowRole>,
}

/// Imports the CSVs into one KB file: people (merged across files by Wikidata id) with
/// their roles, plus organisations for countries not in `known_orgs`.
pub fn import(inputs: &[CsvInput], opts: &Options) -> Result<KbFile, ImportError> {
    let mut people: Vec<Draft> = Vec::new();
    let mut by_qid: HashMap<String, usize> = HashMap::new();
    let mut new_orgs: Vec<Organization> = Vec::new();
    let mut org_by_qid: HashMap<String, String> = opts
        .known_orgs
        .iter()
        .filter_map(|o| Some((o.wikidata.clone()?, o.id.clone())))
        .collect();
    let mut org_ids = IdAllocator::default();
    for o in &opts.known_orgs {
        org_ids.reserve(&o.id, o.wikidata.as_deref().unwrap_or(&o.id));
    }

    for input in inputs {
        let records = parse_csv(&input.text).map_err(|(line, message)| ImportError::Line {
            path: input.path.clone(),
            line,
            message,
        })?;
        let Some(((_, header), rows)) = records.split_first() else {
            continue;
        };
        let col = |name: &str| header.iter().position(|h| h.trim() == name);
        let layout = if let (Some(pos), Some(person), Some(qid), Some(start), Some(end)) = (
            col("position"),
            col("person"),
            col("personID"),
            col("start"),
            col("end"),
        ) {
            Layout::Cabinet {
                pos,
                person,
                qid,
                start,
                end,
                gender: col("gender"),
            }
        } else if let (Some(cid), Some(country), Some(label), Some(qid), Some(person)) = (
            col("countryid"),
            col("country"),
            col("positionLabel"),
            col("officeholder"),
            col("officeholderLabel"),
        ) {
            Layout::Leaders {
                cid,
                country,
                label,
                qid,
                person,
                start: col("start_year"),
                end: col("end_year"),
            }
        } else {
            return Err(ImportError::Data {
                path: input.path.clone(),
                message: "unknown CSV layout: expected the columns position,person,personID,start,end or countryid,country,positionLabel,officeholder,officeholderLabel".into(),
            });
        };

        for (line, row) in rows {
            if row.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let get = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
            let bad = |message: String| ImportError::Line {
                path: input.path.clone(),
                line: *line,
                message,
            };
            let (label, name, qid, start_raw, end_raw, org, gender, country_label) = match &layout {
                Layout::Cabinet {
                    pos,
                    person,
                    qid,
                    start,
                    end,
                    gender,
                } => (
                    get(*pos),
                    get(*person),
                    get(*qid),
                    get(*start),
                    get(*end),
                    input.org.clone(),
                    gender.map(get).unwrap_or(""),
                    None,
                ),
                Layout::Leaders {
                    cid,
                    country,
                    label,
                    qid,
                    person,
                    start,
                    end,
                } => {
                    let cqid = get(*cid).to_string();
                    let cname = get(*country);
                    let org = match org_by_qid.get(&cqid) {
                        Some(id) => id.clone(),
                        None => {
                            let id = org_ids.id_for(cname, &cqid);
                            new_orgs.push(Organization {
                                id: id.clone(),
                                name: cname.to_string(),
                                wikidata: is_qid(&cqid).then(|| cqid.clone()),
                                ..Organization::default()
                            });
                            org_by_qid.insert(cqid, id.clone());
                            id
                        }
                    };
                    (
                        get(*label),
                        get(*person),
                        get(*qid),
                        start.map(get).unwrap_or(""),
                        end.map(get).unwrap_or(""),
                        Some(org),
                        "",
                        Some(cname),
                    )
                }
            };
            if label.is_empty() || name.is_empty() {
                return Err(bad("a row without a position or a person".into()));
            }
            if !is_qid(qid) {
                return Err(bad(format!("`{qid}` is not a Wikidata id")));
            }
            let style = opts.style.position(label, org.as_deref());
            if style.is_some_and(|s| s.skip) {
                continue;
            }
            let start = if start_raw.is_empty() {
                None
            } else {
                Some(Date::parse(start_raw).ok_or_else(|| {
                    bad(format!(
                        "`{start_raw}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
                    ))
                })?)
            };
            let end = if end_raw.is_empty() {
                None
            } else {
                Some(widen_end(end_raw).ok_or_else(|| {
                    bad(format!(
                        "`{end_raw}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
                    ))
                })?)
            };
            if let (Some(since), Some(e)) = (opts.since, end) {
                if e < since {
                    continue;
                }
            }
            let title = style
                .and_then(|s| s.title.clone())
                .unwrap_or_else(|| default_title(label, country_label));
            let mut title_aliases: Vec<String> = Vec::new();
            if title != label {
                title_aliases.push(label.to_string());
            }
            for a in style.map(|s| s.title_aliases.as_slice()).unwrap_or(&[]) {
                if a != &title && !title_aliases.contains(a) {
                    title_aliases.push(a.clone());
                }
            }
            let role = Role {
                title,
                title_aliases,
                org: style.and_then(|s| s.org.clone()).or(org),
                start,
                end,
                source: Some(format!("https://www.wikidata.org/wiki/{qid}")),
                ..Role::default()
            };
            let year_only = start_raw.len() == 4;
            let pronoun = match gender {
                "male" => Some(Pronoun::He),
                "female" => Some(Pronoun::She),
                _ => None,
            };
            let i = *by_qid.entry(qid.to_string()).or_insert_with(|| {
                people.push(Draft {
                    name: name_case(name),
                    qid: qid.to_string(),
                    pronoun: None,
                    roles: Vec::new(),
                });
                people.len() - 1
            });
            let d = &mut people[i];
            d.pronoun = d.pronoun.or(pronoun);
            d.roles.push(RowRole { role, year_only });
        }
    }

    let patches: HashMap<&str, &PersonPatch> = opts
        .style
        .people
        .iter()
        .map(|p| (p.wikidata.as_str(), p))
        .collect();
    let mut ids = IdAllocator::default();
    for id in &opts.reserved_person_ids {
        ids.reserve(id, id);
    }
    let mut out = KbFile::default();
    for d in people {
        let patch = patches.get(d.qid.as_str()).copied();
        let name = patch
            .and_then(|p| p.name.clone())
            .unwrap_or_else(|| d.name.clone());
        let mut variants: Vec<String> = Vec::new();
        if name != d.name {
            variants.push(d.name.clone());
        }
        let mut roles = merge_roles(d.roles);
        let mut aliases = Vec::new();
        let mut pronouns = d.pronoun;
        let mut description = None;
        if let Some(p) = patch {
            for v in &p.variants {
                if !variants.contains(v) && v != &name {
                    variants.push(v.clone());
                }
            }
            aliases = p.aliases.clone();
            // A Wikidata label the style file accepts as an alias ("António Guterres")
            // is a right spelling, not a variant to flag.
            variants.retain(|v| !aliases.contains(v));
            pronouns = p.pronouns.or(pronouns);
            description = p.description.clone();
            for r in &p.roles {
                let mut r = r.clone();
                r.as_of = r.as_of.or(opts.style.as_of);
                match roles.iter().position(|q| same_post(q, &r)) {
                    Some(i) => roles[i] = r,
                    None => roles.push(r),
                }
            }
            roles.sort_by_key(|r| r.start);
        }
        out.people.push(Person {
            id: ids.id_for(&name, &d.qid),
            name,
            aliases,
            variants,
            pronouns,
            description,
            wikidata: Some(d.qid),
            roles,
            ..Person::default()
        });
    }
    out.organizations = new_orgs;
    Ok(out)
}

enum Layout {
    Cabinet {
        pos: usize,
        person: usize,
        qid: usize,
        start: usize,
        end: usize,
        gender: Option<usize>,
    },
    Leaders {
        cid: usize,
        country: usize,
        label: usize,
        qid: usize,
        person: usize,
        start: Option<usize>,
        end: Option<usize>,
    },
}

fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Same post, same term: title and organisation equal and the starts in the same year
/// (one source may give only the year).
fn same_post(a: &Role, b: &Role) -> bool {
    a.title.eq_ignore_ascii_case(&b.title)
        && a.org == b.org
        && a.start.map(|d| d.year) == b.start.map(|d| d.year)
}

/// Sorts a person's roles by start and drops repeats: a year-only row that restates a
/// precisely dated one from a cabinet file, or the same row twice.
fn merge_roles(mut rows: Vec<RowRole>) -> Vec<Role> {
    rows.sort_by_key(|r| (r.year_only, r.role.start));
    let mut out: Vec<Role> = Vec::new();
    for r in rows {
        if out
            .iter()
            .any(|q| same_post(q, &r.role) && (r.year_only || *q == r.role))
        {
            continue;
        }
        out.push(r.role);
    }
    out.sort_by_key(|r| r.start);
    out
}

/// "President of Albania" → "President", "Prime Minister of the Netherlands" (country
/// "Kingdom of the Netherlands") → "Prime Minister": the country is implied by the org.
pub(crate) fn default_title(label: &str, country: Option<&str>) -> String {
    let mut title = label;
    if let Some(country) = country {
        let mut rest = label;
        let mut offset = 0;
        while let Some(i) = rest.find(" of ") {
            let tail = &rest[i + 4..];
            let bare = tail.strip_prefix("the ").unwrap_or(tail);
            if !bare.is_empty() && (country.ends_with(bare) || bare.ends_with(country)) {
                title = &label[..offset + i];
                break;
            }
            offset += i + 4;
            rest = tail;
        }
    }
    let mut cs = title.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_style_file_is_recognised_and_parses() {
        let src = include_str!("../../../data/kb/officeholders-style.toml");
        assert!(Style::is_style_file(src));
        Style::parse(src, "style.toml").expect("the starter style file parses");
        assert!(!Style::is_style_file(include_str!(
            "../../../data/kb/curated.toml"
        )));
    }

    const CABINET: &str = "position,person,personID,start,end,gender\n\
Deputy Minister of Foreign Affairs,Alexander Grushko,Q3658303,2005-09-06,2012-10-23,male\n\
Permanent Representative to NATO,Alexander Grushko,Q3658303,2012-10-23,2018-01-22,male\n\
Deputy Minister of Foreign Affairs,Alexander Grushko,Q3658303,2018-01-22,,male\n\
Minister of Foreign Affairs,Sergey Lavrov,Q58217,2004-03-09,,male\n\
\"Governor of Kirov Oblast, acting\",Someone Local,Q999,2010-01-01,2011-01-01,female\n\
Minister of Culture,Old Minister,Q998,1990-01-01,1996-05-01,\n";

    const LEADERS: &str = "countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year\n\
Q29999,Kingdom of the Netherlands,Q3058109,Prime Minister of the Netherlands,Q57792,Mark Rutte,2010,\n\
Q159,Russia,Q218295,President of Russia,Q7747,Vladimir Putin,2012,\n\
Q142,France,Q1587677,Prime Minister of France,Q3171170,Jean Castex,2020,2022\n";

    const STYLE: &str = r#"
as_of = "2025-05-06"

[[position]]
label = "Deputy Minister of Foreign Affairs"
when_org = "russia"
title = "Deputy Foreign Minister"

[[position]]
label = "Permanent Representative to NATO"
title = "ambassador to NATO"

[[position]]
label = "Governor of Kirov Oblast, acting"
skip = true

[[person]]
wikidata = "Q58217"
name = "Sergei Lavrov"
aliases = ["Lavrov"]
pronouns = "he"

[[person]]
wikidata = "Q57792"
  [[person.role]]
  title = "Prime Minister"
  org = "netherlands"
  start = "2010-10-14"
  end = "2024-07-02"
  source = "https://en.wikipedia.org/wiki/Prime_Minister_of_the_Netherlands"
"#;

    fn run(since: Option<Date>) -> KbFile {
        let style = Style::parse(STYLE, "style.toml").expect("style parses");
        let opts = Options {
            since,
            style,
            known_orgs: vec![
                Organization {
                    id: "russia".into(),
                    name: "Russia".into(),
                    wikidata: Some("Q159".into()),
                    ..Organization::default()
                },
                Organization {
                    id: "netherlands".into(),
                    name: "Netherlands".into(),
                    wikidata: Some("Q29999".into()),
                    ..Organization::default()
                },
            ],
            reserved_person_ids: vec![],
        };
        let inputs = [
            CsvInput {
                path: "russia.csv".into(),
                text: CABINET.into(),
                org: Some("russia".into()),
            },
            CsvInput {
                path: "leaders.csv".into(),
                text: LEADERS.into(),
                org: None,
            },
        ];
        import(&inputs, &opts).expect("import succeeds")
    }

    #[test]
    fn cabinet_rows_become_roles_with_house_titles_and_sources() {
        let kb = run(None);
        let g = kb
            .people
            .iter()
            .find(|p| p.name == "Alexander Grushko")
            .unwrap();
        assert_eq!(g.id, "alexander-grushko");
        assert_eq!(g.pronouns, Some(Pronoun::He));
        assert_eq!(g.wikidata.as_deref(), Some("Q3658303"));
        let titles: Vec<&str> = g.roles.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Deputy Foreign Minister",
                "ambassador to NATO",
                "Deputy Foreign Minister"
            ]
        );
        assert_eq!(g.roles[2].end, None);
        assert_eq!(g.roles[2].org.as_deref(), Some("russia"));
        assert_eq!(
            g.roles[0].title_aliases,
            ["Deputy Minister of Foreign Affairs"]
        );
        assert_eq!(
            g.roles[0].source.as_deref(),
            Some("https://www.wikidata.org/wiki/Q3658303")
        );
    }

    #[test]
    fn patches_rename_to_wire_style_and_keep_the_label_as_variant() {
        let kb = run(None);
        let l = kb
            .people
            .iter()
            .find(|p| p.wikidata.as_deref() == Some("Q58217"))
            .unwrap();
        assert_eq!(l.name, "Sergei Lavrov");
        assert_eq!(l.id, "sergei-lavrov");
        assert_eq!(l.variants, ["Sergey Lavrov"]);
        assert_eq!(l.roles[0].title, "Minister of Foreign Affairs");
    }

    #[test]
    fn patch_role_replaces_the_year_only_row_of_the_same_post() {
        let kb = run(None);
        let r = kb.people.iter().find(|p| p.name == "Mark Rutte").unwrap();
        assert_eq!(r.roles.len(), 1);
        assert_eq!(r.roles[0].start, Date::new(2010, 10, 14));
        assert_eq!(r.roles[0].end, Date::new(2024, 7, 2));
        // A correction knows more than the snapshot: it carries the style file's date.
        assert_eq!(r.roles[0].as_of, Date::new(2025, 5, 6));
    }

    #[test]
    fn leaders_layout_maps_countries_to_known_or_new_orgs() {
        let kb = run(None);
        let putin = kb
            .people
            .iter()
            .find(|p| p.name == "Vladimir Putin")
            .unwrap();
        assert_eq!(putin.roles[0].title, "President");
        assert_eq!(putin.roles[0].org.as_deref(), Some("russia"));
        assert_eq!(putin.roles[0].title_aliases, ["President of Russia"]);
        let castex = kb.people.iter().find(|p| p.name == "Jean Castex").unwrap();
        // Year-only end widened: still in office throughout 2022.
        assert_eq!(castex.roles[0].end, Date::new(2023, 1, 1));
        assert_eq!(castex.roles[0].org.as_deref(), Some("france"));
        let orgs: Vec<&str> = kb.organizations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(orgs, ["france"]);
    }

    #[test]
    fn skipped_positions_and_old_roles_are_left_out() {
        let kb = run(Date::new(2000, 1, 1));
        assert!(kb.people.iter().all(|p| p.name != "Someone Local"));
        assert!(kb.people.iter().all(|p| p.name != "Old Minister"));
        let all = run(None);
        assert!(all.people.iter().any(|p| p.name == "Old Minister"));
    }

    #[test]
    fn csv_quotes_and_errors() {
        let rows = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\nd,e,f").unwrap();
        assert_eq!(rows[0].1, ["a", "b, c", "say \"hi\""]);
        assert_eq!(rows[1].0, 2);
        assert!(parse_csv("a,\"open\n").is_err());
        let bad = import(
            &[CsvInput {
                path: "x.csv".into(),
                text: "name,age\nA,3\n".into(),
                org: None,
            }],
            &Options::default(),
        );
        assert!(bad.unwrap_err().to_string().contains("unknown CSV layout"));
    }

    #[test]
    fn style_labels_match_with_one_wildcard() {
        assert!(label_matches("Governor of *", "governor of Kirov Oblast"));
        assert!(label_matches(
            "Head of the * Republic",
            "Head of the Mari El Republic"
        ));
        assert!(!label_matches(
            "Head of the * Republic",
            "Head of the Republic"
        ));
        assert!(!label_matches("Governor of *", "Deputy Governor of X"));
        assert!(label_matches("First Lady", "first lady"));
    }

    #[test]
    fn default_titles_drop_the_country() {
        assert_eq!(
            default_title("President of Albania", Some("Albania")),
            "President"
        );
        assert_eq!(
            default_title(
                "Prime Minister of the Netherlands",
                Some("Kingdom of the Netherlands")
            ),
            "Prime Minister"
        );
        assert_eq!(
            default_title(
                "President of the People's Republic of China",
                Some("People's Republic of China")
            ),
            "President"
        );
        assert_eq!(
            default_title("monarch of Canada", Some("Canada")),
            "Monarch"
        );
        assert_eq!(
            default_title("President of the French Republic", Some("France")),
            "President of the French Republic"
        );
    }
}
