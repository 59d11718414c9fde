//! Workspace folders (and "desks": directories with their own `copydesk.toml` holding
//! open files) and what each one configures: its `copydesk.toml` (the nearest at or above
//! it, as the CLI finds it), its KB files (starter KB, then `copydesk.toml`'s `kb`, then
//! the editor's `copydesk.kb`, then the conventional `copydesk-kb.toml`), and the
//! problems found in those files. A file that fails to load keeps its last good contents.

use super::settings::Settings;
use crate::analysis::Options;
use crate::article::{Format, ParseOptions};
use crate::config::Config;
use crate::date::Date;
use crate::kb::style::{self, HouseStyle};
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
    /// The directory this unit covers: a workspace folder, or (for a desk) the directory
    /// holding the `copydesk.toml` found by walking up from an open file.
    pub path: PathBuf,
    /// Relative `copydesk.kb` paths resolve against this: the workspace folder (for a
    /// desk inside one), else `path`.
    pub base: PathBuf,
    /// Editor settings for this folder (`workspace/configuration` with its `scopeUri`);
    /// None means the workspace-wide settings.
    pub settings: Option<Settings>,
    /// The `copydesk.toml` read, if any: the nearest at or above `path`.
    pub config_path: Option<PathBuf>,
    /// `copydesk.toml` with the editor settings laid over it.
    pub config: Config,
    pub kb: Arc<Kb>,
    /// Every KB file this folder reads, in load order.
    pub kb_paths: Vec<PathBuf>,
    /// The house style it checks with (`style` in copydesk.toml or the editor setting).
    pub style: HouseStyle,
    /// The editor's `include` / `exclude`, relative to `base`.
    pub files: crate::files::Filter,
}

impl Folder {
    fn new(uri: Uri, path: PathBuf, base: PathBuf, starter: &Arc<Kb>) -> Folder {
        Folder {
            uri,
            path,
            base,
            settings: None,
            config_path: None,
            config: Config::default(),
            kb: starter.clone(),
            kb_paths: Vec::new(),
            style: HouseStyle::Draft,
            files: crate::files::Filter::none(),
        }
    }
}

/// A problem in a KB or config file: 1-based line and column (0 = no position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<kb::KbError> for FileProblem {
    fn from(e: kb::KbError) -> FileProblem {
        FileProblem {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

/// What one document is analysed with.
#[derive(Clone)]
pub struct DocContext {
    pub kb: Arc<Kb>,
    pub options: Options,
    /// The folder's KB file that new people are added to.
    pub kb_target: Option<PathBuf>,
    /// Outside `include`, or matched by `exclude` (copydesk.toml's or the editor's): the
    /// draft gets no diagnostics.
    pub excluded: bool,
}

pub struct Workspace {
    pub folders: Vec<Folder>,
    /// Directories with their own `copydesk.toml` that hold open files but are not
    /// workspace folders: a draft opened outside every folder, or below a folder in a
    /// subdirectory with its own `copydesk.toml`. The CLI reads the nearest
    /// `copydesk.toml` walking up from a file; these make the editor agree with it.
    pub desks: Vec<Folder>,
    pub settings: Settings,
    pub starter: Arc<Kb>,
    /// The starter KB with each preset house style, built the first time a folder asks.
    styled_starter: Vec<(&'static str, std::sync::OnceLock<Arc<Kb>>)>,
    /// The text of each KB file as last loaded without problems, parsed again only when
    /// the file breaks: a parsed copy of a 100,000-person file would cost about as much
    /// memory as the KB it feeds, the text a third of that.
    last_good_kb: HashMap<PathBuf, String>,
    last_good_config: HashMap<PathBuf, Config>,
    /// Problems by file, from the last reload.
    pub problems: BTreeMap<PathBuf, Vec<FileProblem>>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            folders: Vec::new(),
            desks: Vec::new(),
            settings: Settings::default(),
            starter: Arc::new(Kb::from_files(kb::starter_files())),
            styled_starter: style::PRESETS
                .iter()
                .map(|p| (p.name, std::sync::OnceLock::new()))
                .collect(),
            last_good_kb: HashMap::new(),
            last_good_config: HashMap::new(),
            problems: BTreeMap::new(),
        }
    }
}

/// The innermost unit (folder or desk) whose directory holds `path`.
fn innermost<'a>(units: impl Iterator<Item = &'a Folder>, path: &Path) -> Option<&'a Folder> {
    units
        .filter(|f| path.starts_with(&f.path))
        .max_by_key(|f| f.path.as_os_str().len())
}

impl Workspace {
    pub fn add_folder(&mut self, uri: Uri) {
        let Some(path) = file_path(&uri) else { return };
        if self.folders.iter().any(|f| f.path == path) {
            return;
        }
        let folder = Folder::new(uri, path.clone(), path, &self.starter);
        self.folders.push(folder);
    }

    pub fn remove_folder(&mut self, uri: &Uri) {
        self.folders.retain(|f| &f.uri != uri);
    }

    /// Sets a folder's own editor settings (None: use the workspace-wide ones).
    pub fn set_folder_settings(&mut self, uri: &Uri, settings: Option<Settings>) {
        if let Some(f) = self.folders.iter_mut().find(|f| &f.uri == uri) {
            f.settings = settings;
        }
    }

    /// The desk directory a file needs, if its nearest `copydesk.toml` (walking up, skipping
    /// symlinks, as the CLI does) lies deeper than the folder holding it, or the file is
    /// in no folder at all. None when the folder's own configuration already applies.
    fn desk_dir_for(&self, path: &Path) -> Option<PathBuf> {
        let config = crate::config::find_config_file(path)?;
        let dir = config.parent()?.to_path_buf();
        match innermost(self.folders.iter(), path) {
            Some(f) if !dir.starts_with(&f.path) || dir == f.path => None,
            _ => Some(dir),
        }
    }

    /// Makes sure the desk an open file belongs to is loaded (see [`Workspace::desks`]).
    /// Returns the files whose problem list changed.
    pub fn ensure_desk(&mut self, uri: &Uri) -> Vec<(PathBuf, Vec<FileProblem>)> {
        let Some(dir) = file_path(uri).and_then(|p| self.desk_dir_for(&p)) else {
            return Vec::new();
        };
        if self.desks.iter().any(|d| d.path == dir) {
            return Vec::new();
        }
        let Some(desk_uri) = file_uri(&dir) else {
            return Vec::new();
        };
        let base = innermost(self.folders.iter(), &dir)
            .map(|f| f.base.clone())
            .unwrap_or_else(|| dir.clone());
        let mut desk = Folder::new(desk_uri, dir, base, &self.starter);
        let mut problems = BTreeMap::new();
        self.load_unit(&mut desk, &mut problems);
        self.desks.push(desk);
        // Merge: only this desk's files were looked at.
        let mut changed = Vec::new();
        for (p, v) in problems {
            if self.problems.get(&p) != Some(&v) {
                changed.push((p.clone(), v.clone()));
                self.problems.insert(p, v);
            }
        }
        changed
    }

    /// Re-reads every folder's and desk's config and KB files; desks are worked out afresh
    /// from the open documents. Returns the files whose problem list changed (an empty
    /// list clears that file's diagnostics).
    pub fn reload(&mut self, open: &[Uri]) -> Vec<(PathBuf, Vec<FileProblem>)> {
        let mut problems: BTreeMap<PathBuf, Vec<FileProblem>> = BTreeMap::new();
        let mut folders = std::mem::take(&mut self.folders);
        for folder in &mut folders {
            self.load_unit(folder, &mut problems);
        }
        self.folders = folders;
        // Desks already loaded stay while their copydesk.toml does: a document opened
        // while this reload runs has added its desk, but is not in `open`.
        let mut dirs: Vec<PathBuf> = open
            .iter()
            .filter_map(file_path)
            .filter_map(|p| self.desk_dir_for(&p))
            .chain(
                self.desks
                    .iter()
                    .map(|d| d.path.clone())
                    .filter(|d| {
                        crate::config::find_config_file(d)
                            .is_some_and(|c| c.parent() == Some(d.as_path()))
                    })
                    .filter(|d| self.desk_dir_for(&d.join(CONFIG_FILE)).as_ref() == Some(d)),
            )
            .collect();
        dirs.sort();
        dirs.dedup();
        let mut desks = Vec::new();
        for dir in dirs {
            let Some(uri) = file_uri(&dir) else { continue };
            let (base, settings) = match innermost(self.folders.iter(), &dir) {
                Some(f) => (f.base.clone(), f.settings.clone()),
                None => (dir.clone(), None),
            };
            let mut desk = Folder::new(uri, dir, base, &self.starter);
            desk.settings = settings;
            self.load_unit(&mut desk, &mut problems);
            desks.push(desk);
        }
        self.desks = desks;
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

    /// Loads one folder's or desk's `copydesk.toml` and KB files, recording problems.
    fn load_unit(&mut self, unit: &mut Folder, problems: &mut BTreeMap<PathBuf, Vec<FileProblem>>) {
        let config_path = crate::config::find_config_file(&unit.path);
        // find_config_file never follows a symlinked copydesk.toml; say so on the file
        // rather than silently using another one.
        let own = unit.path.join(CONFIG_FILE);
        if own
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            let why = match inside(&unit.path, &own) {
                Err(m) => m,
                Ok(()) => "is a symlink".to_string(),
            };
            push_problem(
                problems,
                &own,
                FileProblem {
                    line: 0,
                    column: 0,
                    message: format!("{CONFIG_FILE} {why}; not read (a symlinked {CONFIG_FILE} is never followed)"),
                },
            );
        }
        let config = match &config_path {
            Some(p) => self.load_config(p, problems),
            None => Config::default(),
        };
        let settings = unit.settings.as_ref().unwrap_or(&self.settings).clone();
        // Validated when the settings were read.
        unit.files = settings
            .files(&unit.base)
            .unwrap_or_else(|_| crate::files::Filter::none());
        let config = settings.overlay(&config);
        let mut paths: Vec<PathBuf> = config.kb.clone();
        for p in &settings.kb {
            let p = Path::new(p);
            if p.is_absolute() {
                // The user's own settings may name any file.
                paths.push(p.to_path_buf());
                continue;
            }
            let full = unit.base.join(p);
            match inside(&unit.base, &full) {
                Ok(()) => paths.push(full),
                Err(m) => push_problem(
                    problems,
                    &full,
                    FileProblem {
                        line: 0,
                        column: 0,
                        message: format!("KB path `{}` {m}; not loaded", p.display()),
                    },
                ),
            }
        }
        let conventional = unit.path.join(WORKSPACE_KB);
        if conventional.is_file() && !paths.contains(&conventional) {
            match inside(&unit.path, &conventional) {
                Ok(()) => paths.push(conventional),
                Err(m) => push_problem(
                    problems,
                    &conventional,
                    FileProblem {
                        line: 0,
                        column: 0,
                        message: format!("{WORKSPACE_KB} {m}; not loaded"),
                    },
                ),
            }
        }
        // The editor's `style` wins over copydesk.toml's; a relative style file resolves
        // against the folder, as `kb` does, and must stay inside it.
        let house = match settings
            .style
            .as_deref()
            .map(|v| HouseStyle::parse(v, &unit.base))
        {
            Some(Ok(HouseStyle::File(p)))
                if !Path::new(settings.style.as_deref().unwrap_or("")).is_absolute() =>
            {
                match inside(&unit.base, &p) {
                    Ok(()) => HouseStyle::File(p),
                    Err(m) => {
                        push_problem(
                            problems,
                            &p,
                            FileProblem {
                                line: 0,
                                column: 0,
                                message: format!("style file {m}; not loaded"),
                            },
                        );
                        HouseStyle::Draft
                    }
                }
            }
            Some(Ok(h)) => h,
            // Settings::validate refused anything else.
            Some(Err(_)) | None => config.style.clone().unwrap_or_default(),
        };
        unit.config_path = config_path;
        unit.config = config;
        unit.style = house.clone();
        if paths.is_empty() {
            if let Some(kb) = self.shared_starter(&house) {
                // No KB files of its own: share the process's one starter KB (per preset)
                // instead of parsing and indexing another copy (the index is most of a
                // KB's memory).
                unit.kb = kb;
                unit.kb_paths = paths;
                return;
            }
        }
        let mut loaded: Vec<(PathBuf, String, KbFile)> = Vec::new();
        let mut files = kb::starter_people_files();
        let starter_len = files.len();
        files.extend(style::builtin_files(&house));
        if let HouseStyle::File(p) = &house {
            let display = p.display().to_string();
            let parsed = kb::read_text(p)
                .and_then(|src| style::style_file(&src, &display, &display).map(|f| (src, f)));
            match parsed {
                Ok((src, f)) => {
                    self.last_good_kb.insert(p.clone(), src);
                    files.push(f);
                }
                Err(e) => {
                    push_problem(problems, p, e.into());
                    let last = self.last_good_kb.get(p);
                    if let Some(f) =
                        last.and_then(|src| style::style_file(src, &display, &display).ok())
                    {
                        files.push(f);
                    }
                }
            }
        }
        let builtin_len = files.len();
        for p in &paths {
            let display = p.display().to_string();
            let parsed =
                kb::read_text(p).and_then(|src| kb::parse_str(&src, &display).map(|f| (src, f)));
            match parsed {
                Ok((src, f)) => loaded.push((p.clone(), src, f)),
                Err(e) => {
                    push_problem(problems, p, e.into());
                    if let Some(f) = self.last_good(p) {
                        files.push(f);
                    }
                }
            }
        }
        // A role naming an organisation no loaded file defines is an error in that file,
        // which then counts as broken: its last good contents stay in use.
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
            for f in &files[builtin_len..] {
                set.push(("last good", "", f));
            }
            kb::check_references(&set)
        };
        for (p, src, f) in loaded {
            let name = p.display().to_string();
            let errors: Vec<&kb::KbError> = unknown.iter().filter(|e| e.path == name).collect();
            if errors.is_empty() {
                self.last_good_kb.insert(p.clone(), src);
                files.push(f);
                continue;
            }
            for e in errors {
                push_problem(
                    problems,
                    &p,
                    FileProblem {
                        line: e.line,
                        column: e.column,
                        message: e.message.clone(),
                    },
                );
            }
            if let Some(f) = self.last_good(&p) {
                files.push(f);
            }
        }
        // A unit with no KB files of its own shares the process's one starter KB instead of
        // indexing a second copy (the index is most of a KB's memory).
        unit.kb = Arc::new(Kb::from_files(files));
        unit.kb_paths = paths;
    }

    /// The starter KB with a preset (or no) house style, built once and shared; `None` for
    /// a style file, which is read per folder.
    fn shared_starter(&self, house: &HouseStyle) -> Option<Arc<Kb>> {
        match house {
            HouseStyle::Draft => Some(self.starter.clone()),
            HouseStyle::Preset(name) => {
                let (_, cell) = self.styled_starter.iter().find(|(n, _)| n == name)?;
                let kb = cell.get_or_init(|| {
                    let mut files = kb::starter_people_files();
                    files.extend(style::builtin_files(house));
                    Arc::new(Kb::from_files(files))
                });
                Some(kb.clone())
            }
            HouseStyle::File(_) => None,
        }
    }

    /// The last good contents of a KB file that is now broken. They parsed and passed
    /// every check when stored, so parsing them again gives the same entries.
    fn last_good(&self, path: &Path) -> Option<KbFile> {
        let src = self.last_good_kb.get(path)?;
        kb::parse_str(src, &path.display().to_string()).ok()
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
                let list = problems.entry(path.to_path_buf()).or_default();
                let problem = FileProblem {
                    line: e.line,
                    column: e.column,
                    message: e.message,
                };
                if !list.contains(&problem) {
                    list.push(problem);
                }
                self.last_good_config.get(path).cloned().unwrap_or_default()
            }
        }
    }

    /// Every file whose change should trigger a reload (configs and KB files in use).
    pub fn watched_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .folders
            .iter()
            .chain(&self.desks)
            .flat_map(|f| {
                let style_file = match &f.style {
                    HouseStyle::File(p) => Some(p),
                    _ => None,
                };
                f.kb_paths
                    .iter()
                    .chain(&f.config_path)
                    .chain(style_file)
                    .cloned()
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The folder or desk holding `path` (the innermost, for nested ones).
    fn unit_of(&self, path: &Path) -> Option<&Folder> {
        innermost(self.folders.iter().chain(&self.desks), path)
    }

    /// The KB and options a document is analysed with. Documents outside every folder and
    /// desk (and `untitled:` ones) get the starter KB with the editor settings.
    pub fn context_for(&self, uri: &Uri, language_id: &str) -> DocContext {
        let path = file_path(uri);
        let format = if language_id.eq_ignore_ascii_case("markdown") {
            Format::Markdown
        } else {
            path.as_deref().map(Format::from_path).unwrap_or_default()
        };
        let folder = path.as_deref().and_then(|p| self.unit_of(p));
        let excluded = match (&path, folder) {
            (Some(p), Some(f)) => {
                !f.files.admits(p) || f.config.files.as_ref().is_some_and(|c| !c.admits(p))
            }
            _ => false,
        };
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
            None => {
                // Outside every folder: the editor's style applies when it is a preset (a
                // relative style file has no folder to resolve against).
                let house = self
                    .settings
                    .style
                    .as_deref()
                    .and_then(|v| HouseStyle::parse(v, Path::new("")).ok())
                    .unwrap_or_default();
                let kb = self
                    .shared_starter(&house)
                    .unwrap_or_else(|| self.starter.clone());
                (kb, self.settings.overlay(&Config::default()), None)
            }
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
            excluded,
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

/// Records a problem with a file once: two folders reading the same broken file report it
/// once.
fn push_problem(
    problems: &mut BTreeMap<PathBuf, Vec<FileProblem>>,
    path: &Path,
    problem: FileProblem,
) {
    let list = problems.entry(path.to_path_buf()).or_default();
    if !list.contains(&problem) {
        list.push(problem);
    }
}
