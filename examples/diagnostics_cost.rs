//! What publishing diagnostics costs the server per edit, apart from the analysis: the
//! findings of a draft (default: the seed article) turned into LSP diagnostics the way
//! `server::diagnostics` does (positions from the rope, rule link, fixes in `data`), then
//! serialised the way tower-lsp-server does (`serde_json::to_value`, then to a string).
//! `cargo run --release --example diagnostics_cost [FILE]`.

use copydesk::analysis::{analyze, Options};
use copydesk::article::Format;
use copydesk::kb::{starter_files, Kb};
use copydesk::server::position::{Converter, Encoding};
use ropey::Rope;
use std::str::FromStr;
use std::time::Instant;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, Location, NumberOrString,
    PublishDiagnosticsParams, Uri,
};

fn main() {
    let (text, md) = match std::env::args().nth(1) {
        Some(path) => (
            std::fs::read_to_string(&path).unwrap_or_default(),
            path.ends_with(".md"),
        ),
        None => (
            include_str!("../tests/fixtures/seed-article.txt").to_string(),
            false,
        ),
    };
    let kb = Kb::from_files(starter_files());
    let mut options = Options::default();
    if md {
        options.parse.format = Format::Markdown;
    }
    let t = Instant::now();
    let a = analyze(&text, &kb, &options);
    let analysis = t.elapsed();
    let rope = Rope::from_str(&text);
    let uri = Uri::from_str("file:///bench/draft.md").ok();
    let Some(uri) = uri else { return };
    let t = Instant::now();
    let conv = Converter::new(&rope, Encoding::Utf16);
    let link = Uri::from_str("https://github.com/copydesk/copydesk/blob/main/docs/rules.md#x").ok();
    let diags: Vec<Diagnostic> = a
        .findings
        .iter()
        .map(|f| Diagnostic {
            range: conv.range(f.span),
            severity: None,
            code: Some(NumberOrString::String(f.rule.to_string())),
            code_description: link.clone().map(|href| CodeDescription { href }),
            source: Some("copydesk".into()),
            message: f.message.clone(),
            related_information: Some(
                f.related
                    .iter()
                    .map(|r| DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), conv.range(r.span)),
                        message: r.message.clone(),
                    })
                    .collect(),
            )
            .filter(|v: &Vec<_>| !v.is_empty()),
            tags: None,
            data: serde_json::to_value(
                f.fixes
                    .iter()
                    .map(|x| {
                        (
                            x.title.clone(),
                            x.edits
                                .iter()
                                .map(|e| (e.span.start, e.span.end, e.replacement.clone()))
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>(),
            )
            .ok(),
        })
        .collect();
    let convert = t.elapsed();
    let t = Instant::now();
    let params = PublishDiagnosticsParams::new(uri, diags, Some(2));
    let value = serde_json::to_value(&params).unwrap_or_default();
    let to_value = t.elapsed();
    let t = Instant::now();
    let s = value.to_string();
    let to_string = t.elapsed();
    let t = Instant::now();
    drop(value);
    let drop_value = t.elapsed();
    println!(
        "{} bytes, {} findings: analysis {:.1} ms; diagnostics {:.1} ms; to_value {:.1} ms; \
         to_string {:.1} ms ({} bytes of JSON); dropping the Value {:.1} ms",
        text.len(),
        a.findings.len(),
        analysis.as_secs_f64() * 1e3,
        convert.as_secs_f64() * 1e3,
        to_value.as_secs_f64() * 1e3,
        to_string.as_secs_f64() * 1e3,
        s.len(),
        drop_value.as_secs_f64() * 1e3
    );
}
