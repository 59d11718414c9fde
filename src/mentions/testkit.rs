//! Test helpers: KBs from TOML written in the test, and `Article` values built by hand
//! (paragraphs by blank line, curly/straight double quotes) so the mention and rule tests
//! hold to the article contract whatever the real parser does.

use crate::article::{
    Article, Attribution, NamedPerson, Paragraph, PartKind, Quote, QuoteStyle, Speaker, SpeakerKind,
};
use crate::date::Date;
use crate::kb::{Kb, KbFile};
use crate::lint::{Context, Finding, LintConfig};
use crate::mentions::{self, Mentions};
use crate::text::Span;

pub(crate) fn kb(src: &str) -> Kb {
    Kb::from_files([toml::from_str::<KbFile>(src).expect("test KB parses")])
}

/// Paragraphs split on blank lines (all Body), and every “…” or "…" pair in a paragraph
/// as a speech quotation.
pub(crate) fn article(text: &str) -> Article {
    let mut a = Article::default();
    let mut offset = 0;
    for chunk in text.split("\n\n") {
        let start = offset + (chunk.len() - chunk.trim_start().len());
        let end = offset + chunk.trim_end().len();
        if end > start {
            a.paragraphs.push(Paragraph {
                span: Span::new(start, end),
                kind: PartKind::Body,
                sentences: vec![],
            });
        }
        offset += chunk.len() + 2;
    }
    for (pi, p) in a.paragraphs.clone().iter().enumerate() {
        let s = p.span.slice(text);
        let mut open: Option<(usize, char)> = None;
        for (i, c) in s.char_indices() {
            let at = p.span.start + i;
            match (c, open) {
                ('“', None) => open = Some((at, '”')),
                ('"', None) => open = Some((at, '"')),
                (c, Some((o, close))) if c == close => {
                    a.quotes.push(Quote {
                        span: Span::new(o, at + c.len_utf8()),
                        inner: Span::new(o + if close == '"' { 1 } else { 3 }, at),
                        open: Span::new(o, o + if close == '"' { 1 } else { 3 }),
                        close: Some(Span::new(at, at + c.len_utf8())),
                        style: if close == '"' {
                            QuoteStyle::StraightDouble
                        } else {
                            QuoteStyle::CurlyDouble
                        },
                        first_paragraph: pi,
                        last_paragraph: pi,
                        parent: None,
                        words: 0,
                        is_speech: true,
                        attribution: None,
                        carried_over: false,
                        reopen: vec![],
                    });
                    open = None;
                }
                _ => {}
            }
        }
    }
    a
}

pub(crate) fn set_kind(a: &mut Article, paragraph: usize, kind: PartKind) {
    a.paragraphs[paragraph].kind = kind;
    if kind == PartKind::Headline {
        a.headline = Some(paragraph);
    }
}

/// Marks the first occurrence of `who` after quote `q` as its pronoun speaker resolved
/// to `resolved`.
pub(crate) fn pronoun_speaker(text: &str, a: &mut Article, q: usize, who: &str, resolved: &str) {
    let from = a.quotes[q].span.end;
    let at = from + text[from..].find(who).expect("speaker in text");
    a.quotes[q].attribution = Some(Attribution {
        cue: Span::new(at + who.len() + 1, at + who.len() + 5),
        cue_text: "said".into(),
        speaker: Speaker {
            span: Span::new(at, at + who.len()),
            text: who.into(),
            kind: SpeakerKind::Pronoun,
            resolved: Some(resolved.into()),
            resolved_span: None,
            resolved_paragraph: None,
        },
    });
}

/// Adds a person the article parser would have found by capitalisation.
pub(crate) fn person(text: &str, a: &mut Article, name: &str, nth: usize) {
    let at = text
        .match_indices(name)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("name in text");
    let paragraph = a.paragraph_at(at).unwrap_or(0);
    a.people.push(NamedPerson {
        span: Span::new(at, at + name.len()),
        name: name.into(),
        paragraph,
        said: false,
    });
    a.people.sort_by_key(|p| p.span.start);
}

pub(crate) fn date(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

/// Runs one rule's check over a text.
pub(crate) fn check_rule(
    check: fn(&Context, &mut Vec<Finding>),
    text: &str,
    article: &Article,
    kb: &Kb,
    date: Date,
) -> (Mentions, Vec<Finding>) {
    let m = mentions::find_on(text, article, kb, date);
    let config = LintConfig::default();
    let cx = Context {
        text,
        article,
        kb,
        mentions: &m,
        config: &config,
        date,
    };
    let mut out = Vec::new();
    check(&cx, &mut out);
    (m, out)
}

pub(crate) const SEED: &str = include_str!("../../tests/fixtures/seed-article.txt");

/// The seed article as the real parser sees it, with the seed test KB as name hints.
pub(crate) fn seed_article() -> Article {
    crate::article::parse(SEED, &crate::article::ParseOptions::default(), &kb(SEED_KB))
}

/// A test KB covering the seed's people, organisations and terms, with roles.
pub(crate) const SEED_KB: &str = r#"
[[person]]
id = "jens-stoltenberg"
name = "Jens Stoltenberg"
aliases = ["Stoltenberg"]
pronouns = "he"
  [[person.role]]
  title = "Prime Minister"
  org = "norway"
  start = "2005-10-17"
  end = "2013-10-16"
  [[person.role]]
  title = "Secretary-General"
  org = "nato"
  start = "2014-10-01"
  end = "2024-10-01"
  [[person.role]]
  title = "Minister of Finance"
  title_aliases = ["Finance Minister"]
  org = "norway"
  start = "2025-02-04"

[[person]]
id = "mark-rutte"
name = "Mark Rutte"
  [[person.role]]
  title = "Prime Minister"
  org = "netherlands"
  start = "2010-10-14"
  end = "2024-07-02"
  [[person.role]]
  title = "Secretary-General"
  org = "nato"
  start = "2024-10-01"

[[person]]
id = "alexander-grushko"
name = "Alexander Grushko"
variants = ["Alexandr Grushko"]
  [[person.role]]
  title = "Permanent Representative to NATO"
  title_aliases = ["ambassador to NATO", "envoy to NATO"]
  org = "russia"
  start = "2012-01-23"
  end = "2018-01-22"
  [[person.role]]
  title = "Deputy Foreign Minister"
  title_aliases = ["Deputy Minister of Foreign Affairs"]
  org = "russia"
  start = "2018-01-22"

[[person]]
id = "sergei-ryabkov"
name = "Sergei Ryabkov"
variants = ["Sergey Ryabkov"]
  [[person.role]]
  title = "Deputy Foreign Minister"
  org = "russia"
  start = "2008-08-01"

[[person]]
id = "wendy-sherman"
name = "Wendy Sherman"
pronouns = "she"
  [[person.role]]
  title = "Deputy Secretary of State"
  org = "us"
  start = "2021-04-14"
  end = "2023-07-28"

[[person]]
id = "alexander-fomin"
name = "Alexander Fomin"

[[person]]
id = "dmitry-peskov"
name = "Dmitry Peskov"
pronouns = "he"
  [[person.role]]
  title = "Press Secretary of the President"
  title_aliases = ["Kremlin spokesperson", "Kremlin spokesman"]
  org = "russia"
  start = "2012-05-22"

[[person]]
id = "julianne-smith"
name = "Julianne Smith"
pronouns = "she"
  [[person.role]]
  title = "Permanent Representative to NATO"
  title_aliases = ["envoy to NATO", "ambassador to NATO"]
  org = "us"
  start = "2021-11-24"

[[person]]
id = "michael-carpenter"
name = "Michael Carpenter"
  [[person.role]]
  title = "Ambassador to the OSCE"
  title_aliases = ["envoy to the OSCE"]
  org = "us"
  start = "2021-11-01"

[[organization]]
id = "nato"
name = "NATO"
full_name = "North Atlantic Treaty Organization"
aliases = ["the alliance"]

[[organization]]
id = "nato-russia-council"
name = "NATO-Russia Council"

[[organization]]
id = "osce"
name = "OSCE"
full_name = "Organization for Security and Cooperation in Europe"

[[organization]]
id = "kremlin"
name = "Kremlin"

[[organization]]
id = "reuters"
name = "Reuters"

[[organization]]
id = "russia"
name = "Russia"
demonyms = ["Russian"]

[[organization]]
id = "us"
name = "United States"
aliases = ["U.S.", "US"]
demonyms = ["American"]

[[organization]]
id = "norway"
name = "Norway"
demonyms = ["Norwegian"]

[[organization]]
id = "netherlands"
name = "Netherlands"
aliases = ["the Netherlands"]
demonyms = ["Dutch"]

[[term]]
forms = ["Secretary-General", "Secretary General"]
prefer = "Secretary-General"

[[term]]
forms = ["U.S.", "US"]

[[term]]
forms = ["Co-operation", "Cooperation"]
prefer = "Cooperation"
"#;
