//! What the search index needs from the store: which articles changed since it last looked (a
//! counter the store keeps for every change, whoever made it), and articles in every state as the
//! index takes them.

use std::future::Future;

use crate::editorial::{ArticleId, ArticleStatus};
use crate::error::StoreResult;

/// An article changed (or was deleted) at change number `seq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchChange {
    pub article: ArticleId,
    pub seq: i64,
}

/// An article as the index reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSource {
    pub id: ArticleId,
    /// The story's translation group: the original's slug.
    pub group: String,
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub lead_html: Option<String>,
    pub body_html: String,
    /// `(slug, name)` pairs, in order.
    pub tags: Vec<(String, String)>,
    pub authors: Vec<(String, String)>,
    pub published_at: i64,
    pub status: ArticleStatus,
}

pub trait SearchFeed: Send + Sync {
    /// Changes numbered after `after`, oldest first, at most `limit`.
    fn search_changes(
        &self,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<SearchChange>>> + Send;

    /// The newest change number (0 when nothing changed yet).
    fn search_change_counter(&self) -> impl Future<Output = StoreResult<i64>> + Send;

    /// The articles among `ids` that exist (a deleted one is simply missing).
    fn search_sources(
        &self,
        ids: &[ArticleId],
    ) -> impl Future<Output = StoreResult<Vec<SearchSource>>> + Send;

    /// Articles by id after `after`, at most `limit`: for building the whole index page by page.
    fn search_sources_after(
        &self,
        after: ArticleId,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<SearchSource>>> + Send;
}
