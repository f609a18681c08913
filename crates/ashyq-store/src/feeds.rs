//! What feeds, the sitemap and e-books read: whole published articles with their update times, and
//! every public address with its translations.

use std::future::Future;

use time::OffsetDateTime;

use crate::articles::{ArticleView, NamedLink};
use crate::error::StoreResult;

/// Which stories a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope<'a> {
    /// Every language.
    Site,
    /// One language's stories.
    Language(&'a str),
    /// The stories with this tag slug.
    Tag(&'a str),
    /// The stories by this author slug.
    Author(&'a str),
}

/// An article as a feed entry or an e-book chapter: everything its page shows, and when it last
/// changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    pub view: ArticleView,
    /// The later of its publication and its last edit (or import).
    pub updated: OffsetDateTime,
}

/// A feed's stories, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedSource {
    /// The tag or author the feed is about (`None` for the site and language feeds).
    pub subject: Option<NamedLink>,
    pub entries: Vec<FeedEntry>,
}

/// One published article in the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapArticle {
    pub slug: String,
    pub lang: String,
    pub updated: OffsetDateTime,
    /// Its story: the original's slug, shared by every translation.
    pub group: String,
}

/// Every public address: articles (with their story groups), tags, authors and languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SitemapSource {
    /// Ordered by story group, then language.
    pub articles: Vec<SitemapArticle>,
    /// Slugs of tags with a visible article.
    pub tags: Vec<String>,
    /// Slugs of authors with a visible article.
    pub authors: Vec<String>,
    /// Languages with a visible article.
    pub languages: Vec<String>,
}

/// Reads for feeds, the sitemap and e-books. Like `ArticleStore`'s, they show only articles that
/// are published and whose time has come.
pub trait FeedStore: Send + Sync {
    /// The newest `limit` visible stories of `scope`, whole. `None` when the tag, author or
    /// language has no visible story (the feed does not exist for readers).
    fn feed(
        &self,
        scope: FeedScope<'_>,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Option<FeedSource>>> + Send;

    /// One visible article, whole, with its update time.
    fn feed_entry(&self, slug: &str)
    -> impl Future<Output = StoreResult<Option<FeedEntry>>> + Send;

    /// Every public address the sitemap lists.
    fn sitemap(&self) -> impl Future<Output = StoreResult<SitemapSource>> + Send;
}
