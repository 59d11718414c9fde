//! One analysis worker per open document: waits for a change, analyses the newest text
//! off the message loop (spawn_blocking), drops results overtaken by a newer change, and
//! publishes. The worker keeps an `analysis::Incremental`, so unchanged paragraphs are
//! not re-read on every keystroke. Changes that arrive while an analysis runs collapse
//! into one more run, so typing never queues unbounded work. A panic becomes an empty,
//! logged result.

use super::{lock, read, Snapshot, State};
use crate::analysis::{Analysis, DateOrigin, Incremental, Options};
use crate::article::Article;
use crate::mentions::Mentions;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use tokio::sync::watch;
use tower_lsp_server::ls_types::{MessageType, Uri};

pub fn spawn(
    state: Arc<State>,
    uri: Uri,
    trigger: watch::Receiver<u64>,
    results: watch::Sender<Option<Arc<Snapshot>>>,
) {
    tokio::spawn(run(state, uri, trigger, results));
}

async fn run(
    state: Arc<State>,
    uri: Uri,
    mut trigger: watch::Receiver<u64>,
    results: watch::Sender<Option<Arc<Snapshot>>>,
) {
    // Per-paragraph results of the last run, reused by the next (see analysis::Incremental).
    let mut engine = Incremental::new();
    // The first text is waiting already.
    trigger.mark_changed();
    while trigger.changed().await.is_ok() {
        let generation = *trigger.borrow_and_update();
        let job = {
            let docs = lock(&state.docs);
            let Some(od) = docs.get(&uri) else { break };
            (
                od.doc.rope.clone(),
                od.doc.version,
                od.doc.language_id.clone(),
            )
        };
        let (rope, version, language_id) = job;
        let cx = read(&state.workspace).context_for(&uri, &language_id);
        let (kb, options) = (cx.kb.clone(), cx.options.clone());
        let (text, analysis) = if cx.excluded {
            // Outside include / matched by exclude: nothing to show, and the empty publish
            // below takes down what an earlier version showed.
            (rope.to_string(), empty(&cx.options))
        } else {
            // The text goes to the blocking task and comes back with the analysis: one copy
            // of the draft per run, not two.
            let input = rope.to_string();
            let mut taken = std::mem::take(&mut engine);
            let outcome = tokio::task::spawn_blocking(move || {
                let result =
                    catch_unwind(AssertUnwindSafe(|| taken.analyze(&input, &kb, &options)))
                        .map_err(|p| panic_message(&*p));
                (input, result, taken)
            })
            .await;
            match outcome {
                Ok((text, Ok(a), used)) => {
                    engine = used;
                    (text, a)
                }
                Ok((text, Err(msg), _)) => {
                    // A panic may have left the memo half-updated: the next run starts from the
                    // empty engine `take` left behind.
                    log_failure(&state, &uri, &msg).await;
                    (text, empty(&cx.options))
                }
                Err(join) => {
                    log_failure(&state, &uri, &join.to_string()).await;
                    (rope.to_string(), empty(&cx.options))
                }
            }
        };
        let current = lock(&state.docs).get(&uri).map(|d| d.generation);
        match current {
            None => break,
            // A newer change is queued; this result is already stale.
            Some(g) if g != generation => continue,
            _ => {}
        }
        let snap = Arc::new(Snapshot {
            uri: uri.clone(),
            version,
            generation,
            rope,
            text,
            analysis: Arc::new(analysis),
            kb: cx.kb,
            options: cx.options.clone(),
            encoding: state.encoding(),
            kb_target: cx.kb_target,
            inlay_speakers: read(&state.workspace).settings.inlay_hints.speakers,
        });
        results.send_replace(Some(snap.clone()));
        if !read(&state.flags).pull_diagnostics {
            state.publisher.findings(&snap);
            // Closed while publishing: take the diagnostics back down (the same channel
            // keeps the order: this empty list always comes after the findings).
            if lock(&state.docs).get(&uri).is_none() {
                state.publisher.diagnostics(uri.clone(), vec![], None);
                break;
            }
        }
    }
}

async fn log_failure(state: &State, uri: &Uri, msg: &str) {
    state
        .log(
            MessageType::ERROR,
            format!(
                "analysis of {} failed ({msg}); showing no findings for this version",
                uri.as_str()
            ),
        )
        .await;
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = p.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".into()
    }
}

/// The result shown when an analysis failed: nothing found, nothing claimed.
pub fn empty(options: &Options) -> Analysis {
    Analysis {
        article: Article::default(),
        mentions: Mentions::default(),
        findings: Vec::new(),
        date: options.article_date.unwrap_or(options.today),
        date_origin: if options.article_date.is_some() {
            DateOrigin::Config
        } else {
            DateOrigin::Today
        },
    }
}
