//! The parts of a story: which block is the headline, a photo caption, the dateline, body,
//! byline, contributor credits, or site furniture (trailer) after the story.

use super::{Paragraph, Part, PartKind};
use crate::memo::SliceMemo;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

/// `BRUSSELS, Jan 12 (Reuters) -`, `LONDON, 12 January 2022 (Reuters) -`, `WASHINGTON (AP) —`,
/// `LONDON —`, `KYIV, Ukraine (AP) —`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]+)*",
        r"(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?",
        r"(?:,?[ \t]*(?P<date>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?",
        r"|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]+\d{4})?))?",
        r"[ \t]*(?:\([A-Za-z][A-Za-z .&/\-]{0,30}\))?[ \t]*(?:--?|—|–)(?:[ \t]+|$)"
    ))
    .expect("static regex")
});

/// Photo agency credits and caption labels.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:EPA(?:-EFE)?|REUTERS|Reuters|AFP|ANP|DPA|dpa|Xinhua|TASS|Getty Images|POOL|Pool)[ \t]*/[ \t]*[A-Z]",
        r"|\(AP Photo/|\bAP Photo/|\bAFP via Getty Images\b",
        r"|^(?:Photo|Picture|Image|Caption|File photo)s?[ \t]*:",
        r"|\((?:Photo|Picture|Image)s?[ \t]*:",
        r"|^(?:epa|EPA)\d{6,}\b"
    ))
    .expect("static regex")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by)[ \t]+[A-Z][\p{L}.'’\-]*(?:[ \t]+(?:[A-Z][\p{L}.'’\-]*|and|de|van|von|der|al|bin|&))*(?:[ \t]*,[ \t]*[\p{L} .]+)?[ \t]*$",
    )
    .expect("static regex")
});

static CREDITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?[ \t]*(?:additional[ \t]+)?(?:reporting|writing|editing|compiled|reported|written|edited|graphics|photos?)\b[^\n]{0,400}?\bby\b",
    )
    .expect("static regex")
});

/// A block to classify: its span and whether Markdown marked it as a heading.
pub struct Input {
    pub span: Span,
    pub heading: bool,
}

pub struct Layout {
    pub paragraphs: Vec<Paragraph>,
    pub headline: Option<usize>,
    pub dateline: Option<Span>,
    /// The date written in the dateline (`Jan 12`), if any.
    pub dateline_date: Option<Span>,
    pub byline: Option<Span>,
    pub parts: Vec<Part>,
}

/// The dateline at the start of `block`, with the date inside it.
pub fn dateline_in(text: &str, block: Span) -> Option<(Span, Option<Span>)> {
    let s = block.slice(text);
    let c = DATELINE.captures(s)?;
    let m = c.get(0)?;
    let raw = &s[..m.end()];
    let end = raw.trim_end().len();
    let date = c
        .name("date")
        .map(|d| Span::new(block.start + d.start(), block.start + d.end()));
    Some((Span::new(block.start, block.start + end), date))
}

pub fn is_photo_credit(s: &str) -> bool {
    PHOTO_CREDIT.is_match(s)
}

/// At most `n` words (without counting a long paragraph to its end).
fn at_most_words(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}

fn is_byline(s: &str) -> bool {
    s.get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("by ") || p.eq_ignore_ascii_case("by\t"))
        && at_most_words(s, 12)
        && BYLINE.is_match(s)
}

fn is_credits(s: &str) -> bool {
    CREDITS.is_match(s) && at_most_words(s, 80)
}

/// Classifies blocks in text order.
/// What a block's own text says it is: byline, credits line, photo credit (bits 0, 1, 2).
/// Read from the block alone, so it is memoised by the block's text.
fn block_flags(s: &str) -> u8 {
    u8::from(is_byline(s)) | u8::from(is_credits(s)) << 1 | u8::from(is_photo_credit(s)) << 2
}

pub fn classify(text: &str, blocks: &[Input], markdown: bool, memo: &mut SliceMemo<u8>) -> Layout {
    let n = blocks.len();
    let mut kinds = vec![PartKind::Body; n];
    let mut headline = None;
    if let Some(first) = blocks.first() {
        let s = first.span.slice(text);
        let single_line = !s.contains(['\n', '\r']);
        let plain_headline = !markdown || !blocks.iter().any(|b| b.heading);
        // A short one-line opener much shorter than what follows is a headline even in
        // sentence case with a full stop (`Clinton sharpens focus on Sanders.` over a
        // 30-word lede), as copy exported from sites and archives writes them.
        // A headline with a deck on a second line (`Clinton takes Pa.; ⏎Sanders vows to
        // press on.`) counts too.
        let lines = s.lines().filter(|l| !l.trim().is_empty()).count();
        let short_opener = || {
            let words = s.split_whitespace().count();
            // The story's first paragraph: the longer of the next two blocks (a label
            // such as `LETTERS.` may sit between).
            let next = blocks
                .iter()
                .skip(1)
                .take(2)
                .map(|b| b.span.slice(text).split_whitespace().count())
                .max()
                .unwrap_or(0);
            let per_line = if lines == 2 { 24 } else { 16 };
            (3..=per_line).contains(&words) && next >= (words + 8).max(words * 3 / 2)
        };
        let two_line_head = lines == 2
            && s.lines()
                .next()
                .is_some_and(|l| l.trim_end().ends_with([';', ':']));
        if first.heading
            || (plain_headline
                && (single_line || two_line_head)
                && (super::blocks::looks_like_headline(s) || short_opener())
                && dateline_in(text, first.span).is_none()
                && !is_byline(s))
        {
            headline = Some(0);
            kinds[0] = PartKind::Headline;
        }
    }
    let top = headline.map_or(0, |h| h + 1);

    // The dateline opens the first story paragraph: look a few blocks in.
    let mut dateline = None;
    let mut dateline_date = None;
    let mut dateline_block = None;
    for (i, b) in blocks.iter().enumerate().skip(top).take(6) {
        if let Some((span, date)) = dateline_in(text, b.span) {
            dateline = Some(span);
            dateline_date = date;
            dateline_block = Some(i);
            break;
        }
    }
    for (i, b) in blocks.iter().enumerate().skip(top) {
        let s = b.span.slice(text);
        let flags = memo.get_or(s, &[], || block_flags(s));
        if flags & 1 != 0 {
            kinds[i] = PartKind::Byline;
        } else if flags & 2 != 0 {
            kinds[i] = PartKind::Credits;
        } else if flags & 4 != 0 || dateline_block.is_some_and(|d| i < d) {
            // Blocks between the headline and the dateline are caption lines.
            kinds[i] = PartKind::Caption;
        }
    }
    if let (Some(d), Some(span)) = (dateline_block, dateline) {
        if span.end >= blocks[d].span.end {
            kinds[d] = PartKind::Dateline;
        }
    }

    // Site furniture: everything after the credits line, or after a byline that closes
    // the story.
    let first_body = kinds.iter().position(|k| *k == PartKind::Body);
    let end_mark = kinds
        .iter()
        .rposition(|k| *k == PartKind::Credits)
        .or_else(|| {
            kinds
                .iter()
                .rposition(|k| *k == PartKind::Byline)
                .filter(|&b| first_body.is_some_and(|f| f < b))
        });
    if let Some(e) = end_mark {
        for k in kinds.iter_mut().skip(e + 1) {
            if matches!(k, PartKind::Body | PartKind::Caption) {
                *k = PartKind::Trailer;
            }
        }
    }

    let byline = kinds
        .iter()
        .position(|k| *k == PartKind::Byline)
        .map(|i| blocks[i].span);
    let paragraphs: Vec<Paragraph> = blocks
        .iter()
        .zip(&kinds)
        .map(|(b, &kind)| Paragraph {
            span: b.span,
            kind,
            sentences: vec![],
        })
        .collect();
    let mut parts: Vec<Part> = Vec::with_capacity(n + 1);
    for (i, p) in paragraphs.iter().enumerate() {
        if Some(i) == dateline_block && p.kind != PartKind::Dateline {
            if let Some(d) = dateline {
                parts.push(Part {
                    kind: PartKind::Dateline,
                    span: d,
                });
            }
        }
        parts.push(Part {
            kind: p.kind,
            span: p.span,
        });
    }
    Layout {
        paragraphs,
        headline,
        dateline,
        dateline_date,
        byline,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Option<&str> {
        dateline_in(s, Span::new(0, s.len())).map(|(d, _)| d.slice(s))
    }

    #[test]
    fn datelines_in_wire_styles() {
        assert_eq!(
            dl("BRUSSELS, Jan 12 (Reuters) - Russia laid out"),
            Some("BRUSSELS, Jan 12 (Reuters) -")
        );
        assert_eq!(
            dl("WASHINGTON (AP) — The Senate"),
            Some("WASHINGTON (AP) —")
        );
        assert_eq!(dl("LONDON — Britain said"), Some("LONDON —"));
        assert_eq!(
            dl("KYIV, Ukraine (AP) — Ukraine said"),
            Some("KYIV, Ukraine (AP) —")
        );
        assert_eq!(
            dl("NEW YORK, Sept. 3 (Reuters) - Stocks"),
            Some("NEW YORK, Sept. 3 (Reuters) -")
        );
        assert_eq!(dl("NATO allies say the talks"), None);
        assert_eq!(dl("Russia — as ever — said"), None);
    }

    #[test]
    fn photo_credits_mark_captions() {
        assert!(is_photo_credit(
            "Talks in Brussels. EPA-EFE/OLIVIER HOSLET / POOL"
        ));
        assert!(is_photo_credit("A soldier in Kyiv. REUTERS/Gleb Garanich"));
        assert!(is_photo_credit("Troops march. (AP Photo/Efrem Lukatsky)"));
        assert!(is_photo_credit("Photo: Jane Doe"));
        assert!(!is_photo_credit(
            "The photo was taken on Tuesday by a reporter."
        ));
    }

    #[test]
    fn bylines_and_credits() {
        assert!(is_byline("By Robin Emmott"));
        assert!(is_byline("By Robin Emmott and Sabine Siebold"));
        assert!(!is_byline(
            "By Tuesday the talks had failed and nobody was happy about it."
        ));
        assert!(is_credits(
            "(Additional reporting by Francois Murphy in Vienna; editing by Philippa Fletcher)"
        ));
        assert!(is_credits("Reporting by Jane Doe; Editing by John Roe"));
        assert!(!is_credits("Reporting on the war is dangerous."));
    }

    #[test]
    fn story_after_headline_caption_dateline_then_byline_credits_trailer() {
        let t = "Talks fail\n\nA caption line, 12 January 2022.\n\nGENEVA (Reuters) - Talks failed.\n\nMore talks.\n\nBy Jane Doe\n\n(Editing by John Roe)\n\nSubscribe now!";
        let blocks: Vec<Input> = super::super::blocks::plain_blocks(t, 0)
            .into_iter()
            .map(|span| Input {
                span,
                heading: false,
            })
            .collect();
        let l = classify(t, &blocks, false, &mut SliceMemo::off());
        let kinds: Vec<PartKind> = l.paragraphs.iter().map(|p| p.kind).collect();
        use PartKind::*;
        assert_eq!(
            kinds,
            vec![Headline, Caption, Body, Body, Byline, Credits, Trailer]
        );
        assert_eq!(l.dateline.map(|d| d.slice(t)), Some("GENEVA (Reuters) -"));
        assert_eq!(l.byline.map(|d| d.slice(t)), Some("By Jane Doe"));
        assert!(l.parts.iter().any(|p| p.kind == Dateline));
    }
}
