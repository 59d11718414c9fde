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

    /// Cancel-safe: the output task polls it in a `select!` that drops it whenever one
    /// of our own messages is ready, so nothing is taken out of `buf` until a whole frame
    /// is there (the only await is `fill`, whose read loses nothing when dropped).
    async fn next(&mut self) -> Option<Frame> {
        loop {
            if let Some(f) = self.take() {
                return Some(f);
            }
            if !self.fill().await {
                return None;
            }
        }
    }

    /// The first whole frame in `buf`, if one is there.
    fn take(&mut self) -> Option<Frame> {
        let (header_len, body_at) = header_end(&self.buf)?;
        let header = String::from_utf8_lossy(&self.buf[..header_len]).to_ascii_lowercase();
        let len = header.lines().find_map(|l| {
            let at = l.find("content-length:")?;
            l[at + "content-length:".len()..]
                .trim()
                .parse::<usize>()
                .ok()
        });
        let Some(len) = len.filter(|n| *n <= MAX_BODY) else {
            self.buf.drain(..body_at);
            // Skip to the next header, if one is already buffered.
            let skip = find(&self.buf, b"Content-Length").unwrap_or(0);
            self.buf.drain(..skip);
            return Some(Frame::BadHeader(
                "missing, invalid or oversized Content-Length header".into(),
            ));
        };
        if self.buf.len() - body_at < len {
            return None;
        }
        self.buf.drain(..body_at);
        Some(Frame::Body(self.buf.drain(..len).collect()))
    }
}

/// Where the first header block ends: (length of the header text, offset of the body).
/// Blocks end at an empty line, `\r\n\r\n` or (leniently) `\n\n`, whichever comes first.
fn header_end(buf: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = buf[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| i + from)
    {
        match &buf[i + 1..] {
            [b'\n', ..] => return Some((i, i + 2)),
            [b'\r', b'\n', ..] => return Some((i, i + 3)),
            [] | [b'\r'] => return None,
            _ => from = i + 1,
        }
    }
    None
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// A JSON-RPC error reply (body only; the output task frames it).
fn error(code: i64, message: &str) -> Vec<u8> {
    let v = json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": message}});
    v.to_string().into_bytes()
}

/// Client → server: passes valid messages on, answers the rest through `replies`
/// (bodies for the output task to frame).
pub async fn input<R, W>(from: R, mut to: W, replies: mpsc::UnboundedSender<Vec<u8>>)
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
        if replies.send(reply).is_err() {
            return;
        }
    }
    // Dropping `to` tells the server the client is gone.
}

/// Server → client: whole frames from tower-lsp-server, and between them (never inside
/// one) the message bodies sent on `own`: error replies from `input` and the
/// notifications the server writes itself (`publish`). Each message is flushed as it
/// is written. Ends when tower's output ends, after writing what `own` still holds.
pub async fn output<R, W>(from: R, mut to: W, mut own: mpsc::UnboundedReceiver<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::new(from);
    loop {
        let body = tokio::select! {
            f = reader.next() => match f {
                Some(Frame::Body(body)) => body,
                Some(Frame::BadHeader(_)) => continue,
                None => break,
            },
            Some(body) = own.recv() => body,
        };
        if to.write_all(&frame(&body)).await.is_err() || to.flush().await.is_err() {
            return;
        }
    }
    while let Ok(body) = own.try_recv() {
        if to.write_all(&frame(&body)).await.is_err() {
            return;
        }
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

    /// Splits an output stream into frame bodies, failing on anything that is not a
    /// whole `Content-Length` frame.
    fn frames(mut bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let end = find(bytes, b"\r\n\r\n").expect("a header");
            let header = std::str::from_utf8(&bytes[..end]).expect("an ASCII header");
            let len: usize = header
                .strip_prefix("Content-Length: ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("not a frame header: {header:?}"));
            out.push(bytes[end + 4..end + 4 + len].to_vec());
            bytes = &bytes[end + 4 + len..];
        }
        out
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn own_messages_go_between_tower_frames_never_inside_one() {
        // tower's side: a few big frames trickling in, in small writes.
        let tower: Vec<Vec<u8>> = (0..4u8)
            .map(|i| {
                let filler = "x".repeat(200_000 + usize::from(i));
                format!(r#"{{"jsonrpc":"2.0","id":{i},"result":"{filler}"}}"#).into_bytes()
            })
            .collect();
        let ours: Vec<Vec<u8>> = (0..200)
            .map(|i| format!(r#"{{"jsonrpc":"2.0","method":"own","params":{i}}}"#).into_bytes())
            .collect();
        let (mut server_out, client_out) = tokio::io::duplex(1 << 12);
        let (tx, rx) = mpsc::unbounded_channel();
        let (mut sink, mut collected) = tokio::io::duplex(1 << 12);
        // Ours are sent while tower's frames are half written: one every fourth chunk.
        let writer = {
            let (tower, ours) = (tower.clone(), ours.clone());
            tokio::spawn(async move {
                let mut ours = ours.into_iter();
                for body in &tower {
                    for (i, chunk) in frame(body).chunks(1000).enumerate() {
                        server_out.write_all(chunk).await.expect("pipe open");
                        if i % 4 == 0 {
                            if let Some(b) = ours.next() {
                                tx.send(b).expect("output running");
                            }
                        }
                        tokio::task::yield_now().await;
                    }
                }
                for b in ours {
                    tx.send(b).expect("output running");
                }
            })
        };
        let out = tokio::spawn(async move { output(client_out, &mut sink, rx).await });
        let mut bytes = Vec::new();
        let reading = collected.read_to_end(&mut bytes);
        let (w, o, r) = tokio::join!(writer, out, reading);
        w.expect("writer");
        o.expect("output");
        r.expect("read all");
        let got = frames(&bytes);
        let from_tower: Vec<&Vec<u8>> = got.iter().filter(|b| b.len() > 1000).collect();
        let from_us: Vec<&Vec<u8>> = got.iter().filter(|b| b.len() <= 1000).collect();
        assert_eq!(from_tower, tower.iter().collect::<Vec<_>>());
        assert_eq!(from_us, ours.iter().collect::<Vec<_>>());
        // Some of ours really did arrive while a tower frame was half read.
        let first_big = got.iter().position(|b| b.len() > 1000);
        let last_big = got.iter().rposition(|b| b.len() > 1000);
        assert!(
            got.iter()
                .enumerate()
                .any(|(i, b)| b.len() <= 1000 && Some(i) > first_big && Some(i) < last_big),
            "no interleaving happened; the test proves nothing"
        );
    }

    #[tokio::test]
    async fn a_big_own_message_is_written_whole_and_after_tower_ends() {
        let big = format!(r#"{{"params":"{}"}}"#, "é".repeat(3 << 20)).into_bytes();
        let (tx, rx) = mpsc::unbounded_channel();
        tx.send(big.clone()).expect("open");
        let (server_out, client_out) = tokio::io::duplex(64);
        drop(server_out);
        let mut sink = Vec::new();
        output(client_out, &mut sink, rx).await;
        assert_eq!(frames(&sink), vec![big]);
    }

    #[tokio::test]
    async fn header_blocks_end_at_the_first_empty_line_of_either_kind() {
        let mut bytes = b"Content-Length: 2\n\n{}".to_vec();
        bytes.extend(frame(b"[]"));
        let mut r = FrameReader::new(&bytes[..]);
        for want in [&b"{}"[..], b"[]"] {
            match r.next().await {
                Some(Frame::Body(b)) => assert_eq!(b, want),
                _ => panic!("expected a body"),
            }
        }
        assert!(r.next().await.is_none());
    }
}
