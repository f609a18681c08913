//! Translations worked on outside the site (XLIFF files for translators' tools): what a story's
//! translation into a language is, unit by unit, for export ([`exchange_story`],
//! [`exchange_stories`]), and a file's texts taken back ([`import_exchange`]) through the
//! side-by-side editor's own save ([`save_work`]), after checking that the file still fits the
//! story: the same languages, every unit id known, every source as it was exported. The file
//! format itself is `ashyq_import::xliff`. A unit that comes back without the hash of its target
//! as exported (a tool dropped it) never replaces the site's newer text unseen: see
//! [`import_exchange`].
//!
//! `export` makes the story's units, `returned` holds what a file brings back and what an import
//! answers, `import` takes a file's texts back.

mod export;
mod import;
mod returned;

pub use export::{ExchangeState, ExchangeStory, ExchangeUnit, exchange_stories, exchange_story};
pub use import::import_exchange;
pub use returned::{
    CLOCK_SKEW_SECONDS, ExchangeError, ImportNote, ImportOptions, Imported, ReturnedState,
    ReturnedStory, ReturnedUnit,
};

#[cfg(test)]
mod tests;
