//! Turning sqlx errors into `StoreError`: the kind of failure by SQLite's result code, the rule
//! broken by the constraint names our migrations chose.

use ashyq_store::{Constraint, StoreError};
use sqlx::error::ErrorKind;

/// SQLite names no constraint in a unique violation: its report lists the columns
/// (`table.column`). This table maps those to the names the migrations give the rules.
const UNIQUE_COLUMNS: &[(&str, Constraint)] = &[
    ("articles.slug", Constraint::ArticleSlug),
    ("authors.slug", Constraint::AuthorSlug),
    ("tags.slug", Constraint::TagSlug),
    ("users.email", Constraint::UserEmail),
    ("sessions.token_hash", Constraint::SessionToken),
    ("media.name", Constraint::MediaName),
    ("imported_items.source", Constraint::ImportedItem),
];

/// Primary result codes (the low byte of the extended code sqlx reports).
const SQLITE_READONLY: i64 = 8;
const SQLITE_FULL: i64 = 13;

/// Maps a driver error to a `StoreError`.
pub fn map_error(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(database_error) = &error {
        if let Some(constraint) = database_error.constraint() {
            return StoreError::Conflict { constraint: Constraint::from_name(constraint) };
        }
        if matches!(database_error.kind(), ErrorKind::UniqueViolation) {
            return StoreError::Conflict { constraint: unique_rule(database_error.message()) };
        }
        let primary = database_error
            .code()
            .and_then(|code| code.parse::<i64>().ok())
            .map(|extended| extended & 0xff);
        if matches!(primary, Some(SQLITE_READONLY | SQLITE_FULL)) {
            return StoreError::Unwritable(database_error.message().to_owned());
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

/// The rule a unique violation broke, from the columns SQLite lists in its report (the only place
/// it says which); columns of no named rule are kept as they were reported.
fn unique_rule(report: &str) -> Constraint {
    let columns = report.rsplit(": ").next().unwrap_or(report);
    UNIQUE_COLUMNS
        .iter()
        .find(|(column, _)| columns.starts_with(column))
        .map_or_else(|| Constraint::Other(columns.to_owned()), |(_, rule)| rule.clone())
}

#[cfg(test)]
mod tests {
    use ashyq_store::StoreError;

    use super::*;

    async fn memory() -> sqlx::SqliteConnection {
        use sqlx::Connection as _;
        let mut connection = sqlx::SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE TABLE users (email TEXT NOT NULL UNIQUE, name TEXT)")
            .execute(&mut connection)
            .await
            .unwrap();
        connection
    }

    #[tokio::test]
    async fn a_unique_violation_is_the_named_rule_and_a_read_only_database_is_unwritable() {
        let mut connection = memory().await;
        sqlx::query("INSERT INTO users VALUES ('a@example.org', 'A')")
            .execute(&mut connection)
            .await
            .unwrap();
        let error = sqlx::query("INSERT INTO users VALUES ('a@example.org', 'B')")
            .execute(&mut connection)
            .await
            .unwrap_err();
        assert!(map_error(error).is_conflict(&Constraint::UserEmail));

        sqlx::query("PRAGMA query_only = ON").execute(&mut connection).await.unwrap();
        let error = sqlx::query("INSERT INTO users VALUES ('c@example.org', 'C')")
            .execute(&mut connection)
            .await
            .unwrap_err();
        assert!(matches!(map_error(error), StoreError::Unwritable(_)));
    }
}
