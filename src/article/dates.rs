//! The article date as the text states it: front matter `date:`, a full date in the dateline
//! or a caption (`12 January 2022`, `January 12, 2022`), or a dateline's `Jan 12` with the
//! year of a full date elsewhere in the draft.

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
    let iso = value.get(..10).and_then(Date::parse);
    iso.or_else(|| full_dates(text, span).first().map(|(d, _)| *d))
        .map(|d| (d, span))
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
        // The dateline's day and month win; the year comes from a full date nearby,
        // preferring a caption's.
        let year_from = caption_date.or_else(|| {
            paragraphs
                .iter()
                .filter(|p| p.kind != PartKind::Trailer)
                .flat_map(|p| full_dates(text, p.span))
                .next()
        });
        if let Some((full, _)) = year_from {
            // A dateline of 1 January next to a caption of 31 December: the next year.
            let year = if month == 1 && full.month == 12 {
                full.year + 1
            } else if month == 12 && full.month == 1 {
                full.year - 1
            } else {
                full.year
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
