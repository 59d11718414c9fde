//! Client settings, section `copydesk`: from `initializationOptions` and
//! `workspace/didChangeConfiguration`, merged over `copydesk.toml` (editor settings win
//! where both set a value).

use crate::config::Config;
use crate::date::Date;
use crate::lint::Severity;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The `copydesk` settings section as a client sends it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Extra KB files; relative paths resolve against each workspace folder.
    pub kb: Vec<String>,
    /// `rules.<id>.severity` (or the short form `rules.<id> = "off"`).
    pub rules: BTreeMap<String, RuleSetting>,
    /// `YYYY-MM-DD`, used when the draft states no date.
    pub article_date: Option<String>,
    /// The house style: `ap`, `international`, `draft` or a term file (relative paths
    /// resolve against the workspace folder); wins over copydesk.toml's `style`.
    pub style: Option<String>,
    pub quote: QuoteSettings,
    pub inlay_hints: InlayHintSettings,
    /// Globs relative to the workspace folder: only drafts matching one get diagnostics
    /// (empty: every draft). On top of copydesk.toml's `include`.
    pub include: Vec<String>,
    /// Globs relative to the workspace folder: drafts matching one get none. On top of
    /// copydesk.toml's `exclude`.
    pub exclude: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RuleSetting {
    Full { severity: String },
    Short(String),
}

impl RuleSetting {
    fn level(&self) -> &str {
        match self {
            RuleSetting::Full { severity } | RuleSetting::Short(severity) => severity,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QuoteSettings {
    pub min_words: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InlayHintSettings {
    /// Show `: Peskov` after a pronoun that attributes a quote. Off by default.
    pub speakers: bool,
}

impl Settings {
    /// Reads settings from either `{ "copydesk": { … } }` or the bare section. `null` and
    /// an empty object give the defaults; a malformed section is an error in plain words.
    /// Keys may be nested (`{"quote": {"minWords": 4}}`, as the editor clients send them)
    /// or flat and dotted (`{"quote.minWords": 4}`, `{"rules.title-variant.severity":
    /// "off"}`, `{"copydesk.kb": […]}`), as some clients copy them from a settings file.
    pub fn from_json(value: &Value) -> Result<Settings, String> {
        let section = match value {
            Value::Null => return Ok(Settings::default()),
            Value::Object(map) => map.get("copydesk").unwrap_or(value),
            _ => return Err("copydesk settings must be an object".into()),
        };
        if section.is_null() {
            return Ok(Settings::default());
        }
        let mut section = nest_dotted_keys(section)?;
        // An editor that shows an empty text box for an unset value sends "".
        if let Some(map) = section.as_object_mut() {
            for key in ["articleDate", "style"] {
                if map
                    .get(key)
                    .and_then(Value::as_str)
                    .is_some_and(|d| d.trim().is_empty())
                {
                    map.remove(key);
                }
            }
        }
        let s: Settings =
            serde_json::from_value(section).map_err(|e| format!("copydesk settings: {e}"))?;
        s.validate()?;
        Ok(s)
    }

    /// The section a client pushed or answered with, when it holds anything: `None` for
    /// `null`, an empty object, or a wrapper whose `copydesk` member is `null`. Helix and
    /// Eglot answer `workspace/configuration` with `null` when the user set nothing there;
    /// that means "keep what `initializationOptions` said", not "reset to defaults".
    pub fn section_of(value: &Value) -> Option<&Value> {
        let section = match value.get("copydesk") {
            Some(inner) => inner,
            None => value,
        };
        match section {
            Value::Null => None,
            Value::Object(m) if m.is_empty() => None,
            v => Some(v),
        }
    }

    fn validate(&self) -> Result<(), String> {
        for (id, r) in &self.rules {
            Severity::parse_level(r.level()).map_err(|e| format!("rules.{id}.severity: {e}"))?;
        }
        if let Some(d) = &self.article_date {
            parse_date(d)?;
        }
        if let Some(st) = &self.style {
            crate::kb::style::HouseStyle::parse(st, std::path::Path::new(""))
                .map_err(|e| format!("style: {e}"))?;
        }
        self.files(std::path::Path::new("/"))
            .map_err(|e| format!("copydesk.{e}"))?;
        Ok(())
    }

    /// The `include` / `exclude` globs, relative to `base` (a workspace folder).
    pub fn files(&self, base: &std::path::Path) -> Result<crate::files::Filter, String> {
        crate::files::Filter::new(base, &self.include, &self.exclude).map_err(|e| e.to_string())
    }

    /// The effective configuration: `base` (a `copydesk.toml`, or defaults) with every
    /// value these settings set laid over it.
    pub fn overlay(&self, base: &Config) -> Config {
        let mut c = base.clone();
        for (id, r) in &self.rules {
            if let Ok(level) = Severity::parse_level(r.level()) {
                c.severities.insert(id.clone(), level);
            }
        }
        if let Some(d) = self
            .article_date
            .as_deref()
            .and_then(|d| parse_date(d).ok())
        {
            c.article_date = Some(d);
        }
        if let Some(n) = self.quote.min_words {
            c.quote_min_words = Some(n);
        }
        c
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("articleDate `{s}` is not a YYYY-MM-DD date"))
}

/// Turns flat dotted keys into nested objects (`"quote.minWords": 4` →
/// `"quote": {"minWords": 4}`), after dropping a leading `copydesk.`. A dotted key wins
/// over the same setting given nested, as it is the more specific spelling.
fn nest_dotted_keys(section: &Value) -> Result<Value, String> {
    let Value::Object(map) = section else {
        return Err("copydesk settings must be an object".into());
    };
    let mut out = serde_json::Map::new();
    let mut dotted = Vec::new();
    for (k, v) in map {
        let key = k.strip_prefix("copydesk.").unwrap_or(k);
        if key.contains('.') {
            dotted.push((key, v));
        } else {
            out.insert(key.to_string(), v.clone());
        }
    }
    for (key, v) in dotted {
        let parts: Vec<&str> = key.split('.').collect();
        let (last, parents) = parts.split_last().unwrap_or((&key, &[]));
        let mut at = &mut out;
        for part in parents {
            let slot = at
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(Default::default()));
            if !slot.is_object() {
                // `rules.x = "off"` (short form) meeting `rules.x.severity`: the long form.
                *slot = Value::Object(Default::default());
            }
            at = slot
                .as_object_mut()
                .ok_or_else(|| format!("copydesk setting `{key}` clashes with another"))?;
        }
        at.insert(last.to_string(), v.clone());
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_wrapped_and_the_bare_section() {
        let v = json!({"copydesk": {"kb": ["newsroom.toml"], "rules": {"unattributed-quote": {"severity": "off"}, "title-date": "hint"}, "articleDate": "2022-01-12", "quote": {"minWords": 6}, "inlayHints": {"speakers": true}}});
        let s = Settings::from_json(&v).unwrap();
        assert_eq!(s.kb, vec!["newsroom.toml"]);
        assert!(s.inlay_hints.speakers);
        assert_eq!(s.quote.min_words, Some(6));
        let bare = Settings::from_json(&v["copydesk"]).unwrap();
        assert_eq!(s, bare);
        let c = s.overlay(&Config::default());
        assert_eq!(c.severities.get("unattributed-quote"), Some(&None));
        assert_eq!(c.severities.get("title-date"), Some(&Some(Severity::Hint)));
        assert_eq!(c.quote_min_words, Some(6));
        assert_eq!(c.article_date, Date::parse("2022-01-12"));
    }

    #[test]
    fn bad_values_are_errors_that_name_the_setting() {
        let e = Settings::from_json(&json!({"rules": {"x": {"severity": "loud"}}})).unwrap_err();
        assert!(e.contains("rules.x.severity"), "{e}");
        let e = Settings::from_json(&json!({"articleDate": "12/01/2022"})).unwrap_err();
        assert!(e.contains("articleDate"), "{e}");
        assert!(Settings::from_json(&json!({"kb": 3})).is_err());
        assert_eq!(Settings::from_json(&Value::Null), Ok(Settings::default()));
    }

    #[test]
    fn editor_settings_win_over_the_workspace_file() {
        let mut base = Config {
            quote_min_words: Some(3),
            ..Config::default()
        };
        base.severities.insert("a".into(), Some(Severity::Error));
        base.severities.insert("b".into(), Some(Severity::Error));
        let s = Settings::from_json(&json!({"rules": {"a": "off"}})).unwrap();
        let c = s.overlay(&base);
        assert_eq!(c.severities["a"], None);
        assert_eq!(c.severities["b"], Some(Severity::Error));
        assert_eq!(c.quote_min_words, Some(3));
    }

    #[test]
    fn reads_the_nested_shape_the_editor_clients_send() {
        // What editors/vscode and editors/nvim put on the wire (articleDate omitted when unset).
        let v = json!({"kb": ["/desk/kb/people.toml"], "rules": {"title-variant": {"severity": "off"}}, "quote": {"minWords": 4}, "inlayHints": {"speakers": true}});
        let s = Settings::from_json(&json!({"copydesk": v})).unwrap();
        assert_eq!(s.kb, vec!["/desk/kb/people.toml"]);
        assert_eq!(s.article_date, None);
        assert!(s.inlay_hints.speakers);
        let c = s.overlay(&Config::default());
        assert_eq!(c.severities.get("title-variant"), Some(&None));
        assert_eq!(c.quote_min_words, Some(4));
    }

    #[test]
    fn reads_flat_dotted_keys_with_or_without_the_prefix() {
        let v = json!({"quote.minWords": 7, "inlayHints.speakers": true, "rules.title-variant.severity": "hint", "rules.first-reference": "off", "copydesk.articleDate": "2025-03-01", "copydesk.kb": ["a.toml"]});
        let s = Settings::from_json(&v).unwrap();
        assert_eq!(s.quote.min_words, Some(7));
        assert!(s.inlay_hints.speakers);
        assert_eq!(s.kb, vec!["a.toml"]);
        assert_eq!(s.article_date.as_deref(), Some("2025-03-01"));
        let c = s.overlay(&Config::default());
        assert_eq!(
            c.severities.get("title-variant"),
            Some(&Some(Severity::Hint))
        );
        assert_eq!(c.severities.get("first-reference"), Some(&None));
        let e = Settings::from_json(&json!({"rules.x.severity": "loud"})).unwrap_err();
        assert!(e.contains("rules.x.severity"), "{e}");
    }

    #[test]
    fn include_and_exclude_are_glob_lists_checked_when_read() {
        let s = Settings::from_json(&json!({"include": ["drafts/**"], "exclude": ["drafts/old"]}))
            .unwrap();
        let f = s.files(std::path::Path::new("/desk")).unwrap();
        assert!(f.admits(std::path::Path::new("/desk/drafts/a.md")));
        assert!(!f.admits(std::path::Path::new("/desk/drafts/old/a.md")));
        assert!(!f.admits(std::path::Path::new("/desk/README.md")));
        let e = Settings::from_json(&json!({"exclude": ["ok", "a["]})).unwrap_err();
        assert!(e.contains("copydesk.exclude: `a[` is not a glob"), "{e}");
        assert!(Settings::from_json(&json!({"include": "drafts"})).is_err());
    }

    #[test]
    fn an_empty_article_date_or_style_means_unset() {
        let s = Settings::from_json(&json!({"articleDate": "", "style": " "})).unwrap();
        assert_eq!(s.article_date, None);
        assert_eq!(s.style, None);
    }

    #[test]
    fn style_is_a_preset_or_a_file_and_an_unknown_name_is_an_error() {
        let s = Settings::from_json(&json!({"style": "ap"})).unwrap();
        assert_eq!(s.style.as_deref(), Some("ap"));
        assert!(Settings::from_json(&json!({"style": "house.toml"})).is_ok());
        let e = Settings::from_json(&json!({"style": "chicago"})).unwrap_err();
        assert!(
            e.contains("style: there is no house style `chicago`"),
            "{e}"
        );
    }

    #[test]
    fn null_and_empty_sections_hold_nothing() {
        assert_eq!(Settings::section_of(&Value::Null), None);
        assert_eq!(Settings::section_of(&json!({})), None);
        assert_eq!(Settings::section_of(&json!({"copydesk": null})), None);
        assert_eq!(Settings::section_of(&json!({"copydesk": {}})), None);
        let v = json!({"copydesk": {"kb": []}});
        assert_eq!(Settings::section_of(&v), Some(&v["copydesk"]));
        let bare = json!({"kb": []});
        assert_eq!(Settings::section_of(&bare), Some(&bare));
    }
}
