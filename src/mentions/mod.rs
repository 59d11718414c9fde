//! Mentions of KB people, organisations and house-style terms in a draft, with the title
//! phrases linked to each person, and surname/pronoun references linked back.

pub(crate) mod given_names;
pub(crate) mod names;
pub mod office;
pub(crate) mod resolve;
#[cfg(test)]
pub(crate) mod testkit;
pub(crate) mod title;

pub use resolve::SpeakerLink;

use crate::article::{Article, PartKind};
use crate::date::Date;
use crate::kb::index::{Entry, Hit, PersonForm};
use crate::kb::{Kb, OrgId, PersonId};
use crate::memo::{relative_spans, SliceMemo};
use crate::text::Span;
use serde::Serialize;
use std::sync::Arc;

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "id")]
pub enum Target {
    Person(PersonId),
    Organization(OrgId),
    /// Index into `Kb::terms`, with the form index written.
    Term(usize, usize),
    /// A capitalised person name the KB does not know, as written in its full form.
    UnknownPerson(String),
}

/// How the mention is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    FullName,
    Surname,
    Alias,
    /// A known wrong spelling.
    Variant,
    /// A pronoun that attributes a quotation.
    Pronoun,
}

/// A title phrase attached to a person mention ("NATO Secretary-General").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TitleRef {
    pub span: Span,
    pub text: String,
    /// The organisation named in the title, if any ("NATO", "Russian").
    pub org: Option<OrgId>,
    /// Every organisation named in the title, in order ("U.S. envoy to NATO").
    pub orgs: Vec<OrgId>,
    /// former / outgoing / acting / then-
    pub qualifier: Option<String>,
}

/// The evidence a person mention was resolved by (see [`resolve`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The full name, a recorded alias or a recorded variant is written here; for an
    /// organisation or term, the KB form.
    Named,
    /// A surname whose person the draft introduced in full earlier.
    Antecedent,
    /// A surname whose person the draft introduces in full only later.
    Later,
    /// A surname the draft never gives in full, with a title that selects the one KB
    /// person holding it on the article's date (`Sen. Cruz`).
    Title,
    /// A surname the draft never gives in full: a person of the draft's own.
    Local,
    /// A surname two people the draft introduced share, with nothing to tell them apart:
    /// linked to the nearest, and never evidence for a rule.
    Ambiguous,
    /// A pronoun speaker linked to the most recent compatible person.
    Pronoun,
}

impl Resolution {
    /// Whether a rule may act on who this mention is.
    pub fn is_confident(self) -> bool {
        !matches!(self, Resolution::Ambiguous | Resolution::Pronoun)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub target: Target,
    pub form: Form,
    pub possessive: bool,
    pub inside_quote: bool,
    pub paragraph: Option<usize>,
    pub title: Option<TitleRef>,
    pub resolution: Resolution,
}

impl Mention {
    pub fn person(&self) -> Option<PersonId> {
        match self.target {
            Target::Person(id) => Some(id),
            _ => None,
        }
    }

    /// True for people, known or not.
    pub fn is_person(&self) -> bool {
        matches!(self.target, Target::Person(_) | Target::UnknownPerson(_))
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Mentions {
    /// In text order.
    pub items: Vec<Mention>,
    /// Who each attributed quotation's speaker is (quotations the resolver could tie to
    /// a person or organisation), in quotation order.
    pub speakers: Vec<SpeakerLink>,
}

impl Mentions {
    /// Writes the resolver's speakers into the article's quotations: the resolver is the
    /// one place that decides who a speaker is. A speaker it could not tie to anyone
    /// keeps its words and has no resolved name.
    pub fn apply_speakers(&self, article: &mut Article) {
        let mut links = self.speakers.iter().peekable();
        for (qi, q) in article.quotes.iter_mut().enumerate() {
            let Some(a) = &mut q.attribution else {
                continue;
            };
            while links.peek().is_some_and(|l| l.quote < qi) {
                links.next();
            }
            let sp = &mut a.speaker;
            match links.peek().filter(|l| l.quote == qi) {
                Some(l) => {
                    sp.resolved = Some(l.name.clone());
                    sp.resolved_span = Some(l.span);
                    sp.resolved_paragraph = l.paragraph;
                }
                None => {
                    sp.resolved = None;
                    sp.resolved_span = None;
                    sp.resolved_paragraph = None;
                }
            }
        }
    }

    /// The mention covering `offset` (a person or org before a term at the same place).
    pub fn at(&self, offset: usize) -> Option<&Mention> {
        let i = self.items.partition_point(|m| m.span.end <= offset);
        self.items[i.min(self.items.len())..]
            .iter()
            .take_while(|m| m.span.start <= offset)
            .find(|m| m.span.contains(offset))
            .or_else(|| self.items.iter().find(|m| m.span.contains(offset)))
    }

    /// Every mention with the same target as `target`.
    pub fn of<'a>(&'a self, target: &Target) -> impl Iterator<Item = &'a Mention> + 'a {
        let target = target.clone();
        self.items.iter().filter(move |m| m.target == target)
    }

    /// Mentions overlapping `span`.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &Mention> + '_ {
        self.items.iter().filter(move |m| m.span.overlaps(span))
    }

    /// Mentions lying wholly inside `span`, found by binary search (items are in order).
    pub fn within(&self, span: Span) -> impl Iterator<Item = &Mention> + '_ {
        let i = self.items.partition_point(|m| m.span.start < span.start);
        self.items[i..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| span.covers(m.span))
    }

    /// Each target's mentions in text order, in one pass.
    pub fn by_target(&self) -> std::collections::HashMap<&Target, Vec<&Mention>> {
        let mut map: std::collections::HashMap<&Target, Vec<&Mention>> =
            std::collections::HashMap::new();
        for m in &self.items {
            map.entry(&m.target).or_default().push(m);
        }
        map
    }

    /// The first mention of `target` in a body paragraph outside quotations: the first
    /// reference in wire style (headlines and captions do not count).
    pub fn first_in_body<'a>(&'a self, target: &Target, article: &Article) -> Option<&'a Mention> {
        self.items
            .iter()
            .find(|m| &m.target == target && !m.inside_quote && in_body(m, article))
    }

    /// Each person (known or not) once, in order of first mention.
    pub fn people(&self) -> Vec<&Target> {
        let mut seen = std::collections::HashSet::new();
        self.items
            .iter()
            .filter(|m| m.is_person() && seen.insert(&m.target))
            .map(|m| &m.target)
            .collect()
    }
}

/// True when `span` overlaps one of `sorted` (ordered by start, at most a few
/// overlapping each other, as mentions and name hits are).
pub(crate) fn overlaps_sorted(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.start < span.end);
    sorted[..i].iter().rev().take(4).any(|s| s.overlaps(span))
}

/// True when the mention lies in a body paragraph.
pub fn in_body(m: &Mention, article: &Article) -> bool {
    m.paragraph
        .and_then(|p| article.paragraphs.get(p))
        .is_some_and(|p| p.kind == PartKind::Body)
}

/// A KB hit found in one paragraph, with the title phrase around it when it names a
/// person: both read that paragraph alone, offsets relative to it.
#[derive(Clone)]
pub struct LocalHit {
    hit: Hit,
    title: Option<TitleRef>,
}

/// What one paragraph gives on its own: its KB hits and the names it writes.
pub struct LocalParagraph {
    hits: Vec<LocalHit>,
    names: Vec<names::NameCand>,
}

/// Memo of [`LocalParagraph`]s, for incremental re-analysis. Valid for one KB:
/// clear it when the KB changes.
pub struct MentionsMemo {
    hits: SliceMemo<Arc<LocalParagraph>>,
}

impl MentionsMemo {
    pub fn new() -> Self {
        MentionsMemo {
            hits: SliceMemo::new(),
        }
    }

    /// Stores nothing: a one-shot analysis.
    pub fn off() -> Self {
        MentionsMemo {
            hits: SliceMemo::off(),
        }
    }

    pub fn sweep(&mut self) {
        self.hits.sweep();
    }

    pub fn clear(&mut self) {
        self.hits.clear();
    }

    pub fn stats(&self) -> (u64, u64) {
        self.hits.stats()
    }
}

impl Default for MentionsMemo {
    fn default() -> Self {
        MentionsMemo::new()
    }
}

/// What a hit names first: an organisation, or a person by a full form.
fn anchor(entries: &[Entry]) -> Option<Entry> {
    entries.iter().copied().find(|e| match e {
        Entry::Org { .. } => true,
        Entry::Person { form, .. } => *form != PersonForm::Surname,
        Entry::Term { .. } => false,
    })
}

/// The KB hits and names of one paragraph `text` outside its `excluded` parts, each
/// person with its title phrase (titles never reach outside the paragraph).
fn paragraph_local(text: &str, kb: &Kb, excluded: &[Span]) -> LocalParagraph {
    let hits: Vec<Hit> = kb
        .index
        .find(kb, text)
        .into_iter()
        .filter(|h| !overlaps_excluded(excluded, h.span))
        .collect();
    let mut orgs: Vec<(Span, OrgId)> = Vec::new();
    let mut people_spans: Vec<Span> = Vec::new();
    for h in &hits {
        match anchor(&h.entries) {
            Some(Entry::Org { id, .. }) => orgs.push((h.span, id)),
            Some(Entry::Person { .. }) => people_spans.push(h.span),
            _ => {}
        }
    }
    let names = names::find(text, excluded, &orgs, kb);
    let hits =
        hits.into_iter()
            .map(|hit| {
                let person = hit.entries.iter().any(
                    |e| matches!(e, Entry::Person { form, .. } if *form != PersonForm::Surname),
                );
                let title = person
                    .then(|| {
                        title::before(text, hit.span.start, hit.span.end, 0, &orgs, &people_spans)
                            .or_else(|| {
                                title::after(text, hit.span.end, text.len(), &orgs, &people_spans)
                            })
                    })
                    .flatten();
                LocalHit { hit, title }
            })
            .collect();
    LocalParagraph { hits, names }
}

/// Finds every mention, resolved for the article's own date (or today).
pub fn find(text: &str, article: &Article, kb: &Kb) -> Mentions {
    let date = article.date.as_ref().map_or_else(Date::today, |d| d.date);
    find_on(text, article, kb, date)
}

/// Finds every mention, resolving titles against `date`.
pub fn find_on(text: &str, article: &Article, kb: &Kb, date: Date) -> Mentions {
    find_with(text, article, kb, date, &mut MentionsMemo::off())
}

/// [`find_on`], reusing what `memo` holds for unchanged paragraphs. Names are found
/// inside paragraphs: a name never runs across a paragraph break.
pub fn find_with(
    text: &str,
    article: &Article,
    kb: &Kb,
    date: Date,
    memo: &mut MentionsMemo,
) -> Mentions {
    let excluded = merged(&article.excluded);
    let mut found: Vec<(usize, Arc<LocalParagraph>)> = Vec::with_capacity(article.paragraphs.len());
    for p in &article.paragraphs {
        if matches!(
            p.kind,
            PartKind::Byline | PartKind::Credits | PartKind::Trailer
        ) {
            continue;
        }
        let (key, local) = relative_spans(&excluded, p.span);
        let slice = p.span.slice(text);
        let local = memo
            .hits
            .get_or(slice, &key, || Arc::new(paragraph_local(slice, kb, &local)));
        found.push((p.span.start, local));
    }
    let placed: Vec<resolve::Placed> = found
        .iter()
        .map(|(offset, local)| resolve::Placed {
            offset: *offset,
            local,
        })
        .collect();
    let (mut items, speakers) = resolve::resolve(text, article, kb, date, &placed);
    let regions = article.regions();
    for m in &mut items {
        m.inside_quote = regions.in_quote(m.span);
        m.paragraph = article.paragraph_at(m.span.start);
    }
    items.sort_by_key(|m| (m.span.start, m.span.end));
    Mentions { items, speakers }
}

/// Excluded regions sorted and merged, so each lookup checks one neighbour.
fn merged(spans: &[Span]) -> Vec<Span> {
    let mut v = spans.to_vec();
    v.sort();
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

fn overlaps_excluded(merged: &[Span], span: Span) -> bool {
    let i = merged.partition_point(|s| s.start < span.end);
    i > 0 && merged[i - 1].overlaps(span)
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;

    fn person_id(kb: &Kb, id: &str) -> Target {
        Target::Person(kb.person_by_id(id).expect("person in test KB"))
    }

    #[test]
    fn title_before_name_with_org_from_name_or_demonym() {
        let kb = kb(SEED_KB);
        let t = "NATO Secretary-General Jens Stoltenberg received Russian Deputy Foreign Minister Alexander Grushko on Monday.";
        let m = find(t, &article(t), &kb);
        let stol = m
            .of(&person_id(&kb, "jens-stoltenberg"))
            .next()
            .expect("Stoltenberg");
        let title = stol.title.as_ref().expect("title");
        assert_eq!(title.text, "NATO Secretary-General");
        assert_eq!(title.org, kb.org_by_id("nato"));
        let gr = m
            .of(&person_id(&kb, "alexander-grushko"))
            .next()
            .expect("Grushko");
        let title = gr.title.as_ref().expect("title");
        assert_eq!(title.text, "Russian Deputy Foreign Minister");
        assert_eq!(title.org, kb.org_by_id("russia"));
    }

    #[test]
    fn lowercase_title_words_and_connectors_join_the_run() {
        let kb = kb(SEED_KB);
        let t = "Moscow has dismissed concerns and Kremlin spokesperson Dmitry Peskov said so. US Deputy Secretary of State Wendy Sherman agreed.";
        let m = find(t, &article(t), &kb);
        let p = m
            .of(&person_id(&kb, "dmitry-peskov"))
            .next()
            .expect("Peskov");
        assert_eq!(
            p.title.as_ref().map(|t| t.text.as_str()),
            Some("Kremlin spokesperson")
        );
        let s = m
            .of(&person_id(&kb, "wendy-sherman"))
            .next()
            .expect("Sherman");
        let title = s.title.as_ref().expect("title");
        assert_eq!(title.text, "US Deputy Secretary of State");
        assert_eq!(title.org, kb.org_by_id("us"));
    }

    #[test]
    fn appositive_title_after_a_surname_with_qualifier() {
        let kb = kb(SEED_KB);
        let t = "Alexander Grushko arrived.\n\nGrushko, a former Russian ambassador to NATO, has said Russia wants calm.";
        let m = find(t, &article(t), &kb);
        let g: Vec<_> = m.of(&person_id(&kb, "alexander-grushko")).collect();
        assert_eq!(g.len(), 2);
        assert_eq!(g[1].form, Form::Surname);
        let title = g[1].title.as_ref().expect("appositive");
        assert_eq!(title.text, "Russian ambassador to NATO");
        assert_eq!(title.qualifier.as_deref(), Some("former"));
        assert_eq!(
            title.orgs,
            vec![
                kb.org_by_id("russia").unwrap(),
                kb.org_by_id("nato").unwrap()
            ]
        );
    }

    #[test]
    fn title_phrases_stop_at_dashes_conjunctions_and_other_names() {
        let kb = kb(SEED_KB);
        let title_of = |t: &str| {
            find(t, &article(t), &kb)
                .items
                .iter()
                .find(|m| m.is_person() && m.span.slice(t).ends_with("Stoltenberg"))
                .and_then(|m| m.title.as_ref().map(|x| x.text.clone()))
        };
        assert_eq!(
            title_of("The host was not - NATO Secretary-General Jens Stoltenberg said so."),
            Some("NATO Secretary-General".into())
        );
        assert_eq!(
            title_of("Alexander Grushko and Secretary-General Jens Stoltenberg met."),
            Some("Secretary-General".into())
        );
        assert_eq!(title_of("Analysts said Jens Stoltenberg would stay."), None);
    }

    #[test]
    fn no_title_from_a_sentence_opener_or_a_clause() {
        let kb = kb(SEED_KB);
        let t = "On Tuesday Jens Stoltenberg said no. Jens Stoltenberg, who arrived late, left.";
        let m = find(t, &article(t), &kb);
        assert!(m
            .items
            .iter()
            .filter(|m| m.is_person())
            .all(|m| m.title.is_none()));
    }

    #[test]
    fn then_qualifier_glued_to_the_title() {
        let kb = kb(SEED_KB);
        let t = "It was then-NATO Secretary-General Jens Stoltenberg who spoke.";
        let m = find(t, &article(t), &kb);
        let s = m
            .of(&person_id(&kb, "jens-stoltenberg"))
            .next()
            .expect("person");
        let title = s.title.as_ref().expect("title");
        assert_eq!(title.text, "NATO Secretary-General");
        assert_eq!(title.qualifier.as_deref(), Some("then-"));
    }

    #[test]
    fn a_kb_surname_is_a_person_only_when_the_draft_introduces_them() {
        let kb = kb(r#"
[[person]]
id = "theresa-may"
name = "Theresa May"
"#);
        // A month, and a surname the draft never ties to the KB's Theresa May.
        let t = "Talks resume in May. The president in May said she would attend.";
        let m = find(t, &article(t), &kb);
        assert!(m.items.iter().all(|m| !m.is_person()), "{:#?}", m.items);
        let t = "Theresa May arrived.\n\nTalks resume in May. May said she would attend.";
        let m = find(t, &article(t), &kb);
        let people: Vec<_> = m.items.iter().filter(|m| m.is_person()).collect();
        assert_eq!(people.len(), 2, "{people:#?}");
        assert_eq!(people[1].span.start, t.rfind("May said").unwrap());
        assert_eq!(people[1].resolution, Resolution::Antecedent);
    }

    #[test]
    fn quotes_excluded_regions_paragraphs_and_possessives() {
        let kb = kb(SEED_KB);
        let t = "Jens Stoltenberg spoke.\n\n“Stoltenberg’s plan is wrong,” Dmitry Peskov said.";
        let mut a = article(t);
        let m = find(t, &a, &kb);
        let s: Vec<_> = m.of(&person_id(&kb, "jens-stoltenberg")).collect();
        assert_eq!(s.len(), 2);
        assert!(!s[0].inside_quote && s[1].inside_quote);
        assert!(s[1].possessive);
        assert_eq!((s[0].paragraph, s[1].paragraph), (Some(0), Some(1)));
        a.excluded.push(Span::new(0, 16));
        let m = find(t, &a, &kb);
        assert!(m.items.iter().all(|x| x.span.start >= 16));
    }

    #[test]
    fn pronoun_speakers_link_to_the_resolved_person() {
        let kb = kb(SEED_KB);
        let t = "Kremlin spokesperson Dmitry Peskov spoke.\n\n“We are not negotiating from a position of strength,” he said.";
        let mut a = article(t);
        pronoun_speaker(t, &mut a, 0, "he", "Dmitry Peskov");
        let m = find(t, &a, &kb);
        let p: Vec<_> = m.of(&person_id(&kb, "dmitry-peskov")).collect();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].form, Form::Pronoun);
        assert_eq!(p[1].span.slice(t), "he");
    }

    #[test]
    fn unknown_people_and_their_surnames() {
        let kb = kb(SEED_KB);
        let t = "Analyst Olga Petrova said talks failed.\n\nPetrova added that Petrova’s view was common.";
        let mut a = article(t);
        person(t, &mut a, "Olga Petrova", 0);
        let m = find(t, &a, &kb);
        let target = Target::UnknownPerson("Olga Petrova".into());
        let forms: Vec<_> = m.of(&target).map(|m| (m.form, m.possessive)).collect();
        assert_eq!(
            forms,
            [
                (Form::FullName, false),
                (Form::Surname, false),
                (Form::Surname, true)
            ]
        );
        assert_eq!(m.people(), vec![&target]);
    }

    #[test]
    fn terms_and_org_aliases_share_a_span_and_at_finds_them() {
        let kb = kb(SEED_KB);
        let t = "the U.S.-led alliance and the OSCE";
        let m = find(t, &article(t), &kb);
        let us: Vec<_> = m
            .overlapping(Span::new(4, 8))
            .map(|m| m.target.clone())
            .collect();
        assert_eq!(us.len(), 2);
        assert!(matches!(us[0], Target::Organization(_)));
        assert!(matches!(us[1], Target::Term(1, 0)));
        assert!(matches!(
            m.at(t.find("OSCE").unwrap() + 1).map(|m| &m.target),
            Some(Target::Organization(_))
        ));
    }

    #[test]
    fn seed_article_mentions() {
        let kb = kb(SEED_KB);
        let a = seed_article();
        let m = find(SEED, &a, &kb);
        let stol = person_id(&kb, "jens-stoltenberg");
        let all: Vec<_> = m.of(&stol).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0].title.as_ref().map(|t| t.text.as_str()),
            Some("NATO Secretary General")
        );
        let first = m.first_in_body(&stol, &a).expect("body mention");
        assert_eq!(
            first.title.as_ref().map(|t| t.text.as_str()),
            Some("NATO Secretary-General")
        );
        let carpenter = m
            .of(&person_id(&kb, "michael-carpenter"))
            .next()
            .expect("Carpenter");
        assert_eq!(
            carpenter.title.as_ref().map(|t| t.text.as_str()),
            Some("U.S. ambassador to the OSCE")
        );
        let smith = m
            .of(&person_id(&kb, "julianne-smith"))
            .next()
            .expect("Smith");
        assert_eq!(
            smith.title.as_ref().map(|t| t.text.as_str()),
            Some("U.S. envoy to NATO")
        );
        let ry = m
            .of(&person_id(&kb, "sergei-ryabkov"))
            .next()
            .expect("Ryabkov");
        assert_eq!(
            ry.title.as_ref().map(|t| t.text.as_str()),
            Some("Deputy Foreign Minister")
        );
        let fomin = m
            .of(&person_id(&kb, "alexander-fomin"))
            .next()
            .expect("Fomin");
        assert_eq!(
            fomin.title.as_ref().map(|t| t.text.as_str()),
            Some("Russian Deputy Defence Minister Colonel General")
        );
    }

    proptest::proptest! {
        #[test]
        fn find_and_rules_never_panic(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "NATO", "Secretary-General", "Secretary", "General", "Jens", "Stoltenberg’s",
                    "Grushko,", "a", "former", "then-", "Russian", "“", "”", "\"", "US", "U.S.",
                    "\n\n", "\n", " ", "–", "é", "\u{301}", "Zoë", "😀", "said", "he", ".", ",",
                    "ambassador", "to", "OSCE", "Grushco", "Sergey", "Ryabkov", "(L-R)", "İ",
                ]),
                0..40,
            )
        ) {
            let kb = kb(SEED_KB);
            let t: String = words.join(" ");
            let mut a = article(&t);
            if let Some(p) = a.paragraphs.first().cloned() {
                a.excluded.push(Span::new(p.span.start, p.span.start + 1));
            }
            let m = find(&t, &a, &kb);
            for x in &m.items {
                proptest::prop_assert!(t.is_char_boundary(x.span.start) && t.is_char_boundary(x.span.end));
            }
            let config = crate::lint::LintConfig::default();
            let cx = crate::lint::Context {
                text: &t,
                article: &a,
                kb: &kb,
                mentions: &m,
                config: &config,
                date: date("2025-03-01"),
            };
            for f in crate::lint::run(&cx) {
                for fix in &f.fixes {
                    for e in &fix.edits {
                        proptest::prop_assert!(t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
                        if fix.safe {
                            proptest::prop_assert!(!a.in_quote(e.span) || e.span.is_empty());
                        }
                    }
                }
            }
        }
    }
}
