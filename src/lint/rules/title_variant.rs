//! `title-variant`: a title or house-style term written in a form other than the one the
//! desk (or, without a house preference, the draft itself) uses.

use super::match_case;
use crate::declare_rule;
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::{in_body, Mention, Target};
use std::collections::BTreeMap;

declare_rule! {
    /// Flags a title or term spelled differently from its preferred form.
    ///
    /// ## What it does
    /// Groups the spellings the knowledge base lists as one term (`Secretary-General` /
    /// `Secretary General`, `U.S.` / `US`) and flags every use that is not the preferred
    /// one: the term's `prefer`, or else the form the draft uses most (ties go to the
    /// form the body uses over headline and caption, then to the first one used).
    /// Quotations are left alone.
    ///
    /// ## Why is this bad?
    /// A story that writes the same title two ways looks unedited, and readers wonder
    /// whether two different things are meant.
    ///
    /// ## Example
    /// ```text
    /// NATO Secretary General Jens Stoltenberg (caption)
    /// NATO Secretary-General Jens Stoltenberg received ... (body)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// NATO Secretary-General Jens Stoltenberg (caption)
    /// ```
    pub static META = ("title-variant", Severity::Warning);
}

/// The form a use stands for: the KB form it spells (ALL CAPS counts as the form).
fn canonical<'a>(written: &'a str, forms: &'a [String]) -> &'a str {
    forms
        .iter()
        .find(|f| f.as_str() == written)
        .or_else(|| forms.iter().find(|f| match_case(written, f) == written))
        .map_or(written, |f| f.as_str())
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
    for m in &cx.mentions.items {
        if let Target::Term(g, _) = m.target {
            if !m.inside_quote {
                groups.entry(g).or_default().push(m);
            }
        }
    }
    for (g, uses) in groups {
        let Some(term) = cx.kb.terms.get(g) else {
            continue;
        };
        let written = |m: &Mention| canonical(m.span.slice(cx.text), &term.forms).to_string();
        let preferred = match &term.prefer {
            Some(p) => p.clone(),
            None => {
                // (count, body count, -first offset): the last key breaks ties by first use.
                let mut tally: BTreeMap<String, (usize, usize, i64)> = BTreeMap::new();
                for m in &uses {
                    let e = tally
                        .entry(written(m))
                        .or_insert((0, 0, -(m.span.start as i64)));
                    e.0 += 1;
                    e.1 += usize::from(in_body(m, cx.article));
                }
                match tally.into_iter().max_by_key(|(_, k)| *k) {
                    Some((form, _)) => form,
                    None => continue,
                }
            }
        };
        let model = uses.iter().find(|m| written(m) == preferred);
        for m in &uses {
            let w = m.span.slice(cx.text);
            if written(m) == preferred {
                continue;
            }
            let replacement = match_case(w, &preferred);
            if replacement == w {
                continue;
            }
            let why = if term.prefer.is_some() {
                "house style".to_string()
            } else {
                "the form this draft uses most".to_string()
            };
            out.push(Finding {
                rule: META.id,
                severity: META.default_severity,
                span: m.span,
                message: format!("`{w}` is written `{replacement}` in {why}"),
                fixes: vec![Fix {
                    title: format!("Write `{replacement}`"),
                    edits: vec![Edit {
                        span: m.span,
                        replacement: replacement.clone(),
                    }],
                    safe: true,
                }],
                related: model
                    .map(|p| crate::lint::Related {
                        span: p.span,
                        message: format!("`{preferred}` is used here"),
                    })
                    .into_iter()
                    .collect::<Vec<Related>>(),
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

    const TERMS: &str = r#"
[[term]]
forms = ["Secretary-General", "Secretary General"]
prefer = "Secretary-General"

[[term]]
forms = ["U.S.", "US"]

[[term]]
forms = ["U.K.", "UK"]
"#;

    fn run(text: &str, a: &crate::article::Article) -> Vec<Finding> {
        run_check(text, a, &kb(TERMS)).1
    }

    fn run_check(
        text: &str,
        a: &crate::article::Article,
        kb: &crate::kb::Kb,
    ) -> (crate::mentions::Mentions, Vec<Finding>) {
        check_rule(super::check, text, a, kb, date("2022-01-12"))
    }

    #[test]
    fn preferred_form_from_the_kb_wins_even_in_the_minority() {
        let t = "The Secretary General met the Secretary General. The Secretary-General left.";
        let f = run(t, &article(t));
        assert_eq!(f.len(), 2);
        let (fixed, _) = apply_edits(
            t,
            &f.iter()
                .flat_map(|f| f.fixes[0].edits.clone())
                .collect::<Vec<_>>(),
        );
        assert_eq!(
            fixed,
            "The Secretary-General met the Secretary-General. The Secretary-General left."
        );
        assert_eq!(f[0].related.len(), 1);
    }

    #[test]
    fn without_preference_the_draft_majority_wins() {
        let t = "UK officials and UK troops met U.K. envoys.";
        let f = run(t, &article(t));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "U.K.");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "UK");
    }

    #[test]
    fn ties_go_to_the_body_over_the_caption() {
        let t = "A US envoy (caption).\n\nThe U.S. envoy spoke.";
        let mut a = article(t);
        set_kind(&mut a, 0, PartKind::Caption);
        let f = run(t, &a);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "US");
        // With both in the body, the first use wins.
        let f = run(t, &article(t));
        assert_eq!(f[0].span.slice(t), "U.S.");
    }

    #[test]
    fn quotations_and_consistent_drafts_are_left_alone() {
        let t = "“The US will not move,” said the U.S. envoy, and U.S. troops stayed.";
        assert!(run(t, &article(t)).is_empty());
        let t = "SECRETARY-GENERAL and Secretary-General agree.";
        assert!(run(t, &article(t)).is_empty());
    }

    #[test]
    fn all_caps_uses_get_an_all_caps_fix() {
        let t = "NATO SECRETARY GENERAL ARRIVES\n\nThe Secretary-General arrived.";
        let f = run(t, &article(t));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "SECRETARY-GENERAL");
    }

    #[test]
    fn seed_caption_secretary_general_and_us() {
        let kb = kb(SEED_KB);
        let a = seed_article();
        let (_, mut f) = run_check(SEED, &a, &kb);
        f.sort_by_key(|f| f.span.start);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.span.slice(SEED), f.fixes[0].edits[0].replacement.as_str()))
            .collect();
        assert_eq!(
            got,
            [("US", "U.S."), ("Secretary General", "Secretary-General")]
        );
        let caption = a.paragraphs[1].span;
        assert!(f.iter().all(|f| caption.covers(f.span)));
    }
}
