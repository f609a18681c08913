//! The site's settings (`ashyq_content::SiteSettings`, stored as one text row per key) and the
//! one signal a running server needs from the store to show a change made anywhere: the *site
//! generation*, a number that goes up whenever a setting is written or an article is added,
//! changed or removed, by whatever process. The SQLite backend keeps it with triggers and a
//! server polls it ([`SiteStore::wait_for_site_change`]); a PostgreSQL backend can answer the same
//! call with `LISTEN`/`NOTIFY`.

use std::future::Future;

use crate::error::StoreResult;

/// One stored setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSetting {
    pub key: String,
    pub value: String,
}

/// One setting to write: `value = None` removes the row (the setting goes back to its default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingWrite {
    pub key: String,
    pub value: Option<String>,
}

pub trait SiteStore: Send + Sync {
    /// Every stored setting, by key.
    fn site_settings(&self) -> impl Future<Output = StoreResult<Vec<StoredSetting>>> + Send;

    /// Writes settings in one transaction (all or nothing), at time `now`.
    fn write_site_settings(
        &self,
        writes: &[SettingWrite],
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// Writes the settings among `entries` whose keys are not stored yet (seeding from
    /// `ashyq.toml`); returns how many were written.
    fn seed_site_settings(
        &self,
        entries: &[StoredSetting],
        now: i64,
    ) -> impl Future<Output = StoreResult<usize>> + Send;

    /// The current site generation.
    fn site_generation(&self) -> impl Future<Output = StoreResult<i64>> + Send;

    /// Waits until the site generation differs from `seen`, and returns it. The SQLite backend
    /// looks every `SITE_POLL` (500 ms): one read of one row.
    fn wait_for_site_change(&self, seen: i64) -> impl Future<Output = StoreResult<i64>> + Send;
}

/// How often a backend without change notifications looks at the site generation.
pub const SITE_POLL: std::time::Duration = std::time::Duration::from_millis(500);
