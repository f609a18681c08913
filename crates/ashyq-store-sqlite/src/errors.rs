//! Turning sqlx errors into `StoreError`, by the constraint names our migrations chose.

use ashyq_store::StoreError;

/// SQLite reports a unique violation as "UNIQUE constraint failed: table.column"; this table maps
/// those to the constraint names the migrations give, which callers match on.
const UNIQUE_COLUMNS: &[(&str, &str)] = &[
    ("articles.slug", "articles_slug_key"),
    ("authors.slug", "authors_slug_key"),
    ("tags.slug", "tags_slug_key"),
    ("users.email", "users_email_key"),
    ("sessions.token_hash", "sessions_token_key"),
    ("media.name", "media_name_key"),
    ("imported_items.source", "imported_items_pkey"),
];

/// Maps a driver error to a `StoreError`.
pub fn map_error(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(database_error) = &error {
        let message = database_error.message();
        if let Some(constraint) = database_error.constraint() {
            return StoreError::Conflict { constraint: constraint.to_owned() };
        }
        if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ") {
            let constraint = UNIQUE_COLUMNS
                .iter()
                .find(|(column, _)| columns.starts_with(column))
                .map_or_else(|| columns.to_owned(), |(_, name)| (*name).to_owned());
            return StoreError::Conflict { constraint };
        }
        let lower = message.to_lowercase();
        if lower.contains("readonly")
            || lower.contains("read-only")
            || lower.contains("disk is full")
            || lower.contains("database or disk is full")
        {
            return StoreError::Unwritable(message.to_owned());
        }
    }
    if let sqlx::Error::Io(io_error) = &error
        && matches!(
            io_error.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::ReadOnlyFilesystem
        )
    {
        return StoreError::Unwritable(io_error.to_string());
    }
    StoreError::Backend(Box::new(error))
}
