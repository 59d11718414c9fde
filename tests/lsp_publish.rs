//! Pushed diagnostics, written by the server's own publishing path (not tower-lsp-server):
//! the same diagnostics a pull client gets, whole frames even when large and
//! interleaved with responses, and the version of the text they belong to.

mod support;

use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn pull_client() -> Client {
    let mut c = Client::spawn();
    c.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
        &[],
    );
    c
}

fn pulled(c: &mut Client, uri: &str) -> Value {
    let report = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .expect("diagnostic request succeeds");
    report["items"].clone()
}

fn edit(c: &mut Client, uri: &str, version: i64, at: Value, text: &str) {
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": text}],
        }),
    );
}

#[test]
fn pushed_diagnostics_are_the_ones_a_pull_client_gets() {
    // The pull path still builds `Diagnostic`s and lets tower serialise them: the
    // reference for what the push path must send.
    let text = format!(
        "{}\n\nNATO Secretary General Jens Stoltenberg said: “We will not give up,” \
         in Brussels. 🇺🇦 Later Stoltenburg left, and the US team stayed. \"The door is open.\n",
        seed()
    );
    let uri = "file:///desk/compare.txt";
    let mut push = Client::spawn();
    push.init_default();
    push.open(uri, &text);
    let pushed = push.diagnostics(uri, Some(1));
    let mut pull = pull_client();
    pull.open(uri, &text);
    let items = pulled(&mut pull, uri);
    let list = pushed["diagnostics"].as_array().expect("a list");
    assert!(
        list.len() >= 5,
        "too few findings to compare: {}",
        list.len()
    );
    assert!(list.iter().any(|d| d.get("relatedInformation").is_some()));
    assert!(list
        .iter()
        .any(|d| d["data"]["fixes"].as_array().is_some_and(|f| !f.is_empty())));
    assert_eq!(pushed["diagnostics"], items);

    // And again after an edit, at the edited version.
    let at = pos_of(&text, "Brussels", 0, 0);
    edit(&mut push, uri, 2, at.clone(), "central ");
    edit(&mut pull, uri, 2, at, "central ");
    let pushed = push.diagnostics(uri, Some(2));
    assert_eq!(pushed["diagnostics"], pulled(&mut pull, uri));
    assert_eq!(push.shutdown_and_exit(), Some(0));
}

#[test]
fn a_large_publish_arrives_whole_among_responses() {
    // ~1,200 findings, ~600 kB of JSON: many times the pipe buffers it passes through.
    let text = seed().repeat(100);
    let uri = "file:///desk/long.txt";
    let mut c = Client::spawn();
    c.init_default();
    c.open(uri, &text);
    // Requests in flight while the analysis and the publish run: their responses
    // come from tower's side of the output and must not cut into the big frame.
    let ids: Vec<i64> = (0..20)
        .map(|i| {
            c.send_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri},
                       "position": pos_of(&text, "Stoltenberg", i, 2)}),
            )
        })
        .collect();
    let params = c.diagnostics(uri, Some(1));
    let n = params["diagnostics"].as_array().map_or(0, Vec::len);
    let bytes = serde_json::to_vec(&params).expect("serialises").len();
    assert!(
        n > 1000 && bytes > 300_000,
        "{n} diagnostics, {bytes} bytes"
    );
    for id in ids {
        assert!(c.response(id).is_ok(), "hover {id} answered");
    }
    // The last of the repeated articles is placed as the text says.
    let last = params["diagnostics"]
        .as_array()
        .and_then(|d| d.last())
        .expect("a last diagnostic");
    let line = last["range"]["start"]["line"].as_u64().expect("a line");
    assert!(line as usize >= text.lines().count() * 99 / 100);
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn each_publish_carries_its_version_and_closing_clears_without_one() {
    let text = seed();
    let uri = "file:///desk/versions.txt";
    let mut c = Client::spawn();
    c.init_default();
    c.open(uri, &text);
    c.diagnostics(uri, Some(1));
    for v in 2..=6 {
        edit(&mut c, uri, v, json!({"line": 0, "character": 0}), "A");
    }
    let last = c.diagnostics(uri, Some(6));
    assert_eq!(last["version"], 6);
    // Earlier versions may have been skipped (changes collapse), but none is
    // published after a newer one, and every one names a version that was sent.
    let seen: Vec<i64> = c
        .inbox
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().expect("a version"))
        .collect();
    assert!(seen.iter().all(|v| (2..6).contains(v)), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    for d in last["diagnostics"].as_array().expect("a list") {
        assert_eq!(d["data"]["version"], 6);
    }
    c.inbox.clear();
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = c.diagnostics(uri, None);
    assert_eq!(closed["diagnostics"], json!([]));
    assert!(closed.get("version").is_none(), "{closed}");
    // Nothing for the closed document comes after the empty list.
    let later = c.wait_for(Duration::from_millis(500), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert!(later.is_none(), "{later:?}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}
