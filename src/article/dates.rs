//! The article date as the text states it: front matter `date:`, a full date in the dateline
//! or a caption (`12 January 2022`, `January 12, 2022`), or a dateline's `Jan 12` with the
//! year from evidence beside it: the front matter's year, a caption's full date, or a full
//! date in the dateline's own paragraph. Never from a date further down the body: a July
//! 2023 story that recalls "May 18, 2022" is not a 2022 story.

use super::{ArticleDate, DateSource, PartKind};
use crate::date::{month_from_name, Date};
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?[ \t]+(?P<m1>[A-Z][a-z]{2,8})\.?,?[ \t]+(?P<y1>\d{4})\b",
        r"|\b(?P<m2>[A-Z][a-z]{2,8})\.?[ \t]+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<y2>\d{4})\b"
    ))
    .expect("static regex")
});

static SHORT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<m>[A-Z][a-z]{2,8})\.?[ \t]+(?P<d>\d{1,2})\b",
        r"|\b(?P<d2>\d{1,2})[ \t]+(?P<m2>[A-Z][a-z]{2,8})\b"
    ))
    .expect("static regex")
});

static FRONT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*date[ \t]*[:=][ \t]*["']?(?P<v>[^"'\r\n]+)"#).expect("static regex")
});

/// Every full date in `text[span]`, with its span.
pub fn full_dates(text: &str, span: Span) -> Vec<(Date, Span)> {
    let s = span.slice(text);
    FULL_DATE
        .captures_iter(s)
        .filter_map(|c| {
            let m = c.get(0)?;
            let (d, mo, y) = match (c.name("d1"), c.name("m1"), c.name("y1")) {
                (Some(d), Some(mo), Some(y)) => (d, mo, y),
                _ => (c.name("d2")?, c.name("m2")?, c.name("y2")?),
            };
            let date = Date::new(
                y.as_str().parse().ok()?,
                month_from_name(mo.as_str())?,
                d.as_str().parse().ok()?,
            )?;
            Some((
                date,
                Span::new(span.start + m.start(), span.start + m.end()),
            ))
        })
        .collect()
}

/// `date:` (YAML) or `date =` (TOML) in front matter: `2022-01-12`, a timestamp, or a
/// written date.
pub fn front_matter_date(text: &str, inner: Span) -> Option<(Date, Span)> {
    let s = inner.slice(text);
    let c = FRONT_DATE.captures(s)?;
    let v = c.name("v")?;
    let value = v.as_str().trim();
    let span = Span::new(
        inner.start + v.start(),
        inner.start + v.start() + value.len(),
    );
    let iso = value
        .get(..10)
        .filter(|v| v.as_bytes().get(4) == Some(&b'-'))
        .and_then(Date::parse);
    iso.or_else(|| full_dates(text, span).first().map(|(d, _)| *d))
        .map(|d| (d, span))
}

/// A year alone in front matter (`date: 2023`, `year: 2023`): not a date, but the year a
/// dateline's day and month belong to.
fn front_matter_year(text: &str, inner: Span) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?m)^[ \t]*(?:date|year)[ \t]*[:=][ \t]*["']?(?P<y>\d{4})["']?[ \t]*\r?$"#)
            .expect("static regex")
    });
    YEAR.captures(inner.slice(text))?
        .name("y")?
        .as_str()
        .parse()
        .ok()
}

/// Chooses the article date.
pub fn article_date(
    text: &str,
    front_matter: Option<Span>,
    dateline: Option<Span>,
    dateline_date: Option<Span>,
    paragraphs: &[super::Paragraph],
) -> Option<ArticleDate> {
    if let Some((date, span)) = front_matter.and_then(|fm| front_matter_date(text, fm)) {
        return Some(ArticleDate {
            date,
            source: DateSource::FrontMatter,
            span,
        });
    }
    if let Some((date, span)) = dateline.and_then(|d| full_dates(text, d).into_iter().next()) {
        return Some(ArticleDate {
            date,
            source: DateSource::Dateline,
            span,
        });
    }
    let captions = paragraphs.iter().filter(|p| p.kind == PartKind::Caption);
    let caption_date = captions.flat_map(|p| full_dates(text, p.span)).next();
    let short = dateline_date.and_then(|span| {
        let c = SHORT_DATE.captures(span.slice(text))?;
        let (m, d) = match (c.name("m"), c.name("d")) {
            (Some(m), Some(d)) => (m, d),
            _ => (c.name("m2")?, c.name("d2")?),
        };
        let month = month_from_name(m.as_str())?;
        let day: u8 = d.as_str().parse().ok()?;
        Some((month, day, span))
    });
    if let Some((month, day, span)) = short {
        // The dateline's day and month win; the year comes from the front matter, else
        // a full date beside the dateline: a caption's (the photo's), else one in the
        // dateline's own paragraph. A date further down the body is history, not the
        // story's date.
        let own_paragraph = paragraphs
            .iter()
            .find(|p| p.span.start <= span.start && span.end <= p.span.end);
        let nearby = caption_date
            .or_else(|| own_paragraph.and_then(|p| full_dates(text, p.span).into_iter().next()))
            .map(|(d, _)| (d.year, Some(d.month)));
        let year_from = front_matter
            .and_then(|fm| front_matter_year(text, fm))
            .map(|y| (y, None))
            .or(nearby);
        if let Some((full_year, full_month)) = year_from {
            // A dateline of 1 January next to a caption of 31 December: the next year.
            let year = match full_month {
                Some(12) if month == 1 => full_year + 1,
                Some(1) if month == 12 => full_year - 1,
                _ => full_year,
            };
            if let Some(date) = Date::new(year, month, day) {
                return Some(ArticleDate {
                    date,
                    source: DateSource::Dateline,
                    span,
                });
            }
        }
    }
    caption_date.map(|(date, span)| ArticleDate {
        date,
        source: DateSource::Caption,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<String> {
        full_dates(s, Span::new(0, s.len()))
            .into_iter()
            .map(|(d, _)| d.to_string())
            .collect()
    }

    #[test]
    fn full_dates_in_british_and_american_order() {
        assert_eq!(
            all("Brussels, Belgium, 12 January 2022. EPA"),
            vec!["2022-01-12"]
        );
        assert_eq!(all("on January 12, 2022, in"), vec!["2022-01-12"]);
        assert_eq!(
            all("Sept. 3 2021 and 3rd March 2020"),
            vec!["2021-09-03", "2020-03-03"]
        );
        assert!(all("on 31 February 2022 and Jan 12").is_empty());
    }

    fn para(text: &str, needle: &str, kind: PartKind) -> super::super::Paragraph {
        let start = text.find(needle).unwrap();
        super::super::Paragraph {
            span: Span::new(start, start + needle.len()),
            kind,
            sentences: vec![],
        }
    }

    /// The date a draft with a dateline "WASHINGTON, July 14 -" and these paragraphs gets.
    fn dated(text: &str, front: Option<&str>, rest: &[(&str, PartKind)]) -> Option<String> {
        let first = text.find("WASHINGTON").unwrap();
        let end = text[first..].find("\n\n").map_or(text.len(), |e| first + e);
        let mut ps = vec![para(text, &text[first..end], PartKind::Body)];
        ps.extend(rest.iter().map(|(n, k)| para(text, n, *k)));
        let dl = text.find("July 14").unwrap();
        let fm = front.map(|f| {
            let s = text.find(f).unwrap();
            Span::new(s, s + f.len())
        });
        article_date(
            text,
            fm,
            Some(Span::new(first, dl + 7)),
            Some(Span::new(dl, dl + 7)),
            &ps,
        )
        .map(|d| d.date.to_string())
    }

    #[test]
    fn a_dateline_without_a_year_never_takes_it_from_an_old_date_in_the_body() {
        let t =
            "WASHINGTON, July 14 - The senator spoke.\n\nShe first ran on May 18, 2022, and lost.";
        assert_eq!(
            dated(
                t,
                None,
                &[("She first ran on May 18, 2022, and lost.", PartKind::Body)]
            ),
            None
        );
        // A full date beside the dateline, in its own paragraph or a caption, gives it.
        let t = "WASHINGTON, July 14 - The senator spoke on Friday, July 14, 2023.\n\nShe first ran on May 18, 2022.";
        assert_eq!(dated(t, None, &[]), Some("2023-07-14".into()));
        let t = "The senator in Washington, July 13, 2023. REUTERS\n\nWASHINGTON, July 14 - The senator spoke.\n\nShe first ran on May 18, 2022.";
        assert_eq!(
            dated(
                t,
                None,
                &[(
                    "The senator in Washington, July 13, 2023. REUTERS",
                    PartKind::Caption
                )]
            ),
            Some("2023-07-14".into())
        );
        // A year alone in the front matter.
        let t =
            "year: 2023\n\nWASHINGTON, July 14 - The senator spoke.\n\nShe ran on May 18, 2022.";
        assert_eq!(dated(t, Some("year: 2023"), &[]), Some("2023-07-14".into()));
    }

    #[test]
    fn front_matter_dates_accept_iso_timestamps_and_quotes() {
        let t = "title: x\ndate: \"2022-01-12T09:00:00Z\"\n";
        let (d, span) = front_matter_date(t, Span::new(0, t.len())).unwrap();
        assert_eq!(d.to_string(), "2022-01-12");
        assert_eq!(span.slice(t), "2022-01-12T09:00:00Z");
        let t = "date = 2021-12-01\n";
        assert_eq!(
            front_matter_date(t, Span::new(0, t.len()))
                .unwrap()
                .0
                .to_string(),
            "2021-12-01"
        );
    }
}
