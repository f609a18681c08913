//! The side-by-side editor and review of a translation, unit by unit: what the page shows (each
//! unit of the original beside its translation, with a word diff where the original changed since),
//! saving a draft, submitting it, and a language editor's approval or return with a note. The rules
//! (who may, which units, in which state) live here for every door.

use std::collections::HashMap;

use ashyq_content::{
    ComposeError, DiffRun, DraftState, TranslationFile, Unit, UnitSlot, UnitState,
    compose_translation, parse_article, unit_hash, word_diff,
};
use ashyq_store::{
    AccountStore, DraftUnit, DraftWrite, EditorialStore, StoreError, TranslatedUnit,
    TranslationRecords, TranslationStore, UnitsBatch,
};

use super::claims::{Translator, claim_on};
use super::{TranslationError, stored_original_units};

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

/// Who writes a translation's texts.
#[derive(Debug, Clone, Copy)]
pub enum Writer<'a> {
    /// A person in the side-by-side editor: only the holder of a running claim may write, and
    /// the units they change are theirs (credited, and not theirs to review).
    ClaimHolder(&'a Translator),
    /// The site's operator on the command line (`ashyq translations import`): no claim needed,
    /// the units written belong to nobody, so any language editor may review them.
    Operator,
}

/// One unit's text as a writer sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedText {
    pub id: String,
    pub text: String,
    /// [`seen_hash`] of the unit's stored text the writer started from (the editor page as shown,
    /// the translation as a file was exported); `None`: not known, the text is written over
    /// whatever is stored.
    pub seen: Option<String>,
    /// Send this unit for review even without `submit` (a file marks it reviewed or final).
    pub submit: bool,
}

impl SavedText {
    /// A text written over whatever is stored.
    pub fn blind(id: &str, text: &str) -> SavedText {
        SavedText { id: id.to_owned(), text: text.to_owned(), seen: None, submit: false }
    }
}

/// The text compared for "is it the same text": trimmed, with a browser's `\r\n` as `\n`.
fn comparable(text: &str) -> String {
    text.trim().replace("\r\n", "\n")
}

/// The hash a writer sends back for the stored text it started from (`""` for a unit with no
/// stored text yet); [`SavedText::seen`].
pub fn seen_hash(text: &str) -> String {
    unit_hash(&comparable(text))
}

/// Saves the texts (`unit id → text`) of the translation of `slug` into `lang` over whatever is
/// stored; [`save_texts`] with nothing known of what the writer saw.
pub async fn save_work<S: EditorialStore + TranslationStore>(
    store: &S,
    writer: Writer<'_>,
    slug: &str,
    lang: &str,
    texts: &[(String, String)],
    submit: bool,
    now: i64,
) -> Result<Vec<WorkUnit>, WorkError> {
    let texts: Vec<SavedText> = texts.iter().map(|(id, text)| SavedText::blind(id, text)).collect();
    save_texts(store, writer, slug, lang, &texts, submit, now).await
}

/// Saves the texts of the translation of `slug` into `lang`, for the side-by-side editor and for
/// XLIFF files alike; with `submit`, sends every unit for review (each unit must then have a text),
/// and a text marked `submit` is sent for review on its own. A unit whose text and source are
/// unchanged keeps its state (an approved unit stays approved); a changed one becomes a draft (or
/// submitted) made from the original as it is now.
///
/// Of two writers, none overwrites the other unseen: a text whose writer started from a stored
/// text ([`SavedText::seen`]) that someone has replaced since is refused with
/// [`WorkError::WrittenMeanwhile`] if the writer changed it (or is submitting it), and left out
/// (the newer stored text kept) if they did not; and the store writes only if every unit is still
/// as read here ([`TranslationStore::save_draft_units_as_read`]), so a save landing between this
/// read and this write makes this one read and decide again (a few times at most, then
/// [`WorkError::WrittenMeanwhile`]). Nothing is written unless every text is accepted.
/// Returns the units written (none: nothing changed).
pub async fn save_texts<S: EditorialStore + TranslationStore>(
    store: &S,
    writer: Writer<'_>,
    slug: &str,
    lang: &str,
    texts: &[SavedText],
    submit: bool,
    now: i64,
) -> Result<Vec<WorkUnit>, WorkError> {
    if let Writer::ClaimHolder(who) = writer
        && !holds_claim(store, who, slug, lang, now).await?
    {
        return Err(WorkError::NotClaimHolder);
    }
    let written_by = match writer {
        Writer::ClaimHolder(who) => Some(who.id),
        Writer::Operator => None,
    };
    let (_, units) = original_units(store, slug).await?;
    for given in texts {
        if !units.iter().any(|unit| unit.id == given.id) {
            return Err(WorkError::UnknownUnit { unit: given.id.clone() });
        }
        if given.text.len() > MAX_UNIT_BYTES {
            return Err(WorkError::TooLong { unit: given.id.clone() });
        }
    }
    for attempt in 1..=SAVE_ATTEMPTS {
        let drafts: HashMap<String, DraftUnit> = store
            .draft_units(slug, lang)
            .await?
            .into_iter()
            .map(|draft| (draft.unit_id.clone(), draft))
            .collect();
        let (writes, missing) = plan_writes(&units, &drafts, texts, submit, written_by, now)?;
        if submit && missing > 0 {
            return Err(WorkError::Incomplete { missing });
        }
        if writes.is_empty() {
            return Ok(Vec::new());
        }
        if store.save_draft_units_as_read(slug, lang, &writes).await? {
            return Ok(writes.into_iter().map(|write| written_unit(&units, write.unit)).collect());
        }
        // Another save landed between the read above and this write. Read again and decide
        // again: a unit this writer changed from a text someone has replaced since is refused
        // then; a save of other units goes through.
        if attempt == SAVE_ATTEMPTS {
            let now_stored = store.draft_units(slug, lang).await?;
            let changed = writes.iter().find(|write| {
                let stored = now_stored.iter().find(|stored| stored.unit_id == write.unit.unit_id);
                !write.still_as_read(stored.map(|stored| {
                    let writer = stored.written_by.map(|user| user.0);
                    (
                        &*stored.text,
                        &*stored.source_hash,
                        stored.state.code(),
                        &*stored.note,
                        writer,
                    )
                }))
            });
            let unit = changed.or(writes.first()).map(|write| write.unit.unit_id.clone());
            return Err(WorkError::WrittenMeanwhile { unit: unit.unwrap_or_default() });
        }
    }
    Ok(Vec::new())
}

/// How many times a save reads and decides again when other saves keep landing in between.
const SAVE_ATTEMPTS: usize = 8;

/// What a save writes, decided on the units as read (`drafts`), and how many units would have no
/// text.
fn plan_writes(
    units: &[Unit],
    drafts: &HashMap<String, DraftUnit>,
    texts: &[SavedText],
    submit: bool,
    written_by: Option<ashyq_store::UserId>,
    now: i64,
) -> Result<(Vec<DraftWrite>, usize), WorkError> {
    let mut writes = Vec::new();
    let mut missing = 0;
    for unit in units {
        let old = drafts.get(&unit.id);
        let stored = old.map_or("", |old| old.text.as_str());
        let mut given = texts.iter().find(|given| given.id == unit.id);
        if let Some(sent) = given
            && let Some(seen) = &sent.seen
            && seen_hash(stored) != *seen
            && comparable(&sent.text) != comparable(stored)
        {
            // Someone wrote this unit after the writer read it.
            let changed_by_writer = seen_hash(&sent.text) != *seen;
            if changed_by_writer || submit || sent.submit {
                return Err(WorkError::WrittenMeanwhile { unit: unit.id.clone() });
            }
            given = None;
        }
        let unit_submit = submit || given.is_some_and(|given| given.submit);
        let text = given.map(|given| given.text.trim()).unwrap_or(stored);
        if text.is_empty() {
            missing += 1;
            continue;
        }
        let unchanged = old.is_some_and(|old| old.text == text && old.source_hash == unit.hash);
        let state = match old {
            Some(old) if unchanged && old.state == DraftState::Approved => DraftState::Approved,
            Some(old) if unchanged && old.state == DraftState::Submitted => DraftState::Submitted,
            Some(old) if unchanged && !unit_submit => old.state,
            _ if unit_submit => DraftState::Submitted,
            _ => DraftState::Draft,
        };
        if unchanged && old.is_some_and(|old| old.state == state) {
            continue;
        }
        writes.push(DraftWrite {
            read: old.cloned(),
            unit: DraftUnit {
                unit_id: unit.id.clone(),
                text: text.to_owned(),
                source_hash: unit.hash.clone(),
                source_text: unit.text.clone(),
                state,
                // A note stays with a returned unit until it is sent back for review.
                note: old
                    .filter(|_| state == DraftState::Returned)
                    .map(|old| old.note.clone())
                    .unwrap_or_default(),
                written_by: if unchanged { old.and_then(|old| old.written_by) } else { written_by },
                updated_at: now,
            },
        });
    }
    Ok((writes, missing))
}

/// A unit as written, for the caller.
fn written_unit(units: &[Unit], write: DraftUnit) -> WorkUnit {
    WorkUnit {
        slot: units
            .iter()
            .find(|unit| unit.id == write.unit_id)
            .map_or(UnitSlot::Block, |unit| unit.slot.clone()),
        source: write.source_text,
        state: Some(write.state),
        source_change: None,
        reviewable: false,
        id: write.unit_id,
        text: write.text,
        note: write.note,
    }
}

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

#[cfg(test)]
mod tests;
