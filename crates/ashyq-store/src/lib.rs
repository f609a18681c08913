//! The storage interface: what the rest of ashyq may ask of a database, as traits over domain types.
//! Backends (`ashyq-store-sqlite`, later PostgreSQL) implement them; nothing here knows SQL.

pub mod articles;
pub mod error;

pub use articles::{
    ArticleStore, ArticleSummary, ArticleView, AuthorPage, ImportOutcome, LanguageCount, NamedLink,
    NewArticle, TagPage, TranslationLink,
};
pub use error::{StoreError, StoreResult};
