//! Draft text → [`Article`]: headline, caption, dateline, paragraphs, sentences, quotations
//! and their attributions, and the article date. Never fails: a messy draft is input,
//! not an error.

mod attribution;
pub mod blocks;
mod dates;
mod markdown;
pub mod quotes;
pub mod sentences;
pub mod speakers;
mod structure;
pub mod words;

#[cfg(test)]
mod tests;

use crate::date::Date;
use crate::memo::SliceMemo;
use crate::text::{Span, SpanIndex};
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

/// Every character the parser reads as a quotation mark or apostrophe (German-style „
/// opens a double quotation). One list, so "is this only a mark?" means the same to the
/// parser, the fix loop and the invariants.
pub const QUOTE_MARKS: &[char] = &['“', '”', '„', '«', '»', '‘', '’', '\'', '"'];

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

/// A part of the story with its byte range: every paragraph, plus the dateline inside the
/// first body paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    pub kind: PartKind,
    pub span: Span,
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
    /// The opening marks that restart a multi-paragraph quotation in each later paragraph.
    pub reopen: Vec<Span>,
}

impl Quote {
    /// A scare quote or short term: fewer than `min_words` words and no sentence
    /// punctuation inside (`“constructive”`, `“special military operation”`).
    pub fn is_short_term(&self, text: &str, min_words: usize) -> bool {
        let inner = self.inner.slice(text).trim();
        let sentence_punct = inner.ends_with(['.', '!', '?', '…'])
            || inner.contains(". ")
            || inner.contains("! ")
            || inner.contains("? ");
        self.words < min_words && !sentence_punct
    }
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
    /// Named as the subject of a speech verb (`Dmitry Peskov said`).
    pub said: bool,
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
    /// HTML comments outside code and front matter, in text order: where
    /// `copydesk-disable` directives live (see `lint::suppress`).
    pub comments: Vec<Span>,
    /// People found by the text alone (title + Name, Name + said), in text order.
    pub people: Vec<NamedPerson>,
    /// Apostrophes and quote marks by style, for the mixed-quote-style rule; the bool is
    /// true for an apostrophe. In text order.
    pub marks: Vec<(Span, QuoteStyle, bool)>,
    /// Every part with its byte range, in text order (for `annotate` and the outline).
    pub parts: Vec<Part>,
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

    /// The words inside quotations, in order, with the quotation marks and apostrophes
    /// left out: the text under the union of every quotation's inner span (nesting counts
    /// once). `--fix` checks it is unchanged by each round of fixes.
    pub fn quoted_words(&self, text: &str) -> String {
        let mut spans: Vec<Span> = self.quotes.iter().map(|q| q.inner).collect();
        spans.sort();
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
                _ => merged.push(s),
            }
        }
        merged
            .iter()
            .flat_map(|s| s.slice(text).chars())
            .filter(|c| !QUOTE_MARKS.contains(c))
            .collect()
    }

    /// True when `span` lies in a region never analysed.
    pub fn is_excluded(&self, span: Span) -> bool {
        self.excluded.iter().any(|e| e.overlaps(span))
    }

    /// An index answering [`Article::in_quote`] and [`Article::is_excluded`] in
    /// O(log n), for callers that ask once per word or mention of a long draft. Build it
    /// after the article is complete; it does not follow later edits of the fields.
    pub fn regions(&self) -> Regions {
        Regions {
            quote_inner: SpanIndex::new(self.quotes.iter().map(|q| q.inner)),
            quote_span: SpanIndex::new(self.quotes.iter().map(|q| q.span)),
            excluded: SpanIndex::new(self.excluded.iter().copied()),
        }
    }
}

/// Quotations and excluded regions of one [`Article`], indexed (see [`Article::regions`]).
#[derive(Clone, Debug, Default)]
pub struct Regions {
    quote_inner: SpanIndex,
    quote_span: SpanIndex,
    excluded: SpanIndex,
}

impl Regions {
    /// Same answer as [`Article::in_quote`].
    pub fn in_quote(&self, span: Span) -> bool {
        self.quote_inner.any_overlaps(span) || self.quote_span.any_covers(span)
    }

    /// Same answer as [`Article::is_excluded`].
    pub fn is_excluded(&self, span: Span) -> bool {
        self.excluded.any_overlaps(span)
    }
}

/// Memo tables of the parse steps that read one paragraph or one sentence window alone
/// (quote marks, people named by capitalisation, sentences, speech cues), for
/// incremental re-analysis. See [`crate::memo`].
pub struct ParseMemo {
    blocks: SliceMemo<u8>,
    marks: SliceMemo<Vec<quotes::Mark>>,
    people: SliceMemo<Vec<NamedPerson>>,
    sentences: SliceMemo<Vec<Span>>,
    cues: SliceMemo<Option<attribution::Cue>>,
}

impl ParseMemo {
    pub fn new() -> Self {
        ParseMemo {
            blocks: SliceMemo::new(),
            marks: SliceMemo::new(),
            people: SliceMemo::new(),
            sentences: SliceMemo::new(),
            cues: SliceMemo::new(),
        }
    }

    /// Stores nothing: a one-shot parse.
    pub fn off() -> Self {
        ParseMemo {
            blocks: SliceMemo::off(),
            marks: SliceMemo::off(),
            people: SliceMemo::off(),
            sentences: SliceMemo::off(),
            cues: SliceMemo::off(),
        }
    }

    /// Ends a run: forgets what the latest parse did not use.
    pub fn sweep(&mut self) {
        self.blocks.sweep();
        self.marks.sweep();
        self.people.sweep();
        self.sentences.sweep();
        self.cues.sweep();
    }

    /// (hits, misses) over every table.
    pub fn stats(&self) -> (u64, u64) {
        [
            self.blocks.stats(),
            self.marks.stats(),
            self.people.stats(),
            self.sentences.stats(),
            self.cues.stats(),
        ]
        .iter()
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }
}

impl Default for ParseMemo {
    fn default() -> Self {
        ParseMemo::new()
    }
}

/// Parses a draft. Never fails and never panics, whatever the text.
pub fn parse(text: &str, options: &ParseOptions, hints: &dyn NameHints) -> Article {
    parse_with(text, options, hints, &mut ParseMemo::off())
}

/// [`parse`], reusing the results `memo` holds for unchanged paragraphs and windows.
/// The article is the one [`parse`] returns for the same text.
pub fn parse_with(
    text: &str,
    options: &ParseOptions,
    hints: &dyn NameHints,
    memo: &mut ParseMemo,
) -> Article {
    let mut excluded = Vec::new();
    let front = blocks::front_matter(text);
    let body_start = front.map_or(0, |(all, _)| all.end);
    if let Some((all, _)) = front {
        excluded.push(all);
    }
    let mut code = Vec::new();
    let inputs: Vec<structure::Input> = match options.format {
        Format::Plain => blocks::plain_blocks(text, body_start)
            .into_iter()
            .map(|span| structure::Input {
                span,
                heading: false,
            })
            .collect(),
        Format::Markdown => markdown::blocks(text, body_start, &mut excluded, &mut code)
            .into_iter()
            .map(|b| structure::Input {
                span: b.span,
                heading: b.heading,
            })
            .collect(),
    };
    blocks::html_and_urls(text, body_start, &mut excluded);
    blocks::merge(&mut excluded);
    let comments = blocks::comments(text, body_start, &code);

    let layout = structure::classify(
        text,
        &inputs,
        options.format == Format::Markdown,
        &mut memo.blocks,
    );
    let mut paragraphs = layout.paragraphs;
    let date = dates::article_date(
        text,
        front.map(|(_, inner)| inner),
        layout.dateline,
        layout.dateline_date,
        &paragraphs,
    );

    let found = quotes::find(text, &paragraphs, &excluded, &mut memo.marks);
    let mut quotes = found.quotes;
    // Sentences, with the quotations of each paragraph (quotes are in text order).
    let mut qi = 0;
    for p in paragraphs.iter_mut() {
        while qi < quotes.len() && quotes[qi].open.start < p.span.start {
            qi += 1;
        }
        let mut qe = qi;
        while qe < quotes.len() && quotes[qe].open.start < p.span.end {
            qe += 1;
        }
        p.sentences = sentences::split_with(text, p.span, &quotes[qi..qe], &mut memo.sentences);
    }

    let people = speakers::find_people(text, &paragraphs, &excluded, &mut memo.people);
    let mut resolver = speakers::Resolver {
        text,
        people: &people,
        hints,
        speakers: Vec::new(),
    };
    attribution::attribute(
        text,
        &paragraphs,
        &mut quotes,
        &mut resolver,
        &mut memo.cues,
    );
    for q in quotes.iter_mut() {
        q.is_speech = is_speech(text, &paragraphs, q);
    }

    Article {
        format: options.format,
        paragraphs,
        headline: layout.headline,
        dateline: layout.dateline,
        byline: layout.byline,
        date,
        quotes,
        stray_marks: found.stray,
        excluded,
        comments,
        people,
        marks: found.marks,
        parts: layout.parts,
    }
}

/// Words before an opening mark that make the quotation a title or a name, not speech.
fn names_a_work(before: &str) -> bool {
    // The last four words, trimmed of punctuation; compared without allocating, since
    // this runs for every quotation of the draft.
    let mut tail = before
        .split_whitespace()
        .rev()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let is_any = |w: &str, list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l));
    const WORKS: &[&str] = &[
        "book",
        "novel",
        "film",
        "movie",
        "song",
        "album",
        "single",
        "play",
        "musical",
        "series",
        "show",
        "programme",
        "program",
        "documentary",
        "poem",
        "painting",
        "article",
        "essay",
        "report",
        "column",
        "titled",
        "entitled",
        "headlined",
        "slogan",
        "hashtag",
        "memoir",
        "opera",
        "episode",
        "podcast",
        "exhibition",
    ];
    // Naming verbs only right before the mark: `a plan dubbed “Iron Shield”`, but
    // `called the drills “routine”` is a scare quote.
    const NAMING: &[&str] = &[
        "called",
        "dubbed",
        "named",
        "codenamed",
        "code-named",
        "nicknamed",
    ];
    let Some(first) = tail.next() else {
        return false;
    };
    is_any(first, WORKS) || is_any(first, NAMING) || tail.any(|w| is_any(w, WORKS))
}

/// Title Case throughout (`“War and Peace”`, `“Bohemian Rhapsody”`).
fn is_title_case(inner: &str) -> bool {
    let ws: Vec<&str> = inner.split_whitespace().collect();
    if ws.len() < 2 || ws.len() > 12 || inner.trim_end().ends_with(['.', '!', '?', ',']) {
        return false;
    }
    let long_later = ws
        .iter()
        .skip(1)
        .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
        .count();
    long_later >= 1
        && ws.iter().enumerate().all(|(i, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let long = w.chars().count() >= 4 || i == 0;
            !long
                || w.starts_with(char::is_uppercase)
                || w.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// Reported speech, as opposed to a headline or caption quote, a quotation nested in
/// another, or the title of a work.
fn is_speech(text: &str, paragraphs: &[Paragraph], q: &Quote) -> bool {
    let kind = paragraphs.get(q.first_paragraph).map(|p| p.kind);
    if !matches!(kind, Some(PartKind::Body | PartKind::Dateline)) || q.parent.is_some() {
        return false;
    }
    let para_start = paragraphs
        .get(q.first_paragraph)
        .map_or(0, |p| p.span.start);
    let before = Span::new(para_start, q.open.start).slice(text);
    !(names_a_work(before) || is_title_case(q.inner.slice(text)))
}
