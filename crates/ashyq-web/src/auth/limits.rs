//! The limits on guessing that every server must count together (issue 15): failed passwords and
//! codes, password links, and the addresses that logged in to an account. They live in the store
//! (`ashyq_store::LimitStore`), keyed by a keyed hash of what they count, so the tables hold no
//! e-mail and no IP address and every server of a site (one `secret.key`) makes the same keys.
//! [`Limits::reserve`] checks and counts in one atomic step before any slow work; an attempt that
//! turns out not to count is refunded by the caller.

use std::sync::atomic::{AtomicI64, Ordering};

use ashyq_store::{LimitKey, LimitReached, LimitReservation, LimitRule, LimitStore};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest as _, Sha256};

use crate::error::WebError;
use crate::state::now;

/// How often one server deletes expired rows from the limit tables (seconds).
const PRUNE_EVERY: i64 = 60;

/// What a limit counts; its name is part of the hashed key, so kinds never share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitKind {
    /// Failed passwords for one account from one address; also the remembered logins.
    LoginPair,
    /// Failed passwords for one account from addresses not remembered for it.
    LoginAccount,
    /// Failed passwords and codes from one address, whatever the account.
    Address,
    /// Wrong second-factor codes for one account.
    Code,
    /// Posts to `/password/set` and `/password/reset` from one address.
    PasswordLinks,
    /// Confirmation mails to one e-mail address (a commenter asking for reply notices).
    ConfirmMails,
}

impl LimitKind {
    fn name(self) -> &'static str {
        match self {
            LimitKind::LoginPair => "login-pair",
            LimitKind::LoginAccount => "login-account",
            LimitKind::Address => "address",
            LimitKind::Code => "code",
            LimitKind::PasswordLinks => "password-links",
            LimitKind::ConfirmMails => "confirm-mails",
        }
    }
}

/// The keyed hash for stored limits, and when this server last pruned them.
pub struct Limits {
    /// HMAC-SHA256 keyed with a key derived from the site's secret, cloned for each key made.
    mac: Hmac<Sha256>,
    pruned_at: AtomicI64,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits").finish_non_exhaustive()
    }
}

impl Limits {
    /// Limits keyed from the site's secret (`DATA/secret.key`, shared by every server).
    pub fn new(secret: &[u8; 32]) -> Limits {
        // HMAC's own key size (SHA-256's block, 64 bytes), derived for this use only.
        let mut key = [0_u8; 64];
        for (half, label) in key.chunks_mut(32).zip([&b"rate limits 1"[..], b"rate limits 2"]) {
            half.copy_from_slice(&Sha256::new_with_prefix(secret).chain_update(label).finalize());
        }
        Limits { mac: <Hmac<Sha256> as KeyInit>::new(&key.into()), pruned_at: AtomicI64::new(0) }
    }

    /// The stored key of `kind` for `parts` (an e-mail, an address key, a user id): a keyed hash,
    /// with each part's length in front so no two lists of parts make the same text.
    pub(crate) fn key(&self, kind: LimitKind, parts: &[&str]) -> LimitKey {
        let mut mac = self.mac.clone();
        mac.update(kind.name().as_bytes());
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        LimitKey::from_digest(&mac.finalize().into_bytes().into())
    }

    /// A rule: at most `limit` hits on `kind` for `parts` in `window`.
    pub(crate) fn rule(
        &self,
        kind: LimitKind,
        parts: &[&str],
        limit: usize,
        window: std::time::Duration,
    ) -> LimitRule {
        LimitRule {
            key: self.key(kind, parts),
            limit: u32::try_from(limit).unwrap_or(u32::MAX),
            window_seconds: i64::try_from(window.as_secs()).unwrap_or(i64::MAX),
        }
    }

    /// Counts a hit in every rule of `rules`, all or none, before the slow work: 429 with
    /// `Retry-After` when one is at its limit (also for concurrent requests through any server).
    /// Now and then it also deletes expired rows, in the background.
    pub(crate) async fn reserve<S: LimitStore + Clone + 'static>(
        &self,
        store: &S,
        rules: &[LimitRule],
        ui_lang: &'static str,
    ) -> Result<LimitReservation, WebError> {
        match self.try_reserve(store, rules).await? {
            Ok(reservation) => Ok(reservation),
            Err(reached) => Err(WebError::TooMany {
                retry_after: u64::try_from(reached.retry_after).unwrap_or(1),
                ui_lang,
            }),
        }
    }

    /// [`Limits::reserve`] for callers that answer a reached limit their own way:
    /// `Ok(Err(reached))` when one rule is at its limit (nothing counted). An error only when the
    /// store cannot count (a limit that cannot count lets nothing through).
    pub(crate) async fn try_reserve<S: LimitStore + Clone + 'static>(
        &self,
        store: &S,
        rules: &[LimitRule],
    ) -> Result<Result<LimitReservation, LimitReached>, WebError> {
        let now = now();
        self.prune_now_and_then(store, now);
        Ok(store.reserve_limits(rules, now).await?)
    }

    /// Starts a prune if this server has not pruned for [`PRUNE_EVERY`] seconds.
    fn prune_now_and_then<S: LimitStore + Clone + 'static>(&self, store: &S, now: i64) {
        let last = self.pruned_at.load(Ordering::Relaxed);
        if now - last < PRUNE_EVERY
            || self
                .pruned_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        let store = store.clone();
        tokio::spawn(async move {
            match store.prune_limits(now).await {
                Ok(0) => {}
                Ok(rows) => tracing::debug!(rows, "expired limit rows deleted"),
                Err(error) => tracing::warn!(%error, "deleting expired limit rows failed"),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Whether a hit counted on `rule` at `at` is still stored (a limit of one would refuse).
    async fn still_stored(
        store: &ashyq_store_sqlite::SqliteStore,
        rule: &LimitRule,
        at: i64,
    ) -> bool {
        match store.reserve_limits(std::slice::from_ref(rule), at).await.unwrap() {
            Ok(probe) => {
                store.refund_limits(&probe).await.unwrap();
                false
            }
            Err(_) => true,
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reservations_delete_expired_rows_at_most_once_a_minute() {
        let dir = tempfile::tempdir().unwrap();
        let store = ashyq_store_sqlite::SqliteStore::open(dir.path()).await.unwrap();
        let limits = Limits::new(&[5; 32]);
        let old = now() - 3_600;
        let window = Duration::from_secs(60);
        let expired = limits.rule(LimitKind::Address, &["ip:old"], 1, window);
        let _ = store.reserve_limits(std::slice::from_ref(&expired), old).await.unwrap().unwrap();
        assert!(still_stored(&store, &expired, old).await);

        let fresh = limits.rule(LimitKind::Address, &["ip:new"], 10, window);
        let _ = limits.reserve(&store, std::slice::from_ref(&fresh), "en").await.unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while still_stored(&store, &expired, old).await {
            assert!(std::time::Instant::now() < deadline, "the expired hit was not deleted");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }

        // Within the minute, a reservation leaves old rows alone.
        let _ = store.reserve_limits(std::slice::from_ref(&expired), old).await.unwrap().unwrap();
        let _ = limits.reserve(&store, std::slice::from_ref(&fresh), "en").await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(still_stored(&store, &expired, old).await);
    }

    #[test]
    fn keys_are_keyed_hashes_that_differ_by_kind_parts_and_secret() {
        let limits = Limits::new(&[1; 32]);
        let pair = limits.key(LimitKind::LoginPair, &["a@example.org", "ip:10.0.0.1"]);
        assert_eq!(pair, limits.key(LimitKind::LoginPair, &["a@example.org", "ip:10.0.0.1"]));
        assert_eq!(pair.as_str().len(), 64);
        assert!(!pair.as_str().contains("example"), "no raw e-mail in the key");
        assert_ne!(pair, limits.key(LimitKind::LoginAccount, &["a@example.org", "ip:10.0.0.1"]));
        assert_ne!(pair, limits.key(LimitKind::LoginPair, &["a@example.orgip:10.0.0.1", ""]));
        assert_ne!(
            pair,
            Limits::new(&[2; 32]).key(LimitKind::LoginPair, &["a@example.org", "ip:10.0.0.1"])
        );
        assert_eq!(
            pair,
            Limits::new(&[1; 32]).key(LimitKind::LoginPair, &["a@example.org", "ip:10.0.0.1"]),
            "every server with the site's secret makes the same key"
        );
    }
}
