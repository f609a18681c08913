//! Limits on guessing: failed attempts per account and per address within a window. Kept in memory:
//! one server process serves the site, and a restart forgetting attempts is acceptable.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A sliding-window counter per key.
#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    limit: usize,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `limit` attempts per key in any `window`.
    pub fn new(limit: usize, window: Duration) -> RateLimiter {
        RateLimiter { window, limit, attempts: Mutex::new(HashMap::new()) }
    }

    /// `Some(wait)` when `key` is over its limit now.
    pub fn check(&self, key: &str) -> Option<Duration> {
        let now = Instant::now();
        let mut attempts = self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let times = attempts.get_mut(key)?;
        while times.front().is_some_and(|first| now.duration_since(*first) > self.window) {
            times.pop_front();
        }
        if times.len() < self.limit {
            return None;
        }
        let oldest = times.front().copied().unwrap_or(now);
        Some(self.window.saturating_sub(now.duration_since(oldest)).max(Duration::from_secs(1)))
    }

    /// Records one attempt against `key`.
    pub fn record(&self, key: &str) {
        let now = Instant::now();
        let mut attempts = self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Bound memory under a flood of distinct keys: forget everything past the window first.
        if attempts.len() > 100_000 {
            attempts.retain(|_, times| {
                times.back().is_some_and(|last| now.duration_since(*last) <= self.window)
            });
        }
        attempts.entry(key.to_owned()).or_default().push_back(now);
    }

    /// Forgets `key` (after a successful login).
    pub fn clear(&self, key: &str) {
        self.attempts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
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
        assert!(wait <= Duration::from_secs(60) && wait >= Duration::from_secs(1));
        assert!(limiter.check("b").is_none());
        limiter.clear("a");
        assert!(limiter.check("a").is_none());
    }

    #[test]
    fn attempts_leave_the_window() {
        let limiter = RateLimiter::new(1, Duration::from_millis(20));
        limiter.record("a");
        assert!(limiter.check("a").is_some());
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.check("a").is_none());
    }
}
