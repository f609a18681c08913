//! Writing the index: [`IndexBuilder`] builds a whole new one (at start when there is none, and for
//! `ashyq search reindex`); [`Indexer`] keeps the one in use up to date, article by article. Each
//! commit records the store's change counter it includes (the watermark), in the same commit.

use std::path::PathBuf;

use tantivy::schema::Term;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::SearchDocument;
use crate::analysis::{self, Analysis};
use crate::error::SearchError;
use crate::folder::{self, SearchIndex};
use crate::schema::{Fields, SCHEMA_VERSION};

/// Memory for the incremental writer: tantivy's minimum per thread is 15 MB.
const INDEXER_MEMORY: usize = 30_000_000;
/// Memory for a full build, per thread.
const BUILDER_MEMORY_PER_THREAD: usize = 100_000_000;

/// Builds a complete index in a new subfolder; [`IndexBuilder::finish`] makes it the current one.
pub struct IndexBuilder {
    root: PathBuf,
    name: String,
    fields: Fields,
    writer: IndexWriter,
    added: u64,
}

impl IndexBuilder {
    /// Starts a new index under `root` (`DATA/search`), created 0700 if missing.
    pub fn create(root: &std::path::Path, threads: usize) -> Result<IndexBuilder, SearchError> {
        folder::create_private_dir(root)?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        let name = format!("v{SCHEMA_VERSION}-{stamp}-{}", std::process::id());
        let folder = root.join(&name);
        folder::create_private_dir(&folder)?;
        let fields = Fields::new();
        let index_error = |source| SearchError::Index { folder: folder.clone(), source };
        let index = Index::create_in_dir(&folder, fields.schema.clone()).map_err(index_error)?;
        analysis::register(index.tokenizers());
        let threads = threads.clamp(1, 8);
        let writer = index
            .writer_with_num_threads(threads, threads * BUILDER_MEMORY_PER_THREAD)
            .map_err(index_error)?;
        Ok(IndexBuilder { root: root.to_owned(), name, fields, writer, added: 0 })
    }

    pub fn add(&mut self, document: &SearchDocument) -> Result<(), SearchError> {
        self.writer
            .add_document(to_tantivy(&self.fields, document))
            .map_err(|source| SearchError::Index { folder: self.root.join(&self.name), source })?;
        self.added += 1;
        Ok(())
    }

    pub fn added(&self) -> u64 {
        self.added
    }

    /// Commits with `watermark`, waits for merges, makes this index current and removes the
    /// others. Returns the new subfolder's name.
    pub fn finish(mut self, watermark: i64) -> Result<String, SearchError> {
        let folder = self.root.join(&self.name);
        let index_error = |source| SearchError::Index { folder: folder.clone(), source };
        commit(&mut self.writer, watermark).map_err(index_error)?;
        self.writer.wait_merging_threads().map_err(index_error)?;
        folder::restrict_files(&folder)?;
        folder::write_current(&self.root, &self.name)?;
        folder::remove_others(&self.root, &self.name)?;
        Ok(self.name)
    }
}

/// The writer of the index in use, held by one process at a time (tantivy's lock file).
pub struct Indexer {
    name: String,
    folder: PathBuf,
    fields: Fields,
    writer: IndexWriter,
}

/// Whether this process got the writer.
pub enum TryIndexer {
    Acquired(Box<Indexer>),
    /// Another process (another server, a `reindex`) writes this index: this one only reads.
    Busy,
}

impl Indexer {
    /// Takes the writer of the index `search` has open.
    pub fn acquire(search: &SearchIndex) -> Result<TryIndexer, SearchError> {
        let current = search.current();
        let folder = search.root().join(&current.name);
        match current.index.writer_with_num_threads(1, INDEXER_MEMORY) {
            Ok(writer) => Ok(TryIndexer::Acquired(Box::new(Indexer {
                name: current.name.clone(),
                folder,
                fields: search.fields.clone(),
                writer,
            }))),
            Err(tantivy::TantivyError::LockFailure(..)) => Ok(TryIndexer::Busy),
            Err(source) => Err(SearchError::Index { folder, source }),
        }
    }

    /// Whether this writer still writes the index `search` has open (a rebuild replaces it).
    pub fn writes(&self, search: &SearchIndex) -> bool {
        self.name == search.current_name()
    }

    /// Replaces (or adds) one article.
    pub fn upsert(&mut self, document: &SearchDocument) -> Result<(), SearchError> {
        self.remove(document.id);
        self.writer
            .add_document(to_tantivy(&self.fields, document))
            .map_err(|source| SearchError::Index { folder: self.folder.clone(), source })?;
        Ok(())
    }

    /// Removes one article (nothing if it is not there).
    pub fn remove(&mut self, id: i64) {
        self.writer.delete_term(Term::from_field_u64(self.fields.id, id_value(id)));
    }

    /// Makes the changes so far visible, recording `watermark`.
    pub fn commit(&mut self, watermark: i64) -> Result<(), SearchError> {
        commit(&mut self.writer, watermark)
            .map_err(|source| SearchError::Index { folder: self.folder.clone(), source })?;
        folder::restrict_files(&self.folder)
    }
}

fn commit(writer: &mut IndexWriter, watermark: i64) -> tantivy::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&watermark.to_string());
    prepared.commit()?;
    Ok(())
}

/// Store ids are positive; tantivy's id field is unsigned.
fn id_value(id: i64) -> u64 {
    u64::try_from(id).unwrap_or_default()
}

/// FNV-1a: a stable 64-bit hash of a translation group (the same in every build and version).
pub(crate) fn group_hash(group: &str) -> u64 {
    group.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn to_tantivy(fields: &Fields, document: &SearchDocument) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.id, id_value(document.id));
    doc.add_u64(fields.group, group_hash(&document.group));
    doc.add_text(fields.slug, &document.slug);
    doc.add_text(fields.lang, &document.lang);
    doc.add_text(fields.status, &document.status);
    doc.add_u64(fields.public, u64::from(document.status == "published"));
    doc.add_i64(fields.published_at, document.published_at);
    doc.add_text(fields.title, &document.title);
    doc.add_text(fields.text, &document.text);
    let mut names = String::new();
    for (slug, name) in &document.tags {
        doc.add_text(fields.tags, slug);
        names.push_str(name);
        names.push('\n');
    }
    for (slug, name) in &document.authors {
        doc.add_text(fields.authors, slug);
        names.push_str(name);
        names.push('\n');
    }
    if let Some((title, body)) = fields.language_fields(Analysis::for_language(&document.lang)) {
        doc.add_text(title, &document.title);
        doc.add_text(body, &document.text);
        doc.add_text(body, &names);
    }
    doc.add_text(fields.keys, &document.title);
    doc.add_text(fields.keys, &document.text);
    doc.add_text(fields.keys, &names);
    doc
}
