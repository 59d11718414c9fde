//! Byte spans and the line index the CLI uses for line/column output (std only).

use serde::{Deserialize, Serialize};

/// A fast, deterministic hasher (the rustc "Fx" mix) for the core's short-lived maps
/// keyed by words, spans and ids, where SipHash showed in profiles. Not DoS-resistant:
/// these maps live for one analysis of the user's own draft. Their iteration order must
/// never reach output (callers sort).
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl FastHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// A half-open byte range `[start, end)` into the analysed text.
///
/// Invariant: every span produced by the core lies on `char` boundaries of the text it
/// was computed from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// True when `offset` lies inside the span (end exclusive).
    /// The span moved `by` bytes later (a slice-relative span made absolute).
    pub const fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when `other` lies wholly inside this span.
    pub const fn covers(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text the span covers, or `""` when it does not fit the text.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A set of spans answering "does any of them overlap / cover this span?" in O(log n)
/// (spans sorted by start, with the running maximum of their ends), for rules that ask
/// it once per word of a long draft. Same answers as scanning with [`Span::overlaps`] /
/// [`Span::covers`].
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among the first `i + 1` spans in start order.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut v: Vec<Span> = spans.into_iter().collect();
        v.sort_unstable_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(v.len());
        let mut m = 0;
        for s in &v {
            m = m.max(s.end);
            max_end.push(m);
        }
        SpanIndex {
            starts: v.iter().map(|s| s.start).collect(),
            max_end,
        }
    }

    /// Largest end among spans starting before `limit` (`inclusive`: at or before).
    fn max_end_before(&self, limit: usize, inclusive: bool) -> Option<usize> {
        let n = if inclusive {
            self.starts.partition_point(|&s| s <= limit)
        } else {
            self.starts.partition_point(|&s| s < limit)
        };
        n.checked_sub(1).map(|i| self.max_end[i])
    }

    /// True when some span `e` has `e.overlaps(span)`.
    pub fn any_overlaps(&self, span: Span) -> bool {
        self.max_end_before(span.end, false)
            .is_some_and(|end| span.start < end)
    }

    /// True when some span `e` has `e.covers(span)`.
    pub fn any_covers(&self, span: Span) -> bool {
        self.max_end_before(span.start, true)
            .is_some_and(|end| span.end <= end)
    }
}

/// Line starts of a text, for turning byte offsets into 1-based line/column pairs.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = text[start..offset].chars().count();
        (line + 1, col + 1)
    }
}

/// The largest char boundary at or below `offset` (clamped to the text).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values_after_curly_quotes_and_emoji() {
        let text = "a\r\n“Zoë 😀” Grushko\rb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let g = text.find("Grushko").unwrap();
        assert_eq!(idx.line_col(text, g), (2, 9));
        let b = text.find('b').unwrap();
        assert_eq!(idx.line_col(text, b), (3, 1));
    }

    #[test]
    fn floor_char_boundary_steps_back_inside_a_multibyte_char() {
        let text = "“x";
        assert_eq!(floor_char_boundary(text, 1), 0);
        assert_eq!(floor_char_boundary(text, 99), text.len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn span_index_answers_like_a_scan(
            spans in proptest::collection::vec((0usize..60, 0usize..60), 0..12),
            probe in (0usize..70, 0usize..70),
        ) {
            let spans: Vec<Span> = spans.into_iter().map(|(a, b)| Span::new(a, b)).collect();
            let idx = SpanIndex::new(spans.iter().copied());
            let probe = Span::new(probe.0, probe.1);
            proptest::prop_assert_eq!(
                idx.any_overlaps(probe),
                spans.iter().any(|e| e.overlaps(probe))
            );
            proptest::prop_assert_eq!(
                idx.any_covers(probe),
                spans.iter().any(|e| e.covers(probe))
            );
        }
    }
}
