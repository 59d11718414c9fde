//! Inlay hints: after a pronoun that attributes a quotation, the speaker it resolves to
//! (`he said` → `he: Peskov said`). Off unless `copydesk.inlayHints.speakers` is set.

use super::{present, Snapshot};
use crate::article::SpeakerKind;
use crate::text::Span;
use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip};

pub fn hints(snap: &Snapshot, within: Span) -> Vec<InlayHint> {
    if !snap.inlay_speakers {
        return Vec::new();
    }
    let conv = snap.conv();
    snap.analysis
        .article
        .quotes
        .iter()
        .filter_map(|q| q.attribution.as_ref())
        .filter(|at| at.speaker.kind == SpeakerKind::Pronoun)
        .filter(|at| within.start <= at.speaker.span.end && at.speaker.span.end <= within.end)
        .filter_map(|at| {
            let name = at.speaker.resolved.as_deref()?;
            Some(InlayHint {
                position: conv.position(at.speaker.span.end),
                label: InlayHintLabel::String(format!(": {}", present::surname(name))),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "‘{}’ is {name}",
                    at.speaker.text
                ))),
                padding_left: None,
                padding_right: Some(true),
                data: None,
            })
        })
        .collect()
}
