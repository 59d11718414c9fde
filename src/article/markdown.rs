//! Markdown drafts: leaf blocks (paragraphs, headings, tight list items) with their byte
//! ranges, and the regions never analysed (code, HTML, link and image URLs), from
//! pulldown-cmark's offset iterator.

use crate::text::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A leaf block: the span from its first to its last inline content, and whether it is a
/// heading.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub span: Span,
    pub heading: bool,
}

struct Frame {
    heading: bool,
    start: usize,
    end: usize,
}

/// Parses `text[from..]` (after any front matter). Code (blocks and spans) is pushed to
/// `code` as well as `excluded`: an HTML comment inside code is text, not a comment.
pub fn blocks(
    text: &str,
    from: usize,
    excluded: &mut Vec<Span>,
    code: &mut Vec<Span>,
) -> Vec<Block> {
    let Some(src) = text.get(from..) else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    // Inline link/image starts, to cut out the `](url)` part at their end.
    let mut links: Vec<(usize, usize)> = Vec::new(); // (link start, last child end)
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        let span = Span::new(from + range.start, from + range.end);
        let inline = |span: Span, frames: &mut Vec<Frame>, links: &mut Vec<(usize, usize)>| {
            if let Some(f) = frames.last_mut() {
                if f.start == usize::MAX {
                    f.start = span.start;
                }
                f.end = f.end.max(span.end);
            }
            if let Some(l) = links.last_mut() {
                l.1 = l.1.max(span.end);
            }
        };
        match event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => frames.push(Frame {
                heading: false,
                start: usize::MAX,
                end: 0,
            }),
            Event::Start(Tag::Heading { .. }) => frames.push(Frame {
                heading: true,
                start: usize::MAX,
                end: 0,
            }),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
            ) => {
                if let Some(f) = frames.pop() {
                    if f.start < f.end {
                        out.push(Block {
                            span: Span::new(f.start, f.end),
                            heading: f.heading,
                        });
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                excluded.push(span);
                code.push(span);
            }
            Event::Start(Tag::HtmlBlock | Tag::MetadataBlock(_)) => excluded.push(span),
            Event::Start(Tag::Link { .. }) => links.push((span.start, span.start)),
            Event::End(TagEnd::Link) => {
                if let Some((start, child_end)) = links.pop() {
                    // Autolinks have the URL as their text: exclude the whole link.
                    let cut = if child_end > start { child_end } else { start };
                    let link_text = Span::new(start, cut).slice(text);
                    let cut = if link_text.contains("://") || link_text.starts_with('<') {
                        start
                    } else {
                        cut
                    };
                    excluded.push(Span::new(cut, span.end));
                    inline(Span::new(start, span.end), &mut frames, &mut links);
                }
            }
            Event::Start(Tag::Image { .. }) => {
                excluded.push(span);
                inline(span, &mut frames, &mut links);
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                excluded.push(span);
                code.push(span);
                inline(span, &mut frames, &mut links);
            }
            Event::Html(_) | Event::InlineHtml(_) => excluded.push(span),
            Event::Text(_) | Event::SoftBreak | Event::HardBreak | Event::FootnoteReference(_) => {
                inline(span, &mut frames, &mut links)
            }
            _ => {}
        }
    }
    // Blocks come out innermost-first when nested (an item holding a paragraph): keep
    // them in text order and drop any block that contains another.
    out.sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    let mut kept: Vec<Block> = Vec::with_capacity(out.len());
    for b in out {
        if let Some(last) = kept.last() {
            if last.span.covers(b.span) {
                kept.pop();
            }
        }
        kept.push(b);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> (Vec<&str>, Vec<&str>) {
        let mut ex = vec![];
        let bs = blocks(t, 0, &mut ex, &mut vec![]);
        (
            bs.iter().map(|b| b.span.slice(t)).collect(),
            ex.iter().map(|s| s.slice(t)).collect(),
        )
    }

    #[test]
    fn headings_paragraphs_and_items_are_blocks_without_markup() {
        let (b, _) = run("# ‘No ultimatums’\n\nFirst *para*.\n\n- item one\n- item two\n");
        assert_eq!(
            b,
            vec!["‘No ultimatums’", "First *para*.", "item one", "item two"]
        );
    }

    #[test]
    fn code_html_and_link_urls_are_excluded() {
        let t = "Text `“code”` and [link](http://x.org/“y”).\n\n```\n“fenced”\n```\n\n<div>“html”</div>\n";
        let (b, ex) = run(t);
        assert_eq!(b, vec!["Text `“code”` and [link](http://x.org/“y”)."]);
        assert!(ex.contains(&"`“code”`"));
        assert!(ex.contains(&"](http://x.org/“y”)"));
        assert!(ex.iter().any(|e| e.contains("“fenced”")));
        assert!(ex.iter().any(|e| e.contains("“html”")));
    }

    #[test]
    fn loose_list_items_give_their_paragraphs_once() {
        let (b, _) = run("- one\n\n- two\n");
        assert_eq!(b, vec!["one", "two"]);
    }
}
