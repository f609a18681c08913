//! Translation units in storage: each original's units with their ids and hashes, and each
//! translation's state per unit of its original. What the units are and how ids are kept is
//! `ashyq_content::units`; `ashyq_services::translations` is the one caller that writes.

use std::future::Future;

use ashyq_content::{DraftState, StoredUnit, UnitState};

use crate::accounts::UserId;
use crate::error::StoreResult;

/// A translation's record of one unit of its original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslatedUnit {
    /// The original's unit id.
    pub unit_id: String,
    /// The original unit's hash and text when it was translated.
    pub source_hash: String,
    pub source_text: String,
    /// The hash of the translated text.
    pub target_hash: String,
    /// `Translated`, `NeedsUpdate` or `Approved` (an untranslated unit has no record).
    pub state: UnitState,
}

/// What [`TranslationStore::save_units`] writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitsBatch {
    /// An original's slug and its units in reading order.
    pub originals: Vec<(String, Vec<StoredUnit>)>,
    pub translations: Vec<TranslationRecords>,
}

/// A translation's records, as [`TranslationStore::save_units`] writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationRecords {
    pub slug: String,
    /// Who translated it, credited on the page.
    pub translators: Vec<String>,
    pub units: Vec<TranslatedUnit>,
}

/// A story as the translation status counts it: an original and its versions in other languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryTranslations {
    pub original_slug: String,
    pub original_lang: String,
    pub versions: Vec<TranslationVersion>,
}

/// One translation of a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationVersion {
    pub slug: String,
    pub lang: String,
    /// The translation's own state (a published translation counts as translated).
    pub status: crate::ArticleStatus,
    /// How many of its units need update.
    pub units_needing_update: i64,
}

/// Who is translating a story into a language, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub original_slug: String,
    pub lang: String,
    pub user: UserId,
    pub user_name: String,
    pub claimed_at: i64,
    pub expires_at: i64,
}

/// An original waiting for translation, as `/translate` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingStory {
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub published_at: i64,
    pub tags: Vec<String>,
    /// The languages it already has a version in (its own included).
    pub languages: Vec<String>,
}

/// One unit of a translation being written in the side-by-side editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftUnit {
    /// The original's unit id.
    pub unit_id: String,
    /// The translated text.
    pub text: String,
    /// The original unit's hash and text when the translation was written.
    pub source_hash: String,
    pub source_text: String,
    pub state: DraftState,
    /// A language editor's note on a returned unit.
    pub note: String,
    /// Who last wrote the text; `None` once that account is gone.
    pub written_by: Option<UserId>,
    pub updated_at: i64,
}

/// A unit to write, with the unit as its writer read it before deciding what to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftWrite {
    /// The unit as read (`None`: there was none).
    pub read: Option<DraftUnit>,
    pub unit: DraftUnit,
}

impl DraftWrite {
    /// Whether the unit stored now — `(text, source hash, state code, note, writer)`, `None` when
    /// there is none — is still the one read: same text, source, state, note and writer.
    pub fn still_as_read(&self, stored: Option<(&str, &str, &str, &str, Option<i64>)>) -> bool {
        match (&self.read, stored) {
            (None, None) => true,
            (Some(read), Some((text, source_hash, state, note, written_by))) => {
                read.text == text
                    && read.source_hash == source_hash
                    && read.state.code() == state
                    && read.note == note
                    && read.written_by.map(|user| user.0) == written_by
            }
            _ => false,
        }
    }
}

/// Everything a publication check of one translation read (`ashyq_services::translations::approval`):
/// the original's stored text and unit ids, the side-by-side editor's units and the translation's
/// own records. Whether the translation may be published is a function of these and the text to
/// publish, so a write that finds them unchanged inside its transaction publishes exactly what
/// was checked ([`ArticleStore::import_articles_if_unchanged`](crate::ArticleStore::import_articles_if_unchanged)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalBasis {
    pub original_slug: String,
    pub lang: String,
    /// The translation's slug (its own records).
    pub translation_slug: String,
    /// The original's stored source text; `None` when it is not stored.
    pub original_source: Option<String>,
    /// [`TranslationStore::article_units`] of the original.
    pub original_units: Vec<StoredUnit>,
    /// [`TranslationStore::draft_units`] of the original into `lang`, in any order.
    pub drafts: Vec<DraftUnit>,
    /// [`TranslationStore::translated_units`] of the translation.
    pub records: Vec<TranslatedUnit>,
}

impl ApprovalBasis {
    /// Whether `now` (the same rows read again) is what this basis read: the same original text
    /// and units, the same drafts (in any order, every field) and the same records.
    pub fn still_holds(&self, now: &ApprovalBasis) -> bool {
        let sorted = |drafts: &[DraftUnit]| {
            let mut drafts = drafts.to_vec();
            drafts.sort_by(|a, b| a.unit_id.cmp(&b.unit_id));
            drafts
        };
        self.original_slug == now.original_slug
            && self.lang == now.lang
            && self.translation_slug == now.translation_slug
            && self.original_source == now.original_source
            && self.original_units == now.original_units
            && sorted(&self.drafts) == sorted(&now.drafts)
            && self.records == now.records
    }
}

pub trait TranslationStore: Send + Sync {
    /// The units stored for the article `slug` (an original), in reading order.
    fn article_units(
        &self,
        slug: &str,
    ) -> impl Future<Output = StoreResult<Vec<StoredUnit>>> + Send;

    /// The records of the translation `slug`.
    fn translated_units(
        &self,
        slug: &str,
    ) -> impl Future<Output = StoreResult<Vec<TranslatedUnit>>> + Send;

    /// In one transaction: replaces the units stored for each original in `batch.originals` and
    /// marks "needs update" every unit of their translations whose recorded source hash differs
    /// from the unit's new hash, or whose unit the original no longer has (and takes a marked unit
    /// whose source is back to the text it was translated from as translated again); then replaces the
    /// records of each translation in `batch.translations`. Returns how many units were marked.
    fn save_units(&self, batch: &UnitsBatch) -> impl Future<Output = StoreResult<u64>> + Send;

    /// Who translated the translation `slug`, in the file's order.
    fn translators(&self, slug: &str) -> impl Future<Output = StoreResult<Vec<String>>> + Send;

    /// Moves an article's unit rows (as an original and as a translation) to its new slug.
    fn rename_translation_units(
        &self,
        old_slug: &str,
        new_slug: &str,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// Every original (an article that translates none) with status `published`, with its
    /// translations in any state.
    fn story_translations(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<StoryTranslations>>> + Send;

    /// The languages a person translates into (and, for an editor, reviews).
    fn translator_languages(
        &self,
        user: UserId,
    ) -> impl Future<Output = StoreResult<Vec<String>>> + Send;

    fn set_translator_languages(
        &self,
        user: UserId,
        langs: &[String],
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// Published originals, newest first, with the languages each already exists in.
    fn waiting_stories(
        &self,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<WaitingStory>>> + Send;

    /// Claims still running at `now` (expired ones are left out).
    fn active_claims(&self, now: i64) -> impl Future<Output = StoreResult<Vec<Claim>>> + Send;

    /// Claims `original_slug` for `lang` for `user` until `expires_at`, in one conditional
    /// statement: succeeds when nobody holds it or the holder's claim has expired (or `user` holds
    /// it already: the claim is renewed). Returns whether `user` now holds it.
    fn claim_translation(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// Ends the claim on `original_slug` for `lang`; with `holder`, only if that person holds it.
    /// Returns whether a claim was ended.
    fn release_claim(
        &self,
        original_slug: &str,
        lang: &str,
        holder: Option<UserId>,
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// Gives the claim on `original_slug` for `lang` to `user` whoever held it (a language
    /// editor's reassignment).
    fn reassign_claim(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// The units written so far of the translation of `original_slug` into `lang`, in no order.
    fn draft_units(
        &self,
        original_slug: &str,
        lang: &str,
    ) -> impl Future<Output = StoreResult<Vec<DraftUnit>>> + Send;

    /// When the text of each draft unit of the translation of `original_slug` into `lang` last
    /// changed, as `(unit id, Unix seconds)`, in no order: the write that gave it its text. A write
    /// with the same text (a resubmission) and a review or return leave it as it was.
    fn draft_text_changes(
        &self,
        original_slug: &str,
        lang: &str,
    ) -> impl Future<Output = StoreResult<Vec<(String, i64)>>> + Send;

    /// Writes (inserts or replaces) `units` of the translation of `original_slug` into `lang`, in
    /// one transaction; units not named are left as they are.
    fn save_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// Writes (inserts or replaces) the units of `writes` of the translation of `original_slug`
    /// into `lang`, all or none, in one transaction, and only if every one of them is still
    /// stored as its writer read it ([`DraftWrite::still_as_read`]): of two writers who read the
    /// same unit and both change it, the second is refused instead of overwriting the first
    /// unseen. Returns whether they were written.
    fn save_draft_units_as_read(
        &self,
        original_slug: &str,
        lang: &str,
        writes: &[DraftWrite],
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// A language editor's decisions on units of the translation of `original_slug` into `lang`,
    /// all or none, in one transaction: each of `units` carries the text and source hash the
    /// reviewer saw and the new state, note and time. Writes only if every unit is still
    /// submitted with exactly that text and source hash (a translator's save in between wins, and
    /// the decisions are refused); returns whether they were written.
    fn review_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> impl Future<Output = StoreResult<bool>> + Send;
}
