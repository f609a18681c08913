//! Writing a copy's files: each one only when its bytes changed, through a temporary file renamed
//! over the old one (a reader or a crash never sees half a file), readable by everyone (a copy is
//! meant to be served).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context as _;
use percent_encoding::percent_decode_str;

use super::manifest::is_safe_path;

/// The folder a copy is written into, with what happened to each file.
#[derive(Debug)]
pub(crate) struct OutFolder {
    root: PathBuf,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

/// What an export did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) written: usize,
    pub(crate) unchanged: usize,
}

/// A file's path on disk (relative, `/`-separated) from its link form (percent-encoded, as pages
/// link to it). `None` if a part decodes to something that would leave its folder.
pub(crate) fn disk_path(link_path: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in link_path.split('/') {
        let decoded = percent_decode_str(part).decode_utf8().ok()?;
        if decoded.contains('/') {
            return None;
        }
        parts.push(decoded.into_owned());
    }
    let path = parts.join("/");
    is_safe_path(&path).then_some(path)
}

impl OutFolder {
    pub(crate) fn new(root: PathBuf) -> OutFolder {
        OutFolder { root, written: AtomicUsize::new(0), unchanged: AtomicUsize::new(0) }
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn counts(&self) -> Counts {
        Counts {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        }
    }

    /// Puts `bytes` at `path` (a disk path from [`disk_path`]) unless the file there already holds
    /// exactly them.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self.root.join(path);
        if let Ok(existing) = std::fs::read(&target)
            && existing == bytes
        {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        write_atomically(&target, bytes, false)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Removes a file an earlier export wrote and this one did not, and its folders if now empty.
    pub(crate) fn remove(&self, path: &str) -> anyhow::Result<bool> {
        let target = self.root.join(path);
        match std::fs::remove_file(&target) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot remove {}", target.display()));
            }
        }
        let mut folder = target.parent();
        while let Some(dir) = folder {
            if dir == self.root || std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(true)
    }
}

/// The prefix of the temporary files [`write_atomically`] writes beside their targets.
const TEMPORARY_PREFIX: &str = ".ashyq-";

/// Removes the temporary files an interrupted export left under `root` (files named
/// [`TEMPORARY_PREFIX`]…, except the lock file `keep`), so its half-written files never outlive it.
/// Symbolic links are neither followed nor removed. Returns how many were removed.
pub(crate) fn remove_leftover_temporaries(root: &Path, keep: &str) -> anyhow::Result<usize> {
    let mut removed = 0;
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", folder.display()))?;
            let kind =
                entry.file_type().with_context(|| format!("cannot read {}", folder.display()))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file()
                && name.starts_with(TEMPORARY_PREFIX)
                && !(folder == root && name == keep)
            {
                std::fs::remove_file(entry.path())
                    .with_context(|| format!("cannot remove {}", entry.path().display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Writes `bytes` to a temporary file beside `target` and renames it over `target`; with `sync`,
/// the file is flushed to disk first (the manifest and its signature).
pub(crate) fn write_atomically(target: &Path, bytes: &[u8], sync: bool) -> anyhow::Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    let mut temporary = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    temporary.write_all(bytes).with_context(|| format!("cannot write {}", target.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        temporary
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    if sync {
        temporary
            .as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    temporary
        .persist(target)
        .map_err(|error| error.error)
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_paths_decode_to_safe_disk_paths_issue_12() {
        assert_eq!(
            disk_path("tags/%D1%81%D0%B2/index.html").as_deref(),
            Some("tags/св/index.html")
        );
        assert_eq!(disk_path("articles/a%2F..%2F..%2Fx/index.html"), None);
        assert_eq!(disk_path("media/%2E%2E/secret.key"), None);
    }

    #[test]
    fn an_interrupted_exports_temporary_files_are_removed_and_nothing_else_issue_12() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles/a")).unwrap();
        std::fs::write(dir.path().join("articles/a/.ashyq-x1Yz"), "half").unwrap();
        std::fs::write(dir.path().join(".ashyq-q9"), "half").unwrap();
        std::fs::write(dir.path().join(".ashyq-export.lock"), "process 1").unwrap();
        std::fs::write(dir.path().join("articles/a/index.html"), "whole").unwrap();
        std::fs::write(dir.path().join("articles/.ashyq-export.lock"), "not the lock").unwrap();
        let removed = remove_leftover_temporaries(dir.path(), ".ashyq-export.lock").unwrap();
        assert_eq!(removed, 3);
        assert!(dir.path().join(".ashyq-export.lock").exists(), "the lock file stays");
        assert!(dir.path().join("articles/a/index.html").exists());
        assert!(!dir.path().join("articles/a/.ashyq-x1Yz").exists());
    }

    #[test]
    fn unchanged_bytes_are_not_rewritten_issue_12() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutFolder::new(dir.path().to_owned());
        out.put("a/index.html", b"one").unwrap();
        out.put("a/index.html", b"one").unwrap();
        out.put("a/index.html", b"two").unwrap();
        assert_eq!(out.counts(), Counts { written: 2, unchanged: 1 });
        assert_eq!(std::fs::read(dir.path().join("a/index.html")).unwrap(), b"two");
        assert!(out.remove("a/index.html").unwrap());
        assert!(!dir.path().join("a").exists());
    }
}
