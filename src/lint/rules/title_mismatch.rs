//! `title-mismatch`: the title given to a known person is not one they held on the
//! article's date (with `former`, `outgoing`, `acting` and `then-` understood).

use crate::date::Date;
use crate::declare_rule;
use crate::kb::index::fold;
use crate::kb::{Kb, OrgId, PersonId, Role};
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::{Mention, Target, TitleRef};
use crate::text::{FastMap, Span};
use std::collections::HashMap;

declare_rule! {
    /// Flags a title that does not match any role the person held on the article date.
    ///
    /// ## What it does
    /// Compares the title written before or after a known person's name with the roles
    /// the knowledge base records for them on the article's date (title and its
    /// aliases, ignoring case and hyphens; the organisation must agree when the title
    /// names one). `former` accepts a role that had ended, `then-` any role held by
    /// then, `acting` is not checked when nothing matches. People with no roles in the
    /// knowledge base are not checked. The message names the role the person did hold
    /// and who held the stated title on that date.
    ///
    /// ## Why is this bad?
    /// A wrong title is a factual error: readers and the people named notice, and it
    /// costs a correction.
    ///
    /// ## Example
    /// ```text
    /// (12 January 2022) NATO Secretary-General Mark Rutte said ...
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// NATO Secretary-General Jens Stoltenberg said ...
    /// Dutch Prime Minister Mark Rutte said ...
    /// ```
    pub static META = ("title-mismatch", Severity::Warning);
}

/// Words a title comparison ignores.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "for" | "to" | "and" | "on" | "in" | "at" | "permanent"
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
    )
}

fn synonym(w: &str) -> &str {
    match w {
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson",
        "ambassador" | "envoy" | "representative" => "envoy",
        "defense" => "defence",
        other => other,
    }
}

/// Normalised words of a title; `org_spans` mark words that only name the organisation.
fn words(text: &str, base: usize, org_spans: &[Span]) -> (Vec<String>, Vec<String>) {
    let mut all = Vec::new();
    let mut core = Vec::new();
    let mut start = None;
    let lower = |s: &str| s.trim_end_matches([',', ';']).to_lowercase();
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

struct Stated<'a> {
    all: Vec<String>,
    core: Vec<String>,
    orgs: &'a [OrgId],
}

/// The words of KB role titles, tokenised once per run: the same titles are compared
/// for every mention and, in [`holders`], across the whole KB.
type RoleWords<'a> = FastMap<&'a str, Vec<String>>;

fn role_matches<'a>(kb: &Kb, role: &'a Role, t: &Stated, cache: &mut RoleWords<'a>) -> bool {
    let role_org = role.org.as_deref().and_then(|o| kb.org_by_id(o));
    std::iter::once(&role.title)
        .chain(&role.title_aliases)
        .any(|name| {
            let rw: &Vec<String> = cache
                .entry(name.as_str())
                .or_insert_with(|| words(name, 0, &[]).0);
            if rw.is_empty() {
                return false;
            }
            let covers = rw.iter().all(|w| t.all.contains(w))
                || (!t.core.is_empty() && t.core.iter().all(|w| rw.contains(w)));
            fn mods(v: &[String]) -> Vec<&str> {
                let mut m: Vec<&str> = v
                    .iter()
                    .map(String::as_str)
                    .filter(|w| is_modifier(w))
                    .collect();
                m.sort_unstable();
                m.dedup();
                m
            }
            if !covers || mods(&t.core) != mods(rw) {
                return false;
            }
            // An organisation named in the title must be the role's, unless the role's
            // own wording names it ("Kremlin spokesperson").
            match role_org {
                Some(o) if !t.orgs.is_empty() && !t.orgs.contains(&o) => {
                    t.orgs.iter().any(|&named| part_of(kb, o, named))
                        || t.all
                            .iter()
                            .filter(|w| !t.core.contains(w))
                            .all(|w| rw.contains(w))
                }
                _ => true,
            }
        })
}

/// True when organisation `inner`'s name spells out `outer` ("Ministry of Foreign
/// Affairs of Russia" is Russian; "United States Department of State" is U.S.), as the
/// KB has no parent links.
fn part_of(kb: &Kb, inner: OrgId, outer: OrgId) -> bool {
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

fn held_on(role: &Role, date: Date) -> bool {
    role.start.is_none_or(|s| s <= date) && role.end.is_none_or(|e| date < e)
}

fn describe(kb: &Kb, role: &Role) -> String {
    let org = role
        .org
        .as_deref()
        .and_then(|o| kb.org_by_id(o))
        .map(|o| kb.organizations[o].name.as_str());
    match org {
        Some(o) => format!("{} ({o})", role.title),
        None => role.title.clone(),
    }
}

fn period(role: &Role) -> String {
    let s = role.start.map_or("?".to_string(), |d| d.to_string());
    let e = role.end.map_or("".to_string(), |d| d.to_string());
    format!("{s} to {}", if e.is_empty() { "now" } else { &e })
}

fn holders<'a>(
    kb: &'a Kb,
    t: &Stated,
    date: Date,
    except: PersonId,
    cache: &mut RoleWords<'a>,
) -> Option<PersonId> {
    kb.people.iter().enumerate().find_map(|(i, p)| {
        (i != except
            && p.roles
                .iter()
                .any(|r| held_on(r, date) && role_matches(kb, r, t, cache)))
        .then_some(i)
    })
}

/// Who held a stated title on the date, by title text and organisations: a scan of the
/// whole KB, so done once per distinct title.
type HolderCache = HashMap<(String, Vec<OrgId>), Option<PersonId>>;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut cache = HolderCache::new();
    let mut role_words = RoleWords::default();
    for m in &cx.mentions.items {
        if let (Target::Person(id), Some(t), false) = (&m.target, &m.title, m.inside_quote) {
            check_one(cx, m, *id, t, &mut cache, &mut role_words, out);
        }
    }
}

fn check_one<'a>(
    cx: &Context<'a>,
    m: &Mention,
    id: PersonId,
    t: &TitleRef,
    cache: &mut HolderCache,
    role_words: &mut RoleWords<'a>,
    out: &mut Vec<Finding>,
) {
    let Some(person) = cx.kb.people.get(id) else {
        return;
    };
    if person.roles.is_empty() {
        return;
    }
    let text_start = t.span.end.saturating_sub(t.text.len());
    let org_spans: Vec<Span> = cx
        .mentions
        .within(t.span)
        .filter(|o| matches!(o.target, Target::Organization(_)))
        .map(|o| o.span)
        .collect();
    let (all, core) = words(&t.text, text_start, &org_spans);
    let stated = Stated {
        all,
        core,
        orgs: &t.orgs,
    };
    let date = cx.date;
    let matching: Vec<&Role> = person
        .roles
        .iter()
        .filter(|r| role_matches(cx.kb, r, &stated, role_words))
        .collect();
    let ok = match t.qualifier.as_deref() {
        Some("former") => matching.iter().any(|r| r.end.is_some_and(|e| e <= date)),
        Some("then-") => matching.iter().any(|r| r.start.is_none_or(|s| s <= date)),
        Some("acting") => matching.is_empty() || matching.iter().any(|r| held_on(r, date)),
        _ => matching.iter().any(|r| held_on(r, date)),
    };
    if ok {
        return;
    }
    let name = &person.name;
    let title = &t.text;
    let mut message = match (t.qualifier.as_deref(), matching.first()) {
        (Some("former"), Some(r)) if held_on(r, date) => {
            format!("{name} still held the post of {title} on {date}, so not \"former\"")
        }
        (_, Some(r)) => format!("{name} was not {title} on {date} (held it {})", period(r)),
        (_, None) => format!("the knowledge base has no {title} role for {name}"),
    };
    let held: Vec<String> = cx
        .kb
        .roles_on(id, date)
        .into_iter()
        .map(|r| describe(cx.kb, r))
        .collect();
    if held.is_empty() {
        message.push_str(&format!("; no role on {date} is recorded"));
    } else {
        message.push_str(&format!("; on {date} {name} was {}", held.join(", ")));
    }
    let other = *cache
        .entry((t.text.to_lowercase(), t.orgs.clone()))
        .or_insert_with(|| holders(cx.kb, &stated, date, usize::MAX, role_words));
    let other = other.filter(|&o| o != id);
    if let Some(o) = other {
        message.push_str(&format!("; {} was {title} then", cx.kb.people[o].name));
    }
    let mut fixes = Vec::new();
    if t.qualifier.is_none() && matching.iter().any(|r| r.end.is_some_and(|e| e <= date)) {
        fixes.push(Fix {
            title: format!("Write \"former {title}\""),
            edits: vec![Edit {
                span: Span::new(t.span.start, t.span.start),
                replacement: "former ".into(),
            }],
            safe: false,
        });
    }
    if let Some(o) = other {
        let who = &cx.kb.people[o].name;
        fixes.push(Fix {
            title: format!("Name {who} instead"),
            edits: vec![Edit {
                span: m.span,
                replacement: who.clone(),
            }],
            safe: false,
        });
    }
    let related = cx
        .kb
        .people
        .get(id)
        .map(|_| Related {
            span: t.span,
            message: format!("title as written: {}", t.span.slice(cx.text)),
        })
        .into_iter()
        .collect();
    out.push(Finding {
        rule: META.id,
        severity: META.default_severity,
        // The title may stand before the name or after it ("Grushko, Russia's deputy
        // foreign minister"); the finding covers both either way.
        span: Span::new(t.span.start.min(m.span.start), t.span.end.max(m.span.end)),
        message,
        fixes,
        related,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::testkit::*;

    fn run(text: &str, on: &str) -> Vec<Finding> {
        let kb = kb(SEED_KB);
        check_rule(super::check, text, &article(text), &kb, date(on)).1
    }

    #[test]
    fn rutte_as_nato_chief_in_2022_names_his_real_role_and_the_holder() {
        let t = "NATO Secretary-General Mark Rutte said the alliance was ready.";
        let f = run(t, "2022-01-12");
        assert_eq!(f.len(), 1);
        let msg = &f[0].message;
        assert!(
            msg.contains("Mark Rutte was not NATO Secretary-General on 2022-01-12"),
            "{msg}"
        );
        assert!(msg.contains("Prime Minister (Netherlands)"), "{msg}");
        assert!(
            msg.contains("Jens Stoltenberg was NATO Secretary-General then"),
            "{msg}"
        );
        assert!(f[0].fixes.iter().all(|x| !x.safe));
        assert!(run(t, "2025-03-01").is_empty());
    }

    #[test]
    fn stoltenberg_in_2025_needs_former() {
        let t = "NATO Secretary-General Jens Stoltenberg spoke.";
        let f = run(t, "2025-03-01");
        assert_eq!(f.len(), 1);
        assert!(f[0]
            .message
            .contains("Mark Rutte was NATO Secretary-General then"));
        assert_eq!(f[0].fixes[0].edits[0].replacement, "former ");
        assert!(run(
            "Former NATO Secretary-General Jens Stoltenberg spoke.",
            "2025-03-01"
        )
        .is_empty());
        assert!(run(
            "then-NATO Secretary-General Jens Stoltenberg spoke.",
            "2025-03-01"
        )
        .is_empty());
        let f = run(
            "former NATO Secretary-General Jens Stoltenberg spoke.",
            "2022-01-12",
        );
        assert!(f[0].message.contains("not \"former\""), "{}", f[0].message);
    }

    #[test]
    fn a_wrong_title_after_the_name_gets_a_span_from_name_to_title() {
        let t = "Alexander Grushko, Russia's foreign minister, spoke.";
        let f = run(t, "2022-01-12");
        assert_eq!(f.len(), 1, "{f:?}");
        let s = f[0].span;
        assert!(s.start <= s.end, "{s:?}");
        assert_eq!(s.slice(t), "Alexander Grushko, Russia's foreign minister");
    }

    #[test]
    fn deputy_is_a_different_post_and_org_must_agree() {
        let t = "Russian Foreign Minister Alexander Grushko spoke.";
        assert_eq!(run(t, "2022-01-12").len(), 1);
        let t = "U.S. Deputy Foreign Minister Alexander Grushko spoke.";
        assert_eq!(run(t, "2022-01-12").len(), 1);
        let t = "Russian Deputy Foreign Minister Alexander Grushko spoke.";
        assert!(run(t, "2022-01-12").is_empty());
    }

    #[test]
    fn a_ministry_named_after_the_country_agrees_with_the_demonym() {
        let src = format!(
            "{SEED_KB}\n{}",
            r#"
[[organization]]
id = "state-dept"
name = "United States Department of State"

[[person]]
id = "victoria-nuland"
name = "Victoria Nuland"
  [[person.role]]
  title = "Under Secretary of State for Political Affairs"
  title_aliases = ["Under Secretary of State"]
  org = "state-dept"
  start = "2021-05-03"
"#
        );
        let kb = kb(&src);
        let t = "U.S. Under Secretary of State Victoria Nuland spoke.";
        let f = check_rule(super::check, t, &article(t), &kb, date("2022-01-12")).1;
        assert!(f.is_empty(), "{f:#?}");
        let t = "Russian Under Secretary of State Victoria Nuland spoke.";
        let f = check_rule(super::check, t, &article(t), &kb, date("2022-01-12")).1;
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn appositive_former_title_and_aliases_with_org_words() {
        let t = "Alexander Grushko, a former Russian ambassador to NATO, has said no.";
        assert!(run(t, "2022-01-12").is_empty());
        let t = "Kremlin spokesperson Dmitry Peskov said no.";
        assert!(run(t, "2022-01-12").is_empty());
        let t = "Kremlin spokesperson Dmitry Peskov said no.";
        assert_eq!(run(t, "2010-01-12").len(), 1);
    }

    #[test]
    fn people_without_roles_and_quoted_titles_are_not_checked() {
        let t = "Russian Prime Minister Alexander Fomin spoke.";
        assert!(run(t, "2022-01-12").is_empty());
        let t = "“NATO Secretary-General Mark Rutte is coming,” a diplomat said.";
        assert!(run(t, "2022-01-12").is_empty());
    }

    #[test]
    fn seed_article_has_no_mismatch_on_its_date_but_one_in_2025() {
        let kb = kb(SEED_KB);
        let a = seed_article();
        let f = check_rule(super::check, SEED, &a, &kb, date("2022-01-12")).1;
        assert!(f.is_empty(), "{f:#?}");
        let f = check_rule(super::check, SEED, &a, &kb, date("2025-03-01")).1;
        let stol: Vec<_> = f
            .iter()
            .filter(|f| f.span.slice(SEED).ends_with("Jens Stoltenberg"))
            .collect();
        assert_eq!(stol.len(), 2, "{f:#?}");
        assert!(stol.iter().all(|f| f.message.contains("Mark Rutte")));
    }
}
