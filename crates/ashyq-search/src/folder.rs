//! The index's folder, `DATA/search`: one subfolder per built index (`v1-…`) and a `CURRENT` file
//! naming the one in use. A rebuild writes a new subfolder and then replaces `CURRENT` by a rename,
//! so a reader sees the old index or the new one, never half of one; readers notice the change on
//! their next [`SearchIndex::refresh`].

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analysis;
use crate::error::SearchError;
use crate::schema::{Fields, SCHEMA_VERSION};

const CURRENT: &str = "CURRENT";

/// An index that answers queries, and follows `CURRENT` when another process rebuilds it.
pub struct SearchIndex {
    root: PathBuf,
    pub(crate) fields: Fields,
    current: RwLock<Arc<OpenIndex>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("SearchIndex").field("root", &self.root).finish_non_exhaustive()
    }
}

/// One opened subfolder.
pub(crate) struct OpenIndex {
    pub(crate) name: String,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
}

/// Why an index could not be opened as it is: the caller rebuilds it.
#[derive(Debug)]
pub enum Opened {
    Ready(SearchIndex),
    /// No index was ever built here.
    Missing,
    /// Another schema version, another schema version, or damaged; says which, for the log.
    NeedsRebuild(String),
}

impl SearchIndex {
    /// Opens the index `DATA/search/CURRENT` names. Anything short of a working index of this
    /// version is `NeedsRebuild`, never an error: the index can always be built again from the store.
    pub fn open(root: &Path) -> Opened {
        let fields = Fields::new();
        let name = match read_current(root) {
            Ok(Some(name)) => name,
            Ok(None) => return Opened::Missing,
            Err(error) => return Opened::NeedsRebuild(error.to_string()),
        };
        match open_folder(root, &name) {
            Ok(open) => Opened::Ready(SearchIndex {
                root: root.to_owned(),
                fields,
                current: RwLock::new(Arc::new(open)),
            }),
            Err(reason) => Opened::NeedsRebuild(reason),
        }
    }

    /// The folder the index lives in (`DATA/search`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn current(&self) -> Arc<OpenIndex> {
        match self.current.read() {
            Ok(current) => Arc::clone(&current),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The subfolder in use.
    pub fn current_name(&self) -> String {
        self.current().name.clone()
    }

    /// Follows `CURRENT` if another process replaced the index, and picks up commits made to it.
    /// Returns whether it switched to another subfolder.
    pub fn refresh(&self) -> Result<bool, SearchError> {
        let name = read_current(&self.root)?;
        let switched = match name {
            Some(name) if name != self.current().name => {
                let open = open_folder(&self.root, &name).map_err(|reason| {
                    SearchError::Damaged { folder: self.root.join(&name), reason }
                })?;
                let mut current = match self.current.write() {
                    Ok(current) => current,
                    Err(poisoned) => poisoned.into_inner(),
                };
                *current = Arc::new(open);
                true
            }
            _ => false,
        };
        let current = self.current();
        current.reader.reload().map_err(|source| SearchError::Index {
            folder: self.root.join(&current.name),
            source,
        })?;
        Ok(switched)
    }

    /// The last store change this index includes (the commit's payload; 0 for none).
    pub fn watermark(&self) -> Result<i64, SearchError> {
        let current = self.current();
        watermark_of(&current.index)
            .map_err(|source| SearchError::Index { folder: self.root.join(&current.name), source })
    }

    /// How many articles the index holds, in every state.
    pub fn len(&self) -> u64 {
        self.current().reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub(crate) fn watermark_of(index: &Index) -> tantivy::Result<i64> {
    Ok(index.load_metas()?.payload.and_then(|payload| payload.parse().ok()).unwrap_or(0))
}

/// The subfolder `CURRENT` names, `None` when there is no `CURRENT`.
fn read_current(root: &Path) -> Result<Option<String>, SearchError> {
    match fs::read_to_string(root.join(CURRENT)) {
        Ok(text) => Ok(Some(text.trim().to_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SearchError::Io { folder: root.to_owned(), source }),
    }
}

fn open_folder(root: &Path, name: &str) -> Result<OpenIndex, String> {
    if !is_current_version(name) {
        return Err(format!("the search index {name} is of another version"));
    }
    let folder = root.join(name);
    let index = Index::open_in_dir(&folder).map_err(|error| {
        format!("the search index {} cannot be opened: {error}", folder.display())
    })?;
    if index.schema() != Fields::new().schema {
        return Err(format!("the search index {} has other fields", folder.display()));
    }
    analysis::register(index.tokenizers());
    // Reloads are explicit (`refresh`): the server's indexer calls it every second, which also
    // picks up commits made by another process.
    let reader =
        index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(|error| {
            format!("the search index {} cannot be read: {error}", folder.display())
        })?;
    // A damaged segment shows when its files are opened: check that the stored documents load.
    let searcher: tantivy::Searcher = IndexReader::searcher(&reader);
    for segment in searcher.segment_readers() {
        segment.get_store_reader(0).map_err(|error| {
            format!("the search index {} is damaged: {error}", folder.display())
        })?;
    }
    Ok(OpenIndex { name: name.to_owned(), index, reader })
}

pub(crate) fn is_current_version(name: &str) -> bool {
    name.strip_prefix(&format!("v{SCHEMA_VERSION}-")).is_some_and(|rest| !rest.is_empty())
}

/// Creates `folder` (and its parents) readable by the owner only.
pub(crate) fn create_private_dir(folder: &Path) -> Result<(), SearchError> {
    let io = |source| SearchError::Io { folder: folder.to_owned(), source };
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(folder).map_err(io)?;
    restrict(folder, true).map_err(io)
}

/// Makes the files in `folder` readable by the owner only (tantivy creates them with the umask's
/// permissions; the data folder's rule is 0600 files in 0700 folders).
pub(crate) fn restrict_files(folder: &Path) -> Result<(), SearchError> {
    let io = |source| SearchError::Io { folder: folder.to_owned(), source };
    for entry in fs::read_dir(folder).map_err(io)? {
        let entry = entry.map_err(io)?;
        if entry.file_type().map_err(io)?.is_file() {
            restrict(&entry.path(), false).map_err(io)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn restrict(path: &Path, is_dir: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = if is_dir { 0o700 } else { 0o600 };
    if fs::metadata(path)?.permissions().mode() & 0o777 != mode {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _is_dir: bool) -> std::io::Result<()> {
    Ok(())
}

/// Points `CURRENT` at `name`: written beside it, synced, renamed over it, the folder synced.
pub(crate) fn write_current(root: &Path, name: &str) -> Result<(), SearchError> {
    let io = |source| SearchError::Io { folder: root.to_owned(), source };
    let temporary = root.join(format!("{CURRENT}.{}", std::process::id()));
    let mut file = fs::File::create(&temporary).map_err(io)?;
    file.write_all(name.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    restrict(&temporary, false).map_err(io)?;
    fs::rename(&temporary, root.join(CURRENT)).map_err(io)?;
    if let Ok(dir) = fs::File::open(root) {
        // Not every platform can sync a folder; the rename itself is atomic everywhere.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// When a subfolder was started (its name is `vVERSION-NANOS-PID`).
fn started(name: &str) -> Option<u128> {
    name.split('-').nth(1)?.parse().ok()
}

/// Removes index subfolders started before `keep` (older builds, or builds that were interrupted)
/// and those of other versions. A build started after `keep` is left alone: another process may
/// still be writing it, and it will replace `keep` when done.
/// A process may still be reading an old one: on Unix its open files stay readable until closed.
pub(crate) fn remove_others(root: &Path, keep: &str) -> Result<usize, SearchError> {
    let io = |source| SearchError::Io { folder: root.to_owned(), source };
    let kept = started(keep).unwrap_or(u128::MAX);
    let mut removed = 0;
    for entry in fs::read_dir(root).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let older = !is_current_version(name) || started(name).is_none_or(|stamp| stamp < kept);
        if name != keep && name.starts_with('v') && older && entry.file_type().map_err(io)?.is_dir()
        {
            fs::remove_dir_all(entry.path()).map_err(io)?;
            removed += 1;
        }
    }
    Ok(removed)
}
