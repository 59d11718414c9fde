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

/// `textDocument/semanticTokens/full` for the test document, as the flat data array.
fn full_semantic_tokens(c: &mut Client) -> Vec<u64> {
    let full = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    full["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

#[test]
fn semantic_tokens_mark_people_in_full_and_in_a_range() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let data = full_semantic_tokens(&mut c);
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
    // The seed states its date: no second lens.
    assert_eq!(lenses.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_draft_with_no_date_gets_a_lens_saying_titles_are_checked_as_of_today() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "file:///tmp/copydesk-features/undated.txt";
    c.open(uri, "Talks stall\n\nThe talks ended without agreement.\n");
    let lenses = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["command"]["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(
        titles[1].starts_with("titles checked as of ") && titles[1].ends_with(" (no date found)"),
        "{titles:?}"
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

fn hover_text(c: &mut Client, uri: &str, position: Value) -> String {
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
        .unwrap();
    h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn hover_on_a_pronoun_quote_names_the_paragraph_the_speaker_was_resolved_from() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let md = hover_text(&mut c, URI, pos_of(&text, "We are not negotiating", 0, 1));
    // Paragraphs counted from the headline, as the editor shows them.
    let peskov_at = text.find("Dmitry Peskov said").unwrap();
    let paragraph = text[..peskov_at]
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    let want = format!(
        "Attributed to **Dmitry Peskov** by ‘he said’, resolved from paragraph {paragraph}"
    );
    assert!(md.starts_with(&want), "{md}\nwanted: {want}");
}

#[test]
fn hover_on_an_unattributed_quotation_says_why() {
    let mut c = Client::spawn();
    c.init_default();
    let text = "The talks ended late on Tuesday.\n\n“We will never accept these terms under any circumstances whatsoever.”\n\nDelegates left the building.\n";
    c.open(URI, text);
    let md = hover_text(&mut c, URI, pos_of(text, "We will never", 0, 3));
    assert!(md.contains("Unattributed quotation"), "{md}");
    assert!(md.contains("no speaker is named"), "{md}");
}

#[test]
fn hover_follows_quote_min_words_like_the_rule_does() {
    // Eight words, no sentence punctuation: a quotation at the default threshold (4), a
    // term under a threshold of 20.
    let text = "The talks ended late on Tuesday.\n\nDelegates called it “the worst deal anyone could ever imagine for us” and left.\n";
    for (options, want) in [
        (json!({}), "Unattributed quotation"),
        (json!({"quote": {"minWords": 20}}), "Not flagged"),
    ] {
        let mut c = Client::spawn();
        c.initialize(json!({}), options, &[]);
        c.open(URI, text);
        let md = hover_text(&mut c, URI, pos_of(text, "the worst deal", 0, 3));
        assert!(md.contains(want), "{want}: {md}");
    }
}

#[test]
fn hover_on_an_organisation_gives_its_full_and_short_name_and_description() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let md = hover_text(&mut c, URI, pos_of(&text, "NATO allies say", 0, 1));
    assert!(
        md.starts_with("**North Atlantic Treaty Organization** (NATO)"),
        "{md}"
    );
    assert!(md.contains("Military alliance"), "{md}");
}

#[test]
fn hover_on_a_title_names_who_holds_it_on_the_articles_date() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let md = hover_text(
        &mut c,
        URI,
        pos_of(&text, "Secretary-General Jens Stoltenberg received", 0, 3),
    );
    assert!(
        md.contains("Held by Jens Stoltenberg on 2022-01-12"),
        "{md}"
    );
}

fn complete(c: &mut Client, text: &str, after: &str) -> Vec<Value> {
    let at = text.find(after).unwrap_or_else(|| panic!("{after}")) + after.len();
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": support::position_utf16(text, at)}),
        )
        .unwrap();
    r["items"].as_array().cloned().unwrap_or_default()
}

fn item<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no {label} in {items:?}"))
}

#[test]
fn completion_inserts_the_first_reference_form_at_a_first_body_mention() {
    let mut c = Client::spawn();
    c.init_default();
    let text = "BRUSSELS, Jan 12, 2022 (Reuters) - Stol";
    c.open(URI, text);
    let items = complete(&mut c, text, "Stol");
    let it = item(&items, "Jens Stoltenberg");
    assert_eq!(
        it["textEdit"]["newText"],
        "NATO Secretary-General Jens Stoltenberg"
    );
    assert_eq!(it["detail"], "Secretary-General, NATO");

    // The title is the one held on the article's date: in 2025 the post is Rutte's.
    let text = "BRUSSELS, March 3, 2025 (Reuters) - Rut";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let items = complete(&mut c, text, "Rut");
    assert_eq!(
        item(&items, "Mark Rutte")["textEdit"]["newText"],
        "NATO Secretary-General Mark Rutte"
    );
}

#[test]
fn completion_offers_an_organisations_titles_after_its_name() {
    let mut c = Client::spawn();
    c.init_default();
    let text = "BRUSSELS, Jan 12, 2022 (Reuters) - NATO Sec";
    c.open(URI, text);
    let items = complete(&mut c, text, "NATO Sec");
    let it = item(&items, "Secretary-General");
    assert_eq!(it["textEdit"]["newText"], "Secretary-General");
}

fn actions_at(c: &mut Client, uri: &str, text: &str, needle: &str) -> Vec<Value> {
    let start = pos_of(text, needle, 0, 1);
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": start, "end": start}, "context": {"diagnostics": []}}),
    )
    .unwrap()
    .as_array()
    .cloned()
    .unwrap_or_default()
}

#[test]
fn use_first_reference_form_rewrites_a_surname_only_first_mention() {
    let mut c = Client::spawn();
    c.init_default();
    // The body names him in full only later: the first mention is the surname alone.
    let text = "BRUSSELS, Jan 12, 2022 (Reuters) - Stoltenberg said the alliance was “ready to talk to Moscow at any time”.\n\nJens Stoltenberg spoke after the meeting.\n";
    c.open(URI, text);
    let actions = actions_at(&mut c, URI, text, "Stoltenberg said");
    let a = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Use first-reference form"))
        })
        .unwrap_or_else(|| panic!("{actions:?}"));
    let out = support::apply_workspace_edit(text, &a["edit"], URI, 1);
    assert!(
        out.contains("(Reuters) - NATO Secretary-General Jens Stoltenberg said"),
        "{out}"
    );
}

#[test]
fn add_to_the_workspace_kb_creates_then_appends_to_the_workspace_kb_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = support::file_uri(dir.path());
    let kb_path = dir.path().join("copydesk-kb.toml");
    let kb_uri = support::file_uri(&kb_path);
    let doc = support::file_uri(&dir.path().join("draft.txt"));
    let mut c = Client::spawn();
    // Pull diagnostics: each reload ends with a refresh request, so the test knows when
    // the new KB is in use.
    c.initialize(
        json!({"textDocument": {"diagnostic": {}}}),
        Value::Null,
        &[folder],
    );
    wait_refresh(&mut c);
    let text =
        "Ingrid Holmqvist said the port would reopen “within the next two or three weeks”.\n";
    c.open(&doc, text);
    let actions = actions_at(&mut c, &doc, text, "Holmqvist");
    let a = actions
        .iter()
        .find(|a| a["title"] == "Add ‘Ingrid Holmqvist’ to the workspace knowledge base")
        .unwrap_or_else(|| panic!("{actions:?}"));
    let ops = a["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], kb_uri);
    let created = support::apply_text_edits("", ops[1]["edits"].as_array().unwrap());
    assert!(created.contains("name = \"Ingrid Holmqvist\""), "{created}");
    // Apply it as the editor would, and tell the server the file appeared.
    std::fs::write(&kb_path, &created).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": kb_uri, "type": 1}]}),
    );
    wait_refresh(&mut c);
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": pos_of(text, "Holmqvist", 0, 1)}),
        )
        .unwrap();
    let h = h.to_string();
    assert!(
        h.contains("Ingrid Holmqvist") && !h.contains("Not in the knowledge base"),
        "{h}"
    );

    // A second unknown person is appended to the existing file.
    let text2 = "Ingrid Holmqvist said the port would reopen “within the next two or three weeks”.\n\nLars Eriksen said the ferries were “already fully booked until the end of March”.\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": text2}]}),
    );
    let actions = actions_at(&mut c, &doc, text2, "Eriksen");
    let a = actions
        .iter()
        .find(|a| a["title"] == "Add ‘Lars Eriksen’ to the workspace knowledge base")
        .unwrap_or_else(|| panic!("{actions:?}"));
    let ops = a["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops.len(), 1, "no create for an existing file: {ops:?}");
    let appended = support::apply_text_edits(&created, ops[0]["edits"].as_array().unwrap());
    assert!(appended.starts_with(&created));
    assert!(
        appended.contains("\n\n[[person]]\nid = \"lars-eriksen\"\nname = \"Lars Eriksen\"\n"),
        "{appended}"
    );
}

#[test]
fn add_to_the_workspace_kb_writes_an_ascii_id_for_a_name_with_diacritics_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let folder = support::file_uri(dir.path());
    let kb_path = dir.path().join("copydesk-kb.toml");
    let kb_uri = support::file_uri(&kb_path);
    let doc = support::file_uri(&dir.path().join("draft.txt"));
    let mut c = Client::spawn();
    c.initialize(
        json!({"textDocument": {"diagnostic": {}}}),
        Value::Null,
        &[folder],
    );
    wait_refresh(&mut c);
    let text = "Zoë Müller said the harbour would reopen “within the next two or three weeks”.\n";
    c.open(&doc, text);
    let actions = actions_at(&mut c, &doc, text, "Müller");
    let a = actions
        .iter()
        .find(|a| a["title"] == "Add ‘Zoë Müller’ to the workspace knowledge base")
        .unwrap_or_else(|| panic!("{actions:?}"));
    let ops = a["edit"]["documentChanges"].as_array().unwrap();
    let created = support::apply_text_edits("", ops[1]["edits"].as_array().unwrap());
    assert_eq!(
        created,
        "[[person]]\nid = \"zoe-muller\"\nname = \"Zoë Müller\"\n"
    );
    std::fs::write(&kb_path, &created).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": kb_uri, "type": 1}]}),
    );
    wait_refresh(&mut c);
    // The file loads: the draft is checked against it (a broken KB would leave the name
    // unknown and put an error on the KB file).
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": pos_of(text, "Müller", 0, 1)}),
        )
        .unwrap()
        .to_string();
    assert!(
        h.contains("Zoë Müller") && !h.contains("Not in the knowledge base"),
        "{h}"
    );
    assert!(
        !c.inbox
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == kb_uri
                && !m["params"]["diagnostics"].as_array().unwrap().is_empty()),
        "the KB file has problems: {:?}",
        c.inbox
    );
}

#[test]
fn suppress_on_this_line_inserts_a_directive_that_silences_the_diagnostic() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "file:///tmp/copydesk-features/suppress.md";
    let text = "# Talks end\n\nThe envoy arrived late.\n“We will never surrender, he said.\n\nThe talks went on.\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let d = c.diagnostics(uri, Some(1));
    let codes: Vec<&str> = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"unbalanced-quote"), "{d}");
    let actions = actions_at(&mut c, uri, text, "\n“We will");
    let a = actions
        .iter()
        .find(|a| a["title"] == "Suppress ‘unbalanced-quote’ on this line")
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(a["kind"], "quickfix");
    assert_eq!(a["diagnostics"][0]["code"], "unbalanced-quote");
    let out = support::apply_workspace_edit(text, &a["edit"], uri, 1);
    // Appended to the line above, inside the same paragraph: the paragraph stays whole.
    assert_eq!(
        out,
        "# Talks end\n\nThe envoy arrived late. <!-- copydesk-disable-next-line unbalanced-quote -->\n“We will never surrender, he said.\n\nThe talks went on.\n"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": out}]}),
    );
    let d = c.diagnostics(uri, Some(2));
    assert_eq!(d["diagnostics"], json!([]), "{d}");
}

fn wait_refresh(c: &mut Client) {
    c.wait_for(support::TIMEOUT, |m| {
        m["method"] == "workspace/diagnostic/refresh"
    })
    .expect("a workspace/diagnostic/refresh after the reload");
}

#[test]
fn references_and_highlights_include_the_pronoun_that_attributes_a_quote() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let p = at(&text, "Peskov said", 0);
    let refs = c
        .request("textDocument/references", json!({"textDocument": p["textDocument"], "position": p["position"], "context": {"includeDeclaration": true}}))
        .unwrap();
    let starts: Vec<Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["range"]["start"].clone())
        .collect();
    assert!(
        starts.contains(&pos_of(&text, "Dmitry Peskov said", 0, 0)),
        "{refs}"
    );
    assert!(
        starts.contains(&pos_of(&text, "he said in Moscow", 0, 0)),
        "the pronoun in ‘he said’: {refs}"
    );
    let hl = c.request("textDocument/documentHighlight", p).unwrap();
    assert_eq!(hl.as_array().map(Vec::len), Some(starts.len()));
}

#[test]
fn rename_keeps_the_possessive_ending_and_leaves_quotations_alone() {
    let mut c = Client::spawn();
    c.init_default();
    let text = "BRUSSELS, Jan 12, 2022 (Reuters) - NATO Secretary-General Jens Stoltenberg said the talks were “useful”.\n\nStoltenberg’s office said he would travel to Kyiv on Friday.\n\n“Stoltenberg is right,” one diplomat said.\n";
    c.open(URI, text);
    let p = at(text, "Stoltenberg’s", 0);
    let edit = c
        .request("textDocument/rename", json!({"textDocument": p["textDocument"], "position": p["position"], "newName": "Jonas Stoltenberg-Berg"}))
        .unwrap();
    let out = support::apply_workspace_edit(text, &edit, URI, 1);
    assert!(
        out.contains("Secretary-General Jonas Stoltenberg-Berg said"),
        "{out}"
    );
    assert!(out.contains("\n\nStoltenberg-Berg’s office"), "{out}");
    assert!(out.contains("“Stoltenberg is right,”"), "{out}");
}

#[test]
fn outline_has_the_dateline_and_each_speakers_quotes_beneath_them() {
    let mut c = Client::spawn();
    c.init_default();
    open_seed(&mut c);
    let syms = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .unwrap();
    let syms = syms.as_array().unwrap();
    let dateline = syms
        .iter()
        .find(|s| s["detail"] == "dateline")
        .expect("a dateline symbol");
    assert!(dateline["name"]
        .as_str()
        .unwrap()
        .starts_with("BRUSSELS, Jan 12"));
    let peskov = syms
        .iter()
        .find(|s| s["name"] == "Dmitry Peskov")
        .expect("Peskov");
    let quotes: Vec<&str> = peskov["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["name"].as_str())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("We are not negotiating")),
        "{quotes:?}"
    );
    let smith = syms.iter().find(|s| s["name"] == "Julianne Smith").unwrap();
    assert_eq!(
        smith["children"].as_array().map(Vec::len),
        Some(2),
        "{smith}"
    );
    assert!(syms
        .iter()
        .any(|s| s["name"] == "NATO" && s["detail"] == "organisation"));
}

#[test]
fn title_variant_diagnostics_point_at_the_other_spelling_and_carry_their_fixes() {
    let mut c = Client::spawn();
    c.init_default();
    let text = open_seed(&mut c);
    let diags = wait_nonempty_diagnostics(&mut c);
    let caption = pos_of(&text, "Secretary General", 0, 0);
    let d = diags
        .iter()
        .find(|d| d["range"]["start"] == caption)
        .expect("the caption's title-variant");
    assert_eq!(d["code"], "title-variant");
    assert_eq!(d["source"], "copydesk");
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], URI);
    assert_eq!(
        related["location"]["range"]["start"],
        pos_of(&text, "Secretary-General", 0, 0)
    );
    // `data`: the document version and the fix as byte edits, enough to apply it alone.
    assert_eq!(d["data"]["version"], 1);
    let edit = &d["data"]["fixes"][0]["edits"][0];
    let (a, b) = (
        edit["start"].as_u64().unwrap() as usize,
        edit["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "Secretary General");
    let mut fixed = text.clone();
    fixed.replace_range(a..b, edit["newText"].as_str().unwrap());
    assert!(fixed.contains("NATO Secretary-General Jens Stoltenberg, Russian"));
}

/// Decoded semantic tokens: (text, type index, modifier bits).
fn decoded_tokens(text: &str, data: &[u64]) -> Vec<(String, u64, u64)> {
    let (mut line, mut col) = (0u64, 0u64);
    let mut out = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0];
            col = t[1];
        } else {
            col += t[1];
        }
        let a = support::offset_utf16(text, line, col);
        let b = support::offset_utf16(text, line, col + t[2]);
        out.push((text[a..b].to_string(), t[3], t[4]));
    }
    out
}

#[test]
fn semantic_token_modifiers_mark_first_references_unknown_names_and_unattributed_quotes() {
    let mut c = Client::spawn();
    let r = c.init_default();
    let legend = &r["capabilities"]["semanticTokensProvider"]["legend"];
    let modifier = |name: &str| -> u64 {
        let i = legend["tokenModifiers"]
            .as_array()
            .unwrap()
            .iter()
            .position(|m| m == name)
            .unwrap_or_else(|| panic!("{name} in the legend"));
        1 << i
    };
    let text = "BRUSSELS, Jan 12, 2022 (Reuters) - NATO Secretary-General Jens Stoltenberg met Ingrid Holmqvist on Tuesday.\n\nStoltenberg said the talks were “useful and frank and worth having again soon”.\n\n“Nobody has claimed these words at all, not even once,” the report read.\n\nIngrid Holmqvist said the port would reopen.\n";
    c.open(URI, text);
    let data = full_semantic_tokens(&mut c);
    let toks = decoded_tokens(text, &data);
    let find = |s: &str| -> Vec<u64> { toks.iter().filter(|t| t.0 == s).map(|t| t.2).collect() };
    let first = modifier("firstReference");
    let unknown = modifier("unknown");
    let unattributed = modifier("unattributed");
    assert_eq!(find("Jens Stoltenberg"), vec![first], "{toks:?}");
    assert_eq!(find("Stoltenberg"), vec![0], "{toks:?}");
    assert_eq!(
        find("Ingrid Holmqvist"),
        vec![first | unknown, unknown],
        "{toks:?}"
    );
    let quote_mods: Vec<u64> = toks.iter().filter(|t| t.1 == 3).map(|t| t.2).collect();
    assert!(quote_mods.contains(&unattributed), "{toks:?}");
    assert!(
        quote_mods.contains(&0),
        "the attributed quotation: {toks:?}"
    );
}
