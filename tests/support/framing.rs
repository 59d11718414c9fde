//! LSP base-protocol framing (`Content-Length` headers), shared by the test client
//! (`tests/support/mod.rs`) and the benchmark client (`benches/common/lsp.rs`).

use serde_json::Value;
use std::io::BufRead;

/// Reads one framed message; None at EOF or on a malformed frame.
pub fn read_message(r: &mut impl BufRead) -> Option<Value> {
    serde_json::from_slice(&read_body(r)?).ok()
}

/// Reads one frame's body, unparsed; None at EOF or on a malformed header.
pub fn read_body(r: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    Some(body)
}

/// `msg` as a framed message, ready to write.
pub fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).expect("a JSON value serialises");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}
