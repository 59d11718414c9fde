//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, for
//! vim's quickfix list, ALE, grep-style tools and editors' problem matchers. Columns count
//! Unicode scalar values, as in the other formats.

use super::check::FileReport;
use std::io::{self, Write};

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        for f in &r.findings {
            let (line, col) = r.lines.line_col(&r.text, f.span.start);
            // One line each, whatever the message holds.
            let message = f.message.replace(['\r', '\n'], " ");
            writeln!(
                out,
                "{}:{line}:{col}: {}[{}] {message}",
                r.display,
                f.severity.as_str(),
                f.rule
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Finding, Severity};
    use crate::text::{LineIndex, Span};

    #[test]
    fn one_line_per_finding_with_scalar_value_columns() {
        let text = "“Zoë” and\nthe US";
        let start = text.find("US").unwrap();
        let report = FileReport {
            display: "drafts/a.md".into(),
            text: text.into(),
            lines: LineIndex::new(text),
            findings: vec![Finding {
                rule: "title-variant",
                severity: Severity::Warning,
                span: Span::new(start, start + 2),
                message: "write U.S.\nas the body does".into(),
                fixes: vec![],
                related: vec![],
            }],
            paragraphs: vec![],
        };
        let mut out = Vec::new();
        render(&[report], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "drafts/a.md:2:5: warning[title-variant] write U.S. as the body does\n"
        );
    }
}
