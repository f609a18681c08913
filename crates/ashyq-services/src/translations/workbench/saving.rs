//! Saving a translation's texts: who writes (`Writer`), one unit's text as sent (`SavedText`), and
//! `save_texts`, which refuses to overwrite unseen what another writer stored and writes only if every
//! unit is still as read.
use std::collections::HashMap;

use ashyq_content::{DraftState, Unit, UnitSlot, unit_hash};
use ashyq_store::{DraftUnit, DraftWrite, EditorialStore, TranslationStore};

use super::{MAX_UNIT_BYTES, WorkError, WorkUnit, holds_claim, original_units};
use crate::translations::claims::Translator;

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
