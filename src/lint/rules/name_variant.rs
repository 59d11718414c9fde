//! `name-variant`: a name spelled a way the desk does not use: a known wrong spelling
//! from the knowledge base, a name the draft spells two ways, or a near miss of a name.

use super::match_case;
use crate::declare_rule;
use crate::kb::index::{fold, neighbourhood, osa_distance, person_surname};
use crate::kb::{Kb, PersonId};
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::title::is_title_word;
use crate::mentions::{speech_follows, Form, Mention, Target};
use crate::text::{FastMap, Span, SpanIndex};
use std::borrow::Cow;

declare_rule! {
    /// Flags a name spelled differently from the way the desk or the draft spells it.
    ///
    /// ## What it does
    /// Three cases: a spelling the knowledge base lists among a person's or
    /// organisation's `variants` (`Sergey Ryabkov` for `Sergei Ryabkov`); a name the
    /// draft spells two ways (`Ryabkov` and `Ryabkow`: the less used form is flagged,
    /// and a knowledge-base spelling always wins); and a near miss, one letter added,
    /// dropped, changed or swapped in a name of five letters or more, of a name the
    /// knowledge base knows or the draft uses more often (`Grushco` for `Grushko`).
    /// The fix writes the preferred spelling and keeps a possessive `’s`. Inside a
    /// quotation the finding is a hint with no fix: quotes are not rewritten.
    ///
    /// ## Why is this bad?
    /// Misspelled names are the errors readers and sources notice first, and two
    /// spellings make one person look like two.
    ///
    /// ## Example
    /// ```text
    /// Deputy Foreign Minister Alexander Grushko ... Grushco, a former ambassador, said
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Deputy Foreign Minister Alexander Grushko ... Grushko, a former ambassador, said
    /// ```
    pub static META = ("name-variant", Severity::Warning);
}

/// True when `written` is `form` as the index accepts it (exact, ALL CAPS, or a
/// sentence-initial capital on a lower-case alias).
fn spells(written: &str, form: &str) -> bool {
    if written == form || match_case(written, form) == written {
        return true;
    }
    let (mut w, mut f) = (written.chars(), form.chars());
    match (w.next(), f.next()) {
        (Some(a), Some(b)) if b.is_lowercase() && a.to_uppercase().eq(b.to_uppercase()) => {
            w.as_str() == f.as_str()
        }
        _ => false,
    }
}

/// The accepted spellings of a mention's target, preferred first (borrowed from the KB:
/// this runs for every mention).
fn accepted<'k>(kb: &'k Kb, target: &Target) -> Vec<&'k str> {
    match *target {
        Target::Person(id) => {
            let Some(p) = kb.people.get(id) else {
                return Vec::new();
            };
            let mut v = vec![p.name.as_str()];
            v.extend(p.aliases.iter().map(String::as_str));
            v.extend(person_surname(kb, id));
            v
        }
        Target::Organization(id) => {
            let Some(o) = kb.organizations.get(id) else {
                return Vec::new();
            };
            let mut v = vec![o.name.as_str()];
            v.extend(o.full_name.iter().map(String::as_str));
            v.extend(o.aliases.iter().map(String::as_str));
            v.extend(o.demonyms.iter().map(String::as_str));
            v
        }
        _ => Vec::new(),
    }
}

fn finding(cx: &Context, span: Span, inside_quote: bool, preferred: &str, why: String) -> Finding {
    let written = span.slice(cx.text);
    let replacement = match_case(written, preferred);
    if inside_quote {
        return Finding {
            rule: META.id,
            severity: Severity::Hint,
            span,
            message: format!("{why}; inside a quotation, so not changed: check the quote"),
            fixes: Vec::new(),
            related: Vec::new(),
        };
    }
    Finding {
        rule: META.id,
        severity: META.default_severity,
        span,
        message: why,
        fixes: vec![Fix {
            title: format!("Write `{replacement}`"),
            edits: vec![Edit {
                span,
                replacement: replacement.clone(),
            }],
            safe: true,
        }],
        related: Vec::new(),
    }
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    known_variants(cx, out);
    two_spellings(cx, out);
}

/// KB variants, and dash/diacritic variants the index matched loosely.
fn known_variants(cx: &Context, out: &mut Vec<Finding>) {
    for m in &cx.mentions.items {
        if !matches!(m.target, Target::Person(_) | Target::Organization(_))
            || m.form == Form::Pronoun
        {
            continue;
        }
        let written = m.span.slice(cx.text);
        let forms = accepted(cx.kb, &m.target);
        // Exact spellings first: most mentions are one, and `spells` allocates.
        if m.form != Form::Variant
            && (forms.contains(&written) || forms.iter().any(|f| spells(written, f)))
        {
            continue;
        }
        let key = fold(written, true);
        let preferred = forms
            .iter()
            .find(|f| fold(f, true) == key)
            .or_else(|| {
                // A one-word variant stands for the surname, a longer one for the name.
                if written.split_whitespace().count() == 1 {
                    forms.iter().skip(1).find(|f| !f.contains(' '))
                } else {
                    None
                }
            })
            .or(forms.first());
        let Some(preferred) = preferred else { continue };
        let why = format!("`{written}` is not how the desk spells `{preferred}`");
        out.push(finding(cx, m.span, m.inside_quote, preferred, why));
    }
}

/// One occurrence of a capitalised word that may be a name.
struct Word {
    span: Span,
    inside_quote: bool,
}

#[derive(Default)]
struct Tally {
    count: usize,
    first: usize,
    /// Spelled as the KB spells a person's name.
    kb: bool,
    /// Part of a person mention (KB or not), so it can serve as the right spelling.
    person: bool,
    /// The person, when only one KB person uses this word.
    of: Option<PersonId>,
    uses: Vec<Word>,
}

/// Runs of letters that start with a capital, in text order. Bytes for ASCII, chars
/// only where the text is not ASCII: this runs over every byte of the draft, so a run
/// that starts lower-case is skipped without being built.
fn capitalised_words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    // (is alphabetic, length) of the char at `i`, which is on a char boundary.
    let at = move |i: usize| -> (bool, usize) {
        text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8()))
    };
    std::iter::from_fn(move || loop {
        while pos < bytes.len() {
            let b = bytes[pos];
            if b.is_ascii() {
                if b.is_ascii_alphabetic() {
                    break;
                }
                pos += 1;
                continue;
            }
            let (alpha, len) = at(pos);
            if alpha {
                break;
            }
            pos += len;
        }
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let upper = match bytes[pos] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => text[pos..].chars().next().is_some_and(char::is_uppercase),
        };
        while pos < bytes.len() {
            let b = bytes[pos];
            if b.is_ascii() {
                if !b.is_ascii_alphabetic() {
                    break;
                }
                pos += 1;
                continue;
            }
            let (alpha, len) = at(pos);
            if !alpha {
                break;
            }
            pos += len;
        }
        if upper {
            return Some(Span::new(start, pos));
        }
    })
}

fn two_spellings(cx: &Context, out: &mut Vec<Finding>) {
    let mut words: FastMap<String, Tally> = FastMap::default();
    let items = &cx.mentions.items;
    let mut next = 0;
    let regions = cx.article.regions();
    for span in capitalised_words(cx.text) {
        let w = span.slice(cx.text);
        if w.chars().count() < 5 || regions.is_excluded(span) {
            continue;
        }
        while next < items.len() && items[next].span.end <= span.start {
            next += 1;
        }
        let covering: Option<&Mention> = items[next..]
            .iter()
            .take_while(|m| m.span.start <= span.start)
            .find(|m| m.span.covers(span));
        let (person, kb_spelled, of) = match covering {
            Some(m) if m.form == Form::Variant => continue,
            Some(m) => match &m.target {
                Target::Person(id) => (true, true, Some(*id)),
                Target::UnknownPerson(_) => (true, false, None),
                // Organisation and term words are not names to compare.
                _ => continue,
            },
            None => (false, false, None),
        };
        // An ASCII run of letters folds to itself: look it up without allocating.
        let folded: Cow<str> = if w.is_ascii() {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(fold(w, false))
        };
        if !words.contains_key(folded.as_ref()) {
            let tally = Tally {
                first: span.start,
                ..Tally::default()
            };
            words.insert(folded.clone().into_owned(), tally);
        }
        let Some(t) = words.get_mut(folded.as_ref()) else {
            continue;
        };
        t.count += 1;
        t.kb |= kb_spelled;
        t.person |= person;
        t.of = t.of.or(of);
        t.uses.push(Word {
            span,
            inside_quote: regions.in_quote(span),
        });
    }
    let mut names: Vec<(&String, &Tally)> = words.iter().filter(|(_, t)| t.person).collect();
    // First-use order, so that of two equally good right spellings the earlier one is
    // proposed on every run (hash map order differs between runs).
    names.sort_by_key(|(_, t)| t.first);
    // One-deletion neighbourhood of the draft's name words: a near miss shares a key.
    let mut near: FastMap<u64, Vec<usize>> = FastMap::default();
    for (i, (n, _)) in names.iter().enumerate() {
        neighbourhood(&n.to_lowercase(), |h| near.entry(h).or_default().push(i));
    }
    let people = SpanIndex::new(cx.article.people.iter().map(|p| p.span));
    let mut flagged: Vec<(&String, &Tally)> = words.iter().filter(|(_, t)| !t.kb).collect();
    flagged.sort_by_key(|(_, t)| t.first);
    let mut candidates: Vec<usize> = Vec::new();
    for (w, t) in flagged {
        let lw = w.to_lowercase();
        candidates.clear();
        neighbourhood(&lw, |h| {
            candidates.extend(near.get(&h).into_iter().flatten().copied());
        });
        candidates.sort_unstable();
        candidates.dedup();
        let better = candidates
            .iter()
            .map(|&i| names[i])
            .filter(|(r, _)| *r != w)
            .filter(|(_, r)| r.kb || r.count > t.count || (r.count == t.count && r.first < t.first))
            .find(|(r, _)| osa_distance(&r.to_lowercase(), &lw) == 1);
        if let Some((right, r)) = better {
            let why = if r.kb {
                format!("`{w}` looks like a misspelling of `{right}`")
            } else {
                format!(
                    "the draft spells this name `{right}` ({} times) and `{w}`",
                    r.count
                )
            };
            for u in &t.uses {
                let mut f = finding(cx, u.span, u.inside_quote, right, why.clone());
                f.related.push(Related {
                    span: r.uses[0].span,
                    message: format!("`{right}` is used here"),
                });
                out.push(f);
            }
            continue;
        }
        // A near miss of a KB surname the draft never spells right: only where the word
        // reads as a person's name, since a large KB is near many ordinary words.
        if t.person {
            continue;
        }
        // The uses of one word are mostly the same string: ask the index once per spelling.
        let mut asked: Vec<(&str, Vec<PersonId>)> = Vec::new();
        for u in &t.uses {
            if !reads_as_person(cx, &people, u.span, None) {
                continue;
            }
            let written = u.span.slice(cx.text);
            let near = match asked.iter().position(|(s, _)| *s == written) {
                Some(i) => &asked[i].1,
                None => {
                    let near = cx.kb.index.near_surnames(cx.kb, written);
                    asked.push((written, near));
                    &asked[asked.len() - 1].1
                }
            };
            let [id] = near.as_slice() else { continue };
            if !reads_as_person(cx, &people, u.span, Some(*id)) {
                continue;
            }
            let Some(right) = person_surname(cx.kb, *id) else {
                continue;
            };
            let why = format!(
                "`{w}` looks like a misspelling of `{right}` ({})",
                cx.kb.people[*id].name
            );
            out.push(finding(cx, u.span, u.inside_quote, right, why));
        }
    }
}

/// The word follows the person's first name (any capitalised word while `id` is not
/// known yet) or a title word, is followed by a speech verb, or the article parser
/// found a person there.
fn reads_as_person(cx: &Context, people: &SpanIndex, span: Span, id: Option<PersonId>) -> bool {
    let before = cx.text[..span.start].trim_end_matches(' ');
    let prev: &str = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or("");
    let first_name = id
        .and_then(|id| cx.kb.people.get(id))
        .and_then(|p| p.name.split_whitespace().next());
    let first_ok = match first_name {
        Some(f) => prev == f,
        None => prev.starts_with(char::is_uppercase),
    };
    before.len() < span.start && (first_ok || is_title_word(&prev.to_lowercase()))
        || speech_follows(cx.text, span.end)
        || people.any_covers(span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::apply_edits;
    use crate::mentions::testkit::*;

    fn run(text: &str) -> Vec<Finding> {
        let kb = kb(SEED_KB);
        let mut f = check_rule(super::check, text, &article(text), &kb, date("2022-01-12")).1;
        f.sort_by_key(|f| f.span.start);
        f
    }

    fn fixed(text: &str, f: &[Finding]) -> String {
        let edits: Vec<Edit> = f
            .iter()
            .filter_map(|f| f.fixes.first())
            .flat_map(|x| x.edits.clone())
            .collect();
        apply_edits(text, &edits).0
    }

    #[test]
    fn kb_variant_is_fixed_to_the_wire_spelling() {
        let t = "Deputy Foreign Minister Sergey Ryabkov said talks would go on.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(fixed(t, &f), t.replace("Sergey", "Sergei"));
    }

    #[test]
    fn dash_and_accent_variants_of_a_kb_name_are_flagged() {
        let t = "NATO Secretary-General Jéns Stoltenberg arrived.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(
            fixed(t, &f),
            "NATO Secretary-General Jens Stoltenberg arrived."
        );
    }

    #[test]
    fn near_miss_of_a_name_the_draft_uses_keeps_the_possessive() {
        let t = "Alexander Grushko arrived.\n\nGrushko spoke. Grushco’s aides left.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "Grushco");
        assert_eq!(
            fixed(t, &f),
            "Alexander Grushko arrived.\n\nGrushko spoke. Grushko’s aides left."
        );
        assert_eq!(f[0].related[0].span.slice(t), "Grushko");
    }

    #[test]
    fn a_name_spelled_two_ways_flags_the_minority_form() {
        let kb = kb(SEED_KB);
        let t = "Analyst Olga Petrova spoke. Petrova said no.\n\nPetrowa said yes.";
        let mut a = article(t);
        person(t, &mut a, "Olga Petrova", 0);
        let f = check_rule(super::check, t, &a, &kb, date("2022-01-12")).1;
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "Petrowa");
        assert!(
            f[0].message.contains("`Petrova` (2 times)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn ryabkow_beside_the_kb_spelling_is_fixed() {
        let t = "Deputy Foreign Minister Sergei Ryabkov spoke.\n\nRyabkow’s aides said little.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "Ryabkow");
        assert_eq!(fixed(t, &f), t.replace("Ryabkow", "Ryabkov"));
    }

    #[test]
    fn near_miss_of_a_kb_name_needs_person_context() {
        let t = "Jens Stoltenbreg said the door was open.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Stoltenberg");
        // Not a person here: a place-like word one edit from a surname stays.
        let t = "The Peskow river flooded.";
        assert!(run(t).is_empty());
    }

    #[test]
    fn inside_a_quote_only_a_hint_without_fix() {
        let t = "Alexander Grushko arrived. “Grushco is right,” Grushko's aide said.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
        assert!(f[0].fixes.is_empty());
    }

    #[test]
    fn correct_and_distinct_names_are_not_flagged() {
        let t = "Russia and Russian troops: Jens Stoltenberg met Mark Rutte and Alexander Fomin.";
        assert!(run(t).is_empty());
    }

    #[test]
    fn seed_is_clean_and_seeded_errors_are_found() {
        let kb = kb(SEED_KB);
        let a = seed_article();
        let f = check_rule(super::check, SEED, &a, &kb, date("2022-01-12")).1;
        assert!(f.is_empty(), "{f:#?}");
        let t = SEED.replace("Sergei Ryabkov", "Sergey Ryabkov");
        let f = check_rule(super::check, &t, &a, &kb, date("2022-01-12")).1;
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Sergei Ryabkov");
        let second = SEED
            .match_indices("Grushko")
            .nth(2)
            .map(|(i, _)| i)
            .unwrap();
        let t = format!("{}Grushco{}", &SEED[..second], &SEED[second + 7..]);
        let f = check_rule(super::check, &t, &a, &kb, date("2022-01-12")).1;
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].span.start, second);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Grushko");
    }
}
