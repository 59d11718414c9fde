//! Semantic tokens (full and range): people, organisations, titles, quotations and
//! attribution cues, under a legend editors can theme. Tokens never overlap: names and
//! cues inside a quotation cut the quotation token around them; multi-line spans are
//! split per line.

use super::Snapshot;
use crate::mentions::Target;
use crate::text::Span;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
};

pub const PERSON: u32 = 0;
pub const ORGANIZATION: u32 = 1;
pub const TITLE: u32 = 2;
pub const QUOTATION: u32 = 3;
pub const ATTRIBUTION_CUE: u32 = 4;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: [
            "person",
            "organization",
            "title",
            "quotation",
            "attributionCue",
        ]
        .into_iter()
        .map(SemanticTokenType::new)
        .collect(),
        token_modifiers: vec![],
    }
}

/// Non-overlapping (span, type) pairs in text order.
pub fn spans(snap: &Snapshot) -> Vec<(Span, u32)> {
    let a = &snap.analysis;
    let mut marks: Vec<(Span, u32)> = Vec::new();
    for m in &a.mentions.items {
        let ty = match m.target {
            Target::Person(_) | Target::UnknownPerson(_) => PERSON,
            Target::Organization(_) => ORGANIZATION,
            Target::Term(..) => continue,
        };
        marks.push((m.span, ty));
        if let Some(t) = &m.title {
            marks.push((t.span, TITLE));
        }
    }
    for q in &a.article.quotes {
        if let Some(at) = &q.attribution {
            marks.push((at.cue, ATTRIBUTION_CUE));
        }
    }
    marks.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<(Span, u32)> = Vec::new();
    for (s, t) in marks {
        if s.is_empty() || kept.last().is_some_and(|(k, _)| k.end > s.start) {
            continue;
        }
        kept.push((s, t));
    }
    let mut out = kept.clone();
    for q in a.article.quotes.iter().filter(|q| q.parent.is_none()) {
        let mut pos = q.span.start;
        for (s, _) in kept.iter().filter(|(s, _)| q.span.overlaps(*s)) {
            if s.start > pos {
                out.push((Span::new(pos, s.start), QUOTATION));
            }
            pos = pos.max(s.end);
        }
        if q.span.end > pos {
            out.push((Span::new(pos, q.span.end), QUOTATION));
        }
    }
    out.sort_by_key(|(s, _)| s.start);
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
    for (span, ty) in spans(snap) {
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
                token_modifiers_bitset: 0,
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
