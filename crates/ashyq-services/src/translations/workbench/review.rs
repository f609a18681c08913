//! A language editor's review of a translation unit by unit (approve, or return with a note), and
//! publishing the approved translation: its address, its article file, and recording the approval.
use ashyq_content::{DraftState, TranslationFile, UnitState, compose_translation, unit_hash};
use ashyq_store::{
    AccountStore, DraftUnit, EditorialStore, TranslatedUnit, TranslationRecords, TranslationStore,
    UnitsBatch,
};

use super::{MAX_UNIT_BYTES, WorkError, Workbench, workbench};
use crate::translations::claims::Translator;
use crate::translations::stored_original_units;

/// A language editor's decision on one unit. Each names the text the reviewer saw (its
/// [`ashyq_content::unit_hash`], sent with the review form): a decision on a text the translator
/// has replaced since is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitDecision {
    Approve {
        seen: String,
    },
    /// Sent back to the translator with a note.
    Return {
        note: String,
        seen: String,
    },
}

impl UnitDecision {
    /// The hash of the text the reviewer saw.
    pub fn seen(&self) -> &str {
        match self {
            UnitDecision::Approve { seen } | UnitDecision::Return { seen, .. } => seen,
        }
    }
}

/// Applies a language editor's decisions (`unit id → decision`) on the translation of `slug` into
/// `lang`, all or none: each unit must be submitted, in step with the original and not written by
/// the reviewer, and a return needs a note.
pub async fn review_work<S: EditorialStore + TranslationStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
    decisions: &[(String, UnitDecision)],
    now: i64,
) -> Result<Workbench, WorkError> {
    if !who.edits_language(lang) {
        return Err(WorkError::NotLanguageEditor);
    }
    let bench = workbench(store, who, slug, lang, now).await?;
    let drafts = store.draft_units(slug, lang).await?;
    let mut writes = Vec::new();
    for (id, decision) in decisions {
        let unit = bench
            .units
            .iter()
            .find(|unit| &unit.id == id)
            .ok_or_else(|| WorkError::UnknownUnit { unit: id.clone() })?;
        let draft = drafts
            .iter()
            .find(|draft| &draft.unit_id == id)
            .ok_or_else(|| WorkError::NotSubmitted { unit: id.clone() })?;
        if draft.written_by == Some(who.id) {
            return Err(WorkError::OwnWords { unit: id.clone() });
        }
        if !unit.reviewable {
            return Err(WorkError::NotSubmitted { unit: id.clone() });
        }
        if decision.seen() != unit_hash(&draft.text) {
            return Err(WorkError::ChangedSinceSeen { unit: id.clone() });
        }
        let (state, note) = match decision {
            UnitDecision::Approve { .. } => (DraftState::Approved, String::new()),
            UnitDecision::Return { note, .. } if note.trim().is_empty() => {
                return Err(WorkError::NoteMissing { unit: id.clone() });
            }
            UnitDecision::Return { note, .. } if note.len() > MAX_UNIT_BYTES => {
                return Err(WorkError::TooLong { unit: id.clone() });
            }
            UnitDecision::Return { note, .. } => (DraftState::Returned, note.trim().to_owned()),
        };
        writes.push(DraftUnit { state, note, updated_at: now, ..draft.clone() });
    }
    // The store writes only if every unit still holds the text read above: a translator's save
    // between that read and this write refuses the whole review.
    if !store.review_draft_units(slug, lang, &writes).await? {
        let now_stored = store.draft_units(slug, lang).await?;
        let changed = writes.iter().find(|write| {
            !now_stored.iter().any(|stored| {
                stored.unit_id == write.unit_id
                    && stored.text == write.text
                    && stored.state == DraftState::Submitted
            })
        });
        let unit = changed.or(writes.first()).map(|write| write.unit_id.clone());
        return Err(WorkError::ChangedSinceSeen { unit: unit.unwrap_or_default() });
    }
    workbench(store, who, slug, lang, now).await
}

/// The address a translation published from the side-by-side editor gets: the original's and the
/// language's (`ferry-kk`).
pub fn translation_slug(original_slug: &str, lang: &str) -> String {
    format!("{original_slug}-{}", lang.to_ascii_lowercase())
}

/// The article file of the approved translation of `slug` into `lang`, for a language editor to
/// publish (the caller stores it as it stores any article, then calls [`record_approval`]):
/// composed from the approved units and crediting the people who wrote them, in unit order.
/// Publishing from here requires every unit approved and in step with the original.
pub async fn approved_translation_file<S: EditorialStore + TranslationStore + AccountStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
    now: i64,
) -> Result<String, WorkError> {
    if !who.edits_language(lang) {
        return Err(WorkError::NotLanguageEditor);
    }
    if !workbench(store, who, slug, lang, now).await?.approved() {
        return Err(WorkError::NotApproved);
    }
    let record = store.article_record(slug).await?.ok_or(WorkError::NoSuchStory)?;
    let units = stored_original_units(store, slug).await?;
    let drafts = store.draft_units(slug, lang).await?;
    let mut writers = Vec::new();
    for unit in &units {
        let writer =
            drafts.iter().find(|draft| draft.unit_id == unit.id).and_then(|d| d.written_by);
        if let Some(writer) = writer
            && !writers.contains(&writer)
        {
            writers.push(writer);
        }
    }
    let mut translators = Vec::new();
    for writer in writers {
        if let Some(person) = store.user(writer).await? {
            translators.push(person.name);
        }
    }
    let texts = drafts.into_iter().map(|draft| (draft.unit_id, draft.text)).collect();
    let file = TranslationFile {
        lang,
        slug: &translation_slug(slug, lang),
        translators: &translators,
        texts: &texts,
    };
    Ok(compose_translation(&record.source, &units, &file)?)
}

/// After an approved translation was stored as the article `translation_slug` (and its units
/// recorded by `record_units`): its units are approved.
pub async fn record_approval<S: TranslationStore>(
    store: &S,
    translation_slug: &str,
) -> Result<(), WorkError> {
    let units = store
        .translated_units(translation_slug)
        .await?
        .into_iter()
        .map(|unit| TranslatedUnit { state: UnitState::Approved, ..unit })
        .collect();
    let records = TranslationRecords {
        slug: translation_slug.to_owned(),
        translators: store.translators(translation_slug).await?,
        units,
    };
    store.save_units(&UnitsBatch { originals: Vec::new(), translations: vec![records] }).await?;
    Ok(())
}
