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
            match present::title_on(kb, *p, a.date) {
                Some(held) => s.push_str(&format!("Held by {name} on {}: {held}.", a.date)),
                None => s.push_str(&format!("{name} held no role on record on {}.", a.date)),
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
            s.push_str(&format!("House style: {}", term.forms.join(" / ")));
            if let Some(p) = &term.prefer {
                s.push_str(&format!(" (preferred: {p})"));
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
