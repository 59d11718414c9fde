//! Mentions of KB people, organisations and house-style terms in a draft, with the title
//! phrases linked to each person, and surname/pronoun references linked back.

use crate::article::Article;
use crate::kb::{Kb, OrgId, PersonId};
use crate::text::Span;
use serde::Serialize;

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "id")]
pub enum Target {
    Person(PersonId),
    Organization(OrgId),
    /// Index into `Kb::terms`, with the form index written.
    Term(usize, usize),
    /// A capitalised person name the KB does not know, as written in its full form.
    UnknownPerson(String),
}

/// How the mention is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    FullName,
    Surname,
    Alias,
    /// A known wrong spelling.
    Variant,
    /// A pronoun that attributes a quotation.
    Pronoun,
}

/// A title phrase attached to a person mention ("NATO Secretary-General").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TitleRef {
    pub span: Span,
    pub text: String,
    /// The organisation named in the title, if any ("NATO", "Russian").
    pub org: Option<OrgId>,
    /// former / outgoing / acting / then-
    pub qualifier: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub target: Target,
    pub form: Form,
    pub possessive: bool,
    pub inside_quote: bool,
    pub paragraph: Option<usize>,
    pub title: Option<TitleRef>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Mentions {
    /// In text order.
    pub items: Vec<Mention>,
}

impl Mentions {
    /// The mention covering `offset`.
    pub fn at(&self, offset: usize) -> Option<&Mention> {
        self.items.iter().find(|m| m.span.contains(offset))
    }

    /// Every mention with the same target as `target`.
    pub fn of<'a>(&'a self, target: &'a Target) -> impl Iterator<Item = &'a Mention> + 'a {
        self.items.iter().filter(move |m| &m.target == target)
    }
}

/// Finds every mention in one pass over the text.
pub fn find(text: &str, article: &Article, kb: &Kb) -> Mentions {
    let _ = (text, article, kb);
    Mentions::default()
}
