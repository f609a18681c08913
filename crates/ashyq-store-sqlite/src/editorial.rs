//! `EditorialStore` for SQLite: articles written in the browser with their revisions, and uploaded
//! photos. Every write that touches more than one row runs in one transaction.

use ashyq_store::{
    ApprovalBasis, ArticleFilter, ArticleId, ArticleRecord, ArticleStatus, EditorialStore,
    ExportedArticle, MediaItem, MediaVariant, NewArticle, NewMedia, Revision, RevisionId,
    RevisionInfo, SaveNote, StoreError, StoreResult, UserId,
};
use sqlx::SqliteConnection;
use time::format_description::well_known::Rfc3339;

use crate::SqliteStore;
use crate::articles::{insert_article, insert_relations};
use crate::errors::map_error;

const RECORD_COLUMNS: &str = "article_id, slug, lang, title, status, published_at, created_by, \
     COALESCE(updated_at, imported_at), source, lead_html, body_html";

type RecordRow =
    (i64, String, String, String, String, i64, Option<i64>, i64, String, Option<String>, String);

fn record(row: RecordRow) -> StoreResult<ArticleRecord> {
    let (id, slug, lang, title, status, published_at, created_by, updated_at, source, lead, body) =
        row;
    let status = ArticleStatus::from_code(&status).ok_or_else(|| {
        StoreError::Backend(format!("article {slug} has an unknown status `{status}`").into())
    })?;
    Ok(ArticleRecord {
        id: ArticleId(id),
        slug,
        lang,
        title,
        status,
        published_at,
        created_by: created_by.map(UserId),
        updated_at,
        source,
        lead_html: lead,
        body_html: body,
    })
}

async fn add_revision(
    tx: &mut SqliteConnection,
    article_id: i64,
    source: &str,
    save: SaveNote<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO article_revisions (article_id, source, user_id, created_at, note) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(article_id)
    .bind(source)
    .bind(save.user.0)
    .bind(save.now)
    .bind(save.note)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl SqliteStore {
    async fn media_items(&self, rows: Vec<MediaRow>) -> StoreResult<Vec<MediaItem>> {
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let variants: Vec<(String, i64, i64)> = sqlx::query_as(
                "SELECT file_name, width, height FROM media_variants WHERE media_id = ? ORDER BY width",
            )
            .bind(row.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?;
            let (_, name, alt, caption, credit, licence, width, height, stripped, by, at) = row;
            items.push(MediaItem {
                media: NewMedia {
                    name,
                    alt,
                    caption,
                    credit,
                    licence,
                    width: u32::try_from(width).unwrap_or_default(),
                    height: u32::try_from(height).unwrap_or_default(),
                    stripped_metadata: stripped
                        .lines()
                        .filter(|line| !line.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    variants: variants
                        .into_iter()
                        .map(|(file_name, width, height)| MediaVariant {
                            file_name,
                            width: u32::try_from(width).unwrap_or_default(),
                            height: u32::try_from(height).unwrap_or_default(),
                        })
                        .collect(),
                },
                uploaded_by: by,
                uploaded_at: at,
            });
        }
        Ok(items)
    }
}

type MediaRow =
    (i64, String, String, String, String, String, i64, i64, String, Option<String>, i64);

const MEDIA_SELECT: &str = "SELECT m.media_id, m.name, m.alt, m.caption, m.credit, m.licence, \
     m.width, m.height, m.stripped_metadata, u.name, m.uploaded_at \
     FROM media m LEFT JOIN users u ON u.user_id = m.uploaded_by";

impl EditorialStore for SqliteStore {
    async fn create_article(
        &self,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> StoreResult<ArticleId> {
        let mut tx = self.begin_write().await?;
        let id = create_in(&mut tx, article, status, save).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn update_article(
        &self,
        id: ArticleId,
        new: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        update_in(&mut tx, id, new, status, save).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn save_article_if_unchanged(
        &self,
        id: Option<ArticleId>,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
        bases: &[ApprovalBasis],
    ) -> StoreResult<Option<ArticleId>> {
        let mut tx = self.begin_write().await?;
        // Writes are serialised, so what is read here stays until the commit.
        if !crate::translations::bases_hold(&mut tx, bases).await? {
            return crate::finish_write(tx, Ok(None)).await;
        }
        let id = match id {
            Some(id) => {
                update_in(&mut tx, id, article, status, save).await?;
                id
            }
            None => create_in(&mut tx, article, status, save).await?,
        };
        tx.commit().await?;
        Ok(Some(id))
    }

    async fn article_record(&self, slug: &str) -> StoreResult<Option<ArticleRecord>> {
        let row: Option<RecordRow> =
            sqlx::query_as(&format!("SELECT {RECORD_COLUMNS} FROM articles WHERE slug = ?"))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_error)?;
        row.map(record).transpose()
    }

    async fn article_records(
        &self,
        filter: ArticleFilter,
        limit: u32,
    ) -> StoreResult<Vec<ArticleRecord>> {
        let mut conditions = vec!["1 = 1"];
        if filter.status.is_some() {
            conditions.push("status = ?");
        }
        if filter.unpublished_only {
            conditions.push("status <> 'published'");
        }
        if filter.created_by.is_some() {
            conditions.push("created_by = ?");
        }
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM articles WHERE {} \
             ORDER BY COALESCE(updated_at, imported_at) DESC, article_id DESC LIMIT ?",
            conditions.join(" AND ")
        );
        let mut query = sqlx::query_as::<_, RecordRow>(&sql);
        if let Some(status) = filter.status {
            query = query.bind(status.code());
        }
        if let Some(user) = filter.created_by {
            query = query.bind(user.0);
        }
        let rows = query.bind(limit).fetch_all(&self.pool).await.map_err(map_error)?;
        rows.into_iter().map(record).collect()
    }

    async fn revisions(&self, article: ArticleId) -> StoreResult<Vec<RevisionInfo>> {
        let rows: Vec<(i64, Option<String>, i64, String)> = sqlx::query_as(
            "SELECT r.revision_id, u.name, r.created_at, r.note FROM article_revisions r \
             LEFT JOIN users u ON u.user_id = r.user_id \
             WHERE r.article_id = ? ORDER BY r.revision_id DESC",
        )
        .bind(article.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .map(|(id, user_name, created_at, note)| RevisionInfo {
                id: RevisionId(id),
                user_name,
                created_at,
                note,
            })
            .collect())
    }

    async fn revision(
        &self,
        article: ArticleId,
        revision: RevisionId,
    ) -> StoreResult<Option<Revision>> {
        let row: Option<(i64, Option<String>, i64, String, String)> = sqlx::query_as(
            "SELECT r.revision_id, u.name, r.created_at, r.note, r.source FROM article_revisions r \
             LEFT JOIN users u ON u.user_id = r.user_id \
             WHERE r.article_id = ? AND r.revision_id = ?",
        )
        .bind(article.0)
        .bind(revision.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(row.map(|(id, user_name, created_at, note, source)| Revision {
            info: RevisionInfo { id: RevisionId(id), user_name, created_at, note },
            source,
        }))
    }

    async fn add_media(
        &self,
        media: &NewMedia,
        uploaded_by: Option<UserId>,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let media_id: i64 = sqlx::query_scalar(
            "INSERT INTO media (name, alt, caption, credit, licence, width, height, \
             stripped_metadata, uploaded_by, uploaded_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING media_id",
        )
        .bind(&media.name)
        .bind(&media.alt)
        .bind(&media.caption)
        .bind(&media.credit)
        .bind(&media.licence)
        .bind(i64::from(media.width))
        .bind(i64::from(media.height))
        .bind(media.stripped_metadata.join("\n"))
        .bind(uploaded_by.map(|user| user.0))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_error)?;
        for variant in &media.variants {
            sqlx::query(
                "INSERT INTO media_variants (media_id, file_name, width, height) VALUES (?, ?, ?, ?)",
            )
            .bind(media_id)
            .bind(&variant.file_name)
            .bind(i64::from(variant.width))
            .bind(i64::from(variant.height))
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn media_by_name(&self, name: &str) -> StoreResult<Option<MediaItem>> {
        let rows: Vec<MediaRow> = sqlx::query_as(&format!("{MEDIA_SELECT} WHERE m.name = ?"))
            .bind(name)
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(self.media_items(rows).await?.pop())
    }

    async fn recent_media(&self, limit: u32) -> StoreResult<Vec<MediaItem>> {
        let rows: Vec<MediaRow> =
            sqlx::query_as(&format!("{MEDIA_SELECT} ORDER BY m.media_id DESC LIMIT ?"))
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(map_error)?;
        self.media_items(rows).await
    }

    async fn published_sources(&self) -> StoreResult<Vec<ExportedArticle>> {
        let rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT slug, source, lead_html, body_html FROM articles \
             WHERE status = 'published' ORDER BY slug",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .map(|(slug, source, lead_html, body_html)| ExportedArticle {
                slug,
                source,
                lead_html,
                body_html,
            })
            .collect())
    }
}

/// [`EditorialStore::create_article`] inside the write `tx`.
async fn create_in(
    tx: &mut SqliteConnection,
    article: &NewArticle,
    status: ArticleStatus,
    save: SaveNote<'_>,
) -> StoreResult<ArticleId> {
    let id = insert_article(tx, article, save.now).await.map_err(map_error)?;
    sqlx::query(
        "UPDATE articles SET status = ?, created_by = ?, updated_at = ? WHERE article_id = ?",
    )
    .bind(status.code())
    .bind(save.user.0)
    .bind(save.now)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(map_error)?;
    add_revision(tx, id, &article.article.source, save).await.map_err(map_error)?;
    Ok(ArticleId(id))
}

/// [`EditorialStore::update_article`] inside the write `tx`.
async fn update_in(
    tx: &mut SqliteConnection,
    id: ArticleId,
    new: &NewArticle,
    status: ArticleStatus,
    save: SaveNote<'_>,
) -> StoreResult<()> {
    let article = &new.article;
    let published_text = article.published.format(&Rfc3339).unwrap_or_default();
    let group = article.translation_of.as_ref().unwrap_or(&article.slug).as_str();
    // An imported article has no revision yet: keep its imported text as the first one, so
    // that the browser's first save can be undone.
    sqlx::query(
        "INSERT INTO article_revisions (article_id, source, user_id, created_at, note) \
         SELECT article_id, source, created_by, COALESCE(updated_at, imported_at), 'import' \
         FROM articles WHERE article_id = ? \
         AND NOT EXISTS (SELECT 1 FROM article_revisions WHERE article_id = ?)",
    )
    .bind(id.0)
    .bind(id.0)
    .execute(&mut *tx)
    .await
    .map_err(map_error)?;
    let updated = sqlx::query(
        "UPDATE articles SET slug = ?, lang = ?, title = ?, summary = ?, published_at = ?, \
         published_text = ?, translation_of = ?, translation_group = ?, source = ?, \
         lead_html = ?, body_html = ?, status = ?, updated_at = ? WHERE article_id = ?",
    )
    .bind(article.slug.as_str())
    .bind(article.lang.as_str())
    .bind(&article.title)
    .bind(&article.summary)
    .bind(article.published.unix_timestamp())
    .bind(published_text)
    .bind(article.translation_of.as_ref().map(|slug| slug.as_str()))
    .bind(group)
    .bind(&article.source)
    .bind(new.lead_html.as_deref())
    .bind(&new.body_html)
    .bind(status.code())
    .bind(save.now)
    .bind(id.0)
    .execute(&mut *tx)
    .await
    .map_err(map_error)?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::Backend(format!("article {} does not exist", id.0).into()));
    }
    for table in ["article_authors", "article_tags"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE article_id = ?"))
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
    }
    insert_relations(tx, id.0, article).await.map_err(map_error)?;
    add_revision(tx, id.0, &article.source, save).await.map_err(map_error)?;
    Ok(())
}
