//! Nothing lost through the server: every WorkspaceEdit it returns (quick-fixes, fix-all,
//! rename) is made of versioned TextDocumentEdits, so an editor refuses one computed for a
//! version the document has moved past.

mod support;

use serde_json::{json, Value};
use support::{pos_of, Client, TIMEOUT};

const URI: &str = "file:///tmp/copydesk-nothing-lost/seed.txt";

/// Every text edit in `edit` is a TextDocumentEdit naming a version; `changes` (which has
/// no version) is never used. Resource operations (creating a KB file) carry no text.
fn assert_versioned(edit: &Value, what: &str) -> usize {
    assert!(
        edit.get("changes").is_none_or(Value::is_null),
        "{what}: unversioned `changes`: {edit}"
    );
    let changes = edit["documentChanges"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: no documentChanges: {edit}"));
    let mut n = 0;
    for c in changes {
        if c.get("kind").is_some() {
            continue; // create/rename/delete file operation
        }
        assert!(
            c["textDocument"]["version"].is_i64(),
            "{what}: a TextDocumentEdit without a version: {c}"
        );
        if c["textDocument"]["uri"] == URI {
            assert_eq!(c["textDocument"]["version"], 1, "{what}: {c}");
        }
        n += 1;
    }
    n
}

#[test]
fn every_workspace_edit_from_actions_fix_all_and_rename_is_versioned() {
    let mut c = Client::spawn();
    c.init_default();
    let text = support::seed();
    c.open(URI, &text);
    let diags = c
        .wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
        })
        .expect("findings on the seed")["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let mut edits = 0;
    for d in &diags {
        let actions = c
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
            )
            .unwrap();
        for a in actions.as_array().into_iter().flatten() {
            if let Some(e) = a.get("edit") {
                edits += assert_versioned(e, a["title"].as_str().unwrap_or("action"));
            }
        }
    }
    let all = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .unwrap();
    for a in all.as_array().into_iter().flatten() {
        edits += assert_versioned(&a["edit"], "fixAll");
    }
    let rename = c
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": URI}, "position": pos_of(&text, "Stoltenberg", 1, 2), "newName": "Jens Stoltenberg"}),
        )
        .unwrap();
    edits += assert_versioned(&rename, "rename");
    assert!(edits >= 3, "only {edits} edits seen");
}
