//! A small LSP test client: spawns `copydesk lsp --stdio`, speaks Content-Length framed
//! JSON-RPC over its stdin/stdout, answers the server's own requests, and times out
//! instead of hanging.
#![allow(dead_code)] // each test file uses a different part of it

use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

mod framing;
pub use framing::{frame, read_message};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-article.txt"
    ))
    .expect("seed article")
}

pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages received but not yet consumed (notifications, server requests).
    pub inbox: Vec<Value>,
    /// What `workspace/configuration` answers with, for each item asked.
    pub configuration: Value,
    /// Answers for items whose `scopeUri` is listed here, instead of `configuration`.
    pub scoped_configuration: Vec<(String, Value)>,
    /// Requests the server sent us, in order.
    pub server_requests: Vec<Value>,
}

impl Client {
    pub fn spawn() -> Client {
        Client::spawn_with_env(&[])
    }

    /// Spawns the server with extra environment variables (test hooks).
    pub fn spawn_with_env(env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["lsp", "--stdio"])
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn copydesk lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            next_id: 0,
            inbox: Vec::new(),
            configuration: Value::Null,
            scoped_configuration: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        // A write error means the server is gone; the next read reports it.
        let _ = stdin.write_all(bytes).and_then(|_| stdin.flush());
    }

    pub fn send(&mut self, msg: &Value) {
        self.send_raw(&frame(msg));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message, answering server requests on the way.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(msg) => {
                if msg.get("method").is_some() && msg.get("id").is_some() {
                    let result = match msg["method"].as_str() {
                        Some("workspace/configuration") => {
                            let items = msg["params"]["items"].as_array().cloned();
                            let answers: Vec<Value> = items
                                .unwrap_or_default()
                                .iter()
                                .map(|item| {
                                    self.scoped_configuration
                                        .iter()
                                        .find(|(scope, _)| item["scopeUri"] == scope.as_str())
                                        .map_or_else(
                                            || self.configuration.clone(),
                                            |(_, v)| v.clone(),
                                        )
                                })
                                .collect();
                            json!(answers)
                        }
                        _ => Value::Null,
                    };
                    self.send(
                        &json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": result}),
                    );
                    self.server_requests.push(msg.clone());
                }
                Some(msg)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The response to request `id`: Ok(result) or Err(error object).
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let deadline = Instant::now() + TIMEOUT;
        if let Some(i) = self
            .inbox
            .iter()
            .position(|m| m["id"] == json!(id) && m.get("method").is_none())
        {
            let m = self.inbox.remove(i);
            return respond(m);
        }
        loop {
            let m = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no response to request {id} within {TIMEOUT:?}"));
            if m["id"] == json!(id) && m.get("method").is_none() {
                return respond(m);
            }
            self.inbox.push(m);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The first message (not yet consumed) satisfying `pred`, waiting up to `timeout`.
    pub fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return Some(self.inbox.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let m = self.next(deadline)?;
            if pred(&m) {
                return Some(m);
            }
            self.inbox.push(m);
        }
    }

    /// The next `publishDiagnostics` for `uri` (optionally at `version`).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        self.wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        })
        .unwrap_or_else(|| panic!("no diagnostics for {uri} (version {version:?})"))["params"]
            .clone()
    }

    /// `initialize` with the given capabilities and options, then `initialized`.
    pub fn initialize(&mut self, capabilities: Value, options: Value, folders: &[String]) -> Value {
        let folders: Vec<Value> = folders
            .iter()
            .map(|u| json!({"uri": u, "name": u.rsplit('/').next().unwrap_or("")}))
            .collect();
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                    "workspaceFolders": if folders.is_empty() { Value::Null } else { json!(folders) },
                }),
            )
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    pub fn init_default(&mut self) -> Value {
        self.initialize(json!({}), Value::Null, &[])
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    /// The server's current text of a document (hidden debug request).
    pub fn document_text(&mut self, uri: &str) -> String {
        self.request("copydesk/documentText", json!({"uri": uri}))
            .expect("documentText")["text"]
            .as_str()
            .expect("text")
            .to_string()
    }

    /// The server's process id (to inspect it in /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    /// The exit code once the process ends, or None if it is still running at the deadline.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// shutdown → exit, returning the exit code.
    pub fn shutdown_and_exit(&mut self) -> Option<i32> {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        self.wait_exit(TIMEOUT)
    }
}

fn respond(m: Value) -> Result<Value, Value> {
    match m.get("error") {
        Some(e) => Err(e.clone()),
        None => Ok(m["result"].clone()),
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Byte offset of an LSP position (UTF-16 units) in `text`, lines split at \n, \r\n, \r.
/// Written independently of the server's converter so the tests check it.
pub fn offset_utf16(text: &str, line: u64, character: u64) -> usize {
    let mut l = 0;
    let mut i = 0;
    let b = text.as_bytes();
    while l < line && i < b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            l += 1;
        }
        i += 1;
    }
    let mut units = 0;
    for (j, c) in text[i..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return i + j;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// The UTF-16 position of byte `offset`.
pub fn position_utf16(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// The position of the `nth` occurrence of `needle` (plus `delta` bytes into it).
pub fn pos_of(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in text"))
        .0;
    position_utf16(text, at + delta)
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
pub fn apply_text_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let a = offset_utf16(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
            );
            let b = offset_utf16(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            );
            (a, b, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// Applies a WorkspaceEdit's versioned edits to the document `uri` at `version`,
/// refusing (panicking) when the edit names another version, as an editor would.
pub fn apply_workspace_edit(text: &str, edit: &Value, uri: &str, version: i64) -> String {
    let changes = edit["documentChanges"].as_array().expect("documentChanges");
    let mut out = text.to_string();
    for c in changes {
        if c["textDocument"]["uri"] != uri {
            continue;
        }
        assert_eq!(
            c["textDocument"]["version"],
            json!(version),
            "edit for another version"
        );
        out = apply_text_edits(&out, c["edits"].as_array().unwrap());
    }
    out
}
