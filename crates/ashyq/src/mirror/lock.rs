//! One export at a time into a folder, and a mark that says when one did not finish: `export site`
//! holds an exclusive advisory lock (`flock`, through the standard library's `File::try_lock`) on
//! `DIR/.ashyq-export.lock` from before it reads the folder until its manifest and signature are
//! written, and removes the file only then. A second export into the folder is refused at once,
//! naming the folder and the holder; a file left behind (a crash, a kill, an error) tells `verify`
//! and the next export that the folder holds a copy half-way between two exports.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The lock file, at the top of the copy. It is not in the manifest; `verify` reads it as "an
/// export is running or was interrupted".
pub(crate) const LOCK_FILE: &str = ".ashyq-export.lock";

/// How often taking the lock is tried when the file is removed under us (an export finishing just
/// then); more means something keeps removing it.
const ATTEMPTS: usize = 8;

/// The folder's lock, held until [`ExportLock::finish`] (or dropped: the lock is released and the
/// file stays, marking the export unfinished).
#[derive(Debug)]
pub(crate) struct ExportLock {
    file: File,
    path: PathBuf,
    /// The holder line an earlier export left in the file without finishing, if it did.
    pub(crate) interrupted: Option<String>,
}

/// What a folder's lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExportMark {
    /// No export is writing into the folder, and the last one finished.
    Finished,
    /// An export is writing into it now (its holder line).
    Running(String),
    /// An export started and never finished (its holder line).
    Interrupted(String),
}

/// The holder line written into the lock file: which process, since when. Nothing about the
/// machine or the person: a copy's folder may be served as it is.
fn holder_line() -> String {
    let started = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    format!("process {}, started {started}", std::process::id())
}

/// The holder line in `text`, or a word for an empty one (a holder between taking the lock and
/// writing its line).
fn holder_in(text: &str) -> String {
    // Shown on a terminal: no control characters from a file someone else may have written.
    let line: String = text.trim().chars().filter(|c| !c.is_control()).take(200).collect();
    if line.is_empty() { "an export just starting".to_owned() } else { line }
}

/// Whether the open `file` is still the one at `path` (an export finishing removes its lock file;
/// a lock taken on a removed file would guard nothing).
fn still_at(file: &File, path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let open = file.metadata()?;
        match std::fs::metadata(path) {
            Ok(named) => Ok(open.dev() == named.dev() && open.ino() == named.ino()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(error) => Err(error),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        Ok(true)
    }
}

/// What the holder of `file`'s lock wrote there. A holder writes its line just after taking the
/// lock; one found in between is given a moment (up to half a second) to write it, so that the
/// refusal can name the process.
fn holder_text(file: &mut File) -> String {
    let mut bytes = Vec::new();
    for _ in 0..25 {
        bytes.clear();
        let _ = file.rewind();
        let _ = (&mut *file).take(MOST_READ).read_to_end(&mut bytes);
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

impl ExportLock {
    /// Takes `dir`'s lock (the folder must exist), or says who holds it.
    pub(crate) fn take(dir: &Path) -> anyhow::Result<ExportLock> {
        let path = dir.join(LOCK_FILE);
        let cannot = || format!("cannot take the export lock {}", path.display());
        for _ in 0..ATTEMPTS {
            // A link there (a folder from elsewhere) would make the export write through it.
            if std::fs::symlink_metadata(&path).is_ok_and(|metadata| !metadata.is_file()) {
                anyhow::bail!(
                    "{} is not a plain file (a link?); remove it if no export is running",
                    path.display()
                );
            }
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(cannot)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let text = holder_text(&mut file);
                    anyhow::bail!(
                        "another `ashyq export site` is writing into {} ({}); nothing was \
                         written. Run this export again when that one has finished, or export \
                         into another folder",
                        dir.display(),
                        holder_in(&text)
                    );
                }
                Err(TryLockError::Error(error)) => return Err(error).with_context(cannot),
            }
            if !still_at(&file, &path).with_context(cannot)? {
                continue;
            }
            let mut earlier = Vec::new();
            (&mut file).take(MOST_READ).read_to_end(&mut earlier).with_context(cannot)?;
            let earlier = String::from_utf8_lossy(&earlier);
            file.set_len(0).with_context(cannot)?;
            file.rewind().with_context(cannot)?;
            writeln!(file, "{}", holder_line()).with_context(cannot)?;
            let interrupted = (!earlier.trim().is_empty()).then(|| holder_in(&earlier));
            return Ok(ExportLock { file, path, interrupted });
        }
        anyhow::bail!(
            "cannot take the export lock {}: it was removed {ATTEMPTS} times while taking it",
            path.display()
        )
    }

    /// The export is complete (its manifest and signature written): the mark is removed while the
    /// lock is still held, then the lock released.
    pub(crate) fn finish(self) -> anyhow::Result<()> {
        std::fs::remove_file(&self.path)
            .with_context(|| format!("cannot remove the export lock {}", self.path.display()))?;
        drop(self.file);
        Ok(())
    }
}

/// The most of a lock file read: a holder line is well under it.
const MOST_READ: u64 = 1024;

/// What `dir`'s lock file says, without taking or creating it for long: a lock held now is a
/// running export; a file left without a lock is an interrupted one. A copy from a stranger may
/// hold anything under that name: a link or a device is never followed (it reads as an export
/// that did not finish), and at most [`MOST_READ`] bytes are read.
pub(crate) fn export_mark(dir: &Path) -> anyhow::Result<ExportMark> {
    let path = dir.join(LOCK_FILE);
    match std::fs::symlink_metadata(&path) {
        Ok(metadata) if metadata.is_file() => {}
        Ok(_) => {
            return Ok(ExportMark::Interrupted(format!(
                "{LOCK_FILE} is there but is not a plain file"
            )));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ExportMark::Finished);
        }
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ExportMark::Finished);
        }
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MOST_READ)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match file.try_lock_shared() {
        Ok(()) => {
            // Released at once: reading the mark must not hold an export up.
            drop(file);
            if path.exists() {
                Ok(ExportMark::Interrupted(holder_in(&text)))
            } else {
                // Removed by an export finishing meanwhile.
                Ok(ExportMark::Finished)
            }
        }
        Err(TryLockError::WouldBlock) => Ok(ExportMark::Running(holder_in(&text))),
        Err(TryLockError::Error(error)) => {
            Err(error).with_context(|| format!("cannot read {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_export_into_a_folder_is_refused_naming_it_and_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = ExportLock::take(dir.path()).unwrap();
        assert_eq!(first.interrupted, None);
        let error = ExportLock::take(dir.path()).unwrap_err().to_string();
        assert!(error.contains(&dir.path().display().to_string()), "{error}");
        assert!(error.contains(&format!("process {}", std::process::id())), "{error}");
        assert!(matches!(export_mark(dir.path()).unwrap(), ExportMark::Running(_)));
        first.finish().unwrap();
        assert!(!dir.path().join(LOCK_FILE).exists());
        assert_eq!(export_mark(dir.path()).unwrap(), ExportMark::Finished);
        ExportLock::take(dir.path()).unwrap().finish().unwrap();
    }

    /// Three exports started together in a test named "an export just starting" instead of the
    /// holder when one read the lock file between the holder's lock and its line.
    #[test]
    fn an_export_refused_in_the_holders_first_moment_still_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let mut holder =
            File::options().read(true).write(true).create_new(true).open(&path).unwrap();
        holder.try_lock().unwrap();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            writeln!(holder, "process 4242, started 2026-11-30T15:00:00Z").unwrap();
            std::thread::sleep(std::time::Duration::from_millis(500));
            drop(holder);
        });
        let error = ExportLock::take(dir.path()).unwrap_err().to_string();
        assert!(error.contains("(process 4242, started 2026-11-30T15:00:00Z)"), "{error}");
        writer.join().unwrap();
    }

    #[test]
    fn an_export_that_never_finished_leaves_its_mark_for_the_next_and_for_verify() {
        let dir = tempfile::tempdir().unwrap();
        drop(ExportLock::take(dir.path()).unwrap());
        let ExportMark::Interrupted(holder) = export_mark(dir.path()).unwrap() else {
            panic!("the mark stays when an export stops without finishing");
        };
        assert!(holder.starts_with("process "), "{holder}");
        let next = ExportLock::take(dir.path()).unwrap();
        assert_eq!(next.interrupted.as_deref(), Some(holder.as_str()));
        next.finish().unwrap();
        assert_eq!(export_mark(dir.path()).unwrap(), ExportMark::Finished);
    }

    #[test]
    fn a_strangers_mark_is_never_followed_nor_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/dev/zero", dir.path().join(LOCK_FILE)).unwrap();
            let ExportMark::Interrupted(said) = export_mark(dir.path()).unwrap() else {
                panic!("a link reads as an unfinished export");
            };
            assert!(said.contains("not a plain file"), "{said}");
            let victim = dir.path().join("victim.txt");
            std::fs::write(&victim, "keep me").unwrap();
            std::fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
            std::os::unix::fs::symlink(&victim, dir.path().join(LOCK_FILE)).unwrap();
            let refused = ExportLock::take(dir.path()).unwrap_err().to_string();
            assert!(refused.contains("not a plain file"), "{refused}");
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
            std::fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
        }
        let long = format!("\u{1b}[31mprocess 1{}", "x".repeat(100_000));
        std::fs::write(dir.path().join(LOCK_FILE), long).unwrap();
        let ExportMark::Interrupted(said) = export_mark(dir.path()).unwrap() else {
            panic!("an unlocked mark is an unfinished export");
        };
        assert!(said.len() <= 200 && !said.contains('\u{1b}'), "{said}");
    }

    #[test]
    fn of_exports_racing_for_one_folder_only_one_holds_it_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let holders = std::sync::atomic::AtomicUsize::new(0);
        let most = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    for _ in 0..50 {
                        if let Ok(lock) = ExportLock::take(dir.path()) {
                            let now = holders.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                            most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                            std::thread::yield_now();
                            holders.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                            lock.finish().unwrap();
                        }
                    }
                });
            }
        });
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(export_mark(dir.path()).unwrap(), ExportMark::Finished);
    }
}
