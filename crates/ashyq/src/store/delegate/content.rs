//! `AnyStore`'s forwarding for articles and what is made of them: the newsroom's records, the
//! search feed, site settings, imports and feeds.

use std::collections::HashMap;

use ashyq_store::*;

use crate::store::{AnyStore, forward};

impl ArticleStore for AnyStore {
    async fn latest_articles_from(
        &self,
        lang: Option<&str>,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Vec<ArticleSummary>> {
        forward!(self, store => store.latest_articles_from(lang, offset, limit))
    }
    async fn top_tags(&self, lang: Option<&str>, limit: u32) -> StoreResult<Vec<NamedLink>> {
        forward!(self, store => store.top_tags(lang, limit))
    }
    async fn tag_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<TagPage>> {
        forward!(self, store => store.tag_page_from(slug, offset, limit))
    }
    async fn author_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<AuthorPage>> {
        forward!(self, store => store.author_page_from(slug, offset, limit))
    }
    async fn public_slugs(&self) -> StoreResult<PublicSlugs> {
        forward!(self, store => store.public_slugs())
    }
    async fn import_articles(
        &self,
        batch: &[NewArticle],
        replace: bool,
    ) -> StoreResult<ImportOutcome> {
        forward!(self, store => store.import_articles(batch, replace))
    }
    async fn import_articles_if_unchanged(
        &self,
        batch: &[NewArticle],
        replace: bool,
        bases: &[ashyq_store::ApprovalBasis],
    ) -> StoreResult<Option<ImportOutcome>> {
        forward!(self, store => store.import_articles_if_unchanged(batch, replace, bases))
    }
    async fn article_slugs(&self) -> StoreResult<HashMap<String, String>> {
        forward!(self, store => store.article_slugs())
    }
    async fn count_articles(&self) -> StoreResult<i64> {
        forward!(self, store => store.count_articles())
    }
    async fn latest_articles(
        &self,
        lang: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<ArticleSummary>> {
        forward!(self, store => store.latest_articles(lang, limit))
    }
    async fn article(&self, slug: &str) -> StoreResult<Option<ArticleView>> {
        forward!(self, store => store.article(slug))
    }
    async fn tag_page(&self, slug: &str, limit: u32) -> StoreResult<Option<TagPage>> {
        forward!(self, store => store.tag_page(slug, limit))
    }
    async fn author_page(&self, slug: &str, limit: u32) -> StoreResult<Option<AuthorPage>> {
        forward!(self, store => store.author_page(slug, limit))
    }
    async fn languages(&self) -> StoreResult<Vec<LanguageCount>> {
        forward!(self, store => store.languages())
    }
    async fn article_sources(&self) -> StoreResult<Vec<ArticleSource>> {
        forward!(self, store => store.article_sources())
    }
}

impl EditorialStore for AnyStore {
    async fn create_article(
        &self,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> StoreResult<ArticleId> {
        forward!(self, store => store.create_article(article, status, save))
    }
    async fn update_article(
        &self,
        id: ArticleId,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> StoreResult<()> {
        forward!(self, store => store.update_article(id, article, status, save))
    }
    async fn save_article_if_unchanged(
        &self,
        id: Option<ArticleId>,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
        bases: &[ashyq_store::ApprovalBasis],
    ) -> StoreResult<Option<ArticleId>> {
        forward!(self, store => store.save_article_if_unchanged(id, article, status, save, bases))
    }
    async fn article_record(&self, slug: &str) -> StoreResult<Option<ArticleRecord>> {
        forward!(self, store => store.article_record(slug))
    }
    async fn article_records(
        &self,
        filter: ArticleFilter,
        limit: u32,
    ) -> StoreResult<Vec<ArticleRecord>> {
        forward!(self, store => store.article_records(filter, limit))
    }
    async fn revisions(&self, article: ArticleId) -> StoreResult<Vec<RevisionInfo>> {
        forward!(self, store => store.revisions(article))
    }
    async fn revision(
        &self,
        article: ArticleId,
        revision: RevisionId,
    ) -> StoreResult<Option<Revision>> {
        forward!(self, store => store.revision(article, revision))
    }
    async fn add_media(
        &self,
        media: &NewMedia,
        uploaded_by: Option<UserId>,
        now: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.add_media(media, uploaded_by, now))
    }
    async fn media_by_name(&self, name: &str) -> StoreResult<Option<MediaItem>> {
        forward!(self, store => store.media_by_name(name))
    }
    async fn recent_media(&self, limit: u32) -> StoreResult<Vec<MediaItem>> {
        forward!(self, store => store.recent_media(limit))
    }
    async fn published_sources(&self) -> StoreResult<Vec<ExportedArticle>> {
        forward!(self, store => store.published_sources())
    }
}

impl SearchFeed for AnyStore {
    async fn search_changes(&self, after: i64, limit: u32) -> StoreResult<Vec<SearchChange>> {
        forward!(self, store => store.search_changes(after, limit))
    }
    async fn search_change_counter(&self) -> StoreResult<i64> {
        forward!(self, store => store.search_change_counter())
    }
    async fn search_sources(&self, ids: &[ArticleId]) -> StoreResult<Vec<SearchSource>> {
        forward!(self, store => store.search_sources(ids))
    }
    async fn search_sources_after(
        &self,
        after: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<SearchSource>> {
        forward!(self, store => store.search_sources_after(after, limit))
    }
}

impl SiteStore for AnyStore {
    async fn site_settings(&self) -> StoreResult<Vec<StoredSetting>> {
        forward!(self, store => store.site_settings())
    }
    async fn write_site_settings(&self, writes: &[SettingWrite], now: i64) -> StoreResult<()> {
        forward!(self, store => store.write_site_settings(writes, now))
    }
    async fn seed_site_settings(&self, entries: &[StoredSetting], now: i64) -> StoreResult<usize> {
        forward!(self, store => store.seed_site_settings(entries, now))
    }
    async fn site_generation(&self) -> StoreResult<i64> {
        forward!(self, store => store.site_generation())
    }
    async fn wait_for_site_change(&self, seen: i64) -> StoreResult<i64> {
        forward!(self, store => store.wait_for_site_change(seen))
    }
}

impl ImportStore for AnyStore {
    async fn imported_articles(&self, source: &str) -> StoreResult<HashMap<String, ImportedRow>> {
        forward!(self, store => store.imported_articles(source))
    }
    async fn imported_comments(&self, source: &str) -> StoreResult<HashMap<String, CommentId>> {
        forward!(self, store => store.imported_comments(source))
    }
    async fn article_ids(&self) -> StoreResult<HashMap<String, ArticleId>> {
        forward!(self, store => store.article_ids())
    }
    async fn import_archive(&self, batch: &ArchiveBatch) -> StoreResult<ArchiveOutcome> {
        forward!(self, store => store.import_archive(batch))
    }
    async fn import_archive_if_unchanged(
        &self,
        batch: &ArchiveBatch,
        bases: &[ashyq_store::ApprovalBasis],
    ) -> StoreResult<Option<ArchiveOutcome>> {
        forward!(self, store => store.import_archive_if_unchanged(batch, bases))
    }
}

impl FeedStore for AnyStore {
    async fn feed(&self, scope: FeedScope<'_>, limit: u32) -> StoreResult<Option<FeedSource>> {
        forward!(self, store => store.feed(scope, limit))
    }
    async fn feed_entry(&self, slug: &str) -> StoreResult<Option<FeedEntry>> {
        forward!(self, store => store.feed_entry(slug))
    }
    async fn sitemap(&self) -> StoreResult<SitemapSource> {
        forward!(self, store => store.sitemap())
    }
}
