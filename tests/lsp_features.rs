//! Editor features on the seed article through the real stdio server: hover,
//! completion, quick-fix and fix-all, rename, references, symbols, semantic tokens,
//! inlay hints, code lens, and a broken workspace KB file. These need the KB, mentions
//! and rules (merged from their branches) to find anything.

mod support;

use serde_json::{json, Value};
use support::{pos_of, Client};

const URI: &str = "file:///tmp/copydesk-features/seed.txt";

fn open_seed(c: &mut Client) -> String {
    let text = support::seed();
    c.open(URI, &text);
    text
}

fn at(text: &str, needle: &str, nth: usize) -> Value {
    json!({"textDocument": {"uri": URI}, "position": pos_of(text, needle, nth, 1)})
}

#[test]
fn hover_on_stoltenberg_names_the_secretary_general_of_nato() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let h = c
        .request("textDocument/hover", at(&text, "Stoltenberg", 1))
        .unwrap();
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("Jens Stoltenberg"), "{md}");
    assert!(
        md.contains("Secretary-General") && md.contains("NATO"),
        "{md}"
    );
    assert!(
        md.contains("2022-01-12"),
        "the article's date is used: {md}"
    );
}

#[test]
fn hover_on_a_quotation_says_who_it_is_attributed_to() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let h = c
        .request("textDocument/hover", at(&text, "We are not negotiating", 0))
        .unwrap();
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        md.contains("Dmitry Peskov") && md.contains("he said"),
        "{md}"
    );
}

#[test]
fn completion_of_stol_offers_jens_stoltenberg_with_a_card_on_resolve() {
    let mut c = Client::spawn();
    c.init_default();
    let mut text = support::seed();
    let at_end = text.find("By Robin Emmott").unwrap();
    text.insert_str(at_end, "Stol\n\n");
    c.open(URI, &text);
    let pos = pos_of(&text, "Stol\n", 0, 4);
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": pos}),
        )
        .unwrap();
    let items = r["items"].as_array().cloned().unwrap_or_default();
    let item = items
        .iter()
        .find(|i| i["label"] == "Jens Stoltenberg")
        .unwrap_or_else(|| panic!("no Jens Stoltenberg in {items:?}"))
        .clone();
    // Already named in the body: the surname is inserted.
    assert_eq!(item["textEdit"]["newText"], "Stoltenberg");
    let resolved = c.request("completionItem/resolve", item).unwrap();
    let doc = resolved["documentation"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(doc.contains("Secretary-General"), "{doc}");
}

fn wait_nonempty_diagnostics(c: &mut Client) -> Vec<Value> {
    let d = c
        .wait_for(support::TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == URI
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
        })
        .expect("diagnostics with findings for the seed article");
    d["params"]["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn quick_fix_corrects_the_captions_secretary_general() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let diags = wait_nonempty_diagnostics(&mut c);
    let at = pos_of(&text, "Secretary General", 0, 0);
    let diag = diags
        .iter()
        .find(|d| d["range"]["start"] == at && d["source"] == "copydesk")
        .unwrap_or_else(|| panic!("no diagnostic on the caption: {diags:?}"))
        .clone();
    assert!(diag["code"].is_string() && diag["codeDescription"]["href"].is_string());
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": diag["range"], "context": {"diagnostics": [diag], "only": ["quickfix"]}}),
        )
        .unwrap();
    let fixed = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| support::apply_workspace_edit(&text, &a["edit"], URI, 1))
        .find(|t| t.contains("NATO Secretary-General Jens Stoltenberg, Russian"))
        .expect("a quick-fix writing Secretary-General in the caption");
    assert_eq!(fixed.len(), text.len(), "only the hyphen changed");
}

#[test]
fn source_fix_all_applies_every_safe_fix_outside_quotations() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    wait_nonempty_diagnostics(&mut c);
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .unwrap();
    let a = actions
        .as_array()
        .and_then(|v| v.iter().find(|a| a["kind"] == "source.fixAll.copydesk"))
        .expect("a source.fixAll.copydesk action")
        .clone();
    let fixed = support::apply_workspace_edit(&text, &a["edit"], URI, 1);
    assert!(fixed.contains("NATO Secretary-General Jens Stoltenberg, Russian"));
    for quote in [
        "“We are not negotiating from a position of strength",
        "“Let’s be clear: Russian actions",
    ] {
        assert!(fixed.contains(quote), "quotation untouched: {quote}");
    }
}

#[test]
fn rename_rewrites_each_form_in_its_own_shape() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let p = at(&text, "Grushko", 1);
    let edit = c
        .request("textDocument/rename", json!({"textDocument": p["textDocument"], "position": p["position"], "newName": "Alexandr Grushkov"}))
        .unwrap();
    let out = support::apply_workspace_edit(&text, &edit, URI, 1);
    assert_eq!(
        out.matches("Alexandr Grushkov").count(),
        2,
        "caption and body full names"
    );
    assert!(
        out.contains("Grushkov, a former Russian ambassador"),
        "surname form"
    );
    assert!(!out.contains("Grushko "), "{out}");
}

#[test]
fn references_find_every_mention_of_the_person() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let p = at(&text, "Grushko", 2);
    let refs = c
        .request("textDocument/references", json!({"textDocument": p["textDocument"], "position": p["position"], "context": {"includeDeclaration": true}}))
        .unwrap();
    assert_eq!(refs.as_array().map(Vec::len), Some(3), "{refs}");
    let hl = c.request("textDocument/documentHighlight", p).unwrap();
    assert_eq!(hl.as_array().map(Vec::len), Some(3));
}

#[test]
fn outline_lists_headline_and_quoted_people_and_workspace_symbols_find_them() {
    let mut c = Client::spawn();
    c.init_default();
    open_seed(&mut c);
    let syms = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let names: Vec<&str> = syms
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names[0].starts_with("‘No ultimatums’"), "{names:?}");
    for who in [
        "Dmitry Peskov",
        "Julianne Smith",
        "Michael Carpenter",
        "NATO",
    ] {
        assert!(names.contains(&who), "{who} in {names:?}");
    }
    let ws = c
        .request("workspace/symbol", json!({"query": "stolt"}))
        .unwrap();
    assert!(
        ws.as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Jens Stoltenberg"),
        "{ws}"
    );
}

#[test]
fn semantic_tokens_mark_people_in_full_and_in_a_range() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let full = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let data: Vec<u64> = full["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert!(data.chunks(5).any(|t| t[3] == 0), "a person token");
    assert!(data.chunks(5).any(|t| t[3] == 3), "a quotation token");
    let stolt = pos_of(&text, "Jens Stoltenberg received", 0, 0);
    let ranged = c
        .request("textDocument/semanticTokens/range", json!({"textDocument": {"uri": URI}, "range": {"start": stolt, "end": {"line": stolt["line"], "character": 200}}}))
        .unwrap();
    let r: Vec<u64> = ranged["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert!(!r.is_empty() && r.len() < data.len());
}

#[test]
fn inlay_hints_name_the_pronoun_speaker_only_when_enabled() {
    let mut c = Client::spawn();
    c.initialize(
        json!({}),
        json!({"copydesk": {"inlayHints": {"speakers": true}}}),
        &[],
    );
    open_seed(&mut c);
    let all = json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 999, "character": 0}}});
    let hints = c.request("textDocument/inlayHint", all.clone()).unwrap();
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["label"].as_str())
        .collect();
    assert!(
        labels.contains(&": Peskov") && labels.contains(&": Smith"),
        "{labels:?}"
    );

    let mut c = Client::spawn();
    c.init_default();
    open_seed(&mut c);
    let none = c.request("textDocument/inlayHint", all).unwrap();
    assert_eq!(none, json!([]));
}

#[test]
fn code_lens_on_the_headline_counts_quotes_and_sources() {
    let mut c = Client::spawn();
    c.init_default();
    open_seed(&mut c);
    let lenses = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let l = &lenses[0];
    assert_eq!(l["range"]["start"]["line"], 0);
    assert_eq!(
        l["command"]["title"],
        "4 quotes · 4 attributed · 3 distinct sources · 3 named people"
    );
}

#[test]
fn a_broken_workspace_kb_file_is_reported_on_that_file_and_the_server_keeps_answering() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("newsroom.toml");
    std::fs::write(
        &kb,
        "[[person]]\nid = \"marta-kowalczyk\"\nname = \"Marta Kowalczyk\"\n",
    )
    .unwrap();
    let folder = support::file_uri(dir.path());
    let kb_uri = support::file_uri(&kb);
    let mut c = Client::spawn();
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        json!({"copydesk": {"kb": ["newsroom.toml"]}}),
        &[folder],
    );
    let doc = support::file_uri(&dir.path().join("draft.txt"));
    let text = "Marta Kowalczyk said the plan was “a very good and sensible idea for everyone”.\n";
    c.open(&doc, text);
    let hover_params =
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 8}});
    let h = c
        .request("textDocument/hover", hover_params.clone())
        .unwrap();
    assert!(
        h.to_string().contains("Marta Kowalczyk"),
        "the KB person is known: {h}"
    );

    std::fs::write(
        &kb,
        "[[person]]\nid = \"marta-kowalczyk\"\nname = = \"oops\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": kb_uri, "type": 2}]}),
    );
    let d = c
        .wait_for(support::TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == kb_uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
        })
        .expect("diagnostics on the broken KB file");
    assert_eq!(
        d["params"]["diagnostics"][0]["range"]["start"]["line"], 2,
        "{d}"
    );
    // The last good KB stays in use, and the server still answers.
    let h = c.request("textDocument/hover", hover_params).unwrap();
    assert!(h.to_string().contains("Marta Kowalczyk"), "{h}");
}
