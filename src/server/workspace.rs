//! Workspace folders and what each one configures: its `copydesk.toml`, its KB files
//! (starter KB, then `copydesk.toml`'s `kb`, then the editor's `copydesk.kb`, then the
//! conventional `copydesk-kb.toml`), and the problems found in those files. A file that
//! fails to load keeps its last good contents in use.

use super::settings::Settings;
use crate::analysis::Options;
use crate::article::{Format, ParseOptions};
use crate::config::Config;
use crate::date::Date;
use crate::kb::{self, Kb, KbFile};
use crate::lint::LintConfig;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// The file name of a workspace's own KB, which "Add to the workspace knowledge base"
/// creates, and which is loaded whenever it exists.
pub const WORKSPACE_KB: &str = "copydesk-kb.toml";
pub const CONFIG_FILE: &str = "copydesk.toml";

#[derive(Clone, Debug)]
pub struct Folder {
    pub uri: Uri,
    pub path: PathBuf,
    /// `copydesk.toml` with the editor settings laid over it.
    pub config: Config,
    pub kb: Arc<Kb>,
    /// Every KB file this folder reads, in load order.
    pub kb_paths: Vec<PathBuf>,
}

/// A problem in a KB or config file: 1-based line and column (0 = no position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What one document is analysed with.
#[derive(Clone)]
pub struct DocContext {
    pub kb: Arc<Kb>,
    pub options: Options,
    /// The folder's KB file that new people are added to.
    pub kb_target: Option<PathBuf>,
}

pub struct Workspace {
    pub folders: Vec<Folder>,
    pub settings: Settings,
    pub starter: Arc<Kb>,
    last_good_kb: HashMap<PathBuf, KbFile>,
    last_good_config: HashMap<PathBuf, Config>,
    /// Problems by file, from the last reload.
    pub problems: BTreeMap<PathBuf, Vec<FileProblem>>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            folders: Vec::new(),
            settings: Settings::default(),
            starter: Arc::new(Kb::from_files(kb::starter_files())),
            last_good_kb: HashMap::new(),
            last_good_config: HashMap::new(),
            problems: BTreeMap::new(),
        }
    }
}

impl Workspace {
    pub fn add_folder(&mut self, uri: Uri) {
        let Some(path) = file_path(&uri) else { return };
        if self.folders.iter().any(|f| f.path == path) {
            return;
        }
        self.folders.push(Folder {
            uri,
            path,
            config: Config::default(),
            kb: self.starter.clone(),
            kb_paths: Vec::new(),
        });
    }

    pub fn remove_folder(&mut self, uri: &Uri) {
        self.folders.retain(|f| &f.uri != uri);
    }

    /// Re-reads every folder's config and KB files. Returns the files whose problem list
    /// changed (an empty list clears that file's diagnostics).
    pub fn reload(&mut self) -> Vec<(PathBuf, Vec<FileProblem>)> {
        let mut problems: BTreeMap<PathBuf, Vec<FileProblem>> = BTreeMap::new();
        let mut folders = std::mem::take(&mut self.folders);
        for folder in &mut folders {
            let config = self.load_config(&folder.path.join(CONFIG_FILE), &mut problems);
            let config = self.settings.overlay(&config);
            let mut paths: Vec<PathBuf> = config.kb.clone();
            for p in &self.settings.kb {
                let p = Path::new(p);
                if p.is_absolute() {
                    // The user's own settings may name any file.
                    paths.push(p.to_path_buf());
                    continue;
                }
                let full = folder.path.join(p);
                match inside(&folder.path, &full) {
                    Ok(()) => paths.push(full),
                    Err(m) => problems.entry(full).or_default().push(FileProblem {
                        line: 0,
                        column: 0,
                        message: format!("KB path `{}` {m}; not loaded", p.display()),
                    }),
                }
            }
            let conventional = folder.path.join(WORKSPACE_KB);
            if conventional.is_file() && !paths.contains(&conventional) {
                match inside(&folder.path, &conventional) {
                    Ok(()) => paths.push(conventional),
                    Err(m) => problems.entry(conventional).or_default().push(FileProblem {
                        line: 0,
                        column: 0,
                        message: format!("{WORKSPACE_KB} {m}; not loaded"),
                    }),
                }
            }
            let mut loaded: Vec<(PathBuf, String, KbFile)> = Vec::new();
            let mut files = kb::starter_files();
            let starter_len = files.len();
            for p in &paths {
                let display = p.display().to_string();
                let parsed = std::fs::read_to_string(p)
                    .map_err(|e| kb::KbError {
                        path: display.clone(),
                        line: 0,
                        column: 0,
                        message: format!("cannot read the file: {e}"),
                    })
                    .and_then(|src| kb::parse_str(&src, &display).map(|f| (src, f)));
                match parsed {
                    Ok((src, f)) => loaded.push((p.clone(), src, f)),
                    Err(e) => {
                        problems.entry(p.clone()).or_default().push(FileProblem {
                            line: e.line,
                            column: e.column,
                            message: e.message,
                        });
                        if let Some(f) = self.last_good_kb.get(p) {
                            files.push(f.clone());
                        }
                    }
                }
            }
            // A role naming an organisation no loaded file defines is an error in that
            // file, which then counts as broken: its last good contents stay in use.
            let unknown = {
                let mut set: Vec<(&str, &str, &KbFile)> = files[..starter_len]
                    .iter()
                    .map(|f| ("starter", "", f))
                    .collect();
                let names: Vec<String> = loaded
                    .iter()
                    .map(|(p, _, _)| p.display().to_string())
                    .collect();
                for ((_, src, f), name) in loaded.iter().zip(&names) {
                    set.push((name.as_str(), src.as_str(), f));
                }
                // Organisations from last-good copies of broken files count as known.
                for f in &files[starter_len..] {
                    set.push(("last good", "", f));
                }
                kb::check_references(&set)
            };
            for (p, _, f) in loaded {
                let name = p.display().to_string();
                let errors: Vec<&kb::KbError> = unknown.iter().filter(|e| e.path == name).collect();
                if errors.is_empty() {
                    self.last_good_kb.insert(p.clone(), f.clone());
                    files.push(f);
                    continue;
                }
                for e in errors {
                    problems.entry(p.clone()).or_default().push(FileProblem {
                        line: e.line,
                        column: e.column,
                        message: e.message.clone(),
                    });
                }
                if let Some(f) = self.last_good_kb.get(&p) {
                    files.push(f.clone());
                }
            }
            folder.kb = Arc::new(Kb::from_files(files));
            folder.kb_paths = paths;
            folder.config = config;
        }
        self.folders = folders;
        let mut changed: Vec<(PathBuf, Vec<FileProblem>)> = problems
            .iter()
            .filter(|(p, v)| self.problems.get(*p) != Some(*v))
            .map(|(p, v)| (p.clone(), v.clone()))
            .collect();
        for p in self.problems.keys() {
            if !problems.contains_key(p) {
                changed.push((p.clone(), Vec::new()));
            }
        }
        self.problems = problems;
        changed
    }

    fn load_config(
        &mut self,
        path: &Path,
        problems: &mut BTreeMap<PathBuf, Vec<FileProblem>>,
    ) -> Config {
        if !path.is_file() {
            self.last_good_config.remove(path);
            return Config::default();
        }
        if let Some(dir) = path.parent() {
            if let Err(m) = inside(dir, path) {
                problems
                    .entry(path.to_path_buf())
                    .or_default()
                    .push(FileProblem {
                        line: 0,
                        column: 0,
                        message: format!("{CONFIG_FILE} {m}; not read"),
                    });
                return Config::default();
            }
        }
        let parsed = std::fs::read_to_string(path)
            .map_err(|e| crate::config::ConfigError {
                path: path.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read the file: {e}"),
            })
            .and_then(|src| Config::parse_str(&src, path));
        match parsed {
            Ok(c) => {
                self.last_good_config.insert(path.to_path_buf(), c.clone());
                c
            }
            Err(e) => {
                problems
                    .entry(path.to_path_buf())
                    .or_default()
                    .push(FileProblem {
                        line: e.line,
                        column: e.column,
                        message: e.message,
                    });
                self.last_good_config.get(path).cloned().unwrap_or_default()
            }
        }
    }

    /// Every file whose change should trigger a reload (configs and KB files).
    pub fn watched_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .folders
            .iter()
            .flat_map(|f| f.kb_paths.iter().cloned())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The folder holding `path` (the innermost, for nested folders).
    fn folder_of(&self, path: &Path) -> Option<&Folder> {
        self.folders
            .iter()
            .filter(|f| path.starts_with(&f.path))
            .max_by_key(|f| f.path.as_os_str().len())
    }

    /// The KB and options a document is analysed with. Documents outside every folder
    /// (and `untitled:` ones) get the starter KB with the editor settings.
    pub fn context_for(&self, uri: &Uri, language_id: &str) -> DocContext {
        let path = file_path(uri);
        let format = if language_id.eq_ignore_ascii_case("markdown") {
            Format::Markdown
        } else {
            path.as_deref().map(Format::from_path).unwrap_or_default()
        };
        let folder = path.as_deref().and_then(|p| self.folder_of(p));
        let (kb, config, kb_target) = match folder {
            Some(f) => {
                let target = f
                    .kb_paths
                    .iter()
                    .find(|p| p.starts_with(&f.path))
                    .cloned()
                    .unwrap_or_else(|| f.path.join(WORKSPACE_KB));
                (f.kb.clone(), f.config.clone(), Some(target))
            }
            None => (
                self.starter.clone(),
                self.settings.overlay(&Config::default()),
                None,
            ),
        };
        let defaults = LintConfig::default();
        DocContext {
            kb,
            options: Options {
                parse: ParseOptions { format },
                article_date: config.article_date,
                today: Date::today(),
                lint: LintConfig {
                    severities: config.severities,
                    quote_min_words: config.quote_min_words.unwrap_or(defaults.quote_min_words),
                },
            },
            kb_target,
        }
    }
}

/// Ok when `path` stays inside `dir`: no `..` leading out, and (when it exists) no
/// symlink resolving outside. A workspace's files may come from anyone's checkout, so
/// they may not point the server at files elsewhere; only the user's own settings may,
/// with an absolute path.
pub fn inside(dir: &Path, path: &Path) -> Result<(), String> {
    let rel = path
        .strip_prefix(dir)
        .map_err(|_| "is outside the workspace folder".to_string())?;
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            std::path::Component::ParentDir => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| "leads outside the workspace folder".to_string())?;
            }
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    if let (Ok(real_dir), Ok(real)) = (dir.canonicalize(), path.canonicalize()) {
        if !real.starts_with(&real_dir) {
            return Err(format!(
                "is a symlink to {}, outside the workspace folder",
                real.display()
            ));
        }
    }
    Ok(())
}

/// The local path of a `file:` URI; None for `untitled:` and other schemes.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The `file:` URI of a path.
pub fn file_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}
