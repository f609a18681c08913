//! The moderators' rules in SQLite: bans, word lists, and the languages each moderator reads.

use ashyq_store::{BanKind, StoreResult, UserId, WordList, WordListKind};

use crate::SqliteStore;
use crate::errors::map_error;

pub(super) async fn add_ban(
    store: &SqliteStore,
    kind: BanKind,
    value_hash: &str,
    until: i64,
    reason: &str,
    by: UserId,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO bans (kind, value_hash, until_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(kind.code())
    .bind(value_hash)
    .bind(until)
    .bind(reason)
    .bind(by.0)
    .bind(now)
    .execute(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(())
}

pub(super) async fn word_lists(store: &SqliteStore) -> StoreResult<Vec<WordList>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT lang, kind, words FROM word_lists ORDER BY lang, kind")
            .fetch_all(&store.pool)
            .await
            .map_err(map_error)?;
    // A kind this version does not know (written by a newer one) is left out, not guessed.
    Ok(rows
        .into_iter()
        .filter_map(|(lang, kind, words)| {
            WordListKind::from_code(&kind).map(|kind| WordList { lang, kind, words })
        })
        .collect())
}

pub(super) async fn set_word_list(
    store: &SqliteStore,
    lang: &str,
    kind: WordListKind,
    words: &str,
    by: UserId,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO word_lists (lang, kind, words, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (lang, kind) DO UPDATE SET words = excluded.words, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(lang)
    .bind(kind.code())
    .bind(words)
    .bind(now)
    .bind(by.0)
    .execute(&store.pool)
    .await
    .map_err(map_error)?;
    Ok(())
}

pub(super) async fn moderator_languages(
    store: &SqliteStore,
    user: UserId,
) -> StoreResult<Vec<String>> {
    sqlx::query_scalar("SELECT lang FROM moderator_languages WHERE user_id = ? ORDER BY lang")
        .bind(user.0)
        .fetch_all(&store.pool)
        .await
        .map_err(map_error)
}

pub(super) async fn team_languages(store: &SqliteStore) -> StoreResult<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT m.lang FROM moderator_languages m JOIN users u ON u.user_id = m.user_id \
         WHERE u.disabled = 0 ORDER BY m.lang",
    )
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)
}

pub(super) async fn set_moderator_languages(
    store: &SqliteStore,
    user: UserId,
    langs: &[String],
) -> StoreResult<()> {
    let mut tx = store.begin_write().await?;
    sqlx::query("DELETE FROM moderator_languages WHERE user_id = ?")
        .bind(user.0)
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
    for lang in langs {
        sqlx::query("INSERT OR IGNORE INTO moderator_languages (user_id, lang) VALUES (?, ?)")
            .bind(user.0)
            .bind(lang)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
    }
    tx.commit().await
}
