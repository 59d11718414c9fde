//! Suppression directives, in HTML comments (Markdown and plain text alike):
//!
//! - `<!-- copydesk-disable RULE[, RULE] -->` … `<!-- copydesk-enable [RULE…] -->`: no
//!   finding of those rules (no rule named: of any rule) starts in between; without an
//!   enable, to the end of the draft;
//! - `<!-- copydesk-disable-next-line [RULE…] -->`: none starts on the next line that
//!   holds text.
//!
//! Text after ` -- ` is a note for the reader (`<!-- copydesk-disable-next-line
//! unattributed-quote -- epigraph -->`). [`apply`] runs inside [`super::run`], so the CLI,
//! the server and SARIF see the same findings; what a directive silenced nothing of is
//! reported by the `unused-suppression` rule. Comments inside Markdown code are text, not
//! directives ([`crate::article::Article::comments`]).

use super::rules::unused_suppression;
use super::{Context, Edit, Finding};
use crate::article::Article;
use crate::text::Span;

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Disable,
    Enable,
    DisableNextLine,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Disable => "copydesk-disable",
            Verb::Enable => "copydesk-enable",
            Verb::DisableNextLine => "copydesk-disable-next-line",
        }
    }
}

/// One directive as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    pub verb: Verb,
    /// The registered rules it names, with where each name is written. Empty with
    /// `named == false`: every rule.
    pub rules: Vec<(&'static str, Span)>,
    /// True when the directive names rules (even if none of them exists).
    pub named: bool,
}

/// A comment that reads as a directive but cannot work as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    pub message: String,
    /// For an unknown rule name: the directive's comment, so a fix can remove it.
    pub comment: Span,
}

/// Every directive in the draft's comments, and the ones that cannot work.
pub fn parse(text: &str, comments: &[Span]) -> (Vec<Directive>, Vec<Malformed>) {
    let mut directives = Vec::new();
    let mut bad = Vec::new();
    for &c in comments {
        let Some(body) = c.slice(text).strip_prefix("<!--") else {
            continue;
        };
        let body = body.strip_suffix("-->").unwrap_or(body);
        let lead = body.len() - body.trim_start().len();
        let at = c.start + 4 + lead;
        let body = body.trim_start();
        if !body.starts_with("copydesk-") {
            continue;
        }
        let word_len = body
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
            .unwrap_or(body.len());
        let verb = match &body[..word_len] {
            "copydesk-disable" => Verb::Disable,
            "copydesk-enable" => Verb::Enable,
            "copydesk-disable-next-line" => Verb::DisableNextLine,
            other => {
                bad.push(Malformed {
                    span: Span::new(at, at + word_len),
                    message: format!(
                        "`{other}` is not a copydesk directive, so this comment silences \
                         nothing: write copydesk-disable, copydesk-enable or \
                         copydesk-disable-next-line"
                    ),
                    comment: c,
                });
                continue;
            }
        };
        // The rule list ends at ` -- ` (a note for the reader) or the comment's end.
        let rest = &body[word_len..];
        let rest = match rest.find("--") {
            Some(i) if i == 0 || rest[..i].ends_with(char::is_whitespace) => &rest[..i],
            _ => rest,
        };
        let rest_at = at + word_len;
        let mut rules = Vec::new();
        let mut named = false;
        let mut i = 0;
        for piece in rest.split(|ch: char| ch == ',' || ch.is_whitespace()) {
            let start = rest_at + i;
            i += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            named = true;
            let span = Span::new(start, start + piece.len());
            match super::rule(piece) {
                Some(r) => rules.push((r.meta.id, span)),
                None => bad.push(Malformed {
                    span,
                    message: format!(
                        "`{piece}` is not a copydesk rule, so this suppression silences \
                         nothing of it (rules: {})",
                        super::rules::ALL
                            .iter()
                            .map(|r| r.meta.id)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    comment: c,
                }),
            }
        }
        directives.push(Directive {
            span: c,
            verb,
            rules,
            named,
        });
    }
    (directives, bad)
}

/// One rule (or every rule) silenced over a range of the text by one directive.
struct Scope {
    /// Findings starting in here are silenced.
    range: Span,
    /// None: every rule.
    rule: Option<&'static str>,
    directive: usize,
    /// Where the rule is named (the comment when it names none).
    at: Span,
    used: bool,
}

/// An `enable` that ended nothing.
struct StrayEnable {
    directive: usize,
    at: Span,
}

/// Drops the findings the draft's directives silence, then adds an `unused-suppression`
/// finding for every directive (or rule named in one) that silenced nothing, when that
/// rule is on. `findings` come sorted by position and leave so.
pub fn apply(cx: &Context, findings: Vec<Finding>) -> Vec<Finding> {
    if cx.article.comments.is_empty() {
        return findings;
    }
    let (directives, _) = parse(cx.text, &cx.article.comments);
    if directives.is_empty() {
        return findings;
    }
    let (mut scopes, strays) = scopes(cx.text, &directives);
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let mut silenced = false;
        if f.rule != unused_suppression::META.id {
            for s in scopes.iter_mut() {
                if s.range.start <= f.span.start
                    && f.span.start < s.range.end
                    && s.rule.is_none_or(|r| r == f.rule)
                {
                    s.used = true;
                    silenced = true;
                }
            }
        }
        if !silenced {
            kept.push(f);
        }
    }
    let Some(severity) = cx.config.severity(&unused_suppression::META) else {
        return kept;
    };
    let mut unused: Vec<Finding> = Vec::new();
    for s in scopes.iter().filter(|s| !s.used) {
        let d = &directives[s.directive];
        let what = match s.rule {
            Some(r) => format!("`{r}`"),
            None => "every rule".to_string(),
        };
        let place = match d.verb {
            Verb::DisableNextLine => "on the next line",
            _ => "in the text it covers",
        };
        unused.push(unused_suppression::finding(
            cx.text,
            d,
            s.at,
            severity,
            format!(
                "this {} of {what} silences nothing: no such finding {place}",
                d.verb.as_str()
            ),
        ));
    }
    for e in strays {
        let d = &directives[e.directive];
        unused.push(unused_suppression::finding(
            cx.text,
            d,
            e.at,
            severity,
            "this copydesk-enable ends no copydesk-disable before it".to_string(),
        ));
    }
    if unused.is_empty() {
        return kept;
    }
    kept.extend(unused);
    kept.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    kept
}

/// The ranges each directive silences, and the `enable`s that end nothing.
fn scopes(text: &str, directives: &[Directive]) -> (Vec<Scope>, Vec<StrayEnable>) {
    let mut scopes: Vec<Scope> = Vec::new();
    let mut strays = Vec::new();
    // Disables not yet ended: indices into `scopes`.
    let mut open: Vec<usize> = Vec::new();
    let targets = |d: &Directive| -> Vec<(Option<&'static str>, Span)> {
        if d.named {
            d.rules.iter().map(|&(r, at)| (Some(r), at)).collect()
        } else {
            vec![(None, d.span)]
        }
    };
    for (i, d) in directives.iter().enumerate() {
        match d.verb {
            Verb::Disable => {
                for (rule, at) in targets(d) {
                    open.push(scopes.len());
                    scopes.push(Scope {
                        range: Span::new(d.span.end, text.len()),
                        rule,
                        directive: i,
                        at,
                        used: false,
                    });
                }
            }
            Verb::DisableNextLine => {
                let range = next_line(text, d.span.end);
                for (rule, at) in targets(d) {
                    scopes.push(Scope {
                        range,
                        rule,
                        directive: i,
                        at,
                        used: false,
                    });
                }
            }
            Verb::Enable => {
                if d.named && d.rules.is_empty() {
                    // Only unknown rules named: reported as such by the rule's check.
                    continue;
                }
                for (rule, at) in targets(d) {
                    let before = open.len();
                    open.retain(|&k| {
                        let ends = rule.is_none() || scopes[k].rule == rule;
                        if ends {
                            scopes[k].range.end = d.span.start;
                        }
                        !ends
                    });
                    if open.len() == before {
                        strays.push(StrayEnable { directive: i, at });
                    }
                }
            }
        }
    }
    (scopes, strays)
}

/// The next line after the one holding `from` that has text on it (a blank line between
/// the directive and its line is allowed); empty at the end of the text.
fn next_line(text: &str, from: usize) -> Span {
    let bytes = text.as_bytes();
    let mut i = from;
    // To the end of the directive's own line.
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    loop {
        // Past one line break.
        if i < bytes.len() && bytes[i] == b'\r' {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'\n' {
            i += 1;
        }
        if i >= bytes.len() {
            return Span::new(text.len(), text.len());
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        if !text[start..i].trim().is_empty() {
            return Span::new(start, i);
        }
    }
}

/// The edit that silences `rule` on the line holding `at` with a
/// `copydesk-disable-next-line` directive, written so the draft's structure stays as it
/// was: a rule added to the directive already ending the line above; else the directive
/// appended to the line above when that line is text of a paragraph (an inline comment,
/// which neither splits the paragraph nor shows in rendered Markdown); else a line of its
/// own, with the line's indentation and line ending, inserted before it (the line starts
/// a block). None when a directive above already silences every rule.
pub fn disable_next_line(text: &str, article: &Article, rule: &str, at: usize) -> Option<Edit> {
    let at = at.min(text.len());
    let bytes = text.as_bytes();
    let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let comment = |rule: &str| format!("<!-- copydesk-disable-next-line {rule} -->");
    let insert = |pos: usize, s: String| Edit {
        span: Span::new(pos, pos),
        replacement: s,
    };
    if line_start > 0 {
        // The line above: from after its own line break to before the one ending it.
        let mut prev_end = line_start - 1;
        if bytes[prev_end] == b'\n' && prev_end > 0 && bytes[prev_end - 1] == b'\r' {
            prev_end -= 1;
        }
        let prev_start = text[..prev_end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let prev = &text[prev_start..prev_end];
        let content_end = prev_start + prev.trim_end().len();
        if !prev.trim().is_empty() {
            let (directives, _) = parse(text, &article.comments);
            if let Some(d) = directives
                .iter()
                .find(|d| d.verb == Verb::DisableNextLine && d.span.end == content_end)
            {
                if !d.named {
                    return None;
                }
                return match d.rules.last() {
                    Some(&(_, last)) => Some(insert(last.end, format!(", {rule}"))),
                    // Only unknown names: add the rule after the verb.
                    None => Some(insert(
                        d.span.start
                            + d.span
                                .slice(text)
                                .find(Verb::DisableNextLine.as_str())
                                .unwrap_or(0)
                            + Verb::DisableNextLine.as_str().len(),
                        format!(" {rule}"),
                    )),
                };
            }
            let in_paragraph = article
                .paragraph_at(content_end.saturating_sub(1))
                .is_some();
            if in_paragraph && !article.is_excluded(Span::new(content_end - 1, content_end)) {
                return Some(insert(content_end, format!(" {}", comment(rule))));
            }
        }
    }
    let line = &text[line_start..];
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let indent = &line[..indent_len];
    let eol = if text.contains("\r\n") {
        "\r\n"
    } else if text.contains('\r') && !text.contains('\n') {
        "\r"
    } else {
        "\n"
    };
    Some(insert(
        line_start,
        format!("{indent}{}{eol}", comment(rule)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::article::{Format, ParseOptions};
    use crate::date::Date;
    use crate::kb::Kb;
    use crate::lint::apply_edits;

    fn options(format: Format) -> Options {
        Options {
            parse: ParseOptions { format },
            today: Date::new(2022, 1, 12).unwrap(),
            ..Options::default()
        }
    }

    /// (rule, flagged text) of every finding.
    fn found(text: &str, format: Format) -> Vec<(&'static str, String)> {
        analyze(text, &Kb::default(), &options(format))
            .findings
            .iter()
            .map(|f| (f.rule, f.span.slice(text).to_string()))
            .collect()
    }

    /// An unclosed quotation, and a paragraph after it that does not continue it.
    const UNBALANCED: &str = "“We will never surrender, he said.\n\nThe talks went on.";

    #[test]
    fn disable_next_line_silences_the_named_rule_on_the_next_line_only() {
        let text = format!(
            "Headline\n\n<!-- copydesk-disable-next-line unbalanced-quote -->\n{UNBALANCED}\n\n{UNBALANCED}\n"
        );
        let f = found(&text, Format::Plain);
        assert_eq!(
            f.iter().filter(|(r, _)| *r == "unbalanced-quote").count(),
            1
        );
        let second = text.rfind('“').unwrap();
        let a = analyze(&text, &Kb::default(), &options(Format::Plain));
        assert!(a
            .findings
            .iter()
            .any(|x| x.rule == "unbalanced-quote" && x.span.start == second));
        assert!(!f.iter().any(|(r, _)| *r == "unused-suppression"), "{f:?}");
    }

    #[test]
    fn disable_and_enable_bound_a_region_and_no_rule_means_every_rule() {
        let text = format!(
            "Headline\n\n<!-- copydesk-disable -->\n\n{UNBALANCED}\n\n<!-- copydesk-enable -->\n\n{UNBALANCED}\n"
        );
        let f = found(&text, Format::Markdown);
        assert_eq!(f, vec![("unbalanced-quote", "“".to_string())], "{f:?}");
        // Without the enable, to the end.
        let text = format!("Headline\n\n<!-- copydesk-disable unbalanced-quote, title-variant -- epigraph -->\n\n{UNBALANCED}\n\n{UNBALANCED}\n");
        let f = found(&text, Format::Plain);
        assert_eq!(
            f,
            vec![("unused-suppression", "title-variant".to_string())],
            "the unused half of the list is reported: {f:?}"
        );
    }

    #[test]
    fn enable_of_one_rule_ends_only_its_disable() {
        let text = format!(
            "Headline\n\n<!-- copydesk-disable unbalanced-quote -->\n\n{UNBALANCED}\n\n<!-- copydesk-enable title-variant -->\n\n<!-- copydesk-enable unbalanced-quote -->\n\n{UNBALANCED}\n"
        );
        let f = found(&text, Format::Plain);
        assert_eq!(
            f,
            vec![
                ("unused-suppression", "title-variant".to_string()),
                ("unbalanced-quote", "“".to_string())
            ],
            "{f:?}"
        );
    }

    #[test]
    fn an_unused_directive_is_a_hint_with_a_fix_that_removes_it() {
        let text =
            "Headline\n\n<!-- copydesk-disable-next-line unbalanced-quote -->\nAll is well here.\n";
        let a = analyze(text, &Kb::default(), &options(Format::Plain));
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == "unused-suppression")
            .expect("reported");
        assert_eq!(f.severity, crate::lint::Severity::Hint);
        assert_eq!(f.span.slice(text), "unbalanced-quote");
        assert!(!f.fixes[0].safe);
        let (fixed, _) = apply_edits(text, &f.fixes[0].edits);
        assert_eq!(fixed, "Headline\n\nAll is well here.\n");
    }

    #[test]
    fn unknown_rules_and_verbs_are_reported_and_silence_nothing() {
        let text = format!("Headline\n\n<!-- copydesk-disable-next-line unbalanced-qoute -->\n{UNBALANCED}\n\n<!-- copydesk-disabel -->\n");
        let f = found(&text, Format::Plain);
        assert_eq!(
            f,
            vec![
                ("unused-suppression", "unbalanced-qoute".to_string()),
                ("unbalanced-quote", "“".to_string()),
                ("unused-suppression", "copydesk-disabel".to_string()),
            ],
            "{f:?}"
        );
    }

    #[test]
    fn a_directive_inside_markdown_code_is_only_text() {
        let text = format!("# Headline\n\n`<!-- copydesk-disable -->`\n\n{UNBALANCED}\n");
        let f = found(&text, Format::Markdown);
        assert_eq!(f, vec![("unbalanced-quote", "“".to_string())], "{f:?}");
    }

    #[test]
    fn the_unused_suppression_rule_can_be_turned_off() {
        let text = "Headline\n\n<!-- copydesk-disable -->\nFine.\n";
        let mut o = options(Format::Plain);
        o.lint.severities.insert("unused-suppression".into(), None);
        assert!(analyze(text, &Kb::default(), &o).findings.is_empty());
    }

    /// Inserts the directive for the first finding of `rule` and re-analyses.
    fn suppress_first(text: &str, format: Format, rule: &str) -> (String, Vec<&'static str>) {
        let a = analyze(text, &Kb::default(), &options(format));
        let f = a.findings.iter().find(|f| f.rule == rule).expect("finding");
        let edit = disable_next_line(text, &a.article, rule, f.span.start).expect("an edit");
        let (out, _) = apply_edits(text, &[edit]);
        let after = analyze(&out, &Kb::default(), &options(format));
        (out, after.findings.iter().map(|f| f.rule).collect())
    }

    #[test]
    fn the_inserted_directive_silences_the_finding_and_keeps_the_paragraphs() {
        // The finding starts a block: a line of its own before it.
        let text = format!("Headline\r\n\r\n{UNBALANCED}\r\n");
        let (out, rules) = suppress_first(&text, Format::Plain, "unbalanced-quote");
        assert_eq!(
            out,
            format!("Headline\r\n\r\n<!-- copydesk-disable-next-line unbalanced-quote -->\r\n{UNBALANCED}\r\n")
        );
        assert!(rules.is_empty(), "{rules:?}");

        // Inside a hard-wrapped Markdown paragraph: appended to the line above.
        let text = format!("# Headline\n\nThe envoy arrived late.  \n{UNBALANCED}\n");
        let before = analyze(&text, &Kb::default(), &options(Format::Markdown));
        let (out, rules) = suppress_first(&text, Format::Markdown, "unbalanced-quote");
        assert_eq!(
            out,
            format!("# Headline\n\nThe envoy arrived late. <!-- copydesk-disable-next-line unbalanced-quote -->  \n{UNBALANCED}\n")
        );
        assert!(rules.is_empty(), "{rules:?}");
        let after = analyze(&out, &Kb::default(), &options(Format::Markdown));
        assert_eq!(
            before.article.paragraphs.len(),
            after.article.paragraphs.len()
        );
    }

    #[test]
    fn a_second_rule_joins_the_directive_above() {
        let text = "Headline\n\n<!-- copydesk-disable-next-line title-variant -->\n“We will never surrender, he said.\n";
        let a = analyze(text, &Kb::default(), &options(Format::Plain));
        let at = text.find('“').unwrap();
        let e = disable_next_line(text, &a.article, "unbalanced-quote", at).unwrap();
        let (out, _) = apply_edits(text, &[e]);
        assert!(
            out.contains("<!-- copydesk-disable-next-line title-variant, unbalanced-quote -->\n“"),
            "{out}"
        );
    }
}
