//! A file's texts taken back: [`import_exchange`] checks that the file still fits the story, then
//! decides unit by unit whose text wins where the file and the site both hold one, and saves
//! through the side-by-side editor's own save.

use ashyq_content::{DraftState, UnitState, unit_hash};
use ashyq_store::{EditorialStore, TranslationStore};

use super::export::story_in;
use super::{
    CLOCK_SKEW_SECONDS, ExchangeError, ExchangeState, ExchangeUnit, ImportNote, ImportOptions,
    Imported, ReturnedState, ReturnedStory, ReturnedUnit,
};
use crate::translations::same_language;
use crate::translations::workbench::{SavedText, WorkError, Writer, save_texts, seen_hash};

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
