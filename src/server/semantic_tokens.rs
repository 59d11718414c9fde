//! Semantic tokens (full and range): people, organisations, titles, quotations and
//! attribution cues, with the modifiers `unattributed` (a quotation read as speech that
//! no one is credited with), `firstReference` (a person's or organisation's first body
//! mention) and `unknown` (a name the KB does not know). The legend's names are the
//! ones editors/vscode/package.json declares, so themes can colour them. Tokens never
//! overlap: names and cues inside a quotation cut the quotation token around them;
//! multi-line spans are split per line.

use super::Snapshot;
use crate::mentions::{in_body, Target};
use crate::text::Span;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
};

pub const PERSON: u32 = 0;
pub const ORGANIZATION: u32 = 1;
pub const TITLE: u32 = 2;
pub const QUOTATION: u32 = 3;
pub const ATTRIBUTION_CUE: u32 = 4;

/// Token type names, indexed by the constants above.
pub const TOKEN_TYPES: [&str; 5] = [
    "person",
    "organization",
    "title",
    "quotation",
    "attributionCue",
];

/// Modifier bits.
pub const UNATTRIBUTED: u32 = 1 << 0;
pub const FIRST_REFERENCE: u32 = 1 << 1;
pub const UNKNOWN: u32 = 1 << 2;

/// Modifier names, in bit order.
pub const TOKEN_MODIFIERS: [&str; 3] = ["unattributed", "firstReference", "unknown"];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .into_iter()
            .map(SemanticTokenType::new)
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .into_iter()
            .map(SemanticTokenModifier::new)
            .collect(),
    }
}

/// Non-overlapping (span, type, modifier bits) in text order.
pub fn spans(snap: &Snapshot) -> Vec<(Span, u32, u32)> {
    let a = &snap.analysis;
    let mut marks: Vec<(Span, u32, u32)> = Vec::new();
    let mut first_seen: Vec<&Target> = Vec::new();
    for m in &a.mentions.items {
        let ty = match m.target {
            Target::Person(_) | Target::UnknownPerson(_) => PERSON,
            Target::Organization(_) => ORGANIZATION,
            Target::Term(..) => continue,
        };
        let mut mods = 0;
        if matches!(m.target, Target::UnknownPerson(_)) {
            mods |= UNKNOWN;
        }
        // Mentions come in text order, so the first body one outside a quotation is the
        // first reference (as `Mentions::first_in_body` defines it).
        if !m.inside_quote && in_body(m, &a.article) && !first_seen.contains(&&m.target) {
            first_seen.push(&m.target);
            mods |= FIRST_REFERENCE;
        }
        marks.push((m.span, ty, mods));
        if let Some(t) = &m.title {
            marks.push((t.span, TITLE, 0));
        }
    }
    for q in &a.article.quotes {
        if let Some(at) = &q.attribution {
            marks.push((at.cue, ATTRIBUTION_CUE, 0));
        }
    }
    marks.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<(Span, u32, u32)> = Vec::new();
    for (s, t, m) in marks {
        if s.is_empty() || kept.last().is_some_and(|(k, _, _)| k.end > s.start) {
            continue;
        }
        kept.push((s, t, m));
    }
    let mut out = kept.clone();
    for q in a.article.quotes.iter().filter(|q| q.parent.is_none()) {
        let mods = if super::hover::flagged_unattributed(a, q) {
            UNATTRIBUTED
        } else {
            0
        };
        let mut pos = q.span.start;
        for (s, _, _) in kept.iter().filter(|(s, _, _)| q.span.overlaps(*s)) {
            if s.start > pos {
                out.push((Span::new(pos, s.start), QUOTATION, mods));
            }
            pos = pos.max(s.end);
        }
        if q.span.end > pos {
            out.push((Span::new(pos, q.span.end), QUOTATION, mods));
        }
    }
    out.sort_by_key(|(s, _, _)| s.start);
    out
}

/// The single-line pieces of `span`, line breaks left out.
fn lines(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in span.slice(text).char_indices() {
        let at = span.start + i;
        if c == '\n' || c == '\r' {
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + 1;
        }
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    out
}

pub fn tokens(snap: &Snapshot, within: Option<Span>) -> SemanticTokens {
    let conv = snap.conv();
    let mut data = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    for (span, ty, mods) in spans(snap) {
        if within.is_some_and(|w| !w.overlaps(span)) {
            continue;
        }
        for piece in lines(&snap.text, span) {
            let a = conv.position(piece.start);
            let b = conv.position(piece.end);
            if b.character <= a.character {
                continue;
            }
            let delta_line = a.line - line;
            let delta_start = if delta_line == 0 {
                a.character - col
            } else {
                a.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: b.character - a.character,
                token_type: ty,
                token_modifiers_bitset: mods,
            });
            (line, col) = (a.line, a.character);
        }
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_spans_split_at_every_line_break() {
        let t = "“one\r\ntwo\nthree”";
        let pieces: Vec<&str> = lines(t, Span::new(0, t.len()))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(pieces, ["“one", "two", "three”"]);
    }
}
