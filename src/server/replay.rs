//! Replays LSP content changes on the server's document model and on a plain `String`
//! with an independent position oracle, and reports the first divergence. Used by the
//! edit fuzz target (`fuzz/`) and the property tests; hidden from the docs.

use super::documents::Document;
use super::position::Encoding;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// One content change: a range in (line, character) pairs, or the whole text when `range`
/// is None.
#[derive(Clone, Debug)]
pub struct Change {
    pub range: Option<(u32, u32, u32, u32)>,
    pub text: String,
}

/// Byte ranges of each line's content (line break excluded), lines broken at `\n`,
/// `\r\n` and a lone `\r` as LSP says; written without ropey so it checks it.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, b.len()));
    out
}

/// The byte offset of (line, character): a line past the end is the end of the text, a
/// character past the end of its line the end of the line, a unit inside a character the
/// character's start.
pub fn oracle_offset(text: &str, line: u32, character: u32, encoding: Encoding) -> usize {
    let ls = lines(text);
    let Some(&(start, end)) = ls.get(line as usize) else {
        return text.len();
    };
    let target = character as u64;
    let mut units = 0u64;
    for (i, c) in text[start..end].char_indices() {
        let w = match encoding {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        } as u64;
        if target < units + w {
            return start + i;
        }
        units += w;
    }
    end
}

fn event(c: &Change) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range: c
            .range
            .map(|(l1, c1, l2, c2)| Range::new(Position::new(l1, c1), Position::new(l2, c2))),
        range_length: None,
        text: c.text.clone(),
    }
}

/// Applies `changes` to a [`Document`] and to a `String`, one per version and then all in
/// one batch, and checks both agree after every step.
pub fn check(initial: &str, changes: &[Change], encoding: Encoding) -> Result<(), String> {
    let mut doc = Document::new(initial, 1, "plaintext".into());
    let mut text = initial.to_string();
    for (n, c) in changes.iter().enumerate() {
        doc.apply(&[event(c)], n as i32 + 2, encoding);
        apply_to_string(&mut text, c, encoding);
        let got = doc.rope.to_string();
        if got != text {
            return Err(format!(
                "after change {n} {c:?} ({encoding:?}) the rope holds {got:?}, the string {text:?}"
            ));
        }
    }
    let mut batch = Document::new(initial, 1, "plaintext".into());
    let events: Vec<_> = changes.iter().map(event).collect();
    batch.apply(&events, 2, encoding);
    let got = batch.rope.to_string();
    if got != text {
        return Err(format!(
            "the same {} changes sent in one notification ({encoding:?}) give {got:?}, not {text:?}",
            changes.len(),
        ));
    }
    Ok(())
}

fn apply_to_string(text: &mut String, c: &Change, encoding: Encoding) {
    match c.range {
        None => *text = c.text.clone(),
        Some((l1, c1, l2, c2)) => {
            let a = oracle_offset(text, l1, c1, encoding);
            let b = oracle_offset(text, l2, c2, encoding);
            text.replace_range(a.min(b)..a.max(b), &c.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracle_breaks_lines_at_lf_crlf_and_cr_and_rounds_into_a_pair_down() {
        let t = "a😀b\r\nc\rd\ne";
        assert_eq!(oracle_offset(t, 0, 2, Encoding::Utf16), 1);
        assert_eq!(oracle_offset(t, 0, 3, Encoding::Utf16), 5);
        assert_eq!(oracle_offset(t, 0, 99, Encoding::Utf16), 6);
        assert_eq!(oracle_offset(t, 1, 0, Encoding::Utf8), 8);
        assert_eq!(oracle_offset(t, 2, 1, Encoding::Utf8), 11);
        assert_eq!(oracle_offset(t, 3, 0, Encoding::Utf8), 12);
        assert_eq!(oracle_offset(t, 4, 0, Encoding::Utf8), t.len());
    }
}
