//! Asks the client to watch `**/copydesk.toml`, the workspace KB file and every KB file
//! in use, re-registering when that set changes; changes arrive as
//! `workspace/didChangeWatchedFiles`, which reloads (see `State::reload`).

use super::workspace::{CONFIG_FILE, WORKSPACE_KB};
use super::{lock, read, State};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, OneOf, Registration,
    RelativePattern, Unregistration, Uri,
};

const REGISTRATION_ID: &str = "copydesk-watch";
const METHOD: &str = "workspace/didChangeWatchedFiles";

fn watchers(files: &[std::path::PathBuf]) -> Vec<FileSystemWatcher> {
    let mut v = vec![
        FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{CONFIG_FILE}")),
            kind: None,
        },
        FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{WORKSPACE_KB}")),
            kind: None,
        },
    ];
    for f in files {
        let (Some(dir), Some(name)) = (f.parent(), f.file_name()) else {
            continue;
        };
        let Some(base) = Uri::from_file_path(dir) else {
            continue;
        };
        v.push(FileSystemWatcher {
            glob_pattern: GlobPattern::Relative(RelativePattern {
                base_uri: OneOf::Right(base),
                pattern: name.to_string_lossy().into_owned(),
            }),
            kind: None,
        });
    }
    v
}

/// (Re-)registers the watchers when the client supports dynamic registration and the
/// set of files changed since the last registration.
pub async fn register(state: &State) {
    if !read(&state.flags).dynamic_watch {
        return;
    }
    let files = read(&state.workspace).watched_files();
    let registered_before = {
        let mut w = lock(&state.watched);
        if w.as_ref() == Some(&files) {
            return;
        }
        w.replace(files.clone()).is_some()
    };
    if registered_before {
        let _ = state
            .client
            .unregister_capability(vec![Unregistration {
                id: REGISTRATION_ID.into(),
                method: METHOD.into(),
            }])
            .await;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: watchers(&files),
    };
    let registration = Registration {
        id: REGISTRATION_ID.into(),
        method: METHOD.into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = state.client.register_capability(vec![registration]).await {
        state
            .log(
                tower_lsp_server::ls_types::MessageType::WARNING,
                format!("could not register file watchers: {e}"),
            )
            .await;
    }
}
