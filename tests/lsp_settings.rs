//! Editor settings through the real stdio server, in every shape the editor clients send
//! them: nested objects as `initializationOptions` (VS Code, Neovim, Helix, Eglot),
//! `workspace/didChangeConfiguration` wrapped in `{copydesk: …}`, answers to
//! `workspace/configuration` (including the `null` Helix and Eglot give when unset, and
//! flat dotted keys), and per-folder answers for a `scopeUri`. Also: the semantic token
//! legend is the one the VS Code extension declares.

mod support;

use serde_json::{json, Value};
use support::{pos_of, Client, TIMEOUT};

const URI: &str = "file:///tmp/copydesk-settings/seed.txt";

/// Capabilities of a client with pull diagnostics and `workspace/configuration`: each
/// reload then ends with a `workspace/diagnostic/refresh` request, after which a pull
/// answers from the new settings (the server waits for the current analysis).
fn pulling_client() -> Value {
    json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"configuration": true, "diagnostic": {"refreshSupport": true}}
    })
}

fn wait_refresh(c: &mut Client) {
    c.wait_for(TIMEOUT, |m| m["method"] == "workspace/diagnostic/refresh")
        .expect("a workspace/diagnostic/refresh after the reload");
}

fn pull(c: &mut Client, uri: &str) -> Vec<Value> {
    c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    )
    .expect("pull diagnostics")["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
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

/// The seed's body paragraphs only: no caption, no dateline, so the draft states no date
/// and `articleDate` decides which titles are right.
fn seed_without_date() -> String {
    let seed = support::seed();
    let start = seed
        .find("NATO Secretary-General Jens Stoltenberg received")
        .expect("seed body");
    let end = seed
        .find("Russia sounded a downbeat note")
        .expect("seed body end");
    seed[start..end].to_string()
}

#[test]
fn nested_initialization_options_as_the_editor_clients_send_them_turn_a_rule_off() {
    // What editors/vscode (initializationOptions: serverSettings()) and editors/nvim
    // (init_options) send: the bare nested section, articleDate omitted when unset.
    let mut c = Client::spawn();
    c.initialize(
        json!({}),
        json!({"kb": [], "rules": {"title-variant": {"severity": "off"}}, "quote": {"minWords": 4}, "inlayHints": {"speakers": true}}),
        &[],
    );
    c.open(URI, &support::seed());
    let diags = publish_where(&mut c, URI, |d| !d.is_empty());
    let codes = codes(&diags);
    assert!(
        codes.contains(&"mixed-quote-style".to_string()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"title-variant".to_string()), "{codes:?}");
}

#[test]
fn did_change_configuration_wrapped_sets_the_article_date_for_a_draft_without_one() {
    let mut c = Client::spawn();
    c.initialize(json!({}), json!({"articleDate": "2022-01-12"}), &[]);
    let text = seed_without_date();
    c.open(URI, &text);
    let first = publish_where(&mut c, URI, |_| true);
    assert!(
        !codes(&first).contains(&"title-mismatch".to_string()),
        "Stoltenberg was Secretary-General in January 2022: {first:?}"
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"kb": [], "rules": {}, "articleDate": "2025-03-01", "quote": {"minWords": 4}, "inlayHints": {"speakers": false}}}}),
    );
    let later = publish_where(&mut c, URI, |d| {
        d.iter().any(|x| x["code"] == "title-mismatch")
    });
    let mismatch = later
        .iter()
        .find(|d| d["code"] == "title-mismatch")
        .unwrap();
    let msg = mismatch["message"].as_str().unwrap();
    assert!(
        msg.contains("Jens Stoltenberg")
            && msg.contains("Mark Rutte")
            && msg.contains("2025-03-01"),
        "{msg}"
    );
    assert_eq!(
        mismatch["range"]["start"],
        pos_of(&text, "NATO Secretary-General Jens Stoltenberg", 0, 0)
    );
}

#[test]
fn the_article_date_setting_wins_over_the_seeds_caption_date_but_not_front_matter() {
    let mut c = Client::spawn();
    c.initialize(json!({}), json!({"articleDate": "2025-03-01"}), &[]);
    c.open(URI, &support::seed());
    let diags = publish_where(&mut c, URI, |d| !d.is_empty());
    let rutte = diags
        .iter()
        .filter(|d| d["code"] == "title-mismatch")
        .map(|d| d["message"].as_str().unwrap_or(""))
        .collect::<Vec<_>>();
    assert!(
        !rutte.is_empty() && rutte.iter().all(|m| m.contains("Mark Rutte")),
        "a configured date beats the caption's 12 January 2022: {diags:?}"
    );

    // Front matter is the desk's own metadata: it beats the setting.
    let md = "file:///tmp/copydesk-settings/dated.md";
    let text = format!("---\ndate: 2022-01-12\n---\n{}", support::seed());
    c.open(md, &text);
    let diags = publish_where(&mut c, md, |d| !d.is_empty());
    assert!(
        !codes(&diags).contains(&"title-mismatch".to_string()),
        "front matter says 12 January 2022: {diags:?}"
    );
}

#[test]
fn flat_dotted_keys_pulled_with_workspace_configuration_apply() {
    let mut c = Client::spawn();
    c.configuration = json!({"rules.title-variant.severity": "off", "quote.minWords": 4, "inlayHints.speakers": true});
    c.initialize(pulling_client(), Value::Null, &[]);
    wait_refresh(&mut c);
    let asked = c
        .server_requests
        .iter()
        .find(|r| r["method"] == "workspace/configuration")
        .expect("the server pulls its settings")
        .clone();
    assert_eq!(asked["params"]["items"][0]["section"], "copydesk");
    c.open(URI, &support::seed());
    let diags = pull(&mut c, URI);
    let codes = codes(&diags);
    assert!(
        codes.contains(&"mixed-quote-style".to_string()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"title-variant".to_string()), "{codes:?}");
    let all = json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}}});
    let hints = c.request("textDocument/inlayHint", all).unwrap();
    assert!(hints.to_string().contains(": Peskov"), "{hints}");
}

#[test]
fn a_null_configuration_answer_keeps_the_initialization_options() {
    // Helix and Eglot answer `workspace/configuration` with null when nothing is set there.
    let mut c = Client::spawn();
    c.configuration = Value::Null;
    c.initialize(
        pulling_client(),
        json!({"rules": {"title-variant": {"severity": "off"}}}),
        &[],
    );
    wait_refresh(&mut c);
    c.open(URI, &support::seed());
    assert!(!codes(&pull(&mut c, URI)).contains(&"title-variant".to_string()));

    // A change notification without a section makes the server pull again: still null.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    wait_refresh(&mut c);
    let after_null = codes(&pull(&mut c, URI));
    assert!(
        !after_null.contains(&"title-variant".to_string()),
        "{after_null:?}"
    );

    // A real section replaces them (so the checks above could have failed).
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {}}}}),
    );
    wait_refresh(&mut c);
    let after_reset = codes(&pull(&mut c, URI));
    assert!(
        after_reset.contains(&"title-variant".to_string()),
        "{after_reset:?}"
    );
}

#[test]
fn inlay_hints_switch_on_through_a_settings_change() {
    let mut c = Client::spawn();
    c.configuration = json!({"inlayHints": {"speakers": false}});
    c.initialize(pulling_client(), Value::Null, &[]);
    wait_refresh(&mut c);
    c.open(URI, &support::seed());
    let all = json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}}});
    assert_eq!(
        c.request("textDocument/inlayHint", all.clone()).unwrap(),
        json!([])
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"inlayHints": {"speakers": true}}}}),
    );
    wait_refresh(&mut c);
    pull(&mut c, URI);
    let hints = c.request("textDocument/inlayHint", all).unwrap();
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["label"].as_str())
        .collect();
    assert!(labels.contains(&": Peskov"), "{labels:?}");
}

#[test]
fn each_workspace_folder_gets_its_own_settings_through_scope_uri() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (fa, fb) = (support::file_uri(a.path()), support::file_uri(b.path()));
    let mut c = Client::spawn();
    c.configuration = json!({"rules": {}});
    c.scoped_configuration = vec![(
        fb.clone(),
        json!({"rules": {"title-variant": {"severity": "off"}}}),
    )];
    c.initialize(pulling_client(), Value::Null, &[fa.clone(), fb.clone()]);
    wait_refresh(&mut c);
    let scoped = c
        .server_requests
        .iter()
        .filter(|r| r["method"] == "workspace/configuration")
        .flat_map(|r| r["params"]["items"].as_array().cloned().unwrap_or_default())
        .filter(|i| i["scopeUri"].is_string())
        .count();
    assert_eq!(scoped, 2, "one scoped item per folder");
    let (da, db) = (
        support::file_uri(&a.path().join("draft.txt")),
        support::file_uri(&b.path().join("draft.txt")),
    );
    c.open(&da, &support::seed());
    c.open(&db, &support::seed());
    assert!(codes(&pull(&mut c, &da)).contains(&"title-variant".to_string()));
    assert!(!codes(&pull(&mut c, &db)).contains(&"title-variant".to_string()));
}

#[test]
fn the_semantic_token_legend_is_the_one_the_vscode_extension_declares() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/editors/vscode/package.json"
        ))
        .expect("editors/vscode/package.json"),
    )
    .expect("package.json is JSON");
    let ids = |key: &str| -> Vec<Value> {
        manifest["contributes"][key]
            .as_array()
            .unwrap_or_else(|| panic!("contributes.{key}"))
            .iter()
            .map(|t| t["id"].clone())
            .collect()
    };
    let mut c = Client::spawn();
    let r = c.init_default();
    let legend = &r["capabilities"]["semanticTokensProvider"]["legend"];
    assert_eq!(legend["tokenTypes"], json!(ids("semanticTokenTypes")));
    assert_eq!(
        legend["tokenModifiers"],
        json!(ids("semanticTokenModifiers"))
    );
}

#[test]
fn drafts_outside_include_or_matched_by_exclude_get_no_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "exclude = [\"docs\"]\n").unwrap();
    let folder = support::file_uri(dir.path());
    let doc = support::file_uri(&dir.path().join("docs/guide.md"));
    let draft = support::file_uri(&dir.path().join("drafts/story.md"));
    let text = "# Talks\n\n“We will never surrender, he said.\n\nThe talks went on.\n";
    let mut c = Client::spawn();
    c.initialize(json!({}), Value::Null, &[folder]);
    for uri in [&doc, &draft] {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }
    publish_where(&mut c, &draft, |d| !d.is_empty());
    // copydesk.toml's exclude: the project's docs stay quiet.
    let docs = c.diagnostics(&doc, Some(1));
    assert_eq!(docs["diagnostics"], json!([]), "{docs}");
    // The editor's settings narrow further: drafts outside `include` go quiet too, with
    // an empty publish that takes their earlier diagnostics down.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"include": ["wire/**"]}}}),
    );
    publish_where(&mut c, &draft, |d| d.is_empty());
    // Earlier publishes still waiting in the inbox must not answer the next wait.
    c.inbox
        .retain(|m| m["method"] != "textDocument/publishDiagnostics");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"include": ["drafts"], "exclude": []}}}),
    );
    publish_where(&mut c, &draft, |d| !d.is_empty());
}

#[test]
fn the_style_setting_turns_a_house_style_on_and_off_without_losing_the_people() {
    // A draft consistent in the international style: nothing by default, AP corrections
    // with `style = "ap"`; the KB's people stay either way (the title check still runs).
    let text = "The US envoy met UN officials in Brussels.\n\nLater the US envoy left.\n";
    let uri = "file:///tmp/copydesk-settings/style.txt";
    let mut c = Client::spawn();
    c.initialize(json!({}), json!({"style": "ap"}), &[]);
    c.open(uri, text);
    let ap = publish_where(&mut c, uri, |d| !d.is_empty());
    let variants: Vec<&str> = ap
        .iter()
        .filter(|d| d["code"] == "title-variant")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(variants.len(), 3, "{ap:?}");
    assert!(variants[0].contains("in AP house style"), "{variants:?}");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"kb": [], "rules": {}}}}),
    );
    let plain = publish_where(&mut c, uri, |d| {
        d.iter().all(|x| x["code"] != "title-variant")
    });
    assert!(
        codes(&plain).iter().all(|c| c != "title-variant"),
        "{plain:?}"
    );
    // The people are the starter KB's with either style: a hover still knows Stoltenberg.
    let who = "NATO Secretary-General Jens Stoltenberg spoke.\n";
    let uri2 = "file:///tmp/copydesk-settings/who.txt";
    c.open(uri2, who);
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri2}, "position": pos_of(who, "Stoltenberg", 0, 2)}),
        )
        .expect("hover");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("Jens Stoltenberg")),
        "{hover}"
    );
}
