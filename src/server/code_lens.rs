//! Code lenses on the headline: one counting the draft's quotations (how many, how many
//! are attributed, how many distinct sources, how many of those are named people), and,
//! when the draft states no date, one saying titles are checked as of today.

use super::Snapshot;
use crate::article::SpeakerKind;
use crate::text::Span;
use std::collections::BTreeSet;
use tower_lsp_server::ls_types::{CodeLens, Command};

/// (quotes, attributed, distinct sources, named people) over quotations read as speech.
pub fn counts(snap: &Snapshot) -> (usize, usize, usize, usize) {
    let quotes: Vec<_> = snap
        .analysis
        .article
        .quotes
        .iter()
        .filter(|q| q.is_speech)
        .collect();
    let mut sources = BTreeSet::new();
    let mut people = BTreeSet::new();
    let mut attributed = 0;
    for q in &quotes {
        let Some(at) = &q.attribution else { continue };
        attributed += 1;
        let sp = &at.speaker;
        let key = sp
            .resolved
            .clone()
            .unwrap_or_else(|| sp.text.to_lowercase());
        if sp.kind == SpeakerKind::Named || sp.resolved.is_some() {
            people.insert(key.clone());
        }
        sources.insert(key);
    }
    (quotes.len(), attributed, sources.len(), people.len())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn lenses(snap: &Snapshot) -> Vec<CodeLens> {
    let a = &snap.analysis.article;
    let at = a
        .headline
        .and_then(|i| a.paragraphs.get(i))
        .or(a.paragraphs.first())
        .map_or(Span::new(0, 0), |p| Span::new(p.span.start, p.span.start));
    let (q, attributed, sources, people) = counts(snap);
    let title = format!(
        "{} · {attributed} attributed · {} · {}",
        plural(q, "quote", "quotes"),
        plural(sources, "distinct source", "distinct sources"),
        plural(people, "named person", "named people"),
    );
    let lens = |title: String| CodeLens {
        range: snap.conv().range(at),
        // An empty command id: clients show the title as plain text.
        command: Some(Command {
            title,
            command: String::new(),
            arguments: None,
        }),
        data: None,
    };
    let mut out = vec![lens(title)];
    // The draft states no date and none is configured: say which date titles are
    // checked against, so a stale or missing dateline is noticed.
    if let Some(notice) = snap.analysis.date_notice() {
        out.push(lens(notice));
    }
    out
}
