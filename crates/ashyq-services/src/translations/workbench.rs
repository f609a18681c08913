//! The side-by-side editor and review of a translation, unit by unit. This file: what the page shows
//! (each unit of the original beside its translation, with a word diff where the original changed
//! since), who may open it, and the errors every step answers with. `saving` writes drafts and
//! submits them (for the editor and XLIFF files alike); `review` holds a language editor's approval
//! or return with a note, and publishing the approved translation. The rules (who may, which units,
//! in which state) live here for every door.

use std::collections::HashMap;

use ashyq_content::{ComposeError, DiffRun, DraftState, Unit, UnitSlot, parse_article, word_diff};
use ashyq_store::{DraftUnit, EditorialStore, StoreError, TranslationStore};

use super::claims::{Translator, claim_on};
use super::{TranslationError, stored_original_units};

mod review;
mod saving;

pub use review::{
    UnitDecision, approved_translation_file, record_approval, review_work, translation_slug,
};
pub use saving::{SavedText, Writer, save_texts, save_work, seen_hash};

/// The longest text one unit may hold, in bytes (a long paragraph is a few thousand).
pub const MAX_UNIT_BYTES: usize = 20_000;

/// One unit as the side-by-side editor shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkUnit {
    pub id: String,
    pub slot: UnitSlot,
    /// The original's text now.
    pub source: String,
    /// The translation written so far (empty: untranslated).
    pub text: String,
    /// `None` for a unit nobody has translated yet.
    pub state: Option<DraftState>,
    /// The original changed after this unit was translated: what changed, word by word.
    pub source_change: Option<Vec<DiffRun>>,
    /// A language editor's note on a returned unit.
    pub note: String,
    /// Whether the person looking may approve or return it (a language editor, not its writer,
    /// and the unit submitted and in step with the original).
    pub reviewable: bool,
}

impl WorkUnit {
    /// The original changed since this unit was translated.
    pub fn needs_update(&self) -> bool {
        self.source_change.is_some()
    }
}

/// The side-by-side editor for one story and language, for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbench {
    pub original_slug: String,
    pub original_lang: String,
    pub lang: String,
    pub units: Vec<WorkUnit>,
    /// The person holds the claim: they may write and submit.
    pub may_write: bool,
    /// The person is a language editor for `lang`: they may review.
    pub may_review: bool,
}

impl Workbench {
    /// Every unit is approved and in step with the original: the translation may be published.
    pub fn approved(&self) -> bool {
        !self.units.is_empty()
            && self
                .units
                .iter()
                .all(|unit| unit.state == Some(DraftState::Approved) && !unit.needs_update())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WorkError {
    #[error(transparent)]
    Translation(#[from] TranslationError),
    #[error("there is no original at this address")]
    NoSuchStory,
    #[error("only the translator holding the claim on this story for this language may write it")]
    NotClaimHolder,
    #[error("only a language editor for this language may review")]
    NotLanguageEditor,
    #[error("the original has no unit `{unit}`; reload the page")]
    UnknownUnit { unit: String },
    #[error("unit `{unit}` is longer than {MAX_UNIT_BYTES} bytes")]
    TooLong { unit: String },
    #[error("{missing} units are not translated yet; translate every unit before submitting")]
    Incomplete { missing: usize },
    #[error("unit `{unit}` is not waiting for review")]
    NotSubmitted { unit: String },
    #[error("unit `{unit}` was written by you; another language editor must review it")]
    OwnWords { unit: String },
    #[error("returning unit `{unit}` needs a note saying what to change")]
    NoteMissing { unit: String },
    #[error(
        "unit `{unit}` was changed by its translator after you opened the page; read the new text \
         and decide again"
    )]
    ChangedSinceSeen { unit: String },
    #[error(
        "unit `{unit}` was changed by someone else while you worked on it; nothing was saved: \
         read the new text and carry your changes over"
    )]
    WrittenMeanwhile { unit: String },
    #[error("only a translation whose every unit is approved and in step may be published")]
    NotApproved,
    #[error("the translation cannot be written as an article: {0}")]
    Compose(#[from] ComposeError),
}

impl WorkError {
    /// The Fluent message id's ending (`translate-work-error-CODE`).
    pub fn code(&self) -> &'static str {
        match self {
            WorkError::Translation(_) => "internal",
            WorkError::NoSuchStory => "no-such-story",
            WorkError::NotClaimHolder => "not-claim-holder",
            WorkError::NotLanguageEditor => "not-language-editor",
            WorkError::UnknownUnit { .. } => "unknown-unit",
            WorkError::TooLong { .. } => "too-long",
            WorkError::Incomplete { .. } => "incomplete",
            WorkError::NotSubmitted { .. } => "not-submitted",
            WorkError::OwnWords { .. } => "own-words",
            WorkError::NoteMissing { .. } => "note-missing",
            WorkError::ChangedSinceSeen { .. } => "changed-since-seen",
            WorkError::WrittenMeanwhile { .. } => "written-meanwhile",
            WorkError::NotApproved => "not-approved",
            WorkError::Compose(_) => "compose",
        }
    }

    /// The unit the refusal is about, if it is about one.
    pub fn unit(&self) -> Option<&str> {
        match self {
            WorkError::UnknownUnit { unit }
            | WorkError::TooLong { unit }
            | WorkError::NotSubmitted { unit }
            | WorkError::OwnWords { unit }
            | WorkError::NoteMissing { unit }
            | WorkError::ChangedSinceSeen { unit }
            | WorkError::WrittenMeanwhile { unit } => Some(unit),
            _ => None,
        }
    }
}

impl From<StoreError> for WorkError {
    fn from(error: StoreError) -> WorkError {
        WorkError::Translation(TranslationError::Store(error))
    }
}

/// The original `slug` (an article that translates none) and its units now.
async fn original_units<S: EditorialStore + TranslationStore>(
    store: &S,
    slug: &str,
) -> Result<(String, Vec<Unit>), WorkError> {
    let record = store.article_record(slug).await?.ok_or(WorkError::NoSuchStory)?;
    let is_translation = parse_article(slug, &record.source)
        .map_or(true, |article| article.translation_of.is_some());
    if is_translation {
        return Err(WorkError::NoSuchStory);
    }
    let units = stored_original_units(store, slug).await?;
    if units.is_empty() {
        return Err(WorkError::NoSuchStory);
    }
    Ok((record.lang, units))
}

async fn holds_claim<S: TranslationStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
    now: i64,
) -> Result<bool, WorkError> {
    let claims = store.active_claims(now).await?;
    Ok(who.translates_into(lang) && claim_on(&claims, slug, lang).is_some_and(|c| c.user == who.id))
}

/// The side-by-side editor of the translation of `slug` into `lang` for `who`: the claim holder
/// (to write) or a language editor (to review). Anyone else is refused.
pub async fn workbench<S: EditorialStore + TranslationStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
    now: i64,
) -> Result<Workbench, WorkError> {
    let may_write = holds_claim(store, who, slug, lang, now).await?;
    let may_review = who.edits_language(lang);
    if !may_write && !may_review {
        return Err(WorkError::NotClaimHolder);
    }
    let (original_lang, units) = original_units(store, slug).await?;
    let drafts: HashMap<String, DraftUnit> = store
        .draft_units(slug, lang)
        .await?
        .into_iter()
        .map(|draft| (draft.unit_id.clone(), draft))
        .collect();
    let units = units
        .into_iter()
        .map(|unit| {
            let draft = drafts.get(&unit.id);
            let source_change = draft
                .filter(|draft| draft.source_hash != unit.hash)
                .map(|draft| word_diff(&draft.source_text, &unit.text));
            let reviewable = may_review
                && source_change.is_none()
                && draft.is_some_and(|draft| {
                    draft.state == DraftState::Submitted && draft.written_by != Some(who.id)
                });
            WorkUnit {
                id: unit.id,
                slot: unit.slot,
                source: unit.text,
                text: draft.map(|draft| draft.text.clone()).unwrap_or_default(),
                state: draft.map(|draft| draft.state),
                source_change,
                note: draft.map(|draft| draft.note.clone()).unwrap_or_default(),
                reviewable,
            }
        })
        .collect();
    Ok(Workbench {
        original_slug: slug.to_owned(),
        original_lang,
        lang: lang.to_owned(),
        units,
        may_write,
        may_review,
    })
}

#[cfg(test)]
mod tests;
