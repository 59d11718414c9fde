//! Turning PATH arguments into drafts to read: `-` is stdin, a directory is walked for
//! `.txt`/`.md`/`.markdown` in sorted order, and text is read as strict UTF-8.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a draft comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name used in reports.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// Where to start looking for copydesk.toml.
    pub fn config_start(&self) -> PathBuf {
        match self {
            Input::Stdin => PathBuf::from("."),
            Input::File(p) => p.clone(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p),
        }
    }
}

/// Extensions a directory walk picks up.
const DRAFT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Expands PATH arguments. Problems (a missing path, an unreadable directory) are returned
/// alongside the inputs found, so the rest are still checked.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if !stdin_seen {
                inputs.push(Input::Stdin);
                stdin_seen = true;
            }
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(p.clone())),
            Err(e) => errors.push(format!("{}: {}", p.display(), io_reason(&e))),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(format!("{}: {}", dir.display(), io_reason(&e)));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // Symlinks are not followed in a walk: they can loop, or lead out of the tree.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, inputs, errors);
        } else if kind.is_file() && is_draft(&path) {
            inputs.push(Input::File(path));
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
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            buf
        }
        Input::File(p) => std::fs::read(p).map_err(|e| io_reason(&e))?,
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
    fn a_directory_walk_is_sorted_recursive_and_picks_only_drafts() {
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
        let (inputs, errors) = collect(&[root.to_path_buf()]);
        assert!(errors.is_empty());
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
        assert_eq!(
            names,
            ["a.md", "b/inner/c.markdown", "b/notes.TXT", "z.txt"]
        );
    }

    #[test]
    fn a_missing_path_is_reported_and_the_rest_are_kept() {
        let d = tempfile::tempdir().unwrap();
        let good = d.path().join("good.txt");
        std::fs::write(&good, "x").unwrap();
        let (inputs, errors) = collect(&[d.path().join("nope.txt"), good.clone(), "-".into()]);
        assert_eq!(inputs, vec![Input::File(good), Input::Stdin]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("nope.txt: no such file"),
            "{}",
            errors[0]
        );
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
