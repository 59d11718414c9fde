//! Completion while typing a capitalised word: KB people and organisations and names
//! already in the draft; titles after an organisation name. A person's first body
//! mention gets the first-reference form, later ones the surname. The card comes later,
//! in `completionItem/resolve`.

use super::{present, Snapshot};
use crate::article::PartKind;
use crate::mentions::Target;
use crate::text::Span;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::str::FromStr;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit, Uri,
};

const LIMIT: usize = 100;

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || c == '-' || c == '\'' || c == '’'
}

/// The capitalised word being typed before `offset`, if any.
fn prefix(text: &str, offset: usize) -> Option<Span> {
    let end = crate::text::floor_char_boundary(text, offset);
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map(|(i, _)| i)?;
    let first = text[start..].chars().next()?;
    first.is_uppercase().then_some(Span::new(start, end))
}

/// True when `word` starts with `p` ignoring case (the user may still be typing).
fn starts(word: &str, p: &str) -> bool {
    word.len() >= p.len()
        && word
            .get(..p.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(p) || w == p)
}

/// The form of `name` (or one of its words) that the typed prefix matches.
fn matched<'a>(forms: impl IntoIterator<Item = &'a str>, p: &str) -> Option<&'a str> {
    forms.into_iter().find_map(|f| {
        if starts(f, p) {
            return Some(f);
        }
        f.split_whitespace().find(|w| starts(w, p))
    })
}

pub fn complete(snap: &Snapshot, offset: usize) -> Option<CompletionResponse> {
    let text = &snap.text;
    let span = prefix(text, offset)?;
    let p = span.slice(text);
    let a = &snap.analysis;
    let kb = &snap.kb;
    let range = snap.conv().range(span);
    let uri = snap.uri.as_str();
    let mut items: Vec<CompletionItem> = Vec::new();
    let edit = |new_text: String| Some(CompletionTextEdit::Edit(TextEdit { range, new_text }));

    let para = a.article.paragraph_at(span.start);
    let in_body = para
        .and_then(|i| a.article.paragraphs.get(i))
        .is_none_or(|p| p.kind == PartKind::Body);
    let mentioned_before = |target: &Target| {
        a.mentions.of(target).any(|m| {
            m.span.end <= span.start
                && m.paragraph
                    .and_then(|i| a.article.paragraphs.get(i))
                    .is_some_and(|p| p.kind == PartKind::Body)
        })
    };

    // Titles after an organisation's name: "NATO Sec|" offers NATO's titles.
    let before = text[..span.start].trim_end_matches(' ');
    for (oi, o) in kb.organizations.iter().enumerate() {
        let names = std::iter::once(&o.name).chain(&o.demonyms);
        if !names.into_iter().any(|n| before.ends_with(n.as_str())) {
            continue;
        }
        let mut titles = BTreeSet::new();
        for person in &kb.people {
            for r in &person.roles {
                if r.org.as_deref() == Some(o.id.as_str()) && starts(&r.title, p) {
                    titles.insert(r.title.clone());
                }
            }
        }
        for t in titles {
            items.push(CompletionItem {
                label: t.clone(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(format!("title at {}", kb.organizations[oi].name)),
                text_edit: edit(t),
                ..Default::default()
            });
        }
    }

    for (pi, person) in kb.people.iter().enumerate() {
        let forms =
            std::iter::once(person.name.as_str()).chain(person.aliases.iter().map(String::as_str));
        let Some(hit) = matched(forms, p) else {
            continue;
        };
        let insert = if !in_body {
            person.name.clone()
        } else if mentioned_before(&Target::Person(pi)) {
            present::surname(&person.name).to_string()
        } else {
            present::first_reference(kb, pi, a.date)
        };
        items.push(CompletionItem {
            label: person.name.clone(),
            kind: Some(CompletionItemKind::REFERENCE),
            detail: present::title_on(kb, pi, a.date),
            filter_text: Some(hit.to_string()),
            text_edit: edit(insert),
            data: Some(json!({"uri": uri, "kind": "person", "id": person.id})),
            ..Default::default()
        });
    }

    for o in &kb.organizations {
        let forms = std::iter::once(o.name.as_str())
            .chain(o.full_name.as_deref())
            .chain(o.aliases.iter().map(String::as_str));
        let Some(hit) = matched(forms, p) else {
            continue;
        };
        items.push(CompletionItem {
            label: o.name.clone(),
            kind: Some(CompletionItemKind::MODULE),
            detail: o.full_name.clone(),
            filter_text: Some(hit.to_string()),
            text_edit: edit(o.name.clone()),
            data: Some(json!({"uri": uri, "kind": "organization", "id": o.id})),
            ..Default::default()
        });
    }

    // People the draft names who are not in the KB.
    let mut seen = BTreeSet::new();
    let draft_names = a
        .mentions
        .items
        .iter()
        .filter(|m| !m.span.overlaps(span))
        .filter_map(|m| match &m.target {
            Target::UnknownPerson(n) => Some(n.clone()),
            _ => None,
        })
        .chain(
            a.article
                .people
                .iter()
                .filter(|n| !n.span.overlaps(span))
                .map(|n| n.name.clone()),
        );
    for name in draft_names {
        if items.iter().any(|i| i.label == name) || !seen.insert(name.clone()) {
            continue;
        }
        let Some(hit) = matched([name.as_str()], p) else {
            continue;
        };
        let insert = if in_body
            && !a
                .mentions
                .of(&Target::UnknownPerson(name.clone()))
                .all(|m| m.span.start >= span.start)
        {
            present::surname(&name).to_string()
        } else {
            name.clone()
        };
        items.push(CompletionItem {
            label: name.clone(),
            kind: Some(CompletionItemKind::TEXT),
            detail: Some("named in this draft".into()),
            filter_text: Some(hit.to_string()),
            text_edit: edit(insert),
            ..Default::default()
        });
    }

    let incomplete = items.len() > LIMIT;
    items.truncate(LIMIT);
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: incomplete,
        items,
    }))
}

/// The document a completion item came from (stored in its `data`).
pub fn uri_of(item: &CompletionItem) -> Option<Uri> {
    let s = item.data.as_ref()?.get("uri")?.as_str()?;
    Uri::from_str(s).ok()
}

/// Fills in the card of a KB person or organisation.
pub fn resolve(snap: &Snapshot, mut item: CompletionItem) -> CompletionItem {
    let Some(data) = item.data.as_ref() else {
        return item;
    };
    let id = data.get("id").and_then(Value::as_str).unwrap_or_default();
    let kb = &snap.kb;
    let card = match data.get("kind").and_then(Value::as_str) {
        Some("person") => kb
            .person_by_id(id)
            .map(|p| present::person_card(kb, p, snap.analysis.date, snap.analysis.date_origin)),
        Some("organization") => kb.org_by_id(id).map(|o| present::org_card(kb, o)),
        _ => None,
    };
    if let Some(value) = card {
        item.documentation = Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }));
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_the_capitalised_word_before_the_cursor() {
        let t = "said “Stol";
        assert_eq!(prefix(t, t.len()).map(|s| s.slice(t)), Some("Stol"));
        assert_eq!(prefix("the sto", 7), None);
        assert_eq!(prefix("O’Bri", 7).map(|s| s.slice("O’Bri")), Some("O’Bri"));
        assert_eq!(prefix("", 0), None);
        assert_eq!(prefix("Zoë", 99).map(|s| s.slice("Zoë")), Some("Zoë"));
    }

    #[test]
    fn matches_any_word_of_a_name() {
        assert_eq!(matched(["Jens Stoltenberg"], "Stol"), Some("Stoltenberg"));
        assert_eq!(
            matched(["Jens Stoltenberg"], "Jens S"),
            Some("Jens Stoltenberg")
        );
        assert_eq!(matched(["Jens Stoltenberg"], "Grus"), None);
    }
}
