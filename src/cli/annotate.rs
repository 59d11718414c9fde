//! `copydesk annotate`: the article model as JSON, for auditing sourcing and seeing why a
//! quote was or was not flagged. A view built for readers of the JSON, not a dump of the
//! parser's internals: every range is a byte offset plus a 1-based line and column.

use super::inputs::{self, Input};
use super::settings::Settings;
use super::AnnotateArgs;
use crate::analysis::{analyze, Analysis, DateOrigin};
use crate::article::{Article, Format, PartKind, QuoteStyle, SpeakerKind};
use crate::date::Date;
use crate::text::{LineIndex, Span};
use serde::Serialize;

#[derive(Serialize)]
pub struct Annotation {
    pub path: String,
    pub format: Format,
    /// The date the text states (front matter, dateline, caption), if any.
    pub stated_date: Option<StatedDate>,
    /// The date titles are checked against, and where it came from.
    pub date: Date,
    pub date_origin: DateOrigin,
    /// "titles checked as of DATE (no date found)" when the draft states no date and none
    /// is configured; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_notice: Option<String>,
    pub parts: Vec<Part>,
    pub quotes: Vec<QuoteView>,
    pub stray_marks: Vec<StrayView>,
    /// Every mention of a person, as the resolver reads it: who it is and on what
    /// evidence.
    pub people: Vec<PersonView>,
    /// Regions never analysed: code, front matter, HTML, link URLs.
    pub excluded: Vec<Range>,
}

#[derive(Serialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Serialize)]
pub struct StatedDate {
    pub date: Date,
    pub source: crate::article::DateSource,
    pub text: String,
    #[serde(flatten)]
    pub range: Range,
}

#[derive(Serialize)]
pub struct Part {
    pub kind: PartKind,
    #[serde(flatten)]
    pub range: Range,
    pub sentences: Vec<[usize; 2]>,
}

#[derive(Serialize)]
pub struct QuoteView {
    #[serde(flatten)]
    pub range: Range,
    pub text: String,
    pub style: QuoteStyle,
    pub words: usize,
    /// False for scare quotes, short terms and titles of works.
    pub is_speech: bool,
    pub closed: bool,
    /// 0-based paragraph indices (equal unless the quote runs over paragraphs).
    pub first_part: usize,
    pub last_part: usize,
    /// Index in `quotes` of the quotation this one is nested in.
    pub nested_in: Option<usize>,
    /// A cue credits the quotation (for a carried-over quote, the paragraph before's cue).
    pub attributed: bool,
    /// A floating quote, presumed to continue the speaker of the paragraph before.
    pub carried_over: bool,
    pub speaker: Option<SpeakerView>,
    pub cue: Option<CueView>,
}

#[derive(Serialize)]
pub struct SpeakerView {
    /// As written in the cue ("he", "Peskov", "a spokesman").
    pub text: String,
    pub kind: SpeakerKind,
    pub start: usize,
    pub end: usize,
    /// The full name it resolves to, when known.
    pub resolved: Option<String>,
    /// Where that name was found.
    pub resolved_start: Option<usize>,
    pub resolved_end: Option<usize>,
}

#[derive(Serialize)]
pub struct CueView {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct StrayView {
    pub opening: bool,
    pub style: QuoteStyle,
    #[serde(flatten)]
    pub range: Range,
}

#[derive(Serialize)]
pub struct PersonView {
    /// The mention as written.
    pub text: String,
    /// The person's full name: the knowledge base's, or the draft's own first full form.
    pub name: String,
    /// The KB id, when the resolver tied the mention to a KB person.
    pub kb_id: Option<String>,
    pub form: crate::mentions::Form,
    pub resolution: crate::mentions::Resolution,
    /// The title phrase written with the name.
    pub title: Option<String>,
    pub inside_quote: bool,
    pub part: Option<usize>,
    #[serde(flatten)]
    pub range: Range,
}

pub fn build(path: &str, text: &str, analysis: &Analysis, kb: &crate::kb::Kb) -> Annotation {
    let lines = LineIndex::new(text);
    let range = |s: Span| {
        let (line, column) = lines.line_col(text, s.start);
        let (end_line, end_column) = lines.line_col(text, s.end);
        Range {
            start: s.start,
            end: s.end,
            line,
            column,
            end_line,
            end_column,
        }
    };
    let a: &Article = &analysis.article;
    Annotation {
        path: path.to_string(),
        format: a.format,
        stated_date: a.date.as_ref().map(|d| StatedDate {
            date: d.date,
            source: d.source,
            text: d.span.slice(text).to_string(),
            range: range(d.span),
        }),
        date: analysis.date,
        date_origin: analysis.date_origin,
        date_notice: analysis.date_notice(),
        // Parts (the dateline is a part of its own, inside the first body paragraph),
        // each with the sentences of the paragraphs it covers.
        parts: a
            .parts
            .iter()
            .map(|part| Part {
                kind: part.kind,
                range: range(part.span),
                sentences: a
                    .paragraphs
                    .iter()
                    .flat_map(|p| p.sentences.iter())
                    .filter(|s| part.span.covers(**s))
                    .map(|s| [s.start, s.end])
                    .collect(),
            })
            .collect(),
        quotes: a
            .quotes
            .iter()
            .map(|q| QuoteView {
                range: range(q.span),
                text: q.span.slice(text).to_string(),
                style: q.style,
                words: q.words,
                is_speech: q.is_speech,
                closed: q.close.is_some(),
                first_part: q.first_paragraph,
                last_part: q.last_paragraph,
                nested_in: q.parent,
                attributed: q.attribution.is_some(),
                carried_over: q.carried_over,
                speaker: q.attribution.as_ref().map(|at| SpeakerView {
                    text: at.speaker.text.clone(),
                    kind: at.speaker.kind,
                    start: at.speaker.span.start,
                    end: at.speaker.span.end,
                    resolved: at.speaker.resolved.clone(),
                    resolved_start: at.speaker.resolved_span.map(|s| s.start),
                    resolved_end: at.speaker.resolved_span.map(|s| s.end),
                }),
                cue: q.attribution.as_ref().map(|at| CueView {
                    text: at.cue_text.clone(),
                    start: at.cue.start,
                    end: at.cue.end,
                }),
            })
            .collect(),
        stray_marks: a
            .stray_marks
            .iter()
            .map(|m| StrayView {
                opening: m.opening,
                style: m.style,
                range: range(m.span),
            })
            .collect(),
        people: analysis
            .mentions
            .items
            .iter()
            .filter_map(|m| {
                let (name, kb_id) = match &m.target {
                    crate::mentions::Target::Person(id) => {
                        let p = kb.people.get(*id)?;
                        (p.name.clone(), Some(p.id.clone()))
                    }
                    crate::mentions::Target::UnknownPerson(n) => (n.clone(), None),
                    _ => return None,
                };
                Some(PersonView {
                    text: m.span.slice(text).to_string(),
                    name,
                    kb_id,
                    form: m.form,
                    resolution: m.resolution,
                    title: m.title.as_ref().map(|t| t.text.clone()),
                    inside_quote: m.inside_quote,
                    part: m.paragraph,
                    range: range(m.span),
                })
            })
            .collect(),
        excluded: a.excluded.iter().map(|&s| range(s)).collect(),
    }
}

pub fn run(args: AnnotateArgs) -> anyhow::Result<i32> {
    let input = if args.path.as_os_str() == "-" {
        Input::Stdin(None)
    } else {
        Input::File(args.path.clone())
    };
    let display = input.display();
    let draft = match inputs::read(&input) {
        Ok(d) => d,
        Err(reason) => {
            eprintln!("copydesk: {display}: {reason}");
            return Ok(2);
        }
    };
    let mut settings = Settings::new(&args.kb);
    let prepared = match settings.for_path(&input.config_start()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("copydesk: {}", e.message);
            return Ok(2);
        }
    };
    let mut options = prepared.options.clone();
    options.parse.format = input.path().map(Format::from_path).unwrap_or_default();
    let analysis = analyze(&draft.text, &prepared.kb, &options);
    let view = build(&display, &draft.text, &analysis, &prepared.kb);
    super::write_stdout(|out| {
        serde_json::to_writer_pretty(&mut *out, &view)?;
        writeln!(out)
    })?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;
    use crate::article::{Attribution, Quote, Speaker};
    use crate::kb::Kb;

    #[test]
    fn a_quote_view_carries_speaker_cue_and_positions() {
        let text = "Headline\n\n“We will talk,” he said.\n";
        let mut analysis = analyze(text, &Kb::default(), &Options::default());
        let open = text.find('“').unwrap();
        let close_end = text.find('”').unwrap() + '”'.len_utf8();
        let he = text.find("he said").unwrap();
        analysis.article.quotes = vec![Quote {
            span: Span::new(open, close_end),
            inner: Span::new(open + 3, close_end - 3),
            open: Span::new(open, open + 3),
            close: Some(Span::new(close_end - 3, close_end)),
            style: QuoteStyle::CurlyDouble,
            first_paragraph: 1,
            last_paragraph: 1,
            parent: None,
            words: 3,
            is_speech: true,
            attribution: Some(Attribution {
                cue: Span::new(he + 3, he + 7),
                cue_text: "said".into(),
                speaker: Speaker {
                    span: Span::new(he, he + 2),
                    text: "he".into(),
                    kind: SpeakerKind::Pronoun,
                    resolved: Some("Dmitry Peskov".into()),
                    resolved_span: None,
                    resolved_paragraph: None,
                },
            }),
            carried_over: false,
            reopen: vec![],
        }];
        let v = serde_json::to_value(build("s.txt", text, &analysis, &Kb::default())).unwrap();
        let q = &v["quotes"][0];
        assert_eq!(q["start"], open);
        assert_eq!(q["end"], close_end);
        assert_eq!(
            (q["line"].as_u64(), q["column"].as_u64()),
            (Some(3), Some(1))
        );
        assert_eq!(q["text"], "“We will talk,”");
        assert_eq!(q["attributed"], true);
        assert_eq!(q["carried_over"], false);
        assert_eq!(q["speaker"]["text"], "he");
        assert_eq!(q["speaker"]["kind"], "pronoun");
        assert_eq!(q["speaker"]["resolved"], "Dmitry Peskov");
        assert_eq!(q["cue"]["text"], "said");
        assert_eq!(q["cue"]["start"], he + 3);
        assert_eq!(v["path"], "s.txt");
        assert!(v["parts"].is_array());
        assert!(v["date"].is_string());
    }
}
