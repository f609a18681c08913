//! `LimitStore` for SQLite: hits in `rate_limit_hits`, remembered keys in `rate_limit_known`
//! (migration 0025). A reservation is one `BEGIN IMMEDIATE` transaction (SQLite's write lock,
//! behind the store's write gate), so counting and checking are one step for every connection and
//! every process on the database.

use ashyq_store::{
    LimitHitId, LimitKey, LimitReached, LimitReservation, LimitRule, LimitStore, StoreResult,
};
use sqlx::SqliteConnection;

use crate::errors::map_error;
use crate::{SqliteStore, finish_write};

/// Checks every rule, then counts a hit in each if all are under their limit.
async fn reserve(
    connection: &mut SqliteConnection,
    rules: &[LimitRule],
    now: i64,
) -> Result<Result<LimitReservation, LimitReached>, sqlx::Error> {
    let mut longest_wait: Option<i64> = None;
    for rule in rules {
        let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(hit_at) FROM rate_limit_hits WHERE key = ? AND hit_at > ?",
        )
        .bind(rule.key.as_str())
        .bind(now - rule.window_seconds)
        .fetch_one(&mut *connection)
        .await?;
        if let Some(wait) = rule.wait(count, oldest, now) {
            longest_wait = Some(longest_wait.map_or(wait, |longest| longest.max(wait)));
        }
    }
    if let Some(retry_after) = longest_wait {
        return Ok(Err(LimitReached { retry_after }));
    }
    let mut hits = Vec::with_capacity(rules.len());
    for rule in rules {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rate_limit_hits (key, hit_at, expires_at) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(rule.key.as_str())
        .bind(now)
        .bind(now + rule.window_seconds)
        .fetch_one(&mut *connection)
        .await?;
        hits.push(LimitHitId(id));
    }
    Ok(Ok(LimitReservation { hits }))
}

impl LimitStore for SqliteStore {
    async fn reserve_limits(
        &self,
        rules: &[LimitRule],
        now: i64,
    ) -> StoreResult<Result<LimitReservation, LimitReached>> {
        let mut write = self.begin_write().await?;
        let outcome = reserve(&mut write, rules, now).await;
        finish_write(write, outcome).await
    }

    async fn refund_limits(&self, reservation: &LimitReservation) -> StoreResult<()> {
        if reservation.hits.is_empty() {
            return Ok(());
        }
        let mut write = self.begin_write().await?;
        let mut outcome = Ok(());
        for hit in &reservation.hits {
            if let Err(error) = sqlx::query("DELETE FROM rate_limit_hits WHERE id = ?")
                .bind(hit.0)
                .execute(&mut *write)
                .await
            {
                outcome = Err(error);
                break;
            }
        }
        finish_write(write, outcome).await
    }

    async fn clear_limit(&self, key: &LimitKey) -> StoreResult<()> {
        let mut write = self.begin_write().await?;
        let outcome = sqlx::query("DELETE FROM rate_limit_hits WHERE key = ?")
            .bind(key.as_str())
            .execute(&mut *write)
            .await
            .map(|_| ());
        finish_write(write, outcome).await
    }

    async fn remember_limit_key(&self, key: &LimitKey, until: i64) -> StoreResult<()> {
        let mut write = self.begin_write().await?;
        let outcome = sqlx::query(
            "INSERT INTO rate_limit_known (key, known_until) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET known_until = excluded.known_until",
        )
        .bind(key.as_str())
        .bind(until)
        .execute(&mut *write)
        .await
        .map(|_| ());
        finish_write(write, outcome).await
    }

    async fn limit_key_remembered(&self, key: &LimitKey, now: i64) -> StoreResult<bool> {
        sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM rate_limit_known WHERE key = ? AND known_until > ?)",
        )
        .bind(key.as_str())
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(map_error)
    }

    async fn prune_limits(&self, now: i64) -> StoreResult<u64> {
        let mut write = self.begin_write().await?;
        let outcome = async {
            let hits = sqlx::query("DELETE FROM rate_limit_hits WHERE expires_at <= ?")
                .bind(now)
                .execute(&mut *write)
                .await?
                .rows_affected();
            let known = sqlx::query("DELETE FROM rate_limit_known WHERE known_until <= ?")
                .bind(now)
                .execute(&mut *write)
                .await?
                .rows_affected();
            Ok(hits + known)
        }
        .await;
        finish_write(write, outcome).await
    }
}
