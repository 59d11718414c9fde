//! LSP latency harness: starts the release `copydesk lsp` as a process and measures over
//! stdio the wall time from sending `didChange` to receiving the `publishDiagnostics` of
//! that version (its last byte read; the client's own JSON parsing of it is reported on
//! a second line, "…+ client parse"), for 1,000 single-character edits (inserts and
//! deletes, seeded random places) in a 5,000-word and a 100,000-word draft, then hover
//! and completion round trips. Prints p50, p95, p99 and max. Run with
//! `cargo bench --bench lsp`.
//! `COPYDESK_BENCH_EDITS=100 cargo bench --bench lsp` makes fewer edits in the long draft.
//! Under `cargo test --benches` it makes 20 edits in a 300-word draft, to prove it works.

mod common;
#[path = "common/lsp.rs"]
mod lsp;

use lsp::{floor_boundary, position, Rng, Server};
use serde_json::json;
use std::time::{Duration, Instant};

fn report(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{label:<44} n={:<5} p50 {:>7.3} ms  p95 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms",
        ms.len(),
        common::percentile(&ms, 50.0),
        common::percentile(&ms, 95.0),
        common::percentile(&ms, 99.0),
        ms.last().copied().unwrap_or(0.0),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Edits `text` in the open document `uri`, one character at a time, each waited for.
/// Returns the latencies to the diagnostics' arrival and to their parsing by the client.
fn edits(
    server: &mut Server,
    uri: &str,
    text: &mut String,
    n: usize,
    seed: u64,
) -> (Vec<f64>, Vec<f64>) {
    let mut rng = Rng::new(seed);
    let mut version = 1i64;
    let mut out = Vec::with_capacity(n);
    let mut parsed = Vec::with_capacity(n);
    const INSERTS: &[char] = &['a', 'e', 's', ' ', ',', 'T', '“', 'é'];
    for _ in 0..n {
        version += 1;
        let at = floor_boundary(text, rng.below(text.len()));
        let delete = rng.below(2) == 0 && at < text.len();
        let start = position(text, at);
        let (end, new_text, after) = if delete {
            let len = text[at..].chars().next().map_or(0, char::len_utf8);
            let end = position(text, at + len);
            let mut t = text.clone();
            t.replace_range(at..at + len, "");
            (end, String::new(), t)
        } else {
            let c = INSERTS[rng.below(INSERTS.len())];
            let mut t = text.clone();
            t.insert(at, c);
            (start.clone(), c.to_string(), t)
        };
        let params = json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": start, "end": end}, "text": new_text}],
        });
        let t = Instant::now();
        server.notify("textDocument/didChange", params);
        let r = server.diagnostics_timed(uri, version);
        out.push(ms(r.arrived.saturating_duration_since(t)));
        parsed.push(ms(r.parsed.saturating_duration_since(t)));
        *text = after;
    }
    (out, parsed)
}

/// Hover and completion round trips on names in the settled document.
fn lookups(server: &mut Server, uri: &str, text: &str, n: usize) -> (Vec<f64>, Vec<f64>) {
    let spots: Vec<usize> = ["Stoltenberg", "Grushko", "Peskov", "Sherman", "NATO"]
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(i, _)| i + 3))
        .collect();
    let mut rng = Rng::new(7);
    let (mut hover, mut completion) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let at = spots.get(rng.below(spots.len())).copied().unwrap_or(0);
        let params = json!({"textDocument": {"uri": uri}, "position": position(text, at)});
        let t = Instant::now();
        server.request("textDocument/hover", params.clone());
        hover.push(ms(t.elapsed()));
        let t = Instant::now();
        server.request("textDocument/completion", params);
        completion.push(ms(t.elapsed()));
    }
    (hover, completion)
}

fn main() {
    let full = common::full_run();
    // COPYDESK_BENCH_EDITS shortens the run while full analysis of a 100,000-word draft
    // takes hundreds of milliseconds per edit.
    let n_edits: usize = std::env::var("COPYDESK_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let drafts: &[(&str, usize, usize)] = if full {
        &[
            ("5,000-word draft", 5_000, 1_000),
            ("100,000-word draft", 100_000, n_edits),
        ]
    } else {
        &[("300-word draft", 300, 20)]
    };
    for &(label, words, n) in drafts {
        let mut server = Server::start(None, serde_json::Value::Null);
        let uri = format!("file:///bench/draft-{words}.md");
        let mut text = common::draft_words(words, &[]);
        server.open(&uri, &text);
        let t = Instant::now();
        server.diagnostics(&uri, 1);
        println!(
            "{label}: {} words, {} bytes; open → diagnostics {:.1} ms",
            text.split_whitespace().count(),
            text.len(),
            ms(t.elapsed())
        );
        let (arrived, parsed) = edits(&mut server, &uri, &mut text, n, 42);
        report(&format!("edit → diagnostics, {label}"), arrived);
        report(&format!("  … + client parse, {label}"), parsed);
        let (hover, completion) = lookups(&mut server, &uri, &text, if full { 500 } else { 10 });
        report(&format!("hover, {label}"), hover);
        report(&format!("completion, {label}"), completion);
        server.shutdown();
    }
}
