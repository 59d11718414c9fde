//! A guard in front of tower-lsp-server's stdio framing. Its reader stops for good at the
//! first undecodable message (tokio-util's `FramedRead` ends the stream after a decode
//! error), so one bad frame from a client would kill the server. Here every frame is
//! checked first: well-formed JSON-RPC passes through; anything else is answered with
//! a JSON-RPC error (parse error / invalid request) and skipped, and reading goes on.

use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Larger bodies are refused rather than buffered.
const MAX_BODY: usize = 1 << 30;

enum Frame {
    Body(Vec<u8>),
    /// A header block without a usable Content-Length.
    BadHeader(String),
}

/// Reads Content-Length framed messages from a byte stream, resynchronising on the next
/// `Content-Length` after garbage.
struct FrameReader<R> {
    inner: R,
    buf: Vec<u8>,
    eof: bool,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    fn new(inner: R) -> Self {
        FrameReader {
            inner,
            buf: Vec::new(),
            eof: false,
        }
    }

    async fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        let mut chunk = [0u8; 1 << 16];
        match self.inner.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                self.eof = true;
                false
            }
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    async fn next(&mut self) -> Option<Frame> {
        loop {
            let end = find(&self.buf, b"\r\n\r\n")
                .map(|i| (i, 4))
                .or_else(|| find(&self.buf, b"\n\n").map(|i| (i, 2)));
            let Some((end, sep)) = end else {
                if !self.fill().await {
                    return None;
                }
                continue;
            };
            let header = String::from_utf8_lossy(&self.buf[..end]).to_ascii_lowercase();
            self.buf.drain(..end + sep);
            let len = header.lines().find_map(|l| {
                let at = l.find("content-length:")?;
                l[at + "content-length:".len()..]
                    .trim()
                    .parse::<usize>()
                    .ok()
            });
            let Some(len) = len.filter(|n| *n <= MAX_BODY) else {
                // Skip to the next header, if one is already buffered.
                let skip = find(&self.buf, b"Content-Length").unwrap_or(0);
                self.buf.drain(..skip);
                return Some(Frame::BadHeader(
                    "missing, invalid or oversized Content-Length header".into(),
                ));
            };
            while self.buf.len() < len {
                if !self.fill().await {
                    return None;
                }
            }
            return Some(Frame::Body(self.buf.drain(..len).collect()));
        }
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error(code: i64, message: &str) -> Vec<u8> {
    let v = json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": message}});
    frame(v.to_string().as_bytes())
}

/// Client → server: passes valid messages on, answers the rest through `errors`.
pub async fn input<R, W>(from: R, mut to: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::new(from);
    while let Some(f) = reader.next().await {
        let reply = match f {
            Frame::BadHeader(why) => error(-32700, &why),
            Frame::Body(body) => {
                let value: Result<serde_json::Value, _> = serde_json::from_slice(&body);
                match value {
                    Err(e) => error(-32700, &format!("body is not JSON: {e}")),
                    Ok(v) => {
                        let ok = serde_json::from_value::<Request>(v.clone()).is_ok()
                            || serde_json::from_value::<Response>(v).is_ok();
                        if ok {
                            if to.write_all(&frame(&body)).await.is_err() {
                                return;
                            }
                            continue;
                        }
                        error(
                            -32600,
                            "not a JSON-RPC 2.0 request, notification or response",
                        )
                    }
                }
            }
        };
        if errors.send(reply).is_err() {
            return;
        }
    }
    // Dropping `to` tells the server the client is gone.
}

/// Server → client: whole frames from the server, with error replies slotted in
/// between them (never inside one). Ends when the server's output ends.
pub async fn output<R, W>(from: R, mut to: W, mut errors: mpsc::UnboundedReceiver<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::new(from);
    loop {
        tokio::select! {
            f = reader.next() => match f {
                Some(Frame::Body(body)) => {
                    if to.write_all(&frame(&body)).await.is_err() || to.flush().await.is_err() {
                        return;
                    }
                }
                Some(Frame::BadHeader(_)) => continue,
                None => break,
            },
            Some(e) = errors.recv() => {
                if to.write_all(&e).await.is_err() || to.flush().await.is_err() {
                    return;
                }
            }
        }
    }
    while let Ok(e) = errors.try_recv() {
        let _ = to.write_all(&e).await;
    }
    let _ = to.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input_bytes: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let mut out = Vec::new();
        input(input_bytes, &mut out, tx).await;
        let mut errs = Vec::new();
        while let Ok(e) = rx.try_recv() {
            errs.push(e);
        }
        (out, errs)
    }

    #[tokio::test]
    async fn valid_frames_pass_and_bad_ones_are_answered_and_skipped() {
        let good = br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;
        let mut msg = frame(b"{\"jsonrpc\": ");
        msg.extend(frame(b"[1,2]"));
        msg.extend(b"Content-Type: nothing\r\n\r\n");
        msg.extend(frame(good));
        let (out, errs) = run(&msg).await;
        assert_eq!(out, frame(good));
        assert_eq!(errs.len(), 3);
        assert!(String::from_utf8_lossy(&errs[0]).contains("-32700"));
        assert!(String::from_utf8_lossy(&errs[1]).contains("-32600"));
    }

    #[tokio::test]
    async fn a_truncated_final_frame_ends_quietly() {
        let (out, errs) = run(b"Content-Length: 99\r\n\r\n{\"a\":").await;
        assert!(out.is_empty() && errs.is_empty());
    }
}
