//! `AnyStore` implements each store trait by handing every call to the chosen engine's store.
//! One method per trait method: a method added to a trait in `ashyq-store` gets its line here.
//! The impls are grouped by what the traits hold: `accounts`, `content`, `comments`,
//! `translations`.

mod accounts;
mod comments;
mod content;
mod translations;
