//! Lifecycle and transport through the real stdio server: exit codes, encoding
//! negotiation, bad messages the server must survive.

mod support;

use serde_json::{json, Value};
use support::Client;

#[test]
fn shutdown_then_exit_ends_with_code_0() {
    let mut c = Client::spawn();
    c.init_default();
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut c = Client::spawn();
    c.init_default();
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(support::TIMEOUT), Some(1));
}

#[test]
fn end_of_input_ends_the_process() {
    let mut c = Client::spawn();
    c.init_default();
    c.close_stdin();
    assert_eq!(c.wait_exit(support::TIMEOUT), Some(1));

    let mut c = Client::spawn();
    c.init_default();
    c.request("shutdown", Value::Null).unwrap();
    c.close_stdin();
    assert_eq!(c.wait_exit(support::TIMEOUT), Some(0));
}

#[test]
fn requests_after_shutdown_are_invalid() {
    let mut c = Client::spawn();
    c.init_default();
    c.request("shutdown", Value::Null).unwrap();
    let err = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "untitled:x"}, "position": {"line": 0, "character": 0}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], -32600);
}

#[test]
fn utf8_is_chosen_when_offered_else_utf16() {
    let mut c = Client::spawn();
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
        Value::Null,
        &[],
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    let mut c = Client::spawn();
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}),
        Value::Null,
        &[],
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    let mut c = Client::spawn();
    let r = c.init_default();
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        r["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
}

#[test]
fn advertises_the_semantic_token_legend() {
    let mut c = Client::spawn();
    let r = c.init_default();
    let legend = &r["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"];
    assert_eq!(
        legend,
        &json!([
            "person",
            "organization",
            "title",
            "quotation",
            "attributionCue"
        ])
    );
}

#[test]
fn a_malformed_body_and_an_unknown_method_do_not_kill_the_server() {
    let mut c = Client::spawn();
    c.init_default();
    let body = b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    let mut msg = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    msg.extend_from_slice(body);
    c.send_raw(&msg);
    let parse_error = c
        .wait_for(support::TIMEOUT, |m| m["error"]["code"] == -32700)
        .expect("a parse error response");
    assert_eq!(parse_error["id"], Value::Null);

    let err = c.request("copydesk/noSuchMethod", json!({})).unwrap_err();
    assert_eq!(err["code"], -32601);

    let wrong_types = c
        .request("textDocument/hover", json!({"textDocument": 7}))
        .unwrap_err();
    assert_eq!(wrong_types["code"], -32602);

    // A change for a document never opened is ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    c.open("untitled:still-alive", "Still here.");
    assert_eq!(c.document_text("untitled:still-alive"), "Still here.");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn registers_watchers_for_config_and_kb_files_when_the_client_allows() {
    let mut c = Client::spawn();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
        &[],
    );
    let reg = c
        .wait_for(support::TIMEOUT, |m| {
            m["method"] == "client/registerCapability"
        })
        .expect("a registration request");
    let r = &reg["params"]["registrations"][0];
    assert_eq!(r["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&Value> = r["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["globPattern"])
        .collect();
    assert!(globs.contains(&&json!("**/copydesk.toml")), "{globs:?}");
}
