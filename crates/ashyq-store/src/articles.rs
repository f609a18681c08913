//! Articles in storage: what is written on import and the joined views pages are built from.

use std::collections::HashMap;
use std::future::Future;

use ashyq_content::{Article, ListImage};
use time::OffsetDateTime;

use crate::error::StoreResult;

/// An article ready to be stored: the parsed article and its body already rendered to HTML (the
/// render step needs the UI language and image addresses, which storage does not know).
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    /// The lead figure's HTML, if any.
    pub lead_html: Option<String>,
    pub body_html: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub inserted: usize,
    pub replaced: usize,
}

/// A slug and a name: an author or a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLink {
    pub slug: String,
    pub name: String,
}

/// Another language version of the same story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationLink {
    pub slug: String,
    pub lang: String,
    pub title: String,
    /// Whether this is the version the others were translated from.
    pub is_original: bool,
}

/// What lists of stories show.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSummary {
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub published: OffsetDateTime,
    pub authors: Vec<NamedLink>,
    /// The lead figure's image in the sizes the site serves, for lists (`None` without one).
    pub picture: Option<ListImage>,
    /// Approved comments in the story's one conversation (on every version readers can see, so
    /// every version of a story shows the same number), read for lists; `None` where it was not
    /// read (the article page counts its conversation itself).
    pub comments: Option<i64>,
}

/// Everything the article page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleView {
    pub summary: ArticleSummary,
    pub lead_html: Option<String>,
    pub body_html: String,
    pub tags: Vec<NamedLink>,
    /// The other language versions of this story (not including this one).
    pub translations: Vec<TranslationLink>,
    /// The slug this article translates, if it is a translation.
    pub translation_of: Option<String>,
}

/// A tag and its stories, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct TagPage {
    pub tag: NamedLink,
    pub articles: Vec<ArticleSummary>,
    /// How many visible stories the tag has in all.
    pub total: i64,
}

/// An author and their stories, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorPage {
    pub author: NamedLink,
    pub articles: Vec<ArticleSummary>,
    /// How many visible stories the author has in all.
    pub total: i64,
}

/// How many articles a language has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCount {
    pub lang: String,
    pub articles: i64,
}

/// The slugs of everything a reader can see now: articles, and the tags and authors they carry
/// (what a static copy of the site holds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicSlugs {
    /// Newest first.
    pub articles: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
}

/// Reading and writing articles.
/// An article's file text as imported or last saved, by slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSource {
    pub slug: String,
    pub source: String,
}

pub trait ArticleStore: Send + Sync {
    /// Stores a batch in one transaction: all or nothing. With `replace`, an article whose slug is
    /// already stored is replaced; without, that is a `Conflict` with [`Constraint::ArticleSlug`](crate::Constraint::ArticleSlug).
    fn import_articles(
        &self,
        batch: &[NewArticle],
        replace: bool,
    ) -> impl Future<Output = StoreResult<ImportOutcome>> + Send;

    /// [`import_articles`](ArticleStore::import_articles), in the same transaction as a check
    /// that every basis of `bases` is still what is stored ([`crate::ApprovalBasis::still_holds`],
    /// read again inside the serialised write): a publication check and the write it allows are
    /// one step, so no review, save or edit landing in between publishes what was not checked.
    /// Returns `None`, writing nothing, when any basis changed.
    fn import_articles_if_unchanged(
        &self,
        batch: &[NewArticle],
        replace: bool,
        bases: &[crate::ApprovalBasis],
    ) -> impl Future<Output = StoreResult<Option<ImportOutcome>>> + Send;

    /// Every stored slug with a short description for error messages.
    fn article_slugs(&self) -> impl Future<Output = StoreResult<HashMap<String, String>>> + Send;

    fn count_articles(&self) -> impl Future<Output = StoreResult<i64>> + Send;

    /// The newest articles, in one language or all.
    fn latest_articles(
        &self,
        lang: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<ArticleSummary>>> + Send;

    /// A page of the newest articles: `offset` skipped, then at most `limit`.
    fn latest_articles_from(
        &self,
        lang: Option<&str>,
        offset: u32,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<ArticleSummary>>> + Send;

    /// The tags with the most visible articles (in `lang`, or in all languages), most first.
    fn top_tags(
        &self,
        lang: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<NamedLink>>> + Send;

    /// A page of a tag's stories: `offset` skipped, then at most `limit`; `None` when the tag has
    /// no visible story at all.
    fn tag_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Option<TagPage>>> + Send;

    /// A page of an author's stories, as `tag_page_from`.
    fn author_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Option<AuthorPage>>> + Send;

    fn article(&self, slug: &str) -> impl Future<Output = StoreResult<Option<ArticleView>>> + Send;

    fn tag_page(
        &self,
        slug: &str,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Option<TagPage>>> + Send;

    fn author_page(
        &self,
        slug: &str,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Option<AuthorPage>>> + Send;

    /// Languages that have articles, most articles first.
    fn languages(&self) -> impl Future<Output = StoreResult<Vec<LanguageCount>>> + Send;

    /// Slugs of the articles readers can see now (published, date passed), and of their tags and
    /// authors.
    fn public_slugs(&self) -> impl Future<Output = StoreResult<PublicSlugs>> + Send;

    /// Every article's source text with its slug, for export and re-rendering.
    fn article_sources(&self) -> impl Future<Output = StoreResult<Vec<ArticleSource>>> + Send;
}
