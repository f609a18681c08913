//! `SiteStore` for PostgreSQL: `site_settings` rows and the site generation kept by the triggers of
//! migration 0003. A server follows the generation by reading its one row every `SITE_POLL`, as
//! with SQLite: within the two seconds several servers promise, without a listening connection per
//! follower (the change notices of migration 0002 already drop cached pages at once).

use ashyq_store::{SITE_POLL, SettingWrite, SiteStore, StoreResult, StoredSetting};

use crate::sql::{query, query_as, query_scalar};
use crate::{PostgresStore, map_error};

impl SiteStore for PostgresStore {
    async fn site_settings(&self) -> StoreResult<Vec<StoredSetting>> {
        let rows =
            query_as::<(String, String)>("SELECT key, value FROM site_settings ORDER BY key")
                .fetch_all(&self.pool)
                .await
                .map_err(map_error)?;
        Ok(rows.into_iter().map(|(key, value)| StoredSetting { key, value }).collect())
    }

    async fn write_site_settings(&self, writes: &[SettingWrite], now: i64) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        for write in writes {
            match &write.value {
                Some(value) => query(
                    "INSERT INTO site_settings (key, value, updated_at) VALUES (?, ?, ?) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
                     updated_at = excluded.updated_at \
                     WHERE site_settings.value <> excluded.value",
                )
                .bind(&write.key)
                .bind(value)
                .bind(now),
                None => query("DELETE FROM site_settings WHERE key = ?").bind(&write.key),
            }
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
        }
        tx.commit().await
    }

    async fn seed_site_settings(&self, entries: &[StoredSetting], now: i64) -> StoreResult<usize> {
        let mut tx = self.begin_write().await?;
        let mut written = 0;
        for StoredSetting { key, value } in entries {
            let done = query(
                "INSERT INTO site_settings (key, value, updated_at) VALUES (?, ?, ?) \
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(value)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
            written += usize::try_from(done.rows_affected()).unwrap_or(usize::MAX);
        }
        tx.commit().await?;
        Ok(written)
    }

    async fn site_generation(&self) -> StoreResult<i64> {
        query_scalar::<i64>("SELECT generation FROM site_generation WHERE singleton = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(map_error)
    }

    async fn wait_for_site_change(&self, seen: i64) -> StoreResult<i64> {
        loop {
            let now = self.site_generation().await?;
            if now != seen {
                return Ok(now);
            }
            tokio::time::sleep(SITE_POLL).await;
        }
    }
}
