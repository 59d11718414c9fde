//! Open documents: a ropey rope per document with its version, edited in place by
//! incremental (or full) changes in the order the client sent them.

use super::position::{Converter, Encoding};
use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

/// One open document's text.
#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: String) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            language_id,
        }
    }

    /// Applies changes in order. A range outside the text is clamped (and reported in the
    /// returned warnings) rather than refused: the client's text is the truth, and a
    /// refused edit would leave every later position wrong.
    pub fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: Encoding,
    ) -> Vec<String> {
        let mut warnings = Vec::new();
        if version <= self.version {
            warnings.push(format!(
                "change to version {version} arrived after version {}; applied anyway",
                self.version
            ));
        }
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let conv = Converter::new(&self.rope, encoding);
                    let (a, a_clamped) = conv.offset_checked(range.start);
                    let (b, b_clamped) = conv.offset_checked(range.end);
                    if a_clamped || b_clamped || b < a {
                        warnings.push(format!(
                            "change range {}:{}-{}:{} does not fit the text; clamped",
                            range.start.line,
                            range.start.character,
                            range.end.line,
                            range.end.character
                        ));
                    }
                    let (a, b) = (a.min(b), a.max(b));
                    let start = self.rope.byte_to_char(a);
                    let end = self.rope.byte_to_char(b);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_insert_delete_and_replace_across_lines() {
        let mut d = Document::new(
            "“Hi” 😀 he said\nsecond line\r\nthird",
            1,
            "plaintext".into(),
        );
        let w = d.apply(
            &[
                change(0, 8, 0, 8, "X"),           // after the emoji (2 units)
                change(1, 0, 1, 7, ""),            // delete "second "
                change(0, 11, 2, 2, "new\nstuff"), // replace across lines
            ],
            2,
            Encoding::Utf16,
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(d.rope.to_string(), "“Hi” 😀 Xhenew\nstuffird");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn full_change_replaces_everything() {
        let mut d = Document::new("old", 1, "markdown".into());
        d.apply(
            &[TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new text".into(),
            }],
            2,
            Encoding::Utf8,
        );
        assert_eq!(d.rope.to_string(), "new text");
    }

    #[test]
    fn out_of_range_and_reversed_ranges_are_clamped_not_panicking() {
        let mut d = Document::new("abc\ndef", 1, "plaintext".into());
        let w = d.apply(
            &[
                change(9, 9, 99, 0, "!"),
                change(1, 2, 0, 1, ""),
                change(u32::MAX, u32::MAX, u32::MAX, u32::MAX, "?"),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(d.rope.to_string(), "af!?");
        assert_eq!(w.len(), 3);
    }
}
