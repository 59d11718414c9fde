//! The article's outline (headline, dateline, each quoted person with their quotes
//! beneath, organisations) and `workspace/symbol` over every open document.

use super::Snapshot;
use crate::mentions::Target;
use crate::text::Span;
use std::collections::BTreeMap;
use tower_lsp_server::ls_types::{DocumentSymbol, Location, OneOf, SymbolKind, WorkspaceSymbol};

const UNATTRIBUTED: &str = "Unattributed quotations";

/// The first `n` characters of `s` on one line, with an ellipsis when cut.
fn short(s: &str, n: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= n {
        return one_line;
    }
    let mut out: String = one_line.chars().take(n).collect();
    out.push('…');
    out
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn symbol(
    snap: &Snapshot,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let conv = snap.conv();
    DocumentSymbol {
        name: if name.is_empty() {
            "(empty)".into()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: conv.range(range),
        selection_range: conv.range(selection),
        children: (!children.is_empty()).then_some(children),
    }
}

fn cover(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

pub fn document(snap: &Snapshot) -> Vec<DocumentSymbol> {
    let a = &snap.analysis;
    let text = &snap.text;
    let mut out = Vec::new();
    if let Some(p) = a.article.headline.and_then(|i| a.article.paragraphs.get(i)) {
        let s = p.span;
        out.push(symbol(
            snap,
            short(s.slice(text), 80),
            Some("headline".into()),
            SymbolKind::STRING,
            s,
            s,
            vec![],
        ));
    }
    if let Some(s) = a.article.dateline {
        out.push(symbol(
            snap,
            short(s.slice(text), 80),
            Some("dateline".into()),
            SymbolKind::EVENT,
            s,
            s,
            vec![],
        ));
    }
    // Quotes grouped by who they are credited to, in order of first quote.
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, (Span, Span, Vec<DocumentSymbol>)> = BTreeMap::new();
    for q in &a.article.quotes {
        if !q.is_speech && q.attribution.is_none() {
            continue;
        }
        let (who, sel) = match &q.attribution {
            Some(at) => (
                at.speaker
                    .resolved
                    .clone()
                    .unwrap_or_else(|| at.speaker.text.clone()),
                at.speaker.span,
            ),
            None => (UNATTRIBUTED.to_string(), q.span),
        };
        let child = symbol(
            snap,
            short(q.inner.slice(text), 60),
            None,
            SymbolKind::STRING,
            q.span,
            q.span,
            vec![],
        );
        let entry = groups.entry(who.clone()).or_insert_with(|| {
            order.push(who.clone());
            (cover(q.span, sel), sel, Vec::new())
        });
        entry.0 = cover(cover(entry.0, q.span), sel);
        entry.2.push(child);
    }
    for who in order {
        if let Some((range, sel, children)) = groups.remove(&who) {
            let n = children.len();
            let detail = format!("{n} quotation{}", if n == 1 { "" } else { "s" });
            out.push(symbol(
                snap,
                who,
                Some(detail),
                SymbolKind::OBJECT,
                range,
                sel,
                children,
            ));
        }
    }
    let mut seen = Vec::new();
    for m in &a.mentions.items {
        if let Target::Organization(o) = m.target {
            if seen.contains(&o) {
                continue;
            }
            seen.push(o);
            let name = snap
                .kb
                .organizations
                .get(o)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            out.push(symbol(
                snap,
                name,
                Some("organisation".into()),
                SymbolKind::NAMESPACE,
                m.span,
                m.span,
                vec![],
            ));
        }
    }
    out
}

/// People and organisations named in open documents whose name contains `query`.
pub fn workspace(snaps: &[std::sync::Arc<Snapshot>], query: &str) -> Vec<WorkspaceSymbol> {
    let q = query.to_lowercase();
    let mut out = Vec::new();
    for snap in snaps {
        let mut seen: Vec<&Target> = Vec::new();
        let container = snap.uri.as_str().rsplit('/').next().map(str::to_string);
        for m in &snap.analysis.mentions.items {
            if seen.contains(&&m.target) {
                continue;
            }
            let (name, kind) = match &m.target {
                Target::Person(p) => (
                    snap.kb.people.get(*p).map(|x| x.name.clone()),
                    SymbolKind::OBJECT,
                ),
                Target::UnknownPerson(n) => (Some(n.clone()), SymbolKind::OBJECT),
                Target::Organization(o) => (
                    snap.kb.organizations.get(*o).map(|x| x.name.clone()),
                    SymbolKind::NAMESPACE,
                ),
                Target::Term(..) => (None, SymbolKind::STRING),
            };
            seen.push(&m.target);
            let Some(name) = name else { continue };
            if !q.is_empty() && !name.to_lowercase().contains(&q) {
                continue;
            }
            out.push(WorkspaceSymbol {
                name,
                kind,
                tags: None,
                container_name: container.clone(),
                location: OneOf::Left(Location::new(snap.uri.clone(), snap.conv().range(m.span))),
                data: None,
            });
        }
    }
    out
}
