//! Title phrases around a person's name: the capitalised/title-word run before it
//! (`Russian Deputy Foreign Minister Alexander Grushko`) and an appositive after it
//! (`Grushko, a former Russian ambassador to NATO,`). Heuristic by design: a phrase
//! only counts as a title when it holds a word from a small title lexicon.

use super::TitleRef;
use crate::kb::OrgId;
use crate::text::Span;

/// Words that make a phrase a title (compared in lower case, per hyphen part).
pub(crate) fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "minister"
            | "secretary"
            | "general"
            | "president"
            | "vice"
            | "deputy"
            | "premier"
            | "chancellor"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "envoy"
            | "ambassador"
            | "representative"
            | "emissary"
            | "delegate"
            | "negotiator"
            | "diplomat"
            | "leader"
            | "chief"
            | "head"
            | "director"
            | "commissioner"
            | "governor"
            | "senator"
            | "sen"
            | "congressman"
            | "congresswoman"
            | "lawmaker"
            | "speaker"
            | "chairman"
            | "chairwoman"
            | "chairperson"
            | "chair"
            | "adviser"
            | "advisor"
            | "official"
            | "officer"
            | "commander"
            | "colonel"
            | "col"
            | "admiral"
            | "adm"
            | "marshal"
            | "captain"
            | "lieutenant"
            | "lt"
            | "major"
            | "sergeant"
            | "gen"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "emir"
            | "sultan"
            | "pope"
            | "mayor"
            | "undersecretary"
            | "attorney"
            | "prosecutor"
            | "judge"
            | "justice"
            | "mp"
            | "executive"
            | "ceo"
            | "coordinator"
            | "rapporteur"
            | "treasurer"
            | "governor-general"
    )
}

fn has_title_word(token: &str) -> bool {
    token
        .to_lowercase()
        .split(['-', '\u{2011}'])
        .any(is_title_word)
}

/// Qualifiers that change which dates a title may refer to.
fn qualifier(lower: &str) -> Option<&'static str> {
    match lower {
        "former" | "previous" | "erstwhile" | "onetime" | "one-time" => Some("former"),
        "late" => Some("late"),
        "outgoing" => Some("outgoing"),
        "future" | "incoming" | "presumptive" | "designate" | "would-be" | "prospective"
        | "potential" | "possible" | "eventual" | "hypothetical" => Some("-elect"),
        "acting" => Some("acting"),
        "interim" => Some("acting"),
        "then" => Some("then-"),
        _ => None,
    }
}

fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for" | "to" | "the" | "and" | "on" | "at" | "in"
    )
}

/// Capitalised words that open sentences or are honorifics, never part of a title.
fn is_cap_stop(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "but"
            | "and"
            | "or"
            | "in"
            | "on"
            | "at"
            | "as"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "since"
            | "then"
            | "meanwhile"
            | "yesterday"
            | "today"
            | "tomorrow"
            | "later"
            | "earlier"
            | "also"
            | "asked"
            | "said"
            | "says"
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "dr"
            | "dr."
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "(l-r)"
    )
}

/// Lower-case words that end an appositive: it is a clause, not a title.
fn is_clause_word(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "told"
            | "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "were"
            | "are"
            | "will"
            | "would"
            | "who"
            | "which"
            | "that"
            | "whose"
            | "when"
            | "where"
            | "added"
    )
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '\u{2011}' | '\'' | '’')
}

fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\t')
}

/// A dotted abbreviation (`U.S.`, `Gen.`) rather than a word ending a sentence.
fn dotted_ok(tok: &str) -> bool {
    let core = tok.trim_end_matches('.');
    core.contains('.')
        || matches!(
            core.to_lowercase().as_str(),
            "gen" | "col" | "lt" | "adm" | "sen" | "rep" | "gov" | "maj" | "capt" | "sgt" | "st"
        )
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    Word,
    Connector,
    Qualifier(&'static str),
    /// `then-NATO`: a qualifier glued to the first title word.
    Glued(&'static str, usize),
}

fn classify(tok: &str) -> Option<Tok> {
    let first = tok.chars().next()?;
    // A dash or other punctuation between words ends the phrase (`was not - U.S.
    // President`): a title is made of words.
    if !tok.chars().any(char::is_alphanumeric) {
        return None;
    }
    if tok.starts_with(['\'', '’']) || first.is_numeric() {
        return None;
    }
    if tok.ends_with('.') && !dotted_ok(tok) {
        return None;
    }
    let lower = tok.to_lowercase();
    for prefix in ["then-", "ex-", "then\u{2011}"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if rest.is_empty() {
                return None;
            }
            let q = if prefix == "ex-" { "former" } else { "then-" };
            return Some(Tok::Glued(q, prefix.len()));
        }
    }
    if let Some(q) = qualifier(&lower) {
        return Some(Tok::Qualifier(q));
    }
    if first.is_lowercase() {
        if has_title_word(&lower) {
            return Some(Tok::Word);
        }
        if is_connector(&lower) {
            return Some(Tok::Connector);
        }
        return None;
    }
    if is_cap_stop(&lower) {
        return None;
    }
    Some(Tok::Word)
}

fn orgs_in(span: Span, orgs: &[(Span, OrgId)]) -> Vec<OrgId> {
    let i = orgs.partition_point(|(s, _)| s.start < span.start);
    let mut out = Vec::new();
    for &(s, id) in &orgs[i..] {
        if s.start >= span.end {
            break;
        }
        if span.covers(s) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn build(
    text: &str,
    toks: &[(Span, Tok)],
    orgs: &[(Span, OrgId)],
    people: &[Span],
) -> Option<TitleRef> {
    let mut toks = toks;
    while let Some(((_, Tok::Connector), rest)) = toks.split_first() {
        toks = rest;
    }
    while let Some(((_, Tok::Connector), rest)) = toks.split_last() {
        toks = rest;
    }
    // `Under Chancellor Angela Merkel`: a preposition, unless it makes `Under Secretary`.
    while let Some(((span, Tok::Word), rest)) = toks.split_first() {
        let under = span.slice(text).eq_ignore_ascii_case("under");
        let secretary = rest
            .first()
            .is_some_and(|(s, _)| s.slice(text).to_lowercase().starts_with("secretary"));
        if under && !secretary {
            toks = rest;
        } else {
            break;
        }
    }
    let (first, last) = (toks.first()?, toks.last()?);
    let mut qual = None;
    let mut text_start = None;
    let mut titled = false;
    for &(span, kind) in toks {
        match kind {
            Tok::Qualifier(q) => {
                qual.get_or_insert(q);
            }
            Tok::Glued(q, n) => {
                let rest = span.slice(text).get(n..)?;
                qual.get_or_insert(q);
                text_start.get_or_insert(span.start + n);
                titled |= has_title_word(rest);
            }
            _ => {
                text_start.get_or_insert(span.start);
                titled |= has_title_word(span.slice(text));
            }
        }
    }
    let text_start = text_start?;
    if !titled {
        return None;
    }
    let span = Span::new(first.0.start, last.0.end);
    if super::overlaps_sorted(people, span) {
        return None;
    }
    let title_span = Span::new(text_start, last.0.end);
    let orgs = orgs_in(title_span, orgs);
    Some(TitleRef {
        span,
        text: title_span.slice(text).to_string(),
        org: orgs.first().copied(),
        orgs,
        qualifier: qual.map(str::to_string),
    })
}

/// The title run ending just before the name at `name_start` (not before `floor`).
/// `Title, Name,` counts too when the name is followed by a comma.
pub(crate) fn before(
    text: &str,
    name_start: usize,
    name_end: usize,
    floor: usize,
    orgs: &[(Span, OrgId)],
    people: &[Span],
) -> Option<TitleRef> {
    let mut toks: Vec<(Span, Tok)> = Vec::new();
    let mut pos = name_start;
    let followed_by_comma = text.get(name_end..).is_some_and(|r| r.starts_with(','));
    loop {
        let head = text.get(floor..pos)?;
        let trimmed = head.trim_end_matches(is_gap);
        if trimmed.len() == head.len() {
            // No gap: the name or token is glued to punctuation or the paragraph start.
            break;
        }
        let mut end = floor + trimmed.len();
        if toks.is_empty() && followed_by_comma && trimmed.ends_with(',') {
            end -= 1;
        }
        let word = &text[floor..end];
        let start = word
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_token_char(*c))
            .last()
            .map_or(end, |(i, _)| floor + i);
        if start == end {
            break;
        }
        let Some(kind) = classify(&text[start..end]) else {
            break;
        };
        // Another person's name ends the phrase (`Grushko and Secretary-General …`).
        if super::overlaps_sorted(people, Span::new(start, end)) {
            break;
        }
        toks.push((Span::new(start, end), kind));
        pos = start;
        if toks.len() > 12 || pos <= floor {
            break;
        }
    }
    toks.reverse();
    build(text, &toks, orgs, people)
}

/// An appositive after the name: `Name, a former Russian ambassador to NATO,`.
pub(crate) fn after(
    text: &str,
    name_end: usize,
    ceil: usize,
    orgs: &[(Span, OrgId)],
    people: &[Span],
) -> Option<TitleRef> {
    let rest = text.get(name_end..ceil)?;
    let body = rest.strip_prefix(',')?;
    let lead = body.len() - body.trim_start_matches(is_gap).len();
    if lead == 0 {
        return None;
    }
    let mut pos = name_end + 1 + lead;
    let mut toks: Vec<(Span, Tok)> = Vec::new();
    let mut closed = false;
    while toks.len() < 14 {
        let seg = &text[pos..ceil];
        let len = seg
            .char_indices()
            .find(|(_, c)| !is_token_char(*c))
            .map_or(seg.len(), |(i, _)| i);
        if len == 0 {
            break;
        }
        let raw = &seg[..len];
        // A trailing period closes the phrase unless the token is an abbreviation.
        let (tok, stop) = if raw.ends_with('.') && !dotted_ok(raw) {
            (raw.trim_end_matches('.'), true)
        } else {
            (raw, false)
        };
        let span = Span::new(pos, pos + tok.len());
        let lower = tok.to_lowercase();
        if is_clause_word(&lower) {
            return None;
        }
        let kind = if toks.is_empty() && matches!(lower.as_str(), "a" | "an" | "the") {
            None
        } else if let Some(q) = qualifier(&lower) {
            Some(Tok::Qualifier(q))
        } else if tok.starts_with(char::is_lowercase) && !has_title_word(tok) {
            // Lower-case words inside a title phrase ("ambassador to", "top").
            Some(if is_connector(&lower) {
                Tok::Connector
            } else {
                Tok::Word
            })
        } else {
            classify(tok)
        };
        if let Some(k) = kind {
            toks.push((span, k));
        }
        pos += len;
        if stop {
            closed = true;
            break;
        }
        let after_tok = &text[pos..ceil];
        if after_tok.starts_with([',', ';']) {
            closed = true;
            break;
        }
        let gap = after_tok.len() - after_tok.trim_start_matches(is_gap).len();
        if gap == 0 {
            // `(`, quote marks, dashes glued to the word: not a plain title phrase.
            break;
        }
        pos += gap;
        if text[pos..ceil].starts_with(['–', '—']) {
            closed = true;
            break;
        }
    }
    if !closed {
        return None;
    }
    build(text, &toks, orgs, people)
}
