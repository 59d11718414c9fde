//! `unused-suppression`: a `copydesk-disable` directive that silences nothing, names a rule
//! that does not exist, or is not a directive at all. The directives themselves are read
//! and applied by `lint::suppress`; this file reports what they got wrong.

use crate::declare_rule;
use crate::lint::suppress::{self, Directive};
use crate::lint::{Context, Edit, Finding, Fix, Severity};
use crate::text::Span;

declare_rule! {
    /// A suppression comment that silences nothing.
    ///
    /// ## What it does
    /// Flags a `<!-- copydesk-disable … -->`, `<!-- copydesk-disable-next-line … -->` or
    /// `<!-- copydesk-enable … -->` comment (or one rule named in it) that had nothing
    /// to do: no finding of that rule in the text it covers, a rule name that does not
    /// exist (`unbalanced-qoute`), an `enable` with no `disable` before it, or a
    /// `copydesk-…` word that is not a directive. The finding sits on the rule name (or
    /// the comment) and offers to remove it. How suppressions work is in
    /// [docs/rules.md](#suppressing-a-finding).
    ///
    /// ## Why is this bad?
    /// A suppression outlives the finding it was written for: once the quote is
    /// attributed or the title fixed, the comment stays and would hide the next real
    /// problem on that line. A misspelt rule name hides nothing, while the desk believes
    /// the finding is dealt with.
    ///
    /// ## Example
    /// ```text
    /// <!-- copydesk-disable-next-line unattributed-quote -->
    /// “We are not negotiating,” Peskov said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “We are not negotiating,” Peskov said.
    /// ```
    /// Set `[rules.unused-suppression] severity = "warning"` in `copydesk.toml` to make
    /// stale suppressions fail CI.
    pub static META = ("unused-suppression", Severity::Hint);
}

/// The directives that cannot work as written: unknown rule names and unknown
/// `copydesk-…` words. (A directive that works but silenced nothing is found after every
/// other rule has run, by `lint::suppress::apply`.)
pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let (_, malformed) = suppress::parse(cx.text, &cx.article.comments);
    for m in malformed {
        out.push(Finding {
            rule: META.id,
            severity: META.default_severity,
            span: m.span,
            message: m.message,
            fixes: vec![remove(cx.text, m.comment, None)],
            related: vec![],
        });
    }
}

/// The finding for a directive (or the rule at `at` in it) that silenced nothing.
pub(crate) fn finding(
    text: &str,
    d: &Directive,
    at: Span,
    severity: Severity,
    message: String,
) -> Finding {
    let single = d.rules.len() <= 1 || at == d.span;
    Finding {
        rule: META.id,
        severity,
        span: at,
        message,
        fixes: vec![remove(text, d.span, (!single).then_some(at))],
        related: vec![],
    }
}

/// Removes one rule name (with its separator) from a directive, or the whole comment:
/// with its line when the comment is alone on it, with the space before it when it
/// ends a line of text.
fn remove(text: &str, comment: Span, rule: Option<Span>) -> Fix {
    let span = match rule {
        Some(r) => {
            let after = &text[r.end..comment.end];
            let sep_after = after.len() - after.trim_start_matches([',', ' ', '\t']).len();
            if after[sep_after..].starts_with("-->") || after[sep_after..].starts_with("--") {
                // The last name: take the separator before it instead.
                let before = &text[comment.start..r.start];
                let sep_before = before.len() - before.trim_end_matches([',', ' ', '\t']).len();
                Span::new(r.start - sep_before, r.end)
            } else {
                Span::new(r.start, r.end + sep_after)
            }
        }
        None => {
            let line_start = text[..comment.start]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let rest = &text[comment.end..];
            let line_end = comment.end + rest.find(['\n', '\r']).unwrap_or(rest.len());
            let alone = text[line_start..comment.start].trim().is_empty()
                && text[comment.end..line_end].trim().is_empty();
            if alone {
                let mut end = line_end;
                if text[end..].starts_with("\r\n") {
                    end += 2;
                } else if end < text.len() {
                    end += 1;
                }
                Span::new(line_start, end)
            } else {
                let before = &text[line_start..comment.start];
                let spaces = before.len() - before.trim_end_matches([' ', '\t']).len();
                Span::new(comment.start - spaces, comment.end)
            }
        }
    };
    Fix {
        title: "Remove the unused suppression".into(),
        edits: vec![Edit {
            span,
            replacement: String::new(),
        }],
        safe: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::apply_edits;

    fn removed(text: &str, rule: Option<&str>) -> String {
        let c = Span::new(text.find("<!--").unwrap(), text.find("-->").unwrap() + 3);
        let r = rule.map(|r| {
            let at = text.find(r).unwrap();
            Span::new(at, at + r.len())
        });
        apply_edits(text, &remove(text, c, r).edits).0
    }

    #[test]
    fn removing_takes_the_line_the_space_or_the_name_with_its_comma() {
        assert_eq!(
            removed("a\r\n<!-- copydesk-disable -->\r\nb", None),
            "a\r\nb"
        );
        assert_eq!(
            removed("Text. <!-- copydesk-disable-next-line x -->\nb", None),
            "Text.\nb"
        );
        let d = "<!-- copydesk-disable title-variant, name-variant -->";
        assert_eq!(
            removed(d, Some("title-variant")),
            "<!-- copydesk-disable name-variant -->"
        );
        assert_eq!(
            removed(d, Some("name-variant")),
            "<!-- copydesk-disable title-variant -->"
        );
    }
}
