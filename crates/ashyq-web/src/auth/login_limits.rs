//! The limits on guessing passwords at `/login`. Tight per (account, address), loose per account,
//! and per address across accounts; an attempt is reserved in all of them before the slow work
//! (the database, Argon2) and refunded if it turns out not to be a failure. An address that logged
//! in to an account recently is exempt from that account's loose limit, so a stranger who exhausts
//! it cannot lock the owner out from their usual address.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::RateLimiter;

/// The window every login limit counts in.
pub(crate) const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed passwords per (account, address) in the window.
pub(crate) const PER_ACCOUNT_ADDRESS: usize = 5;
/// Failed passwords per account from addresses that have not logged in to it recently.
pub(crate) const PER_ACCOUNT: usize = 50;
/// Failed passwords per address, whatever the account.
pub(crate) const PER_ADDRESS: usize = 20;
/// How long a successful login exempts its address from the account's loose limit.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);
/// At most this many (account, address) pairs are remembered; the oldest go first.
const KNOWN_CAPACITY: usize = 10_000;

/// Login limits (see the module doc).
#[derive(Debug)]
pub struct LoginLimits {
    per_account_address: RateLimiter,
    per_account: RateLimiter,
    known: Mutex<HashMap<String, Instant>>,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits {
            per_account_address: RateLimiter::new(PER_ACCOUNT_ADDRESS, LOGIN_WINDOW),
            per_account: RateLimiter::new(PER_ACCOUNT, LOGIN_WINDOW),
            known: Mutex::new(HashMap::new()),
        }
    }
}

/// A reserved login attempt. Dropped as it is, it counts as a failure; [`LoginAttempt::succeeded`]
/// and [`LoginAttempt::refund`] take it back.
#[derive(Debug)]
#[must_use = "a reserved attempt counts as a failure unless it is refunded"]
pub(crate) struct LoginAttempt<'a> {
    limits: &'a LoginLimits,
    per_address: &'a RateLimiter,
    pair: String,
    account: String,
    address: String,
    counted_for_account: bool,
}

impl LoginLimits {
    /// Reserves one attempt for `account` (the normalized e-mail) from `address` (a limit key), in
    /// the per-address limiter `per_address` too. `Err(wait)` if any limit is reached; then nothing
    /// stays counted.
    pub(crate) fn reserve<'a>(
        &'a self,
        per_address: &'a RateLimiter,
        account: &str,
        address: &str,
    ) -> Result<LoginAttempt<'a>, Duration> {
        let pair = format!("login:{account}|{address}");
        let account_key = format!("login:{account}");
        let known = self.is_known(&pair);
        self.per_account_address.reserve(&pair)?;
        if let Err(wait) = per_address.reserve(address) {
            self.per_account_address.refund(&pair);
            return Err(wait);
        }
        if !known && let Err(wait) = self.per_account.reserve(&account_key) {
            self.per_account_address.refund(&pair);
            per_address.refund(address);
            return Err(wait);
        }
        Ok(LoginAttempt {
            limits: self,
            per_address,
            pair,
            account: account_key,
            address: address.to_owned(),
            counted_for_account: !known,
        })
    }

    fn is_known(&self, pair: &str) -> bool {
        let known = self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        known.get(pair).is_some_and(|since| since.elapsed() < KNOWN_FOR)
    }

    fn remember(&self, pair: &str) {
        let mut known = self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if known.len() >= KNOWN_CAPACITY && !known.contains_key(pair) {
            known.retain(|_, since| since.elapsed() < KNOWN_FOR);
            if known.len() >= KNOWN_CAPACITY
                && let Some(oldest) =
                    known.iter().min_by_key(|(_, since)| **since).map(|(key, _)| key.clone())
            {
                known.remove(&oldest);
            }
        }
        known.insert(pair.to_owned(), Instant::now());
    }
}

impl LoginAttempt<'_> {
    /// The password was right: the attempt was no failure, the pair's failures are forgotten, and
    /// the address is exempt from the account's loose limit from now on.
    pub(crate) fn succeeded(self) {
        self.refund_shared();
        self.limits.per_account_address.clear(&self.pair);
        self.limits.remember(&self.pair);
    }

    /// The attempt was never checked (say, the server was too busy): it does not count.
    pub(crate) fn refund(self) {
        self.refund_shared();
        self.limits.per_account_address.refund(&self.pair);
    }

    fn refund_shared(&self) {
        self.per_address.refund(&self.address);
        if self.counted_for_account {
            self.limits.per_account.refund(&self.account);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> (LoginLimits, RateLimiter) {
        (LoginLimits::default(), RateLimiter::new(PER_ADDRESS, LOGIN_WINDOW))
    }

    #[test]
    fn a_concurrent_burst_gets_exactly_the_limit_through() {
        let (limits, per_address) = limits();
        let passed = std::sync::atomic::AtomicUsize::new(0);
        let barrier = std::sync::Barrier::new(50);
        std::thread::scope(|scope| {
            for _ in 0..50 {
                scope.spawn(|| {
                    barrier.wait();
                    if let Ok(attempt) = limits.reserve(&per_address, "owner@example.org", "ip:a") {
                        passed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        // Slow work while the others arrive; then a failure (dropped).
                        std::thread::sleep(Duration::from_millis(20));
                        drop(attempt);
                    }
                });
            }
        });
        assert_eq!(passed.into_inner(), PER_ACCOUNT_ADDRESS);
        let wait = limits.reserve(&per_address, "owner@example.org", "ip:a").unwrap_err();
        assert!(wait >= Duration::from_secs(1) && wait <= LOGIN_WINDOW * 11 / 10, "{wait:?}");
    }

    #[test]
    fn refunds_and_successes_do_not_count() {
        let (limits, per_address) = limits();
        for _ in 0..20 {
            limits.reserve(&per_address, "a@example.org", "ip:a").unwrap().refund();
        }
        for _ in 0..4 {
            drop(limits.reserve(&per_address, "a@example.org", "ip:a").unwrap());
        }
        limits.reserve(&per_address, "a@example.org", "ip:a").unwrap().succeeded();
        for _ in 0..PER_ACCOUNT_ADDRESS {
            drop(limits.reserve(&per_address, "a@example.org", "ip:a").unwrap());
        }
        assert!(limits.reserve(&per_address, "a@example.org", "ip:a").is_err());
    }

    #[test]
    fn strangers_cannot_lock_the_owner_out_of_their_usual_address() {
        let (limits, per_address) = limits();
        limits.reserve(&per_address, "owner@example.org", "ip:home").unwrap().succeeded();
        // Many strangers, each under their own pair and address limits, exhaust the account's.
        for stranger in 0..PER_ACCOUNT {
            let address = format!("ip:stranger-{stranger}");
            drop(limits.reserve(&per_address, "owner@example.org", &address).unwrap());
        }
        assert!(
            limits.reserve(&per_address, "owner@example.org", "ip:new-stranger").is_err(),
            "the account's loose limit holds for new addresses"
        );
        assert!(
            limits.reserve(&per_address, "owner@example.org", "ip:home").is_ok(),
            "the owner's usual address still gets in"
        );
    }

    #[test]
    fn one_address_cannot_spray_many_accounts() {
        let (limits, per_address) = limits();
        for account in 0..PER_ADDRESS {
            let email = format!("person{account}@example.org");
            drop(limits.reserve(&per_address, &email, "ip:sprayer").unwrap());
        }
        assert!(limits.reserve(&per_address, "another@example.org", "ip:sprayer").is_err());
        assert!(limits.reserve(&per_address, "another@example.org", "ip:other").is_ok());
    }
}
