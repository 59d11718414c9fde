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

/// What a fix writes, which decides whether it may be applied unattended (`--fix`,
/// `source.fixAll`): the one definition of a safe fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// A spelling or title form this draft already uses elsewhere (its own majority
    /// spelling, its own title form): safe when every replacement occurs in the draft
    /// outside the text it replaces.
    Draft,
    /// A house-style term swap or a punctuation mark (`US` → `U.S.`, `"` → `“`): safe.
    Style,
    /// A name or title taken from the knowledge base, or a guess: never safe, a
    /// suggestion the user picks.
    Suggestion,
}

impl Fix {
    /// A fix whose safety follows from what it writes (see [`Provenance`]).
    pub fn new(text: &str, title: String, edits: Vec<Edit>, provenance: Provenance) -> Fix {
        let safe = match provenance {
            Provenance::Style => true,
            Provenance::Suggestion => false,
            Provenance::Draft => edits.iter().all(|e| in_draft_elsewhere(text, e)),
        };
        Fix { title, edits, safe }
    }

    /// A suggestion the user picks: never applied unattended.
    pub fn suggestion(title: String, edits: Vec<Edit>) -> Fix {
        Fix {
            title,
            edits,
            safe: false,
        }
    }
}

/// True when the edit's replacement occurs in `text` as whole words outside the span it
/// replaces (an empty replacement, a deletion, does not count as written).
pub fn in_draft_elsewhere(text: &str, edit: &Edit) -> bool {
    let r = edit.replacement.as_str();
    if r.trim().is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(r).any(|(i, _)| {
        let span = Span::new(i, i + r.len());
        !span.overlaps(edit.span)
            && !word(text[..i].chars().next_back())
            && !word(text[i + r.len()..].chars().next())
    })
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
    fn a_draft_fix_is_safe_only_when_the_draft_writes_the_replacement_elsewhere() {
        let t = "Sergei Ryabkov spoke. Sergey Ryabkov left.";
        let at = t.find("Sergey").unwrap();
        let e = edit(at, at + 6, "Sergei");
        assert!(Fix::new(t, "x".into(), vec![e.clone()], Provenance::Draft).safe);
        let t2 = "Sergey Ryabkov left.";
        let e2 = edit(0, 6, "Sergei");
        assert!(!Fix::new(t2, "x".into(), vec![e2.clone()], Provenance::Draft).safe);
        assert!(!Fix::new(t, "x".into(), vec![e], Provenance::Suggestion).safe);
        assert!(Fix::new(t2, "x".into(), vec![e2], Provenance::Style).safe);
        // A match inside a longer word does not count.
        assert!(!in_draft_elsewhere("Sergeia x", &edit(8, 9, "Sergei")));
    }

    #[test]
    fn skips_edits_off_char_boundaries_or_past_the_end() {
        let (out, n) = apply_edits("“a”", &[edit(1, 2, "x"), edit(3, 99, "y")]);
        assert_eq!(out, "“a”");
        assert_eq!(n, 0);
    }
}
