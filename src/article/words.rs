//! Word-level helpers shared by the article parsers: a word tokeniser with byte offsets,
//! capitalisation tests, and the closed word lists (titles, pronouns, speech verbs) that
//! decide what a capitalised word or a verb means in a news sentence.

use crate::text::Span;

/// A word: letters and digits, with inner hyphens, apostrophes and dots kept
/// (`Secretary-General`, `Russia’s`, `U.S.`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
}

impl Word {
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
    }
}

fn is_inner_joiner(c: char) -> bool {
    matches!(c, '-' | '’' | '\'' | '.' | '‐' | '‑')
}

/// The words of `text[span]`, in order.
pub fn words(text: &str, span: Span) -> Vec<Word> {
    let s = span.slice(text);
    // About one word per six bytes of prose: one allocation instead of a growth chain.
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    let base = span.start;
    let mut start: Option<usize> = None;
    let mut last_alnum_end = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            last_alnum_end = i + c.len_utf8();
        } else if start.is_some()
            && is_inner_joiner(c)
            && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric())
        {
            // joined: keep going
        } else if let Some(st) = start.take() {
            let mut end = last_alnum_end;
            // Keep the final dot of an abbreviation made of single letters (U.S., D.C.).
            if c == '.' && is_dotted_initials(&s[st..end]) {
                end = i + 1;
            }
            out.push(Word {
                span: Span::new(base + st, base + end),
            });
        }
    }
    if let Some(st) = start {
        out.push(Word {
            span: Span::new(base + st, base + last_alnum_end),
        });
    }
    out
}

/// `U.S`, `D.C` (letters separated by dots), or a single capital initial `F`.
fn is_dotted_initials(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').collect();
    (parts.len() > 1 || w.chars().count() == 1)
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Counts words in a span (cheaper than [`words`] when only the number is needed).
pub fn count_words(text: &str, span: Span) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in span.slice(text).chars() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w || (in_word && is_inner_joiner(c));
    }
    n
}

/// The word without a trailing possessive (`Russia’s` → `Russia`).
pub fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// Title case: an upper-case letter followed by at least one lower-case letter
/// (`Peskov`, `Secretary-General`, `O’Brien`), not an acronym (`NATO`, `U.S.`).
pub fn is_titlecase(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => chars.any(char::is_lowercase),
        _ => false,
    }
}

/// A single capital initial with a dot: `F.` in `Robert F. Kennedy`.
pub fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Lower-case particles that may sit inside a personal name.
pub fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "da"
            | "di"
            | "du"
            | "la"
            | "le"
            | "al"
            | "bin"
            | "ibn"
            | "ben"
            | "dos"
            | "das"
            | "y"
    )
}

/// Capitalised words that never start or form a personal name: sentence openers,
/// pronouns, determiners, days and months.
pub fn is_capitalised_function_word(w: &str) -> bool {
    matches!(
        w,
        "A" | "An"
            | "The"
            | "But"
            | "And"
            | "Or"
            | "Nor"
            | "So"
            | "Yet"
            | "However"
            | "Then"
            | "Also"
            | "Later"
            | "Earlier"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "As"
            | "If"
            | "In"
            | "On"
            | "At"
            | "Of"
            | "For"
            | "From"
            | "By"
            | "With"
            | "To"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "My"
            | "Your"
            | "There"
            | "Here"
            | "Asked"
            | "Speaking"
            | "Meanwhile"
            | "Still"
            | "Now"
            | "Please"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// Words of a title written before a name (`Deputy Foreign Minister`, `Secretary-General`,
/// `spokesperson`), compared case-insensitively.
pub fn is_title_word(w: &str) -> bool {
    // Called for most words near a name: lower-case short ASCII words on the stack.
    let mut buf = [0u8; 32];
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(is_title_lower);
    }
    is_title_lower(&w.to_lowercase())
}

fn is_title_lower(lower: &str) -> bool {
    let lower = lower.trim_end_matches('.');
    matches!(
        lower,
        "president"
            | "vice"
            | "prime"
            | "minister"
            | "deputy"
            | "foreign"
            | "defence"
            | "defense"
            | "interior"
            | "finance"
            | "economy"
            | "trade"
            | "health"
            | "energy"
            | "justice"
            | "home"
            | "state"
            | "secretary"
            | "secretary-general"
            | "under-secretary"
            | "general"
            | "colonel"
            | "lieutenant"
            | "major"
            | "captain"
            | "admiral"
            | "sergeant"
            | "commander"
            | "marshal"
            | "chancellor"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "gov"
            | "governor"
            | "mayor"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "crown"
            | "pope"
            | "chief"
            | "director"
            | "director-general"
            | "chairman"
            | "chairwoman"
            | "chairperson"
            | "chair"
            | "commissioner"
            | "ambassador"
            | "envoy"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "judge"
            | "attorney"
            | "premier"
            | "leader"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "professor"
            | "lord"
            | "lady"
            | "sir"
            | "dame"
            | "archbishop"
            | "bishop"
            | "cardinal"
            | "rabbi"
            | "sheikh"
            | "emir"
            | "sultan"
            | "adviser"
            | "advisor"
            | "official"
            | "officer"
            | "executive"
            | "head"
            | "speaker"
            | "coach"
            | "manager"
            | "analyst"
            | "economist"
            | "lawyer"
            | "colleague"
            | "counterpart"
            | "diplomat"
            | "negotiator"
            | "founder"
            | "aide"
            | "correspondent"
            | "inspector"
            | "superintendent"
            | "chief-of-staff"
    )
}

/// Speech verbs in any tense; `told` and `according` are handled with their objects.
pub fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "saying"
            | "told"
            | "tells"
            | "tell"
            | "added"
            | "adds"
            | "adding"
            | "asked"
            | "asks"
            | "wrote"
            | "writes"
            | "written"
            | "replied"
            | "replies"
            | "stated"
            | "states"
            | "explained"
            | "explains"
            | "warned"
            | "warns"
            | "insisted"
            | "insists"
            | "tweeted"
            | "tweets"
            | "posted"
            | "posts"
            | "noted"
            | "notes"
            | "declared"
            | "declares"
            | "announced"
            | "announces"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "continued"
            | "recalled"
            | "recalls"
            | "remarked"
            | "responded"
            | "acknowledged"
            | "admitted"
            | "admits"
            | "urged"
            | "urges"
            | "commented"
            | "quipped"
            | "conceded"
            | "observed"
            | "suggested"
            | "predicted"
            | "cautioned"
            | "stressed"
            | "stresses"
            | "emphasised"
            | "emphasized"
    )
}

/// he / she / they as a speaker.
pub fn pronoun_of(w: &str) -> Option<super::Pronoun> {
    match w {
        "he" | "He" => Some(super::Pronoun::He),
        "she" | "She" => Some(super::Pronoun::She),
        "they" | "They" => Some(super::Pronoun::They),
        _ => None,
    }
}

/// Adverbs and auxiliaries that may sit between a speaker and the speech verb
/// (`Peskov later said`, `she has said`).
pub fn is_verb_filler(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "then"
            | "previously"
            | "earlier"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "once"
            | "again"
            | "further"
            | "recently"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "separately"
            | "simply"
            | "reportedly"
            | "is"
            | "was"
            | "were"
            | "are"
            | "been"
    )
}

/// Prepositions before a capitalised word that make it a place or body, not a speaker
/// (`officials in Moscow said`).
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "at" | "from" | "of" | "to" | "for" | "on" | "with" | "near" | "by" | "into"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s, Span::new(0, s.len()))
            .into_iter()
            .map(|w| w.text(s))
            .collect()
    }

    #[test]
    fn tokeniser_keeps_inner_joiners_and_initialism_dots() {
        assert_eq!(
            texts("U.S. envoy’s Secretary-General, said: “No.”"),
            vec!["U.S.", "envoy’s", "Secretary-General", "said", "No"]
        );
        assert_eq!(texts("rock ’n’ roll"), vec!["rock", "n", "roll"]);
        let q = "“We want to see … Russia pulling back,”";
        assert_eq!(count_words(q, Span::new(0, q.len())), 7);
    }

    #[test]
    fn titlecase_excludes_acronyms() {
        assert!(is_titlecase("Peskov"));
        assert!(is_titlecase("Secretary-General"));
        assert!(!is_titlecase("NATO"));
        assert!(!is_titlecase("U.S."));
        assert!(!is_titlecase("said"));
        assert!(is_initial("F."));
    }
}
