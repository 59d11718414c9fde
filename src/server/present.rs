//! How KB entries read in the editor: hover/completion cards in Markdown, role lines,
//! and the first-reference form ("NATO Secretary-General Jens Stoltenberg").

use crate::analysis::DateOrigin;
use crate::date::Date;
use crate::kb::{Kb, OrgId, PersonId, Role};
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

fn span_of(role: &Role) -> String {
    match (role.start, role.end) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => "dates unknown".into(),
    }
}

/// The title (with organisation) a person held on `date`, for completion details.
pub fn title_on(kb: &Kb, person: PersonId, date: Date) -> Option<String> {
    kb.roles_on(person, date).first().map(|r| role_line(kb, r))
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

/// The hover/completion card for a person.
pub fn person_card(kb: &Kb, person: PersonId, date: Date, origin: DateOrigin) -> String {
    let p = &kb.people[person];
    let mut s = format!("**{}**\n\n", p.name);
    let now = kb.roles_on(person, date);
    if now.is_empty() {
        let _ = writeln!(s, "No role on record on {}.\n", date_note(date, origin));
    } else {
        for r in &now {
            let _ = writeln!(s, "{} — on {}\n", role_line(kb, r), date_note(date, origin));
        }
    }
    let others: Vec<&Role> = p
        .roles
        .iter()
        .filter(|r| !now.iter().any(|n| std::ptr::eq(*n, *r)))
        .collect();
    if !others.is_empty() {
        s.push_str("Other roles:\n");
        for r in others {
            let _ = writeln!(s, "- {} ({})", role_line(kb, r), span_of(r));
        }
        s.push('\n');
    }
    if let Some(d) = &p.description {
        let _ = writeln!(s, "{d}\n");
    }
    if !p.aliases.is_empty() {
        let _ = writeln!(s, "Also written: {}\n", p.aliases.join(", "));
    }
    if let Some(q) = &p.wikidata {
        let _ = writeln!(s, "[Wikidata {q}](https://www.wikidata.org/wiki/{q})");
    }
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
