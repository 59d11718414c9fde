//! Document sync through the real stdio server: incremental edits in UTF-16 and UTF-8
//! match the same edits applied to a String, diagnostics follow versions.

mod support;

use serde_json::{json, Value};
use support::{offset_utf16, position_utf16, Client};

fn change(uri: &str, version: i64, changes: Value) -> Value {
    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
}

fn range(text: &str, a: usize, b: usize) -> Value {
    json!({"start": position_utf16(text, a), "end": position_utf16(text, b)})
}

#[test]
fn incremental_insert_delete_and_replace_across_lines_match_a_full_reread() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "file:///tmp/copydesk-test/seed.txt";
    let mut text = support::seed();
    c.open(uri, &text);

    // insert inside the first curly-quoted headline
    let at = text.find("ultimatums").unwrap();
    let ins = "real ";
    c.notify(
        "textDocument/didChange",
        change(
            uri,
            2,
            json!([{"range": range(&text, at, at), "text": ins}]),
        ),
    );
    text.insert_str(at, ins);
    // delete "Russian " before "Deputy Foreign Minister" in the body (after an em dash line)
    let d = text.find("received Russian ").unwrap() + "received ".len();
    c.notify(
        "textDocument/didChange",
        change(
            uri,
            3,
            json!([{"range": range(&text, d, d + 8), "text": ""}]),
        ),
    );
    text.replace_range(d..d + 8, "");
    // replace from inside one paragraph to inside another, across blank lines
    let a = text.find("Cold War").unwrap();
    let b = text.find("Kremlin spokesperson").unwrap();
    c.notify(
        "textDocument/didChange",
        change(
            uri,
            4,
            json!([{"range": range(&text, a, b), "text": "Cold War.\n\nThe “Kremlin” — 😀 "}]),
        ),
    );
    text.replace_range(a..b, "Cold War.\n\nThe “Kremlin” — 😀 ");
    // several changes in one notification apply in order
    let e = text.find("Peskov").unwrap();
    let first = json!({"range": range(&text, e, e), "text": "Dmitry "});
    text.insert_str(e, "Dmitry ");
    let f = text.find("Brussels").unwrap();
    let second = json!({"range": range(&text, f, f + "Brussels".len()), "text": "Bruxelles"});
    text.replace_range(f..f + "Brussels".len(), "Bruxelles");
    c.notify(
        "textDocument/didChange",
        change(uri, 5, json!([first, second])),
    );

    assert_eq!(c.document_text(uri), text);
    let d = c.diagnostics(uri, Some(5));
    assert_eq!(d["version"], 5);
    // a full-document change is accepted too
    c.notify(
        "textDocument/didChange",
        change(uri, 6, json!([{"text": "Fresh start."}])),
    );
    assert_eq!(c.document_text(uri), "Fresh start.");
}

#[test]
fn utf16_positions_on_a_line_with_an_emoji_and_cjk_before_a_name() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "untitled:emoji";
    c.open(uri, "“😀 中” Grushko said\n");
    // 😀 is two UTF-16 units: “ 😀 space 中 ” space = 7 units before Grushko
    c.notify("textDocument/didChange", change(uri, 2, json!([{"range": {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 7}}, "text": "Alexander "}])));
    assert_eq!(c.document_text(uri), "“😀 中” Alexander Grushko said\n");
    // a position inside the surrogate pair rounds down to before the emoji
    c.notify("textDocument/didChange", change(uri, 3, json!([{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 2}}, "text": "!"}])));
    assert_eq!(c.document_text(uri), "“!😀 中” Alexander Grushko said\n");
    // past the end of the line clamps to the line's end, past the last line to the end
    c.notify("textDocument/didChange", change(uri, 4, json!([{"range": {"start": {"line": 0, "character": 999}, "end": {"line": 0, "character": 999}}, "text": "."}])));
    c.notify("textDocument/didChange", change(uri, 5, json!([{"range": {"start": {"line": 4000000000u64, "character": 4000000000u64}, "end": {"line": 4000000000u64, "character": 4000000000u64}}, "text": "END"}])));
    assert_eq!(
        c.document_text(uri),
        "“!😀 中” Alexander Grushko said.\nEND"
    );
}

#[test]
fn utf8_positions_count_bytes_when_negotiated() {
    let mut c = Client::spawn();
    c.initialize(
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        Value::Null,
        &[],
    );
    let uri = "untitled:utf8";
    let text = "“😀 中” Grushko said\r\nsecond";
    c.open(uri, text);
    let g = text.find("Grushko").unwrap() as u64;
    c.notify("textDocument/didChange", change(uri, 2, json!([{"range": {"start": {"line": 0, "character": g}, "end": {"line": 0, "character": g + 7}}, "text": "Peskov"}])));
    c.notify("textDocument/didChange", change(uri, 3, json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 3}}, "text": "2"}])));
    assert_eq!(c.document_text(uri), "“😀 中” Peskov said\r\n2ond");
}

/// A small deterministic generator, so a failure replays.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn hundreds_of_random_edits_sent_without_waiting_match_a_string() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "untitled:random";
    let mut text = support::seed();
    c.open(uri, &text);
    let pieces = [
        "“", "”", "—", "😀", "中", "é", "\n", "\r\n", "said ", "Zoë", "",
    ];
    let mut rng = Lcg(7);
    for v in 2..=400 {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut a = bounds[rng.next(bounds.len())];
        let mut b = bounds[rng.next(bounds.len())];
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        if b - a > 200 {
            b = a; // keep the text from draining away
        }
        // never split a \r\n: an LSP position cannot point between them
        if text[..a].ends_with('\r') && text[a..].starts_with('\n') {
            a -= 1;
        }
        if text[..b].ends_with('\r') && text[b..].starts_with('\n') {
            b += 1;
        }
        let new = pieces[rng.next(pieces.len())];
        let r = range(&text, a, b);
        // the test client's own converter must agree with itself
        assert_eq!(
            offset_utf16(
                &text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap()
            ),
            a
        );
        c.notify(
            "textDocument/didChange",
            change(uri, v, json!([{"range": r, "text": new}])),
        );
        text.replace_range(a..b, new);
    }
    assert_eq!(c.document_text(uri), text);
    // the newest version is analysed and published, whatever was coalesced on the way
    assert_eq!(c.diagnostics(uri, Some(400))["version"], 400);
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut c = Client::spawn();
    c.init_default();
    let uri = "untitled:close-me";
    c.open(uri, "“An unattributed quotation that runs on for a while.”");
    c.diagnostics(uri, Some(1));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.diagnostics(uri, None);
    assert_eq!(cleared["diagnostics"], json!([]));
    assert!(c
        .request("copydesk/documentText", json!({"uri": uri}))
        .is_err());
}

#[test]
fn pull_diagnostics_answer_when_the_client_supports_them() {
    let mut c = Client::spawn();
    let r = c.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
        &[],
    );
    assert_eq!(
        r["capabilities"]["diagnosticProvider"]["identifier"],
        "copydesk"
    );
    let uri = "untitled:pull";
    c.open(uri, "Some text.");
    let report = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert!(report["items"].is_array());
}

#[test]
fn bad_settings_are_reported_and_the_server_keeps_answering() {
    let mut c = Client::spawn();
    c.init_default();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"x": {"severity": "loud"}}}}}),
    );
    let msg = c
        .wait_for(support::TIMEOUT, |m| m["method"] == "window/showMessage")
        .expect("a message about the bad setting");
    assert!(msg["params"]["message"]
        .as_str()
        .unwrap()
        .contains("rules.x.severity"));
    c.open("untitled:ok", "Fine.");
    assert_eq!(c.document_text("untitled:ok"), "Fine.");
}
