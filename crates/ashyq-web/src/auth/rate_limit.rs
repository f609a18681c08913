//! Limits counted in this process's memory: attempts per key within a window. Used for the comment
//! limits (flooding, on the hot posting path), where per-process counting and a restart forgetting
//! them are acceptable; the limits on guessing live in the database (`super::limits`).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A window is counted in this many slices: a key costs at most this many counters, whatever the
/// limit. (One timestamp per attempt grew without bound when a site set a high limit: a busy
/// address posting all day kept every post of the last ten minutes in memory.)
const SLICES: u32 = 10;

/// Attempts counted from `start` for one slice of the window.
#[derive(Debug, Clone, Copy)]
struct Slice {
    start: Instant,
    count: usize,
}

/// At most `limit` attempts per key within a sliding `window`, counted in slices of a tenth of
/// the window. An attempt is forgotten once its whole slice is older than the window, so the limit
/// errs on the strict side by up to a tenth of the window.
#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    slice: Duration,
    limit: usize,
    attempts: Mutex<HashMap<String, VecDeque<Slice>>>,
}

impl RateLimiter {
    pub fn new(limit: usize, window: Duration) -> RateLimiter {
        let slice = (window / SLICES).max(Duration::from_millis(1));
        RateLimiter { window, slice, limit, attempts: Mutex::new(HashMap::new()) }
    }

    /// Drops the slices of `slices` that have left the window.
    fn expire(&self, slices: &mut VecDeque<Slice>, now: Instant) {
        while slices
            .front()
            .is_some_and(|first| now.duration_since(first.start) > self.window + self.slice)
        {
            slices.pop_front();
        }
    }

    /// How long until `key`, holding these `slices`, may try again; `None` if it may now.
    fn wait(&self, slices: &VecDeque<Slice>, now: Instant) -> Option<Duration> {
        if slices.iter().map(|slice| slice.count).sum::<usize>() < self.limit {
            return None;
        }
        let oldest = slices.front().map_or(now, |slice| slice.start);
        let free_at = self.window + self.slice;
        Some(free_at.saturating_sub(now.duration_since(oldest)).max(Duration::from_secs(1)))
    }

    /// `None` if `key` may try now, else how long until it may.
    pub fn check(&self, key: &str) -> Option<Duration> {
        let now = Instant::now();
        let mut attempts = self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let slices = attempts.get_mut(key)?;
        self.expire(slices, now);
        self.wait(slices, now)
    }

    /// Counts an attempt by `key`, whatever the limit.
    pub fn record(&self, key: &str) {
        self.count(key, false);
    }

    /// Counts an attempt by `key` if it is under the limit, checking and counting in one step under
    /// the lock, so that a burst of concurrent requests cannot all pass the check before any of them
    /// is counted. `Err(wait)`: over the limit, nothing counted. Call it before the slow work (the
    /// database, Argon2), and [`RateLimiter::refund`] the attempt if it turns out not to count.
    pub fn reserve(&self, key: &str) -> Result<(), Duration> {
        self.count(key, true).map_or(Ok(()), Err)
    }

    /// Counts an attempt unless `enforce` and the key is at its limit (then returns the wait).
    fn count(&self, key: &str, enforce: bool) -> Option<Duration> {
        let now = Instant::now();
        let mut attempts = self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Bound memory under a flood of distinct keys: forget everything past the window first.
        if attempts.len() > 100_000 {
            let horizon = self.window + self.slice;
            attempts.retain(|_, slices| {
                slices.back().is_some_and(|last| now.duration_since(last.start) <= horizon)
            });
        }
        let slices = attempts.entry(key.to_owned()).or_default();
        self.expire(slices, now);
        if enforce && let Some(wait) = self.wait(slices, now) {
            return Some(wait);
        }
        match slices.back_mut() {
            Some(last) if now.duration_since(last.start) < self.slice => last.count += 1,
            _ => slices.push_back(Slice { start: now, count: 1 }),
        }
        None
    }

    /// Takes back one attempt counted for `key` (the newest): a reserved attempt that did not count,
    /// such as a login that succeeded or a request the server was too busy to check.
    pub fn refund(&self, key: &str) {
        let mut attempts = self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(slices) = attempts.get_mut(key) else { return };
        if let Some(slice) = slices.iter_mut().rev().find(|slice| slice.count > 0) {
            slice.count -= 1;
        }
        while slices.back().is_some_and(|slice| slice.count == 0) {
            slices.pop_back();
        }
        if slices.is_empty() {
            attempts.remove(key);
        }
    }

    /// Forgets `key`'s attempts (after a successful login).
    pub fn clear(&self, key: &str) {
        self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
    }

    #[cfg(test)]
    fn counters(&self, key: &str) -> usize {
        let attempts = self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        attempts.get(key).map_or(0, VecDeque::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_and_keys_are_separate() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limiter.check("a").is_none());
            limiter.record("a");
        }
        let wait = limiter.check("a").expect("over the limit");
        assert!(wait <= Duration::from_secs(66) && wait >= Duration::from_secs(1), "{wait:?}");
        assert!(limiter.check("b").is_none());
        limiter.clear("a");
        assert!(limiter.check("a").is_none());
    }

    #[test]
    fn reserving_checks_and_counts_in_one_step_under_concurrency() {
        let limiter = RateLimiter::new(10, Duration::from_secs(60));
        let passed = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..100 {
                scope.spawn(|| {
                    if limiter.reserve("burst").is_ok() {
                        passed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(passed.into_inner(), 10);
        assert!(limiter.reserve("burst").is_err());
        limiter.refund("burst");
        assert!(limiter.reserve("burst").is_ok(), "a refunded attempt frees its place");
        assert!(limiter.reserve("burst").is_err());
        limiter.refund("never-seen");
        assert_eq!(limiter.counters("never-seen"), 0);
    }

    #[test]
    fn attempts_leave_the_window() {
        let limiter = RateLimiter::new(1, Duration::from_millis(20));
        limiter.record("a");
        assert!(limiter.check("a").is_some());
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.check("a").is_none());
    }

    #[test]
    fn a_key_costs_a_few_counters_however_many_attempts_it_makes() {
        let limiter = RateLimiter::new(1_000_000, Duration::from_secs(600));
        for _ in 0..100_000 {
            limiter.record("busy");
        }
        assert!(limiter.check("busy").is_none(), "under its limit");
        assert!(limiter.counters("busy") <= SLICES as usize + 1);
        let strict = RateLimiter::new(100_000, Duration::from_secs(600));
        for _ in 0..100_000 {
            strict.record("busy");
        }
        assert!(strict.check("busy").is_some(), "the count is exact within the window");
    }
}
