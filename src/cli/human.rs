//! Human output: rustc/ripgrep-style snippets (severity, rule id, message, path:line:col,
//! the source line with carets, the suggested fix), coloured only when `--color` says.
//! Carets are placed in terminal columns (`unicode-width`), so they stay under the
//! flagged text after CJK characters, emoji or combining accents.

use super::check::FileReport;
use crate::lint::{Finding, Severity};
use crate::text::LineIndex;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Lines longer than this are shown as a window around the finding.
const MAX_LINE_CHARS: usize = 120;
/// Characters of context kept either side of the finding in a window.
const CONTEXT_CHARS: usize = 40;
/// Carets shown at most; a longer span is cut with an ellipsis.
const MAX_SPAN_CHARS: usize = 72;

/// ANSI styling, or none.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity_code(sev: Severity) -> &'static str {
        match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        }
    }
}

pub fn render(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut counts = [0usize; 4];
    for r in reports {
        for f in &r.findings {
            counts[f.severity as usize] += 1;
            render_finding(r, f, style, out)?;
        }
    }
    let total: usize = counts.iter().sum();
    let files = reports.len();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    if total == 0 {
        writeln!(
            out,
            "{}",
            style.paint("1;32", &format!("no problems in {}", plural(files, "file")))
        )?;
    } else {
        let mut parts = Vec::new();
        for (sev, name) in [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "info"),
            (Severity::Hint, "hint"),
        ] {
            let n = counts[sev as usize];
            if n > 0 {
                parts.push(if sev == Severity::Info {
                    format!("{n} info")
                } else {
                    plural(n, name)
                });
            }
        }
        writeln!(
            out,
            "{} in {}",
            style.paint("1", &parts.join(", ")),
            plural(files, "file")
        )?;
    }
    Ok(())
}

fn render_finding(
    r: &FileReport,
    f: &Finding,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = r.text.as_str();
    let (line, col) = r.lines.line_col(text, f.span.start);
    let sev = f.severity.as_str();
    writeln!(
        out,
        "{} {}",
        style.paint(
            Style::severity_code(f.severity),
            &format!("{sev}[{}]:", f.rule)
        ),
        style.paint("1", &f.message)
    )?;
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let blue = |s: &str| style.paint("1;34", s);
    writeln!(out, "{pad}{} {}:{line}:{col}", blue("-->"), r.display)?;
    writeln!(out, "{pad} {}", blue("|"))?;
    let (shown, caret_at, caret_len) = snippet(text, &r.lines, f.span.start, f.span.end);
    writeln!(out, "{} {} {shown}", blue(&line.to_string()), blue("|"))?;
    writeln!(
        out,
        "{pad} {} {}{}",
        blue("|"),
        " ".repeat(caret_at),
        style.paint(Style::severity_code(f.severity), &"^".repeat(caret_len))
    )?;
    for fix in &f.fixes {
        let what = fix
            .edits
            .iter()
            .map(|e| {
                let (l, c) = r.lines.line_col(text, e.span.start);
                let old = e.span.slice(text);
                if old.is_empty() {
                    format!("insert “{}” at {l}:{c}", e.replacement)
                } else if e.replacement.is_empty() {
                    format!("delete “{old}” at {l}:{c}")
                } else {
                    format!("“{old}” → “{}” at {l}:{c}", e.replacement)
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        let tag = if fix.safe { "fix" } else { "suggestion" };
        writeln!(
            out,
            "{pad} {} {}: {} ({what})",
            blue("="),
            style.paint("1", tag),
            fix.title
        )?;
    }
    for rel in &f.related {
        let (l, c) = r.lines.line_col(text, rel.span.start);
        writeln!(
            out,
            "{pad} {} {}: {}:{l}:{c}: {}",
            blue("="),
            style.paint("1", "note"),
            r.display,
            rel.message
        )?;
    }
    writeln!(out)
}

/// The finding's line as shown (tabs as spaces, long lines windowed with ellipses), the
/// terminal column where the carets start in it, and how many there are (at least one).
fn snippet(text: &str, lines: &LineIndex, start: usize, end: usize) -> (String, usize, usize) {
    let (shown, at, len) = snippet_chars(text, lines, start, end);
    let chars: Vec<char> = shown.chars().collect();
    let width = |cs: &[char]| -> usize { cs.iter().map(|c| c.width().unwrap_or(0)).sum() };
    let at_col = width(&chars[..at.min(chars.len())]);
    let end = (at + len).min(chars.len());
    let len_cols = width(&chars[at.min(end)..end]).max(1);
    (shown, at_col, len_cols)
}

/// [`snippet`] counted in `char`s.
fn snippet_chars(
    text: &str,
    lines: &LineIndex,
    start: usize,
    end: usize,
) -> (String, usize, usize) {
    let l = lines.line_of(start);
    let line_start = lines.line_start(l).unwrap_or(0);
    let line_end = lines
        .line_start(l + 1)
        .unwrap_or(text.len())
        .min(text.len());
    let raw = text.get(line_start..line_end).unwrap_or("");
    let raw = raw.trim_end_matches(['\n', '\r']);
    let chars: Vec<char> = raw
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let (_, col) = lines.line_col(text, start);
    let col0 = (col - 1).min(chars.len());
    let span_chars = if end > start {
        let (end_line, end_col) = lines.line_col(text, end);
        if end_line - 1 == l {
            (end_col - 1).saturating_sub(col0).max(1)
        } else {
            chars.len().saturating_sub(col0).max(1)
        }
    } else {
        1
    };
    let span_shown = span_chars.min(MAX_SPAN_CHARS);
    if chars.len() <= MAX_LINE_CHARS {
        return (chars.iter().collect(), col0, span_shown);
    }
    let from = col0.saturating_sub(CONTEXT_CHARS);
    let to = (col0 + span_shown + CONTEXT_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut caret_at = col0 - from;
    if from > 0 {
        shown.push('…');
        caret_at += 1;
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    (shown, caret_at, span_shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Edit, Fix};
    use crate::text::Span;

    fn report(text: &str, findings: Vec<Finding>) -> FileReport {
        FileReport {
            display: "story.txt".into(),
            text: text.into(),
            lines: LineIndex::new(text),
            findings,
            paragraphs: vec![],
        }
    }

    #[test]
    fn carets_sit_under_the_flagged_text_after_wide_characters() {
        // 中文 takes four columns, the emoji two, the combining accent none.
        let text = "中文 😀 e\u{301} “US” envoy";
        let start = text.find("US").unwrap();
        let (shown, at, len) = snippet(text, &LineIndex::new(text), start, start + 2);
        assert_eq!((at, len), (11, 2), "{shown}");
        let wide = "東京で“Secretary General”と述べた";
        let s = wide.find("Secretary").unwrap();
        let (_, at, len) = snippet(
            wide,
            &LineIndex::new(wide),
            s,
            s + "Secretary General".len(),
        );
        assert_eq!((at, len), (7, 17));
    }

    #[test]
    fn a_finding_shows_position_source_line_carets_and_fix() {
        let text = "Headline\r\n\r\nThe “US” envoy said so.\r\n";
        let start = text.find("US").unwrap();
        let f = Finding {
            rule: "title-variant",
            severity: Severity::Warning,
            span: Span::new(start, start + 2),
            message: "write U.S.".into(),
            fixes: vec![Fix {
                title: "Replace with U.S.".into(),
                edits: vec![Edit {
                    span: Span::new(start, start + 2),
                    replacement: "U.S.".into(),
                }],
                safe: true,
            }],
            related: vec![],
        };
        let mut out = Vec::new();
        render(&[report(text, vec![f])], Style { color: false }, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let expected = "warning[title-variant]: write U.S.\n \
 --> story.txt:3:6\n  |\n3 | The “US” envoy said so.\n  |      ^^\n  \
= fix: Replace with U.S. (“US” → “U.S.” at 3:6)\n\n1 warning in 1 file\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn a_clean_run_says_so_and_colour_is_off_unless_asked() {
        let mut out = Vec::new();
        render(&[report("fine", vec![])], Style { color: false }, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "no problems in 1 file\n");
    }

    #[test]
    fn long_lines_are_windowed_around_the_finding() {
        let text = format!("{}NATO{}", "a".repeat(300), "b".repeat(300));
        let lines = LineIndex::new(&text);
        let (shown, at, len) = snippet(&text, &lines, 300, 304);
        assert_eq!(len, 4);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let chars: Vec<char> = shown.chars().collect();
        let picked: String = chars[at..at + len].iter().collect();
        assert_eq!(picked, "NATO");
    }

    #[test]
    fn an_empty_span_gets_one_caret() {
        let text = "abc";
        let (_, at, len) = snippet(text, &LineIndex::new(text), 3, 3);
        assert_eq!((at, len), (3, 1));
    }
}
