//! A short-lived cache of rendered public pages. Reading the same article a thousand times a second
//! should not run the same five queries and the same template a thousand times.
//!
//! Entries live for a couple of seconds and are dropped at once when this process changes what
//! readers see (a moderator's decision, a publication). Writes from another process (`ashyq import
//! md` while the server runs) show within the lifetime. Personal pages — a reader with their own
//! pending comments, a logged-in person — are never cached.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// In cached article pages, stands for the reader's own form token, filled in per request.
pub(crate) const CSRF_PLACEHOLDER: &str = "__ashyq_csrf_token__";
/// In cached article pages, stands for the time the form was shown.
pub(crate) const FORM_TIME_PLACEHOLDER: &str = "__ashyq_form_started__";

/// The most pages kept; past that the cache starts over (a crawler walking every page must not
/// grow memory without bound).
const MAX_ENTRIES: usize = 5_000;

struct Entry {
    html: Arc<str>,
    version: u64,
    stored: Instant,
}

/// How long the list of the site's languages is kept: counting articles by language reads every
/// article (200 ms at 100,000 articles), and the list almost never changes.
const LANGUAGES_LIFETIME: Duration = Duration::from_secs(60);

/// Rendered pages by address.
pub struct PageCache {
    version: AtomicU64,
    lifetime: Duration,
    entries: Mutex<HashMap<String, Entry>>,
    languages: Mutex<Option<StoredLanguages>>,
}

/// The language list with when it was read and at which version.
type StoredLanguages = (Instant, u64, Arc<Vec<String>>);

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("version", &self.version)
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

impl PageCache {
    pub fn new(lifetime: Duration) -> PageCache {
        PageCache {
            version: AtomicU64::new(0),
            lifetime,
            entries: Mutex::new(HashMap::new()),
            languages: Mutex::new(None),
        }
    }

    /// The site's languages, if known and fresh.
    pub fn languages(&self) -> Option<Arc<Vec<String>>> {
        let version = self.version();
        let languages = self.languages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        languages
            .as_ref()
            .filter(|(stored, at_version, _)| {
                *at_version == version && stored.elapsed() < LANGUAGES_LIFETIME
            })
            .map(|(_, _, list)| Arc::clone(list))
    }

    /// Keeps the site's languages, read while the cache was at `version`.
    pub fn put_languages(&self, version: u64, list: Vec<String>) -> Arc<Vec<String>> {
        let list = Arc::new(list);
        *self.languages.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((Instant::now(), version, Arc::clone(&list)));
        list
    }

    /// A fresh page for `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<Arc<str>> {
        let version = self.version.load(Ordering::Acquire);
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = entries.get(key)?;
        (entry.version == version && entry.stored.elapsed() < self.lifetime)
            .then(|| Arc::clone(&entry.html))
    }

    /// Keeps a page rendered while the cache was at `version` (taken before rendering, so that a
    /// change during rendering is not masked).
    pub fn put(&self, key: &str, version: u64, html: String) -> Arc<str> {
        let html: Arc<str> = Arc::from(html);
        if self.lifetime.is_zero() {
            return html;
        }
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            key.to_owned(),
            Entry { html: Arc::clone(&html), version, stored: Instant::now() },
        );
        html
    }

    /// The current version, to pass to `put`.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Forgets every page: something readers see has changed.
    pub fn invalidate(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_expire_and_invalidation_drops_them() {
        let cache = PageCache::new(Duration::from_millis(50));
        let version = cache.version();
        cache.put("/a", version, "A".to_owned());
        assert_eq!(cache.get("/a").as_deref(), Some("A"));
        cache.invalidate();
        assert_eq!(cache.get("/a"), None, "a change drops cached pages");
        let version = cache.version();
        cache.put("/a", version, "B".to_owned());
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.get("/a"), None, "pages expire");
    }

    #[test]
    fn a_page_rendered_before_a_change_is_not_served_after_it() {
        let cache = PageCache::new(Duration::from_secs(60));
        let version = cache.version();
        cache.invalidate(); // a moderator acted while the page was being rendered
        cache.put("/a", version, "stale".to_owned());
        assert_eq!(cache.get("/a"), None);
    }
}
