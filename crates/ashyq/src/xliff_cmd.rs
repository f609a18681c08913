//! `ashyq translations export` and `ashyq translations import`: a language's translations as
//! XLIFF 2.0 files for translators' tools (one `SLUG.xlf` per story), and those files taken back
//! through the side-by-side editor's own save (`ashyq_services::translations::exchange`).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use ashyq_content::LanguageTag;
use ashyq_import::xliff::{SegmentState, XliffStory, XliffUnit, read_xliff, write_xliff};
use ashyq_services::translations::claims::Translator;
use ashyq_services::translations::exchange::{
    ExchangeError, ExchangeState, ExchangeStory, ImportNote, ImportOptions, ReturnedState,
    ReturnedStory, ReturnedUnit, exchange_stories, import_exchange,
};
use ashyq_services::translations::workbench::Writer;
use ashyq_store::{AccountStore as _, TranslationStore as _};

use crate::cli::{GlobalArgs, TranslationsExportArgs, TranslationsImportArgs};
use crate::import::progress_bar;
use crate::settings::Settings;
use crate::store::{AnyStore, open_store};

/// The largest XLIFF file read (a long story is well under a megabyte).
const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

fn segment_state(state: ExchangeState) -> SegmentState {
    SegmentState::from_code(state.xliff()).unwrap_or(SegmentState::Initial)
}

/// A story's translation as an XLIFF file, marked with the time of the export.
fn xliff_story(story: &ExchangeStory, exported_at: i64) -> XliffStory {
    XliffStory {
        src_lang: story.original_lang.clone(),
        trg_lang: story.lang.clone(),
        slug: story.original_slug.clone(),
        exported_at: Some(exported_at),
        units: story
            .units
            .iter()
            .map(|unit| {
                let mut notes = Vec::new();
                if !unit.note.is_empty() {
                    notes.push(("review".to_owned(), unit.note.clone()));
                }
                if let Some(previous) = &unit.previous_source {
                    notes.push(("source-before-change".to_owned(), previous.clone()));
                }
                XliffUnit {
                    id: unit.id.clone(),
                    kind: unit.kind.clone(),
                    source: unit.source.clone(),
                    target: Some(unit.target.clone()),
                    state: segment_state(unit.state),
                    ashyq_state: unit.state.code().to_owned(),
                    source_hash: unit.source_hash.clone(),
                    target_source_hash: unit.target_source_hash.clone(),
                    target_hash: unit.target_hash(),
                    notes,
                    line: 0,
                    column: 0,
                }
            })
            .collect(),
    }
}

fn returned_state(state: SegmentState) -> ReturnedState {
    match state {
        SegmentState::Initial => ReturnedState::Initial,
        SegmentState::Translated => ReturnedState::Translated,
        SegmentState::Reviewed => ReturnedState::Reviewed,
        SegmentState::Final => ReturnedState::Final,
    }
}

fn language(given: &str) -> anyhow::Result<String> {
    let tag = LanguageTag::parse(given.trim())
        .map_err(|error| anyhow::anyhow!("--lang `{given}`: {error}"))?;
    Ok(tag.as_str().to_owned())
}

/// `ashyq translations export --lang L --out DIR`.
#[expect(clippy::print_stdout, reason = "the command's summary")]
pub(crate) async fn export(
    global: &GlobalArgs,
    args: &TranslationsExportArgs,
) -> anyhow::Result<ExitCode> {
    let lang = language(&args.lang)?;
    let settings = Settings::load(global, None)?;
    let store = open_store(&settings).await?;
    // Taken before the units are read: a unit changed during the export counts as changed after.
    let exported_at = time::OffsetDateTime::now_utc().unix_timestamp();
    let stories = exchange_stories(&store, &lang).await.context("reading the translations")?;
    store.close().await;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let bar = progress_bar(stories.len(), "exporting");
    let (mut complete, mut partial, mut missing, mut units, mut empty) = (0, 0, 0, 0, 0);
    for story in &stories {
        bar.set_message(story.original_slug.clone());
        let path = args.out.join(format!("{}.xlf", story.original_slug));
        std::fs::write(&path, write_xliff(&xliff_story(story, exported_at)))
            .with_context(|| format!("cannot write {}", path.display()))?;
        let untranslated = story.units.iter().filter(|unit| unit.target.is_empty()).count();
        units += story.units.len();
        empty += untranslated;
        match untranslated {
            0 => complete += 1,
            n if n == story.units.len() => missing += 1,
            _ => partial += 1,
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!(
        "exported {} stories into `{lang}` to {}: {complete} fully translated, {partial} partly, \
         {missing} not at all ({units} units, {empty} without a translation)",
        stories.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Who the import writes as: `--as EMAIL` (a translator holding the claim), else the operator.
async fn translator(store: &AnyStore, email: &str) -> anyhow::Result<Translator> {
    let person = store
        .user_by_email(email)
        .await
        .context("reading the accounts")?
        .filter(|person| !person.disabled)
        .ok_or_else(|| {
            anyhow::anyhow!("--as {email}: there is no active account with this address")
        })?;
    let languages =
        store.translator_languages(person.id).await.context("reading the account's languages")?;
    Ok(Translator { id: person.id, roles: person.roles, languages })
}

/// What one file gave: the unit ids changed, and a line for each unit left as it was, naming
/// its place (`FILE:LINE:COLUMN: unit …: why`).
struct FileImported {
    changed: Vec<String>,
    notes: Vec<String>,
}

/// One file read and taken back, or the message saying why not.
async fn import_file(
    store: &AnyStore,
    writer: Writer<'_>,
    path: &Path,
    expected: Option<&str>,
    options: ImportOptions,
    now: i64,
) -> Result<FileImported, String> {
    let name = path.display();
    let size = std::fs::metadata(path).map_err(|error| format!("{name}: {error}"))?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{name}: the file holds {size} bytes, more than the {MAX_FILE_BYTES} a story's \
             translation can need; it was not read"
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|error| format!("{name}: {error}"))?;
    let story = read_xliff(&text)
        .map_err(|error| format!("{name}:{}:{}: {}", error.line, error.column, error.kind))?;
    let returned = ReturnedStory {
        original_slug: story.slug.clone(),
        src_lang: story.src_lang.clone(),
        lang: story.trg_lang.clone(),
        exported_at: story.exported_at,
        units: story
            .units
            .iter()
            .map(|unit| ReturnedUnit {
                id: unit.id.clone(),
                state: returned_state(unit.state),
                target_hash: unit.target_hash.clone(),
                source_hash: unit.source_hash.clone(),
                source: unit.source.clone(),
                target: unit.target.clone(),
            })
            .collect(),
    };
    let lang = match expected {
        Some(lang) => lang.to_owned(),
        None => language(&story.trg_lang).map_err(|_| {
            format!("{name}: trgLang `{}` is not a language tag (such as kk or ru)", story.trg_lang)
        })?,
    };
    let place = |id: Option<&str>| {
        id.and_then(|id| story.units.iter().find(|unit| unit.id == id))
            .map(|unit| format!(":{}:{}", unit.line, unit.column))
            .unwrap_or_default()
    };
    match import_exchange(store, writer, &returned, &lang, options, now).await {
        Ok(imported) => {
            // Units with nothing in them are counted, not listed: a fresh export holds many.
            let empty = |note: &&ImportNote| {
                matches!(note, ImportNote::LeftUntranslated { copy_of_source: false, .. })
            };
            let left_empty = imported.notes.iter().filter(empty).count();
            let mut notes: Vec<String> = imported
                .notes
                .iter()
                .filter(|note| !empty(note))
                .map(|note| format!("{name}{}: {note}", place(Some(note.unit()))))
                .collect();
            if left_empty > 0 {
                notes.push(format!(
                    "{name}: {left_empty} units marked `initial` with no translation were left \
                     as they are"
                ));
            }
            Ok(FileImported { changed: imported.changed, notes })
        }
        Err(ExchangeError::ChangedSinceExport { units }) => {
            // One line per unit, at its place, then what to do.
            let mut lines: Vec<String> = units
                .iter()
                .map(|unit| {
                    format!(
                        "{name}{}: unit `{unit}` was changed on the site after this file was \
                         exported, and the file changes it too without `ashyq:target-hash`",
                        place(Some(unit))
                    )
                })
                .collect();
            lines.push(format!("{name}: {}", ExchangeError::ChangedSinceExport { units }));
            Err(lines.join("\n"))
        }
        Err(error) => Err(format!("{name}{}: {error}", place(error.unit()))),
    }
}

/// `ashyq translations import FILE.xlf…`.
#[expect(clippy::print_stdout, reason = "the command's summary")]
pub(crate) async fn import(
    global: &GlobalArgs,
    args: &TranslationsImportArgs,
) -> anyhow::Result<ExitCode> {
    let expected = args.lang.as_deref().map(language).transpose()?;
    let settings = Settings::load(global, None)?;
    let store = open_store(&settings).await?;
    let person = match &args.as_person {
        Some(email) => Some(translator(&store, email).await?),
        None => None,
    };
    let writer = person.as_ref().map_or(Writer::Operator, Writer::ClaimHolder);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let bar = progress_bar(args.files.len(), "importing");
    let (mut changed_units, mut changed_files, mut refused) = (0, 0, Vec::new());
    let mut notes = Vec::new();
    for path in &args.files {
        bar.set_message(path.display().to_string());
        let options = ImportOptions { submit: args.submit, overwrite: args.overwrite };
        match import_file(&store, writer, path, expected.as_deref(), options, now).await {
            Ok(imported) => {
                notes.extend(imported.notes);
                if !imported.changed.is_empty() {
                    changed_units += imported.changed.len();
                    changed_files += 1;
                    let units = imported.changed.len();
                    tracing::info!(file = %path.display(), units, "translation imported");
                }
            }
            Err(message) => refused.push(message),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    store.close().await;
    let mut out = std::io::stdout().lock();
    for note in &notes {
        writeln!(out, "{note}")?;
    }
    let mut err = std::io::stderr().lock();
    for message in &refused {
        writeln!(err, "{message}")?;
    }
    let summary = if changed_units == 0 {
        "nothing changed".to_owned()
    } else {
        format!("{changed_units} units changed in {changed_files} files")
    };
    println!(
        "{} files read: {summary}; {} refused (nothing written from them)",
        args.files.len(),
        refused.len()
    );
    Ok(if refused.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
