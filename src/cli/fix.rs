//! `check --fix`: choose the safe fixes that can be applied together, apply them until the
//! text stops changing, and write the file atomically without losing what is on disk.

use anyhow::{bail, Context as _};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::analysis::fix::{fix_text, Applied};

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
    // The draft's permissions before a byte of it is written: a 0600 draft is never
    // readable by others, not even as its temporary copy.
    tmp.set_permissions(meta.permissions())
        .context("cannot copy the file's permissions")?;
    tmp.write_all(new.as_bytes())
        .context("cannot write the temporary file")?;
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
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        // Owner-only from the start; `write_atomically` then gives it the draft's mode.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&p) {
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

    #[cfg(unix)]
    #[test]
    fn the_temporary_copy_is_owner_only_from_its_creation() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let (p, _f) = create_temp(d.path(), "story.txt").unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
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
