//! Turning sqlx errors into `StoreError`, by the constraint names our migrations chose.

use ashyq_store::{Constraint, StoreError};

/// Maps a driver error to a `StoreError`. PostgreSQL names the violated constraint (unique
/// indexes by their index name), and says what kind of failure it was by SQLSTATE code, never by
/// message text.
pub fn map_error(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(database_error) = &error {
        if let Some(constraint) = database_error.constraint() {
            return StoreError::Conflict { constraint: Constraint::from_name(constraint) };
        }
        // 25006 read_only_sql_transaction; 53100 disk_full; 53000 insufficient_resources.
        if let Some(code) = database_error.code()
            && matches!(code.as_ref(), "25006" | "53100" | "53000")
        {
            return StoreError::Unwritable(database_error.message().to_owned());
        }
    }
    StoreError::Backend(Box::new(error))
}
