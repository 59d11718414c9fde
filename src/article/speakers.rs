//! People and speakers from the text alone: capitalised names after a title
//! (`Kremlin spokesperson Dmitry Peskov`), before a speech verb (`Julianne Smith told`) or
//! in an appositive (`, Michael Carpenter, said`); the speaker phrase of a speech cue
//! (a name, a pronoun, or a description such as "a spokesman"); and pronoun and surname
//! resolution against the people named earlier.

use super::words::{
    is_capitalised_function_word, is_initial, is_name_particle, is_preposition, is_speech_verb,
    is_title_word, is_titlecase, is_verb_filler, pronoun_of, strip_possessive, words, Word,
};
use super::{NameHints, NamedPerson, Paragraph, PartKind, Pronoun, Speaker, SpeakerKind};
use crate::memo::{relative_spans, SliceMemo};
use crate::text::Span;

/// Capitalised words naming bodies and places, never part of a personal name.
fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "United"
            | "States"
            | "Kingdom"
            | "Nations"
            | "Republic"
            | "Federation"
            | "Commission"
            | "Committee"
            | "Council"
            | "Ministry"
            | "Department"
            | "Office"
            | "Agency"
            | "Party"
            | "Government"
            | "Alliance"
            | "Bank"
            | "Court"
            | "Army"
            | "Forces"
            | "Navy"
            | "Police"
            | "Times"
            | "News"
            | "Post"
            | "Press"
            | "Kremlin"
            | "House"
            | "Pentagon"
            | "Parliament"
            | "Congress"
            | "Senate"
            | "Assembly"
            | "Organization"
            | "Organisation"
            | "Union"
            | "Group"
            | "Company"
            | "Institute"
            | "University"
            | "Association"
            | "Foundation"
            | "Corporation"
            | "Service"
            | "Network"
            | "Reuters"
            | "Cooperation"
            | "Security"
            | "Europe"
            | "European"
            | "Western"
            | "Eastern"
            | "Northern"
            | "Southern"
            | "War"
            | "Cold"
            | "Street"
            | "Square"
            | "Hall"
    )
}

/// A run of capitalised words with only spaces between them.
fn runs(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let cap = |w: &str| is_titlecase(strip_possessive(w)) || is_initial(w);
        if !cap(ws[i].text(text)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < ws.len() {
            let gap = Span::new(ws[end - 1].span.end, ws[end].span.start).slice(text);
            if !gap.chars().all(char::is_whitespace) || gap.contains(['\n', '\r']) {
                break;
            }
            let prev = ws[end - 1].text(text);
            if strip_possessive(prev) != prev {
                break; // `Russia’s TV` — a possessive ends the name
            }
            let w = ws[end].text(text);
            let particle_then_cap =
                is_name_particle(w) && ws.get(end + 1).is_some_and(|n| is_titlecase(n.text(text)));
            if cap(w) || particle_then_cap {
                end += 1;
            } else {
                break;
            }
        }
        out.push((start, end));
        i = end;
    }
    out
}

/// The personal name inside a run: the words after its last title word, without leading
/// sentence openers. Returns (first, end) word indices and whether a title preceded.
fn name_in_run(
    text: &str,
    ws: &[Word],
    (start, end): (usize, usize),
) -> Option<(usize, usize, bool)> {
    let last_title = (start..end)
        .rev()
        .find(|&i| is_title_word(ws[i].text(text)));
    let (mut first, titled) = match last_title {
        Some(t) => (t + 1, true),
        None => (start, false),
    };
    while first < end && is_capitalised_function_word(ws[first].text(text)) {
        first += 1;
    }
    let n = end - first;
    if n == 0 || n > 4 {
        return None;
    }
    let all = &ws[first..end];
    if !is_titlecase(all[0].text(text))
        || all
            .iter()
            .any(|w| is_org_word(strip_possessive(w.text(text))) || is_title_word(w.text(text)))
        || is_capitalised_function_word(all[n - 1].text(text))
    {
        return None;
    }
    Some((first, end, titled))
}

fn name_text(text: &str, ws: &[Word]) -> String {
    let mut s = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let t = w.text(text);
        s.push_str(if i + 1 == ws.len() {
            strip_possessive(t)
        } else {
            t
        });
    }
    s
}

/// True when a speech verb follows word `i` (after fillers and an optional comma).
fn speech_verb_after(text: &str, ws: &[Word], i: usize) -> bool {
    let mut j = i + 1;
    while j < ws.len() && is_verb_filler(ws[j].text(text)) {
        j += 1;
    }
    j < ws.len() && is_speech_verb(ws[j].text(text)) && {
        let gap = Span::new(ws[i].span.end, ws[j].span.start).slice(text);
        gap.chars().all(|c| c.is_whitespace() || c == ',')
    }
}

/// People named in body, dateline, caption and headline paragraphs, in text order.
/// `excluded` is sorted and merged.
pub fn find_people(
    text: &str,
    paragraphs: &[Paragraph],
    excluded: &[Span],
    memo: &mut SliceMemo<Vec<NamedPerson>>,
) -> Vec<NamedPerson> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        if matches!(
            p.kind,
            PartKind::Byline | PartKind::Credits | PartKind::Trailer
        ) {
            continue;
        }
        // Computed on the paragraph alone, so a memoised result is the same as a fresh one.
        let (key, local) = relative_spans(excluded, p.span);
        let slice = p.span.slice(text);
        let found = memo.get_or(slice, &key, || people_in(slice, &local));
        out.extend(found.into_iter().map(|mut person| {
            person.span = person.span.shift(p.span.start);
            person.paragraph = pi;
            person
        }));
    }
    out
}

/// The people named in `text` (one paragraph), offsets relative to it.
fn people_in(text: &str, excluded: &[Span]) -> Vec<NamedPerson> {
    let mut out = Vec::new();
    let ws = words(text, Span::new(0, text.len()));
    for run in runs(text, &ws) {
        let Some((first, end, titled)) = name_in_run(text, &ws, run) else {
            continue;
        };
        let span = Span::new(ws[first].span.start, ws[end - 1].span.end);
        if excluded.iter().any(|e| e.overlaps(span)) {
            continue;
        }
        let lower_title_before = run.0 > 0 && {
            let w = ws[run.0 - 1].text(text);
            w.starts_with(char::is_lowercase) && is_title_word(w)
        };
        let said = speech_verb_after(text, &ws, end - 1);
        let multi = end - first >= 2;
        if titled || lower_title_before || (multi && said) {
            let name = name_text(text, &ws[first..end]);
            let span = Span::new(
                span.start,
                span.start + span_len_without_possessive(text, span),
            );
            out.push(NamedPerson {
                span,
                name,
                paragraph: 0,
                said,
            });
        }
    }
    out
}

fn span_len_without_possessive(text: &str, span: Span) -> usize {
    let s = span.slice(text);
    strip_possessive(s).len()
}

/// The speaker written in a cue phrase. `before_verb`: the phrase precedes the verb
/// (`U.S. envoy to NATO Julianne Smith told`), else it follows (`said a spokesman`).
pub fn classify_phrase(text: &str, phrase: Span, before_verb: bool) -> Option<(SpeakerKind, Span)> {
    let ws = words(text, phrase);
    if ws.is_empty() {
        return None;
    }
    // Comma-separated segments, by word index ranges.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for i in 1..ws.len() {
        let gap = Span::new(ws[i - 1].span.end, ws[i].span.start).slice(text);
        if gap.contains([',', ';', ':', '(', ')', '—', '–']) {
            segs.push((s, i));
            s = i;
        }
    }
    segs.push((s, ws.len()));
    let seg = if before_verb {
        let last = *segs.last()?;
        // `Grushko, a former Russian ambassador to NATO, has said`: the name, not the
        // appositive, speaks.
        let first_word = ws[last.0].text(text);
        if segs.len() > 1 && matches!(first_word, "a" | "an" | "the" | "former") {
            let prev = segs[segs.len() - 2];
            if segment_name(text, &ws, prev, true).is_some() {
                prev
            } else {
                last
            }
        } else {
            last
        }
    } else {
        segs[0]
    };
    let (a, mut b) = seg;
    if !before_verb {
        // `said Peskov in Moscow`, `said a diplomat who asked not to be named`.
        if let Some(cut) = (a + 1..b).find(|&i| {
            let w = ws[i].text(text);
            matches!(
                w,
                "who"
                    | "which"
                    | "that"
                    | "on"
                    | "in"
                    | "at"
                    | "after"
                    | "before"
                    | "during"
                    | "when"
                    | "while"
                    | "adding"
                    | "according"
            )
        }) {
            b = cut;
        }
    }
    // A pronoun right by the verb.
    let near = if before_verb { b - 1 } else { a };
    if pronoun_of(ws[near].text(text)).is_some() || matches!(ws[near].text(text), "it" | "It") {
        return Some((SpeakerKind::Pronoun, ws[near].span));
    }
    if let Some(span) = segment_name(text, &ws, (a, b), before_verb) {
        return Some((SpeakerKind::Named, span));
    }
    // A description: at most the last six words before the verb.
    let a = if before_verb && b - a > 6 { b - 6 } else { a };
    let mut a2 = a;
    while a2 < b - 1
        && is_capitalised_function_word(ws[a2].text(text))
        && !matches!(ws[a2].text(text), "A" | "An" | "The")
    {
        a2 += 1;
    }
    Some((
        SpeakerKind::Description,
        Span::new(ws[a2].span.start, ws[b - 1].span.end),
    ))
}

/// The personal name ending (before the verb) or ending the segment (after it).
fn segment_name(
    text: &str,
    ws: &[Word],
    (a, b): (usize, usize),
    _before_verb: bool,
) -> Option<Span> {
    let seg = &ws[a..b];
    let rs = runs(text, seg);
    let &(rs_start, rs_end) = rs.last()?;
    if rs_end != seg.len() {
        return None;
    }
    if rs_start > 0 && is_preposition(seg[rs_start - 1].text(text)) {
        return None; // `officials in Moscow`
    }
    let (first, end, _) = name_in_run(text, seg, (rs_start, rs_end))
        .or_else(|| single_org_name(text, seg, (rs_start, rs_end)))?;
    let span = Span::new(seg[first].span.start, seg[end - 1].span.end);
    Some(Span::new(
        span.start,
        span.start + span_len_without_possessive(text, span),
    ))
}

/// A capitalised body as speaker (`NATO`-style acronyms are not runs; `Moscow said`).
fn single_org_name(
    text: &str,
    seg: &[Word],
    (s, e): (usize, usize),
) -> Option<(usize, usize, bool)> {
    let mut first = s;
    while first < e && is_capitalised_function_word(seg[first].text(text)) {
        first += 1;
    }
    (first < e && e - first <= 4).then_some((first, e, false))
}

/// Resolves speakers to people named earlier in the text.
pub struct Resolver<'a> {
    pub text: &'a str,
    pub people: &'a [NamedPerson],
    pub hints: &'a dyn NameHints,
    /// Speakers resolved so far: (name, span, paragraph), in text order.
    pub speakers: Vec<(String, Span, usize)>,
}

impl Resolver<'_> {
    fn fits(&self, name: &str, pronoun: Pronoun) -> bool {
        match self.hints.pronoun(name) {
            Some(p) => p == pronoun,
            None => pronoun != Pronoun::They,
        }
    }

    /// Builds the speaker for a phrase found at `paragraph`.
    pub fn speaker(&mut self, kind: SpeakerKind, span: Span, paragraph: usize) -> Speaker {
        let written = span.slice(self.text).to_string();
        let mut speaker = Speaker {
            span,
            text: written.clone(),
            kind,
            resolved: None,
            resolved_span: None,
            resolved_paragraph: None,
        };
        match kind {
            SpeakerKind::Pronoun => {
                if let Some(p) = pronoun_of(&written) {
                    if let Some((name, at, para)) = self.resolve_pronoun(p, span.start, paragraph) {
                        speaker.resolved = Some(name);
                        speaker.resolved_span = Some(at);
                        speaker.resolved_paragraph = Some(para);
                    }
                }
            }
            SpeakerKind::Named => {
                let earlier = self.earlier_full_name(&written, span.start);
                if let Some(full) = self.hints.full_name(&written) {
                    speaker.resolved = Some(full);
                } else if let Some((name, at, para)) = &earlier {
                    speaker.resolved = Some(name.clone());
                    speaker.resolved_span = Some(*at);
                    speaker.resolved_paragraph = Some(*para);
                } else if written.contains(' ') {
                    speaker.resolved = Some(written.clone());
                }
                if speaker.resolved_span.is_none() {
                    if let Some((_, at, para)) = earlier {
                        speaker.resolved_span = Some(at);
                        speaker.resolved_paragraph = Some(para);
                    }
                }
                let name = speaker.resolved.clone().unwrap_or(written);
                self.speakers.push((name, span, paragraph));
            }
            SpeakerKind::Description => {}
        }
        speaker
    }

    /// The person a one-word name (a surname) refers to: the latest earlier full name
    /// ending in it.
    fn earlier_full_name(&self, written: &str, before: usize) -> Option<(String, Span, usize)> {
        if written.contains(' ') {
            return None;
        }
        let n = self.people.partition_point(|p| p.span.start < before);
        self.people[..n]
            .iter()
            .rev()
            .find(|p| p.name.rsplit(' ').next() == Some(written) && p.name.contains(' '))
            .map(|p| (p.name.clone(), p.span, p.paragraph))
    }

    /// he/she/they → the latest fitting person named earlier in the same paragraph, else
    /// the latest fitting speaker in the two paragraphs before, else the latest fitting
    /// person named anywhere before.
    fn resolve_pronoun(
        &self,
        p: Pronoun,
        before: usize,
        paragraph: usize,
    ) -> Option<(String, Span, usize)> {
        let n = self.people.partition_point(|q| q.span.start < before);
        let people = &self.people[..n];
        let as_tuple = |q: &NamedPerson| (q.name.clone(), q.span, q.paragraph);
        if let Some(q) = people
            .iter()
            .rev()
            .take_while(|q| q.paragraph == paragraph)
            .find(|q| self.fits(&q.name, p))
        {
            return Some(as_tuple(q));
        }
        let recent = |para: usize| para + 2 >= paragraph;
        let speaker = people
            .iter()
            .rev()
            .take_while(|q| recent(q.paragraph))
            .filter(|q| q.said)
            .map(as_tuple)
            .chain(
                self.speakers
                    .iter()
                    .rev()
                    .filter(|s| s.1.start < before)
                    .take_while(|s| recent(s.2))
                    .cloned(),
            )
            .filter(|(name, _, _)| self.fits(name, p))
            .max_by_key(|(_, span, _)| span.start);
        speaker.or_else(|| {
            people
                .iter()
                .rev()
                .find(|q| self.fits(&q.name, p))
                .map(as_tuple)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(t: &str) -> Vec<String> {
        let paras = vec![Paragraph {
            span: Span::new(0, t.len()),
            kind: PartKind::Body,
            sentences: vec![],
        }];
        find_people(t, &paras, &[], &mut SliceMemo::off())
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    fn phrase(t: &str, before: bool) -> (SpeakerKind, &str) {
        let (k, s) = classify_phrase(t, Span::new(0, t.len()), before).unwrap();
        (k, s.slice(t))
    }

    #[test]
    fn people_after_titles_before_verbs_and_in_appositives() {
        assert_eq!(
            people("Kremlin spokesperson Dmitry Peskov said"),
            vec!["Dmitry Peskov"]
        );
        assert_eq!(
            people("His colleague Deputy Foreign Minister Sergei Ryabkov has said"),
            vec!["Sergei Ryabkov"]
        );
        assert_eq!(
            people("U.S. envoy to NATO Julianne Smith told reporters"),
            vec!["Julianne Smith"]
        );
        assert_eq!(
            people("“No,” U.S. ambassador to the OSCE, Michael Carpenter, said."),
            vec!["Michael Carpenter"]
        );
        assert_eq!(
            people("NATO Secretary-General Jens Stoltenberg’s visit"),
            vec!["Jens Stoltenberg"]
        );
    }

    #[test]
    fn places_bodies_and_sentence_openers_are_not_people() {
        assert!(people("The United States said on Tuesday").is_empty());
        assert!(people("Daily Maverick free for all, says Moscow").is_empty());
        assert!(people("But Russia sounded a downbeat note").is_empty());
        assert!(people("Russian Foreign Ministry said").is_empty());
    }

    #[test]
    fn speaker_phrases_name_pronoun_or_description() {
        assert_eq!(
            phrase("U.S. envoy to NATO Julianne Smith", true),
            (SpeakerKind::Named, "Julianne Smith")
        );
        assert_eq!(
            phrase("U.S. ambassador to the OSCE, Michael Carpenter,", true),
            (SpeakerKind::Named, "Michael Carpenter")
        );
        assert_eq!(
            phrase("Grushko, a former Russian ambassador to NATO,", true),
            (SpeakerKind::Named, "Grushko")
        );
        assert_eq!(phrase("But he", true), (SpeakerKind::Pronoun, "he"));
        assert_eq!(
            phrase("a spokesman for the ministry", false),
            (SpeakerKind::Description, "a spokesman for the ministry")
        );
        assert_eq!(
            phrase("In a statement, the ministry", true),
            (SpeakerKind::Description, "the ministry")
        );
        assert_eq!(
            phrase("officials in Moscow", true),
            (SpeakerKind::Description, "officials in Moscow")
        );
        assert_eq!(
            phrase("Kremlin spokesman Dmitry Peskov in Moscow", false),
            (SpeakerKind::Named, "Dmitry Peskov")
        );
    }
}
