//! Workspace configuration through the real stdio server: two folders with different
//! `copydesk.toml`, a draft opened outside every folder (its desk's `copydesk.toml` found
//! by walking up, as the CLI does), a subdirectory with its own `copydesk.toml`, watched
//! config reloads republishing every open document, a broken `copydesk.toml` reported
//! on that file while the last good one stays, `untitled:` drafts on the starter KB, and
//! workspace symbols across open documents.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use support::{Client, TIMEOUT};

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

fn has(diags: &[Value], code: &str) -> bool {
    codes(diags).iter().any(|c| c == code)
}

fn publish_where(c: &mut Client, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    c.wait_for(TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| pred(d))
    })
    .unwrap_or_else(|| panic!("no matching diagnostics for {uri}"))["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

const RULE_OFF: &str = "[rules.title-variant]\nseverity = \"off\"\n";

/// Writes as editors save: a temporary file renamed over the target, so a reload the
/// server is already running never reads a half-written (empty) file and keeps that as
/// the last good configuration.
fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    let tmp = path.with_extension("tmp-write");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn uri(path: &Path) -> String {
    support::file_uri(path)
}

#[test]
fn two_workspace_folders_with_different_copydesk_toml_give_different_results() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    write(&b.path().join("copydesk.toml"), RULE_OFF);
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null, &[uri(a.path()), uri(b.path())]);
    let (da, db) = (uri(&a.path().join("a.txt")), uri(&b.path().join("b.txt")));
    c.open(&da, &support::seed());
    c.open(&db, &support::seed());
    let in_a = publish_where(&mut c, &da, |d| !d.is_empty());
    let in_b = publish_where(&mut c, &db, |d| !d.is_empty());
    assert!(has(&in_a, "title-variant"), "{:?}", codes(&in_a));
    assert!(!has(&in_b, "title-variant"), "{:?}", codes(&in_b));
    assert!(has(&in_b, "mixed-quote-style"), "{:?}", codes(&in_b));
}

#[test]
fn a_draft_outside_every_folder_uses_the_copydesk_toml_above_it() {
    let desk = tempfile::tempdir().unwrap();
    write(
        &desk.path().join("copydesk.toml"),
        &format!("kb = [\"people.toml\"]\n{RULE_OFF}"),
    );
    write(
        &desk.path().join("people.toml"),
        "[[person]]\nid = \"marta-kowalczyk\"\nname = \"Marta Kowalczyk\"\ndescription = \"Polish trade negotiator\"\n",
    );
    let draft = desk.path().join("2022").join("jan").join("draft.txt");
    write(&draft, "");
    let d = uri(&draft);
    let mut c = Client::spawn();
    // No workspace folder at all, as when one file is opened from a file manager.
    c.init_default();
    let text = format!(
        "Marta Kowalczyk said the plan was “a very good and sensible idea for everyone”.\n\n{}",
        support::seed()
    );
    c.open(&d, &text);
    let diags = publish_where(&mut c, &d, |d| !d.is_empty());
    assert!(!has(&diags, "title-variant"), "{:?}", codes(&diags));
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": d}, "position": {"line": 0, "character": 3}}),
        )
        .unwrap();
    assert!(h.to_string().contains("Polish trade negotiator"), "{h}");
}

#[test]
fn a_symlinked_copydesk_toml_is_not_followed() {
    let desk = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    write(&elsewhere.path().join("real.toml"), RULE_OFF);
    std::os::unix::fs::symlink(
        elsewhere.path().join("real.toml"),
        desk.path().join("copydesk.toml"),
    )
    .unwrap();
    let d = uri(&desk.path().join("draft.txt"));
    let mut c = Client::spawn();
    c.init_default();
    c.open(&d, &support::seed());
    let diags = publish_where(&mut c, &d, |d| !d.is_empty());
    assert!(has(&diags, "title-variant"), "{:?}", codes(&diags));
}

#[test]
fn a_subdirectory_with_its_own_copydesk_toml_overrides_the_folders() {
    let root = tempfile::tempdir().unwrap();
    write(&root.path().join("sport").join("copydesk.toml"), RULE_OFF);
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null, &[uri(root.path())]);
    let top = uri(&root.path().join("top.txt"));
    let sport = uri(&root.path().join("sport").join("match.txt"));
    c.open(&top, &support::seed());
    c.open(&sport, &support::seed());
    assert!(has(
        &publish_where(&mut c, &top, |d| !d.is_empty()),
        "title-variant"
    ));
    assert!(!has(
        &publish_where(&mut c, &sport, |d| !d.is_empty()),
        "title-variant"
    ));
}

#[test]
fn a_changed_copydesk_toml_is_reloaded_and_every_open_document_republished() {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("copydesk.toml");
    write(&config, "[quote]\nmin_words = 4\n");
    let mut c = Client::spawn();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
        &[uri(root.path())],
    );
    let docs = [
        uri(&root.path().join("one.txt")),
        uri(&root.path().join("two.md")),
    ];
    for d in &docs {
        c.open(d, &support::seed());
        assert!(has(
            &publish_where(&mut c, d, |d| !d.is_empty()),
            "title-variant"
        ));
    }
    write(&config, RULE_OFF);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    for d in &docs {
        publish_where(&mut c, d, |d| !d.is_empty() && !has(d, "title-variant"));
    }

    // A broken file is reported on itself, at the parser's line and column, and the last
    // good configuration stays in use.
    write(
        &config,
        "[rules.title-variant]\nseverity = \"off\"\narticle_date = = 1\n",
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    let on_file = publish_where(&mut c, &uri(&config), |d| !d.is_empty());
    assert_eq!(on_file[0]["range"]["start"]["line"], 2, "{on_file:?}");
    assert_eq!(on_file[0]["code"], "invalid-file");
    assert!(on_file[0]["message"].is_string());
    for d in &docs {
        let again = publish_where(&mut c, d, |d| !d.is_empty());
        assert!(!has(&again, "title-variant"), "{:?}", codes(&again));
    }

    // Fixing the file clears its diagnostics.
    write(&config, "");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    publish_where(&mut c, &uri(&config), |d| d.is_empty());
    publish_where(&mut c, &docs[0], |d| has(d, "title-variant"));
}

#[test]
fn untitled_drafts_are_analysed_with_the_starter_kb() {
    let mut c = Client::spawn();
    c.init_default();
    let u = "untitled:Untitled-1";
    let text = support::seed();
    c.open(u, &text);
    let diags = publish_where(&mut c, u, |d| !d.is_empty());
    assert!(has(&diags, "title-variant"), "{:?}", codes(&diags));
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": support::pos_of(&text, "Stoltenberg", 1, 1)}),
        )
        .unwrap();
    assert!(h.to_string().contains("Secretary-General"), "{h}");
}

#[test]
fn workspace_symbols_cover_every_open_document() {
    let mut c = Client::spawn();
    c.init_default();
    c.open("untitled:one", &support::seed());
    c.open(
        "untitled:two",
        "Marek Nowak said the budget was “not a plan anyone in this city wanted”.\n",
    );
    let ws = c.request("workspace/symbol", json!({"query": ""})).unwrap();
    let found: Vec<(String, String)> = ws
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or_default().to_string(),
                s["location"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("Jens Stoltenberg".into(), "untitled:one".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("NATO".into(), "untitled:one".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("Marek Nowak".into(), "untitled:two".into())),
        "{found:?}"
    );
}
