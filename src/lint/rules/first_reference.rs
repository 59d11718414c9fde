//! `first-reference`: the story's first mention of a person should give the full name
//! (and title); later mentions use the surname.

use crate::declare_rule;
use crate::kb::index::derived_surname;
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::{in_body, Form, Target};

declare_rule! {
    /// Flags a first reference by surname alone, and full-name repeats after it.
    ///
    /// ## What it does
    /// Finds each person's first mention in the body (headlines and captions do not
    /// count, nor quotations). When that mention is the surname alone although the
    /// draft or the knowledge base knows the full name, it is a warning; the fix writes
    /// the full name, with the title the knowledge base records for the article date
    /// when the draft gives none. A full name repeated after the first reference is a
    /// hint: later references use the surname.
    ///
    /// ## Why is this bad?
    /// Readers meet a person once: a surname alone at first mention leaves them
    /// guessing who is meant, and repeating the full name later reads as a new person.
    ///
    /// ## Example
    /// ```text
    /// Grushko said Russia wanted talks. ... Alexander Grushko added ...
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Deputy Foreign Minister Alexander Grushko said Russia wanted talks. ... Grushko added ...
    /// ```
    pub static META = ("first-reference", Severity::Warning);
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let by_target = cx.mentions.by_target();
    for target in cx.mentions.people() {
        let Some(all) = by_target.get(target) else {
            continue;
        };
        let Some(first) = all
            .iter()
            .find(|m| !m.inside_quote && in_body(m, cx.article))
        else {
            continue;
        };
        let (full, kb_title) = match target {
            Target::Person(id) => {
                let Some(p) = cx.kb.people.get(*id) else {
                    continue;
                };
                (p.name.clone(), cx.kb.reference_title(*id, cx.date))
            }
            Target::UnknownPerson(name) => (name.clone(), None),
            _ => continue,
        };
        let full_known = full.split_whitespace().count() >= 2;
        let written = first.span.slice(cx.text);
        if first.form == Form::Surname && full_known && written != full {
            let with_title = match (&first.title, &kb_title) {
                (None, Some(t)) => Some(format!("{t} {full}")),
                _ => None,
            };
            let mut fixes = Vec::new();
            if let Some(wt) = &with_title {
                fixes.push(Fix {
                    title: format!("Write `{wt}`"),
                    edits: vec![Edit {
                        span: first.span,
                        replacement: wt.clone(),
                    }],
                    safe: true,
                });
            }
            fixes.push(Fix {
                title: format!("Write `{full}`"),
                edits: vec![Edit {
                    span: first.span,
                    replacement: full.clone(),
                }],
                safe: with_title.is_none(),
            });
            let related = all
                .iter()
                .find(|m| m.form == Form::FullName && m.span != first.span)
                .map(|m| Related {
                    span: m.span,
                    message: format!("`{}` is named in full here", full),
                })
                .into_iter()
                .collect();
            out.push(Finding {
                rule: META.id,
                severity: META.default_severity,
                span: first.span,
                message: format!(
                    "first reference to {full} in the body uses the surname alone: give the full name{}",
                    if with_title.is_some() { " and title" } else { "" }
                ),
                fixes,
                related,
            });
        }
        let surname = derived_surname(&full).unwrap_or(&full).to_string();
        for m in all {
            if m.span.start <= first.span.start
                || m.form != Form::FullName
                || m.inside_quote
                || !in_body(m, cx.article)
                || !full_known
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
                fixes: vec![Fix {
                    title: format!("Write `{surname}`"),
                    edits: vec![Edit {
                        span: m.span,
                        replacement: surname.clone(),
                    }],
                    safe: false,
                }],
                related: vec![Related {
                    span: first.span,
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
    use crate::lint::apply_edits;
    use crate::mentions::testkit::*;

    fn run(text: &str, a: &crate::article::Article) -> Vec<Finding> {
        let kb = kb(SEED_KB);
        let mut f = check_rule(super::check, text, a, &kb, date("2022-01-12")).1;
        f.sort_by_key(|f| f.span.start);
        f
    }

    #[test]
    fn surname_first_gets_the_kb_title_and_full_name() {
        let t = "Talks began.\n\nGrushko said Russia wanted guarantees. Grushko left.";
        let f = run(t, &article(t));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].fixes[0].safe);
        let (out, _) = apply_edits(t, &f[0].fixes[0].edits);
        assert_eq!(
            out,
            "Talks began.\n\nRussian Deputy Foreign Minister Alexander Grushko said Russia wanted guarantees. Grushko left."
        );
        assert_eq!(f[0].fixes[1].edits[0].replacement, "Alexander Grushko");
    }

    #[test]
    fn a_title_in_the_draft_is_kept_and_only_the_name_completed() {
        let t = "Deputy Foreign Minister Grushko said no.";
        let f = run(t, &article(t));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Alexander Grushko");
    }

    #[test]
    fn headline_and_caption_do_not_count_as_first_reference() {
        let t = "Grushko warns NATO\n\nAlexander Grushko in Brussels.\n\nRussian Deputy Foreign Minister Alexander Grushko said no. Grushko left.";
        let mut a = article(t);
        set_kind(&mut a, 0, PartKind::Headline);
        set_kind(&mut a, 1, PartKind::Caption);
        assert!(run(t, &a).is_empty());
    }

    #[test]
    fn later_full_name_repeat_is_a_hint() {
        let t = "Alexander Grushko said no.\n\nLater Alexander Grushko said yes.";
        let f = run(t, &article(t));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Grushko");
        assert!(!f[0].fixes[0].safe);
    }

    #[test]
    fn unknown_people_use_the_full_name_the_draft_gives_later() {
        let kb = kb(SEED_KB);
        let t = "Petrova said talks failed.\n\nAnalyst Olga Petrova works in Moscow.";
        let mut a = article(t);
        person(t, &mut a, "Olga Petrova", 0);
        person(t, &mut a, "Petrova", 0);
        let f = check_rule(super::check, t, &a, &kb, date("2022-01-12")).1;
        let warn: Vec<_> = f
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert_eq!(warn.len(), 1);
        assert_eq!(warn[0].fixes[0].edits[0].replacement, "Olga Petrova");
        assert_eq!(warn[0].related[0].span.slice(t), "Olga Petrova");
    }

    #[test]
    fn quoted_surname_is_not_a_first_reference() {
        let t = "“Grushko is wrong,” a diplomat said.\n\nAlexander Grushko disagreed.";
        let f = run(t, &article(t));
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn seed_has_no_first_reference_warnings() {
        let f = run(SEED, &seed_article());
        assert!(f.iter().all(|f| f.severity == Severity::Hint), "{f:#?}");
    }
}
