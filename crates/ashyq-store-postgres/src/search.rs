//! `SearchFeed` for PostgreSQL: the change counter kept by the triggers of `0013_search_changes.sql`,
//! and articles with their tags and authors as the search index takes them.

use std::collections::HashMap;

use ashyq_store::{
    ArticleId, ArticleStatus, SearchChange, SearchFeed, SearchSource, StoreError, StoreResult,
};

use crate::PostgresStore;
use crate::errors::map_error;

const SOURCE_COLUMNS: &str = "article_id, translation_group, slug, lang, title, summary, \
     lead_html, body_html, published_at, status";

type SourceRow = (i64, String, String, String, String, String, Option<String>, String, i64, String);

/// At most this many ids in one `IN (…)` list.
const IDS_PER_QUERY: usize = 500;

impl SearchFeed for PostgresStore {
    async fn search_changes(&self, after: i64, limit: u32) -> StoreResult<Vec<SearchChange>> {
        let rows = crate::sql::query_as::<(i64, i64)>(
            "SELECT article_id, seq FROM search_changes WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|(id, seq)| SearchChange { article: ArticleId(id), seq }).collect())
    }

    async fn search_change_counter(&self) -> StoreResult<i64> {
        crate::sql::query_scalar::<i64>("SELECT COALESCE(MAX(seq), 0) FROM search_changes")
            .fetch_one(&self.pool)
            .await
            .map_err(map_error)
    }

    async fn search_sources(&self, ids: &[ArticleId]) -> StoreResult<Vec<SearchSource>> {
        let mut sources = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(IDS_PER_QUERY) {
            let placeholders = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT {SOURCE_COLUMNS} FROM articles WHERE article_id IN ({placeholders}) \
                 ORDER BY article_id"
            );
            let mut query = crate::sql::query_as::<SourceRow>(&sql);
            for id in chunk {
                query = query.bind(id.0);
            }
            let rows = query.fetch_all(&self.pool).await.map_err(map_error)?;
            sources.extend(self.with_relations(rows).await?);
        }
        Ok(sources)
    }

    async fn search_sources_after(
        &self,
        after: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<SearchSource>> {
        let sql = format!(
            "SELECT {SOURCE_COLUMNS} FROM articles WHERE article_id > ? ORDER BY article_id LIMIT ?"
        );
        let rows = crate::sql::query_as::<SourceRow>(&sql)
            .bind(after.0)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?;
        self.with_relations(rows).await
    }
}

impl PostgresStore {
    /// Adds tags and authors to article rows: two queries for the whole list.
    async fn with_relations(&self, rows: Vec<SourceRow>) -> StoreResult<Vec<SearchSource>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; rows.len()].join(",");
        let mut tags = self
            .pairs(
                &format!(
                    "SELECT at.article_id, t.slug, t.name FROM article_tags at \
                     JOIN tags t ON t.tag_id = at.tag_id \
                     WHERE at.article_id IN ({placeholders}) ORDER BY at.article_id, at.position"
                ),
                &rows,
            )
            .await?;
        let mut authors = self
            .pairs(
                &format!(
                    "SELECT aa.article_id, au.slug, aa.name FROM article_authors aa \
                     JOIN authors au ON au.author_id = aa.author_id \
                     WHERE aa.article_id IN ({placeholders}) ORDER BY aa.article_id, aa.position"
                ),
                &rows,
            )
            .await?;
        rows.into_iter()
            .map(|row| {
                let (
                    id,
                    group,
                    slug,
                    lang,
                    title,
                    summary,
                    lead_html,
                    body_html,
                    published_at,
                    status,
                ) = row;
                let status = ArticleStatus::from_code(&status).ok_or_else(|| {
                    StoreError::Backend(
                        format!("article {slug} has an unknown status `{status}`").into(),
                    )
                })?;
                Ok(SearchSource {
                    id: ArticleId(id),
                    group,
                    slug,
                    lang,
                    title,
                    summary,
                    lead_html,
                    body_html,
                    tags: tags.remove(&id).unwrap_or_default(),
                    authors: authors.remove(&id).unwrap_or_default(),
                    published_at,
                    status,
                })
            })
            .collect()
    }

    async fn pairs(
        &self,
        sql: &str,
        rows: &[SourceRow],
    ) -> StoreResult<HashMap<i64, Vec<(String, String)>>> {
        let mut query = crate::sql::query_as::<(i64, String, String)>(sql);
        for row in rows {
            query = query.bind(row.0);
        }
        let mut pairs: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for (id, slug, name) in query.fetch_all(&self.pool).await.map_err(map_error)? {
            pairs.entry(id).or_default().push((slug, name));
        }
        Ok(pairs)
    }
}
