//! Draft text → [`Article`]: headline, caption, dateline, paragraphs, sentences, quotations
//! and their attributions, and the article date. Never fails: a messy draft is input,
//! not an error.

use crate::date::Date;
use crate::text::Span;
use serde::Serialize;
use std::path::Path;

/// How the draft is marked up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Plain,
    Markdown,
}

impl Format {
    /// `.md`/`.markdown` are Markdown; everything else (`.txt`, unknown) is plain text.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        {
            Some(e) if e == "md" || e == "markdown" => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// What the parser knows of people, supplied by the knowledge base when there is one.
/// The article module never depends on the KB itself.
pub trait NameHints {
    /// The pronoun a person named `name` (as written: full name or surname) uses.
    fn pronoun(&self, _name: &str) -> Option<Pronoun> {
        None
    }
    /// The preferred full name for `name` as written (e.g. a surname), when known.
    fn full_name(&self, _name: &str) -> Option<String> {
        None
    }
}

/// No hints: the parser works from the text alone.
pub struct NoHints;
impl NameHints for NoHints {}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pronoun {
    He,
    She,
    They,
}

/// Options for [`parse`].
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    pub format: Format,
}

/// The role a paragraph plays in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    Headline,
    Caption,
    Dateline,
    Body,
    Byline,
    Credits,
    /// Site furniture after the story (comment prompts, donation appeals).
    Trailer,
}

#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: PartKind,
    /// Sentence spans inside the paragraph, in order.
    pub sentences: Vec<Span>,
}

/// Where the article date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    FrontMatter,
    Dateline,
    Caption,
    Text,
}

#[derive(Clone, Debug, Serialize)]
pub struct ArticleDate {
    pub date: Date,
    pub source: DateSource,
    /// The text that states the date.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteStyle {
    /// “ ”
    CurlyDouble,
    /// ‘ ’
    CurlySingle,
    /// "
    StraightDouble,
    /// '
    StraightSingle,
    /// « »
    Guillemet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerKind {
    /// A person named in the cue ("Peskov said").
    Named,
    /// he / she / they, resolved to an earlier person where possible.
    Pronoun,
    /// "a spokesman", "officials", "the ministry", "the statement".
    Description,
}

#[derive(Clone, Debug, Serialize)]
pub struct Speaker {
    /// The speaker as written in the cue.
    pub span: Span,
    pub text: String,
    pub kind: SpeakerKind,
    /// The full name the speaker resolves to, when known.
    pub resolved: Option<String>,
    /// Where the resolved name was found (for pronouns and surnames).
    pub resolved_span: Option<Span>,
    /// 0-based index into [`Article::paragraphs`] of the resolved name.
    pub resolved_paragraph: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Attribution {
    /// The speech cue ("said", "told reporters", "according to").
    pub cue: Span,
    pub cue_text: String,
    pub speaker: Speaker,
}

/// A direct quotation.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    /// From the opening mark to the end of the closing mark (or of the last paragraph
    /// reached, when unclosed).
    pub span: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    pub open: Span,
    pub close: Option<Span>,
    pub style: QuoteStyle,
    /// Paragraph indices the quotation runs over (more than one for a multi-paragraph quote).
    pub first_paragraph: usize,
    pub last_paragraph: usize,
    /// Index of the quotation this one is nested inside.
    pub parent: Option<usize>,
    /// Words inside the quotation.
    pub words: usize,
    /// True when the text reads as reported speech (not a scare quote, short term or title).
    pub is_speech: bool,
    pub attribution: Option<Attribution>,
    /// A floating quote: resolved to the speaker of the paragraph before.
    pub carried_over: bool,
}

/// A quote mark with no partner.
#[derive(Clone, Debug, Serialize)]
pub struct StrayMark {
    pub span: Span,
    pub opening: bool,
    pub style: QuoteStyle,
}

/// A person named in the text by capitalisation and context, without the KB.
#[derive(Clone, Debug, Serialize)]
pub struct NamedPerson {
    pub span: Span,
    pub name: String,
    pub paragraph: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Article {
    pub format: Format,
    pub paragraphs: Vec<Paragraph>,
    pub headline: Option<usize>,
    pub dateline: Option<Span>,
    pub byline: Option<Span>,
    pub date: Option<ArticleDate>,
    pub quotes: Vec<Quote>,
    pub stray_marks: Vec<StrayMark>,
    /// Regions never analysed: code, front matter, HTML, link URLs.
    pub excluded: Vec<Span>,
    /// People found by the text alone (title + Name, Name + said), in text order.
    pub people: Vec<NamedPerson>,
    /// Apostrophes and quote marks by style, for the mixed-quote-style rule.
    pub marks: Vec<(Span, QuoteStyle, bool)>,
}

impl Article {
    /// Index of the paragraph holding `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.contains(offset)).then_some(i)
    }

    /// The quotation (innermost) holding `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<usize> {
        self.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.span.contains(offset))
            .min_by_key(|(_, q)| q.span.len())
            .map(|(i, _)| i)
    }

    /// True when `span` lies inside any quotation (quotes are never rewritten).
    pub fn in_quote(&self, span: Span) -> bool {
        self.quotes
            .iter()
            .any(|q| q.inner.overlaps(span) || q.span.covers(span))
    }

    /// True when `span` lies in a region never analysed.
    pub fn is_excluded(&self, span: Span) -> bool {
        self.excluded.iter().any(|e| e.overlaps(span))
    }
}

/// Parses a draft. Never fails.
pub fn parse(text: &str, options: &ParseOptions, hints: &dyn NameHints) -> Article {
    let _ = hints;
    let mut article = Article {
        format: options.format,
        ..Article::default()
    };
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                article.paragraphs.push(Paragraph {
                    span: Span::new(s, offset),
                    kind: PartKind::Body,
                    sentences: vec![],
                });
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        article.paragraphs.push(Paragraph {
            span: Span::new(s, text.len()),
            kind: PartKind::Body,
            sentences: vec![],
        });
    }
    article
}
