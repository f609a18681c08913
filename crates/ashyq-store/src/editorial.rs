//! Writing and publishing in the newsroom: an article's state, its saved versions (revisions), and
//! uploaded photos. Public reads in `ArticleStore` show only what these states make public.

use std::future::Future;

use crate::accounts::UserId;
use crate::articles::NewArticle;
use crate::error::StoreResult;

/// An article's id. (The default, 0, is no article's: a builder's placeholder until the real one
/// is known.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ArticleId(pub i64);

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A revision's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RevisionId(pub i64);

/// Where an article is in its life. "Scheduled" is `Published` with a publication time in the
/// future: readers see a published article only once its time has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleStatus {
    Draft,
    Review,
    Published,
    Unpublished,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 4] = [
        ArticleStatus::Draft,
        ArticleStatus::Review,
        ArticleStatus::Published,
        ArticleStatus::Unpublished,
    ];

    /// The code stored in the database and used in Fluent ids (`status-CODE`).
    pub fn code(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Review => "review",
            ArticleStatus::Published => "published",
            ArticleStatus::Unpublished => "unpublished",
        }
    }

    pub fn from_code(code: &str) -> Option<ArticleStatus> {
        ArticleStatus::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// An article as the newsroom sees it, whatever its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRecord {
    pub id: ArticleId,
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub status: ArticleStatus,
    /// Unix seconds of the `published` date in the article's text.
    pub published_at: i64,
    /// Who started it in the browser; `None` for imported files.
    pub created_by: Option<UserId>,
    /// Unix seconds of the last save in the browser, or of the import.
    pub updated_at: i64,
    /// The whole article file.
    pub source: String,
    /// The stored fragments (they tell which image file each figure shows).
    pub lead_html: Option<String>,
    pub body_html: String,
}

/// Which articles a newsroom list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    pub status: Option<ArticleStatus>,
    /// Only `status` other than `Published` (drafts, review, unpublished) when true.
    pub unpublished_only: bool,
    pub created_by: Option<UserId>,
}

/// One saved version of an article, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionInfo {
    pub id: RevisionId,
    pub user_name: Option<String>,
    pub created_at: i64,
    pub note: String,
}

/// One saved version with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub info: RevisionInfo,
    pub source: String,
}

/// What a save records besides the article: who, when, why.
#[derive(Debug, Clone, Copy)]
pub struct SaveNote<'a> {
    pub user: UserId,
    pub now: i64,
    pub note: &'a str,
}

/// One stored size of an uploaded photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaVariant {
    pub file_name: String,
    pub width: u32,
    pub height: u32,
}

/// An image to record (uploaded, or brought by an imported article); its variant files are
/// already in the media folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedia {
    /// The largest variant's file name: what articles reference as `/media/NAME`.
    pub name: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// A licence code from `ashyq_content::Licence`.
    pub licence: String,
    pub width: u32,
    pub height: u32,
    pub stripped_metadata: Vec<String>,
    /// Every size, narrowest first, the largest (`name`) included.
    pub variants: Vec<MediaVariant>,
}

/// A recorded photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    pub media: NewMedia,
    pub uploaded_by: Option<String>,
    pub uploaded_at: i64,
}

/// Reading and writing articles in the newsroom, and uploaded photos.
pub trait EditorialStore: Send + Sync {
    /// Stores a new article written in the browser, with its first revision, in one transaction.
    /// A taken slug is `Conflict` with [`Constraint::ArticleSlug`](crate::Constraint::ArticleSlug).
    fn create_article(
        &self,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> impl Future<Output = StoreResult<ArticleId>> + Send;

    /// Replaces an article's text (and so its slug, authors and tags) and state, and records a
    /// revision, in one transaction. An article without revisions (imported from a file) first gets
    /// its current text recorded as revision `import`. A slug taken by another article is a
    /// `Conflict` as above.
    fn update_article(
        &self,
        id: ArticleId,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// [`create_article`](EditorialStore::create_article) (`id` is `None`) or
    /// [`update_article`](EditorialStore::update_article) (`Some`), in the same transaction as a
    /// check that every basis of `bases` is still what is stored
    /// ([`crate::ApprovalBasis::still_holds`], read again inside the serialised write, as
    /// [`ArticleStore::import_articles_if_unchanged`](crate::ArticleStore::import_articles_if_unchanged)):
    /// a publication check and the save it allows are one step. Returns `None`, writing nothing,
    /// when any basis changed; otherwise the article's id.
    fn save_article_if_unchanged(
        &self,
        id: Option<ArticleId>,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
        bases: &[crate::ApprovalBasis],
    ) -> impl Future<Output = StoreResult<Option<ArticleId>>> + Send;

    /// Any article by slug, whatever its state.
    fn article_record(
        &self,
        slug: &str,
    ) -> impl Future<Output = StoreResult<Option<ArticleRecord>>> + Send;

    /// Articles for the newsroom's lists, most recently changed first.
    fn article_records(
        &self,
        filter: ArticleFilter,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<ArticleRecord>>> + Send;

    /// An article's revisions, newest first.
    fn revisions(
        &self,
        article: ArticleId,
    ) -> impl Future<Output = StoreResult<Vec<RevisionInfo>>> + Send;

    /// One revision of one article (`None` if it belongs to another article).
    fn revision(
        &self,
        article: ArticleId,
        revision: RevisionId,
    ) -> impl Future<Output = StoreResult<Option<Revision>>> + Send;

    /// Records an image and its variants in one transaction; `uploaded_by` is `None` for images
    /// that came with imported articles. A name already recorded is
    /// `Conflict` with [`Constraint::MediaName`](crate::Constraint::MediaName).
    fn add_media(
        &self,
        media: &NewMedia,
        uploaded_by: Option<UserId>,
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// The photo whose largest variant is `name`.
    fn media_by_name(
        &self,
        name: &str,
    ) -> impl Future<Output = StoreResult<Option<MediaItem>>> + Send;

    /// Recent uploads, newest first.
    fn recent_media(&self, limit: u32) -> impl Future<Output = StoreResult<Vec<MediaItem>>> + Send;

    /// Every published (or scheduled) article's slug, source and rendered fragments, for export.
    fn published_sources(&self) -> impl Future<Output = StoreResult<Vec<ExportedArticle>>> + Send;
}

/// A published article as export needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedArticle {
    pub slug: String,
    pub source: String,
    pub lead_html: Option<String>,
    pub body_html: String,
}
