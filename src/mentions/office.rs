//! Comparing a title as the draft writes it with the roles the KB records: the one
//! definition of "this title names that office" that `title-mismatch`, the resolver's
//! title-and-date choice among homonyms (`President Clinton` in 2010, `Sen. Cruz`) and
//! completion all use.
//!
//! A title is read as words, lower case, with stop words dropped and synonyms folded
//! (spokesman/spokeswoman/spokesperson/press secretary, ambassador/envoy, defense/defence).
//! Words that only name an organisation ("NATO", "Russian", "White House") are set apart:
//! the organisation is compared as an organisation. A stated title *names* a role when,
//! apart from organisation words, they have the same words (`Deputy Foreign Minister` is
//! not `Foreign Minister`; `director` alone is not `White House Communications Director`),
//! and any organisation the title names is the role's.

use super::TitleRef;
use crate::date::Date;
use crate::kb::index::fold;
use crate::kb::{Kb, OrgId, PersonId, Role};
use crate::text::{FastMap, Span};

/// Words a title comparison ignores.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "for" | "to" | "and" | "on" | "in" | "at" | "permanent" | "a" | "an"
    )
}

/// Words that make a different post of the same office (`Deputy Foreign Minister`).
fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "deputy"
            | "vice"
            | "assistant"
            | "under"
            | "first"
            | "prime"
            | "associate"
            | "principal"
            | "junior"
            | "shadow"
            | "chief"
    )
}

fn synonym(w: &str) -> &str {
    match w {
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson",
        "ambassador" | "envoy" | "representative" => "envoy",
        "defense" => "defence",
        "sen" | "senator" => "senator",
        "rep" | "congressman" | "congresswoman" | "congressmember" => "representative",
        "gov" => "governor",
        "secretary-general" => "secretary-general",
        other => other,
    }
}

/// Normalised words of a title written at `base` in the draft; `org_spans` mark words
/// that only name an organisation. Returns (every word, the words that are not
/// organisation names).
pub(crate) fn title_words(
    text: &str,
    base: usize,
    org_spans: &[Span],
) -> (Vec<String>, Vec<String>) {
    let mut all = Vec::new();
    let mut core = Vec::new();
    let mut start = None;
    let lower = |s: &str| {
        s.trim_end_matches([',', ';', ':'])
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_lowercase()
    };
    let mut push = |s: usize, e: usize| {
        let raw = &text[s..e];
        let w = lower(raw);
        let w = if w.ends_with('.') && !w[..w.len() - 1].contains('.') {
            w.trim_end_matches('.').to_string()
        } else {
            w
        };
        if w.is_empty() || is_stop(&w) {
            return;
        }
        let w = synonym(&w).to_string();
        let span = Span::new(base + s, base + e);
        if !org_spans.iter().any(|o| o.overlaps(span)) {
            core.push(w.clone());
        }
        all.push(w);
    };
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace()
            || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}');
        match (sep, start) {
            (true, Some(s)) => {
                push(s, i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    // "press secretary" is a spokesperson in wire style.
    for v in [&mut all, &mut core] {
        if let Some(i) = v
            .windows(2)
            .position(|p| p[0] == "press" && p[1] == "secretary")
        {
            v.splice(i..i + 2, ["spokesperson".to_string()]);
        }
    }
    (all, core)
}

/// A title as the draft states it, ready to compare with KB roles.
#[derive(Clone, Debug)]
pub struct Stated {
    pub all: Vec<String>,
    pub core: Vec<String>,
    pub orgs: Vec<OrgId>,
}

impl Stated {
    /// The title phrase `t`; `org_spans` are the organisation mentions inside it.
    pub fn of(t: &TitleRef, org_spans: &[Span]) -> Stated {
        let text_start = t.span.end.saturating_sub(t.text.len());
        let (all, core) = title_words(&t.text, text_start, org_spans);
        Stated {
            all,
            core,
            orgs: t.orgs.clone(),
        }
    }

    /// A bare title word before a name (`President`, `Sen.`), with no organisation.
    pub fn bare(text: &str) -> Stated {
        let (all, core) = title_words(text, 0, &[]);
        Stated {
            all,
            core,
            orgs: Vec::new(),
        }
    }

    /// The head noun of the title (its last word that is not an organisation's).
    pub fn head(&self) -> Option<&str> {
        self.core.last().map(String::as_str)
    }
}

/// KB role titles as words, tokenised once per run.
pub type RoleWords<'a> = FastMap<&'a str, Vec<String>>;

/// Words naming `org` (its names, aliases and demonyms), folded.
fn org_words(kb: &Kb, org: OrgId) -> Vec<String> {
    let Some(o) = kb.organizations.get(org) else {
        return Vec::new();
    };
    std::iter::once(&o.name)
        .chain(o.full_name.iter())
        .chain(&o.aliases)
        .chain(&o.demonyms)
        .flat_map(|n| title_words(n, 0, &[]).0)
        .collect()
}

fn modifiers(v: &[String]) -> Vec<&str> {
    let mut m: Vec<&str> = v
        .iter()
        .map(String::as_str)
        .filter(|w| is_modifier(w))
        .collect();
    m.sort_unstable();
    m.dedup();
    m
}

/// How a stated title relates to one KB role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Same office: same words apart from organisation names, and any organisation the
    /// title names is the role's.
    Names,
    /// The same post for another state or constituency (`Texas Senator` for a senator
    /// from Delaware).
    OtherArea,
    /// The same words but another post of the office or another organisation
    /// (`Foreign Minister` for a `Deputy Foreign Minister`, `U.S.` for a Russian role).
    Related,
    Unrelated,
}

/// Compares the stated title with `role` (its title and each alias; the closest wins).
pub fn fit<'a>(kb: &Kb, role: &'a Role, t: &Stated, cache: &mut RoleWords<'a>) -> Fit {
    // A state or constituency in the title (`Vermont Sen.`) is compared with the role's
    // area, like an organisation.
    let (areas, core): (Vec<&String>, Vec<&String>) =
        t.core.iter().partition(|w| kb.is_area_word(w));
    if core.is_empty() {
        return Fit::Unrelated;
    }
    let area_ok = match &role.area {
        Some(a) if !areas.is_empty() => {
            let aw = title_words(a, 0, &[]).0;
            areas.iter().all(|w| aw.contains(w))
        }
        _ => true,
    };
    let role_org = kb.org_of(role);
    let role_org_words = role_org.map(|o| org_words(kb, o)).unwrap_or_default();
    let mut best = Fit::Unrelated;
    for name in std::iter::once(&role.title).chain(&role.title_aliases) {
        let rw: &Vec<String> = cache
            .entry(name.as_str())
            .or_insert_with(|| title_words(name, 0, &[]).0);
        // Words a short form of a long title leaves out (`House Speaker` for `Speaker of
        // the House of Representatives`, `Foreign Minister` for `Minister of Foreign
        // Affairs`).
        let droppable = |w: &str| {
            matches!(
                w,
                "affairs"
                    | "representatives"
                    | "republic"
                    | "federation"
                    | "kingdom"
                    | "government"
            )
        };
        let role_core: Vec<&String> = rw
            .iter()
            .filter(|w| !role_org_words.contains(w) && !is_modifier(w) && !droppable(w))
            .collect();
        if role_core.is_empty() {
            continue;
        }
        let same_words = core
            .iter()
            .filter(|w| !is_modifier(w))
            .all(|w| rw.contains(w))
            && role_core.iter().all(|w| t.all.contains(w));
        if !same_words {
            continue;
        }
        let org_ok = match role_org {
            Some(o) if !t.orgs.is_empty() && !t.orgs.contains(&o) => {
                t.orgs.iter().any(|&named| part_of(kb, o, named))
                    || t.all
                        .iter()
                        .filter(|w| !t.core.contains(w))
                        .all(|w| rw.contains(w))
            }
            _ => true,
        };
        if org_ok && modifiers(&t.core) == modifiers(rw) {
            if area_ok {
                return Fit::Names;
            }
            best = Fit::OtherArea;
        } else if best == Fit::Unrelated {
            best = Fit::Related;
        }
    }
    best
}

/// True when organisation `inner`'s name spells out `outer` ("Ministry of Foreign
/// Affairs of Russia" is Russian; "United States Department of State" is U.S.), as the
/// KB has no parent links.
pub fn part_of(kb: &Kb, inner: OrgId, outer: OrgId) -> bool {
    let (Some(i), Some(o)) = (kb.organizations.get(inner), kb.organizations.get(outer)) else {
        return false;
    };
    let padded = |s: &str| format!(" {} ", fold(s, true));
    let names: Vec<String> = std::iter::once(&i.name)
        .chain(i.full_name.as_ref())
        .map(|s| padded(s))
        .collect();
    std::iter::once(&o.name)
        .chain(o.full_name.as_ref())
        .chain(&o.aliases)
        .chain(&o.demonyms)
        .map(|s| padded(s))
        .filter(|n| n.trim().len() > 1)
        .any(|n| names.iter().any(|h| h.contains(&n)))
}

/// People holding a role the stated title names on `date` (in `org`, when given), in KB
/// order.
pub fn holders<'a>(
    kb: &'a Kb,
    t: &Stated,
    org: Option<OrgId>,
    date: Date,
    cache: &mut RoleWords<'a>,
) -> Vec<PersonId> {
    let mut out = Vec::new();
    let Some(head) = t.head() else {
        return out;
    };
    for (i, p) in kb.people.iter().enumerate() {
        let hit = p.roles.iter().any(|r| {
            // Cheap filter first: the head noun must be in the role's wording.
            let mentions_head = std::iter::once(&r.title).chain(&r.title_aliases).any(|n| {
                n.to_lowercase().contains(head) || head == "spokesperson" || head == "envoy"
            });
            mentions_head
                && org.is_none_or(|o| kb.org_of(r) == Some(o))
                && kb.holds(i, r, date)
                && fit(kb, r, t, cache) == Fit::Names
        });
        if hit {
            out.push(i);
        }
    }
    out
}

/// True when the office the stated title names has one holder at a time in the KB's
/// records (its holders' terms never overlap), and the title or `org` says whose office
/// it is. Only such an office lets "someone else held it" count as evidence.
pub fn single_seat<'a>(
    kb: &'a Kb,
    t: &Stated,
    org: Option<OrgId>,
    cache: &mut RoleWords<'a>,
) -> bool {
    if t.orgs.is_empty() && org.is_none() {
        return false;
    }
    let mut terms: Vec<(Date, Option<Date>, PersonId)> = Vec::new();
    for (id, p) in kb.people.iter().enumerate() {
        for r in &p.roles {
            if fit(kb, r, t, cache) != Fit::Names {
                continue;
            }
            if org.is_some_and(|o| kb.org_of(r) != Some(o)) {
                continue;
            }
            let Some(s) = r.start else {
                return false;
            };
            terms.push((s, r.end, id));
        }
    }
    terms.sort();
    // One person's term recorded twice (two sources) is one term.
    terms.dedup_by(|b, a| {
        a.2 == b.2 && a.1.is_none_or(|end| b.0 <= end) && {
            a.1 = match (a.1, b.1) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (Some(x), None) | (None, Some(x)) => Some(x),
                (None, None) => None,
            };
            true
        }
    });
    if terms.len() < 2 {
        return false;
    }
    // Records round handovers to a day or a year: allow a month of overlap. Only the
    // latest term may be open.
    terms.windows(2).all(|w| match w[0].1 {
        Some(end) => end.days_since_epoch() <= w[1].0.days_since_epoch() + 31,
        None => false,
    })
}
