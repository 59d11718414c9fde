//! `unattributed-quote`: a quotation of reported speech that nobody is credited with.

use crate::declare_rule;
use crate::lint::{Context, Finding, Related, Severity};

declare_rule! {
    /// A quotation of reported speech with no attribution.
    ///
    /// ## What it does
    /// Flags a direct quotation in the body of the story that no speech cue credits:
    /// no "she said", "said X", "X told reporters:", "according to X" in its sentence,
    /// in a colon introduction ending the paragraph before, or earlier in its paragraph.
    /// A floating quote (a paragraph that is only a quotation, right after a paragraph
    /// quoting one speaker) is presumed to be that speaker's and reported at `info`,
    /// naming them. Scare quotes and short terms (fewer than `quote_min_words` words with
    /// no sentence punctuation, 4 by default), titles of works, nested quotations and
    /// quotes in the headline or a caption are not flagged.
    ///
    /// ## Why is this bad?
    /// Readers must know who is speaking. An unattributed quotation reads as the
    /// publication's own voice, and a floating one relies on the reader guessing right.
    ///
    /// ## Example
    /// ```text
    /// Officials met on Tuesday.
    ///
    /// “There is no place for ultimatums here,” in Moscow as the talks began.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “There is no place for ultimatums here,” Peskov said in Moscow as the talks began.
    /// ```
    pub static META = ("unattributed-quote", Severity::Warning);
}

/// A short excerpt of the quotation for messages.
fn excerpt(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{}…", words[..6].join(" "))
    }
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let regions = cx.article.regions();
    for q in &cx.article.quotes {
        if q.parent.is_some()
            || !q.is_speech
            || q.close.is_none()
            || q.is_short_term(cx.text, cx.config.quote_min_words)
            || regions.is_excluded(q.open)
        {
            continue;
        }
        let quoted = excerpt(q.inner.slice(cx.text).trim_end_matches([',', ' ']));
        match &q.attribution {
            None => out.push(Finding {
                rule: META.id,
                severity: META.default_severity,
                span: q.span,
                message: format!(
                    "quotation “{quoted}” has no attribution: say who said it (“…,” she said)"
                ),
                fixes: vec![],
                related: vec![],
            }),
            Some(a) if q.carried_over => {
                let who = a.speaker.resolved.as_deref().unwrap_or(&a.speaker.text);
                out.push(Finding {
                    rule: META.id,
                    severity: Severity::Info,
                    span: q.span,
                    message: format!(
                        "floating quotation “{quoted}” is presumed to be {who}'s, carried over from the paragraph before; attribute it if it is not"
                    ),
                    fixes: vec![],
                    related: vec![Related {
                        span: a.cue,
                        message: format!("{who} is the speaker here"),
                    }],
                });
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Options};
    use crate::date::Date;
    use crate::kb::Kb;
    use crate::lint::{Finding, Severity};

    fn findings(text: &str) -> Vec<Finding> {
        let options = Options {
            today: Date::new(2022, 1, 12).unwrap(),
            ..Options::default()
        };
        analyze(text, &Kb::default(), &options)
            .findings
            .into_iter()
            .filter(|f| f.rule == "unattributed-quote")
            .collect()
    }

    const HEAD: &str = "Talks open in Brussels\n\n";

    #[test]
    fn a_quote_with_no_cue_is_flagged_at_the_quotation() {
        let t = format!("{HEAD}“There is no place for ultimatums here,” in Moscow as talks began.");
        let f = findings(&t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].span.slice(&t).starts_with("“There is no place"));
        assert!(f[0].message.contains("“There is no place for ultimatums…”"));
    }

    #[test]
    fn attributed_quotes_in_every_form_are_not_flagged() {
        for body in [
            "“We will not back down on this,” Peskov said.",
            "“We will not back down on this,” said Peskov.",
            "“We will not back down on this,” a spokesman said on Tuesday.",
            "Peskov told reporters: “We will not back down on this.”",
            "“We will not back down on this,” according to the ministry.",
            "“We will not back down on this,” the ministry said in a statement.",
        ] {
            let t = format!("{HEAD}{body}");
            assert!(findings(&t).is_empty(), "{body}");
        }
    }

    #[test]
    fn scare_quotes_titles_and_headline_quotes_are_not_flagged() {
        let t = "‘No ultimatums here at all’: Russia sets out demands\n\n\
                 Russia called the drills “routine”. He read “War and Peace” twice. \
                 She hosts the show “Talking Politics With Friends Every Week” on Sundays.";
        assert!(findings(t).is_empty(), "{:?}", findings(t));
    }

    #[test]
    fn a_floating_quote_is_reported_at_info_naming_the_speaker() {
        let t = format!(
            "{HEAD}“We are ready to talk,” Julianne Smith said.\n\n“We are not ready to concede anything.”"
        );
        let f = findings(&t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(f[0].message.contains("Julianne Smith"), "{}", f[0].message);
    }

    #[test]
    fn the_configured_threshold_decides_what_a_short_term_is() {
        let t = format!("{HEAD}Russia calls it a “special military operation” at home.");
        assert!(findings(&t).is_empty());
        let mut options = Options::default();
        options.lint.quote_min_words = 2;
        let f: Vec<Finding> = analyze(&t, &Kb::default(), &options)
            .findings
            .into_iter()
            .filter(|f| f.rule == "unattributed-quote")
            .collect();
        assert_eq!(f.len(), 1);
    }
}
