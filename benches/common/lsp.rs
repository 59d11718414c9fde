//! A minimal LSP client for the latency and memory harnesses: starts the release
//! `copydesk lsp` as a process, speaks Content-Length framed JSON-RPC over stdio, keeps a
//! copy of each document's text to place edits, and reads the server's memory from /proc.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

#[path = "../../tests/support/framing.rs"]
mod framing;
use framing::{frame, read_body};

const TIMEOUT: Duration = Duration::from_secs(120);

/// A message from the server, with when its last byte arrived (the latency the harness
/// reports) and when the client had parsed it (for a 3 MB `publishDiagnostics`, tens of
/// milliseconds of the client's own work).
pub struct Received {
    pub msg: Value,
    pub arrived: Instant,
    pub parsed: Instant,
}

pub struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Received>,
    next_id: i64,
}

impl Server {
    /// Starts the server and runs `initialize` with `folder` as the workspace (if any)
    /// and `settings` as initialization options.
    pub fn start(folder: Option<&str>, settings: Value) -> Server {
        // COPYDESK_BENCH_BIN runs another build (e.g. an older commit's) for A/B figures.
        let bin = std::env::var_os("COPYDESK_BENCH_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_copydesk").into());
        let mut child = Command::new(bin)
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start copydesk lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take().expect("stdin");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::with_capacity(1 << 16, stdout);
            while let Some(body) = read_body(&mut r) {
                let arrived = Instant::now();
                let Ok(msg) = serde_json::from_slice(&body) else {
                    break;
                };
                let parsed = Instant::now();
                if tx
                    .send(Received {
                        msg,
                        arrived,
                        parsed,
                    })
                    .is_err()
                {
                    break;
                }
            }
        });
        let mut s = Server {
            child,
            stdin,
            rx,
            next_id: 0,
        };
        let folders = match folder {
            Some(uri) => json!([{"uri": uri, "name": "bench"}]),
            None => Value::Null,
        };
        s.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {},
                   "initializationOptions": settings, "workspaceFolders": folders}),
        );
        s.notify("initialized", json!({}));
        s
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// (VmHWM, VmRSS) of the server process in kB.
    pub fn memory_kb(&self) -> (u64, u64) {
        crate::common::memory_kb(&format!("/proc/{}/status", self.pid()))
    }

    fn send(&mut self, msg: &Value) {
        self.stdin
            .write_all(&frame(msg))
            .and_then(|_| self.stdin.flush())
            .expect("server stdin");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message; server requests are answered (with null) on the way.
    fn next(&mut self) -> Value {
        self.next_timed().msg
    }

    fn next_timed(&mut self) -> Received {
        let r = self
            .rx
            .recv_timeout(TIMEOUT)
            .expect("the server answers within the timeout");
        if r.msg.get("method").is_some() && r.msg.get("id").is_some() {
            self.send(&json!({"jsonrpc": "2.0", "id": r.msg["id"].clone(), "result": null}));
        }
        r
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.next();
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m["result"].clone();
            }
        }
    }

    /// Waits for `publishDiagnostics` of `uri` at `version`; returns the diagnostics count.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> usize {
        let r = self.diagnostics_timed(uri, version);
        r.msg["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    }

    /// Waits for `publishDiagnostics` of `uri` at `version`, with its arrival times.
    pub fn diagnostics_timed(&mut self, uri: &str, version: i64) -> Received {
        loop {
            let r = self.next_timed();
            let m = &r.msg;
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
            {
                return r;
            }
        }
    }

    /// Waits for a `window/logMessage` containing `needle` (e.g. the "ready" message
    /// sent once the workspace KB is loaded).
    pub fn wait_log(&mut self, needle: &str) {
        loop {
            let m = self.next();
            if m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(needle))
            {
                return;
            }
        }
    }

    /// Waits for `publishDiagnostics` at `version` of every one of `uris`, in any order.
    pub fn diagnostics_all(&mut self, uris: &[String], version: i64) {
        let mut left: Vec<&String> = uris.iter().collect();
        while !left.is_empty() {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == json!(version)
            {
                left.retain(|u| m["params"]["uri"] != json!(u));
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// LSP position (line, UTF-16 units) of byte `offset` in `text`; lines end at \n, \r\n
/// or a lone \r, as the server counts them.
pub fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count()
        + before
            .as_bytes()
            .windows(2)
            .filter(|w| w[0] == b'\r' && w[1] != b'\n')
            .count()
        + usize::from(before.ends_with('\r'));
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// A small deterministic generator (xorshift), so every run makes the same edits.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A char boundary at or before `i`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
