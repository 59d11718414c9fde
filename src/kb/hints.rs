//! The KB as the article parser's [`NameHints`]: pronouns and full names for the names a
//! draft writes, answered only when the name points at exactly one person.

use super::Kb;
use crate::article::{NameHints, Pronoun};

impl NameHints for Kb {
    fn pronoun(&self, name: &str) -> Option<Pronoun> {
        let p = self.person_by_name(strip_possessive(name))?;
        self.people[p].pronouns
    }

    fn full_name(&self, name: &str) -> Option<String> {
        let p = self.person_by_name(strip_possessive(name))?;
        Some(self.people[p].name.clone())
    }
}

/// "Stoltenberg's" and "Stoltenberg’s" name Stoltenberg.
fn strip_possessive(name: &str) -> &str {
    let n = name.trim();
    n.strip_suffix("'s")
        .or_else(|| n.strip_suffix("\u{2019}s"))
        .unwrap_or(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{parse_str, Kb};

    fn kb() -> Kb {
        let src = r#"
[[person]]
id = "jens-stoltenberg"
name = "Jens Stoltenberg"
pronouns = "he"

[[person]]
id = "sergey-lavrov"
name = "Sergei Lavrov"
variants = ["Sergey Lavrov"]
pronouns = "he"

[[person]]
id = "aleksey-lavrov"
name = "Aleksey Lavrov"

[[person]]
id = "julianne-smith"
name = "Julianne Smith"
pronouns = "she"
"#;
        Kb::from_files([parse_str(src, "hints.toml").expect("test KB parses")])
    }

    #[test]
    fn pronoun_by_full_name_surname_and_possessive() {
        let kb = kb();
        assert_eq!(kb.pronoun("Jens Stoltenberg"), Some(Pronoun::He));
        assert_eq!(kb.pronoun("stoltenberg"), Some(Pronoun::He));
        assert_eq!(kb.pronoun("Smith\u{2019}s"), Some(Pronoun::She));
        assert_eq!(kb.pronoun("Nobody"), None);
    }

    #[test]
    fn full_name_only_when_unambiguous() {
        let kb = kb();
        assert_eq!(kb.full_name("Smith").as_deref(), Some("Julianne Smith"));
        // Two Lavrovs: the surname alone names nobody.
        assert_eq!(kb.full_name("Lavrov"), None);
        assert_eq!(kb.pronoun("Lavrov"), None);
        // A full name, even a known misspelling, still resolves.
        assert_eq!(
            kb.full_name("Sergey Lavrov").as_deref(),
            Some("Sergei Lavrov")
        );
        assert_eq!(
            kb.full_name("Aleksey Lavrov").as_deref(),
            Some("Aleksey Lavrov")
        );
    }
}
