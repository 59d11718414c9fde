//! JSON output: one array of findings. The field names are a stable schema that scripts
//! depend on: fields may be added, never renamed or removed.

use super::check::FileReport;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    /// Byte offsets into the file.
    pub start: usize,
    pub end: usize,
    /// 1-based; columns count Unicode scalar values.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub fixes: Vec<JsonFix<'a>>,
    pub related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub title: &'a str,
    /// Applied by `--fix`.
    pub safe: bool,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
}

#[derive(Serialize)]
pub struct JsonRelated<'a> {
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

pub fn findings(reports: &[FileReport]) -> Vec<JsonFinding<'_>> {
    let mut all = Vec::new();
    for r in reports {
        for f in &r.findings {
            let (line, column) = r.lines.line_col(&r.text, f.span.start);
            let (end_line, end_column) = r.lines.line_col(&r.text, f.span.end);
            all.push(JsonFinding {
                path: &r.display,
                rule: f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                start: f.span.start,
                end: f.span.end,
                line,
                column,
                end_line,
                end_column,
                fixes: f
                    .fixes
                    .iter()
                    .map(|x| JsonFix {
                        title: &x.title,
                        safe: x.safe,
                        edits: x
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                start: e.span.start,
                                end: e.span.end,
                                replacement: &e.replacement,
                            })
                            .collect(),
                    })
                    .collect(),
                related: f
                    .related
                    .iter()
                    .map(|rel| {
                        let (line, column) = r.lines.line_col(&r.text, rel.span.start);
                        JsonRelated {
                            message: &rel.message,
                            start: rel.span.start,
                            end: rel.span.end,
                            line,
                            column,
                        }
                    })
                    .collect(),
            });
        }
    }
    all
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &findings(reports))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Edit, Finding, Fix, Severity};
    use crate::text::{LineIndex, Span};

    #[test]
    fn findings_carry_byte_offsets_and_scalar_value_columns() {
        let text = "“Zoë” said\nUS envoy";
        let start = text.find("US").unwrap();
        let report = FileReport {
            display: "a.txt".into(),
            text: text.into(),
            lines: LineIndex::new(text),
            findings: vec![Finding {
                rule: "title-variant",
                severity: Severity::Warning,
                span: Span::new(start, start + 2),
                message: "m".into(),
                fixes: vec![Fix {
                    title: "Replace".into(),
                    edits: vec![Edit {
                        span: Span::new(start, start + 2),
                        replacement: "U.S.".into(),
                    }],
                    safe: true,
                }],
                related: vec![],
            }],
            paragraphs: vec![],
        };
        let mut out = Vec::new();
        render(&[report], &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let f = &v[0];
        assert_eq!(f["path"], "a.txt");
        assert_eq!(f["start"], start);
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(f["end_column"], 3);
        assert_eq!(f["fixes"][0]["edits"][0]["replacement"], "U.S.");
        assert_eq!(f["severity"], "warning");
    }
}
