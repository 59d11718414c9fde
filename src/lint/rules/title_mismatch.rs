//! `title-mismatch`: the title given to a known person contradicts what the knowledge
//! base records about them on the article's date (with `former`, `outgoing`, `acting`,
//! `then-` and `-elect` understood).

use crate::declare_rule;
use crate::kb::{Kb, PersonId, Role};
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::office::{self, Fit, RoleWords, Stated};
use crate::mentions::{Mention, Target, TitleRef};
use crate::text::Span;

declare_rule! {
    /// Flags a title the knowledge base contradicts for that person on the article date.
    ///
    /// ## What it does
    /// For a person the draft names so that the resolver is sure who they are (a full
    /// name, or a surname linked to one), compares the title written before or after
    /// the name with the roles the knowledge base records for them. It speaks only on
    /// a contradiction:
    ///
    /// - the title names a role the person held, but not on the article's date
    ///   (`NATO Secretary-General Mark Rutte` in 2022; `Secretary of State John Kerry` in
    ///   2018 without "former");
    /// - the title is another post of an office the person held on that date
    ///   (`Foreign Minister` for a deputy foreign minister, a U.S. title for a Russian
    ///   official);
    /// - the title names a post with one holder at a time, which the knowledge base says
    ///   someone else held on that date;
    /// - `former` for a role the person still held.
    ///
    /// A title the knowledge base has no role for is never a warning: absence of
    /// knowledge is not evidence. Nor is a date past what the knowledge base knows (its
    /// `as_of`), an `acting` or `-elect` title, a title inside a quotation, or a
    /// sentence that places the title in its time (a year within the term, a death).
    /// The message names the role the person did hold and, for a one-holder post, who
    /// held it then.
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
    ///
    /// ## Fix
    /// Suggestions to pick, never applied by `--fix`: add "former", or name the person
    /// the knowledge base records in that post on that date.
    pub static META = ("title-mismatch", Severity::Warning);
}

fn describe(kb: &Kb, role: &Role) -> String {
    let org = kb.org_of(role).map(|o| kb.organizations[o].name.as_str());
    let title = match &role.area {
        Some(a) => format!("{} for {a}", role.title),
        None => role.title.clone(),
    };
    match org {
        Some(o) => format!("{title} ({o})"),
        None => title,
    }
}

fn period(role: &Role) -> String {
    match (role.start, role.end) {
        (Some(s), Some(e)) => format!("held it {s} to {e}"),
        (Some(s), None) => format!("held it from {s}"),
        (None, Some(e)) => format!("held it until {e}"),
        (None, None) => "held it at another time".into(),
    }
}

/// The text that sets a mention in its time: its paragraph and the one before it.
fn context<'t>(cx: &Context<'t>, span: Span) -> &'t str {
    let Some(p) = cx.article.paragraph_at(span.start) else {
        return "";
    };
    let start = cx.article.paragraphs[p.saturating_sub(1)].span.start;
    &cx.text[start..cx.article.paragraphs[p].span.end]
}

/// The text around the mention sets the title in its own time: a year within the role's
/// term, or the person's death (`the late Justice`, `the death of Justice …`).
fn placed_in_time(sentence: &str, role: &Role) -> bool {
    let lower = sentence.to_lowercase();
    let death = [
        "death",
        "died",
        "dies",
        "funeral",
        "the late ",
        "passed away",
        "killed",
        "assassinat",
        "murder",
        "obituary",
        "memorial",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if death {
        return true;
    }
    let (from, to) = (
        role.start.map_or(i32::MIN, |d| d.year),
        role.end.map_or(i32::MAX, |d| d.year),
    );
    sentence
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .any(|y| (1800..2200).contains(&y) && from <= y && y <= to)
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut role_words = RoleWords::default();
    for m in &cx.mentions.items {
        if let (Target::Person(id), Some(t), false) = (&m.target, &m.title, m.inside_quote) {
            if m.resolution.is_confident() {
                check_one(cx, m, *id, t, &mut role_words, out);
            }
        }
    }
}

fn check_one<'a>(
    cx: &Context<'a>,
    m: &Mention,
    id: PersonId,
    t: &TitleRef,
    role_words: &mut RoleWords<'a>,
    out: &mut Vec<Finding>,
) {
    let kb = cx.kb;
    let Some(person) = kb.people.get(id) else {
        return;
    };
    if person.roles.is_empty()
        || matches!(t.qualifier.as_deref(), Some("acting" | "-elect" | "late"))
    {
        return;
    }
    // `a President Trump`, `a would-be president`: a hypothetical, not a claim.
    let before = cx.text[..t.span.start.min(m.span.start)].trim_end();
    let prev = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if matches!(
        prev.as_str(),
        "a" | "an" | "would-be" | "future" | "potential" | "possible" | "eventual"
    ) {
        return;
    }
    let org_spans: Vec<Span> = cx
        .mentions
        .within(t.span)
        .filter(|o| matches!(o.target, Target::Organization(_)))
        .map(|o| o.span)
        .collect();
    let stated = Stated::of(t, &org_spans);
    let date = cx.date;
    let mut named: Vec<&'a Role> = person
        .roles
        .iter()
        .filter(|r| office::fit(kb, r, &stated, role_words) == Fit::Names)
        .collect();
    // The same post for another state: compared like another post of the office when
    // held on the date, like the post itself when not.
    let other_area: Vec<&'a Role> = person
        .roles
        .iter()
        .filter(|r| office::fit(kb, r, &stated, role_words) == Fit::OtherArea)
        .collect();
    if named.is_empty() && !other_area.iter().any(|r| kb.holds(id, r, date)) {
        named = other_area.clone();
    }
    let held = |r: &Role| kb.holds(id, r, date);
    let ended = |r: &Role| r.end.is_some_and(|e| e <= date) && kb.not_held(id, r, date);
    let name = &person.name;
    let title = &t.text;
    let sentence = context(cx, m.span);
    let mut message = None;
    let mut former_fix = false;
    let mut holder_office: Option<Option<crate::kb::OrgId>> = None;
    let mut says_role = false;
    match t.qualifier.as_deref() {
        Some("former") => {
            // "former" for a post still held, and none of that name held before.
            if !named.is_empty() && named.iter().all(|r| held(r)) && !named.iter().any(|r| ended(r))
            {
                message = Some(format!(
                    "{name} still held the post of {title} on {date}, so not \"former\""
                ));
            }
        }
        Some("then-") => {}
        _ if !named.is_empty() => {
            let known_not_held = named.iter().all(|r| kb.not_held(id, r, date));
            if !named.iter().any(|r| held(r))
                && known_not_held
                && !named.iter().any(|r| placed_in_time(sentence, r))
            {
                let r = named[0];
                message = Some(format!("{name} was not {title} on {date} ({})", period(r)));
                former_fix = named.iter().any(|r| ended(r));
                holder_office = Some(kb.org_of(r));
            }
        }
        _ => {
            // No role of that name: a contradiction only when the KB says what the
            // person was on the date in that same office, or who held a one-holder post.
            let related: Vec<&Role> = person
                .roles
                .iter()
                .filter(|r| {
                    held(r)
                        && matches!(
                            office::fit(kb, r, &stated, role_words),
                            Fit::Related | Fit::OtherArea
                        )
                })
                .collect();
            if let Some(r) = related.first() {
                says_role = true;
                message = Some(format!(
                    "{name} was {} on {date}, not {title}",
                    describe(kb, r)
                ));
            } else if !stated.orgs.is_empty() {
                holder_office = Some(None);
            }
        }
    }
    // Who held a one-holder post on the date, when that is the evidence or the fix.
    let mut other: Option<PersonId> = None;
    if let Some(org) = holder_office {
        if office::single_seat(kb, &stated, org, role_words) {
            let holders = office::holders(kb, &stated, org, date, role_words);
            if let [h] = holders.as_slice() {
                if *h != id {
                    other = Some(*h);
                }
            }
        }
        if message.is_none() {
            if let Some(o) = other {
                message = Some(format!(
                    "{} was {title} on {date}, not {name}",
                    kb.people[o].name
                ));
            }
        }
    }
    let Some(mut message) = message else {
        return;
    };
    let held_now: Vec<String> = kb
        .roles_on(id, date)
        .into_iter()
        .map(|r| describe(kb, r))
        .collect();
    if !held_now.is_empty() && !says_role {
        message.push_str(&format!("; on {date} {name} was {}", held_now.join(", ")));
    }
    if let Some(o) = other {
        if !message.starts_with(&kb.people[o].name) {
            message.push_str(&format!("; {} was {title} then", kb.people[o].name));
        }
    }
    let mut fixes = Vec::new();
    if former_fix {
        fixes.push(Fix::suggestion(
            format!("Write \"former {title}\""),
            vec![Edit {
                span: Span::new(t.span.start, t.span.start),
                replacement: "former ".into(),
            }],
        ));
    }
    if let Some(o) = other {
        let who = &kb.people[o].name;
        fixes.push(Fix::suggestion(
            format!("Name {who} instead"),
            vec![Edit {
                span: m.span,
                replacement: who.clone(),
            }],
        ));
    }
    out.push(Finding {
        rule: META.id,
        severity: META.default_severity,
        // The title may stand before the name or after it ("Grushko, Russia's deputy
        // foreign minister"); the finding covers both either way.
        span: Span::new(t.span.start.min(m.span.start), t.span.end.max(m.span.end)),
        message,
        fixes,
        related: vec![Related {
            span: t.span,
            message: format!("title as written: {}", t.span.slice(cx.text)),
        }],
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
    fn a_state_in_the_title_is_checked_against_the_role_s_area() {
        let src = format!(
            "{SEED_KB}\n{}",
            r#"
[[person]]
id = "ann-vale"
name = "Ann Vale"
  [[person.role]]
  title = "Senator"
  title_aliases = ["Sen."]
  org = "us"
  area = "Vermont"
  start = "2007-01-04"

[[person]]
id = "bo-reyes"
name = "Bo Reyes"
  [[person.role]]
  title = "Senator"
  org = "us"
  area = "Texas"
  start = "2013-01-03"
"#
        );
        let kb = kb(&src);
        let on = |t: &str, d: &str| check_rule(super::check, t, &article(t), &kb, date(d)).1;
        assert!(on("Vermont Sen. Ann Vale said no.", "2016-05-01").is_empty());
        let f = on("Texas Sen. Ann Vale said no.", "2016-05-01");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("Senator for Vermont"),
            "{}",
            f[0].message
        );
        let f = on("Vermont Sen. Ann Vale said no.", "2005-05-01");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("was not Vermont Sen."),
            "{}",
            f[0].message
        );
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
        // The body's title is wrong in 2025; the caption dates its photo 12 January
        // 2022, when the title was right.
        assert_eq!(stol.len(), 1, "{f:#?}");
        assert!(stol[0].message.contains("Mark Rutte"));
        assert!(SEED[stol[0].span.start..].starts_with("NATO Secretary-General"));
    }
}
