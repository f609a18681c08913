//! `FeedStore` for SQLite: the newest whole articles of a scope, and every public address for the
//! sitemap. Like every public read, only visible articles (`VISIBLE`).

use ashyq_store::{
    ArticleStore as _, FeedEntry, FeedScope, FeedSource, FeedStore, NamedLink, SitemapArticle,
    SitemapSource, StoreError, StoreResult,
};
use time::OffsetDateTime;

use crate::SqliteStore;
use crate::articles::{VISIBLE, unix_now};
use crate::errors::map_error;

/// When an article last changed: its publication, or a later edit or import.
const UPDATED: &str = "MAX(a.published_at, COALESCE(a.updated_at, a.imported_at))";

fn from_unix(seconds: i64) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|error| StoreError::Backend(Box::new(error)))
}

impl SqliteStore {
    /// The tag or author named by `scope`, if it exists.
    async fn feed_subject(&self, scope: FeedScope<'_>) -> StoreResult<Option<(i64, NamedLink)>> {
        let (sql, slug) = match scope {
            FeedScope::Tag(slug) => ("SELECT tag_id, slug, name FROM tags WHERE slug = ?", slug),
            FeedScope::Author(slug) => {
                ("SELECT author_id, slug, name FROM authors WHERE slug = ?", slug)
            }
            FeedScope::Site | FeedScope::Language(_) => return Ok(None),
        };
        let found: Option<(i64, String, String)> =
            sqlx::query_as(sql).bind(slug).fetch_optional(&self.pool).await.map_err(map_error)?;
        Ok(found.map(|(id, slug, name)| (id, NamedLink { slug, name })))
    }
}

impl FeedStore for SqliteStore {
    async fn feed(&self, scope: FeedScope<'_>, limit: u32) -> StoreResult<Option<FeedSource>> {
        let order = "ORDER BY a.published_at DESC, a.article_id DESC LIMIT ?";
        let subject = self.feed_subject(scope).await?;
        let rows: Vec<(String, i64)> = match (scope, &subject) {
            (FeedScope::Site, _) => {
                sqlx::query_as(&format!(
                    "SELECT a.slug, {UPDATED} FROM articles a WHERE {VISIBLE} {order}"
                ))
                .bind(unix_now())
                .bind(limit)
                .fetch_all(&self.pool)
                .await
            }
            (FeedScope::Language(lang), _) => sqlx::query_as(&format!(
                "SELECT a.slug, {UPDATED} FROM articles a WHERE a.lang = ? AND {VISIBLE} {order}"
            ))
            .bind(lang)
            .bind(unix_now())
            .bind(limit)
            .fetch_all(&self.pool)
            .await,
            (FeedScope::Tag(_), Some((id, _))) => {
                sqlx::query_as(&format!(
                    "SELECT a.slug, {UPDATED} FROM articles a \
                     JOIN article_tags l ON l.article_id = a.article_id \
                     WHERE l.tag_id = ? AND {VISIBLE} {order}"
                ))
                .bind(id)
                .bind(unix_now())
                .bind(limit)
                .fetch_all(&self.pool)
                .await
            }
            (FeedScope::Author(_), Some((id, _))) => {
                sqlx::query_as(&format!(
                    "SELECT a.slug, {UPDATED} FROM articles a \
                     JOIN article_authors l ON l.article_id = a.article_id \
                     WHERE l.author_id = ? AND {VISIBLE} {order}"
                ))
                .bind(id)
                .bind(unix_now())
                .bind(limit)
                .fetch_all(&self.pool)
                .await
            }
            (FeedScope::Tag(_) | FeedScope::Author(_), None) => return Ok(None),
        }
        .map_err(map_error)?;
        let mut entries = Vec::with_capacity(rows.len());
        for (slug, updated) in rows {
            // An article unpublished between the two reads is simply left out.
            if let Some(view) = self.article(&slug).await? {
                entries.push(FeedEntry { view, updated: from_unix(updated)? });
            }
        }
        if entries.is_empty() && !matches!(scope, FeedScope::Site) {
            return Ok(None);
        }
        Ok(Some(FeedSource { subject: subject.map(|(_, subject)| subject), entries }))
    }

    async fn feed_entry(&self, slug: &str) -> StoreResult<Option<FeedEntry>> {
        let updated: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT {UPDATED} FROM articles a WHERE a.slug = ? AND {VISIBLE}"
        ))
        .bind(slug)
        .bind(unix_now())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        let Some(updated) = updated else { return Ok(None) };
        let Some(view) = self.article(slug).await? else { return Ok(None) };
        Ok(Some(FeedEntry { view, updated: from_unix(updated)? }))
    }

    async fn sitemap(&self) -> StoreResult<SitemapSource> {
        let now = unix_now();
        let rows: Vec<(String, String, i64, String)> = sqlx::query_as(&format!(
            "SELECT a.slug, a.lang, {UPDATED}, a.translation_group FROM articles a WHERE {VISIBLE} \
             ORDER BY a.translation_group, a.lang, a.slug"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let articles = rows
            .into_iter()
            .map(|(slug, lang, updated, group)| {
                Ok(SitemapArticle { slug, lang, updated: from_unix(updated)?, group })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let tags: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT t.slug FROM tags t WHERE EXISTS (SELECT 1 FROM article_tags l \
             JOIN articles a ON a.article_id = l.article_id WHERE l.tag_id = t.tag_id AND {VISIBLE}) \
             ORDER BY t.slug"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let authors: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT au.slug FROM authors au WHERE EXISTS (SELECT 1 FROM article_authors l \
             JOIN articles a ON a.article_id = l.article_id WHERE l.author_id = au.author_id AND {VISIBLE}) \
             ORDER BY au.slug"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let languages: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT a.lang FROM articles a WHERE {VISIBLE} ORDER BY a.lang"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(SitemapSource { articles, tags, authors, languages })
    }
}
