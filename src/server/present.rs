//! How KB entries read in the editor: hover/completion cards in Markdown, role lines,
//! and the first-reference form ("NATO Secretary-General Jens Stoltenberg").

use crate::analysis::DateOrigin;
use crate::date::Date;
use crate::kb::{Kb, OrgId, PersonId, Role, Tenure};
use std::fmt::Write;

/// "Secretary-General, NATO" — the title with its organisation's short name.
pub fn role_line(kb: &Kb, role: &Role) -> String {
    match org_of(kb, role) {
        Some(o) => format!("{}, {}", role.title, kb.organizations[o].name),
        None => role.title.clone(),
    }
}

fn org_of(kb: &Kb, role: &Role) -> Option<OrgId> {
    role.org.as_deref().and_then(|id| kb.org_by_id(id))
}

/// A role's dates; an end after the source's `as_of` is only scheduled.
fn span_of(role: &Role, as_of: Option<Date>) -> String {
    let scheduled = |e: Date| as_of.is_some_and(|a| e > a);
    match (role.start, role.end) {
        (Some(s), Some(e)) if scheduled(e) => format!("since {s}, term to {e}"),
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(e)) if scheduled(e) => format!("term to {e}"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => "dates unknown".into(),
    }
}

/// Where a role's facts come from: a link when the source is an address.
fn source_of(role: &Role) -> Option<String> {
    let src = role.source.as_deref()?;
    Some(
        if src.starts_with("http://") || src.starts_with("https://") {
            let host = src.split('/').nth(2).unwrap_or(src);
            format!("source: [{host}]({src})")
        } else {
            format!("source: {src}")
        },
    )
}

/// "Senator, United States (since 2007-01-04) — Vermont, Independent — source: …".
fn role_entry(kb: &Kb, person: PersonId, role: &Role, dates: bool) -> String {
    let as_of = role.as_of.or(kb.as_of(person));
    let mut s = role_line(kb, role);
    if dates {
        let _ = write!(s, " ({})", span_of(role, as_of));
    }
    let detail: Vec<&str> = role
        .area
        .iter()
        .chain(&role.party)
        .map(String::as_str)
        .collect();
    if !detail.is_empty() {
        let _ = write!(s, " — {}", detail.join(", "));
    }
    if let Some(src) = source_of(role) {
        let _ = write!(s, " — {src}");
    }
    if let Some(d) = role.as_of.filter(|&d| Some(d) != kb.as_of(person)) {
        let _ = write!(s, " (as of {d})");
    }
    s
}

/// The title (with organisation) a person is known to hold on `date`, the one a desk
/// names them by ([`Kb::reference_role`]), for completion details and title hovers.
pub fn title_on(kb: &Kb, person: PersonId, date: Date) -> Option<String> {
    kb.reference_role(person, date).map(|r| role_line(kb, r))
}

/// The last word of a name: the surname in the Western order the KB uses.
pub fn surname(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// The form a person takes at first reference on `date`: organisation, title, full name.
pub fn first_reference(kb: &Kb, person: PersonId, date: Date) -> String {
    kb.first_reference(person, date)
}

fn date_note(date: Date, origin: DateOrigin) -> String {
    match origin {
        DateOrigin::Text => format!("{date}, the article's date"),
        DateOrigin::Config => format!("{date}, the configured article date"),
        DateOrigin::Today => format!("{date}, today (the draft states no date)"),
    }
}

/// The hover/completion card for a person: the roles known to be held on the article's
/// date, or why none is shown (none on record, or the date is past what the KB knows),
/// the other roles with their dates, each with its source, and the date the KB's facts
/// about the person are known to.
pub fn person_card(kb: &Kb, person: PersonId, date: Date, origin: DateOrigin) -> String {
    let p = &kb.people[person];
    let mut s = format!("**{}**\n\n", p.name);
    let now = kb.roles_on(person, date);
    let unknown: Vec<&Role> = p
        .roles
        .iter()
        .filter(|r| kb.tenure(person, r, date) == Tenure::Unknown)
        .collect();
    if !now.is_empty() {
        for r in &now {
            let _ = writeln!(
                s,
                "{} — on {}\n",
                role_entry(kb, person, r, false),
                date_note(date, origin)
            );
        }
    } else if unknown.is_empty() {
        let _ = writeln!(s, "No role on record on {}.\n", date_note(date, origin));
    }
    if !unknown.is_empty() {
        let known_to = unknown
            .iter()
            .filter_map(|r| r.as_of.or(kb.as_of(person)))
            .max()
            .map_or_else(String::new, |d| format!(" as of {d}"));
        let _ = writeln!(
            s,
            "Not known on {}: the knowledge base knows these roles only{known_to}:\n",
            date_note(date, origin)
        );
        for r in &unknown {
            let _ = writeln!(s, "- {}", role_entry(kb, person, r, true));
        }
        s.push('\n');
    }
    let others: Vec<&Role> = p
        .roles
        .iter()
        .filter(|r| !now.iter().chain(&unknown).any(|n| std::ptr::eq(*n, *r)))
        .collect();
    if !others.is_empty() {
        s.push_str("Other roles:\n");
        for r in others {
            let _ = writeln!(s, "- {}", role_entry(kb, person, r, true));
        }
        s.push('\n');
    }
    if let Some(d) = &p.description {
        let _ = writeln!(s, "{d}\n");
    }
    if !p.aliases.is_empty() {
        let _ = writeln!(s, "Also written: {}\n", p.aliases.join(", "));
    }
    let mut last = Vec::new();
    match kb.as_of(person) {
        Some(d) => last.push(format!("Knowledge base as of {d}")),
        None => last.push("Knowledge base: no as-of date given".to_string()),
    }
    if let Some(q) = &p.wikidata {
        last.push(format!("[Wikidata {q}](https://www.wikidata.org/wiki/{q})"));
    }
    let _ = writeln!(s, "{}", last.join(" · "));
    s.trim_end().to_string()
}

/// The card for an organisation.
pub fn org_card(kb: &Kb, org: OrgId) -> String {
    let o = &kb.organizations[org];
    let mut s = match &o.full_name {
        Some(full) if full != &o.name => format!("**{full}** ({})\n\n", o.name),
        _ => format!("**{}**\n\n", o.name),
    };
    if let Some(d) = &o.description {
        let _ = writeln!(s, "{d}\n");
    }
    if !o.aliases.is_empty() {
        let _ = writeln!(s, "Also written: {}\n", o.aliases.join(", "));
    }
    if let Some(q) = &o.wikidata {
        let _ = writeln!(s, "[Wikidata {q}](https://www.wikidata.org/wiki/{q})");
    }
    s.trim_end().to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::kb::{KbFile, Organization, Person};

    /// A small KB written for these tests (not the starter KB).
    pub fn kb() -> Kb {
        Kb::from_files([KbFile {
            people: vec![Person {
                id: "anna-berg".into(),
                name: "Anna Berg".into(),
                aliases: vec!["A. Berg".into()],
                description: Some("Norwegian diplomat".into()),
                wikidata: Some("Q1".into()),
                roles: vec![
                    Role {
                        title: "Director-General".into(),
                        org: Some("wto".into()),
                        start: Date::parse("2020-03-01"),
                        ..Role::default()
                    },
                    Role {
                        title: "Ambassador to Chile".into(),
                        start: Date::parse("2015-01-01"),
                        end: Date::parse("2020-03-01"),
                        ..Role::default()
                    },
                ],
                ..Person::default()
            }],
            organizations: vec![Organization {
                id: "wto".into(),
                name: "WTO".into(),
                full_name: Some("World Trade Organization".into()),
                ..Organization::default()
            }],
            ..KbFile::default()
        }])
    }

    #[test]
    fn first_reference_uses_the_title_held_on_the_date() {
        let kb = kb();
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(
            first_reference(&kb, 0, d("2022-01-12")),
            "WTO Director-General Anna Berg"
        );
        assert_eq!(
            first_reference(&kb, 0, d("2016-06-01")),
            "Ambassador to Chile Anna Berg"
        );
        assert_eq!(first_reference(&kb, 0, d("2010-01-01")), "Anna Berg");
    }

    #[test]
    fn person_card_names_the_current_role_the_date_and_the_others() {
        let kb = kb();
        let card = person_card(&kb, 0, Date::parse("2022-01-12").unwrap(), DateOrigin::Text);
        assert!(card.starts_with("**Anna Berg**"), "{card}");
        assert!(card.contains("Director-General, WTO — on 2022-01-12, the article's date"));
        assert!(card.contains("- Ambassador to Chile (2015-01-01 – 2020-03-01)"));
        assert!(card.contains("Norwegian diplomat"));
        assert!(card.contains("https://www.wikidata.org/wiki/Q1"));
        assert_eq!(surname("Anna Berg"), "Berg");
    }
}
