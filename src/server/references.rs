//! References and document highlights: every mention (full name, surname, alias,
//! attributing pronoun) of the person or organisation under the cursor.

use super::Snapshot;
use crate::mentions::Mention;
use tower_lsp_server::ls_types::{DocumentHighlight, DocumentHighlightKind, Location};

fn same_target(snap: &Snapshot, offset: usize) -> Option<Vec<&Mention>> {
    let m = snap.analysis.mentions.at(offset)?;
    Some(snap.analysis.mentions.of(&m.target).collect())
}

pub fn references(snap: &Snapshot, offset: usize) -> Option<Vec<Location>> {
    let conv = snap.conv();
    Some(
        same_target(snap, offset)?
            .into_iter()
            .map(|m| Location::new(snap.uri.clone(), conv.range(m.span)))
            .collect(),
    )
}

pub fn highlights(snap: &Snapshot, offset: usize) -> Option<Vec<DocumentHighlight>> {
    let conv = snap.conv();
    Some(
        same_target(snap, offset)?
            .into_iter()
            .map(|m| DocumentHighlight {
                range: conv.range(m.span),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .collect(),
    )
}
