//! The one error type every storage backend returns, with the rules a write can break named as
//! values ([`Constraint`]), so callers match on a variant, never on a name or a message.

/// A uniqueness or reference rule of the schema. Both backends' migrations give these names; each
/// backend turns its driver's report into one of them in its `map_error`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Constraint {
    /// `articles_slug_key`: an article already has this slug.
    ArticleSlug,
    /// `authors_slug_key`.
    AuthorSlug,
    /// `tags_slug_key`.
    TagSlug,
    /// `users_email_key`: a person already has this e-mail address.
    UserEmail,
    /// `sessions_token_key`.
    SessionToken,
    /// `media_name_key`: a media file of this name is recorded.
    MediaName,
    /// `imported_items_pkey`: this foreign item was imported before.
    ImportedItem,
    /// Any other rule, by the name the backend reported (logged, never matched on).
    Other(String),
}

impl Constraint {
    const NAMED: [Constraint; 7] = [
        Constraint::ArticleSlug,
        Constraint::AuthorSlug,
        Constraint::TagSlug,
        Constraint::UserEmail,
        Constraint::SessionToken,
        Constraint::MediaName,
        Constraint::ImportedItem,
    ];

    /// The name the migrations give the rule.
    pub fn name(&self) -> &str {
        match self {
            Constraint::ArticleSlug => "articles_slug_key",
            Constraint::AuthorSlug => "authors_slug_key",
            Constraint::TagSlug => "tags_slug_key",
            Constraint::UserEmail => "users_email_key",
            Constraint::SessionToken => "sessions_token_key",
            Constraint::MediaName => "media_name_key",
            Constraint::ImportedItem => "imported_items_pkey",
            Constraint::Other(name) => name,
        }
    }

    /// The rule the migrations named `name`.
    pub fn from_name(name: &str) -> Constraint {
        Constraint::NAMED
            .into_iter()
            .find(|constraint| constraint.name() == name)
            .unwrap_or_else(|| Constraint::Other(name.to_owned()))
    }
}

impl std::fmt::Display for Constraint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What went wrong in storage, in terms callers can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness or reference rule was broken; nothing of the write was kept.
    #[error("conflict with existing data ({constraint})")]
    Conflict { constraint: Constraint },
    /// The database cannot take writes now (read-only or full disk); readers still work.
    #[error("the database cannot be written: {0}")]
    Unwritable(String),
    /// Anything else from the driver.
    #[error("storage failure: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// Whether this is a conflict with `constraint`.
    pub fn is_conflict(&self, constraint: &Constraint) -> bool {
        matches!(self, StoreError::Conflict { constraint: broken } if broken == constraint)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_rule_reads_back_from_its_name() {
        for constraint in Constraint::NAMED {
            assert_eq!(Constraint::from_name(constraint.name()), constraint);
        }
        assert_eq!(
            Constraint::from_name("comments_parent_fkey"),
            Constraint::Other("comments_parent_fkey".to_owned())
        );
    }
}
