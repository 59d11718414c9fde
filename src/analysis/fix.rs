//! The one fix engine: which safe fixes apply together (`choose`), one checked round of
//! them (`fix_round`: the quoted words must read the same afterwards), and rounds until the
//! text stops changing (`fix_text`). `copydesk check --fix` and `--diff` call
//! [`fix_text`]; the server's `source.fixAll.copydesk` calls [`safe_edits`], one round. Which
//! fixes are safe at all is decided where a fix is made (`lint::Provenance`).

use super::{analyze, Analysis, Options};
use crate::kb::Kb;
use crate::lint::{apply_edits, Edit, Finding};
use crate::text::{LineIndex, Span};

/// One fix that was applied, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub rule: &'static str,
    pub title: String,
    /// 1-based position of the finding in the text the fix was applied to.
    pub line: usize,
    pub column: usize,
}

/// Fixes can uncover or unblock other fixes, so they are applied in rounds; a bounded
/// number keeps two rules that disagree from looping.
const MAX_ROUNDS: usize = 10;

/// Applies every safe fix to `text`. Returns the new text and what was applied.
pub fn fix_text(text: &str, kb: &Kb, options: &Options) -> (String, Vec<Applied>) {
    let mut current = text.to_string();
    let mut analysis = analyze(&current, kb, options);
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let Some((next, next_analysis, round)) = fix_round(&current, &analysis, kb, options) else {
            break;
        };
        applied.extend(round);
        current = next;
        analysis = next_analysis;
    }
    (current, applied)
}

/// One round of fixes, checked: the quoted words must read the same afterwards. A mark
/// fix can re-pair a tangle of quotation marks so that other text ends up quoted; when a
/// round does that, it is retried without the fixes that touch a mark, and dropped if it
/// still does.
pub fn fix_round(
    current: &str,
    analysis: &Analysis,
    kb: &Kb,
    options: &Options,
) -> Option<(String, Analysis, Vec<Applied>)> {
    let before = analysis.article.quoted_words(current);
    let marks: Vec<Span> = analysis.article.marks.iter().map(|m| m.0).collect();
    let without_marks: Vec<Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            !f.fixes.iter().any(|x| {
                x.edits
                    .iter()
                    .any(|e| marks.iter().any(|m| m.overlaps(e.span)))
            })
        })
        .cloned()
        .collect();
    for findings in [&analysis.findings, &without_marks] {
        let (edits, round) = choose(current, findings);
        if edits.is_empty() {
            continue;
        }
        let (next, _) = apply_edits(current, &edits);
        if next == current {
            continue;
        }
        let next_analysis = analyze(&next, kb, options);
        if next_analysis.article.quoted_words(&next) == before {
            return Some((next, next_analysis, round));
        }
    }
    None
}

/// The edits of one checked round on `text` (see [`fix_round`]), as edits of `text`: what
/// the server's "fix all" (`source.fixAll.copydesk`) hands the editor. The CLI's `--fix`
/// goes on round after round; an editor re-analyses after applying, and its next fix-all
/// takes the next round.
pub fn safe_edits(text: &str, analysis: &Analysis, kb: &Kb, options: &Options) -> Vec<Edit> {
    let before = analysis.article.quoted_words(text);
    let marks: Vec<Span> = analysis.article.marks.iter().map(|m| m.0).collect();
    let without_marks: Vec<Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            !f.fixes.iter().any(|x| {
                x.edits
                    .iter()
                    .any(|e| marks.iter().any(|m| m.overlaps(e.span)))
            })
        })
        .cloned()
        .collect();
    for findings in [&analysis.findings, &without_marks] {
        let (edits, _) = choose(text, findings);
        if edits.is_empty() {
            continue;
        }
        let (next, _) = apply_edits(text, &edits);
        if next == text {
            continue;
        }
        if analyze(&next, kb, options).article.quoted_words(&next) == before {
            return edits;
        }
    }
    Vec::new()
}

/// Picks, in finding order, the first safe fix of each finding whose edits are valid and
/// touch nothing an already chosen fix touches. A fix is taken whole or not at all.
pub fn choose(text: &str, findings: &[Finding]) -> (Vec<Edit>, Vec<Applied>) {
    let lines = LineIndex::new(text);
    let mut taken: Vec<Span> = Vec::new();
    let mut edits = Vec::new();
    let mut applied = Vec::new();
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| x.safe && !x.edits.is_empty()) else {
            continue;
        };
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !valid {
            continue;
        }
        let clashes = |a: Span, b: Span| a.overlaps(b) || a.start == b.start || a.end == b.end;
        let self_clash = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| a.span.overlaps(b.span)));
        let clash = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| clashes(*t, e.span)));
        if self_clash || clash {
            continue;
        }
        let unchanged = fix
            .edits
            .iter()
            .all(|e| e.span.slice(text) == e.replacement);
        if unchanged {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        edits.extend(fix.edits.iter().cloned());
        let (line, column) = lines.line_col(text, f.span.start);
        applied.push(Applied {
            rule: f.rule,
            title: fix.title.clone(),
            line,
            column,
        });
    }
    (edits, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Fix, Severity};

    fn finding(span: Span, fixes: Vec<Fix>) -> Finding {
        Finding {
            rule: "title-variant",
            severity: Severity::Warning,
            span,
            message: "m".into(),
            fixes,
            related: vec![],
        }
    }

    fn fix(safe: bool, edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            title: "t".into(),
            safe,
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit {
                    span: Span::new(s, e),
                    replacement: r.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn choose_takes_safe_fixes_whole_and_skips_clashing_or_unsafe_ones() {
        let text = "US and UK and EU";
        let findings = vec![
            finding(Span::new(0, 2), vec![fix(true, &[(0, 2, "U.S.")])]),
            // Overlaps the first fix: skipped whole, including its non-clashing edit.
            finding(
                Span::new(1, 2),
                vec![fix(true, &[(1, 2, "x"), (14, 16, "E.U.")])],
            ),
            finding(Span::new(7, 9), vec![fix(false, &[(7, 9, "U.K.")])]),
            finding(
                Span::new(14, 16),
                vec![
                    fix(false, &[(14, 16, "no")]),
                    fix(true, &[(14, 16, "E.U.")]),
                ],
            ),
        ];
        let (edits, applied) = choose(text, &findings);
        let (out, n) = apply_edits(text, &edits);
        assert_eq!(out, "U.S. and UK and E.U.");
        assert_eq!(n, 2);
        assert_eq!(applied.len(), 2);
        assert_eq!((applied[1].line, applied[1].column), (1, 15));
    }

    #[test]
    fn choose_ignores_edits_off_char_boundaries_and_no_op_fixes() {
        let text = "“US”";
        let findings = vec![
            finding(Span::new(1, 3), vec![fix(true, &[(1, 3, "x")])]),
            finding(Span::new(3, 5), vec![fix(true, &[(3, 5, "US")])]),
        ];
        let (edits, applied) = choose(text, &findings);
        assert!(edits.is_empty() && applied.is_empty());
    }

    #[test]
    fn a_mark_fix_that_would_change_what_is_quoted_is_held_back() {
        // Made straight, the curly close would re-pair the marks and quote the U+FFFD.
        let text = "\"\"\"\u{201d}\u{fffd}"; // found by the analyze fuzzer
        let (fixed, _) = fix_text(text, &Kb::default(), &Options::default());
        let before = analyze(text, &Kb::default(), &Options::default());
        let after = analyze(&fixed, &Kb::default(), &Options::default());
        assert_eq!(
            before.article.quoted_words(text),
            after.article.quoted_words(&fixed)
        );
    }
}
