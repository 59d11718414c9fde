//! Quotation marks → quotations. Each mark is read from the characters on either side
//! (an apostrophe in `Russia’s`, `isn’t`, `’90s`, `rock ’n’ roll`; an opening or closing
//! mark otherwise), then marks are paired with a stack per paragraph. A quotation left open
//! at the end of a paragraph continues when the next paragraph opens with a mark of the
//! same family (the wire convention for multi-paragraph quotes); otherwise the opening
//! mark is stray, as is a closing mark with nothing to close.

use super::words::count_words;
use super::{Paragraph, Quote, QuoteStyle, StrayMark};
use crate::memo::{relative_spans, SliceMemo};
use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight double quote between two words: opens or closes by context.
    Either,
    /// After a letter and before a non-letter (`allies’ `, `ultimatums’:`): closes an open
    /// single quotation, else is a plural-possessive apostrophe.
    CloseOrApostrophe,
    Apostrophe,
}

fn family(style: QuoteStyle) -> Family {
    match style {
        QuoteStyle::CurlyDouble | QuoteStyle::StraightDouble => Family::Double,
        QuoteStyle::CurlySingle | QuoteStyle::StraightSingle => Family::Single,
        QuoteStyle::Guillemet => Family::Guillemet,
    }
}

/// Elisions written with a leading apostrophe: ’em, ’til, ’tis, ’twas, ’cause, ’n’.
fn is_elision_after(rest: &str) -> bool {
    let len = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = rest[..len].to_lowercase();
    let after = rest[len..].chars().next();
    match word.as_str() {
        "n" => matches!(after, Some('’' | '\'' | ' ') | None),
        "em" | "til" | "tis" | "twas" | "cause" | "bout" | "round" => {
            !after.is_some_and(char::is_alphabetic)
        }
        _ => false,
    }
}

fn classify(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    rest: &str,
) -> Option<(QuoteStyle, Role)> {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let space_or_start = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/'))
    };
    let space_or_end = |c: Option<char>| c.is_none_or(|c| c.is_whitespace());
    Some(match c {
        '“' | '„' => (QuoteStyle::CurlyDouble, Role::Open),
        '”' => {
            // A right mark typed where a left one belongs (`” We`) still opens.
            let role = if space_or_start(prev) && alnum(next) {
                Role::Open
            } else {
                Role::Close
            };
            (QuoteStyle::CurlyDouble, role)
        }
        '«' => (QuoteStyle::Guillemet, Role::Open),
        '»' => (QuoteStyle::Guillemet, Role::Close),
        '‘' => {
            let role = if digit(next) || is_elision_after(rest) || (alnum(prev) && alnum(next)) {
                Role::Apostrophe
            } else {
                Role::Open
            };
            (QuoteStyle::CurlySingle, role)
        }
        '’' | '\'' => {
            let style = if c == '’' {
                QuoteStyle::CurlySingle
            } else {
                QuoteStyle::StraightSingle
            };
            let role = if (alnum(prev) && alnum(next))
                || (!alnum(prev) && (digit(next) || is_elision_after(rest)))
            {
                Role::Apostrophe
            } else if space_or_start(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                Role::Open
            } else if alnum(prev) {
                Role::CloseOrApostrophe
            } else if prev.is_some() {
                Role::Close
            } else {
                Role::Open
            };
            (style, role)
        }
        '"' => {
            let role = if space_or_start(prev) && !space_or_end(next) {
                Role::Open
            } else if !space_or_start(prev)
                && (space_or_end(next) || next.is_some_and(|n| n.is_ascii_punctuation()))
            {
                Role::Close
            } else {
                Role::Either
            };
            (QuoteStyle::StraightDouble, role)
        }
        _ => return None,
    })
}

#[derive(Clone, Copy)]
/// A quote mark or apostrophe found in a paragraph, before pairing.
pub struct Mark {
    span: Span,
    style: QuoteStyle,
    role: Role,
}

/// The marks of one paragraph, computed on the paragraph alone (memoised by its text and
/// the excluded regions inside it).
fn marks_of(
    text: &str,
    para: Span,
    excluded: &[Span],
    memo: &mut SliceMemo<Vec<Mark>>,
) -> Vec<Mark> {
    let (key, local) = relative_spans(excluded, para);
    let slice = para.slice(text);
    let mut marks = memo.get_or(slice, &key, || {
        scan_marks(slice, Span::new(0, slice.len()), &local)
    });
    for m in &mut marks {
        m.span = m.span.shift(para.start);
    }
    marks
}

fn scan_marks(text: &str, para: Span, excluded: &[Span]) -> Vec<Mark> {
    let s = para.slice(text);
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut ex = excluded.partition_point(|e| e.end <= para.start);
    // Every mark is `'`, `"`, or a UTF-8 sequence led by 0xE2 (“ ” „ ‘ ’) or 0xC2 (« »):
    // look at those bytes only and decode around them.
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'\'' | b'"' | 0xE2 | 0xC2) || !s.is_char_boundary(i) {
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            continue;
        };
        if !super::QUOTE_MARKS.contains(&c) {
            continue;
        }
        let at = para.start + i;
        while ex < excluded.len() && excluded[ex].end <= at {
            ex += 1;
        }
        if ex < excluded.len() && excluded[ex].contains(at) {
            continue;
        }
        let rest = &s[i + c.len_utf8()..];
        let prev = s[..i].chars().next_back();
        let next = rest.chars().next();
        if let Some((style, role)) = classify(c, prev, next, rest) {
            out.push(Mark {
                span: Span::new(at, at + c.len_utf8()),
                style,
                role,
            });
        }
    }
    out
}

/// What [`find`] returns.
pub struct Found {
    pub quotes: Vec<Quote>,
    pub stray: Vec<StrayMark>,
    pub marks: Vec<(Span, QuoteStyle, bool)>,
}

fn new_quote(open: &Mark, para: usize, parent: Option<usize>) -> Quote {
    Quote {
        span: open.span,
        inner: Span::new(open.span.end, open.span.end),
        open: open.span,
        close: None,
        style: open.style,
        first_paragraph: para,
        last_paragraph: para,
        parent,
        words: 0,
        is_speech: true,
        attribution: None,
        carried_over: false,
        reopen: vec![],
    }
}

/// Finds every quotation, stray mark and apostrophe in the paragraphs. `excluded` is
/// sorted and merged.
pub fn find(
    text: &str,
    paragraphs: &[Paragraph],
    excluded: &[Span],
    memo: &mut SliceMemo<Vec<Mark>>,
) -> Found {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut stray = Vec::new();
    let mut marks_out = Vec::new();
    // A quotation carried over from the paragraph before (index into `quotes`).
    let mut carried: Option<usize> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let marks = marks_of(text, para.span, excluded, memo);
        // Stack of (quote index, family).
        let mut stack: Vec<(usize, Family)> = Vec::new();
        let mut first = true;
        for m in &marks {
            let fam = family(m.style);
            let mut role = m.role;
            if first {
                first = false;
                if let Some(q) = carried.take() {
                    let starts_para = text[para.span.start..m.span.start].trim().is_empty();
                    if starts_para
                        && matches!(role, Role::Open | Role::Either)
                        && family(quotes[q].style) == fam
                    {
                        quotes[q].reopen.push(m.span);
                        quotes[q].last_paragraph = pi;
                        stack.push((q, fam));
                        marks_out.push((m.span, m.style, false));
                        continue;
                    }
                    // Not continued after all: the earlier opening mark is stray.
                    stray.push(StrayMark {
                        span: quotes[q].open,
                        opening: true,
                        style: quotes[q].style,
                    });
                }
            }
            match role {
                Role::Either => {
                    role = if stack.last().is_some_and(|&(_, f)| f == fam) {
                        Role::Close
                    } else {
                        Role::Open
                    };
                }
                Role::CloseOrApostrophe => {
                    role = if stack.iter().any(|&(_, f)| f == fam) {
                        Role::Close
                    } else {
                        Role::Apostrophe
                    };
                }
                _ => {}
            }
            match role {
                Role::Apostrophe => marks_out.push((m.span, m.style, true)),
                Role::Open => {
                    marks_out.push((m.span, m.style, false));
                    let parent = stack.last().map(|&(q, _)| q);
                    quotes.push(new_quote(m, pi, parent));
                    stack.push((quotes.len() - 1, fam));
                }
                _ => {
                    marks_out.push((m.span, m.style, false));
                    match stack.iter().rposition(|&(_, f)| f == fam) {
                        Some(depth) => {
                            // Anything opened inside and never closed is stray.
                            for (q, _) in stack.drain(depth + 1..) {
                                close_unclosed(text, &mut quotes[q], para.span.end);
                                stray.push(StrayMark {
                                    span: quotes[q].open,
                                    opening: true,
                                    style: quotes[q].style,
                                });
                            }
                            if let Some((q, _)) = stack.pop() {
                                let quote = &mut quotes[q];
                                quote.close = Some(m.span);
                                quote.span = Span::new(quote.open.start, m.span.end);
                                quote.inner = Span::new(quote.open.end, m.span.start);
                                quote.last_paragraph = pi;
                                quote.words = count_words(text, quote.inner);
                            }
                        }
                        None => stray.push(StrayMark {
                            span: m.span,
                            opening: false,
                            style: m.style,
                        }),
                    }
                }
            }
        }
        if let Some(q) = carried.take() {
            // A carried quotation met a paragraph with no marks at all.
            stray.push(StrayMark {
                span: quotes[q].open,
                opening: true,
                style: quotes[q].style,
            });
        }
        // Left open: the outermost may continue into the next paragraph.
        let next_continues = |fam: Family| {
            paragraphs.get(pi + 1).is_some_and(|next| {
                let t = next.span.slice(text).trim_start();
                let c = t.chars().next();
                next.kind == para.kind
                    && match fam {
                        Family::Double => matches!(c, Some('“' | '"' | '„')),
                        Family::Single => matches!(c, Some('‘' | '\'')),
                        Family::Guillemet => matches!(c, Some('«')),
                    }
            })
        };
        let mut rest = stack.into_iter();
        if let Some((q, fam)) = rest.next() {
            close_unclosed(text, &mut quotes[q], para.span.end);
            if next_continues(fam) {
                carried = Some(q);
            } else {
                stray.push(StrayMark {
                    span: quotes[q].open,
                    opening: true,
                    style: quotes[q].style,
                });
            }
        }
        for (q, _) in rest {
            close_unclosed(text, &mut quotes[q], para.span.end);
            stray.push(StrayMark {
                span: quotes[q].open,
                opening: true,
                style: quotes[q].style,
            });
        }
    }
    if let Some(q) = carried {
        stray.push(StrayMark {
            span: quotes[q].open,
            opening: true,
            style: quotes[q].style,
        });
    }
    stray.sort_by_key(|s| s.span);
    Found {
        quotes,
        stray,
        marks: marks_out,
    }
}

/// An unclosed quotation runs to the end of the paragraph reached.
fn close_unclosed(text: &str, q: &mut Quote, end: usize) {
    q.span = Span::new(q.open.start, end);
    q.inner = Span::new(q.open.end, end);
    q.words = count_words(text, q.inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::PartKind;

    fn paras(t: &str) -> Vec<Paragraph> {
        super::super::blocks::plain_blocks(t, 0)
            .into_iter()
            .map(|span| Paragraph {
                span,
                kind: PartKind::Body,
                sentences: vec![],
            })
            .collect()
    }

    fn run(t: &str) -> Found {
        find(t, &paras(t), &[], &mut SliceMemo::off())
    }

    fn inners(t: &str) -> Vec<&str> {
        run(t).quotes.iter().map(|q| q.inner.slice(t)).collect()
    }

    #[test]
    fn curly_straight_and_guillemet_quotes_pair() {
        let t = "“We are ready,” he said. \"Not yet,\" she said. «Jamais», dit-il.";
        assert_eq!(inners(t), vec!["We are ready,", "Not yet,", "Jamais"]);
        assert!(run(t).stray.is_empty());
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let t = "Russia’s demands isn’t new, the ’90s rock ’n’ roll era, the Alliance's and allies’ plans, don't.";
        let f = run(t);
        assert!(f.quotes.is_empty(), "{:?}", inners(t));
        assert!(f.stray.is_empty());
        assert_eq!(f.marks.iter().filter(|m| m.2).count(), 8);
    }

    #[test]
    fn single_quote_as_quote_mark_in_a_headline() {
        let t = "‘No ultimatums’: Russia sets out demands";
        assert_eq!(inners(t), vec!["No ultimatums"]);
        let t = "'No ultimatums': Russia’s demands";
        assert_eq!(inners(t), vec!["No ultimatums"]);
    }

    #[test]
    fn nested_quotes_have_a_parent_and_ellipses_do_not_matter() {
        let t = "“He told me ‘we won’ … and left,” she said.";
        let f = run(t);
        assert_eq!(f.quotes.len(), 2);
        assert_eq!(f.quotes[1].inner.slice(t), "we won");
        assert_eq!(f.quotes[1].parent, Some(0));
        assert!(f.stray.is_empty());
    }

    #[test]
    fn multi_paragraph_quote_is_one_quotation() {
        let t = "“We will stay.\n\n“We will not leave,” he said.\n\nAfter.";
        let f = run(t);
        assert_eq!(f.quotes.len(), 1, "{:?}", inners(t));
        let q = &f.quotes[0];
        assert_eq!((q.first_paragraph, q.last_paragraph), (0, 1));
        assert_eq!(q.reopen.len(), 1);
        assert!(q.close.is_some());
        assert!(f.stray.is_empty());
    }

    #[test]
    fn unclosed_and_unopened_marks_are_stray() {
        let t = "“We will stay, he said.\n\nThen he left.";
        let f = run(t);
        assert_eq!(f.stray.len(), 1);
        assert!(f.stray[0].opening);
        assert_eq!(f.stray[0].span.start, 0);
        assert_eq!(f.quotes[0].close, None);

        let t = "He left.” Then nothing.";
        let f = run(t);
        assert_eq!(f.stray.len(), 1);
        assert!(!f.stray[0].opening);
    }

    #[test]
    fn an_open_quote_followed_by_an_unquoted_paragraph_is_stray() {
        let t = "“We will stay.\n\nHe left.\n\n“Fine,” she said.";
        let f = run(t);
        assert_eq!(f.stray.len(), 1);
        assert_eq!(f.stray[0].span.start, 0);
        assert_eq!(inners(t)[1], "Fine,");
    }

    #[test]
    fn marks_in_excluded_regions_are_ignored() {
        let t = "Code `“x` here.";
        let s = t.find('`').unwrap();
        let e = t.rfind('`').unwrap() + 1;
        let f = find(t, &paras(t), &[Span::new(s, e)], &mut SliceMemo::off());
        assert!(f.quotes.is_empty());
        assert!(f.stray.is_empty());
    }
}
