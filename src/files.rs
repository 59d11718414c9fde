//! Which files copydesk reads: `include` / `exclude` globs (globset), each list relative
//! to a base directory — the directory of the `copydesk.toml` that sets them, the current
//! directory for `--include` / `--exclude`, the workspace folder for the editor settings.
//! The CLI's directory walk and the language server both ask [`Filter::admits`], so a
//! draft is checked by one exactly when it is by the other.
//!
//! Glob syntax: `*` and `?` stay inside one path component, `**` crosses them, `{a,b}`
//! and `[abc]` as usual. A pattern without `/` matches a file or directory name at any
//! depth (`node_modules`, `*.txt`, `CHANGELOG.md`); one with `/` is anchored at the base
//! (`drafts/**/*.md`, `docs/`). A pattern matching a directory covers what is inside.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};

/// A bad glob: which list, which entry, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobError {
    pub list: &'static str,
    pub index: usize,
    pub message: String,
}

impl std::fmt::Display for GlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.list, self.message)
    }
}

/// Compiled `include` / `exclude` globs under one base directory.
#[derive(Clone, Debug)]
pub struct Filter {
    base: PathBuf,
    include: Vec<String>,
    exclude: Vec<String>,
    include_set: GlobSet,
    exclude_set: GlobSet,
}

/// Two filters are the same when they say the same thing (globsets cannot be compared).
impl PartialEq for Filter {
    fn eq(&self, other: &Self) -> bool {
        self.base == other.base && self.include == other.include && self.exclude == other.exclude
    }
}

/// Compiles one pattern as written (see the module docs).
pub fn glob(pattern: &str) -> Result<Glob, String> {
    let p = pattern.trim();
    if p.is_empty() {
        return Err("a glob is empty".into());
    }
    let p = p.trim_start_matches("./");
    let p = p.strip_suffix('/').unwrap_or(p);
    let anchored = p.contains('/');
    let full = if anchored {
        p.trim_start_matches('/').to_string()
    } else {
        format!("**/{p}")
    };
    GlobBuilder::new(&full)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| format!("`{pattern}` is not a glob: {}", e.kind()))
}

fn set(list: &'static str, patterns: &[String]) -> Result<GlobSet, GlobError> {
    let mut b = GlobSetBuilder::new();
    for (index, p) in patterns.iter().enumerate() {
        b.add(glob(p).map_err(|message| GlobError {
            list,
            index,
            message,
        })?);
    }
    b.build().map_err(|e| GlobError {
        list,
        index: 0,
        message: e.to_string(),
    })
}

impl Filter {
    pub fn new(base: &Path, include: &[String], exclude: &[String]) -> Result<Filter, GlobError> {
        Ok(Filter {
            base: lexical_absolute(base),
            include: include.to_vec(),
            exclude: exclude.to_vec(),
            include_set: set("include", include)?,
            exclude_set: set("exclude", exclude)?,
        })
    }

    /// A filter that admits everything.
    pub fn none() -> Filter {
        Filter {
            base: PathBuf::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            include_set: GlobSet::empty(),
            exclude_set: GlobSet::empty(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// `path` relative to the base, or None when it lies outside (a filter says nothing
    /// about files outside its directory).
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        lexical_absolute(path)
            .strip_prefix(&self.base)
            .ok()
            .map(Path::to_path_buf)
    }

    /// True when the file at `path` is to be read: it (or a directory above it, below
    /// the base) matches an include glob, when there are any, and nothing matches an
    /// exclude glob. Files outside the base are admitted.
    pub fn admits(&self, path: &Path) -> bool {
        if self.is_empty() {
            return true;
        }
        let Some(rel) = self.relative(path) else {
            return true;
        };
        let mut prefixes = rel.ancestors().filter(|a| !a.as_os_str().is_empty());
        if prefixes.clone().any(|a| self.exclude_set.is_match(a)) {
            return false;
        }
        self.include.is_empty() || prefixes.any(|a| self.include_set.is_match(a))
    }

    /// True when a whole directory is excluded, so a walk need not enter it.
    pub fn excludes_dir(&self, dir: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        self.relative(dir).is_some_and(|rel| {
            rel.ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .any(|a| self.exclude_set.is_match(a))
        })
    }

    pub fn include(&self) -> &[String] {
        &self.include
    }

    pub fn exclude(&self) -> &[String] {
        &self.exclude
    }
}

/// `path` made absolute against the current directory with `.` and `..` resolved by
/// text alone, so paths are compared as the user wrote them, not through symlinks.
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> Filter {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        Filter::new(Path::new("/desk"), &s(include), &s(exclude)).unwrap()
    }

    #[test]
    fn names_match_at_any_depth_and_paths_from_the_base() {
        let f = filter(&[], &["node_modules", "*.txt", "docs/", "drafts/old/**"]);
        assert!(!f.admits(Path::new("/desk/editors/vscode/node_modules/x/README.md")));
        assert!(!f.admits(Path::new("/desk/a/b/notes.txt")));
        assert!(!f.admits(Path::new("/desk/docs/cli.md")));
        assert!(f.admits(Path::new("/desk/drafts/docs.md")));
        assert!(!f.admits(Path::new("/desk/drafts/old/2020/a.md")));
        assert!(f.admits(Path::new("/desk/drafts/new/a.md")));
        assert!(f.excludes_dir(Path::new("/desk/x/node_modules")));
        assert!(!f.excludes_dir(Path::new("/desk/drafts")));
        // Outside the base the filter says nothing.
        assert!(f.admits(Path::new("/elsewhere/a.txt")));
    }

    #[test]
    fn include_narrows_and_exclude_wins() {
        let f = filter(&["drafts/**/*.md", "wire"], &["**/DRAFT-*"]);
        assert!(f.admits(Path::new("/desk/drafts/2022/nato.md")));
        assert!(!f.admits(Path::new("/desk/drafts/2022/nato.txt")));
        assert!(f.admits(Path::new("/desk/wire/a.txt")));
        assert!(!f.admits(Path::new("/desk/README.md")));
        assert!(!f.admits(Path::new("/desk/drafts/DRAFT-x.md")));
        assert!(f.admits(Path::new("/desk/drafts/../drafts/a.md")));
    }

    #[test]
    fn a_bad_glob_names_its_list_and_entry() {
        let e = Filter::new(Path::new("/d"), &["ok".into(), "a[".into()], &[]).unwrap_err();
        assert_eq!((e.list, e.index), ("include", 1));
        assert!(e.message.contains("`a[` is not a glob"), "{e}");
        assert!(Filter::new(Path::new("/d"), &[], &[" ".into()]).is_err());
    }
}
