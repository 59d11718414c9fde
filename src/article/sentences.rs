//! Sentence boundaries inside a paragraph. A sentence ends at `.`, `!` or `?` (with any
//! closing marks after it) followed by space and a capital, digit or opening mark, except
//! after abbreviations (`Mr.`, `Jan.`, `U.S.`, initials) and inside a quotation that the
//! sentence carries on after (`“A. B,” she said.` is one sentence).

use super::Quote;
use crate::memo::SliceMemo;
use crate::text::Span;

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true; // an initial
    }
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2) {
        return true; // U.S, U.K, D.C, a.m, p.m, e.g
    }
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "St"
            | "Jr"
            | "Sr"
            | "Gen"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Maj"
            | "Adm"
            | "Cmdr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Rev"
            | "Hon"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "Nos"
            | "vs"
            | "etc"
            | "Inc"
            | "Corp"
            | "Ltd"
            | "Co"
            | "Mt"
            | "Ft"
            | "approx"
            | "cf"
            | "al"
    )
}

/// Quotations that the surrounding sentence carries on after: the quoted text ends with a
/// comma or no closing punctuation, or a lower-case word follows the closing mark.
fn mid_sentence_quotes(text: &str, quotes: &[Quote]) -> Vec<Span> {
    quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .filter(|q| {
            let inner = q.inner.slice(text).trim_end();
            let ends_open = !inner.ends_with(['.', '!', '?', '…']);
            let after = q
                .close
                .map(|c| text[c.end..].trim_start_matches([' ', '\t']))
                .unwrap_or("");
            ends_open || after.starts_with(|c: char| c.is_lowercase())
        })
        .map(|q| q.inner)
        .collect()
}

/// Sentence spans of `text[para]`; `quotes` are the quotations inside the paragraph.
pub fn split(text: &str, para: Span, quotes: &[Quote]) -> Vec<Span> {
    split_with(text, para, quotes, &mut SliceMemo::off())
}

/// [`split`], memoised by the paragraph's text and the protected quotation spans in it.
pub fn split_with(
    text: &str,
    para: Span,
    quotes: &[Quote],
    memo: &mut SliceMemo<Vec<Span>>,
) -> Vec<Span> {
    let mut key = Vec::new();
    let mut local = Vec::new();
    for p in mid_sentence_quotes(text, quotes) {
        if p.end <= para.start || p.start >= para.end {
            continue;
        }
        let clipped = Span::new(p.start.max(para.start), p.end.min(para.end));
        let rel = Span::new(clipped.start - para.start, clipped.end - para.start);
        key.extend([rel.start, rel.end].map(|o| u32::try_from(o).unwrap_or(u32::MAX)));
        local.push(rel);
    }
    let slice = para.slice(text);
    let mut out = memo.get_or(slice, &key, || split_local(slice, &local));
    for s in &mut out {
        *s = s.shift(para.start);
    }
    out
}

/// Sentence spans of one paragraph `s`, computed on it alone; `protected` are the
/// mid-sentence quotations in it, relative to it.
fn split_local(s: &str, protected: &[Span]) -> Vec<Span> {
    let para = Span::new(0, s.len());
    let mut out = Vec::new();
    let mut start = 0;
    // Sized once: growing it char by char showed as realloc in profiles.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(s.len());
    chars.extend(s.char_indices());
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let abs = para.start + at;
            let in_protected = protected.iter().any(|p| p.contains(abs));
            let abbrev = c == '.' && {
                let before = &s[start..at];
                let word = before
                    .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘'))
                    .next()
                    .unwrap_or("");
                is_abbreviation(word)
            };
            // Take closing marks and more terminal punctuation.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '.' | '!' | '?' | '”' | '’' | '"' | '\'' | ')' | '»' | ']'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |&(o, _)| o);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let spaced = k > j || j == chars.len();
            let next_starts = chars.get(k).is_none_or(|&(_, n)| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '“' | '"' | '‘' | '\'' | '«' | '(' | '—' | '–' | '-')
            });
            if !in_protected && !abbrev && spaced && next_starts {
                push_trimmed(s, para.start, start, end, &mut out);
                start = chars.get(k).map_or(s.len(), |&(o, _)| o);
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(s, para.start, start, s.len(), &mut out);
    out
}

fn push_trimmed(s: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(piece) = s.get(start..end) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + t.len(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{blocks::plain_blocks, quotes, Paragraph, PartKind};

    fn sentences(t: &str) -> Vec<&str> {
        let paras: Vec<Paragraph> = plain_blocks(t, 0)
            .into_iter()
            .map(|span| Paragraph {
                span,
                kind: PartKind::Body,
                sentences: vec![],
            })
            .collect();
        let f = quotes::find(t, &paras, &[], &mut SliceMemo::off());
        paras
            .iter()
            .flat_map(|p| split(t, p.span, &f.quotes))
            .map(|s| s.slice(t))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials on Jan. 12 in Washington. They talked."),
            vec![
                "Mr. Smith met U.S. officials on Jan. 12 in Washington.",
                "They talked."
            ]
        );
    }

    #[test]
    fn a_quote_the_sentence_carries_on_after_is_not_split() {
        assert_eq!(
            sentences("“Let’s be clear. We are committed,” she said. “We want peace.” He left."),
            vec![
                "“Let’s be clear. We are committed,” she said.",
                "“We want peace.”",
                "He left."
            ]
        );
    }

    #[test]
    fn question_and_exclamation_marks_with_closing_quotes() {
        assert_eq!(
            sentences("Why? \"Because!\" Then 3 more."),
            vec!["Why?", "\"Because!\"", "Then 3 more."]
        );
    }

    #[test]
    fn crlf_paragraphs_split_the_same() {
        assert_eq!(
            sentences("One line.\r\nTwo line. Three."),
            vec!["One line.", "Two line.", "Three."]
        );
    }
}
