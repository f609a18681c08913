//! Keeping translations in step with their originals, unit by unit. [`record_units`] is the one
//! function every path that writes an article calls after the write (the browser editor, restoring
//! a revision, `import md` with or without `--replace`, the demo): it gives the written originals'
//! units their stable ids, marks the changed units of every translation "needs update", and records
//! the written translations' units against their originals.

pub mod approval;
pub mod claims;
pub mod exchange;
pub mod workbench;

use std::collections::{BTreeMap, HashMap};

use ashyq_content::{
    Article, SourceUnit, StoredUnit, Unit, UnitState, article_units, identify_units,
    pair_translation_with, parse_article,
};
use ashyq_store::{
    ArticleStatus, EditorialStore, StoreError, StoryTranslations, TranslatedUnit,
    TranslationRecords, TranslationStore, UnitsBatch,
};

/// How a written translation's units are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationSync {
    /// A file imported (or the demo): every paired unit is in step with the original as it is now
    /// (an approved unit whose text and source are unchanged stays approved).
    InStep,
    /// A save in the editor: only the units whose translated text changed are taken as translated
    /// from the original as it is now; the others keep their state.
    ChangedUnits,
}

#[derive(Debug, thiserror::Error)]
pub enum TranslationError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the stored text of `{slug}` no longer parses, so its units cannot be recorded")]
    Unparsable { slug: String },
}

/// What [`record_units`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnitsRecorded {
    pub originals: usize,
    pub translations: usize,
    /// Units of translations newly marked "needs update".
    pub marked: u64,
}

/// Records the units of `written` (articles just stored) as the module documentation says, in one
/// store transaction. Originals come first, so a batch holding an original and its translation
/// marks the translation's units and then takes the translation as given.
pub async fn record_units<S: EditorialStore + TranslationStore>(
    store: &S,
    written: &[&Article],
    mode: TranslationSync,
) -> Result<UnitsRecorded, TranslationError> {
    let mut batch = UnitsBatch::default();
    // The originals' units as they will be after this batch, by slug.
    let mut originals: HashMap<String, Vec<Unit>> = HashMap::new();
    for article in written.iter().filter(|article| article.translation_of.is_none()) {
        let slug = article.slug.as_str();
        let previous = store.article_units(slug).await?;
        let units = identify_units(&previous, article_units(article));
        batch.originals.push((slug.to_owned(), units.iter().map(StoredUnit::from).collect()));
        originals.insert(slug.to_owned(), units);
    }
    for article in written {
        let Some(original_slug) = &article.translation_of else { continue };
        let original_slug = original_slug.as_str();
        if !originals.contains_key(original_slug) {
            let units = stored_original_units(store, original_slug).await?;
            if batch.originals.iter().all(|(slug, _)| slug != original_slug)
                && store.article_units(original_slug).await?.is_empty()
            {
                // An original stored before units existed: record it now.
                batch
                    .originals
                    .push((original_slug.to_owned(), units.iter().map(StoredUnit::from).collect()));
            }
            originals.insert(original_slug.to_owned(), units);
        }
        let original = originals.get(original_slug).map(Vec::as_slice).unwrap_or_default();
        let existing = store.translated_units(article.slug.as_str()).await?;
        let records = translation_records(original, &article_units(article), &existing, mode);
        batch.translations.push(TranslationRecords {
            slug: article.slug.to_string(),
            translators: article.translators.clone(),
            units: records,
        });
    }
    let marked = store.save_units(&batch).await?;
    Ok(UnitsRecorded {
        originals: batch.originals.len(),
        translations: batch.translations.len(),
        marked,
    })
}

/// The units of the stored original `slug`, with the ids already stored for it.
async fn stored_original_units<S: EditorialStore + TranslationStore>(
    store: &S,
    slug: &str,
) -> Result<Vec<Unit>, TranslationError> {
    let Some(record) = store.article_record(slug).await? else { return Ok(Vec::new()) };
    let article = parse_article(slug, &record.source)
        .map_err(|_| TranslationError::Unparsable { slug: slug.to_owned() })?;
    let previous = store.article_units(slug).await?;
    Ok(identify_units(&previous, article_units(&article)))
}

/// A translation's records after a write: its units paired with the original's, each taken as
/// `mode` says.
pub fn translation_records(
    original: &[Unit],
    translation: &[SourceUnit],
    existing: &[TranslatedUnit],
    mode: TranslationSync,
) -> Vec<TranslatedUnit> {
    let known: Vec<(String, String)> =
        existing.iter().map(|old| (old.unit_id.clone(), old.target_hash.clone())).collect();
    pair_translation_with(original, translation, &known)
        .into_iter()
        .map(|(index, unit)| {
            let source = &original[index];
            let fresh = TranslatedUnit {
                unit_id: source.id.clone(),
                source_hash: source.hash.clone(),
                source_text: source.text.clone(),
                target_hash: unit.hash.clone(),
                state: UnitState::Translated,
            };
            let Some(old) = existing.iter().find(|old| old.unit_id == source.id) else {
                return fresh;
            };
            let unchanged_text = old.target_hash == unit.hash;
            match mode {
                TranslationSync::ChangedUnits if unchanged_text => old.clone(),
                TranslationSync::InStep
                    if unchanged_text
                        && old.source_hash == source.hash
                        && old.state == UnitState::Approved =>
                {
                    old.clone()
                }
                _ => fresh,
            }
        })
        .collect()
}

/// A unit of an original that changed after its translation was made, as readers are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleUnit {
    /// [`ashyq_content::UnitSlot::code`] of the original's unit, or `block`/`turn`.
    pub kind: String,
    /// For blocks and turns, the place among units of that kind (1-based); 0 otherwise.
    pub ordinal: usize,
}

/// The units of the translation `slug` (of `original_slug`) that need update, in the original's
/// reading order.
pub async fn stale_units<S: TranslationStore>(
    store: &S,
    slug: &str,
    original_slug: &str,
) -> Result<Vec<StaleUnit>, TranslationError> {
    let records = store.translated_units(slug).await?;
    if records.iter().all(|record| record.state != UnitState::NeedsUpdate) {
        return Ok(Vec::new());
    }
    let original = store.article_units(original_slug).await?;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut stale = Vec::new();
    for unit in &original {
        let flowing = unit.kind == "block" || unit.kind == "turn";
        let count = counts.entry(unit.kind.as_str()).or_default();
        *count += 1;
        let needs_update = records
            .iter()
            .any(|record| record.unit_id == unit.id && record.state == UnitState::NeedsUpdate);
        if needs_update {
            stale.push(StaleUnit {
                kind: unit.kind.clone(),
                ordinal: if flowing { *count } else { 0 },
            });
        }
    }
    Ok(stale)
}

/// One language's line of `ashyq translations status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct LanguageStatus {
    /// Translations published and in step with their original.
    pub translated: usize,
    /// Translations with at least one unit needing update.
    pub outdated: usize,
    /// Translations not yet published (a draft, in review, or unpublished).
    pub in_progress: usize,
    /// Stories without a translation that a translator has claimed.
    pub claimed: usize,
    /// Stories without a translation nobody has claimed.
    pub missing: usize,
}

/// Per language of `languages`, how the published stories not originally in it stand. `claimed`
/// says whether a story has an active claim for a language.
pub fn status_counts(
    stories: &[StoryTranslations],
    languages: &[String],
    claimed: &dyn Fn(&str, &str) -> bool,
) -> BTreeMap<String, LanguageStatus> {
    let mut counts: BTreeMap<String, LanguageStatus> =
        languages.iter().map(|lang| (lang.clone(), LanguageStatus::default())).collect();
    for story in stories {
        for (lang, count) in &mut counts {
            if same_language(&story.original_lang, lang) {
                continue;
            }
            let version = story.versions.iter().find(|version| same_language(&version.lang, lang));
            match version {
                Some(version) if version.units_needing_update > 0 => count.outdated += 1,
                Some(version) if version.status == ArticleStatus::Published => {
                    count.translated += 1
                }
                Some(_) => count.in_progress += 1,
                None if claimed(&story.original_slug, lang) => count.claimed += 1,
                None => count.missing += 1,
            }
        }
    }
    counts
}

/// `kk` and `kk-Cyrl` are the same language for translation purposes.
fn same_language(a: &str, b: &str) -> bool {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    primary(a) == primary(b)
}

#[cfg(test)]
mod tests;
