//! Archives from other platforms in storage: which of our articles and comments came from which
//! foreign item (so an import run again skips what is here), and the one transaction an import
//! is written in.

use std::collections::HashMap;
use std::future::Future;

use crate::articles::NewArticle;
use crate::comments::{CommentId, NewComment};
use crate::editorial::{ArticleId, ArticleStatus};
use crate::error::StoreResult;

/// An article from an archive, with its foreign id and the state it starts in.
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    pub foreign_id: String,
    pub article: NewArticle,
    pub status: ArticleStatus,
}

/// The article an imported comment belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleRef {
    /// Already stored.
    Id(ArticleId),
    /// Imported in the same batch (or before) under this foreign post id.
    Foreign(String),
}

/// A comment from an archive. Its `comment.article_id` and `comment.parent_id` are ignored: the
/// store sets them from `article` and `foreign_parent`.
#[derive(Debug, Clone)]
pub struct ImportedComment {
    pub foreign_id: String,
    pub foreign_parent: Option<String>,
    pub article: ArticleRef,
    pub comment: NewComment,
}

/// One import: everything from one source, written all or nothing.
#[derive(Debug, Clone, Default)]
pub struct ArchiveBatch {
    /// `wordpress:<site address>`, `disqus:<forum>`, `isso`…: foreign ids are unique within it.
    pub source: String,
    pub articles: Vec<ImportedArticle>,
    pub comments: Vec<ImportedComment>,
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArchiveOutcome {
    pub articles: usize,
    pub comments: usize,
}

/// An article imported before: its id and slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    pub id: ArticleId,
    pub slug: String,
}

pub trait ImportStore: Send + Sync {
    /// Foreign post id → the article imported from it, for `source`.
    fn imported_articles(
        &self,
        source: &str,
    ) -> impl Future<Output = StoreResult<HashMap<String, ImportedRow>>> + Send;

    /// Foreign comment id → our comment id, for `source`.
    fn imported_comments(
        &self,
        source: &str,
    ) -> impl Future<Output = StoreResult<HashMap<String, CommentId>>> + Send;

    /// Every article's slug → id, whatever its state (comments from Disqus or Isso are matched
    /// to articles by slug).
    fn article_ids(&self) -> impl Future<Output = StoreResult<HashMap<String, ArticleId>>> + Send;

    /// Writes the batch in one transaction: the articles (with their states), then the comments
    /// in order (a parent before its replies), recording every foreign id. A foreign id already
    /// recorded is a `Conflict` with [`Constraint::ImportedItem`](crate::Constraint::ImportedItem) and nothing is written.
    fn import_archive(
        &self,
        batch: &ArchiveBatch,
    ) -> impl Future<Output = StoreResult<ArchiveOutcome>> + Send;

    /// [`import_archive`](ImportStore::import_archive), in the same transaction as a check that
    /// every basis of `bases` is still what is stored ([`crate::ApprovalBasis::still_holds`], read
    /// again inside the serialised write): the approval check that decided which articles are
    /// published and the write are one step. Returns `None`, writing nothing, when any basis
    /// changed.
    fn import_archive_if_unchanged(
        &self,
        batch: &ArchiveBatch,
        bases: &[crate::ApprovalBasis],
    ) -> impl Future<Output = StoreResult<Option<ArchiveOutcome>>> + Send;
}
