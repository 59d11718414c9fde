//! `mixed-quote-style`: straight and curly quote marks or apostrophes in one draft.

use crate::article::{Article, PartKind, QuoteStyle, StrayMark};
use crate::declare_rule;
use crate::lint::{Context, Edit, Finding, Fix, Severity};
use crate::text::Span;
use std::collections::HashMap;

declare_rule! {
    /// Straight and curly quotation marks or apostrophes mixed in one draft.
    ///
    /// ## What it does
    /// Counts the quotation marks and apostrophes of the story (site furniture after the
    /// credits is left out) and flags each one written in the minority style: a straight
    /// `'` or `"` in a draft that mostly uses curly ones, or the reverse. The fix converts
    /// the mark to the draft's majority style (curly wins a tie). Only the mark changes,
    /// never the quoted words. The fix is marked safe when the mark's role is certain (an
    /// apostrophe, a mark of a matched quotation) and, when the mark is made straight, the
    /// straight mark cannot pair differently (an apostrophe between letters, or a mark of a
    /// quotation that neither nests nor holds another); other conversions are offered but
    /// not applied by `--fix`.
    ///
    /// ## Why is this bad?
    /// House style uses one kind of mark. Mixed marks betray copy pasted from elsewhere
    /// and look careless in print; in search and in some systems straight and curly
    /// apostrophes do not even match (`Alliance's` vs `alliance’s`).
    ///
    /// ## Example
    /// ```text
    /// “We are committed,” she said at the Alliance's headquarters.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “We are committed,” she said at the Alliance’s headquarters.
    /// ```
    pub static META = ("mixed-quote-style", Severity::Info);
}

fn is_straight(style: QuoteStyle) -> bool {
    matches!(
        style,
        QuoteStyle::StraightDouble | QuoteStyle::StraightSingle
    )
}

/// Opening, closing, or unknown (a stray mark's role is a guess).
enum Role {
    Apostrophe,
    Open { certain: bool },
    Close { certain: bool },
}

/// Where each mark's role is recorded, so asking per mark stays O(1): the first stray
/// mark at a span, and the first quotation (by index) reopening or closing at a span.
struct Roles<'a> {
    stray: HashMap<Span, &'a StrayMark>,
    reopen: HashMap<Span, usize>,
    close: HashMap<Span, usize>,
}

impl<'a> Roles<'a> {
    fn new(article: &'a Article) -> Self {
        let mut r = Roles {
            stray: HashMap::new(),
            reopen: HashMap::new(),
            close: HashMap::new(),
        };
        for s in &article.stray_marks {
            r.stray.entry(s.span).or_insert(s);
        }
        for (i, q) in article.quotes.iter().enumerate() {
            for &o in &q.reopen {
                r.reopen.entry(o).or_insert(i);
            }
            if let Some(c) = q.close {
                r.close.entry(c).or_insert(i);
            }
        }
        r
    }
}

fn role(article: &Article, roles: &Roles, span: Span, apostrophe: bool) -> Role {
    if apostrophe {
        return Role::Apostrophe;
    }
    if let Some(s) = roles.stray.get(&span) {
        return if s.opening {
            Role::Open { certain: false }
        } else {
            Role::Close { certain: false }
        };
    }
    let i = article
        .quotes
        .partition_point(|q| q.open.start < span.start);
    // The mark opens the quotation starting there, or closes/reopens an earlier one.
    if article.quotes.get(i).is_some_and(|q| q.open == span) {
        return Role::Open { certain: true };
    }
    if roles.reopen.get(&span).is_some_and(|&k| k < i) {
        return Role::Open { certain: true };
    }
    Role::Close {
        certain: roles.close.get(&span).is_some_and(|&k| k < i),
    }
}

fn replacement(style: QuoteStyle, role: &Role, to_curly: bool) -> Option<(&'static str, bool)> {
    let double = matches!(style, QuoteStyle::StraightDouble | QuoteStyle::CurlyDouble);
    if !to_curly {
        return Some((if double { "\"" } else { "'" }, true));
    }
    Some(match (double, role) {
        (_, Role::Apostrophe) if !double => ("’", true),
        (_, Role::Apostrophe) => return None,
        (true, Role::Open { certain }) => ("“", *certain),
        (true, Role::Close { certain }) => ("”", *certain),
        (false, Role::Open { certain }) => ("‘", *certain),
        (false, Role::Close { certain }) => ("’", *certain),
    })
}

/// Whether making this mark straight leaves every quotation quoting what it quoted. A
/// straight mark has no direction, so the parser pairs it by position: that is only sure
/// for an apostrophe between letters, or a mark of a matched quotation that neither sits
/// inside another quotation nor holds one (`"a “b” c"` made straight would re-pair).
fn straight_keeps_pairs(cx: &Context, span: Span, role: &Role) -> bool {
    let article = cx.article;
    match role {
        Role::Apostrophe => {
            let before = cx.text[..span.start].chars().next_back();
            let after = cx.text[span.end..].chars().next();
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphabetic)
        }
        Role::Open { certain } | Role::Close { certain } => {
            *certain
                && article
                    .quotes
                    .iter()
                    .enumerate()
                    .find(|(_, q)| {
                        q.open == span || q.close == Some(span) || q.reopen.contains(&span)
                    })
                    .is_some_and(|(i, q)| {
                        q.close.is_some()
                            && q.parent.is_none()
                            && !article.quotes.iter().any(|o| o.parent == Some(i))
                    })
        }
    }
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let article = cx.article;
    let story = |span: Span| {
        article
            .paragraph_at(span.start)
            .is_some_and(|p| article.paragraphs[p].kind != PartKind::Trailer)
    };
    let marks: Vec<&(Span, QuoteStyle, bool)> = article
        .marks
        .iter()
        .filter(|m| m.1 != QuoteStyle::Guillemet && story(m.0))
        .collect();
    let straight = marks.iter().filter(|m| is_straight(m.1)).count();
    let curly = marks.len() - straight;
    if straight == 0 || curly == 0 {
        return;
    }
    let to_curly = curly >= straight;
    let (majority, minority) = if to_curly {
        ("curly", "straight")
    } else {
        ("straight", "curly")
    };
    let roles = Roles::new(article);
    for &&(span, style, apostrophe) in &marks {
        if is_straight(style) != to_curly {
            continue;
        }
        let role = role(article, &roles, span, apostrophe);
        let what = if apostrophe {
            "apostrophe"
        } else {
            "quotation mark"
        };
        let mut fixes = vec![];
        if let Some((to, safe)) = replacement(style, &role, to_curly) {
            let safe = safe && (to_curly || straight_keeps_pairs(cx, span, &role));
            fixes.push(Fix {
                title: format!("Use {to}"),
                edits: vec![Edit {
                    span,
                    replacement: to.to_string(),
                }],
                safe,
            });
        }
        out.push(Finding {
            rule: META.id,
            severity: META.default_severity,
            span,
            message: format!(
                "{minority} {what} in a draft that mostly uses {majority} ones ({curly} curly, {straight} straight)"
            ),
            fixes,
            related: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Options};
    use crate::kb::Kb;
    use crate::lint::{apply_edits, Edit, Finding};

    fn findings(text: &str) -> Vec<Finding> {
        analyze(text, &Kb::default(), &Options::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "mixed-quote-style")
            .collect()
    }

    fn fixed(text: &str) -> String {
        let edits: Vec<Edit> = findings(text)
            .into_iter()
            .flat_map(|f| f.fixes)
            .filter(|f| f.safe)
            .flat_map(|f| f.edits)
            .collect();
        apply_edits(text, &edits).0
    }

    #[test]
    fn a_straight_apostrophe_among_curly_marks_is_converted() {
        let t = "Talks open\n\n“We are committed,” she said at the Alliance's headquarters in Russia’s view.";
        let f = findings(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(t), "'");
        assert!(f[0].message.contains("straight apostrophe"));
        assert_eq!(
            fixed(t),
            "Talks open\n\n“We are committed,” she said at the Alliance’s headquarters in Russia’s view."
        );
    }

    #[test]
    fn straight_quotes_in_a_curly_draft_become_curly_without_touching_the_words() {
        let t =
            "Talks open\n\n“It’s over,” she said. “Isn’t it?” he asked. \"We're done,\" they said.";
        assert_eq!(
            fixed(t),
            "Talks open\n\n“It’s over,” she said. “Isn’t it?” he asked. “We’re done,” they said."
        );
    }

    #[test]
    fn a_curly_minority_becomes_straight() {
        let t = "Talks open\n\n\"It's over,\" she said. \"Isn't it?\" he asked. Russia’s view.";
        assert_eq!(
            fixed(t),
            "Talks open\n\n\"It's over,\" she said. \"Isn't it?\" he asked. Russia's view."
        );
    }

    #[test]
    fn a_curly_mark_that_would_re_pair_when_straight_gets_an_unsafe_fix() {
        // Straight, the nested “ would close the outer quotation early.
        let t = "Talks open\n\n\"He called it “a farce” today,\" she said. \"Yes,\" he said.";
        let f = findings(t);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| !f.fixes[0].safe), "{f:?}");
        assert_eq!(fixed(t), t);
        // An apostrophe not between letters could be read as a quotation mark.
        let t = "Talks open\n\n\"It's over,\" she said. \"Isn't it?\" in the ’90s.";
        assert!(findings(t).iter().all(|f| !f.fixes[0].safe));
    }

    #[test]
    fn one_style_throughout_is_not_flagged() {
        assert!(findings("Talks\n\n“It’s over,” she said.").is_empty());
        assert!(findings("Talks\n\n\"It's over,\" she said.").is_empty());
    }

    #[test]
    fn a_stray_straight_mark_gets_an_unsafe_fix() {
        let t = "Talks open\n\n“It’s over,” she said. “Isn’t it?” he asked. He left.\"";
        let f = findings(t);
        assert_eq!(f.len(), 1);
        assert!(!f[0].fixes[0].safe);
    }
}
