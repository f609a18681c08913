//! What a file brings back ([`ReturnedStory`], its units and their XLIFF states), how an import
//! takes it ([`ImportOptions`]), and what an import answers: what it did ([`Imported`]), what it
//! left and why ([`ImportNote`]), and why it refused the file ([`ExchangeError`]).

use crate::translations::workbench::WorkError;

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

    pub(super) fn says_reviewed(self) -> bool {
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
