//! Code actions: each quick-fix of the diagnostics under the cursor (from the fixes the
//! diagnostic carries in `data`), `source.fixAll.copydesk`, "Add ‘Name’ to the
//! workspace knowledge base", and "Use first-reference form". Every edit is a versioned
//! `TextDocumentEdit`, so an editor refuses it once the document has moved on.

use super::diagnostics::{self, DiagnosticData};
use super::position::Converter;
use super::{present, workspace, Snapshot};
use crate::article::PartKind;
use crate::kb::import::slug;
use crate::lint::{suppress, Edit, Fix};
use crate::mentions::{Form, Mention, Target};
use crate::text::Span;
use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile,
    CreateFileOptions, Diagnostic, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

pub const FIX_ALL_KIND: &str = "source.fixAll.copydesk";

/// The workspace KB file when it is open in the editor: its URI, version and text.
pub type OpenKb = Option<(Uri, i32, Rope)>;

pub fn actions(
    snap: &Snapshot,
    params: &CodeActionParams,
    open_kb: OpenKb,
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let wanted = |kind: &CodeActionKind| match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        }),
    };
    let span = snap.conv().span(params.range);
    let mut out = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for (diag, fixes) in fixable(snap, params, span) {
            let single = fixes.len() == 1;
            for fix in fixes {
                let Some(edit) = document_edit(snap, &fix.edits) else {
                    continue;
                };
                out.push(action(
                    fix.title.clone(),
                    CodeActionKind::QUICKFIX,
                    edit,
                    Some(vec![diag.clone()]),
                    single && fix.safe,
                ));
            }
        }
        if let Some(a) = add_to_kb(snap, span, open_kb) {
            out.push(a);
        }
        out.extend(suppress_actions(snap, span));
    }
    if wanted(&CodeActionKind::REFACTOR_REWRITE) {
        if let Some(a) = first_reference(snap, span) {
            out.push(a);
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL_KIND);
    if wanted(&fix_all) {
        if let Some(a) = fix_all_action(snap) {
            out.push(a);
        }
    }
    out
}

fn action(
    title: String,
    kind: CodeActionKind,
    edit: WorkspaceEdit,
    diagnostics: Option<Vec<Diagnostic>>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics,
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

/// Diagnostics under the cursor with their fixes: from the fixes the client echoes back
/// in `data` when they belong to this version, else from the stored analysis.
fn fixable(snap: &Snapshot, params: &CodeActionParams, span: Span) -> Vec<(Diagnostic, Vec<Fix>)> {
    let from_client: Vec<(Diagnostic, Vec<Fix>)> = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(diagnostics::SOURCE))
        .filter_map(|d| {
            let data: DiagnosticData = serde_json::from_value(d.data.clone()?).ok()?;
            (data.version == snap.version)
                .then(|| (d.clone(), data.fixes.iter().map(|f| f.to_fix()).collect()))
        })
        .collect();
    if !from_client.is_empty() {
        return from_client;
    }
    snap.analysis
        .findings
        .iter()
        .filter(|f| f.span.start <= span.end && span.start <= f.span.end && !f.fixes.is_empty())
        .map(|f| {
            (
                diagnostics::to_diagnostic(f, &snap.uri, snap),
                f.fixes.clone(),
            )
        })
        .collect()
}

fn text_edit(conv: &Converter, e: &Edit) -> TextEdit {
    TextEdit {
        range: conv.range(e.span),
        new_text: e.replacement.clone(),
    }
}

/// A versioned edit of this document; None when an edit does not fit the text.
fn document_edit(snap: &Snapshot, edits: &[Edit]) -> Option<WorkspaceEdit> {
    let text = &snap.text;
    let fits = |e: &Edit| {
        e.span.start <= e.span.end
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    };
    if edits.is_empty() || !edits.iter().all(fits) {
        return None;
    }
    let conv = snap.conv();
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: snap.uri.clone(),
                version: Some(snap.version),
            },
            edits: edits
                .iter()
                .map(|e| OneOf::Left(text_edit(&conv, e)))
                .collect(),
        }])),
        ..Default::default()
    })
}

/// Every safe fix in the document, skipping any that overlaps one already taken.
fn fix_all_action(snap: &Snapshot) -> Option<CodeActionOrCommand> {
    // The same engine as `copydesk check --fix` (one checked round: the editor re-analyses
    // after applying, and the next fix-all takes the next round).
    let taken =
        crate::analysis::fix::safe_edits(&snap.text, &snap.analysis, &snap.kb, &snap.options);
    if taken.is_empty() {
        return None;
    }
    let edit = document_edit(snap, &taken)?;
    Some(action(
        "Fix all safe copydesk findings".into(),
        CodeActionKind::new(FIX_ALL_KIND),
        edit,
        None,
        false,
    ))
}

/// "Suppress ‘rule’ on this line" for each rule with a finding under the cursor: inserts
/// a `copydesk-disable-next-line` directive (see `lint::suppress::disable_next_line` for
/// where it goes). Not offered on `unused-suppression` itself.
fn suppress_actions(snap: &Snapshot, span: Span) -> Vec<CodeActionOrCommand> {
    let mut rules: Vec<&crate::lint::Finding> = Vec::new();
    for f in &snap.analysis.findings {
        let under = f.span.start <= span.end && span.start <= f.span.end;
        if under
            && f.rule != crate::lint::rules::unused_suppression::META.id
            && !rules.iter().any(|r| r.rule == f.rule)
        {
            rules.push(f);
        }
    }
    rules
        .into_iter()
        .filter_map(|f| {
            let edit = suppress::disable_next_line(
                &snap.text,
                &snap.analysis.article,
                f.rule,
                f.span.start,
            )?;
            let edit = document_edit(snap, &[edit])?;
            Some(action(
                format!("Suppress ‘{}’ on this line", f.rule),
                CodeActionKind::QUICKFIX,
                edit,
                Some(vec![diagnostics::to_diagnostic(f, &snap.uri, snap)]),
                false,
            ))
        })
        .collect()
}

fn mention_in(snap: &Snapshot, span: Span) -> Option<&Mention> {
    snap.analysis.mentions.items.iter().find(|m| {
        m.span.contains(span.start)
            || (span.start < m.span.end && m.span.start < span.end.max(span.start + 1))
    })
}

/// `"…"` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `base`, or `base-2`, `base-3`…: an id no loaded person has (a later entry with the same
/// id would replace that person, e.g. a starter-KB namesake) and the file does not use.
fn free_id(base: &str, kb: &crate::kb::Kb, file: Option<&str>) -> String {
    let used = |id: &str| {
        kb.person_by_id(id).is_some()
            || file.is_some_and(|t| t.contains(&format!("id = {}", toml_string(id))))
    };
    let mut id = base.to_string();
    let mut n = 2;
    while used(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// "Add ‘Name’ to the workspace knowledge base": creates the workspace KB file or
/// appends a `[[person]]` entry to it.
fn add_to_kb(snap: &Snapshot, span: Span, open_kb: OpenKb) -> Option<CodeActionOrCommand> {
    let m = mention_in(snap, span)?;
    let Target::UnknownPerson(name) = &m.target else {
        return None;
    };
    let path = snap.kb_target.as_ref()?;
    let uri = workspace::file_uri(path)?;
    let (existing, version) = match open_kb {
        Some((u, v, rope)) if u == uri => (Some(rope), Some(v)),
        _ => (
            std::fs::read_to_string(path)
                .ok()
                .map(|t| Rope::from_str(&t)),
            None,
        ),
    };
    let id = free_id(
        &slug(name),
        &snap.kb,
        existing.as_ref().map(|r| r.to_string()).as_deref(),
    );
    let entry = format!(
        "[[person]]\nid = {}\nname = {}\n",
        toml_string(&id),
        toml_string(name)
    );
    let mut ops = Vec::new();
    let (at, new_text) = match &existing {
        Some(rope) => {
            let end = Converter::new(rope, snap.encoding).position(rope.len_bytes());
            let last = rope.len_chars().checked_sub(1).map(|i| rope.char(i));
            let sep = match last {
                None => "",
                Some('\n') => "\n",
                Some(_) => "\n\n",
            };
            (end, format!("{sep}{entry}"))
        }
        None => {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
            (Position::new(0, 0), entry)
        }
    };
    ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
        edits: vec![OneOf::Left(TextEdit {
            range: Range::new(at, at),
            new_text,
        })],
    }));
    let edit = WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..Default::default()
    };
    Some(action(
        format!("Add ‘{name}’ to the workspace knowledge base"),
        CodeActionKind::QUICKFIX,
        edit,
        None,
        false,
    ))
}

/// The name part of a mention's span, without a possessive ending.
pub fn name_part(text: &str, m: &Mention) -> Span {
    let s = m.span.slice(text);
    let cut = if m.possessive {
        ["’s", "'s", "’", "'"]
            .iter()
            .find(|e| s.ends_with(*e))
            .map_or(0, |e| e.len())
    } else {
        0
    };
    Span::new(m.span.start, m.span.end - cut)
}

/// "Use first-reference form" on a surname-only first body mention of a KB person.
fn first_reference(snap: &Snapshot, span: Span) -> Option<CodeActionOrCommand> {
    let a = &snap.analysis;
    let m = mention_in(snap, span)?;
    let Target::Person(p) = m.target else {
        return None;
    };
    let body = |mm: &Mention| {
        mm.paragraph
            .and_then(|i| a.article.paragraphs.get(i))
            .is_none_or(|para| para.kind == PartKind::Body)
    };
    if m.form != Form::Surname || m.inside_quote || !body(m) || !m.resolution.is_confident() {
        return None;
    }
    let earlier = a.mentions.of(&m.target).any(|o| {
        o.span.start < m.span.start && body(o) && matches!(o.form, Form::FullName | Form::Alias)
    });
    if earlier {
        return None;
    }
    let form = present::first_reference(&snap.kb, p, a.date);
    let edit = document_edit(
        snap,
        &[Edit {
            span: name_part(&snap.text, m),
            replacement: form.clone(),
        }],
    )?;
    Some(action(
        format!("Use first-reference form: {form}"),
        CodeActionKind::REFACTOR_REWRITE,
        edit,
        None,
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_quotes_and_backslashes() {
        assert_eq!(toml_string("Zoë \"Z\" \\"), "\"Zoë \\\"Z\\\" \\\\\"");
    }

    #[test]
    fn a_new_id_avoids_people_already_loaded_and_ids_in_the_file() {
        let kb = crate::kb::Kb::from_files(vec![crate::kb::parse_str(
            "[[person]]\nid = \"zoe-muller\"\nname = \"Zoe Muller\"\n",
            "a.toml",
        )
        .unwrap()]);
        assert_eq!(free_id("anna-berg", &kb, None), "anna-berg");
        assert_eq!(free_id(&slug("Zoë Müller"), &kb, None), "zoe-muller-2");
        let file = "[[person]]\nid = \"zoe-muller-2\"\nname = \"Zoë Müller\"\n";
        assert_eq!(free_id("zoe-muller", &kb, Some(file)), "zoe-muller-3");
    }
}
