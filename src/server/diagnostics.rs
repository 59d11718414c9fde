//! Findings as LSP diagnostics: rule id as `code`, a link to the rule's documentation,
//! related information, and the fixes in `data` (byte edits plus the document version)
//! so code actions need no re-analysis. Also KB/config file problems as diagnostics.

use super::position::{Converter, Encoding};
use super::workspace::FileProblem;
use super::Snapshot;
use crate::lint::{Edit, Finding, Fix, Severity};
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use std::sync::OnceLock;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};

pub const SOURCE: &str = "copydesk";

/// What a diagnostic carries in `data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// The document version the byte offsets refer to.
    pub version: i32,
    pub fixes: Vec<FixData>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<EditData>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditData {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "newText")]
    pub new_text: String,
}

impl From<&Fix> for FixData {
    fn from(f: &Fix) -> Self {
        FixData {
            title: f.title.clone(),
            safe: f.safe,
            edits: f
                .edits
                .iter()
                .map(|e| EditData {
                    start: e.span.start,
                    end: e.span.end,
                    new_text: e.replacement.clone(),
                })
                .collect(),
        }
    }
}

impl FixData {
    pub fn to_fix(&self) -> Fix {
        Fix {
            title: self.title.clone(),
            safe: self.safe,
            edits: self
                .edits
                .iter()
                .map(|e| Edit {
                    span: Span::new(e.start, e.end),
                    replacement: e.new_text.clone(),
                })
                .collect(),
        }
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn rule_link(rule: &str) -> Option<Uri> {
    // Parsed once per rule, not once per finding: a long draft has thousands.
    static LINKS: OnceLock<Vec<(&'static str, Option<Uri>)>> = OnceLock::new();
    let links = LINKS.get_or_init(|| {
        crate::lint::rules::ALL
            .iter()
            .map(|r| (r.meta.id, parse_link(r.meta.id)))
            .collect()
    });
    match links.iter().find(|(id, _)| *id == rule) {
        Some((_, link)) => link.clone(),
        None => parse_link(rule),
    }
}

fn parse_link(rule: &str) -> Option<Uri> {
    Uri::from_str(&format!("{}#{rule}", crate::lint::RULES_DOC)).ok()
}

pub fn to_diagnostic(f: &Finding, uri: &Uri, snap: &Snapshot) -> Diagnostic {
    let conv = Converter::new(&snap.rope, snap.encoding);
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), conv.range(r.span)),
            message: r.message.clone(),
        })
        .collect();
    let data = DiagnosticData {
        version: snap.version,
        fixes: f.fixes.iter().map(FixData::from).collect(),
    };
    Diagnostic {
        range: conv.range(f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: rule_link(f.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

pub fn for_snapshot(uri: &Uri, snap: &Snapshot) -> Vec<Diagnostic> {
    snap.analysis
        .findings
        .iter()
        .map(|f| to_diagnostic(f, uri, snap))
        .collect()
}

/// A KB or config file problem, placed at its line and column (1-based in the
/// problem, counted in characters; a problem without a position marks the file's start).
pub fn file_problem(p: &FileProblem, text: Option<&str>, encoding: Encoding) -> Diagnostic {
    let line = p.line.saturating_sub(1);
    let col = p.column.saturating_sub(1);
    // Columns from the TOML parser count characters; convert to the negotiated units
    // when the file is readable, so the squiggle sits under the right character.
    let character = text
        .and_then(|t| t.lines().nth(line))
        .map(|l| {
            l.chars()
                .take(col)
                .map(|c| match encoding {
                    Encoding::Utf16 => c.len_utf16(),
                    Encoding::Utf8 => c.len_utf8(),
                })
                .sum::<usize>()
        })
        .unwrap_or(col);
    let start = Position::new(clamp_u32(line), clamp_u32(character));
    let end = Position::new(clamp_u32(line), clamp_u32(character + 1));
    Diagnostic {
        range: Range::new(start, end),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("invalid-file".into())),
        code_description: None,
        source: Some(SOURCE.into()),
        message: p.message.clone(),
        related_information: None,
        tags: None,
        data: None,
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
