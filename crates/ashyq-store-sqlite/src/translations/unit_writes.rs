//! The writes behind `save_units` and the draft saves, inside the caller's transaction: an
//! original's units (marking its translations' changed units), a translation's units and
//! credits, and draft rows.

use ashyq_content::StoredUnit;
use ashyq_store::{DraftUnit, TranslatedUnit, UnitsBatch};
use sqlx::SqliteConnection;

/// The translations of `?` (an original's slug), as a subquery.
const TRANSLATIONS_OF: &str = "SELECT slug FROM articles WHERE translation_of = ?";

pub(super) async fn write_units(
    tx: &mut SqliteConnection,
    batch: &UnitsBatch,
) -> Result<u64, sqlx::Error> {
    let mut marked = 0;
    for (slug, units) in &batch.originals {
        marked += write_original_units(tx, slug, units).await?;
    }
    for records in &batch.translations {
        write_translated_units(tx, &records.slug, &records.units).await?;
        sqlx::query("DELETE FROM translation_credits WHERE slug = ?")
            .bind(&records.slug)
            .execute(&mut *tx)
            .await?;
        for (position, name) in records.translators.iter().enumerate() {
            sqlx::query("INSERT INTO translation_credits (slug, position, name) VALUES (?, ?, ?)")
                .bind(&records.slug)
                .bind(position as i64)
                .bind(name)
                .execute(&mut *tx)
                .await?;
        }
    }
    Ok(marked)
}

async fn write_original_units(
    tx: &mut SqliteConnection,
    slug: &str,
    units: &[StoredUnit],
) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM article_units WHERE slug = ?").bind(slug).execute(&mut *tx).await?;
    let mut marked = 0;
    for (position, unit) in units.iter().enumerate() {
        sqlx::query(
            "INSERT INTO article_units (slug, unit_id, position, kind, source_hash, source_text) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(slug)
        .bind(&unit.id)
        .bind(position as i64)
        .bind(&unit.kind)
        .bind(&unit.hash)
        .bind(&unit.text)
        .execute(&mut *tx)
        .await?;
        marked += sqlx::query(&format!(
            "UPDATE translation_units SET state = 'needs-update' \
             WHERE unit_id = ? AND source_hash <> ? AND state <> 'needs-update' \
             AND slug IN ({TRANSLATIONS_OF})"
        ))
        .bind(&unit.id)
        .bind(&unit.hash)
        .bind(slug)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        // Back to the text it was translated from (a restored revision): in step again.
        sqlx::query(&format!(
            "UPDATE translation_units SET state = 'translated' \
             WHERE unit_id = ? AND source_hash = ? AND state = 'needs-update' \
             AND slug IN ({TRANSLATIONS_OF})"
        ))
        .bind(&unit.id)
        .bind(&unit.hash)
        .bind(slug)
        .execute(&mut *tx)
        .await?;
    }
    // A unit the original no longer has: its translation is now extra.
    marked += sqlx::query(&format!(
        "UPDATE translation_units SET state = 'needs-update' \
         WHERE state <> 'needs-update' AND slug IN ({TRANSLATIONS_OF}) \
         AND unit_id NOT IN (SELECT unit_id FROM article_units WHERE slug = ?)"
    ))
    .bind(slug)
    .bind(slug)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(marked)
}

async fn write_translated_units(
    tx: &mut SqliteConnection,
    slug: &str,
    units: &[TranslatedUnit],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM translation_units WHERE slug = ?")
        .bind(slug)
        .execute(&mut *tx)
        .await?;
    for unit in units {
        sqlx::query(
            "INSERT INTO translation_units \
             (slug, unit_id, source_hash, source_text, target_hash, state) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(slug)
        .bind(&unit.unit_id)
        .bind(&unit.source_hash)
        .bind(&unit.source_text)
        .bind(&unit.target_hash)
        .bind(unit.state.code())
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Inserts or replaces draft units, inside the caller's write transaction.
pub(super) async fn write_drafts<'u>(
    tx: &mut SqliteConnection,
    original_slug: &str,
    lang: &str,
    units: impl Iterator<Item = &'u DraftUnit>,
) -> Result<(), sqlx::Error> {
    for unit in units {
        // The text's last change stays when the text does (a resubmission, a state change).
        sqlx::query(
            "INSERT OR REPLACE INTO translation_drafts (original_slug, lang, unit_id, \
                     text, source_hash, source_text, state, note, written_by, updated_at, \
                     text_changed_at) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT \
                     COALESCE(text_changed_at, updated_at) FROM translation_drafts \
                     WHERE original_slug = ? AND lang = ? AND unit_id = ? AND text = ?), ?))",
        )
        .bind(original_slug)
        .bind(lang)
        .bind(&unit.unit_id)
        .bind(&unit.text)
        .bind(&unit.source_hash)
        .bind(&unit.source_text)
        .bind(unit.state.code())
        .bind(&unit.note)
        .bind(unit.written_by.map(|user| user.0))
        .bind(unit.updated_at)
        .bind(original_slug)
        .bind(lang)
        .bind(&unit.unit_id)
        .bind(&unit.text)
        .bind(unit.updated_at)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
