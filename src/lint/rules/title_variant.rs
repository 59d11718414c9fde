//! `title-variant`: a title or house-style term written in two forms in one draft, or, with
//! a house style on, in a form that style does not use.

use super::match_case;
use crate::article::{Article, PartKind};
use crate::declare_rule;
use crate::lint::{Context, Edit, Finding, Fix, Related, Severity};
use crate::mentions::{in_body, Mention, Target};
use std::collections::BTreeMap;

declare_rule! {
    /// Flags a title or term spelled two ways in one draft, or against the house style.
    ///
    /// ## What it does
    /// Groups the spellings the knowledge base lists as one term (`Secretary-General` /
    /// `Secretary General`, `U.S.` / `US`). By default it checks the draft against
    /// itself: only when the draft uses two forms of one term does it flag the ones it
    /// uses less (ties go to the form the body uses over headline and caption, then to the
    /// first one used). A story that writes `US` throughout is left alone. Headlines
    /// follow their own style (AP writes `US` in headlines and `U.S.` in text), so they
    /// count only against each other.
    ///
    /// With a house style on (`style = "ap"` or `"international"` in copydesk.toml,
    /// `--style`, the editor setting `style`, or a term file of the newsroom's), every
    /// use of a form the style does not prefer is flagged, even in a consistent draft;
    /// in headlines, against the style's headline form where it names one. Quotations
    /// are left alone, and so are transcript turns ("SMITH: We will…", verbatim speech),
    /// and a lower-case term written with a capital inside a sentence: it is part of a
    /// name ("Lenox Healthcare").
    ///
    /// Evidence: two forms of one KB term group in this draft's own text, or a house
    /// style the newsroom chose. The fix swaps the term for the preferred form.
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

/// The form a use stands for: the KB form it spells (ALL CAPS and a capital first letter
/// count as the form).
fn canonical<'a>(written: &'a str, forms: &'a [String]) -> &'a str {
    forms
        .iter()
        .find(|f| f.as_str() == written)
        .or_else(|| forms.iter().find(|f| match_case(written, f) == written))
        .map_or(written, |f| f.as_str())
}

/// A lower-case term written with a capital inside a sentence is part of a name or a
/// formal title ("Lenox Healthcare", "Senior Advisor"), not a use of the term.
fn in_a_name(cx: &Context, m: &Mention, group: usize, form: usize) -> bool {
    let Some(f) = cx.kb.terms.get(group).and_then(|t| t.forms.get(form)) else {
        return false;
    };
    let w = m.span.slice(cx.text);
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let all_caps = !w.chars().any(char::is_lowercase);
    if capital(f) || !capital(w) || all_caps {
        return false;
    }
    let from = m
        .paragraph
        .and_then(|i| cx.article.paragraphs.get(i))
        .map_or(0, |p| p.span.start.min(m.span.start));
    // What comes before it in the paragraph, openers (quote marks, brackets, dashes) and
    // closers after a full stop skipped: nothing, or the end of a sentence.
    let before = cx.text[from..m.span.start]
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘«([—–-".contains(c));
    let before = before.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let opens = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
    !opens
}

/// Whether the use sits in a transcript turn ("FALLIN: Well, I think…", "Q: Does…"): a
/// paragraph opened by a speaker's name in capitals and a colon holds verbatim speech,
/// which a desk does not restyle any more than a quotation.
fn in_transcript(cx: &Context, m: &Mention) -> bool {
    let Some(p) = m.paragraph.and_then(|i| cx.article.paragraphs.get(i)) else {
        return false;
    };
    let text = p.span.slice(cx.text);
    let Some((label, _)) = text.split_once(':') else {
        return false;
    };
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    (1..=30).contains(&label.chars().count())
        && letters >= 1
        && label
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || " .'-".contains(c))
        && label.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the use spells one of its group's forms (in its case or in capitals), not
/// merely a variant the name index folds to one ("health-care" for "health care").
fn spells_a_form(cx: &Context, m: &Mention, group: usize) -> bool {
    cx.kb.terms.get(group).is_some_and(|t| {
        let w = m.span.slice(cx.text);
        let c = canonical(w, &t.forms);
        t.forms.iter().any(|f| f == c)
    })
}

fn in_headline(m: &Mention, article: &Article) -> bool {
    m.paragraph
        .and_then(|p| article.paragraphs.get(p))
        .is_some_and(|p| p.kind == PartKind::Headline)
}

/// The form most of `uses` write: (count, body count, -first offset), so ties go to the
/// body, then to the first use. `None` when they all write one form.
fn majority(
    uses: &[&Mention],
    written: &dyn Fn(&Mention) -> String,
    a: &Article,
) -> Option<String> {
    let mut tally: BTreeMap<String, (usize, usize, i64)> = BTreeMap::new();
    for m in uses {
        let e = tally
            .entry(written(m))
            .or_insert((0, 0, -(m.span.start as i64)));
        e.0 += 1;
        e.1 += usize::from(in_body(m, a));
    }
    if tally.len() < 2 {
        return None;
    }
    tally.into_iter().max_by_key(|(_, k)| *k).map(|(f, _)| f)
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
    for m in &cx.mentions.items {
        if let Target::Term(g, f) = m.target {
            if !m.inside_quote
                && !in_transcript(cx, m)
                && !in_a_name(cx, m, g, f)
                && spells_a_form(cx, m, g)
            {
                groups.entry(g).or_default().push(m);
            }
        }
    }
    for (g, uses) in groups {
        let Some(term) = cx.kb.terms.get(g) else {
            continue;
        };
        let written = |m: &Mention| canonical(m.span.slice(cx.text), &term.forms).to_string();
        let (heads, rest): (Vec<&Mention>, Vec<&Mention>) =
            uses.iter().partition(|m| in_headline(m, cx.article));
        for (part, headline) in [(heads, true), (rest, false)] {
            if part.is_empty() {
                continue;
            }
            let choice = match (&term.prefer, headline) {
                (Some(p), false) => Some((p.clone(), house(term.style.as_deref(), false))),
                // A house style that names no headline form leaves headlines alone.
                (Some(_), true) => term
                    .headline
                    .clone()
                    .map(|h| (h, house(term.style.as_deref(), true))),
                (None, _) => majority(&part, &written, cx.article)
                    .map(|f| (f, "the form this draft uses most".to_string())),
            };
            let Some((preferred, why)) = choice else {
                continue;
            };
            let model = uses.iter().find(|m| written(m) == preferred);
            for m in &part {
                let w = m.span.slice(cx.text);
                if written(m) == preferred {
                    continue;
                }
                let replacement = match_case(w, &preferred);
                if replacement == w {
                    continue;
                }
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
                        // A term swap: the draft's own majority form, or the style's.
                        safe: true,
                    }],
                    related: model
                        .map(|p| Related {
                            span: p.span,
                            message: format!("`{preferred}` is used here"),
                        })
                        .into_iter()
                        .collect(),
                });
            }
        }
    }
}

/// "AP house style", "AP house style for headlines", "house style" (a KB file's own
/// preference, with no named style).
fn house(style: Option<&str>, headline: bool) -> String {
    let name = match style {
        Some(s) => format!("{s} house style"),
        None => "house style".to_string(),
    };
    if headline {
        format!("{name} for headlines")
    } else {
        name
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

    fn styled(style: &crate::kb::style::HouseStyle) -> crate::kb::Kb {
        crate::kb::Kb::from_files(crate::kb::style::builtin_files(style))
    }

    fn flagged(text: &str, a: &crate::article::Article, kb: &crate::kb::Kb) -> Vec<String> {
        run_check(text, a, kb)
            .1
            .iter()
            .map(|f| {
                format!(
                    "{} -> {}",
                    f.span.slice(text),
                    f.fixes[0].edits[0].replacement
                )
            })
            .collect()
    }

    #[test]
    fn by_default_a_draft_consistent_in_its_own_style_is_left_alone() {
        use crate::kb::style::HouseStyle;
        let kb = styled(&HouseStyle::Draft);
        let t = "US officials met UN envoys. The US delegation and the UN Secretary General left.";
        assert!(flagged(t, &article(t), &kb).is_empty());
        let t = "U.S. officials met U.N. envoys. The U.S. delegation left.";
        assert!(flagged(t, &article(t), &kb).is_empty());
        // Two forms in one draft: the minority is flagged, fixed to the draft's own form.
        let t = "US officials met U.S. envoys while U.S. troops waited.";
        assert_eq!(flagged(t, &article(t), &kb), ["US -> U.S."]);
    }

    #[test]
    fn headlines_count_only_against_headlines_without_a_house_style() {
        use crate::kb::style::HouseStyle;
        let kb = styled(&HouseStyle::Draft);
        let t = "US and Russia talk\n\nThe U.S. envoy spoke. U.S. troops stayed.";
        let mut a = article(t);
        set_kind(&mut a, 0, PartKind::Headline);
        assert!(flagged(t, &a, &kb).is_empty());
    }

    #[test]
    fn the_ap_preset_flags_consistent_forms_it_does_not_use_and_keeps_us_in_headlines() {
        use crate::kb::style::HouseStyle;
        let kb = styled(&HouseStyle::Preset("ap"));
        let t = "U.S. and UN talk\n\nThe US envoy walked towards the UN Secretary General. Advisors agreed.";
        let mut a = article(t);
        set_kind(&mut a, 0, PartKind::Headline);
        let mut got = run_check(t, &a, &kb).1;
        got.sort_by_key(|f| f.span.start);
        let pairs: Vec<String> = got
            .iter()
            .map(|f| format!("{} -> {}", f.span.slice(t), f.fixes[0].edits[0].replacement))
            .collect();
        // "Advisors" is no form of a term: only whole forms are checked.
        assert_eq!(
            pairs,
            [
                "U.S. -> US",
                "US -> U.S.",
                "towards -> toward",
                "UN -> U.N.",
                "Secretary General -> Secretary-General",
            ]
        );
        assert!(
            got[0].message.contains("AP house style for headlines"),
            "{}",
            got[0].message
        );
        assert!(
            got[1].message.contains("in AP house style"),
            "{}",
            got[1].message
        );
        assert!(got.iter().all(|f| f.fixes[0].safe));
    }

    #[test]
    fn a_capitalised_common_term_inside_a_sentence_is_a_name_not_a_use() {
        use crate::kb::style::HouseStyle;
        let kb = styled(&HouseStyle::Preset("ap"));
        let t = "He ran Lenox Healthcare for years. Healthcare costs rose, and healthcare was the issue. A health-care bill";
        let mut got = flagged(t, &article(t), &kb);
        got.sort();
        assert_eq!(
            got,
            ["Healthcare -> Health care", "healthcare -> health care"]
        );
        let f = run_check(t, &article(t), &kb).1;
        assert!(f
            .iter()
            .all(|f| f.span.start > t.find("costs").unwrap() - 12));
    }

    #[test]
    fn transcript_turns_are_verbatim_speech_and_left_alone() {
        use crate::kb::style::HouseStyle;
        let kb = styled(&HouseStyle::Preset("ap"));
        let t = "TAPPER: What now?\n\nSMITH: We move towards unity.\n\nQ: And towards Asia?\n\nThe senator leaned towards Trump.";
        assert_eq!(flagged(t, &article(t), &kb), ["towards -> toward"]);
        let f = run_check(t, &article(t), &kb).1;
        assert!(f[0].span.start > t.find("senator").unwrap());
        // A sentence that merely contains a colon is not a turn.
        let t = "Note this: the envoy walked towards the door.";
        assert_eq!(flagged(t, &article(t), &kb), ["towards -> toward"]);
    }

    #[test]
    fn a_capital_first_letter_is_kept_by_the_fix() {
        use crate::kb::style::HouseStyle;
        let kb = styled(&HouseStyle::Preset("ap"));
        let t = "Advisor Jane Roe spoke. The advisor left.";
        assert_eq!(
            flagged(t, &article(t), &kb),
            ["Advisor -> Adviser", "advisor -> adviser"]
        );
        let kb = styled(&HouseStyle::Preset("international"));
        let t = "Towards the end, 5 percent of U.S. voters moved.";
        let mut got = flagged(t, &article(t), &kb);
        got.sort();
        assert_eq!(got, ["U.S. -> US", "percent -> per cent"]);
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
