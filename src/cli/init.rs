//! `copydesk init [DIR]`: a commented `copydesk.toml` and a starter newsroom KB file
//! (`copydesk-kb.toml`, the file the editor's "Add to the workspace knowledge base" also
//! writes to), each created only if it does not exist: nothing is ever overwritten.

use std::io::Write;
use std::path::Path;

/// The schema URLs the files point Taplo / Even Better TOML at.
const SCHEMA_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/raw/main/schemas/");

fn config_text() -> String {
    format!(
        r#"#:schema {SCHEMA_BASE}copydesk.schema.json
# copydesk's configuration. The nearest copydesk.toml above a draft applies to it; the
# language server reads the one in each workspace folder. Reference: docs/cli.md.

# Knowledge-base files, relative to this directory, loaded after the starter KB built
# into copydesk (later files override earlier entries with the same id).
kb = ["copydesk-kb.toml"]

# House style for titles and terms: "ap", "international" (US, UN, per cent), or a file
# of [[term]] entries. Without one, a draft is only checked against itself.
# style = "ap"

# The date titles are checked against, when the draft's front matter gives none. A date
# in the dateline or caption loses to this one; --article-date wins over it.
# article_date = "2022-01-12"

# Which drafts to check (globs relative to this directory; a glob without `/` matches a
# name at any depth). Directory walks already skip .gitignore'd and hidden files.
# include = ["drafts", "wire/**/*.md"]
exclude = ["node_modules", "CHANGELOG.md"]

# Per-rule severity: off, hint, info, warning or error. `copydesk explain` lists the rules.
# [rules.first-reference]
# severity = "hint"
# [rules.unused-suppression]
# severity = "warning"        # make stale <!-- copydesk-disable --> comments fail CI

# Quotations shorter than this, with no sentence punctuation inside, are scare quotes.
# [quote]
# min_words = 4
"#
    )
}

fn kb_text() -> String {
    let today = crate::date::Date::today();
    format!(
        r#"#:schema {SCHEMA_BASE}kb.schema.json
# The newsroom's own knowledge base: people, organisations and house-style terms that
# the starter KB does not know, or that the desk writes its own way. Reference:
# docs/knowledge-base.md. Check it with `copydesk kb check copydesk-kb.toml`.

# The date these facts are known to: a role with no end date counts as held up to this
# day and no later. Move it on when you check the file again.
as_of = "{today}"

# [[person]]
# id = "ann-example"                 # lowercase a-z, digits and -
# name = "Ann Example"               # the preferred full form
# aliases = ["Example"]              # other accepted forms
# variants = ["Anne Example"]        # known wrong spellings: flagged and fixed
# pronouns = "she"
#   [[person.role]]
#   title = "spokeswoman"
#   org = "city-council"
#   start = "2021-05-01"
#   source = "https://example.org/who-is-who"

[[organization]]
id = "newsroom"
name = "The Newsroom"                 # rename: your own organisation
aliases = []

# House style: these spellings must agree within a draft; `prefer` picks the form.
[[term]]
forms = ["e-mail", "email"]
prefer = "email"
"#
    )
}

pub fn run(dir: &Path) -> anyhow::Result<i32> {
    if !dir.is_dir() {
        eprintln!("copydesk: {}: not a directory", dir.display());
        return Ok(2);
    }
    let mut failed = false;
    for (name, text) in [
        (crate::config::FILE_NAME, config_text()),
        ("copydesk-kb.toml", kb_text()),
    ] {
        let path = dir.join(name);
        // create_new: an existing file (or one made meanwhile) is left alone.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                eprintln!("wrote {}", path.display());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!("{} exists; left as it is", path.display());
            }
            Err(e) => {
                eprintln!("copydesk: {}: {e}", path.display());
                failed = true;
            }
        }
    }
    Ok(if failed { 2 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_files_parse_as_a_config_and_a_kb() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(run(d.path()).unwrap(), 0);
        let c = crate::config::Config::load(&d.path().join("copydesk.toml")).unwrap();
        assert_eq!(c.kb, vec![d.path().join("copydesk-kb.toml")]);
        let kb =
            crate::config::load_kb(false, &crate::kb::style::HouseStyle::Draft, &c.kb).unwrap();
        assert_eq!(kb.organizations.len(), 1);
        // A second run leaves both files as they are.
        std::fs::write(d.path().join("copydesk.toml"), "# mine\n").unwrap();
        assert_eq!(run(d.path()).unwrap(), 0);
        assert_eq!(
            std::fs::read_to_string(d.path().join("copydesk.toml")).unwrap(),
            "# mine\n"
        );
    }
}
