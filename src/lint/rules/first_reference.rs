//! `first-reference`: the story's first mention of a person gives the full name (and
//! title); later mentions use the surname.

use crate::declare_rule;
use crate::kb::surname_of;
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::office::{self, Fit, RoleWords, Stated};
use crate::mentions::{in_body, Form, Mention, Resolution, Target};
use crate::text::Span;

declare_rule! {
    /// Flags a first reference by surname alone, and full-name repeats after it.
    ///
    /// ## What it does
    /// Finds each person's first mention in the body (headlines, captions and
    /// quotations do not count). It is a warning when that mention is the surname alone
    /// and the evidence says who is meant:
    ///
    /// - the draft names the person in full only **later** in the body (a paragraph
    ///   moved up, an introduction cut), or only in the headline or a caption;
    /// - or a title selects the one person the knowledge base records in that post on
    ///   the article's date (`Sen. Cruz`), and the body never gives the full name.
    ///   A title for a post with one holder at a time (`President Obama`, `Chancellor
    ///   Merkel`) identifies the person by itself and is accepted.
    ///
    /// A surname the draft never gives in full and no title explains is left alone: the
    /// rule does not guess who it is. Organisations and places are never checked. A full
    /// name repeated after the first reference is a hint: later references use the
    /// surname.
    ///
    /// ## Why is this bad?
    /// Readers meet a person once: a surname alone at first mention leaves them
    /// guessing who is meant, and repeating the full name later reads as a new person.
    ///
    /// ## Example
    /// ```text
    /// Grushko said Russia wanted talks. ... Deputy Foreign Minister Alexander Grushko added ...
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Deputy Foreign Minister Alexander Grushko said Russia wanted talks. ... Grushko added ...
    /// ```
    ///
    /// ## Fix
    /// A suggestion to pick, never applied by `--fix`: write the full name as the draft
    /// writes it (or, for a title-selected person, as the knowledge base records it).
    pub static META = ("first-reference", Severity::Warning);
}

fn paragraph_no(m: &Mention) -> String {
    m.paragraph
        .map_or(String::new(), |p| format!(" (paragraph {})", p + 1))
}

/// The title before the name identifies the person alone: the post it names has one
/// holder at a time and the person held it on the date.
fn title_identifies<'a>(cx: &Context<'a>, m: &Mention, role_words: &mut RoleWords<'a>) -> bool {
    let (Target::Person(id), Some(t)) = (&m.target, &m.title) else {
        return false;
    };
    let org_spans: Vec<Span> = cx
        .mentions
        .within(t.span)
        .filter(|o| matches!(o.target, Target::Organization(_)))
        .map(|o| o.span)
        .collect();
    let stated = Stated::of(t, &org_spans);
    cx.kb.people[*id].roles.iter().any(|r| {
        cx.kb.holds(*id, r, cx.date)
            && office::fit(cx.kb, r, &stated, role_words) == Fit::Names
            && office::single_seat(cx.kb, &stated, cx.kb.org_of(r), role_words)
    })
}

/// Where the story's text starts. Archive exports put an abstract before a `FULL TEXT`
/// label; the abstract summarises and does not introduce anyone.
fn body_start(cx: &Context) -> usize {
    cx.article
        .paragraphs
        .iter()
        .filter(|p| {
            let t = p.span.slice(cx.text).trim().trim_end_matches(['.', ':']);
            ["FULL TEXT", "Full text", "TEXT", "BODY"].contains(&t)
        })
        .map(|p| p.span.end)
        .next_back()
        .unwrap_or(0)
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let by_target = cx.mentions.by_target();
    let start = body_start(cx);
    let mut role_words = RoleWords::default();
    for target in cx.mentions.people() {
        let Some(all) = by_target.get(target) else {
            continue;
        };
        let Some(first) = all.iter().find(|m| {
            !m.inside_quote
                && in_body(m, cx.article)
                && m.form != Form::Pronoun
                && m.span.start >= start
        }) else {
            continue;
        };
        let full_mentions: Vec<&&Mention> =
            all.iter().filter(|m| m.form == Form::FullName).collect();
        let body_full_before = full_mentions
            .iter()
            .any(|m| in_body(m, cx.article) && m.span.start < first.span.start);
        if first.form == Form::Surname
            && !body_full_before
            && !title_identifies(cx, first, &mut role_words)
        {
            let full_later = full_mentions
                .iter()
                .find(|m| in_body(m, cx.article) && m.span.start > first.span.start);
            let full_outside_body = full_mentions.iter().find(|m| !in_body(m, cx.article));
            let written = first.span.slice(cx.text);
            let (evidence, name, related) = match (first.resolution, full_later, full_outside_body)
            {
                (Resolution::Ambiguous | Resolution::Local | Resolution::Pronoun, _, _) => {
                    (None, String::new(), None)
                }
                (_, Some(later), _) => (
                    Some(format!(
                        "the draft names them in full only later{}",
                        paragraph_no(later)
                    )),
                    later.span.slice(cx.text).to_string(),
                    Some(later.span),
                ),
                (_, None, Some(outside)) => (
                    Some(
                        "the body never gives the full name, only the headline or a caption"
                            .to_string(),
                    ),
                    outside.span.slice(cx.text).to_string(),
                    Some(outside.span),
                ),
                (Resolution::Title, None, None) => {
                    let name = match target {
                        Target::Person(id) => cx.kb.people[*id].name.clone(),
                        _ => String::new(),
                    };
                    let title = first.title.as_ref().map_or("", |t| t.text.as_str());
                    (
                        Some(format!(
                            "the title `{title}` and the article date make this {name}, whom the body never names in full"
                        )),
                        name,
                        None,
                    )
                }
                _ => (None, String::new(), None),
            };
            if let Some(evidence) = evidence {
                if !name.is_empty() && name != written {
                    out.push(Finding {
                        rule: META.id,
                        severity: META.default_severity,
                        span: first.span,
                        message: format!(
                            "first reference to {name} in the body is the surname alone: {evidence}"
                        ),
                        fixes: vec![Fix::suggestion(
                            format!("Write `{name}`"),
                            vec![Edit {
                                span: first.span,
                                replacement: name.clone(),
                            }],
                        )],
                        related: related
                            .map(|span| Related {
                                span,
                                message: format!("`{name}` is named in full here"),
                            })
                            .into_iter()
                            .collect(),
                    });
                }
            }
        }
        // Full-name repeats after a full first reference in the body: a hint.
        let Some(intro) = full_mentions
            .iter()
            .find(|m| in_body(m, cx.article) && !m.inside_quote)
        else {
            continue;
        };
        let full = intro.span.slice(cx.text);
        let Some(surname) = surname_of(full) else {
            continue;
        };
        for m in &full_mentions {
            if m.span.start <= intro.span.start
                || m.inside_quote
                || !in_body(m, cx.article)
                || !m.resolution.is_confident()
            {
                continue;
            }
            out.push(Finding {
                rule: META.id,
                severity: Severity::Hint,
                span: m.span,
                message: format!(
                    "{full} was introduced earlier; later references use the surname `{surname}`"
                ),
                fixes: vec![Fix::suggestion(
                    format!("Write `{surname}`"),
                    vec![Edit {
                        span: m.span,
                        replacement: surname.to_string(),
                    }],
                )],
                related: vec![Related {
                    span: intro.span,
                    message: "first reference".into(),
                }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::PartKind;
    use crate::mentions::testkit::*;

    fn run_on(text: &str, a: &crate::article::Article, on: &str) -> Vec<Finding> {
        let kb = kb(SEED_KB);
        let mut f = check_rule(super::check, text, a, &kb, date(on)).1;
        f.sort_by_key(|f| f.span.start);
        f
    }

    fn warnings(text: &str) -> Vec<Finding> {
        run_on(text, &article(text), "2022-01-12")
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect()
    }

    #[test]
    fn a_surname_before_the_full_introduction_is_flagged_with_where_it_is() {
        let t = "Talks began.\n\nGrushko said Russia wanted guarantees.\n\n\
                 Deputy Foreign Minister Alexander Grushko arrived late.";
        let f = warnings(t);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].span.slice(t), "Grushko");
        assert!(
            f[0].message.contains("only later (paragraph 3)"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Alexander Grushko");
        assert!(!f[0].fixes[0].safe, "a name is never written unattended");
        assert_eq!(f[0].related[0].span.slice(t), "Alexander Grushko");
    }

    #[test]
    fn a_full_name_only_in_the_headline_does_not_introduce_the_person() {
        let t = "Pat Caddell warns Democrats\n\nVoters are worried, Caddell said on Monday.";
        let mut a = article(t);
        set_kind(&mut a, 0, PartKind::Headline);
        let f: Vec<_> = run_on(t, &a, "2022-01-12")
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("only the headline"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_surname_the_draft_never_gives_in_full_is_not_guessed() {
        // The KB knows an Alexander Grushko, but nothing in the draft says this is him.
        assert!(warnings("Grushko said Russia wanted guarantees. Grushko left.").is_empty());
        assert!(warnings("Marcus said the vote was close.").is_empty());
    }

    #[test]
    fn a_title_that_selects_one_kb_holder_makes_the_surname_a_first_reference() {
        let t = "Deputy Foreign Minister Grushko said no.";
        let f = warnings(t);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Alexander Grushko");
        assert!(
            f[0].message.contains("Deputy Foreign Minister"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_title_of_a_one_holder_post_identifies_the_person() {
        // NATO has one Secretary-General at a time, and the KB says who it was.
        let t = "NATO Secretary-General Stoltenberg said the door was open.";
        assert!(warnings(t).is_empty(), "{:#?}", warnings(t));
    }

    #[test]
    fn president_and_surname_is_accepted_as_a_first_reference_with_the_starter_kb() {
        let kb = crate::config::load_kb(true, &crate::kb::style::HouseStyle::Draft, &[])
            .expect("starter KB");
        let t = "Talks began.\n\nPresident Obama said the deal would hold.";
        let a = crate::article::parse(t, &Default::default(), &kb);
        let f = check_rule(super::check, t, &a, &kb, date("2015-06-01")).1;
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn unknown_people_introduced_later_are_flagged_too() {
        let t = "Petrova said talks failed.\n\nAnalyst Olga Petrova works in Moscow.";
        let f = warnings(t);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Olga Petrova");
    }

    #[test]
    fn given_names_organisations_and_quoted_surnames_are_not_first_references() {
        assert!(
            warnings("“Grushko is wrong,” a diplomat said.\n\nAlexander Grushko disagreed.")
                .is_empty()
        );
        assert!(warnings("Maria said no.\n\nMaria Lopez, 34, said the rent rose.").is_empty());
        assert!(warnings("The Trump administration balked.\n\nDonald Trump said no.").is_empty());
    }

    #[test]
    fn headline_and_caption_do_not_count_as_first_reference() {
        let t = "Grushko warns NATO\n\nAlexander Grushko in Brussels.\n\nRussian Deputy Foreign Minister Alexander Grushko said no. Grushko left.";
        let mut a = article(t);
        set_kind(&mut a, 0, PartKind::Headline);
        set_kind(&mut a, 1, PartKind::Caption);
        assert!(run_on(t, &a, "2022-01-12").is_empty());
    }

    #[test]
    fn an_abstract_before_a_full_text_label_does_not_count() {
        let t = "Grushko weighs talks\n\nABSTRACT.\n\nMr. Grushko said Russia wanted guarantees.\n\n\
                 FULL TEXT.\n\nDeputy Foreign Minister Alexander Grushko said Russia wanted guarantees.";
        assert!(warnings(t).is_empty(), "{:#?}", warnings(t));
    }

    #[test]
    fn later_full_name_repeat_is_a_hint() {
        let t = "Alexander Grushko said no.\n\nLater Alexander Grushko said yes.";
        let f = run_on(t, &article(t), "2022-01-12");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Grushko");
        assert!(!f[0].fixes[0].safe);
    }

    #[test]
    fn seed_has_no_first_reference_warnings() {
        let f = run_on(SEED, &seed_article(), "2022-01-12");
        assert!(f.iter().all(|f| f.severity == Severity::Hint), "{f:#?}");
    }
}
