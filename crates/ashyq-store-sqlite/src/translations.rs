//! `TranslationStore` for SQLite: the units of originals and the per-unit state of translations.
//! Every write of several rows is one transaction. This file holds the trait, the drafts, the
//! units read and the status lists; `claims` the translators' languages and claims,
//! `unit_writes` the writes inside a save's transaction (as in the PostgreSQL crate).

use ashyq_content::{DraftState, StoredUnit, UnitState};
use ashyq_store::{
    ApprovalBasis, ArticleStatus, Claim, DraftUnit, DraftWrite, StoreError, StoreResult,
    StoryTranslations, TranslatedUnit, TranslationStore, TranslationVersion, UnitsBatch, UserId,
    WaitingStory,
};

use sqlx::SqliteConnection;

use crate::errors::map_error;
use crate::{SqliteStore, finish_write};

mod claims;
mod unit_writes;
use unit_writes::{write_drafts, write_units};

/// An original's slug and language, and one of its translations (slug, language, status, units
/// needing update), if it has any.
type StoryRow = (String, String, Option<String>, Option<String>, Option<String>, Option<i64>);

/// An original's slug, language, title and time, its tags and its translations' languages (each
/// packed with a unit separator).
type WaitingRow = (String, String, String, i64, Option<String>, Option<String>);

/// A row of `translation_drafts`, from `unit_id` on.
type DraftRow = (String, String, String, String, String, String, Option<i64>, i64);

impl TranslationStore for SqliteStore {
    async fn draft_units(&self, original_slug: &str, lang: &str) -> StoreResult<Vec<DraftUnit>> {
        let mut conn = self.pool.acquire().await.map_err(map_error)?;
        draft_units_on(&mut conn, original_slug, lang).await
    }

    async fn save_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> StoreResult<()> {
        let mut write = self.begin_write().await?;
        let result = write_drafts(&mut write, original_slug, lang, units.iter()).await;
        finish_write(write, result).await
    }

    async fn save_draft_units_as_read(
        &self,
        original_slug: &str,
        lang: &str,
        writes: &[DraftWrite],
    ) -> StoreResult<bool> {
        let mut write = self.begin_write().await?;
        let result: Result<bool, sqlx::Error> = async {
            let tx: &mut SqliteConnection = &mut write;
            // Writes are serialised, so what is read here stays until the commit.
            for draft in writes {
                let stored: Option<(String, String, String, String, Option<i64>)> = sqlx::query_as(
                    "SELECT text, source_hash, state, note, written_by FROM translation_drafts \
                     WHERE original_slug = ? AND lang = ? AND unit_id = ?",
                )
                .bind(original_slug)
                .bind(lang)
                .bind(&draft.unit.unit_id)
                .fetch_optional(&mut *tx)
                .await?;
                let stored = stored.as_ref().map(|(text, source_hash, state, note, written_by)| {
                    (
                        text.as_str(),
                        source_hash.as_str(),
                        state.as_str(),
                        note.as_str(),
                        *written_by,
                    )
                });
                if !draft.still_as_read(stored) {
                    return Ok(false);
                }
            }
            write_drafts(tx, original_slug, lang, writes.iter().map(|draft| &draft.unit)).await?;
            Ok(true)
        }
        .await;
        finish_write(write, result).await
    }

    async fn review_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> StoreResult<bool> {
        let mut write = self.begin_write().await?;
        let result: Result<bool, sqlx::Error> = async {
            let tx: &mut SqliteConnection = &mut write;
            // Writes are serialised, so what is read here stays until the commit.
            for unit in units {
                let stored: Option<(String, String, String)> = sqlx::query_as(
                    "SELECT text, source_hash, state FROM translation_drafts \
                     WHERE original_slug = ? AND lang = ? AND unit_id = ?",
                )
                .bind(original_slug)
                .bind(lang)
                .bind(&unit.unit_id)
                .fetch_optional(&mut *tx)
                .await?;
                let as_seen = stored.is_some_and(|(text, source_hash, state)| {
                    text == unit.text
                        && source_hash == unit.source_hash
                        && state == DraftState::Submitted.code()
                });
                if !as_seen {
                    return Ok(false);
                }
            }
            for unit in units {
                sqlx::query(
                    "UPDATE translation_drafts SET state = ?, note = ?, updated_at = ? \
                     WHERE original_slug = ? AND lang = ? AND unit_id = ?",
                )
                .bind(unit.state.code())
                .bind(&unit.note)
                .bind(unit.updated_at)
                .bind(original_slug)
                .bind(lang)
                .bind(&unit.unit_id)
                .execute(&mut *tx)
                .await?;
            }
            Ok(true)
        }
        .await;
        finish_write(write, result).await
    }

    async fn draft_text_changes(
        &self,
        original_slug: &str,
        lang: &str,
    ) -> StoreResult<Vec<(String, i64)>> {
        sqlx::query_as(
            "SELECT unit_id, COALESCE(text_changed_at, updated_at) FROM translation_drafts \
             WHERE original_slug = ? AND lang = ?",
        )
        .bind(original_slug)
        .bind(lang)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)
    }

    async fn article_units(&self, slug: &str) -> StoreResult<Vec<StoredUnit>> {
        let mut conn = self.pool.acquire().await.map_err(map_error)?;
        article_units_on(&mut conn, slug).await
    }

    async fn translated_units(&self, slug: &str) -> StoreResult<Vec<TranslatedUnit>> {
        let mut conn = self.pool.acquire().await.map_err(map_error)?;
        translated_units_on(&mut conn, slug).await
    }

    async fn save_units(&self, batch: &UnitsBatch) -> StoreResult<u64> {
        let mut write = self.begin_write().await?;
        let result = write_units(&mut write, batch).await;
        finish_write(write, result).await
    }

    async fn translators(&self, slug: &str) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT name FROM translation_credits WHERE slug = ? ORDER BY position")
            .bind(slug)
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)
    }

    async fn rename_translation_units(&self, old_slug: &str, new_slug: &str) -> StoreResult<()> {
        let mut write = self.begin_write().await?;
        let result: Result<(), sqlx::Error> = async {
            let tx: &mut SqliteConnection = &mut write;
            for table in ["article_units", "translation_units", "translation_credits"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE slug = ?"))
                    .bind(new_slug)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(&format!("UPDATE {table} SET slug = ? WHERE slug = ?"))
                    .bind(new_slug)
                    .bind(old_slug)
                    .execute(&mut *tx)
                    .await?;
            }
            // Work on a translation of the renamed original follows it.
            for table in ["translation_drafts", "translation_claims"] {
                sqlx::query(&format!(
                    "UPDATE OR REPLACE {table} SET original_slug = ? WHERE original_slug = ?"
                ))
                .bind(new_slug)
                .bind(old_slug)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        }
        .await;
        finish_write(write, result).await
    }

    async fn story_translations(&self) -> StoreResult<Vec<StoryTranslations>> {
        let rows: Vec<StoryRow> = sqlx::query_as(
            "SELECT o.slug, o.lang, t.slug, t.lang, t.status, \
                 (SELECT COUNT(*) FROM translation_units u \
                  WHERE u.slug = t.slug AND u.state = 'needs-update') \
                 FROM articles o LEFT JOIN articles t ON t.translation_of = o.slug \
                 WHERE o.translation_of IS NULL AND o.status = 'published' \
                 ORDER BY o.published_at DESC, o.article_id DESC, t.lang",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let mut stories: Vec<StoryTranslations> = Vec::new();
        for (original_slug, original_lang, slug, lang, status, stale) in rows {
            if stories.last().is_none_or(|story| story.original_slug != original_slug) {
                stories.push(StoryTranslations {
                    original_slug: original_slug.clone(),
                    original_lang,
                    versions: Vec::new(),
                });
            }
            if let (Some(story), Some(slug), Some(lang), Some(status)) =
                (stories.last_mut(), slug, lang, status)
            {
                let status = ArticleStatus::from_code(&status).ok_or_else(|| {
                    StoreError::Backend(
                        format!("article {slug} has an unknown status `{status}`").into(),
                    )
                })?;
                story.versions.push(TranslationVersion {
                    slug,
                    lang,
                    status,
                    units_needing_update: stale.unwrap_or(0),
                });
            }
        }
        Ok(stories)
    }

    async fn translator_languages(&self, user: UserId) -> StoreResult<Vec<String>> {
        claims::translator_languages(self, user).await
    }

    async fn set_translator_languages(&self, user: UserId, langs: &[String]) -> StoreResult<()> {
        claims::set_translator_languages(self, user, langs).await
    }

    async fn waiting_stories(&self, limit: u32) -> StoreResult<Vec<WaitingStory>> {
        // Tags and languages packed with a unit separator, one row per story.
        let rows: Vec<WaitingRow> = sqlx::query_as(
            "SELECT o.slug, o.lang, o.title, o.published_at, \
                 (SELECT group_concat(t.name, char(31)) FROM article_tags at \
                  JOIN tags t ON t.tag_id = at.tag_id WHERE at.article_id = o.article_id), \
                 (SELECT group_concat(v.lang, char(31)) FROM articles v \
                  WHERE v.translation_of = o.slug) \
                 FROM articles o WHERE o.translation_of IS NULL AND o.status = 'published' \
                 ORDER BY o.published_at DESC, o.article_id DESC LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let split = |packed: Option<String>| -> Vec<String> {
            packed.map(|text| text.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default()
        };
        Ok(rows
            .into_iter()
            .map(|(slug, lang, title, published_at, tags, versions)| {
                let mut languages = vec![lang.clone()];
                languages.extend(split(versions));
                WaitingStory { slug, lang, title, published_at, tags: split(tags), languages }
            })
            .collect())
    }

    async fn active_claims(&self, now: i64) -> StoreResult<Vec<Claim>> {
        claims::active_claims(self, now).await
    }

    async fn claim_translation(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<bool> {
        claims::claim_translation(self, original_slug, lang, user, now, expires_at).await
    }

    async fn release_claim(
        &self,
        original_slug: &str,
        lang: &str,
        holder: Option<UserId>,
    ) -> StoreResult<bool> {
        claims::release_claim(self, original_slug, lang, holder).await
    }

    async fn reassign_claim(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        claims::reassign_claim(self, original_slug, lang, user, now, expires_at).await
    }
}

/// [`TranslationStore::draft_units`] on `conn` (the pool's, or inside a write).
async fn draft_units_on(
    conn: &mut SqliteConnection,
    original_slug: &str,
    lang: &str,
) -> StoreResult<Vec<DraftUnit>> {
    let rows: Vec<DraftRow> = sqlx::query_as(
        "SELECT unit_id, text, source_hash, source_text, state, note, written_by, updated_at \
         FROM translation_drafts WHERE original_slug = ? AND lang = ?",
    )
    .bind(original_slug)
    .bind(lang)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_error)?;
    rows.into_iter()
        .map(|(unit_id, text, source_hash, source_text, state, note, written_by, updated_at)| {
            let state = DraftState::from_code(&state).ok_or_else(|| {
                StoreError::Backend(
                    format!("draft unit {unit_id} of {original_slug} has state `{state}`").into(),
                )
            })?;
            Ok(DraftUnit {
                unit_id,
                text,
                source_hash,
                source_text,
                state,
                note,
                written_by: written_by.map(UserId),
                updated_at,
            })
        })
        .collect()
}

/// [`TranslationStore::article_units`] on `conn` (the pool's, or inside a write).
async fn article_units_on(conn: &mut SqliteConnection, slug: &str) -> StoreResult<Vec<StoredUnit>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT unit_id, kind, source_hash, source_text FROM article_units \
         WHERE slug = ? ORDER BY position",
    )
    .bind(slug)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_error)?;
    Ok(rows.into_iter().map(|(id, kind, hash, text)| StoredUnit { id, kind, hash, text }).collect())
}

/// [`TranslationStore::translated_units`] on `conn` (the pool's, or inside a write).
async fn translated_units_on(
    conn: &mut SqliteConnection,
    slug: &str,
) -> StoreResult<Vec<TranslatedUnit>> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT unit_id, source_hash, source_text, target_hash, state FROM translation_units \
         WHERE slug = ? ORDER BY rowid",
    )
    .bind(slug)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_error)?;
    rows.into_iter()
        .map(|(unit_id, source_hash, source_text, target_hash, state)| {
            let state = UnitState::from_code(&state).ok_or_else(|| {
                StoreError::Backend(format!("unit {unit_id} of {slug} has state `{state}`").into())
            })?;
            Ok(TranslatedUnit { unit_id, source_hash, source_text, target_hash, state })
        })
        .collect()
}

/// Whether every basis of `bases` still holds ([`ApprovalBasis::still_holds`]), read again on
/// `conn` (inside the write that relies on them).
pub(crate) async fn bases_hold(
    conn: &mut SqliteConnection,
    bases: &[ApprovalBasis],
) -> StoreResult<bool> {
    for basis in bases {
        let now = read_basis_again(conn, basis).await?;
        if !basis.still_holds(&now) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What `basis` read, read again on `conn` (inside the write that relies on it).
pub(crate) async fn read_basis_again(
    conn: &mut SqliteConnection,
    basis: &ApprovalBasis,
) -> StoreResult<ApprovalBasis> {
    let original_source: Option<String> =
        sqlx::query_scalar("SELECT source FROM articles WHERE slug = ?")
            .bind(&basis.original_slug)
            .fetch_optional(&mut *conn)
            .await
            .map_err(map_error)?;
    Ok(ApprovalBasis {
        original_slug: basis.original_slug.clone(),
        lang: basis.lang.clone(),
        translation_slug: basis.translation_slug.clone(),
        original_source,
        original_units: article_units_on(conn, &basis.original_slug).await?,
        drafts: draft_units_on(conn, &basis.original_slug, &basis.lang).await?,
        records: translated_units_on(conn, &basis.translation_slug).await?,
    })
}
