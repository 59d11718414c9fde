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
    pub quote: QuoteSettings,
    pub inlay_hints: InlayHintSettings,
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
    pub fn from_json(value: &Value) -> Result<Settings, String> {
        let section = match value {
            Value::Null => return Ok(Settings::default()),
            Value::Object(map) => map.get("copydesk").unwrap_or(value),
            _ => return Err("copydesk settings must be an object".into()),
        };
        if section.is_null() {
            return Ok(Settings::default());
        }
        let s: Settings = serde_json::from_value(section.clone())
            .map_err(|e| format!("copydesk settings: {e}"))?;
        s.validate()?;
        Ok(s)
    }

    fn validate(&self) -> Result<(), String> {
        for (id, r) in &self.rules {
            Severity::parse_level(r.level()).map_err(|e| format!("rules.{id}.severity: {e}"))?;
        }
        if let Some(d) = &self.article_date {
            parse_date(d)?;
        }
        Ok(())
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
}
