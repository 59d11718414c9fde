//! `unbalanced-quote`: an opening quote mark never closed, or a closing mark with no opening.

use crate::article::PartKind;
use crate::declare_rule;
use crate::lint::{Context, Finding, Severity};

declare_rule! {
    /// A quotation mark without its partner.
    ///
    /// ## What it does
    /// Flags an opening mark (“ ‘ " ' «) that is never closed in its paragraph and is not
    /// continued by an opening mark at the start of the next paragraph (the convention
    /// for quotations running over several paragraphs), and a closing mark (” ’ " ») that
    /// closes nothing. Apostrophes (`Russia’s`, `’90s`, `rock ’n’ roll`) are not quote
    /// marks. The finding sits on the mark itself.
    ///
    /// ## Why is this bad?
    /// Readers cannot tell where the quoted words end, so the speaker seems to say
    /// words that are the reporter's, or the reverse.
    ///
    /// ## Example
    /// ```text
    /// “We want to see Russia pulling back its forces, she said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “We want to see Russia pulling back its forces,” she said.
    /// ```
    pub static META = ("unbalanced-quote", Severity::Error);
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for m in &cx.article.stray_marks {
        let in_trailer = cx
            .article
            .paragraph_at(m.span.start)
            .is_some_and(|p| cx.article.paragraphs[p].kind == PartKind::Trailer);
        if in_trailer {
            continue;
        }
        let mark = m.span.slice(cx.text);
        let message = if m.opening {
            format!("opening {mark} is never closed, and the next paragraph does not continue the quotation")
        } else {
            format!("closing {mark} has no opening mark")
        };
        out.push(Finding {
            rule: META.id,
            severity: META.default_severity,
            span: m.span,
            message,
            fixes: vec![],
            related: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Options};
    use crate::kb::Kb;
    use crate::lint::Finding;

    fn findings(text: &str) -> Vec<Finding> {
        analyze(text, &Kb::default(), &Options::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "unbalanced-quote")
            .collect()
    }

    #[test]
    fn an_unclosed_quote_is_flagged_at_its_opening_mark() {
        let t = "Talks open\n\nShe said: “We want to see Russia pulling back its forces.\n\nThe talks went on.";
        let f = findings(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "“");
        assert_eq!(f[0].span.start, t.find('“').unwrap());
        assert!(f[0].message.contains("never closed"));
    }

    #[test]
    fn a_closing_mark_with_no_opening_is_flagged() {
        let t = "Talks open\n\nWe want to see Russia pulling back,” she said.";
        let f = findings(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "”");
        assert!(f[0].message.contains("no opening"));
    }

    #[test]
    fn multi_paragraph_quotes_apostrophes_and_straight_quotes_balance() {
        let t = "Talks open\n\n“We will stay in the alliance’s talks.\n\n“We will not leave in the ’90s style,” he said. \"Fine,\" she said, rock 'n' roll.";
        assert!(findings(t).is_empty(), "{:?}", findings(t));
    }
}
