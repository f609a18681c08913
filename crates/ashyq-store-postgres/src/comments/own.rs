//! A commenter's own comments in PostgreSQL: a pending one to edit or withdraw, the e-mail address
//! (confirmation, reply notices), and dropping personal data after the keeping period.

use ashyq_store::{CommentId, NewComment, QueuedComment, ReplyNotice, StoreResult};

use crate::PostgresStore;
use crate::errors::map_error;

use super::queue::QUEUE_COLUMNS;
use super::queue::QueuedRow;

pub(super) async fn own_pending_comment(
    store: &PostgresStore,
    id: CommentId,
    commenter_token_hash: &str,
) -> StoreResult<Option<QueuedComment>> {
    let row: Option<QueuedRow> = crate::sql::query_as(&format!(
        "SELECT {QUEUE_COLUMNS} FROM comments c JOIN articles a ON a.article_id = c.article_id \
         WHERE c.comment_id = ? AND c.commenter_token_hash = ? AND c.status = 'pending'"
    ))
    .bind(id.0)
    .bind(commenter_token_hash)
    .fetch_optional(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(row.map(|row| row.0))
}

pub(super) async fn edit_own_comment(
    store: &PostgresStore,
    id: CommentId,
    commenter_token_hash: &str,
    replacement: &NewComment,
) -> StoreResult<bool> {
    let result = crate::sql::query(
        "UPDATE comments SET author_name = ?, body = ?, body_html = ?, language = ?, screen_score = ?, \
         screen_flagged = ?, screen_findings = ?, screen_label = ?, fingerprint_exact = ?, \
         fingerprint_simhash = ?, fingerprint_tokens = ?, updated_at = ?, \
         version = version + 1, text_version = version + 1 \
         WHERE comment_id = ? AND commenter_token_hash = ? AND status = 'pending'",
    )
    .bind(&replacement.author_name)
    .bind(&replacement.body)
    .bind(&replacement.body_html)
    .bind(replacement.language.as_deref())
    .bind(f64::from(replacement.screen_score))
    .bind(i64::from(replacement.screen_flagged))
    .bind(ashyq_store::encode_findings(&replacement.screen_findings))
    .bind(replacement.screen_label.map(|label| label.name()))
    .bind(replacement.fingerprint.exact)
    .bind(replacement.fingerprint.simhash)
    .bind(replacement.fingerprint.tokens)
    .bind(replacement.created_at)
    .bind(id.0)
    .bind(commenter_token_hash)
    .execute(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(result.rows_affected() == 1)
}

pub(super) async fn withdraw_own_comment(
    store: &PostgresStore,
    id: CommentId,
    commenter_token_hash: &str,
    now: i64,
) -> StoreResult<bool> {
    let result = crate::sql::query(
        "UPDATE comments SET status = 'withdrawn', updated_at = ?, version = version + 1 \
         WHERE comment_id = ? AND commenter_token_hash = ? AND status = 'pending'",
    )
    .bind(now)
    .bind(id.0)
    .bind(commenter_token_hash)
    .execute(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(result.rows_affected() == 1)
}

pub(super) async fn reply_notice(
    store: &PostgresStore,
    reply: CommentId,
) -> StoreResult<Option<ReplyNotice>> {
    let row: Option<(String, String, String, String, String)> = crate::sql::query_as(
        "SELECT p.email, a.lang, a.slug, a.title, c.author_name FROM comments c \
         JOIN comments p ON p.comment_id = c.parent_id JOIN articles a ON a.article_id = p.article_id \
         WHERE c.comment_id = ? AND c.status = 'approved' AND p.email IS NOT NULL \
         AND p.email_confirmed_at IS NOT NULL AND p.status = 'approved'",
    )
    .bind(reply.0)
    .fetch_optional(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(row.map(|(email, lang, article_slug, article_title, reply_author)| ReplyNotice {
        email,
        lang,
        article_slug,
        article_title,
        reply_author,
        reply_id: reply,
    }))
}

pub(super) async fn email_confirmation(
    store: &PostgresStore,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<String>> {
    crate::sql::query_scalar(
        "SELECT a.lang FROM comments c JOIN articles a ON a.article_id = c.article_id \
         WHERE c.email_confirm_hash = ? AND c.email_confirm_expires > ? AND c.email IS NOT NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&store.pool)
    .await
    .map_err(map_error)
}

pub(super) async fn confirm_email(
    store: &PostgresStore,
    token_hash: &str,
    now: i64,
) -> StoreResult<bool> {
    // One statement: two clicks at once confirm once, and the token is gone afterwards.
    let result = crate::sql::query(
        "UPDATE comments SET email_confirmed_at = ?, email_confirm_hash = NULL, \
         email_confirm_expires = NULL WHERE email_confirm_hash = ? AND email_confirm_expires > ? \
         AND email IS NOT NULL",
    )
    .bind(now)
    .bind(token_hash)
    .bind(now)
    .execute(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(result.rows_affected() == 1)
}

pub(super) async fn drop_old_personal_data(store: &PostgresStore, before: i64) -> StoreResult<u64> {
    let result = crate::sql::query(
        "UPDATE comments SET address_hash = NULL, email = NULL, email_confirm_hash = NULL, \
         email_confirm_expires = NULL, email_confirmed_at = NULL \
         WHERE created_at < ? AND (address_hash IS NOT NULL OR email IS NOT NULL \
         OR email_confirm_hash IS NOT NULL)",
    )
    .bind(before)
    .execute(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(result.rows_affected())
}
