//! The one entry point both doors (CLI and server) call: text → article → mentions →
//! findings, computed once.

use crate::article::{self, Article, ParseOptions};
use crate::date::Date;
use crate::kb::Kb;
use crate::lint::{self, Context, Finding, LintConfig};
use crate::mentions::{self, Mentions};
use serde::Serialize;

/// Settings for one analysis.
#[derive(Clone, Debug)]
pub struct Options {
    pub parse: ParseOptions,
    /// Configured article date (`article_date`), used when the text states none.
    pub article_date: Option<Date>,
    /// Fallback when neither the text nor the configuration gives a date.
    pub today: Date,
    pub lint: LintConfig,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            parse: ParseOptions::default(),
            article_date: None,
            today: Date::today(),
            lint: LintConfig::default(),
        }
    }
}

/// Where the date used for title checks came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    /// Front matter or a date stated in the text.
    Text,
    Config,
    Today,
}

#[derive(Clone, Debug)]
pub struct Analysis {
    pub article: Article,
    pub mentions: Mentions,
    pub findings: Vec<Finding>,
    pub date: Date,
    pub date_origin: DateOrigin,
}

/// Analyses a draft. Never fails and never panics on any text.
pub fn analyze(text: &str, kb: &Kb, options: &Options) -> Analysis {
    let article = article::parse(text, &options.parse, kb);
    let (date, date_origin) = match (&article.date, options.article_date) {
        (Some(d), _) => (d.date, DateOrigin::Text),
        (None, Some(d)) => (d, DateOrigin::Config),
        (None, None) => (options.today, DateOrigin::Today),
    };
    let mentions = mentions::find(text, &article, kb);
    let cx = Context {
        text,
        article: &article,
        kb,
        mentions: &mentions,
        config: &options.lint,
        date,
    };
    let findings = lint::run(&cx);
    Analysis {
        article,
        mentions,
        findings,
        date,
        date_origin,
    }
}
