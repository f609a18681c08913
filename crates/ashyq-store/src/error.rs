//! The one error type every storage backend returns.

/// What went wrong in storage, in terms callers can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness or reference rule we named was broken; `constraint` is our constraint's name,
    /// such as `articles_slug_key`.
    #[error("conflict with existing data ({constraint})")]
    Conflict { constraint: String },
    /// The database cannot take writes now (read-only or full disk); readers still work.
    #[error("the database cannot be written: {0}")]
    Unwritable(String),
    /// Anything else from the driver.
    #[error("storage failure: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

pub type StoreResult<T> = Result<T, StoreError>;
