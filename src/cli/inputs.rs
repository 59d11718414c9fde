//! Turning PATH arguments into drafts to read: `-` is stdin, a directory is walked for
//! `.txt`/`.md`/`.markdown` in sorted order with the `ignore` crate (.gitignore, .ignore,
//! hidden files and symlinks skipped, excluded directories never entered), a quoted glob
//! is expanded the same way, and text is read as strict UTF-8.

use crate::config;
use crate::files::Filter;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where a draft comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, with the name `--stdin-filename` gave it.
    Stdin(Option<PathBuf>),
    /// A file named on the command line.
    File(PathBuf),
    /// A file found by walking a directory or expanding a glob.
    Found(PathBuf),
}

impl Input {
    /// The name used in reports.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin(None) => "<stdin>".into(),
            Input::Stdin(Some(p)) | Input::File(p) | Input::Found(p) => p.display().to_string(),
        }
    }

    /// Where to start looking for copydesk.toml.
    pub fn config_start(&self) -> PathBuf {
        match self {
            Input::Stdin(None) => PathBuf::from("."),
            Input::Stdin(Some(p)) | Input::File(p) | Input::Found(p) => p.clone(),
        }
    }

    /// The file on disk (None for stdin, which is never written).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin(_) => None,
            Input::File(p) | Input::Found(p) => Some(p),
        }
    }

    /// The name that decides the format and the include/exclude globs.
    pub fn name(&self) -> Option<&Path> {
        match self {
            Input::Stdin(n) => n.as_deref(),
            Input::File(p) | Input::Found(p) => Some(p),
        }
    }
}

/// Extensions a directory walk picks up.
const DRAFT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Which directories a walk never enters: those `--exclude` or the governing
/// copydesk.toml's `exclude` cover. Shared with the walker's threads, hence the lock.
pub struct Pruner {
    cli: Filter,
    /// `--config FILE`, or None to discover (or, with `discover` false, no config).
    explicit: Option<PathBuf>,
    discover: bool,
    /// copydesk.toml path → its filter (None: none, or the file is broken — the check
    /// reports it).
    configs: Mutex<HashMap<Option<PathBuf>, Option<Filter>>>,
}

impl Pruner {
    pub fn new(cli: Filter, explicit: Option<PathBuf>, discover: bool) -> Pruner {
        Pruner {
            cli,
            explicit,
            discover,
            configs: Mutex::new(HashMap::new()),
        }
    }

    fn excludes_dir(&self, dir: &Path) -> bool {
        if self.cli.excludes_dir(dir) {
            return true;
        }
        let key = match (&self.explicit, self.discover) {
            (Some(p), _) => Some(p.clone()),
            (None, true) => config::find_config_file(dir),
            (None, false) => None,
        };
        let mut cache = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        let filter = cache.entry(key.clone()).or_insert_with(|| {
            key.and_then(|p| config::Config::load(&p).ok())
                .and_then(|c| c.files)
        });
        filter.as_ref().is_some_and(|f| f.excludes_dir(dir))
    }
}

/// A problem met while expanding the PATHs: the path concerned (when there is one) and why.
pub type WalkError = (Option<String>, String);

/// Expands PATH arguments. Problems (a missing path, an unreadable directory) are returned
/// alongside the inputs found, so the rest are still checked.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    pruner: &Arc<Pruner>,
) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if !stdin_seen {
                inputs.push(Input::Stdin(stdin_name.map(Path::to_path_buf)));
                stdin_seen = true;
            }
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, None, pruner, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(p.clone())),
            Err(e) => match glob_parts(p) {
                Some((base, glob)) => {
                    let before = inputs.len();
                    if base.is_dir() {
                        walk(&base, Some(&glob), pruner, &mut inputs, &mut errors);
                    }
                    if inputs.len() == before {
                        errors.push((
                            Some(p.display().to_string()),
                            "no file matches this glob".into(),
                        ));
                    }
                }
                None => errors.push((Some(p.display().to_string()), io_reason(&e))),
            },
        }
    }
    (inputs, errors)
}

/// A PATH that is a glob (`drafts/**/*.md`): the directory to walk (the components before
/// the first with a glob character) and the compiled glob. None for a plain path.
fn glob_parts(p: &Path) -> Option<(PathBuf, globset::GlobMatcher)> {
    let s = p.to_str()?;
    if !s.contains(['*', '?', '[', '{']) {
        return None;
    }
    let mut base = PathBuf::new();
    for c in p.components() {
        if c.as_os_str()
            .to_string_lossy()
            .contains(['*', '?', '[', '{'])
        {
            break;
        }
        base.push(c);
    }
    let glob = globset::GlobBuilder::new(s.trim_start_matches("./"))
        .literal_separator(true)
        .build()
        .ok()?
        .compile_matcher();
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    Some((base, glob))
}

/// Walks `root` in sorted order: every draft file, or with `glob` every file it matches
/// (whatever its extension, as the shell would expand it).
fn walk(
    root: &Path,
    glob: Option<&globset::GlobMatcher>,
    pruner: &Arc<Pruner>,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<WalkError>,
) {
    let prune = pruner.clone();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        // A newsroom's drafts folder need not be a git checkout for its .gitignore to count.
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            let dir = e.file_type().is_some_and(|t| t.is_dir());
            !(dir && e.depth() > 0 && prune.excludes_dir(e.path()))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // An unreadable directory is an error; a bad line in an ignore file is not
                // worth failing the run for, but is said.
                if e.io_error().is_some() {
                    errors.push((None, e.to_string()));
                } else {
                    eprintln!("copydesk: warning: {e}");
                }
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let path = path.strip_prefix("./").unwrap_or(path).to_path_buf();
        let wanted = match glob {
            Some(g) => g.is_match(&path),
            None => is_draft(&path),
        };
        if wanted {
            inputs.push(Input::Found(path));
        }
    }
}

fn is_draft(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DRAFT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

/// A draft's bytes and text, or why it cannot be checked.
pub struct Draft {
    pub bytes: Vec<u8>,
    pub text: String,
}

/// Reads a draft as UTF-8. The error says why in plain words (the caller adds the name).
pub fn read(input: &Input) -> Result<Draft, String> {
    let bytes = match input {
        Input::Stdin(_) => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            buf
        }
        Input::File(p) | Input::Found(p) => std::fs::read(p).map_err(|e| io_reason(&e))?,
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let (line, col) = line_col_of_byte(&bytes, e.valid_up_to());
            return Err(format!(
                "not valid UTF-8 (bad byte at offset {}, line {line}, column {col}); \
                 save the draft as UTF-8",
                e.valid_up_to()
            ));
        }
    };
    Ok(Draft { bytes, text })
}

fn line_col_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // The prefix up to the error is valid UTF-8 by construction.
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// io::Error in plain words, without the "(os error 2)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_walk_is_sorted_honours_ignore_files_and_excludes_and_picks_only_drafts() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("b/inner")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "z.txt",
            "a.md",
            "b/inner/c.markdown",
            "b/notes.TXT",
            "image.png",
            ".hidden.txt",
            ".git/x.txt",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        std::fs::create_dir_all(root.join("node_modules/pkg")).unwrap();
        std::fs::create_dir_all(root.join("build")).unwrap();
        std::fs::write(root.join("node_modules/pkg/README.md"), "x").unwrap();
        std::fs::write(root.join("build/out.txt"), "x").unwrap();
        std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
        std::fs::write(root.join(".ignore"), "z.txt\n").unwrap();
        let exclude = Filter::new(root, &[], &["node_modules".into()]).unwrap();
        let (inputs, errors) = collect(&[root.to_path_buf()], None, &pruner(exclude));
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = inputs
            .iter()
            .map(|i| {
                i.path()
                    .unwrap()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.md", "b/inner/c.markdown", "b/notes.TXT"]);
    }

    fn pruner(cli: Filter) -> Arc<Pruner> {
        Arc::new(Pruner::new(cli, None, false))
    }

    #[test]
    fn a_glob_is_expanded_under_its_literal_directory() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("drafts/2022")).unwrap();
        for f in [
            "drafts/a.md",
            "drafts/2022/b.md",
            "drafts/2022/c.txt",
            "other.md",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let glob = root.join("drafts/**/*.md");
        let (inputs, errors) = collect(&[glob], None, &pruner(Filter::none()));
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = inputs
            .iter()
            .map(|i| i.path().unwrap().strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("drafts/2022/b.md"),
                PathBuf::from("drafts/a.md")
            ]
        );
        let (inputs, errors) = collect(&[root.join("nothing/*.md")], None, &pruner(Filter::none()));
        assert!(inputs.is_empty());
        assert!(errors[0].1.contains("no file matches"), "{errors:?}");
    }

    #[test]
    fn a_missing_path_is_reported_and_the_rest_are_kept() {
        let d = tempfile::tempdir().unwrap();
        let good = d.path().join("good.txt");
        std::fs::write(&good, "x").unwrap();
        let (inputs, errors) = collect(
            &[d.path().join("nope.txt"), good.clone(), "-".into()],
            None,
            &pruner(Filter::none()),
        );
        assert_eq!(inputs, vec![Input::File(good), Input::Stdin(None)]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].0.as_deref().unwrap().ends_with("nope.txt"));
        assert_eq!(errors[0].1, "no such file or directory");
    }

    #[test]
    fn invalid_utf8_is_refused_with_its_position() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("latin1.txt");
        std::fs::write(&p, b"ok line\nna\xefve").unwrap();
        let err = read(&Input::File(p)).err().unwrap();
        assert!(err.contains("not valid UTF-8"), "{err}");
        assert!(err.contains("offset 10, line 2, column 3"), "{err}");
    }
}
