//! What every handler may reach: the store, the UI catalog, the media folder, account settings and
//! the guessing limits.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ashyq_i18n::Catalog;

use crate::auth::Limits;
use crate::client_address::TrustedProxies;
use crate::comments::CommentServices;
use crate::mail::Mailer;
use crate::page_cache::PageCache;
use crate::site::LiveSite;

/// How long a rendered public page may be served from memory (changes made by this process drop
/// it at once, and article or settings changes made by another process within about half a
/// second, through the site generation; this bounds anything else, such as a scheduled article
/// whose time has come).
const PAGE_CACHE_LIFETIME: Duration = Duration::from_secs(2);

/// Account and cookie settings.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Mark cookies `Secure` (browsers send them only over HTTPS, or to localhost and .onion).
    pub secure_cookies: bool,
    /// The site's public address, for links printed in logs (password set and reset).
    pub public_url: String,
    /// How long a login lasts.
    pub session_days: i64,
    /// Reverse proxies whose `X-Forwarded-For`/`Forwarded` name the client (default: none).
    pub trusted_proxies: TrustedProxies,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            secure_cookies: true,
            public_url: "http://127.0.0.1:8080".to_owned(),
            session_days: 14,
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// How readers reach the site when it is blocked: its onion address and the sitemap's size.
#[derive(Debug, Clone)]
pub struct ReachSettings {
    /// The onion service's origin (`http://….onion`, no trailing slash); when set, pages send
    /// `Onion-Location` so that Tor Browser offers it.
    pub onion_origin: Option<String>,
    /// How many addresses one sitemap file lists before the sitemap becomes an index of parts.
    pub sitemap_limit: usize,
}

impl Default for ReachSettings {
    fn default() -> Self {
        ReachSettings { onion_origin: None, sitemap_limit: ashyq_render::SITEMAP_LIMIT }
    }
}

/// Posts to the password-link forms one address may make in 15 minutes.
pub(crate) const PASSWORD_LINKS_PER_ADDRESS: usize = 10;

/// Shared application state: one pointer, so that the three copies a request makes (middleware,
/// handler) cost one atomic increment each rather than one per field.
#[derive(Debug)]
pub struct AppState<S>(Arc<Shared<S>>);

impl<S> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState(Arc::clone(&self.0))
    }
}

impl<S> std::ops::Deref for AppState<S> {
    type Target = Shared<S>;

    fn deref(&self) -> &Shared<S> {
        &self.0
    }
}

/// What [`AppState`] points at.
#[derive(Debug)]
pub struct Shared<S> {
    pub store: S,
    pub catalog: Arc<Catalog>,
    /// Where imported images live (`DATA/media`).
    pub media_dir: PathBuf,
    pub auth: AuthSettings,
    /// Limits on guessing passwords and codes, kept in the store so that every server counts
    /// together (ARCHITECTURE.md, "Security model", lists them all).
    pub limits: Limits,
    pub comments: Arc<CommentServices>,
    /// Rendered public pages, for a couple of seconds.
    pub pages: PageCache,
    /// The mail server, when the site has one.
    pub mail: Option<Arc<Mailer>>,
    /// The key that signs one-click moderation links.
    pub link_key: [u8; 32],
    /// The search index (kept up to date by the binary's indexer task); `None` while unavailable.
    pub search: Option<Arc<ashyq_search::SearchIndex>>,
    /// The onion address and sitemap size.
    pub reach: ReachSettings,
    /// How many days a translator's claim on a story lasts (`translation_claim_days`).
    pub translation_claim_days: i64,
    /// What `/mirrors` shows: the signing key, known copies, the onion address.
    pub mirrors: ashyq_render::MirrorsView,
    /// The site's settings as pages are rendered with them, replaced when they change.
    pub site: LiveSite,
}

impl<S> Shared<S> {
    /// The catalog and the site's settings to render a page with (two atomic increments).
    pub fn site(&self) -> Arc<ashyq_render::Site> {
        self.site.current()
    }
}

#[derive(Debug, Clone)]
pub struct CommentSettings {
    /// The site's secret for keyed hashes of addresses and e-mails (from `DATA/secret.key`).
    pub secret: [u8; 32],
    /// How many comments one address may post in ten minutes.
    pub per_address_per_ten_minutes: usize,
}

impl<S: ashyq_store::Store> AppState<S> {
    /// Builds the state and starts the comment writer task (call inside the runtime).
    #[expect(
        clippy::too_many_arguments,
        reason = "each is an independent part of the state, built once in `serve`"
    )]
    pub fn new(
        store: S,
        catalog: Arc<Catalog>,
        media_dir: PathBuf,
        auth: AuthSettings,
        comments: CommentSettings,
        mail: Option<Mailer>,
        search: Option<Arc<ashyq_search::SearchIndex>>,
        reach: ReachSettings,
        mirrors: ashyq_render::MirrorsView,
    ) -> AppState<S> {
        use sha2::Digest as _;
        let link_key: [u8; 32] = sha2::Sha256::new_with_prefix(comments.secret)
            .chain_update(b"moderation links")
            .finalize()
            .into();
        let services = CommentServices::new(
            store.clone(),
            comments.secret,
            comments.per_address_per_ten_minutes,
        );
        let site = LiveSite::new(ashyq_render::Site::with_defaults(Arc::clone(&catalog)));
        AppState(Arc::new(Shared {
            site,
            store,
            catalog,
            media_dir,
            auth,
            limits: Limits::new(&comments.secret),
            comments: Arc::new(services),
            pages: PageCache::new(PAGE_CACHE_LIFETIME),
            mail: mail.map(Arc::new),
            link_key,
            search,
            reach,
            translation_claim_days: ashyq_services::translations::claims::DEFAULT_CLAIM_DAYS,
            mirrors,
        }))
    }

    /// Sets how long translation claims last; call right after [`AppState::new`], before the state
    /// is shared (later calls change nothing).
    pub fn with_translation_claim_days(mut self, days: i64) -> AppState<S> {
        if let Some(shared) = Arc::get_mut(&mut self.0) {
            shared.translation_claim_days = days.max(1);
        }
        self
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
