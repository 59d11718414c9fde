//! Personal names as one paragraph writes them, found by capitalisation and the evidence
//! a copy editor reads a name by: a title or honorific before it (`Sen. Ted Cruz`,
//! `Mr. Marcus`), a given name opening it (`Francisco Herrero`), a speech verb after it
//! (`Ashraf Ghani said`), an appositive (`Quina Jones, 25,`). Each candidate is one of
//! two shapes: a full name (two words or more: given name, middle names or initials,
//! surname, suffix) or a single capitalised word that may be a surname reference. The
//! resolver ([`super::resolve`]) decides who each one is; this file only reads words.
//!
//! Computed on the paragraph alone (with its KB organisation hits), so it is memoised per
//! paragraph with the KB hits.

use super::given_names;
use super::title::{self, is_title_word as is_title_head};
use super::TitleRef;
use crate::article::words::{
    is_capitalised_function_word, is_initial, is_name_particle, is_speech_verb,
    is_title_word as is_title_modifier, is_titlecase, is_verb_filler, strip_possessive, words,
    Word,
};
use crate::article::Pronoun;
use crate::kb::{Kb, OrgId};
use crate::text::Span;

/// A name found in a paragraph; offsets relative to the paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct NameCand {
    /// The name's words, without title, honorific or possessive `’s`.
    pub span: Span,
    /// Each word of the name (one for a single-word candidate).
    pub parts: Vec<Span>,
    /// Index in `parts` of the surname (the last word that is not a suffix).
    pub surname: usize,
    pub possessive: bool,
    /// `Mr.` / `Mrs.` / `Ms.` / `Miss` right before the name.
    pub honorific: Option<Pronoun>,
    /// A title word right before the name in the same capitalised run (`President Obama`,
    /// `Sen. Ted Cruz`, `Kremlin spokesperson Dmitry Peskov`), or a title phrase around it.
    pub titled: bool,
    /// The title phrase before or after the name, when it reads as one.
    pub title: Option<TitleRef>,
    /// A speech verb follows (`Cruz said`, `Ghani, … told`).
    pub speech_after: bool,
    /// An appositive follows: `, a/an/the …`, `, who`, `, 25,`.
    pub appositive: bool,
    /// The first word of a sentence.
    pub sentence_start: bool,
    /// The word before the name is `the` (`the White House`, `the Bidens`).
    pub after_the: bool,
    /// The word before the name is `at` or `in` (`an analyst at Morgan Stanley`).
    pub after_place_preposition: bool,
    /// A single word used as a modifier of a lower-case noun (`the Trump administration`,
    /// `Clinton campaign`): it names no one here.
    pub modifier: bool,
    /// The first word is a given name (common, or the KB's), or initials.
    pub given_evidence: bool,
    /// A verb follows it (`Trump will`, `Clinton slammed`): it is a sentence's subject.
    pub subject: bool,
}

impl NameCand {
    pub fn is_full(&self) -> bool {
        self.parts.len() >= 2
    }

    pub fn surname_span(&self) -> Span {
        self.parts[self.surname]
    }

    /// Evidence that a full name is a person's: a title or honorific, a given name, a
    /// speech verb or an appositive after it. A run after `the`, or after `at`/`in` with
    /// nothing but a given name for it, is a building, a firm or a place.
    pub fn is_person(&self) -> bool {
        if !self.is_full() {
            return false;
        }
        if self.titled || self.honorific.is_some() {
            return true;
        }
        if self.after_the {
            return false;
        }
        let context = self.speech_after || self.appositive;
        if self.after_place_preposition && !context {
            return false;
        }
        self.given_evidence || (context && self.parts.len() <= 3)
    }

    /// Evidence that a single word refers to a person: a title or honorific, a speech
    /// verb or appositive after it.
    pub fn has_person_context(&self) -> bool {
        if self.modifier {
            return false;
        }
        self.titled
            || self.honorific.is_some()
            || (!self.after_the && (self.speech_after || self.appositive))
    }
}

/// Capitalised words naming bodies, places and things, never part of a personal name.
pub(crate) fn is_org_word(w: &str) -> bool {
    matches!(
        strip_possessive(w),
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
            | "Journal"
            | "Tribune"
            | "Herald"
            | "Magazine"
            | "Review"
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
            | "Corporation"
            | "Institute"
            | "Institution"
            | "University"
            | "College"
            | "School"
            | "Academy"
            | "Association"
            | "Foundation"
            | "Fund"
            | "Caucus"
            | "Coalition"
            | "Center"
            | "Centre"
            | "Corps"
            | "Club"
            | "Society"
            | "Service"
            | "Network"
            | "Project"
            | "Initiative"
            | "Campaign"
            | "Cooperation"
            | "Security"
            | "Street"
            | "Avenue"
            | "Road"
            | "Square"
            | "Plaza"
            | "Arena"
            | "Stadium"
            | "Bridge"
            | "Tower"
            | "Building"
            | "Hotel"
            | "Airport"
            | "Station"
            | "Hospital"
            | "Cathedral"
            | "Mosque"
            | "County"
            | "City"
            | "Province"
            | "District"
            | "Region"
            | "Valley"
            | "River"
            | "Lake"
            | "Island"
            | "Islands"
            | "Mountains"
            | "Beach"
            | "Inc"
            | "Corp"
            | "Ltd"
            | "LLC"
            | "Co"
            | "Holdings"
            | "Partners"
            | "Capital"
            | "Act"
            | "Treaty"
            | "Accord"
            | "Agreement"
            | "Week"
            | "War"
            | "Prize"
            | "Award"
            | "Awards"
            | "Cup"
            | "Games"
            | "Olympics"
            | "Series"
            | "Show"
            | "Hour"
            | "Tonight"
            | "Channel"
            | "Radio"
            | "TV"
            | "Online"
            | "Media"
            | "Studios"
            | "Records"
            | "Books"
            | "Motors"
            | "Airlines"
            | "Energy"
            | "Oil"
            | "Gas"
            | "Research"
    )
}

/// Lower-case nouns after a surname that make it a modifier, not a reference to the
/// person: `the Trump administration`, `Clinton campaign aides`.
fn is_attributive_noun(w: &str) -> bool {
    matches!(
        w,
        "administration"
            | "administrations"
            | "campaign"
            | "campaigns"
            | "camp"
            | "team"
            | "era"
            | "presidency"
            | "aides"
            | "aide"
            | "adviser"
            | "advisers"
            | "supporters"
            | "supporter"
            | "voters"
            | "rally"
            | "rallies"
            | "fans"
            | "loyalists"
            | "backers"
            | "allies"
            | "family"
            | "brothers"
            | "ad"
            | "ads"
            | "eras"
            | "headline"
            | "headlines"
            | "debate"
            | "girl"
            | "girls"
            | "boys"
            | "golf"
            | "speech"
            | "tweet"
            | "tweets"
            | "voter"
            | "sisters"
            | "name"
            | "foundation"
            | "doctrine"
            | "years"
            | "policy"
            | "policies"
            | "government"
            | "cabinet"
            | "organization"
            | "brand"
            | "tower"
            | "towers"
            | "hotel"
            | "university"
            | "surrogate"
            | "surrogates"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "staffers"
            | "staff"
            | "plan"
            | "plans"
            | "proposal"
            | "agenda"
            | "victory"
            | "win"
            | "loss"
            | "ticket"
            | "nomination"
            | "nominee"
            | "emails"
            | "email"
            | "server"
            | "impeachment"
            | "clan"
            | "dynasty"
            | "estate"
            | "case"
            | "trial"
            | "effect"
            | "factor"
            | "vote"
            | "voters'"
            | "critics"
            | "opponents"
            | "appointee"
            | "appointees"
    )
}

/// Qualifiers and party or rank words that may open a capitalised run before a name
/// (`Former President Bill Clinton`, `Democrat Hillary Clinton`).
fn is_prefix_word(w: &str) -> bool {
    matches!(
        w,
        "Former"
            | "Late"
            | "Acting"
            | "Outgoing"
            | "Incoming"
            | "Interim"
            | "Retired"
            | "Then"
            | "Ex"
            | "Republican"
            | "Republicans"
            | "Democrat"
            | "Democratic"
            | "Democrats"
            | "GOP"
            | "Conservative"
            | "Labour"
            | "Liberal"
            | "Libertarian"
            | "Independent"
            | "Green"
            | "Socialist"
            | "Progressive"
    )
}

fn honorific(w: &str) -> Option<Option<Pronoun>> {
    match w.trim_end_matches('.') {
        "Mr" | "MR" => Some(Some(Pronoun::He)),
        "Mrs" | "Ms" | "Miss" | "MRS" | "MS" => Some(Some(Pronoun::She)),
        "Dr" | "Prof" | "Rev" | "Sir" | "Dame" | "Lord" | "Lady" => Some(None),
        _ => None,
    }
}

fn is_month_or_day(w: &str) -> bool {
    matches!(
        w,
        "January"
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
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Capitalised words that open sentences and headlines but never sit inside a name
/// (`Several Twitter executives`, `Maybe Trump`, `Message About Latinos`).
fn is_never_in_name(w: &str) -> bool {
    matches!(
        w,
        "About"
            | "Although"
            | "Though"
            | "Unless"
            | "Because"
            | "Whether"
            | "Against"
            | "Over"
            | "Into"
            | "Amid"
            | "Among"
            | "Beneath"
            | "Behind"
            | "Beyond"
            | "Despite"
            | "Several"
            | "Both"
            | "Many"
            | "Some"
            | "Most"
            | "Few"
            | "Every"
            | "Each"
            | "Maybe"
            | "Perhaps"
            | "Outside"
            | "Inside"
            | "Without"
            | "Why"
            | "How"
            | "What"
            | "Who"
            | "Where"
            | "Which"
            | "Is"
            | "Are"
            | "Was"
            | "Were"
            | "Will"
            | "Can"
            | "Could"
            | "Should"
            | "Would"
            | "Does"
            | "Did"
            | "Not"
            | "No"
            | "Yes"
            | "All"
            | "Any"
            | "Even"
            | "Just"
            | "Only"
            | "Says"
            | "Said"
            | "Tells"
            | "Told"
            | "Slams"
            | "Praises"
            | "Calls"
            | "Wants"
            | "Vs"
            | "Versus"
    )
}

/// `I’ve`, `We’ll`, `Don't`: a contraction, not a name.
fn is_contraction(w: &str) -> bool {
    let lower = w.to_lowercase().replace('’', "'");
    ["'ve", "'m", "'ll", "'re", "'d", "n't"]
        .iter()
        .any(|s| lower.ends_with(s))
}

fn is_suffix(w: &str) -> bool {
    matches!(w.trim_end_matches('.'), "Jr" | "Sr" | "II" | "III" | "IV")
}

/// `G.K.`, `J.D.`: letters with dots (an initialism of a given name).
fn is_dotted_initials(w: &str) -> bool {
    let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// `al-Assad`, `bin Salman`'s `bin` is a particle; `al-` glued to a capitalised word is
/// part of the name.
fn is_prefixed_name(w: &str) -> bool {
    [
        "al-", "el-", "ad-", "as-", "ash-", "an-", "at-", "abu-", "bin-",
    ]
    .iter()
    .any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
    })
}

fn is_cap(w: &str) -> bool {
    let w = strip_possessive(w);
    is_titlecase(w) || is_initial(w) || is_dotted_initials(w) || is_prefixed_name(w) || is_suffix(w)
}

/// A word that may stand before a name as (part of) its title: a title word, a party or
/// qualifier word, or an organisation or demonym the KB knows.
fn is_title_like(text: &str, w: Word, orgs: &[(Span, OrgId)]) -> bool {
    let t = w.text(text);
    let lower = t.to_lowercase();
    is_title_modifier(t)
        || lower.split(['-', '\u{2011}']).any(is_title_head)
        || is_prefix_word(t)
        || honorific(t).is_some()
        || orgs.iter().any(|(s, _)| s.overlaps(w.span))
}

/// A title word or honorific proper (not an organisation or party word).
fn is_title_word_here(text: &str, w: Word) -> bool {
    let t = w.text(text);
    is_title_modifier(t)
        || t.to_lowercase().split(['-', '\u{2011}']).any(is_title_head)
        || honorific(t).is_some()
}

fn is_given(text: &str, w: Word, kb: &Kb) -> bool {
    let t = w.text(text);
    given_names::is_common(t)
        || (t.chars().count() >= 2 && kb.is_given_name(t))
        || is_dotted_initials(t)
        || is_initial(t)
}

/// The paragraph's capitalised runs: word index ranges of capitalised words with only
/// spaces between them (a possessive ends a run; a particle between capitals joins it).
fn runs(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !is_cap(ws[i].text(text)) || is_contraction(ws[i].text(text)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < ws.len() {
            let gap = Span::new(ws[end - 1].span.end, ws[end].span.start).slice(text);
            if !gap.chars().all(|c| c == ' ' || c == '\u{a0}') || gap.is_empty() {
                break;
            }
            let prev = ws[end - 1].text(text);
            if strip_possessive(prev) != prev {
                break;
            }
            let w = ws[end].text(text);
            let particle =
                is_name_particle(w) && ws.get(end + 1).is_some_and(|n| is_cap(n.text(text)));
            if (is_cap(w) && !is_contraction(w)) || particle {
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

/// The text between the end of word `i` and the next word (or the paragraph's end).
fn gap_after<'t>(text: &'t str, ws: &[Word], i: usize) -> &'t str {
    let end = ws.get(i + 1).map_or(text.len(), |n| n.span.start);
    &text[ws[i].span.end..end]
}

fn is_sentence_start(text: &str, ws: &[Word], i: usize) -> bool {
    let before = if i == 0 {
        &text[..ws[0].span.start]
    } else {
        &text[ws[i - 1].span.end..ws[i].span.start]
    };
    let prev_word = i.checked_sub(1).map(|p| ws[p].text(text));
    let trimmed = before.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–')
    });
    i == 0
        || trimmed.ends_with(['!', '?', ':', ';'])
        || (trimmed.ends_with('.')
            && !prev_word.is_some_and(|p| {
                // `Sen.`, `U.S.`: the dot belongs to an abbreviation.
                p.contains('.') || honorific(p).is_some() || is_title_modifier(p)
            }))
}

fn speech_after(text: &str, ws: &[Word], last: usize) -> bool {
    let gap = gap_after(text, ws, last).trim_start_matches(['’', '\'']);
    let gap = gap.trim_start_matches('s');
    if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
        return false;
    }
    let mut j = last + 1;
    while j < ws.len() && is_verb_filler(ws[j].text(text)) {
        j += 1;
    }
    j < ws.len() && (is_speech_verb(ws[j].text(text)) || ws[j].text(text) == "according")
}

/// The word after a capitalised word reads as its verb (`Trump will`, `Clinton slammed`,
/// `Espinoza is`): the capitalised word is a subject, so a name, not a sentence opener
/// such as `While` or `Since`. `rest` is the text right after the word.
pub(crate) fn verb_follows(rest: &str) -> bool {
    let rest = rest
        .strip_prefix("’s")
        .or_else(|| rest.strip_prefix("'s"))
        .unwrap_or(rest);
    if !rest.starts_with(' ') {
        return false;
    }
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
        .collect();
    if !next.starts_with(char::is_lowercase) {
        return false;
    }
    let aux = matches!(
        next.as_str(),
        "is" | "was"
            | "will"
            | "would"
            | "has"
            | "had"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
            | "isn’t"
            | "wasn’t"
            | "won’t"
            | "isn't"
            | "wasn't"
            | "won't"
            | "also"
            | "then"
            | "later"
            | "never"
            | "now"
            | "still"
    );
    let inflected = next.chars().count() > 3
        && (next.ends_with("ed") || (next.ends_with('s') && !next.ends_with("ss")))
        && !matches!(
            next.as_str(),
            "this"
                | "thus"
                | "always"
                | "perhaps"
                | "whereas"
                | "towards"
                | "afterwards"
                | "besides"
                | "sometimes"
                | "nevertheless"
                | "unless"
                | "indeed"
                | "need"
                | "news"
                | "less"
                | "business"
                | "across"
                | "its"
                | "yes"
                | "bias"
        );
    // Common irregular past tenses (`Trump took`, `Cruz won`).
    let irregular = matches!(
        next.as_str(),
        "took"
            | "made"
            | "got"
            | "went"
            | "came"
            | "gave"
            | "won"
            | "lost"
            | "ran"
            | "led"
            | "left"
            | "met"
            | "saw"
            | "knew"
            | "thought"
            | "felt"
            | "spoke"
            | "began"
            | "broke"
            | "brought"
            | "bought"
            | "held"
            | "kept"
            | "became"
            | "sent"
            | "spent"
            | "paid"
            | "stood"
            | "fell"
            | "drew"
            | "grew"
            | "hit"
            | "put"
            | "set"
            | "cut"
            | "let"
            | "quit"
            | "fought"
            | "taught"
            | "caught"
            | "sought"
            | "built"
            | "chose"
            | "rose"
            | "wore"
            | "won't"
            | "can't"
            | "didn't"
            | "doesn't"
            | "hasn't"
    );
    // An adverb, then a verb (`Trump finally hit`).
    let adverb_then_verb = next.ends_with("ly") && next.chars().count() > 3 && {
        let after = rest.trim_start()[next.len()..].to_string();
        !after.trim_start().starts_with("ly") && verb_follows(&after)
    };
    aux || inflected || irregular || is_speech_verb(&next) || adverb_then_verb
}

fn appositive_after(text: &str, ws: &[Word], last: usize) -> bool {
    let gap = gap_after(text, ws, last);
    if !gap.starts_with(',') || gap.contains(['\n', '.', ';']) {
        return false;
    }
    let Some(next) = ws.get(last + 1) else {
        return false;
    };
    let n = next.text(text);
    matches!(
        n,
        "a" | "an" | "the" | "who" | "whose" | "herself" | "himself"
    ) || n.chars().all(|c| c.is_ascii_digit())
        || (n.starts_with(char::is_lowercase) && is_title_head(&n.to_lowercase()))
}

/// Every name candidate in the paragraph `text` outside `excluded`, in order. `orgs` are
/// the paragraph's KB organisation hits, sorted.
pub fn find(text: &str, excluded: &[Span], orgs: &[(Span, OrgId)], kb: &Kb) -> Vec<NameCand> {
    let ws = words(text, Span::new(0, text.len()));
    let mut out = Vec::new();
    for (s, e) in runs(text, &ws) {
        if let Some(c) = candidate(text, &ws, s, e, orgs, kb) {
            if !excluded.iter().any(|x| x.overlaps(c.span)) {
                out.push(c);
            }
        }
    }
    // Title phrases need the other names, so a title never runs across one.
    let people: Vec<Span> = out.iter().map(|c: &NameCand| c.span).collect();
    for c in &mut out {
        let end = c.span.end;
        c.title = title::before(text, c.span.start, end, 0, orgs, &people)
            .or_else(|| title::after(text, end, text.len(), orgs, &people));
        if c.title.is_some() {
            c.titled = true;
        }
    }
    out
}

fn candidate(
    text: &str,
    ws: &[Word],
    s: usize,
    e: usize,
    orgs: &[(Span, OrgId)],
    kb: &Kb,
) -> Option<NameCand> {
    let run = &ws[s..e];
    let t = |i: usize| ws[i].text(text);
    // Anything naming a body or a place makes the whole run no one's name.
    if run.iter().any(|w| is_org_word(w.text(text))) {
        // ... unless it only sits in a title before a name (`U.S. Supreme Court Justice
        // Antonin Scalia`): then the name is after the last title word.
        let last_org = (s..e).rev().find(|&i| is_org_word(t(i)))?;
        let after_title =
            (last_org + 1..e.saturating_sub(1)).any(|i| is_title_like(text, ws[i], orgs));
        if !after_title {
            return None;
        }
    }
    // Leading sentence openers.
    let mut first = s;
    while first < e
        && is_capitalised_function_word(t(first))
        && !given_names::is_common(t(first))
        && !is_month_or_day(t(first))
    {
        first += 1;
    }
    // The name starts after the last title-like word that has a name after it; a title
    // word right after a given name is a surname (`Steve King`, `John Major`).
    let mut start = first;
    let mut titled = false;
    let mut hon = None;
    for i in first..e.saturating_sub(1) {
        let after_given = i > start && is_given(text, ws[i - 1], kb);
        if is_title_like(text, ws[i], orgs) && !after_given && !is_suffix(t(i + 1)) {
            start = i + 1;
            // An organisation or party word alone before a name is no title.
            titled |= is_title_word_here(text, ws[i]);
            hon = honorific(t(i)).flatten().or(hon);
            if honorific(t(i)).is_none() {
                hon = None;
            }
        }
    }
    if let Some(h) = start.checked_sub(1).and_then(|i| honorific(t(i))) {
        hon = h;
    }
    // `Democrat Hillary Clinton`: a given name later in the run opens the name.
    if start < e && !is_given(text, ws[start], kb) {
        if let Some(g) = (start + 1..e.saturating_sub(1))
            .find(|&i| given_names::is_common(t(i)) && !is_title_like(text, ws[i], orgs))
        {
            if (start..g).all(|i| !is_given(text, ws[i], kb)) {
                start = g;
            }
        }
    }
    if start >= e {
        return None;
    }
    // Sentence and headline openers before the name are not part of it.
    while start + 1 < e && is_never_in_name(t(start)) {
        start += 1;
    }
    let name = &ws[start..e];
    if name.len() > 4 {
        return None;
    }
    if name.len() >= 2
        && name.iter().any(|w| {
            let x = strip_possessive(w.text(text));
            is_never_in_name(x) || (is_month_or_day(x) && !given_names::is_common(x))
        })
    {
        return None;
    }
    // Organisations the KB knows are not people (`NATO`, `White House`).
    if name
        .iter()
        .any(|w| orgs.iter().any(|(o, _)| o.overlaps(w.span)))
    {
        return None;
    }
    let word = |w: &Word| w.text(text);
    let mut surname = name.len() - 1;
    while surname > 0 && is_suffix(word(&name[surname])) {
        surname -= 1;
    }
    if is_suffix(word(&name[surname])) || is_initial(word(&name[surname])) {
        return None;
    }
    // `Under Secretary`, `Deputy Director`: a title, not a name, unless a given name
    // opens it (`Steve King`).
    if is_title_word_here(text, name[surname]) && !(name.len() >= 2 && is_given(text, name[0], kb))
    {
        return None;
    }
    let head = word(&name[0]);
    if name.len() == 1 {
        let w = strip_possessive(head);
        // `May said`: a month is a name only as the subject of a speech verb.
        let after_time_word = start.checked_sub(1).is_some_and(|i| {
            matches!(
                t(i).to_lowercase().as_str(),
                "in" | "on"
                    | "since"
                    | "until"
                    | "by"
                    | "from"
                    | "of"
                    | "last"
                    | "next"
                    | "early"
                    | "late"
                    | "mid"
                    | "during"
                    | "through"
                    | "this"
                    | "that"
            )
        });
        let speaks =
            gap_after(text, ws, start) == " " && speech_after(text, ws, start) && !after_time_word;
        if (is_month_or_day(w) && !speaks && !titled)
            || is_title_like(text, name[0], orgs)
            || (is_capitalised_function_word(w) && !is_month_or_day(w) && !titled)
            || is_dotted_initials(w)
            || w.chars().count() < 2
        {
            return None;
        }
    } else if is_month_or_day(head) && !titled {
        return None;
    }
    let last = start + name.len() - 1;
    let last_text = word(&name[name.len() - 1]);
    let possessive = strip_possessive(last_text) != last_text;
    let end = name[name.len() - 1].span.start + strip_possessive(last_text).len();
    let span = Span::new(name[0].span.start, end);
    let mut parts: Vec<Span> = name.iter().map(|w| w.span).collect();
    if let Some(p) = parts.last_mut() {
        p.end = end;
    }
    let before = start.checked_sub(1).map(t);
    let next_lower = ws
        .get(last + 1)
        .filter(|_| gap_after(text, ws, last).chars().all(|c| c == ' '))
        .map(|w| w.text(text));
    // `Shaw & Company`: part of a firm's name.
    let ampersand = text[span.end..].trim_start().starts_with('&');
    let modifier = name.len() == 1
        && (ampersand
            || next_lower.is_some_and(|n| is_attributive_noun(strip_possessive(n)) && !possessive));
    let sentence_start = is_sentence_start(text, ws, start);
    let before_lower = before.filter(|_| start == s).map(str::to_lowercase);
    Some(NameCand {
        span,
        parts,
        surname,
        possessive,
        honorific: hon,
        titled,
        title: None,
        speech_after: speech_after(text, ws, last),
        appositive: appositive_after(text, ws, last),
        sentence_start,
        after_the: before_lower.as_deref() == Some("the"),
        after_place_preposition: matches!(before_lower.as_deref(), Some("at" | "in")),
        modifier,
        given_evidence: name.len() >= 2 && is_given(text, name[0], kb),
        subject: verb_follows(&text[span.end..]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<(String, bool)> {
        find(t, &[], &[], &Kb::default())
            .into_iter()
            .map(|c| {
                (
                    c.span.slice(t).to_string(),
                    c.is_person() || c.has_person_context(),
                )
            })
            .collect()
    }

    fn people(t: &str) -> Vec<String> {
        find(t, &[], &[], &Kb::default())
            .into_iter()
            .filter(|c| c.is_person())
            .map(|c| c.span.slice(t).to_string())
            .collect()
    }

    #[test]
    fn titles_honorifics_and_qualifiers_stay_outside_the_name() {
        assert_eq!(
            people("Former President Bill Clinton spoke."),
            ["Bill Clinton"]
        );
        assert_eq!(
            people("Yesterday Sen. Ted Cruz (R-Tex.) left."),
            ["Ted Cruz"]
        );
        assert_eq!(
            people("Massachusetts Sen. Elizabeth Warren grilled him."),
            ["Elizabeth Warren"]
        );
        assert_eq!(people("Democrat Hillary Clinton won."), ["Hillary Clinton"]);
        assert_eq!(
            people("Rep. G.K. Butterfield said so."),
            ["G.K. Butterfield"]
        );
    }

    #[test]
    fn title_words_after_a_given_name_are_surnames() {
        assert_eq!(people("Steve King said no."), ["Steve King"]);
        assert_eq!(
            people("Prime Minister John Major resigned."),
            ["John Major"]
        );
        assert_eq!(
            people("Martin Luther King Jr. spoke."),
            ["Martin Luther King Jr"]
        );
    }

    #[test]
    fn bodies_places_and_firms_are_not_people() {
        assert!(people("the Congressional Black Caucus met.").is_empty());
        assert!(people("He joined the Peace Corps.").is_empty());
        assert!(people("The White House said.").is_empty());
        assert!(people("an analyst at Morgan Stanley").is_empty());
        assert!(people("Talks resume in May.").is_empty());
    }

    #[test]
    fn given_names_speech_verbs_and_appositives_are_evidence() {
        assert_eq!(people("Francisco Herrero wrote it."), ["Francisco Herrero"]);
        assert_eq!(
            people("Ashraf Ghani said the talks failed."),
            ["Ashraf Ghani"]
        );
        assert_eq!(people("Kwame Osei, 25, works here."), ["Kwame Osei"]);
        assert!(people("Fargo Wells arrived.").is_empty());
    }

    #[test]
    fn single_words_carry_their_context() {
        let n = names("“No,” Cruz said. Mr. Marcus agreed. The Trump administration balked.");
        assert_eq!(
            n,
            [
                ("No".to_string(), false),
                ("Cruz".to_string(), true),
                ("Marcus".to_string(), true),
                ("Trump".to_string(), false)
            ]
        );
        let c = find("Mr. Marcus agreed.", &[], &[], &Kb::default());
        assert_eq!(c[0].honorific, Some(Pronoun::He));
    }

    #[test]
    fn possessives_end_the_name_and_are_noted() {
        let t = "Donald Trump’s recent gaffe.";
        let c = find(t, &[], &[], &Kb::default());
        assert_eq!(c[0].span.slice(t), "Donald Trump");
        assert!(c[0].possessive);
        assert_eq!(c[0].surname_span().slice(t), "Trump");
    }
}
