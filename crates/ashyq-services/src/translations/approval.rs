//! The one rule every door asks before a translation is published (the browser editor, the
//! side-by-side editor's Publish, `import md`, the demo): in a language whose translations need
//! approval (`SiteSettings::translation_needs_approval`), every unit of the text to be published
//! must be one a language editor approved, with the same words, made from the original as it is
//! now. Approval is found in the side-by-side editor's reviewed units, or in the published
//! translation's own records (an approved unit republished unchanged stays approved).

use ashyq_content::{
    Article, DraftState, SiteSettings, UnitState, article_units, pair_translation_with, unit_hash,
};
use ashyq_store::{EditorialStore, TranslationStore};

use super::{TranslationError, stored_original_units};

/// Why a translation may not be published.
#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    #[error(transparent)]
    Translation(#[from] TranslationError),
    #[error(
        "the translation `{slug}` into `{lang}` needs a language editor's approval before it is \
         published; {} of its units are not approved as they are now ({})",
        units.len(),
        units.join(", ")
    )]
    NotApproved { slug: String, lang: String, units: Vec<String> },
}

/// The ids of the original's units that `translation` does not carry as an approved text, in the
/// original's order (empty: every unit approved, or `translation` is no translation).
pub async fn unapproved_units<S: EditorialStore + TranslationStore>(
    store: &S,
    translation: &Article,
) -> Result<Vec<String>, TranslationError> {
    let Some(original_slug) = &translation.translation_of else { return Ok(Vec::new()) };
    let original_slug = original_slug.as_str();
    let original = stored_original_units(store, original_slug).await?;
    let drafts = store.draft_units(original_slug, translation.lang.as_str()).await?;
    let records = store.translated_units(translation.slug.as_str()).await?;
    let known: Vec<(String, String)> =
        records.iter().map(|record| (record.unit_id.clone(), record.target_hash.clone())).collect();
    let units = article_units(translation);
    if original.is_empty() {
        // The original is not stored yet (it comes in the same batch): nothing of it was reviewed.
        return Ok(units.iter().map(|unit| unit.slot.code()).collect());
    }
    let pairs = pair_translation_with(&original, &units, &known);
    Ok(original
        .iter()
        .enumerate()
        .filter(|(index, unit)| {
            let Some((_, text)) = pairs.iter().find(|(paired, _)| paired == index) else {
                return true;
            };
            let reviewed = drafts.iter().any(|draft| {
                draft.unit_id == unit.id
                    && draft.state == DraftState::Approved
                    && draft.source_hash == unit.hash
                    && unit_hash(&draft.text) == text.hash
            });
            let published = records.iter().any(|record| {
                record.unit_id == unit.id
                    && record.state == UnitState::Approved
                    && record.source_hash == unit.hash
                    && record.target_hash == text.hash
            });
            !(reviewed || published)
        })
        .map(|(_, unit)| unit.id.clone())
        .collect())
}

/// Refuses to publish `article` when it is a translation into a language whose translations need
/// approval (`settings`) and any of its units is not approved as it is now. Originals pass.
pub async fn check_publication<S: EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    article: &Article,
) -> Result<(), PublicationError> {
    if article.translation_of.is_none()
        || !settings.translation_needs_approval(article.lang.as_str())
    {
        return Ok(());
    }
    let units = unapproved_units(store, article).await?;
    if units.is_empty() {
        return Ok(());
    }
    Err(PublicationError::NotApproved {
        slug: article.slug.as_str().to_owned(),
        lang: article.lang.as_str().to_owned(),
        units,
    })
}

#[cfg(test)]
mod tests;
