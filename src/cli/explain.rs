//! `copydesk explain [RULE]`: a rule's documentation, or the list of every rule. The text
//! is the rule's own doc comment, so the CLI, SARIF and the server say the same thing.

use crate::lint::{self, RuleMeta};

pub fn run(rule: Option<&str>) -> anyhow::Result<i32> {
    let mut out = String::new();
    match rule {
        Some(id) => match lint::rule(id) {
            Some(r) => out.push_str(&explain(r.meta)),
            None => {
                eprintln!("copydesk: {}", unknown_rule_message(id));
                return Ok(2);
            }
        },
        None => out.push_str(&list()),
    }
    super::write_stdout(|w| w.write_all(out.as_bytes()))?;
    Ok(0)
}

pub fn unknown_rule_message(id: &str) -> String {
    let known: Vec<&str> = lint::rules::ALL.iter().map(|r| r.meta.id).collect();
    let mut msg = format!("there is no rule `{id}`; known rules: ");
    if known.is_empty() {
        msg.push_str("(none registered)");
    } else {
        msg.push_str(&known.join(", "));
    }
    msg
}

/// One rule's page: a header with its id and default severity, then its doc.
pub fn explain(meta: &RuleMeta) -> String {
    format!(
        "{} (default severity: {})\n\n{}\n",
        meta.id,
        meta.default_severity.as_str(),
        doc_text(meta).trim_end()
    )
}

/// Every rule: id, default severity, summary; aligned.
pub fn list() -> String {
    let width = lint::rules::ALL
        .iter()
        .map(|r| r.meta.id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for r in lint::rules::ALL {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            r.meta.id,
            r.meta.default_severity.as_str(),
            summary(r.meta),
        ));
    }
    out.push_str(&format!(
        "\n{} rules. `copydesk explain RULE` prints one rule's documentation.\n",
        lint::rules::ALL.len()
    ));
    out
}

/// The doc comment without the one space `///` leaves at the start of every line.
pub fn doc_text(meta: &RuleMeta) -> String {
    let lines: Vec<&str> = meta.doc.lines().collect();
    let all_spaced = lines.iter().all(|l| l.is_empty() || l.starts_with(' '));
    let mut out = String::new();
    for l in lines {
        out.push_str(if all_spaced {
            l.strip_prefix(' ').unwrap_or(l)
        } else {
            l
        });
        out.push('\n');
    }
    out.trim().to_string() + "\n"
}

/// A one-line summary: the doc's first line, or, when the doc opens with a heading, the
/// first line of its first section.
pub fn summary(meta: &RuleMeta) -> String {
    let first = meta.summary();
    if first.starts_with('#') {
        let section = first_section(&doc_text(meta));
        section.lines().next().unwrap_or("").trim().to_string()
    } else {
        first.to_string()
    }
}

fn strip_heading(line: &str) -> &str {
    line.trim_start_matches('#').trim()
}

/// The text of the doc's first section (normally "What it does"), without its heading;
/// the whole summary line when the doc has no headings.
pub fn first_section(doc: &str) -> String {
    let mut body = Vec::new();
    let mut in_section = false;
    for l in doc.lines() {
        if l.trim_start().starts_with('#') {
            if in_section {
                break;
            }
            in_section = true;
            continue;
        }
        if in_section {
            body.push(l);
        }
    }
    let text = body.join("\n").trim().to_string();
    if text.is_empty() {
        doc.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(strip_heading)
            .unwrap_or("")
            .to_string()
    } else {
        text
    }
}

/// `unattributed-quote` → `UnattributedQuote`, the SARIF `name` convention.
pub fn camel_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Severity;

    crate::declare_rule! {
        /// ## What it does
        /// Flags a quotation with no speaker.
        ///
        /// ## Why is this bad?
        /// Readers cannot weigh a quote without knowing who said it.
        pub static SAMPLE = ("sample-rule", Severity::Warning);
    }

    #[test]
    fn explain_prints_the_header_and_the_dedented_doc() {
        let page = explain(&SAMPLE);
        assert!(
            page.starts_with("sample-rule (default severity: warning)\n\n## What it does\nFlags")
        );
        assert!(page.contains("\n## Why is this bad?\nReaders"));
    }

    #[test]
    fn the_first_section_is_the_what_it_does_text() {
        assert_eq!(
            first_section(&doc_text(&SAMPLE)),
            "Flags a quotation with no speaker."
        );
        assert_eq!(first_section("Just one line.\n"), "Just one line.");
    }

    #[test]
    fn the_summary_skips_a_leading_heading() {
        assert_eq!(summary(&SAMPLE), "Flags a quotation with no speaker.");
    }

    #[test]
    fn rule_ids_become_camel_case_names() {
        assert_eq!(camel_name("unattributed-quote"), "UnattributedQuote");
    }

    #[test]
    fn the_list_names_every_registered_rule() {
        let l = list();
        for r in lint::rules::ALL {
            assert!(l.contains(r.meta.id));
        }
        assert!(l.contains(&format!("{} rules.", lint::rules::ALL.len())));
    }

    #[test]
    fn an_unknown_id_names_the_known_ones() {
        let m = unknown_rule_message("nope");
        assert!(m.contains("there is no rule `nope`"));
        for r in lint::rules::ALL {
            assert!(m.contains(r.meta.id));
        }
    }
}
