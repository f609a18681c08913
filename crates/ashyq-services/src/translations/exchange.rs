//! Translations worked on outside the site (XLIFF files for translators' tools): what a story's
//! translation into a language is, unit by unit, for export ([`exchange_story`],
//! [`exchange_stories`]), and a file's texts taken back ([`import_exchange`]) through the
//! side-by-side editor's own save ([`save_work`]), after checking that the file still fits the
//! story: the same languages, every unit id known, every source as it was exported. The file
//! format itself is `ashyq_import::xliff`. A unit that comes back without the hash of its target
//! as exported (a tool dropped it) never replaces the site's newer text unseen: see
//! [`import_exchange`].

use std::collections::HashMap;

use ashyq_content::{
    DraftState, UnitState, article_units, pair_translation_with, parse_article, unit_hash,
};
use ashyq_store::{EditorialStore, StoryTranslations, TranslatedUnit, TranslationStore};

use super::workbench::{SavedText, WorkError, Writer, save_texts, seen_hash};
use super::{same_language, stored_original_units};

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
async fn story_in<S: EditorialStore + TranslationStore>(
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

/// What a file says of a unit's translation: XLIFF 2.0's segment `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnedState {
    /// Not translated yet, or not finished.
    Initial,
    Translated,
    /// Reviewed, or final, in the translator's tool: the site's language editor still decides.
    Reviewed,
    Final,
}

impl ReturnedState {
    pub fn code(self) -> &'static str {
        match self {
            ReturnedState::Initial => "initial",
            ReturnedState::Translated => "translated",
            ReturnedState::Reviewed => "reviewed",
            ReturnedState::Final => "final",
        }
    }

    fn says_reviewed(self) -> bool {
        matches!(self, ReturnedState::Reviewed | ReturnedState::Final)
    }
}

/// One unit as a file brings it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedUnit {
    pub id: String,
    pub state: ReturnedState,
    /// [`ExchangeUnit::target_hash`] as exported (empty when the tool dropped it: see
    /// [`import_exchange`] for what is then written).
    pub target_hash: String,
    /// The hash of the source as exported (empty when the tool dropped it: the source text's
    /// hash is used instead).
    pub source_hash: String,
    pub source: String,
    /// `None` or empty: the file has no translation for it (nothing is changed).
    pub target: Option<String>,
}

/// A file's story as it comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedStory {
    pub original_slug: String,
    pub src_lang: String,
    pub lang: String,
    /// When the site exported the file (`ashyq:exported-at`); `None` for a file that never came
    /// from ashyq or whose tool dropped the mark.
    pub exported_at: Option<i64>,
    pub units: Vec<ReturnedUnit>,
}

/// How far ahead of the importing machine's clock an export mark may be (another server of the
/// same site exported it) before the file is refused.
pub const CLOCK_SKEW_SECONDS: i64 = 300;

/// How [`import_exchange`] takes a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Every unit is sent for review (`--submit`).
    pub submit: bool,
    /// The file's text replaces the site's in every unit the file changes, even where the site
    /// changed it after the export or the file cannot tell (`--overwrite`).
    pub overwrite: bool,
}

impl ImportOptions {
    /// Drafts, sent for review.
    pub const SUBMIT: ImportOptions = ImportOptions { submit: true, overwrite: false };
}

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("there is no published original `{slug}` to translate")]
    NoSuchStory { slug: String },
    #[error("the file translates from `{found}`, but `{slug}` is written in `{expected}`")]
    WrongSourceLanguage { slug: String, expected: String, found: String },
    #[error("the file translates `{slug}` into `{lang}`, the language it is written in")]
    IntoItsOwnLanguage { slug: String, lang: String },
    #[error("the file translates into `{found}`, not `{expected}`")]
    WrongTargetLanguage { expected: String, found: String },
    #[error("unit `{unit}` appears twice")]
    DuplicateUnit { unit: String },
    #[error("unit `{unit}` no longer exists in the original; export the story again")]
    UnknownUnit { unit: String },
    #[error(
        "unit `{unit}`: the original has changed since this file was exported; export the story \
         again and carry the translation over"
    )]
    SourceChanged { unit: String },
    #[error(
        "unit `{unit}` was changed on the site after this file was exported, and in the file too; \
         nothing was written: export the story again and carry your translation over"
    )]
    ChangedOnTheSite { unit: String },
    #[error(
        "{} changed on the site after this file was exported, and the file changes {} too \
         without the target hash that would tell whose text is newer (a translation tool dropped \
         `ashyq:target-hash`): {}; nothing was written from the file. Export the story again and \
         carry your changes over, or import with --overwrite to replace the site's text with the \
         file's",
        if units.len() == 1 { "a unit was" } else { "units were" },
        if units.len() == 1 { "it" } else { "them" },
        units.iter().map(|unit| format!("`{unit}`")).collect::<Vec<_>>().join(", ")
    )]
    ChangedSinceExport { units: Vec<String> },
    #[error(
        "the file says it was exported {ahead} seconds from now (`ashyq:exported-at`); a mark from \
         the future would let it pass for newer than the site's text, so nothing was written: \
         export the story again"
    )]
    ExportedInTheFuture { ahead: i64 },
    #[error(
        "unit `{unit}` is marked `initial` (not finished) in the file; finish it in your tool \
         (state `translated`) or import without --submit"
    )]
    NotFinished { unit: String },
    #[error("unit `{unit}`: {error}")]
    Unit { unit: String, error: WorkError },
    #[error(transparent)]
    Work(WorkError),
}

impl ExchangeError {
    /// The unit the refusal is about, if it is about one.
    pub fn unit(&self) -> Option<&str> {
        match self {
            ExchangeError::DuplicateUnit { unit }
            | ExchangeError::UnknownUnit { unit }
            | ExchangeError::SourceChanged { unit }
            | ExchangeError::ChangedOnTheSite { unit }
            | ExchangeError::NotFinished { unit }
            | ExchangeError::Unit { unit, .. } => Some(unit),
            _ => None,
        }
    }
}

impl From<WorkError> for ExchangeError {
    fn from(error: WorkError) -> ExchangeError {
        match error.unit().map(str::to_owned) {
            Some(unit) => ExchangeError::Unit { unit, error },
            None => ExchangeError::Work(error),
        }
    }
}

/// Something an import did not do as the file says, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportNote {
    /// `initial` with no target, or with the source copied as the target: nothing imported.
    LeftUntranslated { unit: String, copy_of_source: bool },
    /// `translated`, `reviewed` or `final`, but no target: nothing imported.
    NoTarget { unit: String, state: ReturnedState },
    /// `reviewed` or `final` with a new text: saved and sent for review, since only the site's
    /// language editor approves.
    SentForReview { unit: String, state: ReturnedState },
    /// `reviewed` or `final` with the site's text, which no language editor has approved there.
    NotApprovedHere { unit: String, state: ReturnedState },
    /// The file left the unit as exported, and the site's text changed since: the site's kept.
    SiteTextKept { unit: String },
    /// The file carries neither the unit's target hash nor the time of an export (it never came
    /// from ashyq, or its tool dropped both), and the site has a translation for the unit: the
    /// site's kept (`--overwrite` replaces it).
    NotOverwritten { unit: String },
}

impl ImportNote {
    pub fn unit(&self) -> &str {
        match self {
            ImportNote::LeftUntranslated { unit, .. }
            | ImportNote::NoTarget { unit, .. }
            | ImportNote::SentForReview { unit, .. }
            | ImportNote::NotApprovedHere { unit, .. }
            | ImportNote::SiteTextKept { unit }
            | ImportNote::NotOverwritten { unit } => unit,
        }
    }
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportNote::LeftUntranslated { unit, copy_of_source: true } => write!(
                f,
                "unit `{unit}` is marked `initial` and its target is the source copied: not \
                 imported as a translation"
            ),
            ImportNote::LeftUntranslated { unit, copy_of_source: false } => {
                write!(f, "unit `{unit}` is marked `initial` with no translation: left as it is")
            }
            ImportNote::NoTarget { unit, state } => write!(
                f,
                "unit `{unit}` is marked `{}` but holds no translation: left as it is",
                state.code()
            ),
            ImportNote::SentForReview { unit, state } => write!(
                f,
                "unit `{unit}` is marked `{}`; only a language editor approves on the site, so \
                 its new text waits for review there",
                state.code()
            ),
            ImportNote::NotApprovedHere { unit, state } => write!(
                f,
                "unit `{unit}` is marked `{}`, but no language editor has approved it on the \
                 site: it stays as it is until one does",
                state.code()
            ),
            ImportNote::SiteTextKept { unit } => write!(
                f,
                "unit `{unit}` was changed on the site after the export and not in the file: the \
                 site's text is kept"
            ),
            ImportNote::NotOverwritten { unit } => write!(
                f,
                "unit `{unit}` already has a translation on the site, and this file (not exported \
                 by ashyq, or stripped of its marks by a tool) cannot tell whether the site's text \
                 is newer: the site's text is kept (import with --overwrite to replace it)"
            ),
        }
    }
}

/// What [`import_exchange`] did: which units got a new text, and what it left as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub changed: Vec<String>,
    pub notes: Vec<ImportNote>,
}

/// Takes a file's texts back for the translation of `returned.original_slug` into `lang`: the
/// file must translate that story from its language into `lang`, name every unit once, only
/// units the original still has, each with the source as it is now. Then the units whose text
/// differs from the translation's (as [`exchange_story`] gives it) are saved by `writer` through
/// [`save_work`], as the side-by-side editor saves them: only they change state, and with `submit`
/// every unit is sent for review. Anything refused writes nothing.
///
/// Whose text wins where the file and the site both hold one: with the unit's target hash, as
/// exported, the file's change is taken only over the text it was made from (a site change since
/// then is kept, or refuses the file if the file changed the unit too). Without it, the file's
/// `exported_at` decides: the site's text unchanged since the export is replaced; changed at or
/// after it, the file is refused naming every such unit ([`ExchangeError::ChangedSinceExport`]).
/// A file with neither (not from ashyq) fills only units with no translation on the site and
/// notes the others ([`ImportNote::NotOverwritten`]). `options.overwrite` lets the file's text win
/// in every case; a save landing during the import is still refused.
pub async fn import_exchange<S: EditorialStore + TranslationStore>(
    store: &S,
    writer: Writer<'_>,
    returned: &ReturnedStory,
    lang: &str,
    options: ImportOptions,
    now: i64,
) -> Result<Imported, ExchangeError> {
    let ImportOptions { submit, overwrite } = options;
    let slug = &returned.original_slug;
    if let Some(exported_at) = returned.exported_at
        && exported_at > now.saturating_add(CLOCK_SKEW_SECONDS)
    {
        return Err(ExchangeError::ExportedInTheFuture { ahead: exported_at - now });
    }
    if !same_language(&returned.lang, lang) {
        return Err(ExchangeError::WrongTargetLanguage {
            expected: lang.to_owned(),
            found: returned.lang.clone(),
        });
    }
    let stories = store.story_translations().await.map_err(WorkError::from)?;
    let found = stories
        .into_iter()
        .find(|story| &story.original_slug == slug)
        .ok_or_else(|| ExchangeError::NoSuchStory { slug: slug.clone() })?;
    let original_lang = found.original_lang.clone();
    if !same_language(&returned.src_lang, &original_lang) {
        return Err(ExchangeError::WrongSourceLanguage {
            slug: slug.clone(),
            expected: original_lang,
            found: returned.src_lang.clone(),
        });
    }
    if same_language(&original_lang, lang) {
        return Err(ExchangeError::IntoItsOwnLanguage {
            slug: slug.clone(),
            lang: lang.to_owned(),
        });
    }
    let story = match story_in(store, found, lang).await {
        Ok(story) => story,
        Err(WorkError::NoSuchStory) => {
            return Err(ExchangeError::NoSuchStory { slug: slug.clone() });
        }
        Err(error) => return Err(error.into()),
    };
    let mut texts = Vec::new();
    let mut notes = Vec::new();
    let mut conflicts = Vec::new();
    let taking = Taking { submit, overwrite, exported_at: returned.exported_at };
    for (index, unit) in returned.units.iter().enumerate() {
        if returned.units[..index].iter().any(|seen| seen.id == unit.id) {
            return Err(ExchangeError::DuplicateUnit { unit: unit.id.clone() });
        }
        let current = story
            .units
            .iter()
            .find(|current| current.id == unit.id)
            .ok_or_else(|| ExchangeError::UnknownUnit { unit: unit.id.clone() })?;
        let exported_hash = if unit.source_hash.is_empty() {
            unit_hash(&unit.source)
        } else {
            unit.source_hash.clone()
        };
        if exported_hash != current.source_hash {
            return Err(ExchangeError::SourceChanged { unit: unit.id.clone() });
        }
        if let Some(text) = taken_text(unit, current, taking, &mut notes, &mut conflicts)? {
            texts.push(text);
        }
    }
    if !conflicts.is_empty() {
        return Err(ExchangeError::ChangedSinceExport { units: conflicts });
    }
    if texts.is_empty() && !submit {
        return Ok(Imported { changed: Vec::new(), notes });
    }
    let written = save_texts(store, writer, slug, lang, &texts, submit, now).await?;
    Ok(Imported { changed: written.into_iter().map(|unit| unit.id).collect(), notes })
}

/// How the units of one file are taken.
#[derive(Debug, Clone, Copy)]
struct Taking {
    submit: bool,
    overwrite: bool,
    /// The file's export mark.
    exported_at: Option<i64>,
}

/// What the file's `unit` gives the translation whose unit is `current` now, by its state:
/// `initial` with no real translation gives nothing; `reviewed` and `final` never approve (only a
/// language editor does, on the site): a new text is sent for review. A unit the file left as
/// exported gives nothing when the site changed it since; one both changed is refused.
///
/// A unit without its target hash (a tool dropped it) whose new text would replace a translation
/// the site has: written when the file's export mark shows the site's text unchanged since the
/// export; a conflict (`conflicts`, the file refused) when the site's text changed at or after
/// the export; kept with a note when the file has no export mark at all (a file that never came
/// from ashyq fills only units the site has no translation for). `overwrite` writes it anyway.
fn taken_text(
    unit: &ReturnedUnit,
    current: &ExchangeUnit,
    taking: Taking,
    notes: &mut Vec<ImportNote>,
    conflicts: &mut Vec<String>,
) -> Result<Option<SavedText>, ExchangeError> {
    let Taking { submit, overwrite, exported_at } = taking;
    let id = || unit.id.clone();
    let target = unit.target.as_deref().map(str::trim).unwrap_or_default();
    let same = |a: &str, b: &str| seen_hash(a) == seen_hash(b);
    if unit.state == ReturnedState::Initial {
        if target.is_empty() || same(target, &unit.source) {
            let copy_of_source = !target.is_empty();
            notes.push(ImportNote::LeftUntranslated { unit: id(), copy_of_source });
            return Ok(None);
        }
        if submit {
            return Err(ExchangeError::NotFinished { unit: id() });
        }
    }
    if target.is_empty() {
        notes.push(ImportNote::NoTarget { unit: id(), state: unit.state });
        return Ok(None);
    }
    if same(target, &current.target) {
        let approved = matches!(
            current.state,
            ExchangeState::Draft(DraftState::Approved)
                | ExchangeState::Published(UnitState::Approved)
        );
        if unit.state.says_reviewed() && !approved {
            notes.push(ImportNote::NotApprovedHere { unit: id(), state: unit.state });
        }
        return Ok(None);
    }
    if !unit.target_hash.is_empty() {
        if current.target_hash() != unit.target_hash {
            // The site's text is not the one exported.
            if seen_hash(target) == unit.target_hash {
                notes.push(ImportNote::SiteTextKept { unit: id() });
                return Ok(None);
            }
            if !overwrite {
                return Err(ExchangeError::ChangedOnTheSite { unit: id() });
            }
        }
    } else if !current.target.trim().is_empty() && !overwrite {
        // The file cannot say which text its translator saw: only the export's time can.
        match exported_at {
            Some(exported_at) if current.changed_at.is_none_or(|at| at >= exported_at) => {
                conflicts.push(id());
                return Ok(None);
            }
            Some(_) => {}
            None => {
                notes.push(ImportNote::NotOverwritten { unit: id() });
                return Ok(None);
            }
        }
    }
    if unit.state.says_reviewed() {
        notes.push(ImportNote::SentForReview { unit: id(), state: unit.state });
    }
    // What the side-by-side editor's save reads again must still be what this decision was made
    // on: the draft's text, or no draft.
    let seen = seen_hash(if current.from_draft { &current.target } else { "" });
    Ok(Some(SavedText {
        id: id(),
        text: target.to_owned(),
        seen: Some(seen),
        submit: unit.state.says_reviewed(),
    }))
}

#[cfg(test)]
mod tests;
