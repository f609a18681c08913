//! The moderation queue in SQLite: its rows and counts, one queued comment, the subjects of a
//! decision, a commenter's history and the decided comments that train the screen.

use ashyq_store::{
    CommentId, CommentStatus, DecisionSubject, HistoryItem, LabelledComment, QueueFilter,
    QueuedComment, RejectReason, StatusCount, StoreResult,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row};

use crate::SqliteStore;
use crate::errors::map_error;

use super::status_of;

pub(super) const QUEUE_COLUMNS: &str = "c.comment_id, a.slug AS article_slug, a.title AS article_title, a.lang AS article_lang, c.parent_id, \
     c.author_name, c.user_id, c.body, c.body_html, c.status, c.language, c.screen_score, c.screen_flagged, \
     c.screen_findings, c.screen_label, c.flags, c.created_at, c.address_hash, c.email_hash, c.featured, \
     c.decision_reason, c.version";

pub(super) struct QueuedRow(pub(super) QueuedComment);

impl FromRow<'_, SqliteRow> for QueuedRow {
    fn from_row(row: &SqliteRow) -> Result<Self, sqlx::Error> {
        let status: String = row.try_get("status")?;
        let user_id: Option<i64> = row.try_get("user_id")?;
        let score: f64 = row.try_get("screen_score")?;
        Ok(QueuedRow(QueuedComment {
            id: CommentId(row.try_get("comment_id")?),
            article_slug: row.try_get("article_slug")?,
            article_title: row.try_get("article_title")?,
            article_lang: row.try_get("article_lang")?,
            parent_id: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
            author_name: row.try_get("author_name")?,
            is_staff: user_id.is_some(),
            body: row.try_get("body")?,
            body_html: row.try_get("body_html")?,
            status: status_of(&status),
            language: row.try_get("language")?,
            screen_score: score as f32,
            screen_flagged: row.try_get::<i64, _>("screen_flagged")? != 0,
            screen_findings: ashyq_store::decode_findings(
                &row.try_get::<String, _>("screen_findings")?,
            ),
            screen_label: row
                .try_get::<Option<String>, _>("screen_label")?
                .and_then(|name| ashyq_store::Label::from_name(&name)),
            flags: ashyq_store::CommentFlags::decode(&row.try_get::<String, _>("flags")?),
            created_at: row.try_get("created_at")?,
            address_hash: row.try_get("address_hash")?,
            email_hash: row.try_get("email_hash")?,
            featured: row.try_get::<i64, _>("featured")? != 0,
            decision_reason: row
                .try_get::<Option<String>, _>("decision_reason")?
                .map(|code| RejectReason::from_stored(&code)),
            version: row.try_get("version")?,
        }))
    }
}

pub(super) async fn moderation_queue(
    store: &SqliteStore,
    filter: &QueueFilter,
) -> StoreResult<Vec<QueuedComment>> {
    // Pending: likely-clean first (lowest score), oldest first within; other queues newest first.
    let order = if filter.status == CommentStatus::Pending {
        "c.screen_flagged, c.screen_score, c.created_at"
    } else {
        "COALESCE(c.decided_at, c.created_at) DESC"
    };
    let rows: Vec<QueuedRow> = sqlx::query_as(&format!(
        "SELECT {QUEUE_COLUMNS} FROM comments c JOIN articles a ON a.article_id = c.article_id \
         WHERE c.status = ? AND (? IS NULL OR a.slug = ?) AND (? IS NULL OR c.language = ?) \
         AND (? IS NULL OR c.screen_label = ?) ORDER BY {order} LIMIT ?"
    ))
    .bind(filter.status.code())
    .bind(filter.article_slug.as_deref())
    .bind(filter.article_slug.as_deref())
    .bind(filter.language.as_deref())
    .bind(filter.language.as_deref())
    .bind(filter.label.map(ashyq_store::Label::name))
    .bind(filter.label.map(ashyq_store::Label::name))
    .bind(filter.limit)
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(rows.into_iter().map(|row| row.0).collect())
}

pub(super) async fn queue_counts(store: &SqliteStore) -> StoreResult<Vec<StatusCount>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM comments GROUP BY status")
            .fetch_all(&store.pool)
            .await
            .map_err(map_error)?;
    Ok(rows
        .into_iter()
        .map(|(status, count)| StatusCount { status: status_of(&status), count })
        .collect())
}

pub(super) async fn queued_comment(
    store: &SqliteStore,
    id: CommentId,
) -> StoreResult<Option<QueuedComment>> {
    let row: Option<QueuedRow> = sqlx::query_as(&format!(
        "SELECT {QUEUE_COLUMNS} FROM comments c JOIN articles a ON a.article_id = c.article_id WHERE c.comment_id = ?"
    ))
    .bind(id.0)
    .fetch_optional(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(row.map(|row| row.0))
}

pub(super) async fn decision_subjects(
    store: &SqliteStore,
    ids: &[CommentId],
) -> StoreResult<Vec<DecisionSubject>> {
    let mut subjects = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut select = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "SELECT comment_id, status, language, version FROM comments WHERE comment_id IN (",
        );
        let mut list = select.separated(", ");
        for id in chunk {
            list.push_bind(id.0);
        }
        select.push(")");
        let rows: Vec<(i64, String, Option<String>, i64)> =
            select.build_query_as().fetch_all(&store.pool).await.map_err(map_error)?;
        subjects.extend(rows.into_iter().map(|(id, status, language, version)| DecisionSubject {
            id: CommentId(id),
            status: status_of(&status),
            language,
            version,
        }));
    }
    Ok(subjects)
}

pub(super) async fn commenter_history(
    store: &SqliteStore,
    address_hash: Option<&str>,
    email_hash: Option<&str>,
    except: CommentId,
) -> StoreResult<Vec<HistoryItem>> {
    if address_hash.is_none() && email_hash.is_none() {
        return Ok(Vec::new());
    }
    // Two indexed look-ups (newest 20 earlier by address, newest 20 earlier by e-mail) instead
    // of one OR that sorts every comment ever sent from a busy address; the queue asks this
    // for each item. Only comments sent before this one (ids grow with time): the history is
    // what the person did before, never what they sent since.
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT c.comment_id, a.slug, c.status, c.created_at, substr(c.body, 1, 120) FROM comments c \
         JOIN articles a ON a.article_id = c.article_id WHERE c.comment_id IN ( \
           SELECT comment_id FROM (SELECT comment_id FROM comments WHERE address_hash = ? \
             AND comment_id < ? ORDER BY created_at DESC LIMIT 20) \
           UNION SELECT comment_id FROM (SELECT comment_id FROM comments WHERE email_hash = ? \
             AND comment_id < ? ORDER BY created_at DESC LIMIT 20)) \
         ORDER BY c.created_at DESC, c.comment_id DESC LIMIT 20",
    )
    .bind(address_hash.unwrap_or("-"))
    .bind(except.0)
    .bind(email_hash.unwrap_or("-"))
    .bind(except.0)
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(rows
        .into_iter()
        .map(|(id, article_slug, status, created_at, excerpt)| HistoryItem {
            id: CommentId(id),
            article_slug,
            status: status_of(&status),
            created_at,
            excerpt,
        })
        .collect())
}

pub(super) async fn decided_comments(store: &SqliteStore) -> StoreResult<Vec<LabelledComment>> {
    let rows: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT c.comment_id, COALESCE(c.language, a.lang), c.status, c.decision_reason, c.body \
         FROM comments c JOIN articles a ON a.article_id = c.article_id \
         WHERE c.status IN ('approved', 'rejected', 'spam') AND c.decided_by IS NOT NULL ORDER BY c.comment_id",
    )
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, lang, status, reason, text)| {
            let reason = reason.map(|code| RejectReason::from_stored(&code));
            let label = ashyq_store::decided_label(status_of(&status), reason)?;
            Some(LabelledComment { id: CommentId(id), lang, label, text })
        })
        .collect())
}
