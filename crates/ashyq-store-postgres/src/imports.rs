//! `ImportStore` for PostgreSQL: foreign ids in `imported_items` (migration 0004), and an archive
//! written in one transaction holding the write lock, through the same inserts `import md` and the
//! comment writer use.

use std::collections::HashMap;

use ashyq_store::{
    ApprovalBasis, ArchiveBatch, ArchiveOutcome, ArticleId, ArticleRef, CommentId, ImportStore,
    ImportedRow, StoreError, StoreResult,
};
use sqlx::PgConnection;
use time::OffsetDateTime;

use crate::articles::insert_article;
use crate::comments::insert_batch;
use crate::sql::{query, query_as, query_scalar};
use crate::{PostgresStore, map_error};

impl ImportStore for PostgresStore {
    async fn imported_articles(&self, source: &str) -> StoreResult<HashMap<String, ImportedRow>> {
        let rows: Vec<(String, i64, String)> = query_as(
            "SELECT i.foreign_id, a.article_id, a.slug FROM imported_items i \
             JOIN articles a ON a.article_id = i.article_id WHERE i.source = ? AND i.kind = 'post'",
        )
        .bind(source)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .map(|(foreign, id, slug)| (foreign, ImportedRow { id: ArticleId(id), slug }))
            .collect())
    }

    async fn imported_comments(&self, source: &str) -> StoreResult<HashMap<String, CommentId>> {
        let rows: Vec<(String, i64)> = query_as(
            "SELECT foreign_id, comment_id FROM imported_items WHERE source = ? AND kind = 'comment'",
        )
        .bind(source)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|(foreign, id)| (foreign, CommentId(id))).collect())
    }

    async fn article_ids(&self) -> StoreResult<HashMap<String, ArticleId>> {
        let rows: Vec<(String, i64)> = query_as("SELECT slug, article_id FROM articles")
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(rows.into_iter().map(|(slug, id)| (slug, ArticleId(id))).collect())
    }

    async fn import_archive(&self, batch: &ArchiveBatch) -> StoreResult<ArchiveOutcome> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let mut tx = self.begin_write().await?;
        let outcome = write_archive(&mut tx, batch, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn import_archive_if_unchanged(
        &self,
        batch: &ArchiveBatch,
        bases: &[ApprovalBasis],
    ) -> StoreResult<Option<ArchiveOutcome>> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let mut tx = self.begin_write().await?;
        // Writes are serialised, so what is read here stays until the commit.
        if !crate::translations::bases_hold(&mut tx, bases).await? {
            return crate::finish_write(tx, Ok(None)).await;
        }
        let outcome = write_archive(&mut tx, batch, now).await?;
        tx.commit().await?;
        Ok(Some(outcome))
    }
}

/// Everything inside the transaction; an error drops it, which rolls it back.
async fn write_archive(
    tx: &mut PgConnection,
    batch: &ArchiveBatch,
    now: i64,
) -> StoreResult<ArchiveOutcome> {
    let source = batch.source.as_str();
    let mut articles: HashMap<&str, i64> = HashMap::new();
    for imported in &batch.articles {
        let article_id = insert_article(tx, &imported.article, now).await.map_err(map_error)?;
        query("UPDATE articles SET status = ? WHERE article_id = ?")
            .bind(imported.status.code())
            .bind(article_id)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
        query(
            "INSERT INTO imported_items (source, kind, foreign_id, article_id, imported_at) \
             VALUES (?, 'post', ?, ?, ?)",
        )
        .bind(source)
        .bind(&imported.foreign_id)
        .bind(article_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
        articles.insert(imported.foreign_id.as_str(), article_id);
    }
    let mut comments: HashMap<&str, i64> = HashMap::new();
    for imported in &batch.comments {
        let article_id = match &imported.article {
            ArticleRef::Id(id) => id.0,
            ArticleRef::Foreign(foreign) => match articles.get(foreign.as_str()) {
                Some(id) => *id,
                None => {
                    lookup(tx, source, "post", "article_id", foreign).await?.ok_or_else(|| {
                        StoreError::Backend(
                            format!("the imported post {foreign} is not stored").into(),
                        )
                    })?
                }
            },
        };
        let parent_id = match &imported.foreign_parent {
            None => None,
            Some(parent) => match comments.get(parent.as_str()) {
                Some(id) => Some(*id),
                None => lookup(tx, source, "comment", "comment_id", parent).await?,
            },
        };
        let mut comment = imported.comment.clone();
        comment.article_id = ArticleId(article_id);
        comment.parent_id = parent_id.map(CommentId);
        let ids = insert_batch(tx, std::slice::from_ref(&comment)).await.map_err(map_error)?;
        let Some(comment_id) = ids.first().copied() else {
            return Err(StoreError::Backend("a comment was not inserted".into()));
        };
        query(
            "INSERT INTO imported_items (source, kind, foreign_id, comment_id, imported_at) \
             VALUES (?, 'comment', ?, ?, ?)",
        )
        .bind(source)
        .bind(&imported.foreign_id)
        .bind(comment_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
        comments.insert(imported.foreign_id.as_str(), comment_id);
    }
    Ok(ArchiveOutcome { articles: batch.articles.len(), comments: batch.comments.len() })
}

async fn lookup(
    tx: &mut PgConnection,
    source: &str,
    kind: &str,
    column: &str,
    foreign: &str,
) -> StoreResult<Option<i64>> {
    query_scalar(&format!(
        "SELECT {column} FROM imported_items WHERE source = ? AND kind = ? AND foreign_id = ?"
    ))
    .bind(source)
    .bind(kind)
    .bind(foreign)
    .fetch_optional(&mut *tx)
    .await
    .map_err(map_error)
}
