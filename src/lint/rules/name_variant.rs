//! `name-variant`: a name spelled two ways. Either the knowledge base records the
//! spelling as a known wrong one for the person it names, or the draft itself spells one
//! name two ways, one of them much less often.

use super::match_case;
use crate::article::words::{is_capitalised_function_word, is_title_word};
use crate::declare_rule;
use crate::kb::index::{fold, neighbourhood, osa_distance};
use crate::kb::Kb;
use crate::lint::{Context, Edit, Finding, Fix, Provenance, Related, Severity};
use crate::mentions::office::{self, Fit, RoleWords, Stated};
use crate::mentions::{Form, Mention, Target};
use crate::text::{FastMap, Span};

declare_rule! {
    /// Flags a name spelled differently from the way the draft or the desk spells it.
    ///
    /// ## What it does
    /// Three cases, each on evidence a copy editor would accept:
    ///
    /// - **A recorded misspelling.** The knowledge base lists the spelling among the
    ///   `variants` of the person or organisation it names (`Sergey Ryabkov` for the
    ///   wire's `Sergei Ryabkov`), or the draft writes a KB name with other accents or
    ///   dashes.
    /// - **One name, two spellings in the draft.** The draft writes a proper name one
    ///   way and, less often, another way one letter off (a letter added, dropped,
    ///   changed or two swapped, inside a name of five letters or more: `Rukban` ×12 and
    ///   `Rubkan` ×2, `Garrett` and `Garett`), or in a known transliteration
    ///   (`Zelensky`/`Zelenskiy`/`Zelenskyy`, `Sergei`/`Sergey`). Both spellings must be
    ///   used as names (capitalised inside a sentence), start with the same letter and
    ///   differ inside the word rather than by an ending (`Marco`/`Marcos`,
    ///   `Saeed`/`Saeedi`, `Clinton`/`Clintons` are different words); two people the draft
    ///   introduces with different given names (`Jim Marcus`, `Ferdinand Marcos`) are
    ///   two people, not one misspelt.
    /// - **A near miss of a KB person with the same given name and title.** The draft
    ///   writes `NATO Secretary-General Jens Stoltenbreg`: same given name, a surname one
    ///   letter off, and a title the KB person held on the article's date.
    ///
    /// What the knowledge base does not know is never an error: a name near an
    /// unrelated KB name is not flagged.
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
    ///
    /// ## Fix
    /// Writes the other spelling, keeping a possessive `’s`. Applied by `--fix` only when
    /// the draft itself uses the right spelling clearly more often (or the KB confirms
    /// it and the draft writes it too); a spelling taken from the KB alone is a
    /// suggestion to pick. Inside a quotation the finding is a hint with no fix: quotes
    /// are not rewritten.
    pub static META = ("name-variant", Severity::Warning);
}

fn finding(
    cx: &Context,
    span: Span,
    inside_quote: bool,
    preferred: &str,
    why: String,
    provenance: Provenance,
) -> Finding {
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
    let fix = Fix::new(
        cx.text,
        format!("Write `{replacement}`"),
        vec![Edit {
            span,
            replacement: replacement.clone(),
        }],
        provenance,
    );
    Finding {
        rule: META.id,
        severity: META.default_severity,
        span,
        message: why,
        fixes: vec![fix],
        related: Vec::new(),
    }
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    known_variants(cx, out);
    two_spellings(cx, out);
    kb_near_misses(cx, out);
}

/// The accepted spellings of a mention's target, preferred first.
fn accepted<'k>(kb: &'k Kb, target: &Target) -> Vec<&'k str> {
    match *target {
        Target::Person(id) => {
            let Some(p) = kb.people.get(id) else {
                return Vec::new();
            };
            let mut v = vec![p.name.as_str()];
            v.extend(p.aliases.iter().map(String::as_str));
            v.extend(kb.surname(id));
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

/// KB variants of resolved mentions, and accent/dash variants the index matched loosely.
fn known_variants(cx: &Context, out: &mut Vec<Finding>) {
    for m in &cx.mentions.items {
        if !matches!(m.target, Target::Person(_) | Target::Organization(_))
            || matches!(m.form, Form::Pronoun | Form::Surname)
            || !m.resolution.is_confident()
        {
            continue;
        }
        let written = m.span.slice(cx.text);
        let forms = accepted(cx.kb, &m.target);
        if m.form != Form::Variant {
            // A KB name written with other accents or dashes is a variant only when the
            // draft also writes it the KB's way: outlets differ on diacritics, and a
            // middle name or initial (`Donald J. Trump`) is no misspelling.
            let squeezed = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let w = squeezed(written);
            if forms.iter().any(|f| *f == w || spells(&w, f)) {
                continue;
            }
            let key = fold(&w, true);
            let Some(kb_form) = forms.iter().find(|f| fold(f, true) == key) else {
                continue;
            };
            let elsewhere = Edit {
                span: m.span,
                replacement: kb_form.to_string(),
            };
            if !crate::lint::fix::in_draft_elsewhere(cx.text, &elsewhere) {
                continue;
            }
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
        let why = match m.form {
            Form::Variant => format!(
                "`{written}` is recorded in the knowledge base as a misspelling of `{preferred}`"
            ),
            _ => format!("`{written}` is not how the knowledge base spells `{preferred}`"),
        };
        out.push(finding(
            cx,
            m.span,
            m.inside_quote,
            preferred,
            why,
            Provenance::Draft,
        ));
    }
}

/// How one capitalised word is used at one place.
struct Use {
    span: Span,
    inside_quote: bool,
    sentence_start: bool,
    /// A capitalised word is glued before or after it (`Peace Corps`, `New York`),
    /// unless it is the word's own person name.
    in_compound: bool,
    /// The person mention it is part of, and whether it is that mention's surname.
    person: Option<(Target, bool)>,
    /// When it opens a full name: the surname that follows (`Mario` in `Mario Rubio`).
    given_of: Option<String>,
    /// A verb follows it: the subject of its sentence.
    subject: bool,
}

#[derive(Default)]
struct Tally {
    uses: Vec<Use>,
    /// The KB spells a person's or organisation's name this way.
    kb: bool,
}

impl Tally {
    fn count(&self) -> usize {
        self.uses.len()
    }

    fn first(&self) -> usize {
        self.uses.first().map_or(usize::MAX, |u| u.span.start)
    }

    /// Read as a name somewhere: a person mention, a capital inside a sentence, or the
    /// subject of a verb (`Clinotn is`), so not only a word opening a sentence.
    fn name_use(&self) -> bool {
        self.mid_sentence() || self.as_person() || self.uses.iter().any(|u| u.subject)
    }

    /// Capitalised inside a sentence somewhere, so not only for opening one.
    fn mid_sentence(&self) -> bool {
        self.uses.iter().any(|u| !u.sentence_start)
    }

    fn as_person(&self) -> bool {
        self.uses.iter().any(|u| u.person.is_some())
    }

    /// Every use is a standalone name (never part of a longer capitalised name that is
    /// not a person's).
    fn standalone(&self) -> bool {
        self.uses
            .iter()
            .all(|u| !u.in_compound || u.person.is_some())
    }

    /// The surnames this spelling opens as a given name; `None` when it is never used
    /// as one.
    fn given_of(&self) -> Option<Vec<&String>> {
        let v: Vec<&String> = self
            .uses
            .iter()
            .filter_map(|u| u.given_of.as_ref())
            .collect();
        (!v.is_empty()).then_some(v)
    }

    /// Given names of the full-name people this spelling is the surname of.
    fn people(&self) -> Vec<&Target> {
        let mut v: Vec<&Target> = self
            .uses
            .iter()
            .filter_map(|u| u.person.as_ref())
            .filter(|(_, surname)| *surname)
            .map(|(t, _)| t)
            .collect();
        v.dedup();
        v
    }
}

/// Runs of letters that start with a capital, in text order.
fn capitalised_words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = iter.next()?;
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = iter.peek() {
            if !n.is_alphabetic() {
                break;
            }
            end = i + n.len_utf8();
            iter.next();
        }
        if c.is_uppercase() {
            return Some(Span::new(start, end));
        }
    })
}

/// Folds the spellings transliteration varies on, so `Zelensky`, `Zelenskiy` and
/// `Zelenskyy`, or `Sergei` and `Sergey`, meet: doubled letters once, a final `iy`/`yy`
/// as `y`, `ey` as `ei`.
fn transliteration_key(lower: &str) -> String {
    let mut s = String::with_capacity(lower.len());
    let mut prev = None;
    for c in lower.chars() {
        if Some(c) != prev {
            s.push(c);
        }
        prev = Some(c);
    }
    let mut s = s.replace("ey", "ei");
    for (from, to) in [("iy", "y"), ("yi", "y"), ("ii", "y")] {
        if s.ends_with(from) {
            s.truncate(s.len() - from.len());
            s.push_str(to);
        }
    }
    s
}

/// Where two spellings one edit apart differ: false when the only difference is at the
/// first or the last letter (a different word or an ending, not a slip of the keys).
fn differs_inside(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix >= 1 && suffix >= 1
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

fn two_spellings(cx: &Context, out: &mut Vec<Finding>) {
    let regions = cx.article.regions();
    let items = &cx.mentions.items;
    let mut words: FastMap<String, Tally> = FastMap::default();
    let sentence_starts: Vec<usize> = cx
        .article
        .paragraphs
        .iter()
        .flat_map(|p| {
            if p.sentences.is_empty() {
                vec![p.span.start]
            } else {
                p.sentences.iter().map(|s| s.start).collect()
            }
        })
        .collect();
    let starts_sentence = |span: Span| {
        let i = sentence_starts.partition_point(|&s| s <= span.start);
        i.checked_sub(1).is_some_and(|i| {
            let lead = &cx.text[sentence_starts[i]..span.start];
            !lead.chars().any(char::is_alphanumeric)
        })
    };
    let spans: Vec<Span> = capitalised_words(cx.text).collect();
    let mut next = 0;
    for (k, &span) in spans.iter().enumerate() {
        let w = span.slice(cx.text);
        if w.chars().count() < 5 || regions.is_excluded(span) {
            continue;
        }
        if cx.article.paragraph_at(span.start).is_none() {
            continue;
        }
        while next < items.len() && items[next].span.end <= span.start {
            next += 1;
        }
        let covering: Option<&Mention> = items[next..]
            .iter()
            .take_while(|m| m.span.start <= span.start)
            .find(|m| m.span.covers(span) && m.form != Form::Pronoun);
        let person = match covering {
            Some(m) if m.form == Form::Variant => continue,
            Some(m) => match &m.target {
                Target::Person(_) | Target::UnknownPerson(_) => {
                    let surname = m.span.end == span.end
                        || m.span.slice(cx.text)[span.end - m.span.start..]
                            .trim_start_matches([' ', '.', ','])
                            .split_whitespace()
                            .all(|w| matches!(w.trim_end_matches('.'), "Jr" | "Sr" | "II" | "III"));
                    Some((m.target.clone(), surname))
                }
                // Organisation and term words are not names to compare.
                _ => continue,
            },
            None => None,
        };
        // A capitalised neighbour makes it part of a longer name (`Peace Corps`,
        // `New York`); a sentence opener, a title or a given name before it does not.
        let glued = |other: Option<&Span>, before: bool| {
            other.is_some_and(|o| {
                let gap = if before {
                    &cx.text[o.end..span.start]
                } else {
                    &cx.text[span.end..o.start]
                };
                let w = o.slice(cx.text);
                gap == " "
                    && !(before
                        && (is_capitalised_function_word(w)
                            || is_title_word(w)
                            || starts_sentence(*o)
                            || crate::mentions::given_names::is_common(w)))
            })
        };
        // `Osama bin Laden`: a particle and a capitalised word after it make it the
        // first word of a longer name.
        let particle_after = {
            let rest = &cx.text[span.end..];
            let mut it = rest.split_whitespace();
            rest.starts_with(' ')
                && it
                    .next()
                    .is_some_and(crate::article::words::is_name_particle)
                && it.next().is_some_and(|w| w.starts_with(char::is_uppercase))
        };
        let in_compound = glued(k.checked_sub(1).and_then(|p| spans.get(p)), true)
            || glued(spans.get(k + 1), false)
            || particle_after;
        let kb_spelled = covering.is_some_and(|m| matches!(m.target, Target::Person(_)));
        let given_of = covering
            .filter(|m| m.form == Form::FullName && m.span.start == span.start)
            .and_then(|m| m.span.slice(cx.text).split_whitespace().last())
            .map(|s| fold(s, true));
        let t = words.entry(fold(w, false)).or_default();
        t.kb |= kb_spelled;
        t.uses.push(Use {
            span,
            inside_quote: regions.in_quote(span),
            sentence_start: starts_sentence(span),
            in_compound,
            person,
            given_of,
            subject: crate::mentions::names::verb_follows(&cx.text[span.end..])
                || cx.text[span.end..].starts_with("’s ")
                || cx.text[span.end..].starts_with("'s "),
        });
    }
    let mut names: Vec<(&String, &Tally)> = words.iter().filter(|(_, t)| t.name_use()).collect();
    names.sort_by_key(|(_, t)| t.first());
    let mut near: FastMap<u64, Vec<usize>> = FastMap::default();
    let mut translit: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, (n, _)) in names.iter().enumerate() {
        let lower = n.to_lowercase();
        neighbourhood(&lower, |h| near.entry(h).or_default().push(i));
        translit
            .entry(transliteration_key(&lower))
            .or_default()
            .push(i);
    }
    let mut candidates: Vec<usize> = Vec::new();
    for (bi, &(b, bt)) in names.iter().enumerate() {
        let lb = b.to_lowercase();
        candidates.clear();
        neighbourhood(&lb, |h| {
            candidates.extend(near.get(&h).into_iter().flatten().copied());
        });
        let tkey = transliteration_key(&lb);
        candidates.extend(translit.get(&tkey).into_iter().flatten().copied());
        candidates.sort_unstable();
        candidates.dedup();
        let right = candidates
            .iter()
            .filter(|&&ai| ai != bi)
            .map(|&ai| names[ai])
            .find(|&(a, at)| same_name(cx, (a, at), (b, bt), &tkey));
        let Some((a, at)) = right else { continue };
        let clear = at.count() >= 2 * bt.count() && at.count() >= 2;
        let why = if at.kb {
            format!(
                "the draft spells this name `{a}` ({}, as the knowledge base does) and `{b}` ({})",
                times(at.count()),
                times(bt.count())
            )
        } else {
            format!(
                "the draft spells this name `{a}` ({}) and `{b}` ({})",
                times(at.count()),
                times(bt.count())
            )
        };
        let provenance = if clear || at.kb {
            Provenance::Draft
        } else {
            Provenance::Suggestion
        };
        for u in &bt.uses {
            let mut f = finding(cx, u.span, u.inside_quote, a, why.clone(), provenance);
            f.related.push(Related {
                span: at.uses[0].span,
                message: format!("`{a}` is used here"),
            });
            out.push(f);
        }
    }
}

/// Whether `b` is a misspelling of the name `a` the draft also writes (see the rule's
/// docs for the evidence).
fn same_name(
    cx: &Context,
    (a, at): (&String, &Tally),
    (b, bt): (&String, &Tally),
    bkey: &str,
) -> bool {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    if la == lb || la.chars().next() != lb.chars().next() {
        return false;
    }
    // Given names: the same person only when both open the same surname
    // (`Mario Rubio` beside `Marco Rubio`); a given name and a surname are two words.
    match (at.given_of(), bt.given_of()) {
        (Some(ga), Some(gb)) => {
            if !ga.iter().any(|g| gb.contains(g)) {
                return false;
            }
        }
        (None, None) => {}
        _ => return false,
    }
    let transliteration = transliteration_key(&la) == bkey;
    if !(transliteration || osa_distance(&la, &lb) == 1 && differs_inside(&la, &lb)) {
        return false;
    }
    // `a` must be the better-attested spelling.
    let better = !bt.kb
        && (at.kb
            || at.count() > bt.count()
            || (at.count() == bt.count() && introduced_first(cx, at, bt)));
    if !better {
        return false;
    }
    // Both used as names of the same kind: a person's surname and a word in a person's
    // context, or two standalone names (a place: `Rukban`).
    // A name that is no person's (a place) needs a clear majority: `Americans` twice
    // beside `Americas` once is two words.
    let kinds_agree = if at.as_person() {
        bt.standalone()
    } else {
        at.standalone()
            && bt.standalone()
            && !bt.as_person()
            && at.count() >= 3 * bt.count()
            && cx.kb.org_by_name(a).is_none()
            && cx.kb.org_by_name(b).is_none()
    };
    if !kinds_agree {
        return false;
    }
    // Two people the draft introduces with their own given names are two people.
    let (pa, pb) = (at.people(), bt.people());
    if !pa.is_empty() && !pb.is_empty() && pa.iter().all(|t| !pb.contains(t)) {
        let given = |t: &Target| -> Option<String> {
            cx.mentions
                .of(t)
                .find(|m| m.form == Form::FullName)
                .and_then(|m| {
                    m.span
                        .slice(cx.text)
                        .split_whitespace()
                        .next()
                        .map(str::to_string)
                })
        };
        let ga: Vec<Option<String>> = pa.iter().map(|t| given(t)).collect();
        let gb: Vec<Option<String>> = pb.iter().map(|t| given(t)).collect();
        let (ga, gb): (Vec<&String>, Vec<&String>) =
            (ga.iter().flatten().collect(), gb.iter().flatten().collect());
        if !ga.is_empty() && !gb.is_empty() && ga.iter().all(|g| !gb.contains(g)) {
            return false;
        }
    }
    true
}

/// Of two spellings used equally often, the one used in a full name when the other
/// never is.
fn introduced_first(_cx: &Context, at: &Tally, bt: &Tally) -> bool {
    let full = |t: &Tally| {
        t.uses
            .iter()
            .filter(|u| u.person.as_ref().is_some_and(|(_, s)| *s))
            .map(|u| u.span.start)
            .min()
    };
    matches!((full(at), full(bt)), (Some(_), None))
}

/// `NATO Secretary-General Jens Stoltenbreg`: an unknown full name with a KB person's
/// given name, a surname one letter off, and a title that person held on the date.
fn kb_near_misses(cx: &Context, out: &mut Vec<Finding>) {
    let mut role_words = RoleWords::default();
    let mut seen: Vec<&Target> = Vec::new();
    for m in &cx.mentions.items {
        let Target::UnknownPerson(_) = &m.target else {
            continue;
        };
        let (Form::FullName, Some(title)) = (m.form, &m.title) else {
            continue;
        };
        let written = m.span.slice(cx.text);
        let mut words = written.split_whitespace();
        let (Some(given), Some(surname)) = (words.next(), written.split_whitespace().last()) else {
            continue;
        };
        let surname = surname.trim_end_matches([',', '.']);
        let org_spans: Vec<Span> = cx
            .mentions
            .within(title.span)
            .filter(|o| matches!(o.target, Target::Organization(_)))
            .map(|o| o.span)
            .collect();
        let stated = Stated::of(title, &org_spans);
        let near: Vec<_> = cx
            .kb
            .index
            .near_surnames(cx.kb, surname)
            .into_iter()
            .filter(|&id| {
                let p = &cx.kb.people[id];
                p.name.split_whitespace().next() == Some(given)
                    && cx.kb.surname(id).is_some_and(|s| {
                        let (ls, lw) = (s.to_lowercase(), surname.to_lowercase());
                        ls.chars().next() == lw.chars().next() && differs_inside(&ls, &lw)
                    })
                    && p.roles.iter().any(|r| {
                        cx.kb.holds(id, r, cx.date)
                            && office::fit(cx.kb, r, &stated, &mut role_words) == Fit::Names
                    })
            })
            .collect();
        let [id] = near.as_slice() else { continue };
        if seen.contains(&&m.target) {
            continue;
        }
        seen.push(&m.target);
        let right = cx.kb.surname(*id).unwrap_or_default();
        let p = &cx.kb.people[*id];
        let why = format!(
            "`{surname}` looks like a misspelling of `{right}`: {} was {} on {}",
            p.name, title.text, cx.date
        );
        let at = m.span.start + written.rfind(surname).unwrap_or(0);
        let span = Span::new(at, at + surname.len());
        out.push(finding(
            cx,
            span,
            m.inside_quote,
            right,
            why,
            Provenance::Suggestion,
        ));
    }
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

    fn flagged(text: &str) -> Vec<String> {
        run(text)
            .iter()
            .map(|f| f.span.slice(text).to_string())
            .collect()
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
    fn a_recorded_misspelling_is_flagged_and_safe_only_when_the_draft_spells_it_right() {
        let t = "Deputy Foreign Minister Sergey Ryabkov said talks would go on.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("recorded in the knowledge base"));
        assert_eq!(fixed(t, &f), t.replace("Sergey", "Sergei"));
        assert!(
            !f[0].fixes[0].safe,
            "the KB's spelling alone is a suggestion"
        );
        let t = "Sergei Ryabkov arrived.\n\nLater Sergey Ryabkov said talks would go on.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].fixes[0].safe,
            "the draft writes the right spelling too"
        );
    }

    #[test]
    fn accents_differing_from_the_kb_are_flagged_only_beside_the_kb_spelling() {
        // Outlets differ on diacritics: alone, the draft's own choice stands.
        assert!(run("NATO Secretary-General Jéns Stoltenberg arrived.").is_empty());
        let t = "Jens Stoltenberg spoke.\n\nNATO Secretary-General Jéns Stoltenberg arrived.";
        let f = run(t);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(fixed(t, &f), t.replace("Jéns", "Jens"));
        // A middle initial is no misspelling.
        assert!(run("Alexander V. Grushko arrived.").is_empty());
    }

    #[test]
    fn a_surname_misspelt_once_beside_the_right_spelling_keeps_the_possessive() {
        let t = "Alexander Grushko arrived.\n\nGrushko spoke. Later Grushco’s aides left.";
        let f = run(t);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].span.slice(t), "Grushco");
        assert_eq!(fixed(t, &f), t.replace("Grushco", "Grushko"));
        assert!(f[0].fixes[0].safe);
        assert_eq!(f[0].related[0].span.slice(t), "Grushko");
        assert!(
            f[0].message.contains("`Grushko` (twice"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_place_spelled_two_ways_is_caught_by_the_draft_itself() {
        let t = "Aid reached the Rukban camp. Families in Rukban waited. \
                 Guards at Rukban left.\n\nA convoy for Rubkan was stopped.";
        assert_eq!(flagged(t), ["Rubkan"]);
    }

    #[test]
    fn a_dropped_letter_in_a_person_named_in_full_is_caught() {
        let t = "Coach Maria Garrett said the team was ready. Garrett smiled.\n\n\
                 The players like Garett, one of them said.";
        assert_eq!(flagged(t), ["Garett"]);
    }

    #[test]
    fn a_transliteration_beside_the_usual_spelling_is_caught() {
        let t = "President Volodymyr Zelensky spoke. Zelensky left.\n\nLater Zelenskiy returned.";
        assert_eq!(flagged(t), ["Zelenskiy"]);
    }

    #[test]
    fn different_words_and_different_people_are_not_misspellings() {
        // Two people introduced with their own given names.
        assert!(
            flagged("Jim Marcus met Ferdinand Marcos. Marcus said no. Marcus left.").is_empty()
        );
        // A different first letter, or a different ending, is another name.
        assert!(flagged("Tom Watson met Anna Batson. Watson left. Watson sat.").is_empty());
        assert!(flagged("Omar Saeed spoke. Saeed left. Later Hamid Saeedi came.").is_empty());
        assert!(flagged("Hillary Clinton spoke. Clinton left. The Clintons came.").is_empty());
        // A word capitalised only because it opens a sentence is not a name.
        assert!(
            flagged("Anna White spoke. White left. White sat.\n\nWhile it rained, she left.")
                .is_empty()
        );
        // A word of a longer proper name is not a person's name.
        assert!(flagged("Mike Pence spoke. Pence left. He praised the Peace Corps.").is_empty());
    }

    #[test]
    fn inside_a_quote_only_a_hint_without_fix() {
        let t = "Alexander Grushko arrived. Grushko sat. “Grushco is right,” an aide said.";
        let f = run(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
        assert!(f[0].fixes.is_empty());
    }

    #[test]
    fn a_kb_near_miss_needs_the_same_given_name_and_a_title_held_on_the_date() {
        let t = "NATO Secretary-General Jens Stoltenbreg said the door was open.";
        let f = run(t);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Stoltenberg");
        assert!(!f[0].fixes[0].safe);
        // No title: a stranger with a similar name, not a misspelling.
        assert!(run("Jens Stoltenbreg said the door was open.").is_empty());
        // Another given name: another person.
        assert!(run("Local teacher Tom Rutte said hello.").is_empty());
    }

    #[test]
    fn seed_is_clean_and_planted_errors_are_found() {
        let kb = kb(SEED_KB);
        let a = seed_article();
        let f = check_rule(super::check, SEED, &a, &kb, date("2022-01-12")).1;
        assert!(f.is_empty(), "{f:#?}");
        let second = SEED
            .match_indices("Grushko")
            .nth(2)
            .map(|(i, _)| i)
            .unwrap();
        let t = format!("{}Grushco{}", &SEED[..second], &SEED[second + 7..]);
        let a = crate::article::parse(&t, &Default::default(), &kb);
        let f = check_rule(super::check, &t, &a, &kb, date("2022-01-12")).1;
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].span.start, second);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Grushko");
    }
}
