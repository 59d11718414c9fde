//! Wikidata → KB people. [`import_any`] reads every shape Wikidata hands out:
//!
//! - JSON dumps (`[` then one entity per line; plain, .gz or .bz2): humans (P31 = Q5) with
//!   "position held" (P39) and its start/end qualifiers (P580/P582), English labels and
//!   aliases. Position and organisation labels are resolved from the same dump in later
//!   passes, so memory holds only the kept people and the labels they need, never the
//!   dump ([`import`]).
//! - The per-entity export (`{"entities": {"Q…": {…}, …}}`, as `Special:EntityData/Q….json`
//!   and the `wbgetentities` API give it; several entities — a person, their positions,
//!   the organisations — may come in one file), and a bare entity object: read like a dump
//!   of those entities.
//! - Query Service results, CSV or SPARQL JSON, of a query selecting a person and their
//!   positions (`?person ?personLabel ?positionLabel ?start ?end`, see
//!   docs/knowledge-base.md): [`import_query`].

use super::officeholders::default_title;
use super::{name_case, IdAllocator, ImportError};
use crate::article::Pronoun;
use crate::date::Date;
use crate::kb::schema::{KbFile, Organization, Person, Role};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

#[derive(Deserialize)]
struct Entity {
    id: String,
    #[serde(default)]
    labels: HashMap<String, Text>,
    #[serde(default)]
    aliases: HashMap<String, Vec<Text>>,
    #[serde(default)]
    descriptions: HashMap<String, Text>,
    #[serde(default)]
    claims: Claims,
}

#[derive(Deserialize)]
struct Text {
    value: String,
}

/// Only the properties the importer reads; serde skips the rest without building them.
#[derive(Default, Deserialize)]
struct Claims {
    #[serde(default, rename = "P31")]
    instance_of: Vec<Statement>,
    #[serde(default, rename = "P21")]
    gender: Vec<Statement>,
    #[serde(default, rename = "P39")]
    positions: Vec<Statement>,
    /// Organization directed by the office or position.
    #[serde(default, rename = "P2389")]
    directs: Vec<Statement>,
    /// Applies to jurisdiction.
    #[serde(default, rename = "P1001")]
    jurisdiction: Vec<Statement>,
}

#[derive(Deserialize)]
struct Statement {
    mainsnak: Snak,
    #[serde(default)]
    qualifiers: HashMap<String, Vec<Snak>>,
    #[serde(default)]
    rank: String,
}

#[derive(Deserialize)]
struct Snak {
    #[serde(default)]
    datavalue: Option<DataValue>,
}

#[derive(Deserialize)]
struct DataValue {
    value: serde_json::Value,
}

impl Snak {
    fn item(&self) -> Option<&str> {
        self.datavalue.as_ref()?.value.get("id")?.as_str()
    }

    /// A time value at day, month or year precision (`+2014-10-01T00:00:00Z`, 11/10/9).
    fn time(&self) -> Option<(Date, u8)> {
        let v = &self.datavalue.as_ref()?.value;
        let t = v.get("time")?.as_str()?;
        let precision = v.get("precision")?.as_u64()?;
        if t.starts_with('-') {
            return None;
        }
        let t = t.trim_start_matches('+');
        let date_part = t.split('T').next()?;
        let mut it = date_part.split('-');
        let y: i32 = it.next()?.parse().ok()?;
        let m: u8 = it.next()?.parse().ok()?;
        let d: u8 = it.next()?.parse().ok()?;
        match precision {
            11.. => Some((Date::new(y, m, d)?, 11)),
            10 => Some((Date::new(y, m.max(1), 1)?, 10)),
            9 => Some((Date::new(y, 1, 1)?, 9)),
            _ => None,
        }
    }
}

impl Statement {
    fn usable(&self) -> bool {
        self.rank != "deprecated"
    }

    fn qualifier_time(&self, p: &str) -> Option<(Date, u8)> {
        self.qualifiers.get(p)?.iter().find_map(Snak::time)
    }
}

fn english(map: &HashMap<String, Text>) -> Option<&str> {
    ["en", "en-gb", "en-us", "en-ca"]
        .iter()
        .find_map(|l| map.get(*l))
        .map(|t| t.value.as_str())
}

/// A dump line is `[`, `]`, or one entity followed by a comma.
fn entity_json(line: &str) -> Option<&str> {
    let t = line.trim().trim_end_matches(',');
    (t.starts_with('{')).then_some(t)
}

struct Held {
    position: String,
    start: Option<Date>,
    end: Option<Date>,
}

struct Human {
    qid: String,
    name: String,
    aliases: Vec<String>,
    description: Option<String>,
    pronoun: Option<Pronoun>,
    held: Vec<Held>,
}

/// Counts of what a run read and kept, for the CLI to print.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub entities: u64,
    pub people: usize,
    pub positions: usize,
    pub organizations: usize,
    pub passes: u8,
}

/// Reads a dump through `open` (called once per pass; each call must return the dump from
/// its start) and builds a KB file. `progress` is called with (pass, bytes consumed so
/// far by the line reader) every few thousand lines.
pub fn import<R: BufRead>(
    mut open: impl FnMut() -> std::io::Result<R>,
    path: &str,
    progress: &mut dyn FnMut(u8, u64),
) -> Result<(KbFile, Stats), ImportError> {
    let mut stats = Stats::default();
    let io = |e: std::io::Error| ImportError::Io {
        path: path.into(),
        source: e,
    };

    // Pass 1: the people.
    let mut humans: Vec<Human> = Vec::new();
    let mut wanted: HashSet<String> = HashSet::new();
    stats.passes = 1;
    for_each_entity(open().map_err(io)?, path, 1, progress, |line, json| {
        stats.entities += 1;
        // Most entities hold no office: skip them before parsing.
        if !json.contains("\"P39\"") {
            return Ok(());
        }
        let e: Entity = parse_entity(json, path, line)?;
        let human = e
            .claims
            .instance_of
            .iter()
            .any(|s| s.usable() && s.mainsnak.item() == Some("Q5"));
        if !human {
            return Ok(());
        }
        let Some(name) = english(&e.labels).map(name_case) else {
            return Ok(());
        };
        let held: Vec<Held> = e
            .claims
            .positions
            .iter()
            .filter(|s| s.usable())
            .filter_map(|s| {
                let position = s.mainsnak.item()?.to_string();
                let start = s.qualifier_time("P580").map(|(d, _)| d);
                let end = s.qualifier_time("P582").map(|(d, p)| widen(d, p));
                Some(Held {
                    position,
                    start,
                    end,
                })
            })
            .collect();
        if held.is_empty() {
            return Ok(());
        }
        for h in &held {
            wanted.insert(h.position.clone());
        }
        let pronoun = e.claims.gender.iter().filter(|s| s.usable()).find_map(|s| {
            match s.mainsnak.item()? {
                "Q6581097" | "Q2449503" => Some(Pronoun::He),
                "Q6581072" | "Q1052281" => Some(Pronoun::She),
                _ => None,
            }
        });
        let aliases = e
            .aliases
            .get("en")
            .map(|v| {
                v.iter()
                    .map(|t| name_case(t.value.trim()))
                    .filter(|a| !a.is_empty() && a != &name && a.chars().count() <= 200)
                    .collect()
            })
            .unwrap_or_default();
        humans.push(Human {
            qid: e.id,
            name,
            aliases,
            description: english(&e.descriptions).map(str::to_string),
            pronoun,
            held,
        });
        Ok(())
    })?;

    // Pass 2: position labels and the organisations they belong to.
    let mut position_label: HashMap<String, String> = HashMap::new();
    let mut position_org: HashMap<String, String> = HashMap::new();
    let mut org_label: HashMap<String, String> = HashMap::new();
    if !wanted.is_empty() {
        stats.passes = 2;
        for_each_entity(open().map_err(io)?, path, 2, progress, |line, json| {
            let Some(id) = quick_id(json) else {
                return Ok(());
            };
            if !wanted.contains(id) {
                return Ok(());
            }
            let e: Entity = parse_entity(json, path, line)?;
            if let Some(l) = english(&e.labels) {
                position_label.insert(e.id.clone(), l.to_string());
            }
            let org = e
                .claims
                .directs
                .iter()
                .chain(&e.claims.jurisdiction)
                .filter(|s| s.usable())
                .find_map(|s| s.mainsnak.item());
            if let Some(o) = org {
                position_org.insert(e.id.clone(), o.to_string());
            }
            Ok(())
        })?;
    }

    // Pass 3, only when some organisation is named: its label.
    let orgs_wanted: HashSet<String> = position_org.values().cloned().collect();
    if !orgs_wanted.is_empty() {
        stats.passes = 3;
        for_each_entity(open().map_err(io)?, path, 3, progress, |line, json| {
            let Some(id) = quick_id(json) else {
                return Ok(());
            };
            if !orgs_wanted.contains(id) {
                return Ok(());
            }
            let e: Entity = parse_entity(json, path, line)?;
            if let Some(l) = english(&e.labels) {
                org_label.insert(e.id, l.to_string());
            }
            Ok(())
        })?;
    }

    let mut out = KbFile::default();
    let mut org_ids = IdAllocator::default();
    let mut org_id_of: HashMap<String, String> = HashMap::new();
    let mut person_ids = IdAllocator::default();
    for h in humans {
        let mut roles = Vec::new();
        for held in h.held {
            // A position without an English label cannot be written as a title.
            let Some(label) = position_label.get(&held.position) else {
                continue;
            };
            let org_q = position_org.get(&held.position);
            let org_name = org_q.and_then(|q| org_label.get(q));
            let org = match (org_q, org_name) {
                (Some(q), Some(name)) => Some(
                    org_id_of
                        .entry(q.clone())
                        .or_insert_with(|| {
                            let id = org_ids.id_for(name, q);
                            out.organizations.push(Organization {
                                id: id.clone(),
                                name: name.clone(),
                                wikidata: Some(q.clone()),
                                ..Organization::default()
                            });
                            id
                        })
                        .clone(),
                ),
                _ => None,
            };
            let title = default_title(label, org_name.map(String::as_str));
            let title_aliases = if &title != label {
                vec![label.clone()]
            } else {
                Vec::new()
            };
            roles.push(Role {
                title,
                title_aliases,
                org,
                start: held.start,
                end: held.end.filter(|e| held.start.is_none_or(|s| s <= *e)),
                source: Some(format!("https://www.wikidata.org/wiki/{}", h.qid)),
                ..Role::default()
            });
        }
        if roles.is_empty() {
            continue;
        }
        roles.sort_by_key(|r| r.start);
        let mut aliases = h.aliases;
        dedup_keep_order(&mut aliases);
        out.people.push(Person {
            id: person_ids.id_for(&h.name, &h.qid),
            name: h.name,
            aliases,
            pronouns: h.pronoun,
            description: h.description,
            wikidata: Some(h.qid),
            roles,
            ..Person::default()
        });
    }
    stats.people = out.people.len();
    stats.positions = position_label.len();
    stats.organizations = out.organizations.len();
    Ok((out, stats))
}

fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
}

/// An end known only to the month or year is widened to the end of that period.
fn widen(d: Date, precision: u8) -> Date {
    match precision {
        9 => Date::new(d.year + 1, 1, 1).unwrap_or(d),
        10 if d.month == 12 => Date::new(d.year + 1, 1, 1).unwrap_or(d),
        10 => Date::new(d.year, d.month + 1, 1).unwrap_or(d),
        _ => d,
    }
}

fn parse_entity(json: &str, path: &str, line: usize) -> Result<Entity, ImportError> {
    serde_json::from_str(json).map_err(|e| ImportError::Line {
        path: path.into(),
        line,
        message: format!("not a Wikidata entity: {e}"),
    })
}

/// The entity id without parsing the line: dumps write `"id":"Q…"` near the start, and
/// the first `"id"` key at the top level precedes `claims` in every dump format.
fn quick_id(json: &str) -> Option<&str> {
    let head = &json[..json.len().min(4096)];
    let at = head.find("\"id\":")? + 5;
    let rest = head[at..].trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(&rest[..end])
}

fn for_each_entity<R: BufRead>(
    mut reader: R,
    path: &str,
    pass: u8,
    progress: &mut dyn FnMut(u8, u64),
    mut f: impl FnMut(usize, &str) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut buf = String::new();
    let mut line = 0usize;
    let mut bytes = 0u64;
    loop {
        buf.clear();
        let n = reader.read_line(&mut buf).map_err(|e| ImportError::Io {
            path: path.into(),
            source: e,
        })?;
        if n == 0 {
            break;
        }
        line += 1;
        bytes += n as u64;
        if line % 5000 == 0 {
            progress(pass, bytes);
        }
        if let Some(json) = entity_json(&buf) {
            f(line, json)?;
        } else if !matches!(buf.trim(), "" | "[" | "]") {
            return Err(ImportError::Line {
                path: path.into(),
                line,
                message:
                    "expected one JSON entity per line inside `[` … `]` (the Wikidata dump format)"
                        .into(),
            });
        }
    }
    progress(pass, bytes);
    Ok(())
}

/// Reads a Wikidata file of any shape (see the module docs), telling them apart by their
/// first bytes and keys. `open` is called once per pass for a dump, once otherwise.
pub fn import_any<R: BufRead>(
    mut open: impl FnMut() -> std::io::Result<R>,
    path: &str,
    progress: &mut dyn FnMut(u8, u64),
) -> Result<(KbFile, Stats), ImportError> {
    let io = |e: std::io::Error| ImportError::Io {
        path: path.into(),
        source: e,
    };
    let first = {
        let mut r = open().map_err(io)?;
        // The first byte that is not white space or a byte-order mark.
        loop {
            let buf = r.fill_buf().map_err(io)?;
            if buf.is_empty() {
                break None;
            }
            let skip = buf
                .iter()
                .take_while(|b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF))
                .count();
            if skip < buf.len() {
                break Some(buf[skip]);
            }
            r.consume(skip);
        }
    };
    if first == Some(b'[') {
        return import(open, path, progress);
    }
    let mut text = String::new();
    open().map_err(io)?.read_to_string(&mut text).map_err(io)?;
    let text = text.trim_start_matches('\u{feff}');
    let data = |message: String| ImportError::Data {
        path: path.into(),
        message,
    };
    if first != Some(b'{') {
        return import_query(
            &query_rows_csv(text).map_err(|(line, message)| ImportError::Line {
                path: path.into(),
                line,
                message,
            })?,
            path,
        );
    }
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| data(format!("not valid JSON: {e}")))?;
    if v.get("head").is_some() && v.get("results").is_some() {
        return import_query(&query_rows_json(&v).map_err(data)?, path);
    }
    let entities: Vec<&serde_json::Value> = match v.get("entities") {
        Some(serde_json::Value::Object(map)) => map.values().collect(),
        Some(_) => return Err(data("`entities` is not an object of entities".into())),
        None if v.get("id").is_some()
            && (v.get("claims").is_some() || v.get("labels").is_some()) =>
        {
            vec![&v]
        }
        None => {
            return Err(data(
                "not a Wikidata file: expected a JSON dump (`[` …), a per-entity export \
                 (`{\"entities\": …}`), an entity, or Query Service results (SPARQL JSON \
                 with `head` and `results`, or CSV)"
                    .into(),
            ))
        }
    };
    // An export is a small dump: one entity per line between brackets.
    let mut dump = String::from("[\n");
    for (i, e) in entities.iter().enumerate() {
        if i > 0 {
            dump.push_str(",\n");
        }
        dump.push_str(&e.to_string());
    }
    dump.push_str("\n]\n");
    let bytes = dump.into_bytes();
    import(|| Ok(std::io::Cursor::new(bytes.clone())), path, progress)
}

/// One row of Query Service results, by meaning; values as the service writes them
/// (entity URIs, `xsd:dateTime` strings).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryRow {
    /// 1-based line (CSV) or result number (JSON), for messages.
    pub at: usize,
    pub person: Option<String>,
    pub label: Option<String>,
    pub description: Option<String>,
    pub position: Option<String>,
    pub position_label: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_precision: Option<String>,
    pub end_precision: Option<String>,
    pub org: Option<String>,
    pub org_label: Option<String>,
}

/// Which column (query variable) holds what: the first name found in each list.
const PERSON_VARS: &[&str] = &["person", "item", "officeholder", "human", "politician"];
const POSITION_VARS: &[&str] = &["position", "office", "role", "positionHeld"];
const START_VARS: &[&str] = &["start", "startTime", "start_time", "startDate", "from"];
const END_VARS: &[&str] = &["end", "endTime", "end_time", "endDate", "to"];
const ORG_VARS: &[&str] = &[
    "org",
    "organization",
    "organisation",
    "jurisdiction",
    "country",
];

/// Which variable (column) holds each field of a [`QueryRow`].
#[derive(Default)]
struct Columns {
    person: Option<String>,
    label: Option<String>,
    description: Option<String>,
    position: Option<String>,
    position_label: Option<String>,
    start: Option<String>,
    end: Option<String>,
    start_precision: Option<String>,
    end_precision: Option<String>,
    org: Option<String>,
    org_label: Option<String>,
}

impl Columns {
    /// The row `get` reads (a value by variable name; empty values are absent).
    fn row(&self, get: &dyn Fn(&str) -> Option<String>, at: usize) -> QueryRow {
        let g = |c: &Option<String>| c.as_deref().and_then(get).filter(|v| !v.trim().is_empty());
        QueryRow {
            at,
            person: g(&self.person),
            label: g(&self.label),
            description: g(&self.description),
            position: g(&self.position),
            position_label: g(&self.position_label),
            start: g(&self.start),
            end: g(&self.end),
            start_precision: g(&self.start_precision),
            end_precision: g(&self.end_precision),
            org: g(&self.org),
            org_label: g(&self.org_label),
        }
    }
}

/// The column of each field, from the header (the query's variables).
fn columns(vars: &[String]) -> Result<Columns, String> {
    let find = |names: &[&str], suffix: &str| {
        names.iter().find_map(|n| {
            let want = format!("{n}{suffix}");
            vars.iter().find(|v| v.eq_ignore_ascii_case(&want)).cloned()
        })
    };
    // The entity column (`?person`), or the name its label column is made from
    // (`?personLabel` alone, when the query leaves the entity out).
    let base = PERSON_VARS.iter().find(|n| {
        vars.iter()
            .any(|v| v.eq_ignore_ascii_case(n) || v.eq_ignore_ascii_case(&format!("{n}Label")))
    });
    let Some(base) = base else {
        return Err(format!(
            "these query results have no person column: select one of ?{} with its Label \
             (columns: {})",
            PERSON_VARS.join(", ?"),
            vars.join(", ")
        ));
    };
    Ok(Columns {
        person: find(&[base], ""),
        label: find(&[base], "Label"),
        description: find(&[base], "Description"),
        position: find(POSITION_VARS, ""),
        position_label: find(POSITION_VARS, "Label"),
        start: find(START_VARS, ""),
        end: find(END_VARS, ""),
        start_precision: find(START_VARS, "Precision").or_else(|| find(START_VARS, "_precision")),
        end_precision: find(END_VARS, "Precision").or_else(|| find(END_VARS, "_precision")),
        org: find(ORG_VARS, ""),
        org_label: find(ORG_VARS, "Label"),
    })
}

/// Rows of Query Service CSV (the service's "CSV" download): a header of variable names.
pub fn query_rows_csv(text: &str) -> Result<Vec<QueryRow>, (usize, String)> {
    let records = super::officeholders::parse_csv(text)?;
    let Some(((_, header), rows)) = records.split_first() else {
        return Err((1, "the file is empty".into()));
    };
    let vars: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let cols = columns(&vars).map_err(|m| (1, m))?;
    Ok(rows
        .iter()
        .filter(|(_, fields)| fields.iter().any(|f| !f.trim().is_empty()))
        .map(|(line, fields)| {
            let get = |name: &str| {
                vars.iter()
                    .position(|v| v == name)
                    .and_then(|i| fields.get(i))
                    .map(|f| f.trim().to_string())
            };
            cols.row(&get, *line)
        })
        .collect())
}

/// Rows of SPARQL 1.1 JSON results (`{"head": {"vars": […]}, "results": {"bindings": […]}}`).
pub fn query_rows_json(v: &serde_json::Value) -> Result<Vec<QueryRow>, String> {
    let vars: Vec<String> = v["head"]["vars"]
        .as_array()
        .ok_or("`head.vars` is not a list of variable names")?
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect();
    let bindings = v["results"]["bindings"]
        .as_array()
        .ok_or("`results.bindings` is not a list")?;
    let cols = columns(&vars)?;
    Ok(bindings
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let get = |name: &str| b.get(name)?.get("value")?.as_str().map(str::to_string);
            cols.row(&get, i + 1)
        })
        .collect())
}

/// `http://www.wikidata.org/entity/Q42` (or `wd:Q42`, `Q42`) → `Q42`.
fn qid_of(value: &str) -> Option<String> {
    let q = value
        .rsplit(['/', ':'])
        .next()
        .unwrap_or(value)
        .trim_matches(['<', '>']);
    (q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit()))
        .then(|| q.to_string())
}

/// An `xsd:dateTime` (`2014-10-01T00:00:00Z`, `+2014-10-01T…`) or a plain date, with the
/// precision the query gave (9 year, 10 month, 11 day), if any.
fn query_time(value: &str, precision: Option<&str>) -> Option<(Date, Option<u8>)> {
    let t = value.trim().trim_start_matches('+');
    if t.starts_with('-') {
        return None;
    }
    let day = t.split('T').next()?;
    let d = Date::parse(day)?;
    let p = precision.and_then(|p| p.trim().parse::<u8>().ok());
    Some((d, p))
}

/// Builds a KB file from Query Service rows: one person per entity (or per name, without
/// an entity column), with a role per row that names a position. Results carry no date
/// precision unless the query selects it (`?endPrecision` from
/// `wikibase:timePrecision`); without it an end on 1 January is read as "some time that
/// year" and widened to its end, so an imprecise date never makes a holder look out of
/// office while they were in it.
pub fn import_query(rows: &[QueryRow], path: &str) -> Result<(KbFile, Stats), ImportError> {
    struct Draft {
        qid: Option<String>,
        name: String,
        description: Option<String>,
        roles: Vec<Role>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut positions: HashSet<String> = HashSet::new();
    let mut out = KbFile::default();
    let mut org_ids = IdAllocator::default();
    let mut org_id_of: HashMap<String, String> = HashMap::new();
    for r in rows {
        let qid = r.person.as_deref().and_then(qid_of);
        // The service writes the QID as the label when there is no English one.
        let Some(label) = r
            .label
            .as_deref()
            .filter(|l| qid_of(l).is_none())
            .map(str::trim)
        else {
            continue;
        };
        let name = name_case(label);
        let key = qid.clone().unwrap_or_else(|| name.clone());
        let i = *by_key.entry(key).or_insert_with(|| {
            drafts.push(Draft {
                qid: qid.clone(),
                name: name.clone(),
                description: r.description.clone(),
                roles: Vec::new(),
            });
            drafts.len() - 1
        });
        let Some(position) = r.position_label.as_deref().map(str::trim) else {
            continue;
        };
        if qid_of(position).is_some() {
            // No English label for the position: it cannot be written as a title.
            continue;
        }
        positions.insert(r.position.clone().unwrap_or_else(|| position.to_string()));
        let org_name = r.org_label.as_deref().filter(|l| qid_of(l).is_none());
        let org = match (r.org.as_deref().and_then(qid_of), org_name) {
            (Some(q), Some(n)) => Some(
                org_id_of
                    .entry(q.clone())
                    .or_insert_with(|| {
                        let id = org_ids.id_for(n, &q);
                        out.organizations.push(Organization {
                            id: id.clone(),
                            name: n.to_string(),
                            wikidata: Some(q.clone()),
                            ..Organization::default()
                        });
                        id
                    })
                    .clone(),
            ),
            _ => None,
        };
        let start = r
            .start
            .as_deref()
            .and_then(|s| query_time(s, r.start_precision.as_deref()))
            .map(|(d, _)| d);
        let end = r
            .end
            .as_deref()
            .and_then(|s| query_time(s, r.end_precision.as_deref()))
            .map(|(d, p)| match p {
                Some(p) => widen(d, p),
                None if d.month == 1 && d.day == 1 => widen(d, 9),
                None => d,
            });
        let title = default_title(position, org_name);
        let title_aliases = if title != position {
            vec![position.to_string()]
        } else {
            Vec::new()
        };
        drafts[i].roles.push(Role {
            title,
            title_aliases,
            org,
            start,
            end: end.filter(|e| start.is_none_or(|s| s <= *e)),
            source: qid
                .as_ref()
                .map(|q| format!("https://www.wikidata.org/wiki/{q}"))
                .or_else(|| Some(format!("Wikidata Query Service results ({path})"))),
            ..Role::default()
        });
    }
    let mut person_ids = IdAllocator::default();
    for d in drafts {
        let mut roles = d.roles;
        roles.sort_by_key(|r| r.start);
        roles.dedup();
        out.people.push(Person {
            id: person_ids.id_for(&d.name, d.qid.as_deref().unwrap_or("")),
            name: d.name,
            description: d.description,
            wikidata: d.qid,
            roles,
            ..Person::default()
        });
    }
    let stats = Stats {
        entities: rows.len() as u64,
        people: out.people.len(),
        positions: positions.len(),
        organizations: out.organizations.len(),
        passes: 1,
    };
    Ok((out, stats))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn run(dump: &str) -> Result<(KbFile, Stats), ImportError> {
        let owned = dump.to_string();
        import(
            || Ok(Cursor::new(owned.clone().into_bytes())),
            "dump.json",
            &mut |_, _| {},
        )
    }

    fn item(id: &str) -> String {
        format!(
            r#"{{"snaktype":"value","datavalue":{{"value":{{"entity-type":"item","id":"{id}"}},"type":"wikibase-entityid"}}}}"#
        )
    }

    fn time(t: &str, precision: u8) -> String {
        format!(
            r#"{{"snaktype":"value","datavalue":{{"value":{{"time":"{t}","precision":{precision}}},"type":"time"}}}}"#
        )
    }

    fn small_dump() -> String {
        let human = format!(
            r#"{{"type":"item","id":"Q57669","labels":{{"en":{{"language":"en","value":"Jens Stoltenberg"}}}},"aliases":{{"en":[{{"language":"en","value":"Stoltenberg"}}]}},"descriptions":{{"en":{{"language":"en","value":"Norwegian politician"}}}},"claims":{{"P31":[{{"mainsnak":{},"rank":"normal"}}],"P21":[{{"mainsnak":{},"rank":"normal"}}],"P39":[{{"mainsnak":{},"rank":"normal","qualifiers":{{"P580":[{}],"P582":[{}]}}}},{{"mainsnak":{},"rank":"deprecated"}}]}}}}"#,
            item("Q5"),
            item("Q6581097"),
            item("Q6626"),
            time("+2014-10-01T00:00:00Z", 11),
            time("+2024-00-00T00:00:00Z", 9),
            item("Q999")
        );
        let position = format!(
            r#"{{"type":"item","id":"Q6626","labels":{{"en":{{"language":"en","value":"Secretary General of NATO"}}}},"claims":{{"P2389":[{{"mainsnak":{},"rank":"normal"}}]}}}}"#,
            item("Q7184")
        );
        let org = r#"{"type":"item","id":"Q7184","labels":{"en":{"language":"en","value":"NATO"}},"claims":{}}"#;
        let not_human = format!(
            r#"{{"type":"item","id":"Q1","labels":{{"en":{{"language":"en","value":"Some office building"}}}},"claims":{{"P39":[{{"mainsnak":{}}}]}}}}"#,
            item("Q6626")
        );
        format!("[\n{human},\n{not_human},\n{position},\n{org}\n]\n")
    }

    #[test]
    fn keeps_humans_with_positions_and_resolves_labels() {
        let (kb, stats) = run(&small_dump()).expect("dump imports");
        assert_eq!(stats.entities, 4);
        assert_eq!(stats.passes, 3);
        assert_eq!(kb.people.len(), 1);
        let p = &kb.people[0];
        assert_eq!(p.name, "Jens Stoltenberg");
        assert_eq!(p.wikidata.as_deref(), Some("Q57669"));
        assert_eq!(p.pronouns, Some(Pronoun::He));
        assert_eq!(p.aliases, ["Stoltenberg"]);
        // The deprecated statement is ignored.
        assert_eq!(p.roles.len(), 1);
        let r = &p.roles[0];
        assert_eq!(r.title, "Secretary General");
        assert_eq!(r.title_aliases, ["Secretary General of NATO"]);
        assert_eq!(r.org.as_deref(), Some("nato"));
        assert_eq!(r.start, Date::new(2014, 10, 1));
        // Year precision: widened to the end of 2024.
        assert_eq!(r.end, Date::new(2025, 1, 1));
        assert_eq!(kb.organizations[0].name, "NATO");
        // The output is a valid KB file.
        let text = toml::to_string(&kb).expect("serialises");
        crate::kb::parse_str(&text, "out.toml").expect("output validates");
    }

    #[test]
    fn real_entity_without_positions_yields_nobody() {
        let q42 = include_str!("../../../tests/fixtures/data/formats/wikidata-Q42.json");
        let one_line: serde_json::Value = serde_json::from_str(q42).expect("sample is JSON");
        let dump = format!("[\n{one_line}\n]\n");
        let (kb, stats) = run(&dump).expect("dump imports");
        assert_eq!(stats.entities, 1);
        assert!(kb.people.is_empty());
    }

    #[test]
    fn real_entity_with_an_added_position_is_imported() {
        let q42 = include_str!("../../../tests/fixtures/data/formats/wikidata-Q42.json");
        let mut v: serde_json::Value = serde_json::from_str(q42).expect("sample is JSON");
        let stmt: serde_json::Value = serde_json::from_str(&format!(
            r#"{{"mainsnak":{},"rank":"normal","qualifiers":{{"P580":[{}]}}}}"#,
            item("Q2"),
            time("+1979-10-00T00:00:00Z", 10)
        ))
        .unwrap();
        v["claims"]["P39"] = serde_json::json!([stmt]);
        let pos = r#"{"type":"item","id":"Q2","labels":{"en":{"language":"en","value":"script editor"}}}"#;
        let dump = format!("[\n{v},\n{pos}\n]\n");
        let (kb, _) = run(&dump).expect("dump imports");
        let p = &kb.people[0];
        assert_eq!(p.name, "Douglas Adams");
        assert!(p.aliases.contains(&"Douglas Noël Adams".to_string()));
        assert_eq!(p.pronouns, Some(Pronoun::He));
        assert_eq!(p.roles[0].title, "Script editor");
        assert_eq!(p.roles[0].start, Date::new(1979, 10, 1));
        assert_eq!(p.roles[0].org, None);
    }

    #[test]
    fn malformed_lines_are_errors_with_line_numbers() {
        let err = run("[\nnot json at all\n]\n").unwrap_err().to_string();
        assert!(err.contains("dump.json:2"), "{err}");
        let err = run("[\n{\"id\":\"Q1\",\"claims\":{\"P39\":[}\n]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("dump.json:2") && err.contains("not a Wikidata entity"),
            "{err}"
        );
    }

    fn any(text: &str) -> Result<(KbFile, Stats), ImportError> {
        let owned = text.to_string();
        import_any(
            || Ok(Cursor::new(owned.clone().into_bytes())),
            "in.json",
            &mut |_, _| {},
        )
    }

    const Q42: &str = include_str!("../../../tests/fixtures/data/formats/wikidata-Q42.json");

    #[test]
    fn the_repo_sample_entity_and_the_entity_export_envelope_are_read() {
        // The bare entity, as in tests/fixtures (many lines of JSON, not a dump).
        let (kb, stats) = any(Q42).expect("a bare entity imports");
        assert_eq!(stats.entities, 1);
        assert!(kb.people.is_empty(), "Douglas Adams held no position");
        // Special:EntityData's shape, with a position added and its entity alongside.
        let mut v: serde_json::Value = serde_json::from_str(Q42).unwrap();
        v["claims"]["P39"] =
            serde_json::json!([serde_json::from_str::<serde_json::Value>(&format!(
                r#"{{"mainsnak":{},"rank":"normal","qualifiers":{{"P580":[{}]}}}}"#,
                item("Q2"),
                time("+1979-10-00T00:00:00Z", 10)
            ))
            .unwrap()]);
        let pos: serde_json::Value = serde_json::from_str(
            r#"{"type":"item","id":"Q2","labels":{"en":{"language":"en","value":"script editor"}}}"#,
        )
        .unwrap();
        let export = serde_json::json!({"entities": {"Q42": v, "Q2": pos}}).to_string();
        let (kb, stats) = any(&export).expect("an entity export imports");
        assert_eq!(stats.entities, 2);
        assert_eq!(kb.people[0].name, "Douglas Adams");
        assert_eq!(kb.people[0].roles[0].title, "Script editor");
        assert!(any("{\"something\": 1}")
            .unwrap_err()
            .to_string()
            .contains("not a Wikidata file"));
    }

    const CSV: &str =
        include_str!("../../../tests/fixtures/data/formats/wikidata-query-un-officers.csv");
    const JSON: &str =
        include_str!("../../../tests/fixtures/data/formats/wikidata-query-un-officers.json");

    #[test]
    fn query_service_csv_and_json_give_the_same_people() {
        let (from_csv, stats) = any(CSV).expect("CSV results import");
        let (from_json, _) = any(JSON).expect("JSON results import");
        assert_eq!(from_csv, from_json);
        assert_eq!((stats.entities, stats.people, stats.positions), (7, 7, 2));
        let ban = from_csv
            .people
            .iter()
            .find(|p| p.name == "Ban Ki-moon")
            .unwrap();
        assert_eq!(ban.id, "ban-ki-moon");
        assert_eq!(ban.wikidata.as_deref(), Some("Q1253"));
        let r = &ban.roles[0];
        assert_eq!(r.title, "Secretary-General of the United Nations");
        assert_eq!(r.start, Date::new(2007, 1, 1));
        // An end on 1 January, without a precision, may be a year: widened.
        assert_eq!(r.end, Date::new(2018, 1, 1));
        let annan = from_csv
            .people
            .iter()
            .find(|p| p.name == "Kofi Annan")
            .unwrap();
        assert_eq!(annan.roles[0].end, Date::new(2006, 12, 31));
        let guterres = &from_csv
            .people
            .iter()
            .find(|p| p.id == "antonio-guterres")
            .unwrap();
        assert_eq!(guterres.roles[0].end, None);
        let text = toml::to_string(&from_csv).unwrap();
        crate::kb::parse_str(&text, "out.toml").expect("output validates");
    }

    #[test]
    fn query_rows_take_precision_org_and_all_caps_names_and_skip_unlabelled_ones() {
        let csv = "item,itemLabel,itemDescription,office,officeLabel,org,orgLabel,startTime,endTime,endTimePrecision\n\
http://www.wikidata.org/entity/Q9,JOHN MCCAIN,American politician,http://www.wikidata.org/entity/Q3,Senator,http://www.wikidata.org/entity/Q30,United States,1987-01-03T00:00:00Z,2018-01-01T00:00:00Z,9\n\
http://www.wikidata.org/entity/Q8,Q8,,http://www.wikidata.org/entity/Q3,Senator,,,,,\n\
http://www.wikidata.org/entity/Q7,Anna Berg,,http://www.wikidata.org/entity/Q4,Q4,,,,,\n";
        let (kb, _) = any(csv).unwrap();
        assert_eq!(kb.people.len(), 2, "Q8 has no English label");
        let m = &kb.people[0];
        assert_eq!(m.name, "John McCain");
        assert_eq!(m.description.as_deref(), Some("American politician"));
        assert_eq!(m.roles[0].org.as_deref(), Some("united-states"));
        assert_eq!(
            m.roles[0].end,
            Date::new(2019, 1, 1),
            "year precision widened"
        );
        assert_eq!(kb.organizations[0].wikidata.as_deref(), Some("Q30"));
        assert!(kb.people[1].roles.is_empty(), "a position without a label");
        let e = any("name,when\nX,2020\n").unwrap_err().to_string();
        assert!(e.contains("no person column"), "{e}");
    }
}
