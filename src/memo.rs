//! Memo tables for incremental re-analysis: results of pure functions of one slice of the
//! draft (a paragraph, a sentence window), keyed by the slice's text and the few facts
//! the function reads besides it. Values are stored relative to the slice start, so a
//! paragraph that moved keeps its entry.
//!
//! Exactness does not rest on the hash: a hit compares the stored text and extra key in
//! full. The callers compute the same function on the same slice whether or not a memo
//! is present, so a warm memo gives the result a cold analysis would (checked by the
//! property test in `tests/properties.rs`).

use crate::text::{FastHasher, FastMap, Span};
use std::hash::Hasher;

struct Slot<V> {
    text: Box<str>,
    extra: Box<[u32]>,
    value: V,
    /// The run that last used the slot; [`SliceMemo::sweep`] drops older ones.
    run: u64,
}

/// Results of `f(slice, extra)` for the slices seen in the latest runs.
pub struct SliceMemo<V> {
    slots: FastMap<u64, Slot<V>>,
    run: u64,
    /// Off: every call computes, nothing is stored (a one-shot analysis).
    on: bool,
    hits: u64,
    misses: u64,
}

impl<V: Clone> SliceMemo<V> {
    /// A memo that stores results.
    pub fn new() -> Self {
        SliceMemo {
            slots: FastMap::default(),
            run: 0,
            on: true,
            hits: 0,
            misses: 0,
        }
    }

    /// A memo that stores nothing: the one-shot path pays no hashing or copying.
    pub fn off() -> Self {
        SliceMemo {
            on: false,
            ..SliceMemo::new()
        }
    }

    /// The stored value for (`text`, `extra`), or `f()` (stored for later runs).
    pub fn get_or(&mut self, text: &str, extra: &[u32], f: impl FnOnce() -> V) -> V {
        if !self.on {
            return f();
        }
        let mut h = FastHasher::default();
        h.write(text.as_bytes());
        h.write_usize(text.len());
        for &e in extra {
            h.write_u32(e);
        }
        let key = h.finish();
        if let Some(slot) = self.slots.get_mut(&key) {
            if &*slot.text == text && &*slot.extra == extra {
                slot.run = self.run;
                self.hits += 1;
                return slot.value.clone();
            }
        }
        self.misses += 1;
        let value = f();
        // A colliding slot is replaced: the newest slice wins, the old one recomputes.
        self.slots.insert(
            key,
            Slot {
                text: text.into(),
                extra: extra.into(),
                value: value.clone(),
                run: self.run,
            },
        );
        value
    }

    /// Ends a run: drops every slot the run did not use, so the memo holds only what
    /// the current draft contains.
    pub fn sweep(&mut self) {
        let run = self.run;
        self.slots.retain(|_, s| s.run == run);
        self.run += 1;
    }

    /// Drops everything (the knowledge base changed).
    pub fn clear(&mut self) {
        self.slots.clear();
    }

    /// (hits, misses) since the memo was made, for benchmarks and tests.
    pub fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

impl<V: Clone> Default for SliceMemo<V> {
    fn default() -> Self {
        SliceMemo::new()
    }
}

/// The parts of `sorted` (sorted by start, not overlapping) inside `within`, relative to
/// its start: flattened as an extra key, and as spans for the slice-local computation.
pub fn relative_spans(sorted: &[Span], within: Span) -> (Vec<u32>, Vec<Span>) {
    let i = sorted.partition_point(|s| s.end <= within.start);
    let mut key = Vec::new();
    let mut spans = Vec::new();
    for s in &sorted[i..] {
        if s.start >= within.end {
            break;
        }
        let a = s.start.max(within.start) - within.start;
        let b = s.end.min(within.end) - within.start;
        key.push(u32::try_from(a).unwrap_or(u32::MAX));
        key.push(u32::try_from(b).unwrap_or(u32::MAX));
        spans.push(Span::new(a, b));
    }
    (key, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_value_is_returned_for_the_same_text_and_extra_key_only() {
        let mut m: SliceMemo<usize> = SliceMemo::new();
        let calls = std::cell::Cell::new(0);
        let mut get = |t: &str, e: &[u32]| {
            m.get_or(t, e, || {
                calls.set(calls.get() + 1);
                t.len()
            })
        };
        assert_eq!(get("abc", &[]), 3);
        assert_eq!(get("abc", &[]), 3);
        assert_eq!(get("abc", &[1]), 3);
        assert_eq!(get("abcd", &[]), 4);
        assert_eq!(calls.get(), 3);
        assert_eq!(m.stats(), (1, 3));
    }

    #[test]
    fn sweep_keeps_only_what_the_last_run_used() {
        let mut m: SliceMemo<usize> = SliceMemo::new();
        m.get_or("one", &[], || 1);
        m.get_or("two", &[], || 2);
        m.sweep();
        m.get_or("two", &[], || 0);
        m.sweep();
        assert_eq!(m.len(), 1);
        assert_eq!(m.get_or("two", &[], || 0), 2);
        assert_eq!(m.get_or("one", &[], || 9), 9);
    }

    #[test]
    fn an_off_memo_always_computes_and_stores_nothing() {
        let mut m: SliceMemo<usize> = SliceMemo::off();
        assert_eq!(m.get_or("x", &[], || 1), 1);
        assert_eq!(m.get_or("x", &[], || 2), 2);
        assert!(m.is_empty());
    }

    #[test]
    fn relative_spans_clip_to_the_slice_and_skip_the_rest() {
        let within = Span::new(10, 20);
        let spans = [
            Span::new(0, 5),
            Span::new(8, 12),
            Span::new(15, 25),
            Span::new(30, 31),
        ];
        let (key, local) = relative_spans(&spans, within);
        assert_eq!(key, vec![0, 2, 5, 10]);
        assert_eq!(local, vec![Span::new(0, 2), Span::new(5, 10)]);
    }
}
