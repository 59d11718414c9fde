//! SARIF 2.1.0 output for GitHub code scanning: every rule in `tool.driver.rules` with
//! its documentation, one result per finding. Columns are counted in Unicode code points
//! (declared with `columnKind`), matching the other formats.

use super::check::FileReport;
use super::explain;
use crate::lint::{self, Severity};
use serde_json::{json, Value};
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A path as a SARIF URI: relative paths stay relative (to the checkout root, which is
/// what code scanning expects), with `/` separators and reserved characters escaped.
fn uri(display: &str) -> String {
    let p = display.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::new();
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if display.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

pub fn document(reports: &[FileReport]) -> Value {
    let rules: Vec<Value> = lint::rules::ALL
        .iter()
        .map(|r| {
            let doc = explain::doc_text(r.meta);
            json!({
                "id": r.meta.id,
                "name": explain::camel_name(r.meta.id),
                "shortDescription": { "text": explain::summary(r.meta) },
                "fullDescription": { "text": explain::first_section(&doc) },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(r.meta.default_severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for f in &r.findings {
            let (sl, sc) = r.lines.line_col(&r.text, f.span.start);
            let (el, ec) = r.lines.line_col(&r.text, f.span.end);
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.display) },
                        "region": {
                            "startLine": sl,
                            "startColumn": sc,
                            "endLine": el,
                            "endColumn": ec,
                            "byteOffset": f.span.start,
                            "byteLength": f.span.len(),
                        }
                    }
                }],
            });
            if let Some(i) = lint::rules::ALL.iter().position(|x| x.meta.id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|x| {
                    json!({
                        "description": { "text": x.title },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri(&r.display) },
                            "replacements": x.edits.iter().map(|e| json!({
                                "deletedRegion": {
                                    "byteOffset": e.span.start,
                                    "byteLength": e.span.len(),
                                },
                                "insertedContent": { "text": e.replacement },
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "copydesk",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(reports))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Finding;
    use crate::text::{LineIndex, Span};

    #[test]
    fn uris_are_relative_with_forward_slashes_and_escaped() {
        assert_eq!(uri("./drafts/a b.txt"), "drafts/a%20b.txt");
        assert_eq!(uri("drafts\\x.md"), "drafts/x.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
    }

    #[test]
    fn a_result_has_level_location_and_code_point_columns() {
        let text = "“Zoë” US";
        let start = text.find("US").unwrap();
        let report = FileReport {
            display: "a.txt".into(),
            text: text.into(),
            lines: LineIndex::new(text),
            findings: vec![Finding {
                rule: "title-variant",
                severity: Severity::Info,
                span: Span::new(start, start + 2),
                message: "m".into(),
                fixes: vec![],
                related: vec![],
            }],
        };
        let doc = document(&[report]);
        assert_eq!(doc["version"], "2.1.0");
        assert_eq!(doc["$schema"], SCHEMA);
        let run = &doc["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let res = &run["results"][0];
        assert_eq!(res["level"], "note");
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startColumn"], 7);
        assert_eq!(region["endColumn"], 9);
        assert_eq!(
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "a.txt"
        );
    }
}
