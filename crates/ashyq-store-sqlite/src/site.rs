//! `SiteStore` for SQLite: `site_settings` rows and the site generation kept by the triggers of
//! `0014_site_settings.sql`, polled every `SITE_POLL`.

use ashyq_store::{SITE_POLL, SettingWrite, SiteStore, StoreResult, StoredSetting};

use crate::SqliteStore;
use crate::errors::map_error;

impl SiteStore for SqliteStore {
    async fn site_settings(&self) -> StoreResult<Vec<StoredSetting>> {
        let rows = sqlx::query_as::<_, (String, String)>(
            "SELECT key, value FROM site_settings ORDER BY key",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|(key, value)| StoredSetting { key, value }).collect())
    }

    async fn write_site_settings(&self, writes: &[SettingWrite], now: i64) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        for write in writes {
            match &write.value {
                Some(value) => sqlx::query(
                    "INSERT INTO site_settings (key, value, updated_at) VALUES (?, ?, ?) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
                     updated_at = excluded.updated_at \
                     WHERE site_settings.value <> excluded.value",
                )
                .bind(&write.key)
                .bind(value)
                .bind(now),
                None => sqlx::query("DELETE FROM site_settings WHERE key = ?").bind(&write.key),
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
            let done = sqlx::query(
                "INSERT INTO site_settings (key, value, updated_at) VALUES (?, ?, ?) \
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(value)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
            written += done.rows_affected() as usize;
        }
        tx.commit().await?;
        Ok(written)
    }

    async fn site_generation(&self) -> StoreResult<i64> {
        sqlx::query_scalar::<_, i64>("SELECT generation FROM site_generation WHERE singleton = 1")
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

#[cfg(test)]
mod tests {
    use ashyq_store::{SettingWrite, SiteStore, StoredSetting};

    fn setting(key: &str, value: &str) -> StoredSetting {
        StoredSetting { key: key.to_owned(), value: value.to_owned() }
    }

    use crate::SqliteStore;

    fn write(key: &str, value: Option<&str>) -> SettingWrite {
        SettingWrite { key: key.to_owned(), value: value.map(str::to_owned) }
    }

    #[tokio::test]
    async fn settings_are_written_removed_seeded_and_each_change_moves_the_generation() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).await.unwrap();
        let start = store.site_generation().await.unwrap();
        store
            .write_site_settings(
                &[write("name", Some("Steppe")), write("contact", Some("a@b.example"))],
                1,
            )
            .await
            .unwrap();
        let after_write = store.site_generation().await.unwrap();
        assert!(after_write > start);
        store.write_site_settings(&[write("name", Some("Steppe"))], 2).await.unwrap();
        assert_eq!(
            store.site_generation().await.unwrap(),
            after_write,
            "an unchanged value is no change"
        );
        store.write_site_settings(&[write("contact", None)], 3).await.unwrap();
        let seeded = store
            .seed_site_settings(&[setting("name", "Seed"), setting("tagline.en", "News")], 4)
            .await
            .unwrap();
        assert_eq!(seeded, 1, "a stored key wins over the seed");
        assert_eq!(
            store.site_settings().await.unwrap(),
            [setting("name", "Steppe"), setting("tagline.en", "News")]
        );
        let seen = store.site_generation().await.unwrap();
        assert!(seen > after_write);
        // Another connection (as another process would) changes a setting while a waiter waits.
        let other = SqliteStore::open(dir.path()).await.unwrap();
        let waiter = tokio::spawn({
            let store = store.clone();
            async move { store.wait_for_site_change(seen).await.unwrap() }
        });
        other.write_site_settings(&[write("name", Some("Other"))], 5).await.unwrap();
        let changed =
            tokio::time::timeout(std::time::Duration::from_secs(3), waiter).await.unwrap().unwrap();
        assert!(changed > seen);
    }
}
