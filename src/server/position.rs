//! The one place byte offsets (the core's unit) meet LSP positions (line + UTF-16 or
//! UTF-8 code units, negotiated at `initialize`). Every conversion goes through ropey's
//! line/char/UTF-16 indexes, so each is O(log n) whatever the document size; a
//! [`Cursor`] answers runs of nearby offsets by scanning from the last answer.

use crate::text::Span;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit of `Position::character` agreed with the client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// The LSP default, used when the client offers nothing else we speak.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion cost), else UTF-16, which every
    /// client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Converts between byte offsets and positions on one version of a document.
#[derive(Clone, Copy)]
pub struct Converter<'a> {
    pub rope: &'a Rope,
    pub encoding: Encoding,
}

impl<'a> Converter<'a> {
    pub fn new(rope: &'a Rope, encoding: Encoding) -> Self {
        Converter { rope, encoding }
    }

    /// First and one-past-last char index of `line`'s content, line break excluded.
    fn line_chars(&self, line: usize) -> (usize, usize) {
        let rope = self.rope;
        let start = rope.line_to_char(line);
        let mut end = if line + 1 < rope.len_lines() {
            rope.line_to_char(line + 1)
        } else {
            rope.len_chars()
        };
        if end > start && rope.char(end - 1) == '\n' {
            end -= 1;
        }
        if end > start && rope.char(end - 1) == '\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The byte offset of `pos`, and whether it had to be clamped: a line past the end
    /// maps to the end of the text, a character past the end of its line to the end of
    /// the line, and a position inside a character (a surrogate pair, a UTF-8 sequence)
    /// rounds down to the character's start.
    pub fn offset_checked(&self, pos: Position) -> (usize, bool) {
        let rope = self.rope;
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return (rope.len_bytes(), true);
        }
        let (start, end) = self.line_chars(line);
        let character = pos.character as usize;
        match self.encoding {
            Encoding::Utf16 => {
                let base = rope.char_to_utf16_cu(start);
                let limit = rope.char_to_utf16_cu(end);
                let target = base.saturating_add(character);
                let clamped = target > limit;
                let target = target.min(limit);
                let mut ch = rope.utf16_cu_to_char(target);
                // ropey rounds a unit inside a pair to the char's start; make sure we
                // never step past the unit asked for.
                while ch > start && rope.char_to_utf16_cu(ch) > target {
                    ch -= 1;
                }
                (rope.char_to_byte(ch), clamped)
            }
            Encoding::Utf8 => {
                let base = rope.char_to_byte(start);
                let limit = rope.char_to_byte(end);
                let target = base.saturating_add(character);
                let clamped = target > limit;
                let target = target.min(limit);
                // Round down to the start of the character holding `target`.
                let ch = rope.byte_to_char(target);
                (rope.char_to_byte(ch), clamped)
            }
        }
    }

    pub fn offset(&self, pos: Position) -> usize {
        self.offset_checked(pos).0
    }

    /// The position of byte `offset` (clamped to the text, rounded down to a char start).
    pub fn position(&self, offset: usize) -> Position {
        let rope = self.rope;
        let offset = offset.min(rope.len_bytes());
        let ch = rope.byte_to_char(offset);
        let line = rope.char_to_line(ch);
        let line_start = rope.line_to_char(line);
        let character = match self.encoding {
            Encoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(line_start),
            Encoding::Utf8 => rope.char_to_byte(ch) - rope.char_to_byte(line_start),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte span of `range`, clamped, with start <= end.
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }
}

/// How far a [`Cursor`] scans the text before it asks the rope instead: a rope lookup
/// costs about as much as scanning a couple of kB.
const SCAN_LIMIT: usize = 2048;

/// [`Converter::position`] for many offsets in about ascending order (a draft's findings,
/// sorted by position): each answer starts from the previous one and scans the text in
/// between, which for nearby offsets is several times cheaper than the rope's five index
/// walks. Far or backward jumps (beyond the current line) go to the rope, so every answer
/// equals `Converter::position`.
pub struct Cursor<'a> {
    conv: Converter<'a>,
    text: &'a str,
    /// The last offset answered, its line, the byte where that line starts, and the
    /// offset's character (in the negotiated units) on the line.
    at: usize,
    line: usize,
    line_start: usize,
    character: usize,
}

impl<'a> Converter<'a> {
    /// A cursor over `text`, which must be the rope's text (a snapshot keeps both).
    pub fn cursor(self, text: &'a str) -> Cursor<'a> {
        debug_assert_eq!(text.len(), self.rope.len_bytes());
        Cursor {
            conv: self,
            text,
            at: 0,
            line: 0,
            line_start: 0,
            character: 0,
        }
    }
}

impl Cursor<'_> {
    /// The position of byte `offset`, exactly as [`Converter::position`] gives it.
    pub fn position(&mut self, offset: usize) -> Position {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset >= self.at && offset - self.at <= SCAN_LIMIT {
            self.forward(offset);
        } else if offset < self.at && offset >= self.line_start && self.at - offset <= SCAN_LIMIT {
            // Back on the same line: no line break in between.
            self.character -= self.units(offset, self.at);
            self.at = offset;
        } else {
            let p = self.conv.position(offset);
            self.at = offset;
            self.line = p.line as usize;
            self.line_start = self.conv.rope.line_to_byte(self.line);
            self.character = p.character as usize;
        }
        Position::new(to_u32(self.line), to_u32(self.character))
    }

    pub fn range(&mut self, span: Span) -> Range {
        let start = self.position(span.start);
        Range::new(start, self.position(span.end))
    }

    fn forward(&mut self, to: usize) {
        let bytes = self.text.as_bytes();
        let between = &bytes[self.at..to];
        let new_start = if !between.contains(&b'\r') {
            // Only \n breaks lines here: count them (a loop the compiler vectorises)
            // and start the line after the last.
            let breaks = count(between, |b| b == b'\n');
            self.line += breaks;
            between
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|i| self.at + i + 1)
        } else {
            let mut new_start = None;
            for (i, &b) in between.iter().enumerate() {
                let i = self.at + i;
                // Lines end at \n, \r\n and a lone \r (ropey's `cr_lines`); the \r of
                // a \r\n belongs to its line until the \n.
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    self.line += 1;
                    new_start = Some(i + 1);
                }
            }
            new_start
        };
        match new_start {
            Some(start) => {
                self.line_start = start;
                self.character = self.units(start, to);
            }
            None => self.character += self.units(self.at, to),
        }
        self.at = to;
    }

    /// Length of `text[from..to]` in the negotiated units.
    fn units(&self, from: usize, to: usize) -> usize {
        let bytes = &self.text.as_bytes()[from..to];
        match self.conv.encoding {
            Encoding::Utf8 => bytes.len(),
            // One unit per character (every byte but continuation bytes 0x80..0xC0), two
            // for those beyond the BMP (lead bytes from 0xF0).
            Encoding::Utf16 => count(bytes, |b| (b as i8) >= -0x40) + count(bytes, |b| b >= 0xF0),
        }
    }
}

/// How many bytes satisfy `f`, counted in runs of at most 255 into a `u8`, which the
/// compiler turns into 16- or 32-byte vector compares (a `usize` count per byte does not).
fn count(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(f(b)))))
        .sum()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    // curly quotes, an em dash, an accented name, an emoji and a CJK character
    const LINE: &str = "“Zoë — 😀 中” said Grushko\r\nnext\rlast";

    fn conv(rope: &Rope, e: Encoding) -> Converter<'_> {
        Converter::new(rope, e)
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs_as_two_units() {
        let rope = Rope::from_str(LINE);
        let c = conv(&rope, Encoding::Utf16);
        let g = LINE.find("Grushko").unwrap();
        // “ Z o ë space — space 😀(2) space 中 ” space s a i d space = 18 units
        assert_eq!(c.position(g), Position::new(0, 18));
        assert_eq!(c.offset(Position::new(0, 18)), g);
    }

    #[test]
    fn utf8_positions_count_bytes() {
        let rope = Rope::from_str(LINE);
        let c = conv(&rope, Encoding::Utf8);
        let g = LINE.find("Grushko").unwrap();
        assert_eq!(c.position(g), Position::new(0, g as u32));
        assert_eq!(c.offset(Position::new(0, g as u32)), g);
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_rounds_down_to_the_emoji() {
        let rope = Rope::from_str(LINE);
        let c = conv(&rope, Encoding::Utf16);
        let emoji = LINE.find('😀').unwrap();
        let at = c.position(emoji);
        let inside = Position::new(0, at.character + 1);
        assert_eq!(c.offset_checked(inside), (emoji, false));
    }

    #[test]
    fn a_utf8_position_inside_a_multibyte_char_rounds_down() {
        let rope = Rope::from_str(LINE);
        let c = conv(&rope, Encoding::Utf8);
        let cjk = LINE.find('中').unwrap();
        assert_eq!(c.offset(Position::new(0, cjk as u32 + 2)), cjk);
    }

    #[test]
    fn lines_break_at_crlf_and_lone_cr() {
        let rope = Rope::from_str(LINE);
        let c = conv(&rope, Encoding::Utf16);
        let next = LINE.find("next").unwrap();
        let last = LINE.find("last").unwrap();
        assert_eq!(c.position(next), Position::new(1, 0));
        assert_eq!(c.position(last), Position::new(2, 0));
        assert_eq!(c.offset(Position::new(1, 0)), next);
        assert_eq!(c.offset(Position::new(2, 2)), last + 2);
    }

    #[test]
    fn unicode_line_separators_do_not_break_lines() {
        let text = "a\u{2028}b\u{85}c";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 1);
        let c = conv(&rope, Encoding::Utf16);
        assert_eq!(c.position(text.len()), Position::new(0, 5));
    }

    #[test]
    fn past_the_end_clamps_to_line_end_and_document_end() {
        let rope = Rope::from_str(LINE);
        for e in [Encoding::Utf8, Encoding::Utf16] {
            let c = conv(&rope, e);
            let crlf = LINE.find("\r\n").unwrap();
            assert_eq!(c.offset_checked(Position::new(0, 999)), (crlf, true));
            assert_eq!(
                c.offset_checked(Position::new(u32::MAX, u32::MAX)),
                (LINE.len(), true)
            );
            assert_eq!(
                c.offset_checked(Position::new(2, u32::MAX)),
                (LINE.len(), true)
            );
            assert_eq!(c.position(usize::MAX), c.position(LINE.len()));
        }
    }

    #[test]
    fn every_char_boundary_round_trips_in_both_encodings() {
        let rope = Rope::from_str(LINE);
        for e in [Encoding::Utf8, Encoding::Utf16] {
            let c = conv(&rope, e);
            for (i, _) in LINE.char_indices() {
                if LINE.as_bytes()[i] == b'\n' && LINE[..i].ends_with('\r') {
                    continue; // between \r and \n is not a place a position can name
                }
                assert_eq!(c.offset(c.position(i)), i, "offset {i} in {e:?}");
            }
        }
    }

    #[test]
    fn a_cursor_answers_as_the_converter_does_in_any_order() {
        let text = format!("{LINE}\r\n\r\r\n{}\n{LINE}\r", "x😀y ".repeat(700));
        let rope = Rope::from_str(&text);
        for e in [Encoding::Utf8, Encoding::Utf16] {
            let c = conv(&rope, e);
            // Every byte (inside characters too), ascending, then descending, then
            // jumping about (a small xorshift), past the end included.
            let n = text.len() + 2;
            let mut order: Vec<usize> = (0..n).collect();
            order.extend((0..n).rev());
            let mut x = 0x9E37_79B9_u64;
            order.extend((0..4 * n).map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % n as u64) as usize
            }));
            let mut cursor = c.cursor(&text);
            for i in order {
                assert_eq!(cursor.position(i), c.position(i), "offset {i} in {e:?}");
            }
        }
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        use PositionEncodingKind as K;
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF32, K::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
