//! Rename a person throughout the document, each mention rewritten in its own shape:
//! a full name (or alias, or misspelling) becomes the new full name, a surname the new
//! surname, and a possessive keeps its ending. Pronouns and quoted words are left alone:
//! quotations are the speaker's words, not ours to change.

use super::actions::name_part;
use super::{present, Snapshot};
use crate::mentions::{Form, Target};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, PrepareRenameResponse,
    TextDocumentEdit, TextEdit, WorkspaceEdit,
};

fn is_person(t: &Target) -> bool {
    matches!(t, Target::Person(_) | Target::UnknownPerson(_))
}

pub fn prepare(snap: &Snapshot, offset: usize) -> Option<PrepareRenameResponse> {
    let m = snap.analysis.mentions.at(offset)?;
    if !is_person(&m.target) || m.form == Form::Pronoun {
        return None;
    }
    let span = name_part(&snap.text, m);
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.conv().range(span),
        placeholder: span.slice(&snap.text).to_string(),
    })
}

pub fn rename(snap: &Snapshot, offset: usize, new_name: &str) -> Result<Option<WorkspaceEdit>> {
    let Some(m) = snap.analysis.mentions.at(offset) else {
        return Ok(None);
    };
    if !is_person(&m.target) {
        return Err(Error::invalid_params("only people can be renamed"));
    }
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return Err(Error::invalid_params(
            "the new name must be one line of text",
        ));
    }
    let new_surname = present::surname(new_name);
    let conv = snap.conv();
    let edits: Vec<OneOf<TextEdit, _>> = snap
        .analysis
        .mentions
        .of(&m.target)
        .filter(|o| !o.inside_quote)
        .filter_map(|o| {
            let replacement = match o.form {
                Form::Pronoun => return None,
                Form::Surname => new_surname,
                Form::FullName | Form::Alias | Form::Variant => new_name,
            };
            Some(OneOf::Left(TextEdit {
                range: conv.range(name_part(&snap.text, o)),
                new_text: replacement.to_string(),
            }))
        })
        .collect();
    Ok(Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: snap.uri.clone(),
                version: Some(snap.version),
            },
            edits,
        }])),
        ..Default::default()
    }))
}
