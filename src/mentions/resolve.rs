//! Who each mention is: the one place that decides it, for every rule, hover,
//! completion, rename, references and the quote speakers.
//!
//! The evidence, in the order a copy editor weighs it:
//! 1. **Full names first.** Every full name the draft writes is an entity, known to the KB
//!    or not. A KB person matches only on a full name, a recorded alias or a recorded
//!    variant; homonyms are told apart by the title written with the name and the
//!    article's date, and stay unknown when nothing tells them apart.
//! 2. **Surnames link to the person the draft introduced**: the nearest earlier full name
//!    with that surname (an honorific's sex or a title narrowing it), else a full name
//!    later in the draft when the word reads as a person's (a title, a speech verb).
//!    A word the draft uses as someone's given name is never a surname reference.
//! 3. **A surname the draft never gives in full** is a KB person only when the title
//!    before it selects exactly one holder on the article's date (`Sen. Cruz`,
//!    `President Obama`); otherwise it is a person of the draft's own, or nothing.
//! 4. **Pronoun speakers** go to the most recent compatible person: in the nearest
//!    sentence that names one, the person who speaks there, else its first person;
//!    compatibility from the KB's pronouns, an honorific, a gendered title word or the
//!    given name.

use super::names::NameCand;
use super::office::{self, Fit, RoleWords, Stated};
use super::{Form, LocalParagraph, Mention, Resolution, Target, TitleRef};
use crate::article::words::pronoun_of;
use crate::article::{Article, Pronoun, SpeakerKind};
use crate::date::Date;
use crate::kb::index::{fold, Entry, OrgForm, PersonForm};
use crate::kb::{Kb, OrgId, PersonId};
use crate::text::{FastMap, Span};

/// A paragraph's local results placed in the text.
pub(super) struct Placed<'a> {
    pub offset: usize,
    pub local: &'a LocalParagraph,
}

/// Who a quotation's speaker is, as the resolver decided.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SpeakerLink {
    /// Index into `Article::quotes`.
    pub quote: usize,
    /// The full name of the person (or the organisation's name) the speaker is.
    pub name: String,
    /// Where the draft introduces them (their first full mention, or the antecedent of
    /// a pronoun).
    pub span: Span,
    pub paragraph: Option<usize>,
    pub target: Target,
}

/// One person the draft talks about.
#[derive(Clone, Debug)]
struct Entity {
    target: Target,
    /// The full name to show: the KB's preferred name, or the draft's first full form.
    display: String,
    surname: String,
    given: Option<String>,
    pronoun: Option<Pronoun>,
    /// Start offsets of full-name mentions, in text order.
    full_at: Vec<usize>,
    /// Only the draft's other uses of the surname made it a person (no given name,
    /// title, honorific or KB entry): not enough to link a surname written before it.
    weak: bool,
}

fn key(s: &str) -> String {
    fold(s.trim_end_matches(['’', '\'']), true)
}

fn shift(c: &NameCand, by: usize) -> NameCand {
    let mut c = c.clone();
    c.span = c.span.shift(by);
    for p in &mut c.parts {
        *p = p.shift(by);
    }
    if let Some(t) = &mut c.title {
        t.span = t.span.shift(by);
    }
    c
}

/// The pronoun a title word implies (`spokeswoman`, `Congressman`).
fn title_pronoun(t: &TitleRef) -> Option<Pronoun> {
    let lower = t.text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    if words.iter().any(|w| {
        w.ends_with("woman") || matches!(*w, "mrs" | "ms" | "miss" | "queen" | "princess" | "lady")
    }) {
        Some(Pronoun::She)
    } else if words.iter().any(|w| {
        (w.ends_with("man") && *w != "woman")
            || matches!(*w, "mr" | "king" | "prince" | "lord" | "sir")
    }) {
        Some(Pronoun::He)
    } else {
        None
    }
}

struct Cx<'a> {
    text: &'a str,
    kb: &'a Kb,
    date: Date,
    orgs: Vec<(Span, OrgId)>,
    role_words: RoleWords<'a>,
}

impl<'a> Cx<'a> {
    fn stated(&self, t: &TitleRef) -> Stated {
        let spans: Vec<Span> = self
            .orgs
            .iter()
            .filter(|(s, _)| t.span.covers(*s))
            .map(|(s, _)| *s)
            .collect();
        Stated::of(t, &spans)
    }

    /// KB people `name` names by a full name, alias or variant.
    fn kb_full(&self, name: &str) -> Vec<(PersonId, Form)> {
        let mut out: Vec<(PersonId, Form)> = Vec::new();
        for e in self.kb.index.lookup(self.kb, name) {
            if let Entry::Person { id, form, .. } = e {
                let form = match form {
                    PersonForm::FullName => Form::FullName,
                    PersonForm::Alias => Form::Alias,
                    PersonForm::Variant => Form::Variant,
                    PersonForm::Surname => continue,
                };
                if !out.iter().any(|(i, _)| *i == id) {
                    out.push((id, form));
                }
            }
        }
        out
    }

    /// The KB person a full-name candidate is, if the KB knows exactly one.
    fn match_full(&mut self, c: &NameCand) -> Option<(PersonId, Form)> {
        let text = self.text;
        let written = c.span.slice(text);
        let mut found = self.kb_full(written);
        if found.is_empty() && c.parts.len() > 2 {
            // `Donald J. Trump`, `Hillary Rodham Clinton`: given name and surname.
            let short = format!(
                "{} {}",
                c.parts[0].slice(text),
                c.surname_span().slice(text)
            );
            found = self.kb_full(&short);
        }
        match found.len() {
            0 => None,
            1 => Some(found[0]),
            _ => self.choose(&found, c.title.as_ref()),
        }
    }

    /// Homonyms: the one whose role the title names on the date, else the only one
    /// holding any role then; none when still ambiguous.
    fn choose(
        &mut self,
        found: &[(PersonId, Form)],
        title: Option<&TitleRef>,
    ) -> Option<(PersonId, Form)> {
        let (kb, date) = (self.kb, self.date);
        if let Some(t) = title {
            let stated = self.stated(t);
            let fits: Vec<(PersonId, Form)> = found
                .iter()
                .copied()
                .filter(|&(id, _)| {
                    kb.people[id].roles.iter().any(|r| {
                        kb.holds(id, r, date)
                            && office::fit(kb, r, &stated, &mut self.role_words) == Fit::Names
                    })
                })
                .collect();
            if let [one] = fits.as_slice() {
                return Some(*one);
            }
        }
        let active: Vec<(PersonId, Form)> = found
            .iter()
            .copied()
            .filter(|&(id, _)| kb.people[id].roles.iter().any(|r| kb.holds(id, r, date)))
            .collect();
        match active.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Whether a title may be one of the person's (any role with its words).
    fn title_may_fit(&mut self, id: PersonId, t: &TitleRef) -> bool {
        let kb = self.kb;
        let stated = self.stated(t);
        stated.head().is_none()
            || kb.people[id]
                .roles
                .iter()
                .any(|r| office::fit(kb, r, &stated, &mut self.role_words) != Fit::Unrelated)
    }

    /// The one KB person with this surname whose role the title names on the date.
    fn by_title(&mut self, surname: &str, t: &TitleRef) -> Option<PersonId> {
        let (kb, date) = (self.kb, self.date);
        let stated = self.stated(t);
        stated.head()?;
        let mut hit = None;
        for &id in kb.people_with_surname(surname) {
            let fits = kb.people[id].roles.iter().any(|r| {
                kb.holds(id, r, date)
                    && office::fit(kb, r, &stated, &mut self.role_words) == Fit::Names
            });
            if fits {
                if hit.is_some() {
                    return None;
                }
                hit = Some(id);
            }
        }
        hit
    }
}

/// Resolves every person mention of the draft and the quotations' speakers; adds the
/// organisation and term mentions of the KB hits.
pub(super) fn resolve(
    text: &str,
    article: &Article,
    kb: &Kb,
    date: Date,
    paragraphs: &[Placed],
) -> (Vec<Mention>, Vec<SpeakerLink>) {
    let mut items: Vec<Mention> = Vec::new();
    let mut orgs: Vec<(Span, OrgId)> = Vec::new();
    let mut cands: Vec<NameCand> = Vec::new();
    let mut kb_people_hits: Vec<(Span, bool, PersonId, Form, Option<TitleRef>)> = Vec::new();
    for p in paragraphs {
        for lh in p.local.hits.iter() {
            let span = lh.hit.span.shift(p.offset);
            let mut term = None;
            let mut org = None;
            let mut person = None;
            for e in &lh.hit.entries {
                match *e {
                    Entry::Org { id, form, .. } => {
                        org.get_or_insert((id, form));
                    }
                    Entry::Term { group, form } => {
                        let exact = e.text(kb) == span.slice(text);
                        match term {
                            Some((g, _, false)) if g == group && exact => {
                                term = Some((group, form, true))
                            }
                            None => term = Some((group, form, exact)),
                            _ => {}
                        }
                    }
                    Entry::Person { id, form, .. } if form != PersonForm::Surname => {
                        person.get_or_insert((id, form));
                    }
                    Entry::Person { .. } => {}
                }
            }
            let base = |target, form| Mention {
                span,
                target,
                form,
                possessive: lh.hit.possessive,
                inside_quote: false,
                paragraph: None,
                title: None,
                resolution: Resolution::Named,
            };
            if let Some((id, form)) = person {
                let f = match form {
                    PersonForm::Alias => Form::Alias,
                    PersonForm::Variant => Form::Variant,
                    _ => Form::FullName,
                };
                let title = lh.title.clone().map(|mut t| {
                    t.span = t.span.shift(p.offset);
                    t
                });
                kb_people_hits.push((span, lh.hit.possessive, id, f, title));
            } else if let Some((id, form)) = org {
                orgs.push((span, id));
                let form = match form {
                    OrgForm::Name | OrgForm::FullName => Form::FullName,
                    OrgForm::Alias | OrgForm::Demonym => Form::Alias,
                    OrgForm::Variant => Form::Variant,
                };
                items.push(base(Target::Organization(id), form));
            }
            if let Some((group, form, _)) = term {
                items.push(base(Target::Term(group, form), Form::FullName));
            }
        }
        cands.extend(p.local.names.iter().map(|c| shift(c, p.offset)));
    }
    orgs.sort();
    let mut cx = Cx {
        text,
        kb,
        date,
        orgs,
        role_words: RoleWords::default(),
    };

    // Named speakers count as person context for the words they cover.
    let speaker_spans: Vec<Span> = article
        .quotes
        .iter()
        .filter_map(|q| q.attribution.as_ref())
        .filter(|a| a.speaker.kind == SpeakerKind::Named)
        .map(|a| a.speaker.span)
        .collect();
    let is_speaker = |s: Span| speaker_spans.iter().any(|sp| sp.covers(s));

    // Surnames the draft itself uses alone as a person's (`Bush said`, `Mr. Bush`):
    // evidence that a full name ending in one is a person's too (`Jeb Bush`).
    let used_alone: std::collections::HashSet<String> = cands
        .iter()
        .filter(|c| {
            !c.is_full()
                && !c.modifier
                && (c.titled || c.honorific.is_some() || (c.speech_after && !c.after_the))
        })
        .map(|c| key(c.span.slice(text)))
        .collect();
    // A KB full name at the start of a longer capitalised run (`Donald Trump Praises
    // Breitbart` in a title-case headline) is the name; the rest is not.
    for c in cands.iter_mut().filter(|c| c.parts.len() > 2) {
        let inside = kb_people_hits.iter().find(|(s, ..)| {
            s.start == c.span.start && s.end < c.span.end && c.parts.iter().any(|p| p.end == s.end)
        });
        if let Some(&(s, ..)) = inside {
            c.parts.retain(|p| p.end <= s.end);
            c.surname = c.parts.len() - 1;
            c.span = s;
            c.possessive = false;
        }
    }

    // 1. Full names.
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_target: FastMap<Target, usize> = FastMap::default();
    let mut by_full_key: FastMap<(String, String), usize> = FastMap::default();
    let mut people_spans: Vec<Span> = Vec::new();
    let mut person_items: Vec<(Mention, usize, bool)> = Vec::new(); // (mention, entity, source)
    for c in cands.iter().filter(|c| c.is_full()) {
        let kb_match = cx.match_full(c);
        // Only inside a body sentence: a headline capitalises every word, and a
        // sentence capitalises its first (`Hacker Guccifer`, `Maybe Trump`).
        let in_body_sentence = !c.sentence_start
            && article
                .paragraph_at(c.span.start)
                .is_some_and(|p| article.paragraphs[p].kind == crate::article::PartKind::Body);
        let surname_alone = used_alone.contains(&key(c.surname_span().slice(text)))
            && in_body_sentence
            && !c.after_the
            && !c.after_place_preposition;
        if !c.is_person() && kb_match.is_none() && !surname_alone {
            continue;
        }
        let surname = key(c.surname_span().slice(text));
        let given = key(c.parts[0].slice(text));
        let (target, form) = match kb_match {
            Some((id, form)) => (Target::Person(id), form),
            None => {
                let k = (given.clone(), surname.clone());
                let target = match by_full_key.get(&k) {
                    Some(&e) => entities[e].target.clone(),
                    None => Target::UnknownPerson(c.span.slice(text).to_string()),
                };
                (target, Form::FullName)
            }
        };
        let e = *by_target.entry(target.clone()).or_insert_with(|| {
            let (display, pronoun) = match &target {
                Target::Person(id) => (kb.people[*id].name.clone(), kb.people[*id].pronouns),
                _ => (c.span.slice(text).to_string(), None),
            };
            entities.push(Entity {
                target: target.clone(),
                display,
                surname: surname.clone(),
                given: Some(given.clone()),
                pronoun,
                full_at: Vec::new(),
                weak: kb_match.is_none() && !c.given_evidence && !c.titled && c.honorific.is_none(),
            });
            entities.len() - 1
        });
        by_full_key.entry((given.clone(), surname)).or_insert(e);
        let ent = &mut entities[e];
        ent.full_at.push(c.span.start);
        if ent.pronoun.is_none() {
            ent.pronoun = c
                .honorific
                .or_else(|| c.title.as_ref().and_then(title_pronoun))
                .or_else(|| super::given_names::pronoun_hint(c.parts[0].slice(text)));
        }
        people_spans.push(c.span);
        person_items.push((
            Mention {
                span: c.span,
                target,
                form,
                possessive: c.possessive,
                inside_quote: false,
                paragraph: None,
                title: c.title.clone(),
                resolution: Resolution::Named,
            },
            e,
            c.speech_after || is_speaker(c.span),
        ));
    }
    // KB full names the capitalisation scan did not take (`JENS STOLTENBERG` in a
    // caption, a name glued to punctuation).
    people_spans.sort();
    for (span, possessive, id, form, title) in kb_people_hits {
        if super::overlaps_sorted(&people_spans, span) || !span.slice(text).contains(' ') {
            continue;
        }
        let target = Target::Person(id);
        let e = *by_target.entry(target.clone()).or_insert_with(|| {
            let p = &kb.people[id];
            entities.push(Entity {
                target: target.clone(),
                display: p.name.clone(),
                surname: kb.surname(id).map(key).unwrap_or_default(),
                given: crate::kb::given_name_of(&p.name).map(key),
                pronoun: p.pronouns,
                full_at: Vec::new(),
                weak: false,
            });
            entities.len() - 1
        });
        entities[e].full_at.push(span.start);
        person_items.push((
            Mention {
                span,
                target,
                form,
                possessive,
                inside_quote: false,
                paragraph: None,
                title,
                resolution: Resolution::Named,
            },
            e,
            is_speaker(span),
        ));
    }
    for e in &mut entities {
        e.full_at.sort_unstable();
    }
    let mut by_surname: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, e) in entities.iter().enumerate() {
        if !e.surname.is_empty() {
            by_surname.entry(e.surname.clone()).or_default().push(i);
        }
    }
    let given_words: std::collections::HashSet<String> = entities
        .iter()
        .filter_map(|e| e.given.clone())
        .filter(|g| !by_surname.contains_key(g))
        .collect();

    // 2–3. Single words.
    let mut local: FastMap<String, usize> = FastMap::default();
    for c in cands.iter().filter(|c| !c.is_full()) {
        if c.modifier {
            continue;
        }
        let written = c.span.slice(text);
        let k = key(written);
        let context = c.has_person_context() || is_speaker(c.span);
        if given_words.contains(&k) && !by_surname.contains_key(&k) {
            continue;
        }
        let mut resolution = None;
        let mut entity = None;
        if let Some(list) = by_surname.get(&k) {
            let compatible = |e: &Entity| match (c.honorific, e.pronoun) {
                (Some(h), Some(p)) => h == p,
                _ => true,
            };
            // The entity whose latest full mention is the nearest before.
            let mut before: Vec<(usize, usize)> = list
                .iter()
                .filter(|&&e| compatible(&entities[e]))
                .filter_map(|&e| {
                    let at = &entities[e].full_at;
                    let i = at.partition_point(|&o| o < c.span.start);
                    i.checked_sub(1).map(|i| (at[i], e))
                })
                .collect();
            before.sort_unstable();
            if let Some(&(_, e)) = before.last() {
                let others = before.len() > 1;
                // Two people of that surname introduced: ambiguous unless a title
                // names one of them.
                // A title none of the KB person's roles has words for: someone else.
                let title_clash = c.title.as_ref().is_some_and(|t| match entities[e].target {
                    Target::Person(id) => !cx.title_may_fit(id, t),
                    _ => false,
                });
                let chosen = if title_clash {
                    None
                } else if others {
                    c.title.as_ref().and_then(|t| {
                        let stated = cx.stated(t);
                        let fitting: Vec<usize> = before
                            .iter()
                            .map(|&(_, e)| e)
                            .filter(|&e| match entities[e].target {
                                Target::Person(id) => kb.people[id].roles.iter().any(|r| {
                                    office::fit(kb, r, &stated, &mut cx.role_words) == Fit::Names
                                }),
                                _ => false,
                            })
                            .collect();
                        (fitting.len() == 1).then(|| fitting[0])
                    })
                } else {
                    Some(e)
                };
                match chosen {
                    Some(e) => {
                        entity = Some(e);
                        resolution = Some(Resolution::Antecedent);
                    }
                    None => {
                        entity = Some(e);
                        resolution = Some(Resolution::Ambiguous);
                    }
                }
            } else if (context || c.subject || !c.sentence_start)
                && (c.titled
                    || c.honorific.is_some()
                    || !(c.after_the || c.after_place_preposition))
            {
                // Introduced in full only later in the draft (the word reads as a
                // person's: a title, a speech verb, a verb after it); the later full name
                // must be a person's on its own evidence, and a title must fit them.
                let after: Vec<usize> = list
                    .iter()
                    .copied()
                    .filter(|&e| {
                        compatible(&entities[e])
                            && !entities[e].weak
                            && match (&entities[e].target, &c.title) {
                                (Target::Person(id), Some(t)) => cx.title_may_fit(*id, t),
                                _ => true,
                            }
                    })
                    .collect();
                if let [e] = after.as_slice() {
                    entity = Some(*e);
                    resolution = Some(Resolution::Later);
                }
            }
        }
        if entity.is_none() {
            if let Some(id) = c.title.as_ref().and_then(|t| cx.by_title(written, t)) {
                let target = Target::Person(id);
                let e = *by_target.entry(target.clone()).or_insert_with(|| {
                    let p = &kb.people[id];
                    entities.push(Entity {
                        target: target.clone(),
                        display: p.name.clone(),
                        surname: k.clone(),
                        given: None,
                        pronoun: p.pronouns,
                        full_at: Vec::new(),
                        weak: false,
                    });
                    entities.len() - 1
                });
                entity = Some(e);
                resolution = Some(Resolution::Title);
            }
        }
        if entity.is_none() {
            if let Some(&e) = local.get(&k) {
                entity = Some(e);
                resolution = Some(Resolution::Local);
            } else if context {
                let target = Target::UnknownPerson(written.to_string());
                entities.push(Entity {
                    target: target.clone(),
                    display: written.to_string(),
                    surname: k.clone(),
                    given: None,
                    pronoun: c
                        .honorific
                        .or_else(|| c.title.as_ref().and_then(title_pronoun)),
                    full_at: Vec::new(),
                    weak: true,
                });
                let e = entities.len() - 1;
                by_target.insert(target, e);
                local.insert(k.clone(), e);
                entity = Some(e);
                resolution = Some(Resolution::Local);
            }
        }
        let (Some(e), Some(resolution)) = (entity, resolution) else {
            continue;
        };
        if entities[e].pronoun.is_none() {
            entities[e].pronoun = c.honorific;
        }
        person_items.push((
            Mention {
                span: c.span,
                target: entities[e].target.clone(),
                form: Form::Surname,
                possessive: c.possessive,
                inside_quote: false,
                paragraph: None,
                title: c.title.clone(),
                resolution,
            },
            e,
            c.speech_after || is_speaker(c.span),
        ));
    }
    person_items.sort_by_key(|(m, _, _)| (m.span.start, m.span.end));

    // 4. Speakers.
    let regions = article.regions();
    let mut links = Vec::new();
    let mut pronoun_items = Vec::new();
    let sentence_of = |offset: usize| -> Option<(usize, usize)> {
        let pi = article.paragraph_at(offset)?;
        let s = article.paragraphs[pi]
            .sentences
            .iter()
            .position(|s| s.start <= offset && offset < s.end.max(s.start + 1))
            .unwrap_or(0);
        Some((pi, s))
    };
    for (qi, q) in article.quotes.iter().enumerate() {
        let Some(a) = &q.attribution else { continue };
        let sp = &a.speaker;
        match sp.kind {
            SpeakerKind::Named => {
                let found = person_items
                    .iter()
                    .rfind(|(m, _, _)| m.span.overlaps(sp.span));
                if let Some((m, e, _)) = found {
                    let ent = &entities[*e];
                    let first = ent.full_at.first().map_or(m.span, |&s| {
                        person_items
                            .iter()
                            .find(|(x, _, _)| x.span.start == s)
                            .map_or(m.span, |(x, _, _)| x.span)
                    });
                    links.push(SpeakerLink {
                        quote: qi,
                        name: ent.display.clone(),
                        span: first,
                        paragraph: article.paragraph_at(first.start),
                        target: ent.target.clone(),
                    });
                } else if let Some(&(span, id)) = cx.orgs.iter().find(|(s, _)| s.overlaps(sp.span))
                {
                    links.push(SpeakerLink {
                        quote: qi,
                        name: kb.organizations[id].name.clone(),
                        span,
                        paragraph: article.paragraph_at(span.start),
                        target: Target::Organization(id),
                    });
                }
            }
            SpeakerKind::Pronoun => {
                let Some(p) = pronoun_of(sp.text.as_str()) else {
                    continue;
                };
                let Some((pi, si)) = sentence_of(sp.span.start) else {
                    continue;
                };
                let fits = |e: &Entity| match (p, e.pronoun) {
                    (Pronoun::They, Some(Pronoun::They)) => true,
                    (Pronoun::They, _) => false,
                    (_, Some(q)) => q == p,
                    (_, None) => true,
                };
                // Candidates before the pronoun, outside quotations, within the
                // paragraph and the two before it.
                let end = person_items.partition_point(|(m, _, _)| m.span.start < sp.span.start);
                let mut best: Option<(usize, usize, bool, usize)> = None; // (para, sentence, source, index)
                for (i, (m, e, source)) in person_items[..end].iter().enumerate().rev() {
                    if regions.in_quote(m.span) || q.span.covers(m.span) {
                        continue;
                    }
                    let Some((mp, ms)) = sentence_of(m.span.start) else {
                        continue;
                    };
                    if mp + 2 < pi {
                        break;
                    }
                    if !fits(&entities[*e]) {
                        continue;
                    }
                    match best {
                        None => best = Some((mp, ms, *source, i)),
                        Some((bp, bs, bsrc, _)) if (bp, bs) == (mp, ms) => {
                            // Same sentence: the speaker wins, else the earlier (subject).
                            if *source || !bsrc {
                                best = Some((mp, ms, *source || bsrc, i));
                            }
                        }
                        Some(_) => break,
                    }
                }
                let _ = si;
                if let Some((_, _, _, i)) = best {
                    let (m, e, _) = &person_items[i];
                    let ent = &entities[*e];
                    links.push(SpeakerLink {
                        quote: qi,
                        name: ent.display.clone(),
                        span: m.span,
                        paragraph: article.paragraph_at(m.span.start),
                        target: ent.target.clone(),
                    });
                    pronoun_items.push(Mention {
                        span: sp.span,
                        target: ent.target.clone(),
                        form: Form::Pronoun,
                        possessive: false,
                        inside_quote: false,
                        paragraph: None,
                        title: None,
                        resolution: Resolution::Pronoun,
                    });
                }
            }
            SpeakerKind::Description => {}
        }
    }
    items.extend(person_items.into_iter().map(|(m, _, _)| m));
    pronoun_items.dedup_by_key(|m| m.span);
    items.extend(pronoun_items);
    (items, links)
}
