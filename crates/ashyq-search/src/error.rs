//! What can go wrong with the index, worded for the person running the server.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index in {folder}: {source}")]
    Index { folder: PathBuf, source: tantivy::TantivyError },
    #[error("search index folder {folder}: {source}")]
    Io { folder: PathBuf, source: std::io::Error },
    #[error("search index in {folder} cannot be used: {reason}")]
    Damaged { folder: PathBuf, reason: String },
}
