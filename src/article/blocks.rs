//! Splitting a plain-text draft into blocks (paragraph candidates), finding front matter,
//! and the regions never analysed in any format: HTML comments and tags, bare URLs.

use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

/// One line: where it starts, where its content ends (before `\n`, `\r\n` or a lone `\r`),
/// and where the next line starts.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// Lines of `text[from..to]`, ending at `\n`, `\r\n` or a lone `\r`.
pub fn lines(text: &str, from: usize, to: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let to = to.min(bytes.len());
    let mut out = Vec::new();
    let mut start = from;
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'\n' => {
                out.push(Line {
                    start,
                    end: i,
                    next: i + 1,
                });
                start = i + 1;
            }
            b'\r' => {
                let next = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                out.push(Line {
                    start,
                    end: i,
                    next,
                });
                i = next - 1;
                start = next;
            }
            _ => {}
        }
        i += 1;
    }
    if start < to {
        out.push(Line {
            start,
            end: to,
            next: to,
        });
    }
    out
}

/// The span with surrounding whitespace removed (still on char boundaries).
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    Span::new(span.start + lead, span.start + lead + trimmed.len())
}

/// Front matter: YAML between `---` lines or TOML between `+++` lines at the very start.
/// Returns the whole block's span (fences included) and the inner span.
pub fn front_matter(text: &str) -> Option<(Span, Span)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let ls = lines(text, start, text.len());
    let first = ls.first()?;
    let fence = text[first.start..first.end].trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    for l in ls.iter().skip(1) {
        let t = text[l.start..l.end].trim_end();
        if t == fence || (fence == "---" && t == "...") {
            return Some((
                Span::new(first.start, l.end),
                Span::new(first.next, l.start),
            ));
        }
    }
    None
}

/// Blocks of a plain-text draft between `from` and the end: runs of non-blank lines.
/// A draft with no blank line at all is read one paragraph per line; a first block whose
/// first line reads as a headline (short, no closing full stop) gives that line its own
/// block.
pub fn plain_blocks(text: &str, from: usize) -> Vec<Span> {
    let ls = lines(text, from, text.len());
    // A line holding only an HTML comment (a `copydesk-disable` directive) separates
    // blocks like a blank line, as it does in Markdown, so it never joins the headline.
    let blank = |l: &Line| {
        let t = text[l.start..l.end].trim();
        t.is_empty() || is_comment_line(t)
    };
    let any_blank_between = {
        let first = ls.iter().position(|l| !blank(l));
        let last = ls.iter().rposition(|l| !blank(l));
        match (first, last) {
            (Some(f), Some(e)) => ls[f..=e].iter().any(blank),
            _ => false,
        }
    };
    let mut out = Vec::new();
    if !any_blank_between {
        for l in ls.iter().filter(|l| !blank(l)) {
            out.push(trim_span(text, Span::new(l.start, l.end)));
        }
        return out;
    }
    let mut cur: Option<(usize, usize, usize)> = None; // start, end, line count
    for l in &ls {
        if blank(l) {
            if let Some((s, e, _)) = cur.take() {
                out.push(trim_span(text, Span::new(s, e)));
            }
        } else {
            cur = Some(match cur {
                None => (l.start, l.end, 1),
                Some((s, _, n)) => (s, l.end, n + 1),
            });
            if out.is_empty() {
                if let Some((s, e, 2)) = cur {
                    // The first two lines of the first block: split off a headline line.
                    let first_line = trim_span(text, Span::new(s, ls_end_of_first(text, s)));
                    if looks_like_headline(first_line.slice(text)) {
                        out.push(first_line);
                        cur = Some((l.start, e, 1));
                    }
                }
            }
        }
    }
    if let Some((s, e, _)) = cur {
        out.push(trim_span(text, Span::new(s, e)));
    }
    out.retain(|s| !s.is_empty());
    out
}

fn ls_end_of_first(text: &str, start: usize) -> usize {
    text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i)
}

/// Short, with no closing full stop: a headline rather than the start of a paragraph.
pub fn looks_like_headline(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if !(1..=25).contains(&words) || t.ends_with(',') {
        return false;
    }
    // A final full stop ends a sentence, unless the line is in headline case (copy
    // exported from a site or an archive often adds one: `Obama Power Plant Rules Face
    // Key Test.`).
    !t.ends_with('.') || is_headline_case(t)
}

/// Headline case: at least three words, and nearly every word of four letters or more
/// capitalised.
fn is_headline_case(t: &str) -> bool {
    let long: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capital = long
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_numeric()))
        .count();
    t.split_whitespace().count() >= 3 && long.len() >= 2 && capital * 10 >= long.len() * 9
}

#[cfg(test)]
#[test]
fn a_headline_case_line_is_a_headline_even_with_a_full_stop() {
    assert!(looks_like_headline(
        "Obama Power Plant Rules Face Key Test In U.S. Court."
    ));
    assert!(looks_like_headline(
        "Russia sets out security demands at NATO meeting"
    ));
    assert!(!looks_like_headline(
        "Hillary Clinton needs to sell herself and tell more."
    ));
    assert!(!looks_like_headline("Talks began."));
}

static HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--.*?(?:-->|\z)|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
        .expect("static regex")
});
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b(?:https?://|www\.)[^\s<>"“”«»]+"#).expect("static regex"));

/// `<!-- … -->` alone (one comment, nothing around it).
fn is_comment_line(t: &str) -> bool {
    t.starts_with("<!--") && t.ends_with("-->") && t.find("-->") == Some(t.len() - 3)
}

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?(?:-->|\z)").expect("static regex"));

/// The HTML comments in `text[from..]` that lie outside `code` (Markdown code blocks and
/// spans, where `<!--` is only text), in text order.
pub fn comments(text: &str, from: usize, code: &[Span]) -> Vec<Span> {
    let Some(hay) = text.get(from..) else {
        return Vec::new();
    };
    COMMENT
        .find_iter(hay)
        .map(|m| Span::new(from + m.start(), from + m.end()))
        .filter(|c| !code.iter().any(|k| k.overlaps(*c)))
        .collect()
}

/// HTML comments and tags, and bare URLs, anywhere in `text[from..]`.
pub fn html_and_urls(text: &str, from: usize, out: &mut Vec<Span>) {
    let Some(hay) = text.get(from..) else {
        return;
    };
    for m in HTML.find_iter(hay) {
        out.push(Span::new(from + m.start(), from + m.end()));
    }
    for m in URL.find_iter(hay) {
        // A URL ends before trailing sentence punctuation.
        let s = m.as_str();
        let trimmed = s.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '’', '\'']);
        out.push(Span::new(
            from + m.start(),
            from + m.start() + trimmed.len(),
        ));
    }
}

/// Sorts and merges overlapping spans.
pub fn merge(spans: &mut Vec<Span>) {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    *spans = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn a_line_holding_only_a_comment_separates_blocks() {
        let t = "<!-- copydesk-disable-next-line title-variant -->\nHeadline here\n\nFirst para.\n<!-- c -->\nSecond para <!-- inline --> goes on.";
        assert_eq!(
            slices(t, &plain_blocks(t, 0)),
            vec![
                "Headline here",
                "First para.",
                "Second para <!-- inline --> goes on."
            ]
        );
    }

    #[test]
    fn comments_are_found_outside_code_only() {
        let t = "a <!-- one --> b `<!-- code -->` <!-- two";
        let code = [Span::new(t.find('`').unwrap(), t.rfind('`').unwrap() + 1)];
        assert_eq!(
            slices(t, &comments(t, 0, &code)),
            vec!["<!-- one -->", "<!-- two"]
        );
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let t = "a\r\nb\rc\nd";
        let ls = lines(t, 0, t.len());
        let got: Vec<&str> = ls.iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(got, vec!["a", "b", "c", "d"]);
    }

    #[test]
    fn blank_lines_separate_blocks_in_crlf_text() {
        let t = "Headline here\r\n\r\nFirst para\r\nstill first.\r\n  \r\nSecond.";
        assert_eq!(
            slices(t, &plain_blocks(t, 0)),
            vec!["Headline here", "First para\r\nstill first.", "Second."]
        );
    }

    #[test]
    fn a_headline_line_glued_to_the_first_paragraph_is_split_off() {
        let t = "Talks fail in Geneva\nGENEVA (AP) — The talks failed.\n\nMore.";
        assert_eq!(
            slices(t, &plain_blocks(t, 0)),
            vec![
                "Talks fail in Geneva",
                "GENEVA (AP) — The talks failed.",
                "More."
            ]
        );
    }

    #[test]
    fn text_without_blank_lines_is_one_paragraph_per_line() {
        let t = "Headline\nFirst.\nSecond.";
        assert_eq!(
            slices(t, &plain_blocks(t, 0)),
            vec!["Headline", "First.", "Second."]
        );
    }

    #[test]
    fn front_matter_yaml_and_toml() {
        let t = "---\ndate: 2022-01-12\n---\nBody";
        let (all, inner) = front_matter(t).unwrap();
        assert_eq!(all.slice(t), "---\ndate: 2022-01-12\n---");
        assert_eq!(inner.slice(t), "date: 2022-01-12\n");
        assert!(front_matter("+++\ndate = 2022-01-12\n+++\n").is_some());
        assert!(front_matter("--- no\n").is_none());
        assert!(front_matter("---\nunclosed").is_none());
    }

    #[test]
    fn html_comments_tags_and_urls_are_found() {
        let t = "a <!-- “x” --> b <em>c</em> see https://example.com/x?q=“y”. Done";
        let mut out = vec![];
        html_and_urls(t, 0, &mut out);
        merge(&mut out);
        assert_eq!(
            slices(t, &out),
            vec!["<!-- “x” -->", "<em>", "</em>", "https://example.com/x?q="]
        );
    }
}
