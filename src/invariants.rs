//! Properties every analysis must keep whatever the text, checked by the fuzz targets
//! (`fuzz/`) and the property tests (`tests/properties.rs`): spans inside the text on char
//! boundaries, fixes that apply cleanly and never change a quotation's words (swapping a
//! straight mark for a curly one is allowed), `--fix` that is idempotent, and incremental
//! re-analysis equal to a fresh analysis. A test aid shared by both, not an API, hence
//! hidden from the docs.

use crate::analysis::{analyze, Analysis, Incremental, Options};
use crate::cli::fix_text;
use crate::kb::Kb;
use crate::lint::{apply_edits, Edit, Finding};
use crate::text::Span;

fn span_ok(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn check_span(text: &str, s: Span, what: &str) -> Result<(), String> {
    if span_ok(text, s) {
        Ok(())
    } else {
        Err(format!(
            "{what} {}..{} is not on char boundaries of a {}-byte text",
            s.start,
            s.end,
            text.len()
        ))
    }
}

/// Quotation marks and apostrophes, straight and curly.
use crate::article::QUOTE_MARKS as MARKS;

/// One mark swapped for another (`'` → `’`): `mixed-quote-style` may do that inside a
/// quotation, since it changes the glyph, not the quoted words.
fn is_mark_swap(text: &str, e: &Edit) -> bool {
    let one_mark = |s: &str| {
        let mut cs = s.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if MARKS.contains(&c))
    };
    one_mark(e.span.slice(text)) && one_mark(&e.replacement)
}

/// True when edit `e` would change the words of a quotation: it overlaps them, or (an
/// insertion) falls strictly between the marks. Swapping one mark for another is not a
/// change of words.
fn touches_quote(text: &str, a: &Analysis, e: &Edit) -> bool {
    if is_mark_swap(text, e) {
        return false;
    }
    let s = e.span;
    a.article.quotes.iter().any(|q| {
        q.inner.overlaps(s)
            || (s.is_empty() && q.inner.start < s.start && s.start < q.inner.end)
            || (q.span.covers(s) && !s.is_empty() && q.span != s)
    })
}

/// Successive versions of a draft analysed by one [`Incremental`] engine (memos warm from
/// the versions before) give exactly what a fresh [`analyze`] gives for each version.
pub fn check_incremental(
    versions: &[String],
    kb: &std::sync::Arc<Kb>,
    options: &Options,
) -> Result<(), String> {
    let mut engine = Incremental::new();
    for (i, text) in versions.iter().enumerate() {
        let warm = format!("{:?}", engine.analyze(text, kb, options));
        let cold = format!("{:?}", analyze(text, kb, options));
        if warm != cold {
            return Err(format!(
                "incremental analysis differs from a full one at version {i}\ntext: {text:?}"
            ));
        }
    }
    Ok(())
}

/// Every span an analysis hands out lies inside `text` on char boundaries; every fix's
/// edits apply cleanly (in range, on boundaries, not overlapping each other) and no safe
/// fix touches a quotation.
pub fn check_spans_and_fixes(text: &str, a: &Analysis) -> Result<(), String> {
    for q in &a.article.quotes {
        check_span(text, q.span, "quotation")?;
        check_span(text, q.inner, "quotation inner")?;
    }
    for m in &a.mentions.items {
        check_span(text, m.span, "mention")?;
    }
    for f in &a.findings {
        check_span(text, f.span, f.rule)?;
        for r in &f.related {
            check_span(text, r.span, "related span")?;
        }
        for fix in &f.fixes {
            for e in &fix.edits {
                check_span(text, e.span, "fix edit")?;
            }
            let (_, n) = apply_edits(text, &fix.edits);
            if n != fix.edits.len() {
                return Err(format!(
                    "{}: fix `{}` applied {n} of {} edits",
                    f.rule,
                    fix.title,
                    fix.edits.len()
                ));
            }
            if fix.safe {
                if let Some(e) = fix.edits.iter().find(|e| touches_quote(text, a, e)) {
                    return Err(format!(
                        "{}: safe fix `{}` edits {:?} inside a quotation",
                        f.rule,
                        fix.title,
                        e.span.slice(text)
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A safe fix never changes the words of a person mention into a KB person's name unless
/// the resolver tied that KB person to a mention somewhere in this draft: `--fix` must
/// not turn `David Green` into `David Damian Green` or `Tom Rutte` into `Mark Rutte`.
/// (A misspelling may be fixed to the spelling the draft gives that person elsewhere.)
pub fn check_person_fixes(text: &str, a: &Analysis, kb: &Kb) -> Result<(), String> {
    use crate::mentions::Target;
    let linked: std::collections::HashSet<usize> = a
        .mentions
        .items
        .iter()
        .filter_map(|m| match m.target {
            Target::Person(id) if m.resolution.is_confident() => Some(id),
            _ => None,
        })
        .collect();
    for f in &a.findings {
        for fix in f.fixes.iter().filter(|x| x.safe) {
            for e in &fix.edits {
                let touches_person = a
                    .mentions
                    .overlapping(e.span)
                    .any(|m| m.is_person() && m.form != crate::mentions::Form::Pronoun);
                if !touches_person {
                    continue;
                }
                for &id in kb.people_named(e.replacement.trim()) {
                    if !linked.contains(&id) {
                        return Err(format!(
                            "{}: safe fix `{}` writes {:?} over {:?}, the name of {} whom the draft never names",
                            f.rule,
                            fix.title,
                            e.replacement,
                            e.span.slice(text),
                            kb.people[id].name
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Applies, byte by byte, the edits of every safe fix that does not overlap an earlier
/// one, and checks the bytes are still UTF-8.
pub fn apply_safe_fixes_as_bytes(text: &str, findings: &[Finding]) -> Result<String, String> {
    let mut edits: Vec<&Edit> = Vec::new();
    for f in findings {
        for fix in f.fixes.iter().filter(|x| x.safe) {
            let clash = fix.edits.iter().any(|e| {
                edits
                    .iter()
                    .any(|t| t.span.overlaps(e.span) || t.span.start == e.span.start)
            });
            if !clash {
                edits.extend(fix.edits.iter());
            }
        }
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        if e.span.start < pos {
            continue;
        }
        out.extend_from_slice(&text.as_bytes()[pos..e.span.start]);
        out.extend_from_slice(e.replacement.as_bytes());
        pos = e.span.end;
    }
    out.extend_from_slice(&text.as_bytes()[pos..]);
    String::from_utf8(out).map_err(|e| format!("safe fixes left invalid UTF-8: {e}"))
}

fn quoted(text: &str, a: &Analysis) -> String {
    a.article.quoted_words(text)
}

/// Everything above, then `--fix` twice: the second run changes nothing, and the fixed
/// text quotes exactly what the original quoted.
pub fn check_text(text: &str, kb: &Kb, options: &Options) -> Result<(), String> {
    let a = analyze(text, kb, options);
    check_spans_and_fixes(text, &a)?;
    check_person_fixes(text, &a, kb)?;
    apply_safe_fixes_as_bytes(text, &a.findings)?;
    let (fixed, applied) = fix_text(text, kb, options);
    if applied.is_empty() {
        return if fixed == text {
            Ok(())
        } else {
            Err("--fix changed the text without applying a fix".into())
        };
    }
    let b = analyze(&fixed, kb, options);
    check_spans_and_fixes(&fixed, &b)?;
    let (again, more) = fix_text(&fixed, kb, options);
    if again != fixed || !more.is_empty() {
        let rules: Vec<&str> = more.iter().map(|m| m.rule).collect();
        return Err(format!(
            "--fix is not idempotent: a second run applied {rules:?}\nfirst: {fixed:?}\nsecond: {again:?}"
        ));
    }
    if quoted(text, &a) != quoted(&fixed, &b) {
        return Err(format!(
            "--fix changed quoted words: {:?} became {:?}",
            quoted(text, &a),
            quoted(&fixed, &b)
        ));
    }
    Ok(())
}
