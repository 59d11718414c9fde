//! Wikidata JSON dumps → KB people: humans (P31 = Q5) with "position held" (P39) and its
//! start/end qualifiers (P580/P582), English labels and aliases. Position and organisation
//! labels are resolved from the same dump in later passes, so memory holds only the kept
//! people and the labels they need, never the dump.

use super::officeholders::default_title;
use super::{IdAllocator, ImportError};
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
        let Some(name) = english(&e.labels).map(str::to_string) else {
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
                    .map(|t| t.value.trim().to_string())
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
}
