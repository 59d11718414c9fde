//! Fixes as byte-range edits, and applying them to text.

use crate::text::Span;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes are applied by `--fix` and `source.fixAll`; others only on request.
    pub safe: bool,
}

/// Applies non-overlapping edits (in any order) to `text`. An edit that overlaps an
/// earlier-starting one, or does not fall on char boundaries, is skipped. Returns the
/// new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for e in sorted {
        let Span { start, end } = e.span;
        if start < pos || end < start || end > text.len() {
            continue;
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[pos..start]);
        out.push_str(&e.replacement);
        pos = end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(s: usize, e: usize, r: &str) -> Edit {
        Edit {
            span: Span::new(s, e),
            replacement: r.into(),
        }
    }

    #[test]
    fn applies_edits_in_offset_order_and_skips_overlaps() {
        let (out, n) = apply_edits(
            "US and UK",
            &[edit(7, 9, "U.K."), edit(0, 2, "U.S."), edit(1, 3, "x")],
        );
        assert_eq!(out, "U.S. and U.K.");
        assert_eq!(n, 2);
    }

    #[test]
    fn skips_edits_off_char_boundaries_or_past_the_end() {
        let (out, n) = apply_edits("“a”", &[edit(1, 2, "x"), edit(3, 99, "y")]);
        assert_eq!(out, "“a”");
        assert_eq!(n, 0);
    }
}
