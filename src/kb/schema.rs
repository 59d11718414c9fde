//! The knowledge-base file format (TOML, or JSON of the same shape), as serde types.
//! docs/knowledge-base.md documents it for newsroom editors.

use crate::article::Pronoun;
use crate::date::Date;
use serde::{Deserialize, Serialize};

/// The JSON Schema of a KB file (TOML, or JSON of the same shape), from these types.
pub fn json_schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(KbFile)).unwrap_or_default();
    s["title"] = "copydesk knowledge base".into();
    s["description"] =
        "People, organisations and house-style terms for copydesk (docs/knowledge-base.md).".into();
    s
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known"
        })
    }
}

impl schemars::JsonSchema for Pronoun {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Pronoun".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": ["he", "she", "they"] })
    }
}

/// One KB file as written.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KbFile {
    /// The date the file's facts are known to: a snapshot's date, or the day a newsroom
    /// last checked its file. A role with no `end` is known to be held up to this date
    /// and no later. Inherited by every entry that does not give its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Where the file's facts come from (a data set, a commit, a desk), shown for roles
    /// that do not name their own `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, rename = "person", skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(
        default,
        rename = "organization",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub organizations: Vec<Organization>,
    #[serde(default, rename = "term", skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// Preferred full form.
    pub name: String,
    /// Accepted other forms; the surname is derived when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Known wrong spellings: flagged and fixed to `name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<Pronoun>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// This entry's facts are known to this date (else the file's `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(default, rename = "role", skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// House spelling of the title.
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_aliases: Vec<String>,
    /// An organisation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Absent: still in office as far as the source knows, that is up to `as_of`. A date
    /// after `as_of` is a scheduled end, not a known one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// The form written before a name at first reference when it is not the title with
    /// its organisation in front (`Sen.` for `Senator`, so "Sen. Bernie Sanders").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The constituency, state or district the role is held for ("Vermont").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// This role is known to this date (else the person's, else the file's `as_of`): a
    /// fact added from a later source than the rest of the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// For countries: ["Russian"] lets "Russian Deputy Foreign Minister" name Russia.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// House-style spellings that must agree within a draft.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub forms: Vec<String>,
    /// The house form: flagged wherever another form is used. Without it the draft's
    /// own majority wins, and a draft that uses one form throughout is left alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefer: Option<String>,
    /// The house form in headlines, where it differs (AP writes `US` there). Without
    /// it, headline uses are not checked against `prefer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// The house style this group came from (`ap`, or a style file's path), named in
    /// findings; set when the style is loaded, never read from a file.
    #[serde(skip)]
    pub style: Option<String>,
}
