//! Who said each quotation. A speech cue is looked for, in order: after the closing mark in
//! the same sentence (`“…,” he said`, `“…,” said X`), before the opening mark in the same
//! sentence or in a colon introduction ending the paragraph before (`X said: “…”`), in an
//! earlier quotation or sentence of the same paragraph (`“A,” he said. “B.”`), and finally
//! from the paragraph before for a floating quote. Only text outside quotations is read,
//! so a speech verb inside a quotation never attributes it.

use super::speakers::{classify_phrase, Resolver};
use super::words::{is_speech_verb, is_verb_filler, words, Word};
use super::{Attribution, Paragraph, PartKind, Quote, SpeakerKind};
use crate::memo::SliceMemo;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

/// What follows a verb and belongs to the cue: `said in a statement`.
static CUE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]+(?:in|on)[ \t]+(?:a|an|the|his|her|their|its)[ \t]+(?:written[ \t]+)?(?:statement|interview|post|tweet|speech|letter|email|e-mail|message|video|briefing|televised address|press conference|news conference)\b",
    )
    .expect("static regex")
});

/// A cue found in a window of narrative text.
#[derive(Clone, Copy)]
pub(crate) struct Cue {
    cue: Span,
    kind: SpeakerKind,
    speaker: Span,
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// The cue span starting at the verb `ws[i]`: `told` takes its object (`told reporters`,
/// `told the BBC`), any verb takes a `in a statement` tail.
fn cue_span(text: &str, ws: &[Word], i: usize, limit: usize) -> Span {
    let mut end = ws[i].span.end;
    if lower(ws[i].text(text)) == "told" {
        let mut j = i + 1;
        let mut taken = 0;
        while j < ws.len() && taken < 4 {
            let gap = Span::new(ws[j - 1].span.end, ws[j].span.start).slice(text);
            let w = ws[j].text(text);
            if !gap.chars().all(char::is_whitespace)
                || matches!(
                    w,
                    "on" | "in"
                        | "at"
                        | "that"
                        | "after"
                        | "before"
                        | "during"
                        | "when"
                        | "as"
                        | "by"
                        | "of"
                        | "late"
                        | "early"
                        | "last"
                        | "this"
                )
            {
                break;
            }
            end = ws[j].span.end;
            taken += 1;
            if !matches!(w, "the" | "a" | "an" | "his" | "her" | "their") {
                break;
            }
            j += 1;
        }
    }
    if let Some(m) = text.get(end..limit).and_then(|rest| CUE_TAIL.find(rest)) {
        end += m.end();
    }
    Span::new(ws[i].span.start, end)
}

/// The end of the clause starting at `from`: the next comma, full stop, semicolon, colon,
/// bracket or dash, or `limit`.
fn clause_end(text: &str, from: usize, limit: usize) -> usize {
    let s = Span::new(from, limit).slice(text);
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '—' | '–' | '“' | '"' | '«' | '!' | '?'
        ) {
            end = i;
            break;
        }
        if c == '.' && s[i + 1..].starts_with(|n: char| n.is_whitespace()) {
            // A full stop ends the clause unless it closes an abbreviation (`U.S.`).
            let word_start = s[..i].rfind(char::is_whitespace).map_or(0, |p| p + 1);
            let word = &s[word_start..i];
            if !(word.contains('.')
                || word.chars().count() <= 2 && word.starts_with(char::is_uppercase))
            {
                end = i;
                break;
            }
        }
    }
    from + end
}

/// Is `ws[i]` (with `ws[i+1]`) a cue verb? Returns how many words the verb takes.
fn verb_at(text: &str, ws: &[Word], i: usize) -> Option<usize> {
    let w = lower(ws[i].text(text));
    if w == "according" && ws.get(i + 1).is_some_and(|n| n.text(text) == "to") {
        return Some(2);
    }
    is_speech_verb(&w).then_some(1)
}

/// Builds the cue for the verb at `i` of `ws` (the words of `window`).
fn cue_at(text: &str, window: Span, ws: &[Word], i: usize, n: usize) -> Option<Cue> {
    if n == 2 {
        // according to X
        let cue = Span::new(ws[i].span.start, ws[i + 1].span.end);
        let end = clause_end(text, cue.end, window.end);
        let (kind, speaker) = classify_phrase(text, Span::new(cue.end, end), false)?;
        return Some(Cue { cue, kind, speaker });
    }
    let cue = cue_span(text, ws, i, window.end);
    // Skip fillers between the speaker and the verb (`he also said`, `she has said`).
    let mut j = i;
    while j > 0 && is_verb_filler(&lower(ws[j - 1].text(text))) {
        j -= 1;
    }
    // Words before the verb in this clause-run; at most ten.
    let from = if j > 10 {
        ws[j - 10].span.start
    } else {
        window.start
    };
    let before_end = if j > 0 { ws[j - 1].span.end } else { from };
    let before = Span::new(from, before_end);
    let has_before = j > 0 && ws[j - 1].span.start >= from;
    if has_before {
        if let Some((kind, speaker)) = classify_phrase(text, before, true) {
            return Some(Cue { cue, kind, speaker });
        }
    }
    let end = clause_end(text, cue.end, window.end);
    let (kind, speaker) = classify_phrase(text, Span::new(cue.end, end), false)?;
    Some(Cue { cue, kind, speaker })
}

/// Which way [`memo_cue`] reads a window.
#[derive(Clone, Copy)]
enum Dir {
    After = 0,
    Before = 1,
}

/// [`cue_after`] or [`cue_before`] computed on the window alone, memoised by its text.
fn memo_cue(text: &str, window: Span, dir: Dir, memo: &mut SliceMemo<Option<Cue>>) -> Option<Cue> {
    let slice = window.slice(text);
    let local = Span::new(0, slice.len());
    let cue = memo.get_or(slice, &[dir as u32], || match dir {
        Dir::After => cue_after(slice, local),
        Dir::Before => cue_before(slice, local),
    })?;
    Some(Cue {
        cue: cue.cue.shift(window.start),
        kind: cue.kind,
        speaker: cue.speaker.shift(window.start),
    })
}

/// The first cue in a window after a closing mark, within its first words.
fn cue_after(text: &str, window: Span) -> Option<Cue> {
    let ws = words(text, window);
    let i = (0..ws.len().min(16)).find(|&i| verb_at(text, &ws, i).is_some())?;
    let n = verb_at(text, &ws, i)?;
    cue_at(text, window, &ws, i, n)
}

/// The last cue in a window before an opening mark.
fn cue_before(text: &str, window: Span) -> Option<Cue> {
    let ws = words(text, window);
    let i = (0..ws.len())
        .rev()
        .find(|&i| verb_at(text, &ws, i).is_some())?;
    let n = verb_at(text, &ws, i)?;
    cue_at(text, window, &ws, i, n)
}

fn sentence_at(p: &Paragraph, offset: usize) -> Option<Span> {
    p.sentences
        .iter()
        .find(|s| s.start <= offset && offset < s.end.max(s.start + 1))
        .copied()
}

/// Attributes every top-level quotation in `quotes` (text order).
pub fn attribute(
    text: &str,
    paragraphs: &[Paragraph],
    quotes: &mut [Quote],
    resolver: &mut Resolver,
    memo: &mut SliceMemo<Option<Cue>>,
) {
    // Top-level quotation indices by first paragraph.
    let top: Vec<usize> = (0..quotes.len())
        .filter(|&i| quotes[i].parent.is_none())
        .collect();
    for (k, &qi) in top.iter().enumerate() {
        let q = &quotes[qi];
        let Some(close) = q.close else {
            continue;
        };
        let (fp, lp) = (q.first_paragraph, q.last_paragraph);
        let (Some(first), Some(last)) = (paragraphs.get(fp), paragraphs.get(lp)) else {
            continue;
        };
        if !matches!(first.kind, PartKind::Body | PartKind::Dateline) {
            continue;
        }
        let prev_q = k
            .checked_sub(1)
            .map(|p| top[p])
            .filter(|&p| quotes[p].last_paragraph == fp);
        let next_q = top
            .get(k + 1)
            .copied()
            .filter(|&n| quotes[n].first_paragraph == lp);

        // 1. After the closing mark, in the same sentence.
        let sentence_end = sentence_at(last, close.start).map_or(last.span.end, |s| s.end);
        let after_end = next_q.map_or(sentence_end, |n| quotes[n].open.start.min(sentence_end));
        let mut cue = (close.end < after_end)
            .then(|| memo_cue(text, Span::new(close.end, after_end), Dir::After, memo))
            .flatten();

        // 2. Before the opening mark, in the same sentence, or a colon introduction.
        if cue.is_none() {
            let open = quotes[qi].open;
            let sentence_start =
                sentence_at(first, open.start).map_or(first.span.start, |s| s.start);
            let start = prev_q.map_or(sentence_start, |p| quotes[p].span.end.max(sentence_start));
            if start < open.start {
                cue = memo_cue(text, Span::new(start, open.start), Dir::Before, memo);
            } else if open.start == first.span.start && fp > 0 {
                let prev = &paragraphs[fp - 1];
                let body = prev.span.slice(text).trim_end();
                if body.ends_with(':') && matches!(prev.kind, PartKind::Body | PartKind::Dateline) {
                    let s = prev.sentences.last().copied().unwrap_or(prev.span);
                    let quoted = quotes
                        .iter()
                        .filter(|o| o.parent.is_none() && s.overlaps(o.span))
                        .map(|o| o.span.end)
                        .max();
                    let from = quoted.map_or(s.start, |e| e.max(s.start));
                    cue = memo_cue(text, Span::new(from, s.end), Dir::Before, memo);
                }
            }
        }

        let para_of_cue = |c: &Cue| {
            if c.cue.start < quotes[qi].open.start {
                fp
            } else {
                lp
            }
        };
        if let Some(c) = cue {
            let para = para_of_cue(&c);
            let speaker = resolver.speaker(c.kind, c.speaker, para);
            quotes[qi].attribution = Some(Attribution {
                cue: c.cue,
                cue_text: c.cue.slice(text).to_string(),
                speaker,
            });
            continue;
        }

        // 3. An earlier quotation or sentence of the same paragraph.
        if let Some(p) = prev_q {
            if quotes[p].attribution.is_some() && !quotes[p].carried_over {
                quotes[qi].attribution = quotes[p].attribution.clone();
                continue;
            }
        }
        let open = quotes[qi].open;
        if let Some(c) = earlier_cue(text, first, quotes, open.start, memo) {
            let speaker = resolver.speaker(c.kind, c.speaker, fp);
            quotes[qi].attribution = Some(Attribution {
                cue: c.cue,
                cue_text: c.cue.slice(text).to_string(),
                speaker,
            });
        }
    }
    floating(text, paragraphs, quotes, &top);
}

/// The last cue in narrative text of paragraph `p` before `before`.
fn earlier_cue(
    text: &str,
    p: &Paragraph,
    quotes: &[Quote],
    before: usize,
    memo: &mut SliceMemo<Option<Cue>>,
) -> Option<Cue> {
    // Narrative pieces between top-level quotations, latest first.
    let mut pieces = Vec::new();
    let mut pos = p.span.start;
    for q in quotes.iter().filter(|q| {
        q.parent.is_none()
            && p.span.covers(Span::new(q.open.start, q.open.start))
            && q.open.start < before
    }) {
        if q.open.start > pos {
            pieces.push(Span::new(pos, q.open.start));
        }
        pos = q.span.end.max(pos);
    }
    if pos < before {
        pieces.push(Span::new(pos, before));
    }
    for piece in pieces.into_iter().rev() {
        // Sentence by sentence, latest first.
        let sentences: Vec<Span> = p
            .sentences
            .iter()
            .filter(|s| s.overlaps(piece))
            .map(|s| Span::new(s.start.max(piece.start), s.end.min(piece.end)))
            .collect();
        for s in sentences.into_iter().rev() {
            if let Some(c) = memo_cue(text, s, Dir::Before, memo) {
                if c.kind != SpeakerKind::Description || c.speaker.len() < 60 {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// A paragraph that is only a quotation, right after a paragraph whose quotations all
/// have one speaker: carried over to that speaker.
fn floating(text: &str, paragraphs: &[Paragraph], quotes: &mut [Quote], top: &[usize]) {
    for (k, &qi) in top.iter().enumerate() {
        if quotes[qi].attribution.is_some() || quotes[qi].close.is_none() {
            continue;
        }
        let (fp, lp) = (quotes[qi].first_paragraph, quotes[qi].last_paragraph);
        if fp == 0 || paragraphs[fp].kind != PartKind::Body {
            continue;
        }
        // Only a quotation: nothing but punctuation outside it in its paragraphs.
        let span = quotes[qi].span;
        let outside = Span::new(paragraphs[fp].span.start, span.start)
            .slice(text)
            .to_string()
            + Span::new(span.end, paragraphs[lp].span.end).slice(text);
        if outside.chars().any(char::is_alphanumeric) {
            continue;
        }
        let prev_para = fp - 1;
        let speakers: Vec<&Attribution> = top[..k]
            .iter()
            .rev()
            .map(|&i| &quotes[i])
            .take_while(|q| q.last_paragraph >= prev_para)
            .filter(|q| q.last_paragraph == prev_para)
            .filter_map(|q| q.attribution.as_ref())
            .collect();
        let Some(first) = speakers.first() else {
            continue;
        };
        let key = |a: &Attribution| {
            a.speaker
                .resolved
                .clone()
                .unwrap_or_else(|| a.speaker.text.to_lowercase())
        };
        let one = key(first);
        if speakers.iter().all(|a| key(a) == one) {
            quotes[qi].attribution = Some((*first).clone());
            quotes[qi].carried_over = true;
        }
    }
}
