//! The language server: the only module that imports tower-lsp-server, tokio or ropey.
//! `Backend` routes LSP messages; each feature is a small file beside this one, reading
//! the last [`Snapshot`] (text + analysis) of a document instead of re-analysing.

mod actions;
mod code_lens;
mod completion;
#[doc(hidden)]
pub mod diagnostics;
mod documents;
#[cfg(test)]
mod fixture;
mod hover;
mod inlay_hints;
mod present;
#[doc(hidden)]
pub mod publish;
mod references;
mod rename;
#[doc(hidden)]
pub mod replay;
mod semantic_tokens;
mod symbols;
mod transport;
mod watch;
mod worker;

pub mod position;
pub mod settings;
pub mod workspace;

use crate::analysis::Analysis;
use crate::kb::Kb;
use documents::Document;
use position::{Converter, Encoding};
use ropey::Rope;
use serde_json::Value;
use settings::Settings;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use tokio::sync::watch as channel;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};
use workspace::Workspace;

/// glibc gives threads that allocate at the same time their own malloc arenas (up to 8
/// per core), and each arena keeps the memory of its busiest moment. The server's threads
/// (runtime workers, blocking analyses, stdio) left 20 open drafts at 56 MB idle; one
/// arena holds them at 33 MB, and on 2 cores the shared lock did not show in the edit
/// latency bench. `MALLOC_ARENA_MAX` in the environment still wins.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
            return;
        }
        extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        const M_ARENA_MAX: std::ffi::c_int = -8;
        // SAFETY: mallopt only tunes the allocator and is safe to call at any time; this
        // runs before the runtime starts its threads. Its status is ignored: on failure
        // the default arenas stay, which is only more memory.
        unsafe {
            mallopt(M_ARENA_MAX, 1);
        }
    }
}

/// Serves LSP on stdin/stdout until the client exits or closes stdin. Returns the exit
/// code: 0 after a `shutdown` request, 1 when the client left without one.
pub fn run_stdio() -> anyhow::Result<i32> {
    #[cfg(debug_assertions)]
    if std::env::var_os("COPYDESK_TEST_PANIC").is_some() {
        crate::lint::TEST_PANIC_ARMED.store(true, Ordering::Relaxed);
    }
    limit_malloc_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("copydesk-lsp")
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the server's runtime: {e}"))?;
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    runtime.block_on(async move {
        // Messages the server writes itself (error replies to bad frames, diagnostics)
        // reach stdout through `transport::output`, between tower's frames.
        let (own_tx, own_rx) = tokio::sync::mpsc::unbounded_channel();
        let publisher = publish::Publisher::new(own_tx.clone());
        let (service, socket) = LspService::build(|client| Backend::new(client, flag, publisher))
            .custom_method("copydesk/documentText", Backend::document_text)
            .finish();
        // Frames pass through `transport`'s guard in both directions (see there why).
        let (server_in, client_in) = tokio::io::duplex(1 << 16);
        let (server_out, client_out) = tokio::io::duplex(1 << 16);
        tokio::spawn(transport::input(tokio::io::stdin(), client_in, own_tx));
        let out = tokio::spawn(transport::output(client_out, tokio::io::stdout(), own_rx));
        Server::new(server_in, server_out, socket)
            .serve(service)
            .await;
        // Let the last responses reach the client, but never hang on a dead pipe.
        let _ = tokio::time::timeout(Duration::from_secs(2), out).await;
    });
    // The stdin reader sits in a blocking thread that cannot be interrupted; do not wait.
    runtime.shutdown_background();
    Ok(if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    })
}

/// One analysed version of a document: its text, the analysis, and what it was
/// analysed with. Cheap to share; features read it without locking anything.
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    /// Bumped on every text or configuration change; a snapshot is current when its
    /// generation matches the document's.
    pub generation: u64,
    pub rope: Rope,
    pub text: String,
    pub analysis: Arc<Analysis>,
    pub kb: Arc<Kb>,
    /// The options the analysis ran with (fix-all re-checks a round of fixes with them).
    pub options: crate::analysis::Options,
    pub encoding: Encoding,
    /// The workspace KB file new people are added to (None outside a workspace).
    pub kb_target: Option<PathBuf>,
    pub inlay_speakers: bool,
}

impl Snapshot {
    pub fn conv(&self) -> Converter<'_> {
        Converter::new(&self.rope, self.encoding)
    }
}

struct OpenDoc {
    doc: Document,
    generation: u64,
    /// Wakes the document's worker; holds the newest generation. Dropping it (on close)
    /// ends the worker.
    trigger: channel::Sender<u64>,
    results: channel::Receiver<Option<Arc<Snapshot>>>,
}

/// What the client said it supports.
#[derive(Clone, Copy, Debug, Default)]
struct ClientFlags {
    pull_diagnostics: bool,
    dynamic_watch: bool,
    configuration: bool,
}

pub struct State {
    client: Client,
    /// Every `publishDiagnostics` goes out through here, not through `client`.
    publisher: publish::Publisher,
    docs: Mutex<HashMap<Uri, OpenDoc>>,
    workspace: RwLock<Workspace>,
    /// The settings from `initializationOptions`: what a client that answers
    /// `workspace/configuration` with `null` (Helix, Eglot when unset) keeps using.
    init_settings: RwLock<Settings>,
    encoding: RwLock<Encoding>,
    flags: RwLock<ClientFlags>,
    generation: AtomicU64,
    shut_down: Arc<AtomicBool>,
    /// The KB/config files currently registered for watching.
    watched: Mutex<Option<Vec<PathBuf>>>,
}

/// Locks that survive a panicking holder: the data behind them is replaced wholesale,
/// never left half-written.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}
fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

impl State {
    fn encoding(&self) -> Encoding {
        *read(&self.encoding)
    }

    fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Asks for a fresh analysis of every open document (after a settings/KB change).
    fn reanalyse_all(&self) {
        let mut docs = lock(&self.docs);
        for od in docs.values_mut() {
            od.generation = self.next_generation();
            od.trigger.send_replace(od.generation);
        }
    }

    /// The analysis of the document's current text, waiting (briefly) for a pending one;
    /// if it does not arrive in time, the last finished one.
    async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let (mut rx, generation) = {
            let docs = lock(&self.docs);
            let od = docs.get(uri)?;
            (od.results.clone(), od.generation)
        };
        let waited = tokio::time::timeout(
            Duration::from_secs(10),
            rx.wait_for(|s| s.as_ref().is_some_and(|s| s.generation >= generation)),
        )
        .await
        .ok()
        .and_then(|r| r.ok().map(|s| s.clone()));
        match waited {
            Some(s) => s,
            None => rx.borrow().clone(),
        }
    }

    /// Every open document's latest snapshot (for workspace-wide requests).
    async fn all_snapshots(&self) -> Vec<Arc<Snapshot>> {
        let uris: Vec<Uri> = lock(&self.docs).keys().cloned().collect();
        let mut out = Vec::new();
        for u in uris {
            if let Some(s) = self.snapshot(&u).await {
                out.push(s);
            }
        }
        out
    }

    /// An open document's version and text.
    fn open_text(&self, uri: &Uri) -> Option<(i32, Rope)> {
        lock(&self.docs)
            .get(uri)
            .map(|d| (d.doc.version, d.doc.rope.clone()))
    }

    async fn log(&self, typ: MessageType, msg: impl std::fmt::Display) {
        self.client.log_message(typ, msg).await;
    }

    /// Publishes the problems found in KB/config files on those files' URIs.
    async fn publish_file_problems(&self, changed: Vec<(PathBuf, Vec<workspace::FileProblem>)>) {
        let encoding = self.encoding();
        for (path, problems) in changed {
            let Some(uri) = workspace::file_uri(&path) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).ok();
            let diags = problems
                .iter()
                .map(|p| diagnostics::file_problem(p, text.as_deref(), encoding))
                .collect();
            self.publisher.diagnostics(uri, diags, None);
        }
    }

    /// Re-reads configs and KB files, reports their problems, re-analyses everything.
    async fn reload(&self) {
        let open: Vec<Uri> = lock(&self.docs).keys().cloned().collect();
        let changed = write(&self.workspace).reload(&open);
        self.publish_file_problems(changed).await;
        self.reanalyse_all();
        watch::register(self).await;
        if read(&self.flags).pull_diagnostics {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Works out the editor settings: the workspace-wide section from `pushed` (a
    /// `didChangeConfiguration` payload) or else pulled with `workspace/configuration`,
    /// and each folder's own section pulled with its `scopeUri` when the client answers
    /// such requests. A `null` or empty answer means the client has nothing to say: the
    /// `initializationOptions` stay. A malformed section is shown and the previous kept.
    async fn refresh_settings(&self, pushed: Option<&Value>) {
        let pull = read(&self.flags).configuration;
        let folders: Vec<Uri> = read(&self.workspace)
            .folders
            .iter()
            .map(|f| f.uri.clone())
            .collect();
        let mut global: Option<Value> = pushed.and_then(Settings::section_of).cloned();
        let mut scoped: Vec<Option<Value>> = vec![None; folders.len()];
        if pull {
            let section = Some(diagnostics::SOURCE.to_string());
            let mut items = Vec::new();
            if global.is_none() {
                items.push(ConfigurationItem {
                    scope_uri: None,
                    section: section.clone(),
                });
            }
            items.extend(folders.iter().map(|u| ConfigurationItem {
                scope_uri: Some(u.clone()),
                section: section.clone(),
            }));
            let wanted_global = global.is_none();
            match self.client.configuration(items).await {
                Ok(answers) => {
                    let mut answers = answers.into_iter();
                    if wanted_global {
                        global = answers
                            .next()
                            .as_ref()
                            .and_then(Settings::section_of)
                            .cloned();
                    }
                    for (slot, v) in scoped.iter_mut().zip(answers) {
                        *slot = Settings::section_of(&v).cloned();
                    }
                }
                Err(e) => {
                    self.log(
                        MessageType::WARNING,
                        format!("workspace/configuration failed ({e}); keeping the settings"),
                    )
                    .await;
                }
            }
        }
        let mut problems = Vec::new();
        let global = match global {
            None => Some(read(&self.init_settings).clone()),
            Some(v) => Settings::from_json(&v).map_err(|e| problems.push(e)).ok(),
        };
        let per_folder: Vec<(Uri, Option<Settings>)> = folders
            .into_iter()
            .zip(scoped)
            .map(|(u, v)| {
                let s = v.and_then(|v| {
                    Settings::from_json(&v)
                        .map_err(|e| problems.push(format!("{}: {e}", u.as_str())))
                        .ok()
                });
                (u, s)
            })
            .collect();
        {
            let mut ws = write(&self.workspace);
            if let Some(g) = global {
                ws.settings = g;
            }
            for (u, s) in per_folder {
                ws.set_folder_settings(&u, s);
            }
        }
        for p in problems {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("{p}; keeping the previous settings"),
                )
                .await;
        }
    }
}

pub struct Backend {
    state: Arc<State>,
}

impl Backend {
    fn new(client: Client, shut_down: Arc<AtomicBool>, publisher: publish::Publisher) -> Self {
        Backend {
            state: Arc::new(State {
                client,
                publisher,
                docs: Mutex::new(HashMap::new()),
                workspace: RwLock::new(Workspace::default()),
                init_settings: RwLock::new(Settings::default()),
                encoding: RwLock::new(Encoding::Utf16),
                flags: RwLock::new(ClientFlags::default()),
                generation: AtomicU64::new(0),
                shut_down,
                watched: Mutex::new(None),
            }),
        }
    }

    /// Hidden debug request: the server's current text of a document, so tests can
    /// compare incremental edits with a full re-read.
    async fn document_text(&self, params: TextDocumentIdentifier) -> Result<Value> {
        let docs = lock(&self.state.docs);
        let od = docs
            .get(&params.uri)
            .ok_or_else(|| Error::invalid_params("document is not open"))?;
        Ok(serde_json::json!({
            "version": od.doc.version,
            "text": od.doc.rope.to_string(),
        }))
    }

    async fn at(&self, p: &TextDocumentPositionParams) -> Option<(Arc<Snapshot>, usize)> {
        let snap = self.state.snapshot(&p.text_document.uri).await?;
        let offset = snap.conv().offset(p.position);
        Some((snap, offset))
    }
}

fn capabilities(flags: ClientFlags, encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            resolve_provider: Some(true),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
                CodeActionKind::new(actions::FIX_ALL_KIND),
            ]),
            ..Default::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: Some(true),
                ..Default::default()
            },
        )),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        diagnostic_provider: flags.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(diagnostics::SOURCE.into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let flags = ClientFlags {
            pull_diagnostics: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            dynamic_watch: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
        };
        *write(&self.state.encoding) = encoding;
        *write(&self.state.flags) = flags;
        let settings_error = {
            let mut ws = write(&self.state.workspace);
            #[allow(deprecated)] // root_uri: the fallback for clients without folders
            let folders: Vec<Uri> = match (&params.workspace_folders, &params.root_uri) {
                (Some(f), _) if !f.is_empty() => f.iter().map(|f| f.uri.clone()).collect(),
                (_, Some(root)) => vec![root.clone()],
                _ => Vec::new(),
            };
            for f in folders {
                ws.add_folder(f);
            }
            match params
                .initialization_options
                .as_ref()
                .map(Settings::from_json)
            {
                Some(Ok(s)) => {
                    *write(&self.state.init_settings) = s.clone();
                    ws.settings = s;
                    None
                }
                Some(Err(e)) => Some(e),
                None => None,
            }
        };
        if let Some(e) = settings_error {
            self.state
                .client
                .show_message(MessageType::WARNING, format!("{e}; using defaults"))
                .await;
        }
        Ok(InitializeResult {
            capabilities: capabilities(flags, encoding),
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let state = self.state.clone();
        // Registration waits on the client's answer; do not hold up the message loop.
        tokio::spawn(async move {
            if read(&state.flags).configuration {
                state.refresh_settings(None).await;
            }
            state.reload().await;
            state
                .log(MessageType::INFO, "copydesk language server ready")
                .await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let generation = self.state.next_generation();
        let (trigger, trigger_rx) = channel::channel(generation);
        let (results_tx, results) = channel::channel(None);
        let doc = Document::new(&d.text, d.version, d.language_id);
        // The draft's own copydesk.toml, when it is nearer than any folder's (or the draft
        // is in no folder), is loaded before the first analysis.
        let desk_problems = write(&self.state.workspace).ensure_desk(&d.uri);
        let old = lock(&self.state.docs).insert(
            d.uri.clone(),
            OpenDoc {
                doc,
                generation,
                trigger,
                results,
            },
        );
        drop(old);
        worker::spawn(self.state.clone(), d.uri, trigger_rx, results_tx);
        // Registration waits on the client's answer; do not hold up the message loop.
        let state = self.state.clone();
        tokio::spawn(async move {
            if !desk_problems.is_empty() {
                state.publish_file_problems(desk_problems).await;
            }
            watch::register(&state).await;
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.state.encoding();
        // Applied before the first await, so changes keep the order the client sent them.
        let warnings = {
            let mut docs = lock(&self.state.docs);
            match docs.get_mut(&uri) {
                Some(od) => {
                    let w = od.doc.apply(
                        &params.content_changes,
                        params.text_document.version,
                        encoding,
                    );
                    od.generation = self.state.next_generation();
                    od.trigger.send_replace(od.generation);
                    w
                }
                None => vec!["change for a document that is not open; ignored".into()],
            }
        };
        for w in warnings {
            self.state
                .log(MessageType::WARNING, format!("{}: {w}", uri.as_str()))
                .await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = lock(&self.state.docs).remove(&uri);
        if removed.is_some() && !read(&self.state.flags).pull_diagnostics {
            self.state.publisher.diagnostics(uri, vec![], None);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.state.refresh_settings(Some(&params.settings)).await;
        self.state.reload().await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut ws = write(&self.state.workspace);
            for f in &params.event.removed {
                ws.remove_folder(&f.uri);
            }
            for f in params.event.added {
                ws.add_folder(f.uri);
            }
        }
        if read(&self.state.flags).configuration {
            self.state.refresh_settings(None).await;
        }
        self.state.reload().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let names: Vec<&str> = params.changes.iter().map(|c| c.uri.as_str()).collect();
        self.state
            .log(
                MessageType::INFO,
                format!("reloading configuration: {}", names.join(", ")),
            )
            .await;
        self.state.reload().await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = match self.state.snapshot(&uri).await {
            Some(s) => diagnostics::for_snapshot(&uri, &s),
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let Some((snap, offset)) = self.at(&params.text_document_position_params).await else {
            return Ok(None);
        };
        Ok(hover::hover(&snap, offset))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let Some((snap, offset)) = self.at(&params.text_document_position).await else {
            return Ok(None);
        };
        Ok(completion::complete(&snap, offset))
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        let uri = completion::uri_of(&item);
        let snap = match uri {
            Some(u) => self.state.snapshot(&u).await,
            None => None,
        };
        Ok(match snap {
            Some(s) => completion::resolve(&s, item),
            None => item,
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let open_kb = snap
            .kb_target
            .as_deref()
            .and_then(workspace::file_uri)
            .and_then(|u| self.state.open_text(&u).map(|(v, rope)| (u, v, rope)));
        let v = actions::actions(&snap, &params, open_kb);
        Ok((!v.is_empty()).then_some(v))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(symbols::document(
            &snap,
        ))))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let snaps = self.state.all_snapshots().await;
        Ok(Some(WorkspaceSymbolResponse::Nested(symbols::workspace(
            &snaps,
            &params.query,
        ))))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let Some((snap, offset)) = self.at(&params.text_document_position).await else {
            return Ok(None);
        };
        Ok(references::references(&snap, offset))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let Some((snap, offset)) = self.at(&params.text_document_position_params).await else {
            return Ok(None);
        };
        Ok(references::highlights(&snap, offset))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some((snap, offset)) = self.at(&params).await else {
            return Ok(None);
        };
        Ok(rename::prepare(&snap, offset))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let Some((snap, offset)) = self.at(&params.text_document_position).await else {
            return Ok(None);
        };
        rename::rename(&snap, offset, &params.new_name)
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(SemanticTokensResult::Tokens(semantic_tokens::tokens(
            &snap, None,
        ))))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let span = snap.conv().span(params.range);
        Ok(Some(SemanticTokensRangeResult::Tokens(
            semantic_tokens::tokens(&snap, Some(span)),
        )))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let span = snap.conv().span(params.range);
        Ok(Some(inlay_hints::hints(&snap, span)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(code_lens::lenses(&snap)))
    }
}
