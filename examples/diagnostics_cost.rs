//! What publishing diagnostics costs the server per edit, apart from the analysis, on a
//! draft (default: the seed article): the old path (findings → `Diagnostic`s, then
//! tower-lsp-server's `serde_json::to_value`, string, drop of the `Value`), which pull
//! diagnostics still take, against the server's own path (`server::publish`: findings
//! straight to bytes). Checks that both give the same bytes. Medians of 7 runs.
//! `cargo run --release --example diagnostics_cost [FILE]`; with `PUBLISH_ONLY=1` it runs
//! only the server's path, 100 times, for `perf record`.

use copydesk::analysis::{analyze, Options};
use copydesk::article::Format;
use copydesk::kb::{starter_files, Kb};
use copydesk::server::diagnostics::for_snapshot;
use copydesk::server::position::Encoding;
use copydesk::server::publish::findings_message;
use copydesk::server::Snapshot;
use ropey::Rope;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::{PublishDiagnosticsParams, Uri};

const RUNS: usize = 7;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

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
    let kb = Arc::new(Kb::from_files(starter_files()));
    let mut options = Options::default();
    if md {
        options.parse.format = Format::Markdown;
    }
    let t = Instant::now();
    let a = analyze(&text, &kb, &options);
    let analysis = t.elapsed();
    let Ok(uri) = Uri::from_str("file:///bench/draft.md") else {
        return;
    };
    let snap = Snapshot {
        uri: uri.clone(),
        version: 2,
        generation: 1,
        rope: Rope::from_str(&text),
        text: text.clone(),
        analysis: Arc::new(a),
        kb,
        options: Default::default(),
        encoding: Encoding::Utf16,
        kb_target: None,
        inlay_speakers: false,
    };
    if std::env::var_os("PUBLISH_ONLY").is_some() {
        let t = Instant::now();
        let bytes: usize = (0..100).map(|_| findings_message(&snap).len()).sum();
        println!(
            "server::publish: {:.2} ms per message ({bytes} bytes in all)",
            t.elapsed().as_secs_f64() * 1e3 / 100.0
        );
        return;
    }
    let (mut convert, mut to_value, mut to_string, mut drop_value, mut ours) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut old_bytes, mut new_bytes) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let diags = for_snapshot(&uri, &snap);
        convert.push(t.elapsed());
        let t = Instant::now();
        let params = PublishDiagnosticsParams::new(uri.clone(), diags, Some(snap.version));
        let value = serde_json::to_value(&params).unwrap_or_default();
        let request = Request::build("textDocument/publishDiagnostics")
            .params(value)
            .finish();
        to_value.push(t.elapsed());
        let t = Instant::now();
        old_bytes = serde_json::to_vec(&request).unwrap_or_default();
        to_string.push(t.elapsed());
        let t = Instant::now();
        drop((request, params));
        drop_value.push(t.elapsed());
        let t = Instant::now();
        new_bytes = findings_message(&snap);
        ours.push(t.elapsed());
    }
    println!(
        "{} bytes, {} findings: analysis {:.1} ms",
        text.len(),
        snap.analysis.findings.len(),
        analysis.as_secs_f64() * 1e3
    );
    println!(
        "  old path (pull diagnostics; push before server::publish): diagnostics {:.2} ms; \
         to_value {:.2} ms; to_string {:.2} ms ({} bytes); dropping them {:.2} ms",
        median(convert),
        median(to_value),
        median(to_string),
        old_bytes.len(),
        median(drop_value),
    );
    println!(
        "  server::publish: findings → bytes {:.2} ms ({} bytes); same bytes: {}",
        median(ours),
        new_bytes.len(),
        old_bytes == new_bytes
    );
}
