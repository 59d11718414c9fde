//! Hostile and broken input through the real stdio server: bad framing, stale and
//! impossible positions, huge and odd documents, floods of edits and documents, broken
//! KB and config files, a panicking analysis, and a client that dies. Every test ends by
//! checking the server still answers.

mod support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{position_utf16, Client, TIMEOUT};

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn request_body(id: i64, method: &str, params: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
        .unwrap()
}

/// The server still answers: opens a document and reads it back.
fn assert_alive(c: &mut Client) {
    let uri = format!("untitled:alive-{}", Instant::now().elapsed().as_nanos());
    c.open(&uri, "Still answering.");
    assert_eq!(c.document_text(&uri), "Still answering.");
}

fn hover(c: &mut Client, uri: &str, line: u64, character: u64) -> Result<Value, Value> {
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

fn change(c: &mut Client, uri: &str, version: i64, changes: Value) {
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
}

#[test]
fn a_frame_without_content_length_is_answered_with_a_parse_error_and_skipped() {
    let mut c = Client::spawn();
    c.init_default();
    let mut bytes = b"Content-Type: application/vscode-jsonrpc\r\n\r\n".to_vec();
    bytes.extend(request_body(900, "shutdown", Value::Null));
    c.send_raw(&bytes);
    let e = c
        .wait_for(TIMEOUT, |m| m["error"]["code"] == -32700)
        .expect("a parse error for the headerless frame");
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Content-Length"));
    assert_alive(&mut c);
}

#[test]
fn a_content_length_that_is_not_a_number_or_too_short_does_not_stop_the_server() {
    let mut c = Client::spawn();
    c.init_default();
    c.send_raw(b"Content-Length: lots\r\n\r\n");
    // Too short: the body is cut mid-object, then the rest is garbage before the next
    // header, which the reader must resynchronise on.
    let body = request_body(901, "shutdown", Value::Null);
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() / 2).into_bytes();
    bytes.extend(&body);
    c.send_raw(&bytes);
    let errors = [
        c.wait_for(TIMEOUT, |m| m["error"]["code"] == -32700),
        c.wait_for(TIMEOUT, |m| m["error"]["code"] == -32700),
    ];
    assert!(errors.iter().all(Option::is_some), "{errors:?}");
    assert_alive(&mut c);
    // The cut-off shutdown never took effect.
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn a_content_length_too_long_swallows_one_message_and_the_stream_recovers() {
    let mut c = Client::spawn();
    c.init_default();
    let body = request_body(902, "copydesk/noSuchMethod", json!({}));
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() + 12).into_bytes();
    bytes.extend(&body);
    c.send_raw(&bytes);
    // This message lends its first 12 bytes to the bad frame and is lost.
    c.send(&json!({"jsonrpc": "2.0", "method": "$/sacrifice", "params": {}}));
    c.wait_for(TIMEOUT, |m| m["error"]["code"] == -32700)
        .expect("a parse error for the overlong frame");
    assert_alive(&mut c);
}

#[test]
fn a_json_body_that_is_not_json_rpc_gets_invalid_request() {
    let mut c = Client::spawn();
    c.init_default();
    c.send_raw(&frame(b"{\"hello\": \"world\"}"));
    c.send_raw(&frame(b"\"just a string\""));
    for _ in 0..2 {
        c.wait_for(TIMEOUT, |m| m["error"]["code"] == -32600)
            .expect("invalid request");
    }
    assert_alive(&mut c);
}

#[test]
fn wrong_parameter_types_on_several_methods_are_invalid_params() {
    let mut c = Client::spawn();
    c.init_default();
    for (method, params) in [
        (
            "textDocument/completion",
            json!({"textDocument": {"uri": 5}}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": {"uri": "untitled:x"}, "position": {"line": -1, "character": 0}, "newName": "x"}),
        ),
        ("textDocument/codeAction", json!([1, 2, 3])),
        ("copydesk/documentText", json!({"uri": 12})),
    ] {
        let e = c.request(method, params).unwrap_err();
        assert_eq!(e["code"], -32602, "{method}: {e}");
    }
    // Notifications with wrong types have nowhere to answer; they must just be dropped.
    c.notify("textDocument/didOpen", json!({"textDocument": "nope"}));
    c.notify("textDocument/didChange", json!({"contentChanges": 3}));
    assert_alive(&mut c);
}

#[test]
fn requests_and_notifications_for_a_document_never_opened_answer_empty() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "file:///never/opened.txt";
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(hover(&mut c, uri, 0, 0).unwrap(), Value::Null);
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .unwrap();
    assert_eq!(r, Value::Null);
    let r = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    assert_eq!(r, Value::Null);
    assert!(c
        .request("copydesk/documentText", json!({"uri": uri}))
        .is_err());
    assert_alive(&mut c);
}

#[test]
fn a_did_change_with_a_stale_version_is_applied_in_order_and_logged() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "untitled:stale";
    c.open(uri, "abc");
    change(&mut c, uri, 5, json!([{"text": "version five"}]));
    change(&mut c, uri, 3, json!([{"text": "version three, late"}]));
    let log = c
        .wait_for(TIMEOUT, |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("arrived after version 5"))
        })
        .expect("a warning about the stale version");
    assert!(log["params"]["message"].as_str().unwrap().contains(uri));
    assert_eq!(c.document_text(uri), "version three, late");
    assert_alive(&mut c);
}

#[test]
fn requests_after_shutdown_are_invalid_but_answered_and_exit_still_works() {
    let mut c = Client::spawn();
    c.init_default();
    c.open("untitled:a", "Text.");
    c.request("shutdown", Value::Null).unwrap();
    for (method, params) in [
        ("copydesk/documentText", json!({"uri": "untitled:a"})),
        ("workspace/symbol", json!({"query": ""})),
        ("shutdown", Value::Null),
    ] {
        let e = c.request(method, params).unwrap_err();
        assert_eq!(e["code"], -32600, "{method}: {e}");
    }
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(TIMEOUT), Some(0));
}

/// Requests at one position through every position-taking feature; each must answer
/// (null or a value), never an internal error.
fn probe_everything_at(c: &mut Client, uri: &str, line: u64, character: u64) {
    let pos = json!({"line": line, "character": character});
    let range = json!({"start": pos, "end": pos});
    let whole = json!({"start": {"line": 0, "character": 0}, "end": pos});
    let doc = json!({"uri": uri});
    for (method, params) in [
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": doc, "position": pos, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/documentHighlight",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/prepareRename",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": whole, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/semanticTokens/range",
            json!({"textDocument": doc, "range": whole}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": whole}),
        ),
    ] {
        if let Err(e) = c.request(method, params) {
            panic!("{method} at {line}:{character}: {e}");
        }
    }
    let r = c.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": pos, "newName": "Jens Stoltenberg"}),
    );
    // Renaming nothing may be refused, but only with a request error, not a crash.
    if let Err(e) = r {
        assert_ne!(e["code"], -32603, "rename at {line}:{character}: {e}");
    }
}

#[test]
fn positions_past_lines_inside_surrogate_pairs_on_crlf_and_near_u32_max_are_answered() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "untitled:positions";
    let text = "“We will talk,” 😀 Stoltenberg said.\r\nPeskov\r\n\r\nlast";
    c.open(uri, text);
    c.diagnostics(uri, Some(1));
    let emoji = position_utf16(text, text.find('😀').unwrap());
    let e_char = emoji["character"].as_u64().unwrap();
    let line0_len = text
        .find('\r')
        .map(|i| position_utf16(text, i)["character"].as_u64().unwrap())
        .unwrap();
    let max = u64::from(u32::MAX);
    for (line, character) in [
        (0, e_char + 1),      // inside the surrogate pair
        (0, line0_len),       // just before \r
        (0, line0_len + 1),   // "between" \r and \n
        (0, line0_len + 500), // past the end of the line
        (1, 6),               // end of "Peskov", before \r\n
        (2, 0),               // an empty CRLF line
        (3, 4),               // end of the document
        (4, 0),               // one line past the end
        (900, 3),             // far past the end
        (max, max),
        (0, max),
        (max, 0),
        (max - 1, max - 1),
    ] {
        probe_everything_at(&mut c, uri, line, character);
    }
    // Edits at the same awkward places clamp, never split a character or a \r\n.
    change(
        &mut c,
        uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": e_char + 1}, "end": {"line": 0, "character": e_char + 1}}, "text": "|"}]),
    );
    change(
        &mut c,
        uri,
        3,
        json!([{"range": {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 7}}, "text": "!"}]),
    );
    change(
        &mut c,
        uri,
        4,
        json!([{"range": {"start": {"line": max, "character": max}, "end": {"line": 0, "character": max}}, "text": ""}]),
    );
    assert_eq!(
        c.document_text(uri),
        "“We will talk,” |😀 Stoltenberg said."
    );
    assert_alive(&mut c);
}

#[test]
fn a_fifty_megabyte_document_opens_and_the_server_keeps_answering() {
    let mut c = Client::spawn();
    c.init_default();
    let paragraph = "Kremlin spokesman Dmitry Peskov said the talks would go on, and the \
                     ministers agreed to meet again in Brussels next week.\n\n";
    let target = 50 * 1024 * 1024;
    let text = paragraph.repeat(target / paragraph.len() + 1);
    let uri = "untitled:fifty-megabytes";
    c.open(uri, &text);
    drop(text);
    // A small document next to it is served while the big one is analysed.
    assert_alive(&mut c);
    // Hover on the big one answers (from whatever analysis is ready), never hangs.
    let started = Instant::now();
    hover(&mut c, uri, 0, 20).expect("hover on the big document");
    assert!(started.elapsed() < TIMEOUT);
    // An edit at its far end is applied.
    change(
        &mut c,
        uri,
        2,
        json!([{"range": {"start": {"line": 9_000_000, "character": 0}, "end": {"line": 9_000_000, "character": 0}}, "text": "END"}]),
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_alive(&mut c);
}

#[test]
fn a_single_five_megabyte_line_and_nul_bytes_are_handled() {
    let mut c = Client::spawn();
    c.init_default();
    let line = "Stoltenberg said “yes” \u{0} 😀 ".repeat(5 * 1024 * 1024 / 36);
    let uri = "untitled:long-line";
    c.open(uri, &line);
    hover(&mut c, uri, 0, 4_000_000).expect("hover deep in the line");
    change(
        &mut c,
        uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\u{0}\u{0}"}]),
    );
    let text = c.document_text(uri);
    assert_eq!(text.len(), line.len() + 2);
    assert!(text.starts_with("\u{0}\u{0}Stoltenberg"));

    let nul = "untitled:nul";
    let body = "\u{0}“We are\u{0} ready,” Stoltenberg\u{0} said.\u{0}\n";
    c.open(nul, body);
    let d = c.diagnostics(nul, Some(1));
    assert!(d["diagnostics"].is_array());
    assert_eq!(c.document_text(nul), body);
    assert_alive(&mut c);
}

#[test]
fn ten_thousand_edits_sent_without_waiting_all_apply_in_order() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "untitled:flood";
    let mut text = String::from("Stoltenberg said.\n");
    c.open(uri, &text);
    let pieces = ["a", "😀", "\n", "“", "é", " "];
    let mut batch = Vec::new();
    for v in 0..10_000usize {
        // Positions cycle over the text so edits land everywhere, including after emoji.
        let chars: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let at = chars[(v * 7919) % chars.len()];
        let piece = pieces[v % pieces.len()];
        let pos = position_utf16(&text, at);
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v + 2}, "contentChanges": [{"range": {"start": pos, "end": pos}, "text": piece}]}});
        batch.extend(frame(&serde_json::to_vec(&msg).unwrap()));
        text.insert_str(at, piece);
        if batch.len() > 1 << 20 {
            c.send_raw(&batch);
            batch.clear();
        }
    }
    c.send_raw(&batch);
    assert_eq!(c.document_text(uri), text);
    assert_eq!(c.diagnostics(uri, Some(10_001))["version"], 10_001);
}

#[test]
fn two_hundred_documents_open_at_once_are_all_served() {
    let mut c = Client::spawn();
    c.init_default();
    for i in 0..200 {
        c.open(
            &format!("untitled:doc-{i}"),
            &format!("“Document {i} is open and quoted at length,” Stoltenberg said.\n"),
        );
    }
    for i in [0, 57, 199] {
        assert_eq!(
            c.document_text(&format!("untitled:doc-{i}")),
            format!("“Document {i} is open and quoted at length,” Stoltenberg said.\n")
        );
    }
    let symbols = c
        .request("workspace/symbol", json!({"query": "Stoltenberg"}))
        .expect("workspace symbols over 200 documents");
    assert!(symbols.is_array());
    for i in 0..200 {
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": format!("untitled:doc-{i}")}}),
        );
    }
    assert_alive(&mut c);
}

// --- KB and config files -----------------------------------------------------------

const GOOD_KB: &str = "[[organization]]\nid = \"gazette\"\nname = \"Gazette\"\n\n\
[[person]]\nid = \"marta-kowalczyk\"\nname = \"Marta Kowalczyk\"\n\
[[person.role]]\ntitle = \"Editor\"\norg = \"gazette\"\nstart = \"2010-01-01\"\n";

struct Desk {
    dir: tempfile::TempDir,
    c: Client,
    doc: String,
}

impl Desk {
    /// A workspace whose KB (named in the settings) knows Marta Kowalczyk.
    fn new(kb_setting: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("newsroom.toml"), GOOD_KB).unwrap();
        let mut c = Client::spawn();
        c.initialize(
            json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
            json!({"copydesk": {"kb": [kb_setting]}}),
            &[support::file_uri(dir.path())],
        );
        let doc = support::file_uri(&dir.path().join("draft.txt"));
        c.open(
            &doc,
            "Marta Kowalczyk said the plan was “a very good and sensible idea for everyone”.\n",
        );
        let mut desk = Desk { dir, c, doc };
        // The workspace loads in the background after `initialized`; a good KB is in
        // use once her card shows her role.
        if kb_setting == "newsroom.toml" {
            let deadline = Instant::now() + TIMEOUT;
            while !desk.knows_marta() {
                assert!(Instant::now() < deadline, "the workspace KB never loaded");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        desk
    }

    fn kb_path(&self) -> std::path::PathBuf {
        self.dir.path().join("newsroom.toml")
    }

    /// The hover card shows her KB role (an unknown name's card would not).
    fn knows_marta(&mut self) -> bool {
        let doc = self.doc.clone();
        hover(&mut self.c, &doc, 0, 8)
            .unwrap()
            .to_string()
            .contains("Gazette")
    }

    /// Tells the server a file changed and waits for non-empty diagnostics on it.
    fn problem_on(&mut self, path: &std::path::Path, kind: u8) -> String {
        let uri = support::file_uri(path);
        self.c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri, "type": kind}]}),
        );
        let d = self
            .c
            .wait_for(TIMEOUT, |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["diagnostics"]
                        .as_array()
                        .is_some_and(|a| !a.is_empty())
            })
            .unwrap_or_else(|| panic!("no problem reported on {uri}"));
        d["params"]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

#[test]
fn a_kb_role_naming_an_unknown_organisation_is_an_error_and_the_last_good_kb_stays() {
    let mut d = Desk::new("newsroom.toml");
    assert!(d.knows_marta());
    std::fs::write(
        d.kb_path(),
        GOOD_KB.replace("org = \"gazette\"", "org = \"no-such-org\""),
    )
    .unwrap();
    let msg = d.problem_on(&d.kb_path(), 2);
    assert!(msg.contains("no-such-org"), "{msg}");
    assert!(d.knows_marta(), "the last good KB stays in use");
    assert_alive(&mut d.c);
}

#[test]
fn a_kb_file_deleted_while_watched_is_reported_and_the_last_good_kb_stays() {
    let mut d = Desk::new("newsroom.toml");
    assert!(d.knows_marta());
    std::fs::remove_file(d.kb_path()).unwrap();
    let msg = d.problem_on(&d.kb_path(), 3);
    assert!(msg.contains("cannot read"), "{msg}");
    assert!(d.knows_marta());
    assert_alive(&mut d.c);
}

#[test]
fn a_huge_term_form_is_refused_with_a_clear_error_and_the_last_good_kb_stays() {
    let mut d = Desk::new("newsroom.toml");
    let huge = format!(
        "[[term]]\nforms = [\"{}\", \"short\"]\n\n{GOOD_KB}",
        "x".repeat(100_000)
    );
    std::fs::write(d.kb_path(), huge).unwrap();
    let msg = d.problem_on(&d.kb_path(), 2);
    assert!(msg.contains("200"), "names the limit: {msg}");
    assert!(d.knows_marta());
    assert_alive(&mut d.c);
}

#[test]
fn a_kb_path_that_does_not_exist_is_reported_on_that_path() {
    let mut d = Desk::new("missing.toml");
    let missing = d.dir.path().join("missing.toml");
    let uri = support::file_uri(&missing);
    let diag =
        d.c.wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
        .expect("a problem on the missing KB path");
    assert!(diag.to_string().contains("cannot read"), "{diag}");
    assert!(!d.knows_marta());
    assert_alive(&mut d.c);
}

#[test]
fn a_relative_kb_setting_leading_out_of_the_workspace_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.toml"), GOOD_KB).unwrap();
    let rel = format!(
        "../{}/secret.toml",
        outside.path().file_name().unwrap().to_string_lossy()
    );
    let mut d = Desk::new(&rel);
    let diag =
        d.c.wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"]
                    .to_string()
                    .contains("outside the workspace")
        })
        .expect("the escaping path is reported");
    assert!(diag.to_string().contains("not loaded"), "{diag}");
    assert!(!d.knows_marta(), "the file outside was not read");
    assert_alive(&mut d.c);
}

#[cfg(unix)]
#[test]
fn a_conventional_kb_symlinked_out_of_the_workspace_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, GOOD_KB).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("copydesk-kb.toml")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("copydesk.toml")).unwrap();
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null, &[support::file_uri(dir.path())]);
    let doc = support::file_uri(&dir.path().join("draft.txt"));
    c.open(&doc, "Marta Kowalczyk said so.\n");
    for name in ["copydesk-kb.toml", "copydesk.toml"] {
        let uri = support::file_uri(&dir.path().join(name));
        let diag = c
            .wait_for(TIMEOUT, |m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .unwrap_or_else(|| panic!("a problem on {name}"));
        assert!(diag.to_string().contains("symlink"), "{diag}");
    }
    let h = hover(&mut c, &doc, 0, 8).unwrap();
    assert!(h.to_string().contains("Not in the knowledge base"), "{h}");
    assert_alive(&mut c);
}

#[test]
fn a_broken_copydesk_toml_is_reported_and_the_last_good_config_stays() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "[rules.unattributed-quote]\nseverity = \"off\"\n").unwrap();
    let mut c = Client::spawn();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
        &[support::file_uri(dir.path())],
    );
    let doc = support::file_uri(&dir.path().join("draft.txt"));
    let text = "“This quotation has nobody attached to it at all, sadly.”\n";
    c.open(&doc, text);
    let quiet = |d: &Value| !d["diagnostics"].to_string().contains("unattributed-quote");
    assert!(quiet(&c.diagnostics(&doc, Some(1))));
    std::fs::write(&config, "[rules.unattributed-quote\nseverity = \"off\"\n").unwrap();
    let uri = support::file_uri(&config);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    c.wait_for(TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
    })
    .expect("the broken config is reported on its file");
    // Re-analysed with the last good config: the rule stays off.
    change(&mut c, &doc, 2, json!([{"text": text}]));
    assert!(quiet(&c.diagnostics(&doc, Some(2))));
    assert_alive(&mut c);
}

// --- panics and dying clients --------------------------------------------------------

// The panic switch exists only in debug builds of the server (`COPYDESK_TEST_PANIC`), so
// the test runs where it can fail for the right reason: `cargo test` (debug), as in CI.
#[cfg(debug_assertions)]
#[test]
fn a_panic_inside_analysis_is_logged_with_the_uri_and_gives_no_findings() {
    let mut c = Client::spawn_with_env(&[("COPYDESK_TEST_PANIC", "1")]);
    c.init_default();
    let uri = "untitled:panics";
    c.open(
        uri,
        "The US and the U.S. agreed, officials said. COPYDESK_TEST_PANIC\n",
    );
    let log = c
        .wait_for(TIMEOUT, |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("panic"))
        })
        .expect("the panic is logged");
    assert!(
        log["params"]["message"].as_str().unwrap().contains(uri),
        "{log}"
    );
    assert_eq!(c.diagnostics(uri, Some(1))["diagnostics"], json!([]));
    hover(&mut c, uri, 0, 3).expect("hover after the panic");
    // Without the sentinel the same document is analysed again.
    change(
        &mut c,
        uri,
        2,
        json!([{"text": "The US and the U.S. agreed on Tuesday, officials said.\n"}]),
    );
    let d = c.diagnostics(uri, Some(2));
    assert!(
        d["diagnostics"].to_string().contains("title-variant"),
        "{d}"
    );
    assert_alive(&mut c);
}

/// Child processes of `pid` (every thread's), from /proc.
#[cfg(target_os = "linux")]
fn children(pid: u32) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            if let Ok(s) = std::fs::read_to_string(t.path().join("children")) {
                out.extend(s.split_whitespace().map(String::from));
            }
        }
    }
    out
}

fn assert_exits_within_a_second(c: &mut Client) {
    let started = Instant::now();
    let code = c.wait_exit(Duration::from_secs(1));
    assert!(
        code.is_some(),
        "still running {:?} after the client went away",
        started.elapsed()
    );
}

#[test]
fn a_client_that_dies_mid_message_leaves_no_server_behind() {
    let mut c = Client::spawn();
    c.init_default();
    c.open("untitled:seed", &support::seed());
    c.diagnostics("untitled:seed", Some(1));
    #[cfg(target_os = "linux")]
    assert_eq!(
        children(c.pid()),
        Vec::<String>::new(),
        "no child processes"
    );
    c.send_raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 1, \"met");
    c.close_stdin();
    assert_exits_within_a_second(&mut c);
}

#[test]
fn closing_stdin_while_an_analysis_runs_exits_within_a_second() {
    let mut c = Client::spawn();
    c.init_default();
    // Big enough that its analysis is still running when stdin closes.
    c.open("untitled:big", &support::seed().repeat(300));
    assert_alive(&mut c);
    c.close_stdin();
    assert_exits_within_a_second(&mut c);
}
