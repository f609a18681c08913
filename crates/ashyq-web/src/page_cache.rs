//! A short-lived cache of rendered public pages. Reading the same article a thousand times a second
//! should not run the same five queries and the same template a thousand times.
//!
//! Entries live for a couple of seconds. When this process changes what readers see, there are two
//! cases. A change that takes something away or corrects it (a rejection, an undo, an edit, an
//! unpublishing: [`PageCache::invalidate`]) drops every page at once: no reader is ever served a
//! copy from before it. A change that only adds (an approval, an editors' pick:
//! [`PageCache::refresh`]) marks every page old: one request per page renders the new copy while
//! the others keep getting the old one for that moment, so that an approval does not make every
//! reader render every page at once, queueing for the database behind each other. Writes from
//! another process (`ashyq import md`, `ashyq site set` while the server runs) move the store's
//! site generation, and the follower in `site.rs` invalidates within about half a second. Personal
//! pages — a reader with their own pending comments, a logged-in person — are never cached.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ashyq_store::{CommentTarget, Decision};
use axum::body::Bytes;

/// What stands, in cached article pages, for the reader's own form token and for the time the
/// form was shown, both filled in per request.
///
/// Both carry a random part drawn when the process starts and never sent to anyone (every page
/// served from the cache has them filled in), so no text a reader or writer puts on a page can
/// contain them: an approved comment that spelled out a fixed placeholder in a link would
/// otherwise have been sent each reader's form token to another site (issue 9, item 15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholders {
    pub token: String,
    pub form_time: String,
}

impl Placeholders {
    /// Fresh placeholders with an unguessable part.
    fn random() -> Placeholders {
        let nonce = crate::auth::secrets::random_token().unwrap_or_else(|_| {
            // Without the system's random source the server could not log anyone in either; the
            // clock still keeps the placeholder from being a fixed, published string.
            let clock = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos());
            format!("{clock:x}")
        });
        Placeholders::with_nonce(&nonce)
    }

    fn with_nonce(nonce: &str) -> Placeholders {
        Placeholders {
            token: format!("{PREFIX}csrf_{nonce}__"),
            form_time: format!("{PREFIX}time_{nonce}__"),
        }
    }
}

/// How every placeholder begins.
const PREFIX: &str = "__ashyq_";

/// The most pages kept; past that the cache starts over (a crawler walking every page must not
/// grow memory without bound).
const MAX_ENTRIES: usize = 5_000;

struct Entry {
    page: Arc<CachedPage>,
    version: u64,
    stored: Instant,
    /// When a reader's request started rendering a fresh copy of this expired page.
    refreshing_since: Option<Instant>,
}

/// One piece of a cached page: its own text, or a hole for a per-reader value.
#[derive(Debug)]
enum Piece {
    Text(Bytes),
    Token,
    FormTime,
}

/// A rendered page split, once when it is stored, at its placeholders, so that serving it to a
/// reader is a copy of its pieces rather than a search through 80 KB of HTML per request.
#[derive(Debug)]
pub struct CachedPage {
    pieces: Vec<Piece>,
    len: usize,
    /// A digest of the stored text (placeholders included), for validators: it changes whenever
    /// the rendered page does.
    tag: String,
}

/// The first 16 bytes of SHA-256 over `parts`, in hex: enough to tell versions of a page apart.
pub(crate) fn digest(parts: &[&[u8]]) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    let sum = hasher.finalize();
    sum.iter().take(16).map(|byte| format!("{byte:02x}")).collect()
}

impl CachedPage {
    /// Splits `html` at every occurrence of the two `placeholders`.
    pub fn new(html: String, placeholders: &Placeholders) -> CachedPage {
        let len = html.len();
        let tag = digest(&[html.as_bytes()]);
        let whole = Bytes::from(html);
        let mut pieces = Vec::new();
        let mut start = 0;
        let mut at = 0;
        let text = whole.as_ref();
        // Both placeholders begin with the prefix: look for that, then see which one it is.
        let finder = memchr::memmem::Finder::new(PREFIX.as_bytes());
        let (token, form_time) = (placeholders.token.as_bytes(), placeholders.form_time.as_bytes());
        while let Some(found) = finder.find(&text[at..]) {
            let here = at + found;
            let rest = &text[here..];
            let hole = if rest.starts_with(token) {
                Some((Piece::Token, token.len()))
            } else if rest.starts_with(form_time) {
                Some((Piece::FormTime, form_time.len()))
            } else {
                None
            };
            match hole {
                Some((piece, skip)) => {
                    if here > start {
                        pieces.push(Piece::Text(whole.slice(start..here)));
                    }
                    pieces.push(piece);
                    start = here + skip;
                    at = start;
                }
                None => at = here + 1,
            }
        }
        if start < len {
            pieces.push(Piece::Text(whole.slice(start..)));
        }
        CachedPage { pieces, len, tag }
    }

    /// A digest of the page as stored: the same for the same rendered text, different otherwise.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The page as it is, for pages without a form: shares the stored bytes, copies nothing.
    /// Holes, if any, are left empty.
    pub fn shared(&self) -> Bytes {
        match self.pieces.as_slice() {
            [Piece::Text(text)] => text.clone(),
            [] => Bytes::new(),
            _ => self.fill("", ""),
        }
    }

    /// The page with this reader's form token and the time the form was shown filled in.
    pub fn fill(&self, token: &str, form_time: &str) -> Bytes {
        let mut out = Vec::with_capacity(self.len + token.len() + form_time.len());
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.extend_from_slice(text),
                Piece::Token => out.extend_from_slice(token.as_bytes()),
                Piece::FormTime => out.extend_from_slice(form_time.as_bytes()),
            }
        }
        Bytes::from(out)
    }
}

/// How long the list of the site's languages is kept: counting articles by language reads every
/// article (200 ms at 100,000 articles), and the list almost never changes.
const LANGUAGES_LIFETIME: Duration = Duration::from_secs(60);

/// Rendered pages by address.
pub struct PageCache {
    placeholders: Placeholders,
    /// Goes up at every change readers may see.
    version: AtomicU64,
    /// The version of the last change that took something away: nothing from before it is served.
    floor: AtomicU64,
    lifetime: Duration,
    entries: Mutex<HashMap<String, Entry>>,
    languages: Mutex<Option<StoredLanguages>>,
    targets: Mutex<HashMap<String, StoredTarget>>,
}

/// An article comments may be posted on, with when it was read and at which version.
type StoredTarget = (Instant, u64, Arc<CommentTarget>);

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
            placeholders: Placeholders::random(),
            version: AtomicU64::new(0),
            floor: AtomicU64::new(0),
            lifetime,
            entries: Mutex::new(HashMap::new()),
            languages: Mutex::new(None),
            targets: Mutex::new(HashMap::new()),
        }
    }

    /// What cached pages carry in place of per-reader values; only pages rendered with these
    /// get them filled in.
    pub fn placeholders(&self) -> &Placeholders {
        &self.placeholders
    }

    /// The site's languages, if known and fresh.
    pub fn languages(&self) -> Option<Arc<Vec<String>>> {
        // An approval or a pick cannot change the list: only a change below the floor drops it.
        let floor = self.floor.load(Ordering::Acquire);
        let languages = self.languages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        languages
            .as_ref()
            .filter(|(stored, at_version, _)| {
                *at_version >= floor && stored.elapsed() < LANGUAGES_LIFETIME
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

    /// The published article `slug`, if looked up lately and nothing changed since: every comment
    /// posted needs it, and it changes only when the article is (un)published.
    pub fn target(&self, slug: &str) -> Option<Arc<CommentTarget>> {
        // Comment decisions never (un)publish an article: only a change below the floor drops it.
        let floor = self.floor.load(Ordering::Acquire);
        let targets = self.targets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        targets
            .get(slug)
            .filter(|(stored, at_version, _)| {
                *at_version >= floor && stored.elapsed() < self.lifetime
            })
            .map(|(_, _, target)| Arc::clone(target))
    }

    /// Keeps a target read while the cache was at `version`.
    pub fn put_target(&self, version: u64, target: CommentTarget) -> Arc<CommentTarget> {
        let target = Arc::new(target);
        if self.lifetime.is_zero() {
            return target;
        }
        let mut targets = self.targets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if targets.len() >= MAX_ENTRIES {
            targets.clear();
        }
        targets.insert(target.slug.clone(), (Instant::now(), version, Arc::clone(&target)));
        target
    }

    /// The page for `key`, if there is one to serve; `None` means "render it and `put` it".
    ///
    /// A page that has merely grown old (expired, or from before a [`refresh`](Self::refresh)) is
    /// re-rendered by one request while the others keep getting the old copy, so that thirty
    /// readers arriving together do not render the same page thirty times. A page from before an
    /// [`invalidate`](Self::invalidate) is never served: then every reader waits for a render.
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let floor = self.floor.load(Ordering::Acquire);
        let version = self.version.load(Ordering::Acquire);
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = entries.get_mut(key)?;
        if entry.version < floor {
            return None;
        }
        if entry.version >= version && entry.stored.elapsed() < self.lifetime {
            return Some(Arc::clone(&entry.page));
        }
        match entry.refreshing_since {
            Some(since) if since.elapsed() < self.refresh_grace() => Some(Arc::clone(&entry.page)),
            _ => {
                entry.refreshing_since = Some(Instant::now());
                None
            }
        }
    }

    /// Keeps a page rendered while the cache was at `version` (taken before rendering, so that a
    /// change during rendering is not masked).
    pub fn put(&self, key: &str, version: u64, html: String) -> Arc<CachedPage> {
        let page = Arc::new(CachedPage::new(html, &self.placeholders));
        if self.lifetime.is_zero() {
            return page;
        }
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            key.to_owned(),
            Entry {
                page: Arc::clone(&page),
                version,
                stored: Instant::now(),
                refreshing_since: None,
            },
        );
        page
    }

    /// How long other readers get an expired page while one request renders its replacement (a
    /// second past twice the lifetime); past this the renderer is presumed failed and the next
    /// reader tries.
    fn refresh_grace(&self) -> Duration {
        self.lifetime.saturating_mul(2) + Duration::from_secs(1)
    }

    /// The current version, to pass to `put`.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// Forgets every page: something readers saw was taken away or corrected (a rejection, an
    /// undo, an edit, an unpublishing). No page rendered before this call is served after it.
    pub fn invalidate(&self) {
        let version = self.version.fetch_add(1, Ordering::AcqRel) + 1;
        self.floor.fetch_max(version, Ordering::AcqRel);
    }

    /// Marks every page old: something was added that readers may see a moment late (an
    /// approval, an editors' pick). Each page is re-rendered by the next request for it while the
    /// others still get the copy from before, for at most one render (or the refresh grace, if
    /// that render fails).
    pub fn refresh(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
    }

    /// After a moderation decision changed comments: an approval or a pick only adds to what
    /// readers see and may show a moment late ([`refresh`](Self::refresh)); anything else may take
    /// a comment away and must never show after the decision ([`invalidate`](Self::invalidate)).
    pub fn decided(&self, decision: &Decision) {
        match decision {
            Decision::Approve | Decision::Feature(_) => self.refresh(),
            Decision::Reject { .. } | Decision::Spam | Decision::NotSpam => self.invalidate(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str) -> CachedPage {
        CachedPage::new(html.to_owned(), &Placeholders::with_nonce("n0nce"))
    }

    #[test]
    fn filling_a_page_replaces_every_placeholder_as_replace_would() {
        let Placeholders { token, form_time } = Placeholders::with_nonce("n0nce");
        let html = format!("__ashyq_a{token}b{form_time}{token}c__ashyq_\u{e9}");
        let expected = html.replace(&token, "T").replace(&form_time, "42");
        assert_eq!(check(&html).fill("T", "42"), expected.as_bytes());
        assert_eq!(check("plain").fill("T", "42"), &b"plain"[..]);
        assert_eq!(check("").fill("T", "42"), &b""[..]);
        assert_eq!(check(&token).fill("T", "42"), &b"T"[..]);
    }

    #[test]
    fn text_that_only_looks_like_a_placeholder_is_left_alone_issue_9_15() {
        // What a writer could know: the fixed placeholders of earlier versions, the prefix, and a
        // placeholder with some other random part.
        let guesses = "__ashyq_csrf_token__ __ashyq_form_started__ __ashyq_csrf_guess__";
        assert_eq!(check(guesses).fill("T", "42"), guesses.as_bytes());
        let one = PageCache::new(Duration::from_secs(1));
        let other = PageCache::new(Duration::from_secs(1));
        assert_ne!(one.placeholders(), other.placeholders(), "drawn afresh by each process");
        assert!(one.placeholders().token.len() > 30, "{:?}", one.placeholders());
    }

    #[test]
    fn a_page_without_placeholders_is_shared_not_copied() {
        let page = check("<p>hello</p>");
        let first = page.shared();
        let second = page.shared();
        assert_eq!(first, &b"<p>hello</p>"[..]);
        assert_eq!(first.as_ptr(), second.as_ptr(), "both responses point at the stored bytes");
    }

    #[test]
    fn the_tag_follows_the_text() {
        let placeholders = Placeholders::with_nonce("n0nce");
        let a = CachedPage::new("<p>one</p>".to_owned(), &placeholders);
        let same = CachedPage::new("<p>one</p>".to_owned(), &placeholders);
        let other = CachedPage::new("<p>one!</p>".to_owned(), &placeholders);
        assert_eq!(a.tag(), same.tag());
        assert_ne!(a.tag(), other.tag());
        assert_eq!(a.tag().len(), 32);
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]), "parts are delimited");
    }

    #[test]
    fn pages_expire_and_invalidation_drops_them() {
        let cache = PageCache::new(Duration::from_millis(50));
        let version = cache.version();
        cache.put("/a", version, "A".to_owned());
        assert_eq!(cache.get("/a").map(|page| page.shared()).as_deref(), Some(&b"A"[..]));
        cache.invalidate();
        assert!(cache.get("/a").is_none(), "a change drops cached pages");
        let version = cache.version();
        cache.put("/a", version, "B".to_owned());
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get("/a").is_none(), "pages expire");
        std::thread::sleep(cache.refresh_grace());
        assert!(cache.get("/a").is_none(), "a refresh that never finished is retried");
    }

    #[test]
    fn one_reader_refreshes_an_old_page_while_the_others_get_the_old_copy() {
        let cache = PageCache::new(Duration::from_millis(20));
        cache.put("/a", cache.version(), "old".to_owned());
        std::thread::sleep(Duration::from_millis(30));
        assert!(cache.get("/a").is_none(), "the first reader after expiry renders");
        let stale = cache.get("/a").expect("the others are served meanwhile");
        assert_eq!(stale.shared(), &b"old"[..]);
        cache.put("/a", cache.version(), "new".to_owned());
        assert_eq!(cache.get("/a").expect("fresh").shared(), &b"new"[..]);
        cache.invalidate();
        assert!(cache.get("/a").is_none(), "after a change, nobody gets the old copy");
        assert!(cache.get("/a").is_none(), "not even while somebody renders");
    }

    #[test]
    fn a_page_rendered_before_a_change_is_not_served_after_it() {
        let cache = PageCache::new(Duration::from_secs(60));
        let version = cache.version();
        cache.invalidate(); // a moderator acted while the page was being rendered
        cache.put("/a", version, "stale".to_owned());
        assert!(cache.get("/a").is_none());
    }

    /// `readers` threads ask for `/a` at the same moment; returns how many were told to render
    /// and what the others were served.
    fn burst(cache: &PageCache, readers: usize) -> (usize, Vec<Bytes>) {
        let start = std::sync::Barrier::new(readers);
        let answers: Vec<Option<Bytes>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..readers)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        cache.get("/a").map(|page| page.shared())
                    })
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap()).collect()
        });
        let renders = answers.iter().filter(|answer| answer.is_none()).count();
        (renders, answers.into_iter().flatten().collect())
    }

    #[test]
    fn after_an_approval_one_reader_renders_and_the_others_get_the_copy_from_before() {
        let cache = PageCache::new(Duration::from_secs(60));
        cache.put("/a", cache.version(), "before".to_owned());
        cache.decided(&Decision::Approve);
        let (renders, served) = burst(&cache, 32);
        assert_eq!(renders, 1, "exactly one of 32 readers renders the page again");
        assert!(
            served.iter().all(|page| page == &b"before"[..]),
            "the others are not kept waiting"
        );
        cache.put("/a", cache.version(), "after".to_owned());
        let (renders, served) = burst(&cache, 8);
        assert_eq!(renders, 0);
        assert!(served.iter().all(|page| page == &b"after"[..]), "then everyone gets the new one");
    }

    #[test]
    fn after_a_rejection_nobody_gets_the_copy_from_before() {
        for decision in [
            Decision::Reject { reason: ashyq_store::RejectReason::Spam },
            Decision::Spam,
            Decision::NotSpam,
        ] {
            let cache = PageCache::new(Duration::from_secs(60));
            cache.put("/a", cache.version(), "before".to_owned());
            cache.decided(&Decision::Approve);
            assert!(cache.get("/a").is_none(), "one reader starts rendering after the approval");
            cache.decided(&decision); // the comment is taken away again meanwhile
            let (renders, served) = burst(&cache, 16);
            assert_eq!(renders, 16, "{decision:?}: every reader waits for a page without it");
            assert!(served.is_empty());
            // The render started after the approval but before the rejection is not kept either.
            cache.put("/a", 1, "approved".to_owned());
            assert!(cache.get("/a").is_none(), "{decision:?}");
        }
    }

    #[test]
    fn an_approval_keeps_what_it_cannot_change_and_a_removal_drops_it() {
        let cache = PageCache::new(Duration::from_secs(60));
        cache.put_languages(cache.version(), vec!["en".to_owned()]);
        cache.refresh();
        assert!(cache.languages().is_some(), "an approval does not change the site's languages");
        cache.invalidate();
        assert!(cache.languages().is_none(), "an unpublishing may");
    }
}
