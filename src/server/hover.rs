//! Hover cards: a person (by name, surname or attributing pronoun), an organisation, a
//! title phrase (who holds it on the article's date), or a quotation (who it is
//! attributed to and by which words, or why it counts as unattributed).

use super::present;
use super::Snapshot;
use crate::article::{Quote, SpeakerKind};
use crate::mentions::{Form, Target};
use crate::text::Span;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

pub fn hover(snap: &Snapshot, offset: usize) -> Option<Hover> {
    let (span, markdown) = title_card(snap, offset)
        .or_else(|| mention_card(snap, offset))
        .or_else(|| quote_card(snap, offset))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snap.conv().range(span)),
    })
}

fn title_card(snap: &Snapshot, offset: usize) -> Option<(Span, String)> {
    let a = &snap.analysis;
    let (m, t) = a.mentions.items.iter().find_map(|m| {
        m.title
            .as_ref()
            .filter(|t| t.span.contains(offset))
            .map(|t| (m, t))
    })?;
    let kb = &snap.kb;
    let mut s = format!("**{}**", t.text);
    if let Some(q) = &t.qualifier {
        s.push_str(&format!(" ({q})"));
    }
    s.push_str("\n\n");
    match &m.target {
        Target::Person(p) => {
            let name = &kb.people[*p].name;
            let unknown = kb.people[*p]
                .roles
                .iter()
                .any(|r| kb.tenure(*p, r, a.date) == crate::kb::Tenure::Unknown);
            match (present::title_on(kb, *p, a.date), kb.as_of(*p)) {
                (Some(held), _) => s.push_str(&format!("Held by {name} on {}: {held}.", a.date)),
                (None, Some(as_of)) if unknown => s.push_str(&format!(
                    "Not known on {}: the knowledge base knows {name}'s roles as of {as_of}.",
                    a.date
                )),
                (None, _) => s.push_str(&format!("{name} held no role on record on {}.", a.date)),
            }
        }
        Target::UnknownPerson(name) => s.push_str(&format!(
            "Given to {name}, who is not in the knowledge base."
        )),
        _ => {}
    }
    Some((t.span, s))
}

fn mention_card(snap: &Snapshot, offset: usize) -> Option<(Span, String)> {
    let a = &snap.analysis;
    let m = a.mentions.at(offset)?;
    let kb = &snap.kb;
    let mut s = String::new();
    if m.form == Form::Pronoun {
        s.push_str(&format!("‘{}’ refers to:\n\n", m.span.slice(&snap.text)));
    }
    match &m.target {
        Target::Person(p) => s.push_str(&present::person_card(kb, *p, a.date, a.date_origin)),
        Target::Organization(o) => s.push_str(&present::org_card(kb, *o)),
        Target::UnknownPerson(name) => s.push_str(&format!(
            "**{name}**\n\nNot in the knowledge base. The code action “Add ‘{name}’ to the \
             workspace knowledge base” records them."
        )),
        Target::Term(t, _) => {
            let term = kb.terms.get(*t)?;
            s.push_str(&format!("Term: {}", term.forms.join(" / ")));
            match (&term.prefer, &term.style) {
                (Some(p), Some(style)) => s.push_str(&format!(" ({style} house style: {p})")),
                (Some(p), None) => s.push_str(&format!(" (house style: {p})")),
                (None, _) => s.push_str(" (no house style: the form this draft uses most)"),
            }
        }
    }
    Some((m.span, s))
}

fn quote_card(snap: &Snapshot, offset: usize) -> Option<(Span, String)> {
    let a = &snap.analysis;
    let q = &a.article.quotes[a.article.quote_at(offset)?];
    Some((q.span, describe_quote(snap, q)))
}

/// One line on how a quotation is credited, in words an editor uses.
pub fn describe_quote(snap: &Snapshot, q: &Quote) -> String {
    let text = &snap.text;
    let Some(at) = &q.attribution else {
        return if flagged_unattributed(&snap.analysis, q) {
            "**Unattributed quotation**: no speaker is named in this sentence or the next \
             one, and it does not continue an attributed quote."
                .into()
        } else if q.is_speech {
            format!(
                "**Not flagged** ({} words, no sentence punctuation: shorter than the \
                 `quote.minWords` setting counts as a scare quote or term), or the \
                 unattributed-quote rule is off.",
                q.words
            )
        } else {
            format!(
                "**Not counted as reported speech** ({} words): read as a scare quote, \
                 term or title, or it sits in a headline or caption.",
                q.words
            )
        };
    };
    let sp = &at.speaker;
    let who = sp.resolved.clone().unwrap_or_else(|| sp.text.clone());
    let words = Span::new(sp.span.start.min(at.cue.start), sp.span.end.max(at.cue.end));
    let mut s = format!("Attributed to **{who}** by ‘{}’", words.slice(text));
    match (sp.kind, sp.resolved_paragraph) {
        (SpeakerKind::Pronoun, Some(p)) => {
            s.push_str(&format!(", resolved from paragraph {}", p + 1))
        }
        (SpeakerKind::Pronoun, None) => s.push_str(" (the pronoun could not be resolved)"),
        (SpeakerKind::Description, _) => s.push_str(" (an unnamed source)"),
        _ => {}
    }
    if q.carried_over {
        s.push_str(", carried over from the paragraph before");
    }
    s.push('.');
    s
}

/// Whether the draft's findings call this quotation unattributed: the rule's own verdict,
/// so hover and semantic tokens follow `quote.minWords` and the rule's severity setting.
pub fn flagged_unattributed(a: &crate::analysis::Analysis, q: &Quote) -> bool {
    q.attribution.is_none()
        && a.findings
            .iter()
            .any(|f| f.rule == crate::lint::rules::unattributed_quote::META.id && f.span == q.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::fixture::{kb, snapshot};
    use expect_test::{expect, Expect};

    const KB: &str = r#"
as_of = "2022-07-19"
source = "cabinet snapshot"

[[organization]]
id = "us"
name = "United States"
demonyms = ["U.S."]

[[person]]
id = "antony-blinken"
name = "Antony Blinken"
wikidata = "Q4073580"
  [[person.role]]
  title = "Secretary of State"
  org = "us"
  start = "2021-01-26"
  source = "https://www.wikidata.org/wiki/Q4073580"
  [[person.role]]
  title = "Deputy Secretary of State"
  org = "us"
  start = "2015-01-09"
  end = "2017-01-20"

[[person]]
id = "bernie-sanders"
name = "Bernie Sanders"
as_of = "2026-06-15"
  [[person.role]]
  title = "Senator"
  title_aliases = ["Sen."]
  org = "us"
  start = "2007-01-04"
  end = "2031-01-03"
  area = "Vermont"
  party = "Independent"
  source = "https://bioguide.congress.gov/search/bio/S000033"

[[term]]
forms = ["U.S.", "US"]
"#;

    fn check(fixture: &str, date: &str, expect: Expect) {
        let (snap, at) = snapshot(fixture, kb(KB), Some(date));
        let got = match hover(&snap, at) {
            Some(Hover {
                contents: HoverContents::Markup(m),
                range,
            }) => {
                let span = range.map(|r| snap.conv().span(r).slice(&snap.text).to_string());
                format!("[{}]\n{}\n", span.unwrap_or_default(), m.value)
            }
            _ => "no hover\n".to_string(),
        };
        expect.assert_eq(&got);
    }

    #[test]
    fn a_person_card_gives_each_role_with_its_source_and_the_kbs_as_of_date() {
        check(
            "Talks.\n\nSecretary of State Antony Bli$0nken spoke.",
            "2022-03-01",
            expect![[r#"
                [Antony Blinken]
                **Antony Blinken**

                Secretary of State, United States — source: [www.wikidata.org](https://www.wikidata.org/wiki/Q4073580) — on 2022-03-01, the configured article date

                Other roles:
                - Deputy Secretary of State, United States (2015-01-09 – 2017-01-20) — source: cabinet snapshot

                Knowledge base as of 2022-07-19 · [Wikidata Q4073580](https://www.wikidata.org/wiki/Q4073580)
            "#]],
        );
    }

    #[test]
    fn past_the_kbs_as_of_date_the_card_says_what_is_not_known() {
        check(
            "Talks.\n\nAntony Bli$0nken spoke.",
            "2025-03-01",
            expect![[r#"
                [Antony Blinken]
                **Antony Blinken**

                Not known on 2025-03-01, the configured article date: the knowledge base knows these roles only as of 2022-07-19:

                - Secretary of State, United States (since 2021-01-26) — source: [www.wikidata.org](https://www.wikidata.org/wiki/Q4073580)

                Other roles:
                - Deputy Secretary of State, United States (2015-01-09 – 2017-01-20) — source: cabinet snapshot

                Knowledge base as of 2022-07-19 · [Wikidata Q4073580](https://www.wikidata.org/wiki/Q4073580)
            "#]],
        );
        check(
            "Talks.\n\nSecretary of St$0ate Antony Blinken spoke.",
            "2025-03-01",
            expect![[r#"
                [Secretary of State]
                **Secretary of State**

                Not known on 2025-03-01: the knowledge base knows Antony Blinken's roles as of 2022-07-19.
            "#]],
        );
    }

    #[test]
    fn a_scheduled_end_area_and_party_are_shown_for_a_senator() {
        check(
            "Talks.\n\nSen. Bernie Sand$0ers spoke.",
            "2026-01-01",
            expect![[r#"
                [Bernie Sanders]
                **Bernie Sanders**

                Senator, United States — Vermont, Independent — source: [bioguide.congress.gov](https://bioguide.congress.gov/search/bio/S000033) — on 2026-01-01, the configured article date

                Knowledge base as of 2026-06-15
            "#]],
        );
        check(
            "Talks.\n\nSen. Bernie Sand$0ers spoke.",
            "2026-09-01",
            expect![[r#"
                [Bernie Sanders]
                **Bernie Sanders**

                Not known on 2026-09-01, the configured article date: the knowledge base knows these roles only as of 2026-06-15:

                - Senator, United States (since 2007-01-04, term to 2031-01-03) — Vermont, Independent — source: [bioguide.congress.gov](https://bioguide.congress.gov/search/bio/S000033)

                Knowledge base as of 2026-06-15
            "#]],
        );
    }

    #[test]
    fn someone_the_kb_does_not_know_is_said_to_be_not_in_it() {
        check(
            "Talks.\n\nMaria Lo$0pez said no.",
            "2022-03-01",
            expect![[r#"
                [Maria Lopez]
                **Maria Lopez**

                Not in the knowledge base. The code action “Add ‘Maria Lopez’ to the workspace knowledge base” records them.
            "#]],
        );
    }

    #[test]
    fn a_term_says_whether_a_house_style_prefers_a_form() {
        check(
            "Talks.\n\nThe U$0S envoy spoke.",
            "2022-03-01",
            expect![[r#"
                [US]
                Term: U.S. / US (no house style: the form this draft uses most)
            "#]],
        );
    }
}
