//! `LimitStore` for PostgreSQL: the tables of migration 0010 (SQLite's 0025). A reservation is one
//! transaction that first takes a transaction-scoped advisory lock per key
//! ([`PostgresStore::begin_keyed`]), then counts and inserts: a second reservation on the same key,
//! from this server or another, waits for the first to commit and then sees its hit, so two can
//! never both take a key's last place. Refunds, clears and pruning are single statements and take
//! no lock (they only lower counts).

use ashyq_store::{
    LimitHitId, LimitKey, LimitReached, LimitReservation, LimitRule, LimitStore, StoreResult,
};
use sqlx::PgConnection;

use crate::sql::{query, query_as, query_scalar};
use crate::{PostgresStore, finish_write, map_error};

/// The second number of a key's advisory lock: its first 28 bits (seven hex digits). Two keys
/// sharing it only wait for each other.
fn lock_of(key: &LimitKey) -> i32 {
    crate::key_lock(key.as_str())
}

/// Checks every rule, then counts a hit in each if all are under their limit (the SQLite
/// backend's steps, under the keys' locks).
async fn reserve(
    connection: &mut PgConnection,
    rules: &[LimitRule],
    now: i64,
) -> Result<Result<LimitReservation, LimitReached>, sqlx::Error> {
    let mut longest_wait: Option<i64> = None;
    for rule in rules {
        let (count, oldest): (i64, Option<i64>) = query_as(
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
        let id: i64 = query_scalar(
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

impl LimitStore for PostgresStore {
    async fn reserve_limits(
        &self,
        rules: &[LimitRule],
        now: i64,
    ) -> StoreResult<Result<LimitReservation, LimitReached>> {
        let locks: Vec<i32> = rules.iter().map(|rule| lock_of(&rule.key)).collect();
        let mut write = self.begin_keyed(&locks).await?;
        let outcome = reserve(&mut write, rules, now).await;
        finish_write(write, outcome).await
    }

    async fn refund_limits(&self, reservation: &LimitReservation) -> StoreResult<()> {
        if reservation.hits.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = reservation.hits.iter().map(|hit| hit.0).collect();
        query("DELETE FROM rate_limit_hits WHERE id = ANY(?)")
            .bind(ids)
            .execute(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(())
    }

    async fn clear_limit(&self, key: &LimitKey) -> StoreResult<()> {
        query("DELETE FROM rate_limit_hits WHERE key = ?")
            .bind(key.as_str())
            .execute(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(())
    }

    async fn remember_limit_key(&self, key: &LimitKey, until: i64) -> StoreResult<()> {
        query(
            "INSERT INTO rate_limit_known (key, known_until) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET known_until = excluded.known_until",
        )
        .bind(key.as_str())
        .bind(until)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }

    async fn limit_key_remembered(&self, key: &LimitKey, now: i64) -> StoreResult<bool> {
        query_scalar::<bool>(
            "SELECT EXISTS (SELECT 1 FROM rate_limit_known WHERE key = ? AND known_until > ?)",
        )
        .bind(key.as_str())
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(map_error)
    }

    async fn prune_limits(&self, now: i64) -> StoreResult<u64> {
        let hits = query("DELETE FROM rate_limit_hits WHERE expires_at <= ?")
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(map_error)?
            .rows_affected();
        let known = query("DELETE FROM rate_limit_known WHERE known_until <= ?")
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(map_error)?
            .rows_affected();
        Ok(hits + known)
    }
}
