//! House styles. Every draft is checked for consistency over the built-in term groups
//! (`data/style/terms.toml`: spellings of one thing, none preferred, so the draft's own
//! majority wins). A house style adds preferences: a preset compiled into the binary
//! (`ap`, `international`) or a newsroom's own term file. Styles hold `[[term]]` entries
//! only, and are loaded apart from the people, so choosing or dropping one never changes
//! who the KB knows.

use super::{load, KbError, KbFile};
use std::path::{Path, PathBuf};

/// A style compiled into the binary.
#[derive(Debug)]
pub struct Preset {
    /// The name `style = "…"` takes.
    pub name: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// How findings name it ("`US` is written `U.S.` in AP house style").
    pub label: &'static str,
    /// One line for `--help` and error messages.
    pub summary: &'static str,
    pub path: &'static str,
    pub text: &'static str,
}

/// The groups every draft is checked for consistency, whatever the style.
pub const GROUPS: (&str, &str) = (
    "builtin:data/style/terms.toml",
    include_str!("../../data/style/terms.toml"),
);

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "ap",
        aliases: &[],
        label: "AP",
        summary:
            "Associated Press: U.S., U.N., U.K., Secretary-General, email, adviser, toward, percent",
        path: "builtin:data/style/ap.toml",
        text: include_str!("../../data/style/ap.toml"),
    },
    Preset {
        name: "international",
        aliases: &["british"],
        label: "international English",
        summary: "British and international English: US, UN, UK, EU, per cent, towards",
        path: "builtin:data/style/international.toml",
        text: include_str!("../../data/style/international.toml"),
    },
];

/// Which house style a draft is checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum HouseStyle {
    /// No house style: the draft's own consistency (the default; `style = "draft"`).
    #[default]
    Draft,
    /// A preset, by its name.
    Preset(&'static str),
    /// A newsroom's own term file (TOML, or JSON when named `*.json`).
    File(PathBuf),
}

/// The preset named `name` (or one of its aliases), case-insensitively.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| {
        p.name.eq_ignore_ascii_case(name) || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The names `style` accepts, for messages: `draft, ap, international (british)`.
pub fn names() -> String {
    let mut out = vec!["draft".to_string()];
    for p in PRESETS {
        match p.aliases {
            [] => out.push(p.name.to_string()),
            a => out.push(format!("{} ({})", p.name, a.join(", "))),
        }
    }
    out.join(", ")
}

impl HouseStyle {
    /// Reads a `style` setting: `draft`, a preset name, or a path to a term file (it has
    /// a `/` or a file extension), resolved against `base`. An unknown name is an error
    /// that lists the known ones.
    pub fn parse(value: &str, base: &Path) -> Result<HouseStyle, String> {
        let v = value.trim();
        if v.is_empty() {
            return Err(format!("the style is empty; use {} or a file", names()));
        }
        if v.eq_ignore_ascii_case("draft") {
            return Ok(HouseStyle::Draft);
        }
        if let Some(p) = preset(v) {
            return Ok(HouseStyle::Preset(p.name));
        }
        let looks_like_path = v.contains(['/', '\\']) || Path::new(v).extension().is_some();
        if looks_like_path {
            return Ok(HouseStyle::File(base.join(v)));
        }
        Err(format!(
            "there is no house style `{v}`; use {} or the path of a term file",
            names()
        ))
    }

    /// The name findings and hover give this style.
    pub fn label(&self) -> Option<String> {
        match self {
            HouseStyle::Draft => None,
            HouseStyle::Preset(n) => Some(n.to_string()),
            HouseStyle::File(p) => Some(p.display().to_string()),
        }
    }
}

/// The compiled-in files of a style, in load order: the built-in groups, then the
/// preset's terms (each marked with the preset's name). A [`HouseStyle::File`] gives only
/// the groups here; the caller reads the file and adds it with [`style_file`].
pub fn builtin_files(style: &HouseStyle) -> Vec<KbFile> {
    let mut out: Vec<KbFile> = load::parse_str(GROUPS.1, GROUPS.0)
        .ok()
        .into_iter()
        .collect();
    if let HouseStyle::Preset(name) = style {
        if let Some(p) = preset(name) {
            if let Ok(f) = style_file(p.text, p.path, p.label) {
                out.push(f);
            }
        }
    }
    out
}

/// Parses a style file: a KB file holding `[[term]]` entries only (people and
/// organisations belong in a `kb` file, so that dropping a style never drops them).
/// Each term is marked as coming from `label`.
pub fn style_file(src: &str, path: &str, label: &str) -> Result<KbFile, KbError> {
    let mut file = load::parse_str(src, path)?;
    if !file.people.is_empty() || !file.organizations.is_empty() {
        return Err(KbError {
            path: path.into(),
            line: 0,
            column: 0,
            message: "a house-style file holds only [[term]] entries: put people and \
                      organisations in a KB file (`kb = […]`)"
                .into(),
        });
    }
    for t in &mut file.terms {
        t.style = Some(label.to_string());
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Kb;

    #[test]
    fn every_builtin_style_file_parses_and_presets_prefer_a_form_of_every_group() {
        let groups = load::parse_str(GROUPS.1, GROUPS.0).expect("built-in groups parse");
        assert!(groups.terms.iter().all(|t| t.prefer.is_none()));
        for p in PRESETS {
            let f = style_file(p.text, p.path, p.label).expect("preset parses");
            assert!(!f.terms.is_empty());
            assert!(f.terms.iter().all(|t| t.prefer.is_some()), "{}", p.name);
            assert!(f.terms.iter().all(|t| t.style.as_deref() == Some(p.label)));
        }
    }

    #[test]
    fn a_preset_replaces_the_same_groups_and_adds_its_own() {
        let plain = Kb::from_files(builtin_files(&HouseStyle::Draft));
        let ap = Kb::from_files(builtin_files(&HouseStyle::Preset("ap")));
        let us = |kb: &Kb| {
            kb.terms
                .iter()
                .filter(|t| t.forms.iter().any(|f| f == "US"))
                .map(|t| t.prefer.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(us(&plain), [None]);
        assert_eq!(us(&ap), [Some("U.S.".to_string())]);
        assert!(ap.terms.len() > plain.terms.len());
        assert!(plain.people.is_empty() && ap.people.is_empty());
    }

    #[test]
    fn style_settings_name_a_preset_or_a_file() {
        let base = Path::new("/desk");
        assert_eq!(HouseStyle::parse("AP", base), Ok(HouseStyle::Preset("ap")));
        assert_eq!(
            HouseStyle::parse("british", base),
            Ok(HouseStyle::Preset("international"))
        );
        assert_eq!(HouseStyle::parse("draft", base), Ok(HouseStyle::Draft));
        assert_eq!(
            HouseStyle::parse("style/house.toml", base),
            Ok(HouseStyle::File(PathBuf::from("/desk/style/house.toml")))
        );
        let e = HouseStyle::parse("chicago", base).unwrap_err();
        assert!(e.contains("no house style `chicago`"), "{e}");
        assert!(e.contains("ap, international (british)"), "{e}");
    }

    #[test]
    fn a_style_file_with_people_is_refused() {
        let e = style_file(
            "[[person]]\nid = \"a\"\nname = \"A B\"\n",
            "house.toml",
            "house.toml",
        )
        .unwrap_err();
        assert!(e.message.contains("only [[term]]"), "{e}");
    }
}
