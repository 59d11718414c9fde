//! `textDocument/publishDiagnostics` written by the server itself, not by tower-lsp-server.
//! tower turns every notification into a `serde_json::Value` tree, prints it and drops it;
//! for a long draft (5,000 findings, 2.7 MB of JSON) that costs ~60 ms per edit. Here the
//! findings are serialised straight to bytes from borrowed structs, and the bytes go to
//! `transport::output`, which slots them between tower's frames (never inside one).
//! The JSON is byte for byte what tower wrote: same fields, same order (tower's `Value`
//! sorts object keys, so the keys below are written, and the structs' fields declared,
//! alphabetically).

use super::diagnostics::{rule_link, severity, SOURCE};
use super::position::Cursor;
use super::Snapshot;
use crate::lint::{Edit, Fix};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::{Diagnostic, PublishDiagnosticsParams, Uri};

const METHOD: &str = "textDocument/publishDiagnostics";

/// Sends message bodies (JSON, unframed) to the output task. Every `publishDiagnostics`
/// goes through here, so they reach the client in the order they were sent (a document's
/// last findings before the empty list of its closing, never after).
#[derive(Clone)]
pub struct Publisher {
    out: UnboundedSender<Vec<u8>>,
}

impl Publisher {
    pub fn new(out: UnboundedSender<Vec<u8>>) -> Self {
        Publisher { out }
    }

    /// Publishes ready-made diagnostics (KB file problems, the empty list at close): few
    /// and small, so they take tower's route through a `Value`, which also sorts the keys.
    pub fn diagnostics(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let Ok(params) = serde_json::to_value(params) else {
            return;
        };
        let msg = serde_json::json!({"jsonrpc": "2.0", "method": METHOD, "params": params});
        if let Ok(body) = serde_json::to_vec(&msg) {
            self.send(body);
        }
    }

    /// Publishes a snapshot's findings at its version.
    pub fn findings(&self, snap: &Snapshot) {
        self.send(findings_message(snap));
    }

    /// A closed output (the client is gone) is not an error here: the transport ends
    /// the server.
    fn send(&self, body: Vec<u8>) {
        let _ = self.out.send(body);
    }
}

/// The whole `publishDiagnostics` notification for a snapshot's findings.
pub fn findings_message(snap: &Snapshot) -> Vec<u8> {
    let uri = snap.uri.as_str();
    // Findings come sorted by position, so their ranges are found by scanning forward;
    // related spans point anywhere and get a cursor of their own.
    let mut cursor = snap.conv().cursor(&snap.text);
    let mut related = snap.conv().cursor(&snap.text);
    let mut prefixes = Prefixes(Vec::new());
    // ~600 bytes per diagnostic: one allocation, no regrowing a multi-MB buffer.
    let mut out = Vec::with_capacity(256 + 640 * snap.analysis.findings.len());
    out.extend_from_slice(br#"{"jsonrpc":"2.0","method":""#);
    out.extend_from_slice(METHOD.as_bytes());
    out.extend_from_slice(br#"","params":{"diagnostics":["#);
    for (i, f) in snap.analysis.findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(prefixes.get(f.rule));
        write(&mut out, &Fixes(&f.fixes));
        out.extend_from_slice(br#","version":"#);
        write(&mut out, &snap.version);
        out.extend_from_slice(br#"},"message":"#);
        write(&mut out, f.message.as_str());
        out.extend_from_slice(br#","range":"#);
        write(&mut out, &RangeOut::new(&mut cursor, f.span));
        if !f.related.is_empty() {
            out.extend_from_slice(br#","relatedInformation":"#);
            let list: Vec<RelatedOut<'_>> = f
                .related
                .iter()
                .map(|r| RelatedOut {
                    location: LocationOut {
                        range: RangeOut::new(&mut related, r.span),
                        uri,
                    },
                    message: &r.message,
                })
                .collect();
            write(&mut out, &list);
        }
        out.extend_from_slice(br#","severity":"#);
        write(&mut out, &severity(f.severity));
        out.extend_from_slice(br#","source":"#);
        write(&mut out, SOURCE);
        out.push(b'}');
    }
    out.extend_from_slice(br#"],"uri":"#);
    write(&mut out, uri);
    out.extend_from_slice(br#","version":"#);
    write(&mut out, &snap.version);
    out.extend_from_slice(b"}}");
    out
}

/// Serialising these borrowed structs into a `Vec` cannot fail: no maps with non-string
/// keys, no I/O.
fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(out, value);
}

/// What every diagnostic of a rule starts with, up to its fixes:
/// `{"code":…,"codeDescription":{"href":…},"data":{"fixes":`. Built once per rule per
/// publish; the rule link is the longest string in most diagnostics.
struct Prefixes(Vec<(&'static str, Vec<u8>)>);

impl Prefixes {
    fn get(&mut self, rule: &'static str) -> &[u8] {
        let i = match self.0.iter().position(|(r, _)| *r == rule) {
            Some(i) => i,
            None => {
                let mut p = br#"{"code":"#.to_vec();
                write(&mut p, rule);
                if let Some(link) = rule_link(rule) {
                    p.extend_from_slice(br#","codeDescription":{"href":"#);
                    write(&mut p, link.as_str());
                    p.push(b'}');
                }
                p.extend_from_slice(br#","data":{"fixes":"#);
                self.0.push((rule, p));
                self.0.len() - 1
            }
        };
        &self.0[i].1
    }
}

/// `diagnostics::FixData` list, borrowed.
struct Fixes<'a>(&'a [Fix]);

impl Serialize for Fixes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0 {
            seq.serialize_element(&FixOut {
                edits: Edits(&f.edits),
                safe: f.safe,
                title: &f.title,
            })?;
        }
        seq.end()
    }
}

/// `diagnostics::FixData`, borrowed.
#[derive(Serialize)]
struct FixOut<'a> {
    edits: Edits<'a>,
    safe: bool,
    title: &'a str,
}

struct Edits<'a>(&'a [Edit]);

impl Serialize for Edits<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for e in self.0 {
            seq.serialize_element(&EditOut {
                end: e.span.end,
                new_text: &e.replacement,
                start: e.span.start,
            })?;
        }
        seq.end()
    }
}

/// `diagnostics::EditData`, borrowed.
#[derive(Serialize)]
struct EditOut<'a> {
    end: usize,
    #[serde(rename = "newText")]
    new_text: &'a str,
    start: usize,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    location: LocationOut<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct LocationOut<'a> {
    range: RangeOut,
    uri: &'a str,
}

#[derive(Serialize)]
struct RangeOut {
    end: PositionOut,
    start: PositionOut,
}

impl RangeOut {
    fn new(cursor: &mut Cursor<'_>, span: crate::text::Span) -> Self {
        let r = cursor.range(span);
        RangeOut {
            end: PositionOut {
                character: r.end.character,
                line: r.end.line,
            },
            start: PositionOut {
                character: r.start.character,
                line: r.start.line,
            },
        }
    }
}

#[derive(Serialize)]
struct PositionOut {
    character: u32,
    line: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use crate::kb::{starter_files, Kb};
    use crate::server::diagnostics::for_snapshot;
    use crate::server::position::Encoding;
    use ropey::Rope;
    use std::str::FromStr;
    use std::sync::Arc;
    use tower_lsp_server::jsonrpc::Request;

    fn snapshot(text: &str, encoding: Encoding, version: i32) -> Snapshot {
        let kb = Arc::new(Kb::from_files(starter_files()));
        let analysis = analyze(text, &kb, &Options::default());
        Snapshot {
            uri: Uri::from_str("file:///desk/draft%20one.txt").expect("a valid URI"),
            version,
            generation: 1,
            rope: Rope::from_str(text),
            text: text.to_string(),
            analysis: Arc::new(analysis),
            kb,
            options: Options::default(),
            encoding,
            kb_target: None,
            inlay_speakers: false,
        }
    }

    /// What tower-lsp-server wrote for `client.publish_diagnostics(uri, for_snapshot(..),
    /// Some(version))`: the params as a `Value`, inside its own `Request` type.
    fn through_tower(snap: &Snapshot) -> Vec<u8> {
        let params = PublishDiagnosticsParams::new(
            snap.uri.clone(),
            for_snapshot(&snap.uri, snap),
            Some(snap.version),
        );
        let value = serde_json::to_value(params).expect("params serialise");
        let request = Request::build(METHOD).params(value).finish();
        serde_json::to_vec(&request).expect("request serialises")
    }

    fn assert_same_as_tower(text: &str) {
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let snap = snapshot(text, encoding, 7);
            let f = &snap.analysis.findings;
            assert!(
                f.iter().any(|f| !f.fixes.is_empty()),
                "no finding with fixes"
            );
            assert!(f.iter().any(|f| !f.related.is_empty()), "no related info");
            let ours = findings_message(&snap);
            let theirs = through_tower(&snap);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }

    #[test]
    fn the_seed_article_publishes_the_bytes_tower_wrote() {
        let seed = include_str!("../../tests/fixtures/seed-article.txt");
        assert_same_as_tower(seed);
    }

    #[test]
    fn escapes_non_ascii_and_crlf_positions_match_tower() {
        // Astral characters (two UTF-16 units), CRLF line ends, a backslash and quotes
        // that need escaping in messages and fix texts.
        let text = "KYIV, Jan 12 (Reuters) - 🇺🇦 Officials met.\r\n\r\n\
            \"We are ready to talk,\" he said. Jens Stoltenberg spoke \\ later.\r\n\r\n\
            \"The door is open.\r\n\r\n\
            NATO Secretary General Jens Stoltenberg and Secretary-General Stoltenburg met \
            Wendy Sherman. Sherman said: “Nothing new.”\r\n";
        assert_same_as_tower(text);
    }

    #[test]
    fn no_findings_is_an_empty_list_with_the_version() {
        let snap = snapshot("", Encoding::Utf16, 3);
        assert!(snap.analysis.findings.is_empty());
        assert_eq!(findings_message(&snap), through_tower(&snap));
        let v: serde_json::Value =
            serde_json::from_slice(&findings_message(&snap)).expect("valid JSON");
        assert_eq!(v["params"]["version"], 3);
    }

    #[test]
    fn ready_made_diagnostics_go_out_as_tower_wrote_them() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let uri = Uri::from_str("file:///desk/kb.toml").expect("a valid URI");
        Publisher::new(tx).diagnostics(uri.clone(), vec![], None);
        let value = serde_json::to_value(PublishDiagnosticsParams::new(uri, vec![], None))
            .expect("params serialise");
        let request = Request::build(METHOD).params(value).finish();
        assert_eq!(
            rx.try_recv().expect("one message"),
            serde_json::to_vec(&request).expect("request serialises")
        );
    }
}
