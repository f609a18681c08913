//! The service layer: each use case that more than one door leads to (the web form, the JSON API,
//! a mailed link, the command line, an importer) is one function here, generic over the store.
//! Doors parse their own transport (HTTP forms, JSON, flags) and call these; they never apply a
//! use case themselves.
//!
//! **Invariant:** no HTTP and no SQL: this crate sees the store only through `ashyq-store`'s traits.

pub mod comments;
pub mod decisions;
pub mod media;
pub mod screening;
pub mod translations;
