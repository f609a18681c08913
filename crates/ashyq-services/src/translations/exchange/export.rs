//! A story's translation into one language as it goes out to a file, unit by unit: each unit's
//! source, target and state ([`ExchangeStory`]), for one story or for every story.

use std::collections::HashMap;

use ashyq_content::{
    DraftState, UnitState, article_units, pair_translation_with, parse_article, unit_hash,
};
use ashyq_store::{EditorialStore, StoryTranslations, TranslatedUnit, TranslationStore};

use crate::translations::workbench::{WorkError, seen_hash};
use crate::translations::{same_language, stored_original_units};

/// Where a unit of a story's translation stands, as exported. The codes are ours
/// (`ashyq:state`); [`ExchangeState::xliff`] maps them onto XLIFF 2.0's four states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeState {
    /// Nobody has translated it.
    Untranslated,
    /// In the side-by-side editor (draft, submitted, returned or approved, not yet published).
    Draft(DraftState),
    /// In a published translation (translated, needs update, or approved).
    Published(UnitState),
}

impl ExchangeState {
    /// Our exact state: `untranslated`, `draft`, `submitted`, `returned`, `approved` (in review),
    /// `translated`, `needs-update` or `published-approved`.
    pub fn code(self) -> &'static str {
        match self {
            ExchangeState::Untranslated => "untranslated",
            ExchangeState::Draft(state) => state.code(),
            ExchangeState::Published(UnitState::Approved) => "published-approved",
            ExchangeState::Published(state) => state.code(),
        }
    }

    /// XLIFF 2.0's `state`: `initial` (nothing yet, a draft, returned, or the original changed
    /// since), `translated` (waiting for review, or published unreviewed), `reviewed` (approved,
    /// not published), `final` (approved and published).
    pub fn xliff(self) -> &'static str {
        match self {
            ExchangeState::Untranslated
            | ExchangeState::Draft(DraftState::Draft | DraftState::Returned)
            | ExchangeState::Published(UnitState::NeedsUpdate | UnitState::Untranslated) => {
                "initial"
            }
            ExchangeState::Draft(DraftState::Submitted)
            | ExchangeState::Published(UnitState::Translated) => "translated",
            ExchangeState::Draft(DraftState::Approved) => "reviewed",
            ExchangeState::Published(UnitState::Approved) => "final",
        }
    }
}

/// One unit of a story's translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeUnit {
    pub id: String,
    /// [`ashyq_content::UnitSlot::code`].
    pub kind: String,
    /// The original's text now, and its hash.
    pub source: String,
    pub source_hash: String,
    /// The translation so far (empty: none).
    pub target: String,
    /// The hash of the original's text the translation was made from (empty: none).
    pub target_source_hash: String,
    pub state: ExchangeState,
    /// A language editor's note on a returned unit.
    pub note: String,
    /// The original's text the translation was made from, when it has changed since.
    pub previous_source: Option<String>,
    /// `target` is the side-by-side editor's text (else the published translation's, or none).
    pub from_draft: bool,
    /// When `target` last changed on the site, as far as the site can tell (Unix seconds): the
    /// write that gave the draft unit its text (a review or return does not count), else the
    /// published translation's last save or import; `None` when there is no target.
    pub changed_at: Option<i64>,
}

impl ExchangeUnit {
    /// [`seen_hash`] of the target as exported: a file carries it back, so that an import can
    /// tell the translator's changes from the site's since.
    pub fn target_hash(&self) -> String {
        seen_hash(&self.target)
    }
}

/// A story's translation into one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeStory {
    pub original_slug: String,
    pub original_lang: String,
    pub lang: String,
    pub units: Vec<ExchangeUnit>,
}

/// The texts of a published translation, by the original's unit id, and when it was last saved.
async fn published_texts<S: EditorialStore + TranslationStore>(
    store: &S,
    slug: &str,
    original: &[ashyq_content::Unit],
    records: &[TranslatedUnit],
) -> Result<(HashMap<String, String>, Option<i64>), WorkError> {
    let Some(record) = store.article_record(slug).await? else {
        return Ok((HashMap::new(), None));
    };
    let saved_at = Some(record.updated_at);
    let Ok(article) = parse_article(slug, &record.source) else {
        return Ok((HashMap::new(), saved_at));
    };
    let units = article_units(&article);
    let known: Vec<(String, String)> =
        records.iter().map(|old| (old.unit_id.clone(), old.target_hash.clone())).collect();
    let texts = pair_translation_with(original, &units, &known)
        .into_iter()
        .map(|(index, unit)| (original[index].id.clone(), unit.text.clone()))
        .collect();
    Ok((texts, saved_at))
}

/// The translation of the published original `slug` into `lang`, unit by unit: the side-by-side
/// editor's text where there is one, else the published translation's, else nothing.
/// `NoSuchStory` when `slug` is no original (or is written in `lang`).
pub async fn exchange_story<S: EditorialStore + TranslationStore>(
    store: &S,
    slug: &str,
    lang: &str,
) -> Result<ExchangeStory, WorkError> {
    let stories = store.story_translations().await?;
    let story = stories
        .into_iter()
        .find(|story| story.original_slug == slug)
        .filter(|story| !same_language(&story.original_lang, lang))
        .ok_or(WorkError::NoSuchStory)?;
    story_in(store, story, lang).await
}

/// [`exchange_story`] for a story already read from the store.
pub(super) async fn story_in<S: EditorialStore + TranslationStore>(
    store: &S,
    story: StoryTranslations,
    lang: &str,
) -> Result<ExchangeStory, WorkError> {
    let slug = story.original_slug.as_str();
    let original = stored_original_units(store, slug).await?;
    let drafts: HashMap<String, ashyq_store::DraftUnit> = store
        .draft_units(slug, lang)
        .await?
        .into_iter()
        .map(|draft| (draft.unit_id.clone(), draft))
        .collect();
    let text_changes: HashMap<String, i64> =
        store.draft_text_changes(slug, lang).await?.into_iter().collect();
    let version = story.versions.iter().find(|version| same_language(&version.lang, lang));
    let (records, texts, saved_at) = match version {
        Some(version) => {
            let records = store.translated_units(&version.slug).await?;
            let (texts, saved_at) =
                published_texts(store, &version.slug, &original, &records).await?;
            (records, texts, saved_at)
        }
        None => (Vec::new(), HashMap::new(), None),
    };
    let units = original
        .iter()
        .map(|unit| {
            let base = ExchangeUnit {
                id: unit.id.clone(),
                kind: unit.slot.code(),
                source: unit.text.clone(),
                source_hash: unit.hash.clone(),
                target: String::new(),
                target_source_hash: String::new(),
                state: ExchangeState::Untranslated,
                note: String::new(),
                previous_source: None,
                from_draft: false,
                changed_at: None,
            };
            if let Some(draft) = drafts.get(&unit.id) {
                let changed = draft.source_hash != unit.hash;
                return ExchangeUnit {
                    target: draft.text.clone(),
                    target_source_hash: draft.source_hash.clone(),
                    state: if changed {
                        ExchangeState::Published(UnitState::NeedsUpdate)
                    } else {
                        published_state(&records, unit, &draft.text)
                            .unwrap_or(ExchangeState::Draft(draft.state))
                    },
                    note: draft.note.clone(),
                    previous_source: changed.then(|| draft.source_text.clone()),
                    from_draft: true,
                    changed_at: Some(
                        text_changes.get(&unit.id).copied().unwrap_or(draft.updated_at),
                    ),
                    ..base
                };
            }
            let record = records.iter().find(|record| record.unit_id == unit.id);
            match (record, texts.get(&unit.id)) {
                (Some(record), Some(text)) => {
                    let changed = record.source_hash != unit.hash;
                    ExchangeUnit {
                        target: text.clone(),
                        target_source_hash: record.source_hash.clone(),
                        state: ExchangeState::Published(if changed {
                            UnitState::NeedsUpdate
                        } else {
                            record.state
                        }),
                        previous_source: changed.then(|| record.source_text.clone()),
                        changed_at: saved_at,
                        ..base
                    }
                }
                _ => base,
            }
        })
        .collect();
    Ok(ExchangeStory {
        original_slug: story.original_slug,
        original_lang: story.original_lang,
        lang: lang.to_owned(),
        units,
    })
}

/// A draft whose text is the published translation's approved text is published and approved.
fn published_state(
    records: &[TranslatedUnit],
    unit: &ashyq_content::Unit,
    text: &str,
) -> Option<ExchangeState> {
    records
        .iter()
        .find(|record| record.unit_id == unit.id)
        .filter(|record| {
            record.state == UnitState::Approved
                && record.source_hash == unit.hash
                && record.target_hash == unit_hash(text)
        })
        .map(|_| ExchangeState::Published(UnitState::Approved))
}

/// Every published original not written in `lang`, with its translation into `lang` (in
/// progress, published or missing), in the store's order.
pub async fn exchange_stories<S: EditorialStore + TranslationStore>(
    store: &S,
    lang: &str,
) -> Result<Vec<ExchangeStory>, WorkError> {
    let mut stories = Vec::new();
    for story in store.story_translations().await? {
        if same_language(&story.original_lang, lang) {
            continue;
        }
        match story_in(store, story, lang).await {
            Ok(story) => stories.push(story),
            // An original whose stored text no longer parses has no units to offer.
            Err(WorkError::NoSuchStory) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(stories)
}
