//! The one entry point both doors (CLI and server) call: text → article → mentions →
//! findings, computed once; `fix` is the one engine that applies safe fixes.

pub mod fix;

use crate::article::{self, Article, ParseMemo, ParseOptions};
use crate::date::Date;
use crate::kb::Kb;
use crate::lint::{self, Context, Finding, LintConfig};
use crate::mentions::{self, Mentions, MentionsMemo};
use serde::Serialize;
use std::sync::Arc;

/// Settings for one analysis.
#[derive(Clone, Debug)]
pub struct Options {
    pub parse: ParseOptions,
    /// Configured article date (`article_date`, `--article-date`, `articleDate`): wins over
    /// a date read from the prose, loses to front matter. See [`article_date`].
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

impl Analysis {
    /// What the draft is told when no date was found and titles are checked as of today:
    /// "titles checked as of 2026-12-02 (no date found)". `None` when the date came from
    /// the text or the configuration. The code lens and `annotate` show it.
    pub fn date_notice(&self) -> Option<String> {
        (self.date_origin == DateOrigin::Today)
            .then(|| format!("titles checked as of {} (no date found)", self.date))
    }
}

/// Analyses a draft. Never fails and never panics on any text.
pub fn analyze(text: &str, kb: &Kb, options: &Options) -> Analysis {
    analyze_with(
        text,
        kb,
        options,
        &mut ParseMemo::off(),
        &mut MentionsMemo::off(),
    )
}

fn analyze_with(
    text: &str,
    kb: &Kb,
    options: &Options,
    parse_memo: &mut ParseMemo,
    mentions_memo: &mut MentionsMemo,
) -> Analysis {
    let mut article = article::parse_with(text, &options.parse, kb, parse_memo);
    let (date, date_origin) = article_date(&article, options);
    let mentions = mentions::find_with(text, &article, kb, date, mentions_memo);
    mentions.apply_speakers(&mut article);
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

/// Analyses successive versions of one draft (the server keeps one per open document),
/// reusing what unchanged paragraphs and sentence windows gave last time: quote marks,
/// people named by capitalisation, sentences, speech cues, KB hits and title phrases.
/// Everything that reads across paragraphs (quotation pairing, attribution, surname and
/// pronoun links, every rule) is recomputed from those pieces on each run, so the result
/// is always the one [`analyze`] gives for the same text (a property test checks this
/// over random edit sequences).
#[derive(Default)]
pub struct Incremental {
    /// The KB the mention memo was filled from; held so its address cannot be reused.
    kb: Option<Arc<Kb>>,
    parse: ParseMemo,
    mentions: MentionsMemo,
}

impl Incremental {
    pub fn new() -> Self {
        Incremental::default()
    }

    /// The analysis of `text`, equal to [`analyze`]`(text, kb, options)`.
    pub fn analyze(&mut self, text: &str, kb: &Arc<Kb>, options: &Options) -> Analysis {
        if !self.kb.as_ref().is_some_and(|k| Arc::ptr_eq(k, kb)) {
            self.mentions.clear();
            self.kb = Some(kb.clone());
        }
        let analysis = analyze_with(text, kb, options, &mut self.parse, &mut self.mentions);
        self.parse.sweep();
        self.mentions.sweep();
        analysis
    }

    /// (hits, misses) of the memo tables since the engine was made.
    pub fn stats(&self) -> (u64, u64) {
        let (a, b) = self.parse.stats();
        let (c, d) = self.mentions.stats();
        (a + c, b + d)
    }
}

/// The date titles are checked against: the draft's front matter `date:` (metadata the
/// desk wrote), else the configured date (an explicit choice of the user), else a date
/// read from the prose (a dateline or caption, which may be a photo's date), else today.
pub fn article_date(article: &Article, options: &Options) -> (Date, DateOrigin) {
    use crate::article::DateSource;
    match (&article.date, options.article_date) {
        (Some(d), _) if d.source == DateSource::FrontMatter => (d.date, DateOrigin::Text),
        (_, Some(d)) => (d, DateOrigin::Config),
        (Some(d), None) => (d.date, DateOrigin::Text),
        (None, None) => (options.today, DateOrigin::Today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_re_reads_only_the_changed_paragraph_and_gives_the_full_result() {
        let kb = Arc::new(Kb::default());
        let options = Options {
            today: Date::new(2022, 1, 12).unwrap(),
            ..Options::default()
        };
        let paragraphs: Vec<String> = (0..40)
            .map(|i| format!("“Point number {i} stands,” Anna Berg said in Oslo."))
            .collect();
        let before = paragraphs.join("\n\n");
        let after = before.replacen("number 7 stands", "number 7 still stands", 1);
        let mut engine = Incremental::new();
        engine.analyze(&before, &kb, &options);
        let (_, cold_misses) = engine.stats();
        let warm = engine.analyze(&after, &kb, &options);
        let (hits, misses) = engine.stats();
        // One paragraph changed: a handful of new slices (its marks, people, hits,
        // sentences, cue windows), everything else from the memo.
        assert!(
            misses - cold_misses <= 8,
            "re-read {} slices",
            misses - cold_misses
        );
        assert!(hits >= 40 * 4, "only {hits} slices reused");
        assert_eq!(
            format!("{warm:?}"),
            format!("{:?}", analyze(&after, &kb, &options))
        );
    }

    fn date_of(text: &str, configured: Option<&str>) -> (Date, DateOrigin) {
        let options = Options {
            article_date: configured.and_then(Date::parse),
            today: Date::new(2026, 11, 28).unwrap(),
            parse: article::ParseOptions {
                format: article::Format::Markdown,
            },
            ..Options::default()
        };
        let a = analyze(text, &Kb::default(), &options);
        (a.date, a.date_origin)
    }

    #[test]
    fn front_matter_beats_configuration_which_beats_the_prose_which_beats_today() {
        let d = |s: &str| Date::parse(s).unwrap();
        let fm =
            "---\ndate: 2023-05-04\n---\n# Head\n\nLONDON, 12 January 2022 (Reuters) - Text.\n";
        assert_eq!(
            date_of(fm, Some("2025-03-01")),
            (d("2023-05-04"), DateOrigin::Text)
        );
        let prose = "# Head\n\nLONDON, 12 January 2022 (Reuters) - Text.\n";
        assert_eq!(
            date_of(prose, Some("2025-03-01")),
            (d("2025-03-01"), DateOrigin::Config)
        );
        assert_eq!(date_of(prose, None), (d("2022-01-12"), DateOrigin::Text));
        assert_eq!(
            date_of("# Head\n\nText.\n", None),
            (d("2026-11-28"), DateOrigin::Today)
        );
    }
}
