//! Popolo JSON (persons, organizations, memberships, posts, events) → KB people and
//! organisations. Membership dates come from the membership, else from its legislative
//! period; the title from the membership's label, its post, or its role.

use super::{name_case, IdAllocator, ImportError};
use crate::article::Pronoun;
use crate::date::Date;
use crate::kb::schema::{KbFile, Organization, Person, Role};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Popolo {
    #[serde(default)]
    persons: Vec<PPerson>,
    #[serde(default)]
    organizations: Vec<POrg>,
    #[serde(default)]
    memberships: Vec<PMembership>,
    #[serde(default)]
    posts: Vec<PPost>,
    #[serde(default)]
    events: Vec<PEvent>,
    #[serde(default)]
    meta: Option<PMeta>,
}

#[derive(Deserialize)]
struct PMeta {
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Deserialize)]
struct PName {
    name: String,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize)]
struct PIdentifier {
    identifier: String,
    scheme: String,
}

#[derive(Deserialize)]
struct PPerson {
    id: String,
    name: String,
    #[serde(default)]
    other_names: Vec<PName>,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    identifiers: Vec<PIdentifier>,
}

#[derive(Deserialize)]
struct POrg {
    id: String,
    name: String,
    #[serde(default)]
    other_names: Vec<PName>,
    #[serde(default)]
    identifiers: Vec<PIdentifier>,
    #[serde(default)]
    classification: Option<String>,
}

#[derive(Deserialize)]
struct PMembership {
    person_id: Option<String>,
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    post_id: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    end_date: Option<String>,
    #[serde(default)]
    legislative_period_id: Option<String>,
    #[serde(default)]
    sources: Vec<PSource>,
}

#[derive(Deserialize)]
struct PSource {
    url: Option<String>,
}

#[derive(Deserialize)]
struct PPost {
    id: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    organization_id: Option<String>,
}

#[derive(Deserialize)]
struct PEvent {
    id: String,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    end_date: Option<String>,
}

fn wikidata_of(ids: &[PIdentifier]) -> Option<String> {
    ids.iter()
        .find(|i| i.scheme == "wikidata" && i.identifier.starts_with('Q'))
        .map(|i| i.identifier.clone())
}

fn english_other_names(names: &[PName], main: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let english = n
            .lang
            .as_deref()
            .is_none_or(|l| l == "en" || l.starts_with("en-"));
        let v = n.name.trim();
        if english
            && !v.is_empty()
            && v != main
            && v.chars().count() <= 200
            && !out.iter().any(|o| o == v)
        {
            out.push(v.to_string());
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Parses Popolo JSON text and builds a KB file. `path` names the input in errors.
pub fn import(src: &str, path: &str) -> Result<KbFile, ImportError> {
    let data: Popolo = serde_json::from_str(src).map_err(|e| ImportError::Line {
        path: path.into(),
        line: e.line(),
        message: format!("not Popolo JSON: {e}"),
    })?;
    let bad = |message: String| ImportError::Data {
        path: path.into(),
        message,
    };
    let file_source = data.meta.as_ref().and_then(|m| m.sources.first().cloned());

    let mut out = KbFile::default();
    let mut org_ids = IdAllocator::default();
    let mut org_id: HashMap<&str, String> = HashMap::new();
    for o in &data.organizations {
        let id = org_ids.id_for(&o.name, &o.id);
        org_id.insert(o.id.as_str(), id.clone());
        let aliases = english_other_names(&o.other_names, &o.name);
        out.organizations.push(Organization {
            id,
            name: o.name.clone(),
            aliases,
            description: o.classification.clone().map(|c| capitalise(&c)),
            wikidata: wikidata_of(&o.identifiers),
            ..Organization::default()
        });
    }
    let posts: HashMap<&str, &PPost> = data.posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let events: HashMap<&str, &PEvent> = data.events.iter().map(|e| (e.id.as_str(), e)).collect();

    let mut roles: HashMap<&str, Vec<Role>> = HashMap::new();
    for m in &data.memberships {
        let Some(pid) = m.person_id.as_deref() else {
            continue;
        };
        let post = m.post_id.as_deref().and_then(|p| posts.get(p));
        let org_ref = m
            .organization_id
            .as_deref()
            .or(post.and_then(|p| p.organization_id.as_deref()));
        let title = m
            .label
            .clone()
            .or_else(|| post.and_then(|p| p.label.clone()))
            .or_else(|| m.role.as_deref().map(capitalise))
            .unwrap_or_else(|| "Member".into());
        let period = m
            .legislative_period_id
            .as_deref()
            .and_then(|e| events.get(e));
        let start_raw = m
            .start_date
            .as_deref()
            .or(period.and_then(|p| p.start_date.as_deref()));
        let end_raw = m
            .end_date
            .as_deref()
            .or(period.and_then(|p| p.end_date.as_deref()));
        let start = match start_raw {
            Some(s) => Some(
                Date::parse(s)
                    .ok_or_else(|| bad(format!("membership of `{pid}`: `{s}` is not a date")))?,
            ),
            None => None,
        };
        let end = match end_raw {
            Some(s) => Some(
                super::widen_end(s)
                    .ok_or_else(|| bad(format!("membership of `{pid}`: `{s}` is not a date")))?,
            ),
            None => None,
        };
        let org = match org_ref {
            Some(o) => Some(
                org_id
                    .get(o)
                    .cloned()
                    .ok_or_else(|| bad(format!("membership names unknown organization `{o}`")))?,
            ),
            None => None,
        };
        let source = m
            .sources
            .iter()
            .find_map(|s| s.url.clone())
            .or_else(|| file_source.clone());
        roles.entry(pid).or_default().push(Role {
            title,
            title_aliases: Vec::new(),
            org,
            start,
            end: end.filter(|e| start.is_none_or(|s| s <= *e)),
            source,
            ..Role::default()
        });
    }

    let mut person_ids = IdAllocator::default();
    for p in &data.persons {
        let mut rs = roles.remove(p.id.as_str()).unwrap_or_default();
        rs.sort_by_key(|r| r.start);
        rs.dedup();
        let name = name_case(&p.name);
        out.people.push(Person {
            id: person_ids.id_for(&name, &p.id),
            aliases: english_other_names(&p.other_names, &name)
                .iter()
                .map(|a| name_case(a))
                .filter(|a| a != &name)
                .collect(),
            name,
            pronouns: match p.gender.as_deref() {
                Some("male") => Some(Pronoun::He),
                Some("female") => Some(Pronoun::She),
                _ => None,
            },
            description: p.summary.clone(),
            wikidata: wikidata_of(&p.identifiers),
            roles: rs,
            ..Person::default()
        });
    }
    if let Some((pid, _)) = roles.into_iter().next() {
        return Err(bad(format!("a membership names unknown person `{pid}`")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_caps_names_are_written_in_the_usual_case_and_ids_follow() {
        let src = r#"{"persons": [{"id": "p1", "name": "MARY O'BRIEN-MCCARTHY",
            "other_names": [{"name": "MARY MCCARTHY"}]}], "organizations": [], "memberships": []}"#;
        let kb = import(src, "caps.json").unwrap();
        assert_eq!(kb.people[0].name, "Mary O'Brien-McCarthy");
        assert_eq!(kb.people[0].aliases, ["Mary McCarthy"]);
        assert_eq!(kb.people[0].id, "mary-obrien-mccarthy");
    }

    const SMALL: &str = r#"{
  "persons": [
    {"id": "p1", "name": "Ada Mensah", "gender": "female",
     "other_names": [{"name": "A. Mensah"}, {"name": "Ада Менса", "lang": "ru"}],
     "identifiers": [{"scheme": "wikidata", "identifier": "Q123"}]},
    {"id": "p2", "name": "Kofi Boateng"}
  ],
  "organizations": [
    {"id": "org/senate", "name": "Senate", "classification": "legislature"},
    {"id": "party/x", "name": "Unity Party", "other_names": [{"name": "UP", "lang": "en"}]}
  ],
  "posts": [{"id": "post/speaker", "label": "Speaker of the Senate", "organization_id": "org/senate"}],
  "events": [{"id": "term/1", "start_date": "2013-09-17", "end_date": "2018"}],
  "memberships": [
    {"person_id": "p1", "post_id": "post/speaker", "start_date": "2015-02-01",
     "sources": [{"url": "https://example.org/speaker"}]},
    {"person_id": "p2", "organization_id": "org/senate", "role": "member", "legislative_period_id": "term/1"},
    {"person_id": "p2", "organization_id": "party/x", "role": "leader", "start_date": "2016-01-01", "end_date": "2016-12-31"}
  ],
  "meta": {"sources": ["https://example.org/"]}
}"#;

    #[test]
    fn memberships_become_roles_with_posts_periods_and_sources() {
        let kb = import(SMALL, "small.json").expect("imports");
        let ada = &kb.people[0];
        assert_eq!(ada.pronouns, Some(Pronoun::She));
        assert_eq!(ada.aliases, ["A. Mensah"]);
        assert_eq!(ada.wikidata.as_deref(), Some("Q123"));
        assert_eq!(ada.roles[0].title, "Speaker of the Senate");
        assert_eq!(ada.roles[0].org.as_deref(), Some("senate"));
        assert_eq!(
            ada.roles[0].source.as_deref(),
            Some("https://example.org/speaker")
        );
        let kofi = &kb.people[1];
        assert_eq!(kofi.roles[0].title, "Member");
        assert_eq!(kofi.roles[0].start, Date::new(2013, 9, 17));
        assert_eq!(kofi.roles[0].end, Date::new(2019, 1, 1));
        assert_eq!(
            kofi.roles[0].source.as_deref(),
            Some("https://example.org/")
        );
        assert_eq!(kofi.roles[1].title, "Leader");
        assert_eq!(kofi.roles[1].org.as_deref(), Some("unity-party"));
        assert_eq!(kb.organizations[1].aliases, ["UP"]);
        let text = toml::to_string(&kb).expect("serialises");
        crate::kb::parse_str(&text, "out.toml").expect("output validates");
    }

    #[test]
    fn unknown_references_and_bad_json_are_errors() {
        let bad = SMALL.replace(
            "\"organization_id\": \"party/x\"",
            "\"organization_id\": \"party/y\"",
        );
        assert!(import(&bad, "x.json")
            .unwrap_err()
            .to_string()
            .contains("party/y"));
        assert!(import("{\"persons\": [", "x.json")
            .unwrap_err()
            .to_string()
            .contains("not Popolo JSON"));
    }

    #[test]
    fn real_zimbabwe_senate_sample_imports_and_validates() {
        let src = include_str!("../../../tests/fixtures/data/formats/popolo-zimbabwe-senate.json");
        let kb = import(src, "popolo-zimbabwe-senate.json").expect("imports");
        assert_eq!(kb.people.len(), 67);
        assert_eq!(kb.organizations.len(), 4);
        let with_roles = kb.people.iter().filter(|p| !p.roles.is_empty()).count();
        assert!(with_roles >= 60, "{with_roles} people with roles");
        let matiirira = kb
            .people
            .iter()
            .find(|p| p.name == "Address Matiirira")
            .unwrap();
        assert_eq!(matiirira.pronouns, Some(Pronoun::She));
        // Dates come from the 8th Parliament's legislative period.
        assert_eq!(matiirira.roles[0].start, Date::new(2013, 9, 17));
        let text = toml::to_string(&kb).expect("serialises");
        crate::kb::parse_str(&text, "out.toml").expect("output validates");
    }
}
