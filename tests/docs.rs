//! docs/rules.md is generated from the rules' doc comments (the one text that also feeds
//! `copydesk explain` and the server's diagnostic links): this test fails when it is out
//! of date, and rewrites it when run with `UPDATE_DOCS=1`.

use copydesk::lint::rules::ALL;
use std::path::Path;

/// How to silence one finding: the same in Markdown and plain text (`lint::suppress`).
const SUPPRESSING: &str = r#"
## Suppressing a finding

A deliberate anonymous quote, an epigraph or a quoted misspelling can be silenced where it
stands, in an HTML comment (invisible in rendered Markdown; in plain text a line of its own,
or the end of the line above):

```markdown
<!-- copydesk-disable-next-line unattributed-quote -- epigraph -->
“Journalism is printing what someone else does not want printed.”

<!-- copydesk-disable title-variant, name-variant -->
… a transcript quoted as published …
<!-- copydesk-enable -->
```

- `copydesk-disable-next-line RULE[, RULE]` silences findings that start on the next line
  holding text; `copydesk-disable RULE[, RULE]` silences them until a
  `copydesk-enable` (which ends every disable) or `copydesk-enable RULE` (which ends that
  rule's), or to the end of the draft. Naming no rule silences every rule.
- Text after ` -- ` is a note for the reader. Rules are separated by commas or spaces.
- Comments inside Markdown code (a fenced block, a `code span`) are not directives.
- A directive, or a rule named in one, that silences nothing is reported by
  [`unused-suppression`](#unused-suppression) (a hint), with a fix that removes it; so is
  a rule name that does not exist.
- The editor offers **Suppress RULE on this line** on every diagnostic: it adds the rule to a
  directive ending the line above, or appends one to the line above when that line is text
  of the same paragraph (so the paragraph is not split), or inserts a line of its own.
- Directives are applied inside the analysis, so `copydesk check` (every format), the
  language server and SARIF agree.
"#;

fn render() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rules' doc comments by tests/docs.rs; \
         run `UPDATE_DOCS=1 cargo test --test docs` after changing one. -->\n\n\
         `copydesk explain RULE` prints the same text. Severities can be changed per rule in \
         `copydesk.toml` (`[rules.<id>] severity = \"off\"`) or the editor setting \
         `copydesk.rules`.\n\n| rule | default severity | what it flags |\n| --- | --- | --- |\n",
    );
    let mut rules: Vec<_> = ALL.iter().collect();
    rules.sort_by_key(|r| r.meta.id);
    for r in &rules {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {sev} | {summary} |\n",
            id = r.meta.id,
            sev = r.meta.default_severity.as_str(),
            summary = r.meta.summary()
        ));
    }
    out.push_str(SUPPRESSING);
    for r in &rules {
        out.push_str(&format!(
            "\n## {}\n\nDefault severity: {}.\n\n",
            r.meta.id,
            r.meta.default_severity.as_str()
        ));
        // Rule docs use `##` sections; nest them under the rule's heading.
        for line in r.meta.doc.trim().lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            if line.starts_with("## ") {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn rules_md_matches_the_rules_doc_comments() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/rules.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn every_rule_doc_has_the_four_sections_and_a_kebab_case_id() {
    for r in ALL {
        let id = r.meta.id;
        assert!(
            id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{id} is not kebab-case"
        );
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(r.meta.doc.contains(section), "{id} lacks `{section}`");
        }
    }
}
