//! `--format github`: GitHub Actions workflow commands, one per finding
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`), which
//! the runner turns into annotations on the pull request's diff — free on private
//! repositories, unlike code scanning. Errors become `error`, warnings `warning`, info
//! and hints `notice`. Files that could not be read become `::error` annotations too.

use super::check::{FileReport, Problem};
use crate::lint::Severity;
use std::io::{self, Write};

fn command(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport], problems: &[Problem], out: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        let file = escape_property(r.display.strip_prefix("./").unwrap_or(&r.display));
        for f in &r.findings {
            let (line, col) = r.lines.line_col(&r.text, f.span.start);
            let (end_line, end_col) = r.lines.line_col(&r.text, f.span.end);
            writeln!(
                out,
                "::{} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                command(f.severity),
                escape_property(f.rule),
                escape_data(&f.message)
            )?;
        }
    }
    for p in problems {
        match &p.path {
            Some(path) => writeln!(
                out,
                "::error file={},title=copydesk::{}",
                escape_property(path),
                escape_data(&p.message)
            )?,
            None => writeln!(out, "::error title=copydesk::{}", escape_data(&p.message))?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Finding;
    use crate::text::{LineIndex, Span};

    #[test]
    fn findings_become_escaped_workflow_commands() {
        let text = "Headline\n\n“We said, 100% sure:\nno,” US envoy";
        let start = text.find('“').unwrap();
        let end = text.find("US").unwrap();
        let report = FileReport {
            display: "./drafts/a,b.md".into(),
            text: text.into(),
            lines: LineIndex::new(text),
            findings: vec![Finding {
                rule: "unattributed-quote",
                severity: Severity::Info,
                span: Span::new(start, end),
                message: "100% unattributed:\nsee the cue".into(),
                fixes: vec![],
                related: vec![],
            }],
            paragraphs: vec![],
        };
        let problems = [Problem {
            path: Some("gone.txt".into()),
            message: "no such file or directory; not checked".into(),
        }];
        let mut out = Vec::new();
        render(&[report], &problems, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::notice file=drafts/a%2Cb.md,line=3,col=1,endLine=4,endColumn=6,title=unattributed-quote::100%25 unattributed:%0Asee the cue\n\
             ::error file=gone.txt,title=copydesk::no such file or directory; not checked\n"
        );
    }
}
