//! `copydesk.toml`: KB paths, rule severities, article date, quote threshold; found by
//! walking up from the checked file. Also where configuration and command-line flags meet:
//! [`effective`] turns both into analysis options and a KB load order, [`load_kb`] loads it.

use crate::analysis::Options;
use crate::date::Date;
use crate::files::lexical_absolute;
use crate::kb::style::{self, HouseStyle};
use crate::kb::{self, Kb, KbError};
use crate::lint::{self, Severity};
use crate::text::LineIndex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// The file name looked for when walking up.
pub const FILE_NAME: &str = "copydesk.toml";

/// A parsed `copydesk.toml`, with KB paths resolved against its directory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Where the file was read from, if anywhere.
    pub path: Option<PathBuf>,
    pub kb: Vec<PathBuf>,
    pub severities: BTreeMap<String, Option<Severity>>,
    pub article_date: Option<Date>,
    pub quote_min_words: Option<usize>,
    /// `style = "ap"`, `"international"`, `"draft"` or a term file (resolved against the
    /// file's directory).
    pub style: Option<HouseStyle>,
    /// `include` / `exclude` globs, relative to the file's directory (None: neither set).
    pub files: Option<crate::files::Filter>,
}

/// A `copydesk.toml` that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    /// 1-based; 0 when the problem has no position.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// `path:line:column: message`, or `path: message` when the problem has no position.
impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

/// The file as written. Every key is spelled out so that a typo is an error, not a
/// setting silently ignored. The doc comments are the descriptions in
/// `schemas/copydesk.schema.json` ([`json_schema`]).
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "copydesk.toml",
    description = "copydesk's configuration: KB files, rule severities, the article date, quotation threshold and which drafts to check. Found by walking up from the checked draft; the nearest wins."
)]
struct RawConfig {
    /// KB files (TOML, or JSON when named *.json), relative to this file's directory and
    /// inside it; loaded after the starter KB, later files overriding earlier entries
    /// with the same id.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    kb: Option<Spanned<Vec<Spanned<String>>>>,
    /// Per-rule settings: `[rules.<id>] severity = "off"`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawRule>")]
    rules: BTreeMap<Spanned<String>, RawRule>,
    /// The date titles are checked against (YYYY-MM-DD). Front matter `date:` wins over
    /// it; it wins over a date read from the dateline or a caption; --article-date wins
    /// over this.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    article_date: Option<Spanned<toml::Value>>,
    /// Quotation settings.
    #[serde(default)]
    quote: Option<RawQuote>,
    /// The house style `title-variant` checks terms against: "ap", "international" (or
    /// "british"), "draft" (the default: the draft checked only against itself), or the
    /// path of a term file, relative to this file's directory.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    style: Option<Spanned<String>>,
    /// Globs (relative to this file's directory): only drafts matching one are checked.
    /// Without `/` a glob matches a name at any depth; `**` crosses directories.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    include: Option<Vec<Spanned<String>>>,
    /// Globs (relative to this file's directory): drafts and directories matching one are
    /// not checked (`node_modules`, `docs/`, `CHANGELOG.md`).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    exclude: Option<Vec<Spanned<String>>>,
}

/// A severity as written in copydesk.toml.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // only its schema is used
enum SeverityName {
    Off,
    Hint,
    Info,
    Warning,
    Error,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawRule {
    /// `off`, or the level the rule's findings are reported at.
    #[schemars(with = "SeverityName")]
    severity: Spanned<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    /// Quotations shorter than this, with no sentence punctuation inside, are scare
    /// quotes and are not checked for attribution (default 4).
    #[schemars(with = "u32", range(min = 1))]
    min_words: Spanned<i64>,
}

/// The JSON Schema of `copydesk.toml` (for Taplo / Even Better TOML): `rules` lists every
/// registered rule id, so editors complete them.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(RawConfig)).unwrap_or_default();
    let rule_ref = schema["properties"]["rules"]["additionalProperties"].clone();
    let mut props = serde_json::Map::new();
    for r in lint::rules::ALL {
        let mut s = rule_ref.clone();
        if let Some(o) = s.as_object_mut() {
            o.insert(
                "description".into(),
                format!(
                    "{} (default: {})",
                    r.meta.summary(),
                    r.meta.default_severity.as_str()
                )
                .into(),
            );
        }
        props.insert(r.meta.id.to_string(), s);
    }
    schema["properties"]["rules"]["properties"] = props.into();
    schema["properties"]["rules"]["additionalProperties"] = false.into();
    schema
}

impl Config {
    /// Parses a `copydesk.toml`'s text; relative KB paths resolve against `path`'s directory.
    ///
    /// A KB path must be relative and stay inside that directory (also through symlinks,
    /// when the file exists): a config found by walking up may come from anyone's checkout,
    /// so it may not point the tool at files elsewhere. Absolute paths belong on the
    /// command line (`--kb`) or in editor settings.
    pub fn parse_str(src: &str, path: &Path) -> Result<Config, ConfigError> {
        let known: Vec<&str> = lint::rules::ALL.iter().map(|r| r.meta.id).collect();
        parse_with_rules(src, path, &known)
    }

    /// Reads and parses a `copydesk.toml`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let src = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read the file: {e}"),
        })?;
        Config::parse_str(&src, path)
    }

    /// Finds the nearest `copydesk.toml` walking up from `start` (a file or directory) to
    /// the filesystem root. A `copydesk.toml` that is a symlink is skipped: following it
    /// could read a file outside the tree being checked.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        match find_config_file(start) {
            Some(path) => Config::load(&path).map(Some),
            None => Ok(None),
        }
    }
}

/// The nearest regular (non-symlink) `copydesk.toml` at or above `start`'s directory.
pub fn find_config_file(start: &Path) -> Option<PathBuf> {
    let start = lexical_absolute(start);
    // A start that is a directory is searched itself; a file (or a path that does not
    // exist yet, like stdin's stand-in) is searched from its parent.
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if let Ok(meta) = std::fs::symlink_metadata(&candidate) {
            if meta.file_type().is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

fn parse_with_rules(src: &str, path: &Path, known: &[&str]) -> Result<Config, ConfigError> {
    let lines = LineIndex::new(src);
    let err_at = |offset: Option<usize>, message: String| {
        let (line, column) = match offset {
            Some(o) => lines.line_col(src, o),
            None => (0, 0),
        };
        ConfigError {
            path: path.display().to_string(),
            line,
            column,
            message,
        }
    };
    let raw: RawConfig = toml::from_str(src).map_err(|e| {
        err_at(
            e.span().map(|s| s.start),
            plain_toml_message(e.message(), known),
        )
    })?;

    let base = path.parent().unwrap_or(Path::new(""));
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };

    if let Some(kb) = raw.kb {
        for entry in kb.into_inner() {
            if entry.get_ref().trim().is_empty() {
                return Err(err_at(
                    Some(entry.span().start),
                    "a KB path is empty".into(),
                ));
            }
            let full = inside_config_dir(entry.get_ref(), base, "KB path", "--kb")
                .map_err(|m| err_at(Some(entry.span().start), m))?;
            config.kb.push(full);
        }
    }

    if let Some(st) = raw.style {
        let at = Some(st.span().start);
        let parsed = HouseStyle::parse(st.get_ref(), Path::new("")).map_err(|m| err_at(at, m))?;
        config.style = Some(match parsed {
            HouseStyle::File(rel) => HouseStyle::File(
                inside_config_dir(&rel.to_string_lossy(), base, "style file", "--style")
                    .map_err(|m| err_at(at, m))?,
            ),
            other => other,
        });
    }

    if raw.include.is_some() || raw.exclude.is_some() {
        let strings = |v: &Option<Vec<Spanned<String>>>| -> Vec<String> {
            v.iter().flatten().map(|s| s.get_ref().clone()).collect()
        };
        let (include, exclude) = (strings(&raw.include), strings(&raw.exclude));
        let filter = crate::files::Filter::new(base, &include, &exclude).map_err(|e| {
            let list = if e.list == "include" {
                &raw.include
            } else {
                &raw.exclude
            };
            let at = list
                .as_ref()
                .and_then(|l| l.get(e.index))
                .map(|s| s.span().start);
            err_at(at, format!("{}: {}", e.list, e.message))
        })?;
        config.files = Some(filter);
    }

    for (id, rule) in raw.rules {
        if !known.contains(&id.get_ref().as_str()) {
            return Err(err_at(
                Some(id.span().start),
                format!(
                    "there is no rule `{}`; known rules: {}",
                    id.get_ref(),
                    known_list(known)
                ),
            ));
        }
        let level = Severity::parse_level(rule.severity.get_ref())
            .map_err(|m| err_at(Some(rule.severity.span().start), m))?;
        config.severities.insert(id.into_inner(), level);
    }

    if let Some(date) = raw.article_date {
        let at = Some(date.span().start);
        let parsed = match date.get_ref() {
            toml::Value::String(s) => Date::parse(s).filter(|_| is_full_date(s)),
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => Date::new(i32::from(d.year), d.month, d.day),
                _ => None,
            },
            _ => None,
        };
        config.article_date = Some(parsed.ok_or_else(|| {
            err_at(
                at,
                "article_date must be a calendar date written YYYY-MM-DD, e.g. \"2022-01-12\""
                    .into(),
            )
        })?);
    }

    if let Some(quote) = raw.quote {
        let n = *quote.min_words.get_ref();
        if !(1..=1000).contains(&n) {
            return Err(err_at(
                Some(quote.min_words.span().start),
                format!("quote.min_words must be a whole number from 1 to 1000, not {n}"),
            ));
        }
        config.quote_min_words = Some(n as usize);
    }

    Ok(config)
}

/// `rel` (a path written in copydesk.toml) joined to the file's directory `base`, refused
/// when it is absolute or leads outside that directory (also through a symlink, when it
/// exists): a config found by walking up may come from anyone's checkout, so it may not
/// point the tool at files elsewhere. `what` names the setting, `flag` the command-line
/// way to give an absolute path.
fn inside_config_dir(rel: &str, base: &Path, what: &str, flag: &str) -> Result<PathBuf, String> {
    let rel = Path::new(rel);
    if rel.is_absolute() || rel.has_root() {
        return Err(format!(
            "{what} `{}` is absolute; in copydesk.toml write it relative to the file's \
             directory (absolute paths go on the command line with {flag})",
            rel.display()
        ));
    }
    if escapes(rel) {
        return Err(format!(
            "{what} `{}` leads outside the directory holding copydesk.toml",
            rel.display()
        ));
    }
    let full = base.join(rel);
    // `Path::new("")` (a config named without a directory) canonicalizes to an error,
    // which would skip the check; it means the current directory.
    let real_base = if base.as_os_str().is_empty() {
        Path::new(".").canonicalize()
    } else {
        base.canonicalize()
    };
    let real_full = if base.as_os_str().is_empty() {
        Path::new(".").join(rel).canonicalize()
    } else {
        full.canonicalize()
    };
    if let (Ok(real_base), Ok(real)) = (real_base, real_full) {
        if !real.starts_with(&real_base) {
            return Err(format!(
                "{what} `{}` is a symlink to {}, outside the directory holding copydesk.toml",
                rel.display(),
                real.display()
            ));
        }
    }
    Ok(full)
}

/// True for `YYYY-MM-DD` exactly: a configured article date names a day, not a year.
fn is_full_date(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-'
}

/// True when a relative path climbs above its starting directory.
fn escapes(rel: &Path) -> bool {
    let mut depth: i64 = 0;
    for c in rel.components() {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return true,
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

fn known_list(known: &[&str]) -> String {
    if known.is_empty() {
        "(none registered)".into()
    } else {
        known.join(", ")
    }
}

/// toml's messages name serde's internals ("field", "struct"); say it the way a desk editor
/// reading copydesk.toml would.
fn plain_toml_message(message: &str, known: &[&str]) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let key = rest.split(',').next().unwrap_or(rest);
        if m.contains("`severity`") {
            return format!(
                "unknown setting {key} for a rule; the only rule setting is `severity`"
            );
        }
        if m.contains("`min_words`") {
            return format!("unknown setting {key} in [quote]; the only one is `min_words`");
        }
        return format!(
            "unknown setting {key}; copydesk.toml accepts `kb`, `style`, `article_date`, \
             `include`, `exclude`, `[rules.<id>]` and `[quote]`"
        );
    }
    if m.starts_with("missing field `severity`") {
        return format!(
            "a [rules.<id>] table needs `severity = \"off\"|\"hint\"|\"info\"|\"warning\"|\"error\"`; \
             known rules: {}",
            known_list(known)
        );
    }
    if m.starts_with("missing field `min_words`") {
        return "[quote] needs `min_words = <number>`".into();
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        // "integer `3`, expected a sequence"
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another kind"));
        let expected = match expected {
            "a sequence" => "a list in brackets, e.g. kb = [\"newsroom.toml\"]",
            "a string" => "text in double quotes",
            "i64" => "a whole number",
            e if e.starts_with("struct") || e.starts_with("a map") => "a table, e.g. [quote]",
            e => e,
        };
        return format!("wrong kind of value: found {found} where {expected} is expected");
    }
    m.to_string()
}

/// Settings given on the command line (or by an editor), which win over copydesk.toml.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// `--kb FILE`, loaded after the config's KB files.
    pub kb: Vec<PathBuf>,
    /// `--no-starter-kb`.
    pub no_starter_kb: bool,
    /// `--article-date`.
    pub article_date: Option<Date>,
    /// `--style`.
    pub style: Option<HouseStyle>,
}

/// What one analysis runs with: options, and the KB to load (in order).
#[derive(Clone, Debug)]
pub struct Effective {
    pub options: Options,
    /// Whether the compiled-in starter KB comes first.
    pub starter_kb: bool,
    /// Config KB files, then `--kb` files; later entries override earlier ones by id.
    pub kb_paths: Vec<PathBuf>,
    /// The house style: `--style`, else copydesk.toml's, else none (the draft's own
    /// consistency).
    pub style: HouseStyle,
}

/// Combines copydesk.toml (if any) with command-line overrides: flags win, then the config,
/// then built-in defaults.
pub fn effective(config: Option<&Config>, overrides: &Overrides) -> Effective {
    let mut options = Options::default();
    let mut kb_paths = Vec::new();
    let mut house = HouseStyle::Draft;
    if let Some(c) = config {
        if let Some(st) = &c.style {
            house = st.clone();
        }
        kb_paths.extend(c.kb.iter().cloned());
        options.lint.severities = c.severities.clone();
        options.article_date = c.article_date;
        if let Some(n) = c.quote_min_words {
            options.lint.quote_min_words = n;
        }
    }
    kb_paths.extend(overrides.kb.iter().cloned());
    if overrides.article_date.is_some() {
        options.article_date = overrides.article_date;
    }
    if let Some(st) = &overrides.style {
        house = st.clone();
    }
    Effective {
        options,
        starter_kb: !overrides.no_starter_kb,
        kb_paths,
        style: house,
    }
}

/// Loads the KB: the starter people and organisations (unless turned off), the house
/// style's term groups (the built-in groups, then the preset or the style file), then each
/// KB file in order. Any broken file is an error and nothing partial is returned.
pub fn load_kb(starter: bool, house: &HouseStyle, paths: &[PathBuf]) -> Result<Kb, KbError> {
    let mut files = if starter {
        kb::starter_people_files()
    } else {
        Vec::new()
    };
    let starter_len = files.len();
    files.extend(style::builtin_files(house));
    if let HouseStyle::File(p) = house {
        let display = p.display().to_string();
        let src = kb::read_text(p)?;
        files.push(style::style_file(&src, &display, &display)?);
    }
    let builtin_len = files.len();
    let mut sources = Vec::new();
    for p in paths {
        let display = p.display().to_string();
        let src = kb::read_text(p)?;
        files.push(kb::parse_str(&src, &display)?);
        sources.push((display, src));
    }
    // A role naming an organisation that no loaded file defines is an error, as in
    // `copydesk kb check`, not a title silently checked against nothing.
    let mut set: Vec<(&str, &str, &kb::KbFile)> = files[..starter_len]
        .iter()
        .map(|f| ("starter", "", f))
        .collect();
    for ((name, src), f) in sources.iter().zip(&files[builtin_len..]) {
        set.push((name.as_str(), src.as_str(), f));
    }
    if let Some(e) = kb::check_references(&set).into_iter().next() {
        return Err(e);
    }
    Ok(Kb::from_files(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["unattributed-quote", "title-variant"];

    fn parse(src: &str) -> Result<Config, ConfigError> {
        parse_with_rules(src, Path::new("/desk/copydesk.toml"), KNOWN)
    }

    #[test]
    fn reads_every_setting_and_resolves_kb_paths_against_the_config_directory() {
        let c = parse(
            r#"
kb = ["newsroom.toml", "kb/people.json"]
article_date = "2022-01-12"

[rules.unattributed-quote]
severity = "error"

[quote]
min_words = 6
"#,
        )
        .unwrap();
        assert_eq!(
            c.kb,
            vec![
                PathBuf::from("/desk/newsroom.toml"),
                PathBuf::from("/desk/kb/people.json")
            ]
        );
        assert_eq!(c.article_date, Date::new(2022, 1, 12));
        assert_eq!(
            c.severities.get("unattributed-quote"),
            Some(&Some(Severity::Error))
        );
        assert_eq!(c.quote_min_words, Some(6));
        assert_eq!(c.path, Some(PathBuf::from("/desk/copydesk.toml")));
    }

    #[test]
    fn dotted_rule_keys_and_off_are_understood() {
        let c = parse(
            "rules.title-variant.severity = \"off\"\nrules.unattributed-quote.severity = \"hint\"\n",
        )
        .unwrap();
        assert_eq!(c.severities.get("title-variant"), Some(&None));
        assert_eq!(
            c.severities.get("unattributed-quote"),
            Some(&Some(Severity::Hint))
        );
    }

    #[test]
    fn an_empty_file_is_an_empty_config() {
        let c = parse("# nothing here\n").unwrap();
        assert!(c.kb.is_empty() && c.severities.is_empty());
        assert_eq!(c.article_date, None);
        assert_eq!(c.quote_min_words, None);
    }

    #[test]
    fn a_native_toml_date_is_accepted_for_article_date() {
        let c = parse("article_date = 2022-01-12\n").unwrap();
        assert_eq!(c.article_date, Date::new(2022, 1, 12));
    }

    #[test]
    fn an_unknown_top_level_key_is_an_error_at_its_line_and_column() {
        let e = parse("kb = []\n\n  artcle_date = \"2022-01-12\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 3), "{e}");
        assert!(e.message.contains("artcle_date"), "{e}");
        assert!(e.message.contains("article_date"), "{e}");
        assert_eq!(e.path, "/desk/copydesk.toml");
    }

    #[test]
    fn an_unknown_rule_id_is_an_error_naming_the_known_rules() {
        let e = parse("[rules.unatributed-quote]\nseverity = \"off\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 8), "{e}");
        assert!(e.message.contains("unatributed-quote"), "{e}");
        assert!(
            e.message.contains("unattributed-quote, title-variant"),
            "{e}"
        );
    }

    #[test]
    fn a_bad_severity_says_which_values_are_allowed() {
        let e = parse("[rules.title-variant]\nseverity = \"loud\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        assert!(e.message.contains("`loud` is not a severity"), "{e}");
        assert!(
            e.message.contains("off, hint, info, warning or error"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_rule_setting_is_an_error() {
        let e = parse("[rules.title-variant]\nseverity = \"off\"\nlevel = 3\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("`level`"), "{e}");
    }

    #[test]
    fn bad_dates_and_thresholds_are_errors_at_the_value() {
        let e = parse("article_date = \"12 January 2022\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 16), "{e}");
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
        let e = parse("article_date = \"2022\"\n").unwrap_err();
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
        let e = parse("article_date = \"2022-02-30\"\n").unwrap_err();
        assert!(e.message.contains("YYYY-MM-DD"), "{e}");
        let e = parse("[quote]\nmin_words = 0\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 13), "{e}");
        let e = parse("[quote]\nmin_words = \"four\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("a whole number"), "{e}");
        let e = parse("kb = \"newsroom.toml\"\n").unwrap_err();
        assert!(e.message.contains("a list in brackets"), "{e}");
    }

    #[test]
    fn an_unreadable_config_names_the_file_without_a_fake_position() {
        let d = tempfile::tempdir().unwrap();
        let e = Config::load(&d.path().join("copydesk.toml")).unwrap_err();
        assert_eq!(e.line, 0);
        let shown = e.to_string();
        assert!(
            shown.contains("copydesk.toml: cannot read the file"),
            "{shown}"
        );
        assert!(!shown.contains(":0:0"), "{shown}");
    }

    #[test]
    fn a_toml_syntax_error_has_a_position() {
        let e = parse("kb = [\"a.toml\"\narticle_date = \n").unwrap_err();
        assert!(e.line >= 1 && e.column >= 1, "{e}");
        assert!(e.to_string().starts_with("/desk/copydesk.toml:"), "{e}");
    }

    #[test]
    fn kb_paths_may_not_be_absolute_or_climb_out_of_the_config_directory() {
        let e = parse("kb = [\"/etc/passwd\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 7), "{e}");
        assert!(e.message.contains("absolute"), "{e}");
        let e = parse("kb = [\"ok.toml\", \"sub/../../up.toml\"]\n").unwrap_err();
        assert!(e.message.contains("outside"), "{e}");
        assert!(parse("kb = [\"sub/../here.toml\"]\n").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_kb_path_that_is_a_symlink_out_of_the_directory_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.toml");
        std::fs::write(&secret, "").unwrap();
        let desk = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&secret, desk.path().join("kb.toml")).unwrap();
        std::fs::write(desk.path().join("real.toml"), "").unwrap();
        let cfg = desk.path().join("copydesk.toml");
        let e = parse_with_rules("kb = [\"kb.toml\"]\n", &cfg, KNOWN).unwrap_err();
        assert!(e.message.contains("symlink"), "{e}");
        assert!(parse_with_rules("kb = [\"real.toml\"]\n", &cfg, KNOWN).is_ok());
    }

    #[test]
    fn include_and_exclude_are_globs_relative_to_the_file() {
        let c = parse_with_rules(
            "include = [\"drafts/**\"]\nexclude = [\"node_modules\", \"drafts/old\"]\n",
            Path::new("/desk/copydesk.toml"),
            KNOWN,
        )
        .unwrap();
        let f = c.files.unwrap();
        assert!(f.admits(Path::new("/desk/drafts/a.md")));
        assert!(!f.admits(Path::new("/desk/drafts/old/a.md")));
        assert!(!f.admits(Path::new("/desk/README.md")));
        let e = parse_with_rules(
            "exclude = [\"ok\", \"bad[\"]\n",
            Path::new("/desk/copydesk.toml"),
            KNOWN,
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (1, 18), "{e}");
        assert!(e.message.contains("exclude: `bad[` is not a glob"), "{e}");
    }

    #[test]
    fn parse_str_checks_ids_against_the_rule_registry() {
        let e = Config::parse_str("[rules.no-such-rule]\nseverity = \"off\"\n", Path::new("c"))
            .unwrap_err();
        assert!(e.message.contains("there is no rule `no-such-rule`"), "{e}");
        for r in lint::rules::ALL {
            assert!(e.message.contains(r.meta.id), "{e}");
        }
    }

    #[test]
    fn discover_finds_the_nearest_config_walking_up() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(
            root.path().join(FILE_NAME),
            "article_date = \"2020-05-01\"\n",
        )
        .unwrap();
        std::fs::write(deep.join("story.txt"), "text").unwrap();
        let c = Config::discover(&deep.join("story.txt")).unwrap().unwrap();
        assert_eq!(c.article_date, Date::new(2020, 5, 1));
        assert_eq!(c.path, Some(root.path().join(FILE_NAME)));

        std::fs::write(
            root.path().join("a").join(FILE_NAME),
            "article_date = \"2021-06-02\"\n",
        )
        .unwrap();
        let c = Config::discover(&deep).unwrap().unwrap();
        assert_eq!(c.article_date, Date::new(2021, 6, 2));
    }

    #[test]
    fn discover_reports_a_broken_config_instead_of_skipping_it() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(FILE_NAME), "severity = 1\n").unwrap();
        let e = Config::discover(&root.path().join("x.txt")).unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        assert!(e.path.ends_with(FILE_NAME), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn discover_skips_a_config_that_is_a_symlink() {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("other.toml");
        std::fs::write(&target, "article_date = \"1999-01-01\"\n").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(FILE_NAME),
            "article_date = \"2022-01-12\"\n",
        )
        .unwrap();
        let sub = root.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::os::unix::fs::symlink(&target, sub.join(FILE_NAME)).unwrap();
        let c = Config::discover(&sub.join("story.md")).unwrap().unwrap();
        assert_eq!(c.article_date, Date::new(2022, 1, 12));
    }

    #[test]
    fn lexical_absolute_resolves_dot_dot_without_touching_the_disk() {
        let p = lexical_absolute(Path::new("/a/b/../c/./d.txt"));
        assert_eq!(p, PathBuf::from("/a/c/d.txt"));
    }

    #[test]
    fn flags_override_the_config_and_kb_files_load_config_first() {
        let config = Config {
            kb: vec![PathBuf::from("/desk/newsroom.toml")],
            severities: BTreeMap::from([("title-variant".to_string(), None)]),
            article_date: Date::new(2022, 1, 12),
            quote_min_words: Some(7),
            ..Config::default()
        };
        let flags = Overrides {
            kb: vec![PathBuf::from("extra.toml")],
            no_starter_kb: true,
            article_date: Date::new(2024, 10, 1),
            style: Some(HouseStyle::Preset("international")),
        };
        let config = Config {
            style: Some(HouseStyle::Preset("ap")),
            ..config
        };
        let e = effective(Some(&config), &flags);
        assert_eq!(e.style, HouseStyle::Preset("international"));
        assert_eq!(
            e.kb_paths,
            vec![
                PathBuf::from("/desk/newsroom.toml"),
                PathBuf::from("extra.toml")
            ]
        );
        assert!(!e.starter_kb);
        assert_eq!(e.options.article_date, Date::new(2024, 10, 1));
        assert_eq!(e.options.lint.quote_min_words, 7);
        assert_eq!(e.options.lint.severities.get("title-variant"), Some(&None));

        let e = effective(Some(&config), &Overrides::default());
        assert_eq!(e.options.article_date, Date::new(2022, 1, 12));
        assert!(e.starter_kb);
        assert_eq!(e.style, HouseStyle::Preset("ap"));

        let e = effective(None, &Overrides::default());
        assert_eq!(e.options.lint, crate::lint::LintConfig::default());
        assert!(e.kb_paths.is_empty());
    }

    #[test]
    fn load_kb_reports_a_missing_file_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.toml");
        let e = load_kb(false, &HouseStyle::Draft, std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(e.path, missing.display().to_string());
        assert!(e.message.contains("cannot read"), "{e}");
    }

    #[test]
    fn without_the_starter_people_the_house_style_stays_and_without_a_style_the_people_do() {
        let kb = load_kb(false, &HouseStyle::Draft, &[]).unwrap();
        assert!(kb.people.is_empty() && kb.organizations.is_empty());
        assert!(!kb.terms.is_empty() && kb.terms.iter().all(|t| t.prefer.is_none()));
        let ap = load_kb(false, &HouseStyle::Preset("ap"), &[]).unwrap();
        assert!(ap.terms.iter().any(|t| t.prefer.as_deref() == Some("U.S.")));
        let people = |h: &HouseStyle| load_kb(true, h, &[]).unwrap().people.len();
        let n = people(&HouseStyle::Draft);
        assert!(n > 1000);
        assert_eq!(people(&HouseStyle::Preset("ap")), n);
        assert_eq!(people(&HouseStyle::Preset("international")), n);
    }

    #[test]
    fn a_style_file_replaces_the_groups_it_restates_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let house = dir.path().join("house.toml");
        std::fs::write(
            &house,
            "[[term]]\nforms = [\"US\", \"U.S.\"]\nprefer = \"US\"\n\n[[term]]\nforms = [\"organise\", \"organize\"]\nprefer = \"organise\"\n",
        )
        .unwrap();
        let kb = load_kb(true, &HouseStyle::File(house.clone()), &[]).unwrap();
        let pref = |f: &str| {
            kb.terms
                .iter()
                .find(|t| t.forms.iter().any(|x| x == f))
                .map(|t| (t.prefer.clone(), t.style.clone()))
        };
        let label = Some(house.display().to_string());
        assert_eq!(pref("US"), Some((Some("US".into()), label.clone())));
        assert_eq!(pref("organize"), Some((Some("organise".into()), label)));
        assert_eq!(pref("UN"), Some((None, None)));
        assert!(kb.person_by_name("Jens Stoltenberg").is_some());
        // A style file is terms only.
        std::fs::write(&house, "[[person]]\nid = \"a\"\nname = \"A B\"\n").unwrap();
        let e = load_kb(true, &HouseStyle::File(house), &[]).unwrap_err();
        assert!(e.message.contains("only [[term]]"), "{e}");
    }

    #[test]
    fn style_in_copydesk_toml_is_a_preset_or_a_file_inside_its_directory() {
        let c = parse("style = \"ap\"\n").unwrap();
        assert_eq!(c.style, Some(HouseStyle::Preset("ap")));
        let c = parse("style = \"house/style.toml\"\n").unwrap();
        assert_eq!(
            c.style,
            Some(HouseStyle::File(PathBuf::from("/desk/house/style.toml")))
        );
        let e = parse("\nstyle = \"chicago\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("no house style `chicago`"), "{e}");
        let e = parse("style = \"../style.toml\"\n").unwrap_err();
        assert!(e.message.contains("outside the directory"), "{e}");
        let e = parse("style = \"/etc/style.toml\"\n").unwrap_err();
        assert!(e.message.contains("absolute"), "{e}");
    }

    #[test]
    fn later_kb_files_override_earlier_entries_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::fs::write(
            &a,
            "[[person]]\nid = \"smith\"\nname = \"Julianne Smith\"\n\n[[person]]\nid = \"peskov\"\nname = \"Dmitry Peskov\"\n",
        )
        .unwrap();
        std::fs::write(&b, "[[person]]\nid = \"smith\"\nname = \"J. Smith\"\n").unwrap();
        let kb = load_kb(false, &HouseStyle::Draft, &[a, b]).unwrap();
        assert_eq!(kb.people.len(), 2);
        let smith = kb.person_by_id("smith").unwrap();
        assert_eq!(kb.people[smith].name, "J. Smith");
    }
}
