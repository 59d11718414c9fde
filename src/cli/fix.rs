//! `check --fix`: choose the safe fixes that can be applied together, apply them until the
//! text stops changing, and write the file atomically without losing what is on disk.

use crate::analysis::{analyze, Options};
use crate::kb::Kb;
use crate::lint::{apply_edits, Edit, Finding};
use crate::text::{LineIndex, Span};
use anyhow::{bail, Context as _};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One fix that was applied, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub rule: &'static str,
    pub title: String,
    /// 1-based position of the finding in the text the fix was applied to.
    pub line: usize,
    pub column: usize,
}

/// Fixes can uncover or unblock other fixes, so they are applied in rounds; a bounded
/// number keeps two rules that disagree from looping.
const MAX_ROUNDS: usize = 10;

/// Applies every safe fix to `text`. Returns the new text and what was applied.
pub fn fix_text(text: &str, kb: &Kb, options: &Options) -> (String, Vec<Applied>) {
    let mut current = text.to_string();
    let mut analysis = analyze(&current, kb, options);
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let Some((next, next_analysis, round)) = fix_round(&current, &analysis, kb, options) else {
            break;
        };
        applied.extend(round);
        current = next;
        analysis = next_analysis;
    }
    (current, applied)
}

/// One round of fixes, checked: the quoted words must read the same afterwards. A mark
/// fix can re-pair a tangle of quotation marks so that other text ends up quoted; when a
/// round does that, it is retried without the fixes that touch a mark, and dropped if it
/// still does.
fn fix_round(
    current: &str,
    analysis: &crate::analysis::Analysis,
    kb: &Kb,
    options: &Options,
) -> Option<(String, crate::analysis::Analysis, Vec<Applied>)> {
    let before = analysis.article.quoted_words(current);
    let marks: Vec<Span> = analysis.article.marks.iter().map(|m| m.0).collect();
    let without_marks: Vec<Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            !f.fixes.iter().any(|x| {
                x.edits
                    .iter()
                    .any(|e| marks.iter().any(|m| m.overlaps(e.span)))
            })
        })
        .cloned()
        .collect();
    for findings in [&analysis.findings, &without_marks] {
        let (edits, round) = choose(current, findings);
        if edits.is_empty() {
            continue;
        }
        let (next, _) = apply_edits(current, &edits);
        if next == current {
            continue;
        }
        let next_analysis = analyze(&next, kb, options);
        if next_analysis.article.quoted_words(&next) == before {
            return Some((next, next_analysis, round));
        }
    }
    None
}

/// Picks, in finding order, the first safe fix of each finding whose edits are valid and
/// touch nothing an already chosen fix touches. A fix is taken whole or not at all.
fn choose(text: &str, findings: &[Finding]) -> (Vec<Edit>, Vec<Applied>) {
    let lines = LineIndex::new(text);
    let mut taken: Vec<Span> = Vec::new();
    let mut edits = Vec::new();
    let mut applied = Vec::new();
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| x.safe && !x.edits.is_empty()) else {
            continue;
        };
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !valid {
            continue;
        }
        let clashes = |a: Span, b: Span| a.overlaps(b) || a.start == b.start || a.end == b.end;
        let self_clash = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| a.span.overlaps(b.span)));
        let clash = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| clashes(*t, e.span)));
        if self_clash || clash {
            continue;
        }
        let unchanged = fix
            .edits
            .iter()
            .all(|e| e.span.slice(text) == e.replacement);
        if unchanged {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        edits.extend(fix.edits.iter().cloned());
        let (line, column) = lines.line_col(text, f.span.start);
        applied.push(Applied {
            rule: f.rule,
            title: fix.title.clone(),
            line,
            column,
        });
    }
    (edits, applied)
}

/// Replaces `path`'s content with `new`, atomically: a temporary file in the same
/// directory is written, synced and given the original permissions, then renamed over the
/// file. Refuses (and leaves the file alone) when the file no longer holds `original`,
/// i.e. someone changed it since it was read.
pub fn write_atomically(path: &Path, original: &[u8], new: &str) -> anyhow::Result<()> {
    // Write through a symlink to its target, so the link stays a link.
    let target = fs::canonicalize(path).with_context(|| "cannot resolve the path".to_string())?;
    let meta = fs::metadata(&target).context("cannot read the file's metadata")?;
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "draft".into());

    let (tmp_path, mut tmp) = create_temp(&dir, &name)?;
    let guard = RemoveOnDrop(Some(tmp_path.clone()));
    tmp.write_all(new.as_bytes())
        .context("cannot write the temporary file")?;
    tmp.set_permissions(meta.permissions())
        .context("cannot copy the file's permissions")?;
    tmp.sync_all().context("cannot flush the temporary file")?;
    drop(tmp);

    let now = fs::read(&target).context("cannot re-read the file before replacing it")?;
    if now != original {
        bail!("the file changed on disk since it was read; not written (run again)");
    }
    fs::rename(&tmp_path, &target).context("cannot replace the file")?;
    guard.disarm();
    // Persist the rename itself; not every filesystem lets a directory be synced.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_temp(dir: &Path, name: &str) -> anyhow::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for n in 0..100u32 {
        let p = dir.join(format!(".{name}.copydesk-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("cannot create a temporary file in {}", dir.display())
                })
            }
        }
    }
    bail!("cannot create a temporary file in {}", dir.display())
}

struct RemoveOnDrop(Option<PathBuf>);

impl RemoveOnDrop {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Fix, Severity};

    fn finding(span: Span, fixes: Vec<Fix>) -> Finding {
        Finding {
            rule: "title-variant",
            severity: Severity::Warning,
            span,
            message: "m".into(),
            fixes,
            related: vec![],
        }
    }

    fn fix(safe: bool, edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            title: "t".into(),
            safe,
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit {
                    span: Span::new(s, e),
                    replacement: r.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn choose_takes_safe_fixes_whole_and_skips_clashing_or_unsafe_ones() {
        let text = "US and UK and EU";
        let findings = vec![
            finding(Span::new(0, 2), vec![fix(true, &[(0, 2, "U.S.")])]),
            // Overlaps the first fix: skipped whole, including its non-clashing edit.
            finding(
                Span::new(1, 2),
                vec![fix(true, &[(1, 2, "x"), (14, 16, "E.U.")])],
            ),
            finding(Span::new(7, 9), vec![fix(false, &[(7, 9, "U.K.")])]),
            finding(
                Span::new(14, 16),
                vec![
                    fix(false, &[(14, 16, "no")]),
                    fix(true, &[(14, 16, "E.U.")]),
                ],
            ),
        ];
        let (edits, applied) = choose(text, &findings);
        let (out, n) = apply_edits(text, &edits);
        assert_eq!(out, "U.S. and UK and E.U.");
        assert_eq!(n, 2);
        assert_eq!(applied.len(), 2);
        assert_eq!((applied[1].line, applied[1].column), (1, 15));
    }

    #[test]
    fn choose_ignores_edits_off_char_boundaries_and_no_op_fixes() {
        let text = "“US”";
        let findings = vec![
            finding(Span::new(1, 3), vec![fix(true, &[(1, 3, "x")])]),
            finding(Span::new(3, 5), vec![fix(true, &[(3, 5, "US")])]),
        ];
        let (edits, applied) = choose(text, &findings);
        assert!(edits.is_empty() && applied.is_empty());
    }

    #[test]
    fn a_mark_fix_that_would_change_what_is_quoted_is_held_back() {
        // Made straight, the curly close would re-pair the marks and quote the U+FFFD.
        let text = "\"\"\"\u{201d}\u{fffd}"; // found by the analyze fuzzer
        let (fixed, _) = fix_text(text, &Kb::default(), &Options::default());
        let before = analyze(text, &Kb::default(), &Options::default());
        let after = analyze(&fixed, &Kb::default(), &Options::default());
        assert_eq!(
            before.article.quoted_words(text),
            after.article.quoted_words(&fixed)
        );
    }

    #[test]
    fn write_atomically_replaces_content_and_keeps_permissions() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("story.txt");
        fs::write(&p, "old\r\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&p, b"old\r\n", "new\r\n").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers: Vec<_> = fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary file left behind");
    }

    #[test]
    fn write_atomically_refuses_when_the_file_changed_since_it_was_read() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("story.txt");
        fs::write(&p, "edited by someone else").unwrap();
        let err = write_atomically(&p, b"what we read", "our fix").unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read(&p).unwrap(), b"edited by someone else");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomically_through_a_symlink_keeps_the_link() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real.txt");
        let link = d.path().join("link.txt");
        fs::write(&real, "a").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"a", "b").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"b");
    }
}
