//! Who translates what: the languages each translator works into, and the claims on a story's
//! translation (one holder per story and language, until it expires, is released or reassigned).

use ashyq_store::{Claim, StoreResult, UserId};
use sqlx::SqliteConnection;

use crate::errors::map_error;
use crate::{SqliteStore, finish_write};

pub(super) async fn translator_languages(
    store: &SqliteStore,
    user: UserId,
) -> StoreResult<Vec<String>> {
    sqlx::query_scalar("SELECT lang FROM translator_languages WHERE user_id = ? ORDER BY lang")
        .bind(user.0)
        .fetch_all(&store.pool)
        .await
        .map_err(map_error)
}

pub(super) async fn set_translator_languages(
    store: &SqliteStore,
    user: UserId,
    langs: &[String],
) -> StoreResult<()> {
    let mut write = store.begin_write().await?;
    let result: Result<(), sqlx::Error> = async {
        let tx: &mut SqliteConnection = &mut write;
        sqlx::query("DELETE FROM translator_languages WHERE user_id = ?")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        for lang in langs {
            sqlx::query("INSERT OR IGNORE INTO translator_languages (user_id, lang) VALUES (?, ?)")
                .bind(user.0)
                .bind(lang)
                .execute(&mut *tx)
                .await?;
        }
        Ok(())
    }
    .await;
    finish_write(write, result).await
}

pub(super) async fn active_claims(store: &SqliteStore, now: i64) -> StoreResult<Vec<Claim>> {
    let rows: Vec<(String, String, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT c.original_slug, c.lang, c.user_id, u.name, c.claimed_at, c.expires_at \
         FROM translation_claims c JOIN users u ON u.user_id = c.user_id \
         WHERE c.expires_at > ? ORDER BY c.claimed_at DESC",
    )
    .bind(now)
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(rows
        .into_iter()
        .map(|(original_slug, lang, user, user_name, claimed_at, expires_at)| Claim {
            original_slug,
            lang,
            user: UserId(user),
            user_name,
            claimed_at,
            expires_at,
        })
        .collect())
}

pub(super) async fn claim_translation(
    store: &SqliteStore,
    original_slug: &str,
    lang: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
) -> StoreResult<bool> {
    let mut write = store.begin_write().await?;
    // One statement: a new claim, or taking over an expired one, or renewing one's own.
    let result = sqlx::query(
        "INSERT INTO translation_claims (original_slug, lang, user_id, claimed_at, expires_at) \
         VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (original_slug, lang) DO UPDATE SET user_id = excluded.user_id, \
         claimed_at = excluded.claimed_at, expires_at = excluded.expires_at \
         WHERE translation_claims.expires_at <= excluded.claimed_at \
         OR translation_claims.user_id = excluded.user_id",
    )
    .bind(original_slug)
    .bind(lang)
    .bind(user.0)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *write)
    .await
    .map(|done| done.rows_affected() == 1);
    finish_write(write, result).await
}

pub(super) async fn release_claim(
    store: &SqliteStore,
    original_slug: &str,
    lang: &str,
    holder: Option<UserId>,
) -> StoreResult<bool> {
    let mut write = store.begin_write().await?;
    let result = sqlx::query(
        "DELETE FROM translation_claims WHERE original_slug = ? AND lang = ? \
         AND (? IS NULL OR user_id = ?)",
    )
    .bind(original_slug)
    .bind(lang)
    .bind(holder.map(|user| user.0))
    .bind(holder.map(|user| user.0))
    .execute(&mut *write)
    .await
    .map(|done| done.rows_affected() == 1);
    finish_write(write, result).await
}

pub(super) async fn reassign_claim(
    store: &SqliteStore,
    original_slug: &str,
    lang: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    let mut write = store.begin_write().await?;
    let result = sqlx::query(
        "INSERT INTO translation_claims (original_slug, lang, user_id, claimed_at, expires_at) \
         VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (original_slug, lang) DO UPDATE SET user_id = excluded.user_id, \
         claimed_at = excluded.claimed_at, expires_at = excluded.expires_at",
    )
    .bind(original_slug)
    .bind(lang)
    .bind(user.0)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *write)
    .await
    .map(|_| ());
    finish_write(write, result).await
}
