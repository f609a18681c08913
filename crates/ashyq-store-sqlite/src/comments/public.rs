//! What readers see of a story's conversation in SQLite: the article a comment goes to, the
//! comments shown under any version, and which may be answered.

use ashyq_store::{ArticleId, CommentId, CommentTarget, PublicComment, StoreResult};
use sqlx::Row;

use crate::SqliteStore;
use crate::articles::{VISIBLE, unix_now};
use crate::errors::map_error;

use super::status_of;

/// The comments a reader sees under any version of a story: the approved ones posted on every
/// version readers can see (the condition is `VISIBLE`'s), and their own undecided ones (newest
/// 20: someone posting thousands must not make every page they load grow without bound), found
/// through `comments_commenter_article_idx` (migration 0012) rather than by walking every comment
/// of the story. The story's versions come from `articles_group_idx`, named, and each version's
/// comments from its own index entries (`CROSS JOIN` keeps that order in SQLite): without
/// statistics the planner walked every published article, or every approved comment, of the
/// site. A story in ten languages is still one statement. Binds: the reader's token hash or "", the article and now, twice, the
/// hash or "-".
pub(crate) const PUBLIC_COMMENTS: &str = "SELECT * FROM (SELECT c.comment_id, c.parent_id, c.author_name, c.user_id, \
     c.is_article_author, c.body_html, c.created_at, c.status, c.featured, NULLIF(c.language, '') AS language, a.lang AS version_lang, \
     c.commenter_token_hash = ? AS own FROM articles a INDEXED BY articles_group_idx CROSS JOIN comments c ON c.article_id = a.article_id \
     WHERE a.translation_group = (SELECT translation_group FROM articles WHERE article_id = ?) \
     AND a.status = 'published' AND a.published_at <= ? AND c.status = 'approved' \
     UNION ALL SELECT * FROM (SELECT c.comment_id, c.parent_id, c.author_name, c.user_id, c.is_article_author, \
     c.body_html, c.created_at, c.status, c.featured, NULLIF(c.language, '') AS language, a.lang AS version_lang, 1 AS own \
     FROM articles a INDEXED BY articles_group_idx CROSS JOIN comments c ON c.article_id = a.article_id \
     WHERE a.translation_group = (SELECT translation_group FROM articles WHERE article_id = ?) \
     AND a.status = 'published' AND a.published_at <= ? AND c.commenter_token_hash = ? \
     AND c.decided_by IS NULL AND c.status IN ('pending', 'spam', 'rejected') \
     ORDER BY c.created_at DESC, c.comment_id DESC LIMIT 20)) \
     ORDER BY created_at, comment_id";

pub(super) async fn comment_target(
    store: &SqliteStore,
    slug: &str,
) -> StoreResult<Option<CommentTarget>> {
    // Only articles readers can see take comments: not drafts, not scheduled ones.
    let row: Option<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT a.article_id, a.slug, a.lang FROM articles a WHERE a.slug = ? AND {VISIBLE}"
    ))
    .bind(slug)
    .bind(unix_now())
    .fetch_optional(&store.pool)
    .await
    .map_err(map_error)?;
    let Some((article_id, slug, lang)) = row else { return Ok(None) };
    let author_names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM article_authors WHERE article_id = ? ORDER BY position",
    )
    .bind(article_id)
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(Some(CommentTarget { article_id: ArticleId(article_id), slug, lang, author_names }))
}

pub(super) async fn public_comments(
    store: &SqliteStore,
    article_id: ArticleId,
    commenter_token_hash: Option<&str>,
) -> StoreResult<Vec<PublicComment>> {
    let now = unix_now();
    let rows = sqlx::query(PUBLIC_COMMENTS)
        .bind(commenter_token_hash.unwrap_or(""))
        .bind(article_id.0)
        .bind(now)
        .bind(article_id.0)
        .bind(now)
        .bind(commenter_token_hash.unwrap_or("-"))
        .fetch_all(&store.pool)
        .await
        .map_err(map_error)?;
    rows.iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(PublicComment {
                id: CommentId(row.try_get("comment_id")?),
                parent_id: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
                author_name: row.try_get("author_name")?,
                is_staff: row.try_get::<Option<i64>, _>("user_id")?.is_some(),
                is_article_author: row.try_get::<i64, _>("is_article_author")? != 0,
                body_html: row.try_get("body_html")?,
                created_at: row.try_get("created_at")?,
                status: status_of(&status),
                featured: row.try_get::<i64, _>("featured")? != 0,
                own: row.try_get::<i64, _>("own")? != 0,
                language: row.try_get("language")?,
                version_lang: row.try_get("version_lang")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(map_error)
}

pub(super) async fn can_reply_to(
    store: &SqliteStore,
    article_id: ArticleId,
    parent: CommentId,
) -> StoreResult<bool> {
    // Anywhere in the story's conversation: a reply on the Kazakh page may answer a Russian
    // comment, as long as readers can see the version it was posted on.
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT 1 FROM comments c JOIN articles a ON a.article_id = c.article_id \
         WHERE c.comment_id = ? AND c.status = 'approved' AND {VISIBLE} \
         AND a.translation_group = (SELECT translation_group FROM articles WHERE article_id = ?)"
    ))
    .bind(parent.0)
    .bind(unix_now())
    .bind(article_id.0)
    .fetch_optional(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(found.is_some())
}
