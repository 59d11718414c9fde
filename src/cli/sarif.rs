//! SARIF 2.1.0 output for GitHub code scanning: every rule in `tool.driver.rules` with
//! its documentation and `helpUri`, one result per finding with its related locations,
//! fixes and a `partialFingerprints` entry that survives edits elsewhere in the draft,
//! and an `invocations` entry whose notifications name the files that could not be read.
//! Columns are counted in Unicode code points (declared with `columnKind`), matching the
//! other formats. tests/sarif_schema.rs validates the output against the official schema.

use super::check::{FileReport, Problem};
use super::explain;
use crate::lint::{self, Severity};
use crate::text::Span;
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

pub fn document(reports: &[FileReport], problems: &[Problem]) -> Value {
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
                "helpUri": r.meta.help_uri(),
                "defaultConfiguration": { "level": level(r.meta.default_severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let region = |span: Span| {
            let (sl, sc) = r.lines.line_col(&r.text, span.start);
            let (el, ec) = r.lines.line_col(&r.text, span.end);
            json!({
                "startLine": sl,
                "startColumn": sc,
                "endLine": el,
                "endColumn": ec,
                "byteOffset": span.start,
                "byteLength": span.len(),
            })
        };
        let prints = fingerprints(r);
        for (f, print) in r.findings.iter().zip(prints) {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.display) },
                        "region": region(f.span),
                    }
                }],
                "partialFingerprints": { FINGERPRINT: print },
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        json!({
                            "id": i + 1,
                            "message": { "text": rel.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri(&r.display) },
                                "region": region(rel.span),
                            }
                        })
                    })
                    .collect();
            }
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
            "invocations": [invocation(problems)],
            "results": results,
        }]
    })
}

/// The run's one invocation: successful when every file could be read and checked; each
/// problem is an error notification naming its file.
fn invocation(problems: &[Problem]) -> Value {
    let notes: Vec<Value> = problems
        .iter()
        .map(|p| {
            let mut n = json!({
                "level": "error",
                "message": { "text": p.message },
            });
            if let Some(path) = &p.path {
                n["locations"] = json!([{
                    "physicalLocation": { "artifactLocation": { "uri": uri(path) } }
                }]);
            }
            n
        })
        .collect();
    json!({
        "executionSuccessful": problems.is_empty(),
        "toolExecutionNotifications": notes,
    })
}

/// The `partialFingerprints` key: versioned, so a change of recipe is a new key rather
/// than a silent change of meaning.
pub const FINGERPRINT: &str = "copydeskFindingHash/v1";

/// One fingerprint per finding, in order: a hash of the rule, the flagged text and the
/// text of its paragraph with runs of white space made one space (so re-wrapping the
/// paragraph, or editing any other paragraph, keeps it), plus how many findings before it
/// in the file had the same three (so two identical findings in one paragraph differ).
fn fingerprints(r: &FileReport) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    r.findings
        .iter()
        .map(|f| {
            let para = r
                .paragraphs
                .iter()
                .find(|p| p.start <= f.span.start && f.span.start < p.end.max(p.start + 1))
                .copied()
                .unwrap_or_else(|| line_of(&r.text, f.span.start));
            let normal: Vec<&str> = para.slice(&r.text).split_whitespace().collect();
            let mut h = Fnv::new();
            h.write(f.rule.as_bytes());
            h.write(&[0]);
            h.write(f.span.slice(&r.text).as_bytes());
            h.write(&[0]);
            h.write(normal.join(" ").as_bytes());
            let base = h.0;
            let n = seen.entry(base).or_insert(0);
            let mut h = Fnv(base);
            h.write(&[0]);
            h.write(n.to_string().as_bytes());
            *n += 1;
            format!("{:016x}", h.0)
        })
        .collect()
}

/// The line holding `offset`, for a finding outside every paragraph.
fn line_of(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Span::new(start, end)
}

/// FNV-1a, 64 bits: a hash whose value never changes between builds, platforms or Rust
/// versions (std's hashers promise none of that).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub fn render(reports: &[FileReport], problems: &[Problem], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(reports, problems))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Finding, Related};
    use crate::text::LineIndex;

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
            paragraphs: vec![],
        };
        let doc = document(&[report], &[]);
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
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        assert!(run["tool"]["driver"]["rules"][0]["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#unattributed-quote"));
    }

    fn report_of(text: &str, flagged: &str) -> FileReport {
        let paragraphs = crate::article::blocks::plain_blocks(text, 0);
        let findings = text
            .match_indices(flagged)
            .map(|(at, _)| Finding {
                rule: "title-variant",
                severity: Severity::Warning,
                span: Span::new(at, at + flagged.len()),
                message: "m".into(),
                fixes: vec![],
                related: vec![Related {
                    span: Span::new(0, 4),
                    message: "the body's form".into(),
                }],
            })
            .collect();
        FileReport {
            display: "a.txt".into(),
            lines: LineIndex::new(text),
            text: text.into(),
            findings,
            paragraphs,
        }
    }

    fn prints(text: &str, flagged: &str) -> Vec<String> {
        let doc = document(&[report_of(text, flagged)], &[]);
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"][FINGERPRINT]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn fingerprints_survive_edits_elsewhere_and_rewrapping_but_not_edits_of_the_paragraph() {
        let base = prints("Head\n\nThe US envoy met the US team.\n\nOther.", "US");
        assert_eq!(base.len(), 2);
        assert_ne!(base[0], base[1], "two alike in one paragraph differ");
        let moved = prints(
            "Head line changed\n\nA new paragraph.\n\nThe US envoy\nmet the  US team.\n\nOther, edited.",
            "US",
        );
        assert_eq!(base, moved);
        let edited = prints(
            "Head\n\nThe US envoy met the US delegation.\n\nOther.",
            "US",
        );
        assert_ne!(base[0], edited[0]);
    }

    #[test]
    fn related_locations_and_unreadable_files_are_carried() {
        let problems = [Problem {
            path: Some("drafts/gone.txt".into()),
            message: "no such file or directory; not checked".into(),
        }];
        let doc = document(&[report_of("NATO said US.", "US")], &problems);
        let run = &doc["runs"][0];
        let rel = &run["results"][0]["relatedLocations"][0];
        assert_eq!(rel["id"], 1);
        assert_eq!(rel["message"]["text"], "the body's form");
        assert_eq!(rel["physicalLocation"]["region"]["startColumn"], 1);
        let inv = &run["invocations"][0];
        assert_eq!(inv["executionSuccessful"], false);
        let n = &inv["toolExecutionNotifications"][0];
        assert_eq!(n["level"], "error");
        assert_eq!(
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "drafts/gone.txt"
        );
    }
}
