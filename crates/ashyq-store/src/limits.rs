//! Limits on guessing kept in the database, so that every server behind a load balancer counts
//! the same attempts (issue 15). A limit is "at most `limit` hits per key within a sliding
//! `window`"; [`LimitStore::reserve_limits`] checks and counts in one step, atomically across
//! servers, before any slow work. Keys are opaque digests made by the caller (a keyed hash), so
//! the tables hold no e-mail address and no IP address.

use std::future::Future;

use crate::error::StoreResult;

/// A limit's key: the hex form of a keyed hash the caller made (64 hex digits for a 32-byte
/// digest). Never a raw e-mail or address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LimitKey(String);

impl LimitKey {
    /// The key for a digest (stored as lowercase hex).
    pub fn from_digest(digest: &[u8; 32]) -> LimitKey {
        LimitKey(hex::encode(digest))
    }

    /// The stored form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One limit to reserve a hit in: at most `limit` hits on `key` within `window_seconds`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRule {
    pub key: LimitKey,
    pub limit: u32,
    pub window_seconds: i64,
}

impl LimitRule {
    /// Given the rule's hits inside its window at `now` (their count, and the oldest one's time),
    /// how many seconds until it has room again: `None` while under the limit, else at least 1.
    /// Both engines count with their own SQL and decide with this.
    pub fn wait(&self, count: i64, oldest: Option<i64>, now: i64) -> Option<i64> {
        (count >= i64::from(self.limit))
            .then(|| (oldest.unwrap_or(now) + self.window_seconds - now).max(1))
    }
}

/// One counted hit (a row of `rate_limit_hits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LimitHitId(pub i64);

/// The hits one reservation counted, one per rule, so exactly these can be refunded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[must_use = "a reservation is counted; refund it if the attempt turns out not to count"]
pub struct LimitReservation {
    pub hits: Vec<LimitHitId>,
}

/// A limit was reached: nothing was counted; the key may try again in `retry_after` seconds
/// (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a limit was reached; try again in {retry_after} s")]
pub struct LimitReached {
    pub retry_after: i64,
}

pub trait LimitStore: Send + Sync {
    /// Counts one hit in every rule of `rules` at time `now` if each of them is under its limit,
    /// all or nothing, in one step: concurrent reservations on one key, from any server, never
    /// both take its last place. `Ok(Err(reached))` when one is at its limit (nothing counted;
    /// `retry_after` is the longest wait among the rules at their limit).
    fn reserve_limits(
        &self,
        rules: &[LimitRule],
        now: i64,
    ) -> impl Future<Output = StoreResult<Result<LimitReservation, LimitReached>>> + Send;

    /// Takes back the hits of `reservation` (an attempt that did not count); hits already gone
    /// (cleared, pruned) are no error.
    fn refund_limits(
        &self,
        reservation: &LimitReservation,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// Forgets every hit on `key` (a successful login clears its (account, address) failures).
    fn clear_limit(&self, key: &LimitKey) -> impl Future<Output = StoreResult<()>> + Send;

    /// Remembers `key` until `until` (an address that logged in to an account), or moves its time.
    fn remember_limit_key(
        &self,
        key: &LimitKey,
        until: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// Whether `key` is remembered at `now`.
    fn limit_key_remembered(
        &self,
        key: &LimitKey,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// Deletes hits that have left their window and remembered keys past their time, at `now`;
    /// returns how many rows went. Keeps both tables bounded.
    fn prune_limits(&self, now: i64) -> impl Future<Output = StoreResult<u64>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_waits_only_at_its_limit_and_until_its_oldest_hit_leaves_the_window() {
        let rule =
            LimitRule { key: LimitKey::from_digest(&[0; 32]), limit: 5, window_seconds: 900 };
        assert_eq!(rule.wait(4, Some(100), 200), None);
        assert_eq!(rule.wait(5, Some(100), 200), Some(800));
        assert_eq!(rule.wait(5, Some(100), 1000), Some(1), "never less than a second");
        assert_eq!(rule.wait(5, None, 200), Some(900));
    }
}
