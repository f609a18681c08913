//! `ashyq copy-data`: a site's SQLite database copied into an empty PostgreSQL database, in one
//! transaction. Every table of the source must exist in the target with the same columns; the
//! rows of each table are counted on both sides before the commit, and any difference (or any
//! error) rolls everything back, so the target holds either the whole site or nothing.

use std::path::Path;

use ashyq_store::{StoreError, StoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteRow};
use sqlx::{
    Column as _, Connection as _, Row as _, SqliteConnection, TypeInfo as _, ValueRef as _,
};

use crate::{PostgresStore, map_error};

/// Tables in an order that satisfies every foreign key (a comment's parent comes first: rows are
/// copied in id order). Tables not listed here are copied after these, in name order.
const ORDER: &[&str] = &[
    "users",
    "authors",
    "tags",
    "articles",
    "article_authors",
    "article_tags",
    "article_revisions",
    "media",
    "media_variants",
    "sessions",
    "one_time_tokens",
    "api_tokens",
    "comments",
    "moderation_actions",
    "bans",
    "word_lists",
    "moderator_languages",
    "search_changes",
    "imported_items",
    "site_settings",
    // Last: the triggers move the target's generation while articles and settings are copied.
    "site_generation",
];

/// Tables the target's migrations or triggers fill on their own (the search index's change numbers,
/// the site generation): their rows are replaced by the source's.
const NUMBERED_BY_TRIGGERS: &[&str] = &["search_changes", "site_generation"];

/// Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters per statement).
const ROWS_PER_INSERT: usize = 500;

/// One table's count, as copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedTable {
    pub name: String,
    pub rows: i64,
}

/// A value as SQLite holds it.
enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

fn fail(message: String) -> StoreError {
    StoreError::Backend(message.into())
}

/// Copies every table of the SQLite database at `source` into `target`, which must be migrated
/// and empty. Returns each table's row count.
pub async fn copy_from_sqlite(
    source: &Path,
    target: &PostgresStore,
) -> StoreResult<Vec<CopiedTable>> {
    let options = SqliteConnectOptions::new().filename(source).read_only(true);
    let mut sqlite = SqliteConnection::connect_with(&options).await.map_err(map_error)?;
    // One read transaction: the copy is of one moment, even if a server still writes.
    sqlx::query("BEGIN").execute(&mut sqlite).await.map_err(map_error)?;
    let outcome = copy_tables(&mut sqlite, target).await;
    let _ = sqlx::query("ROLLBACK").execute(&mut sqlite).await;
    let _ = sqlite.close().await;
    outcome
}

async fn copy_tables(
    sqlite: &mut SqliteConnection,
    target: &PostgresStore,
) -> StoreResult<Vec<CopiedTable>> {
    let mut names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut *sqlite)
    .await
    .map_err(map_error)?;
    names.sort_by_key(|name| ORDER.iter().position(|known| known == name).unwrap_or(ORDER.len()));

    let mut tx = target.begin_write().await?;
    let mut copied = Vec::new();
    for name in &names {
        let target_columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(name)
        .fetch_all(&mut *tx)
        .await
        .map_err(map_error)?;
        if target_columns.is_empty() {
            return Err(fail(format!(
                "the PostgreSQL database has no table `{name}`: is it migrated, by the same version of ashyq?"
            )));
        }
        let existing: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{name}\""))
            .fetch_one(&mut *tx)
            .await
            .map_err(map_error)?;
        if existing > 0 && !NUMBERED_BY_TRIGGERS.contains(&name.as_str()) {
            return Err(fail(format!(
                "the PostgreSQL database is not empty (`{name}` has {existing} rows); copy-data only fills an empty one"
            )));
        }
        // Triggers number the copied articles on their own; the source's numbers replace them.
        if NUMBERED_BY_TRIGGERS.contains(&name.as_str()) {
            sqlx::query(&format!("DELETE FROM \"{name}\""))
                .execute(&mut *tx)
                .await
                .map_err(map_error)?;
        }
        // In rowid order: the id order for tables with an integer key, and the order rows were
        // written in for the others (which the target's identity columns then keep, as
        // `translation_units.seq` does for SQLite's `ORDER BY rowid`). No table is WITHOUT ROWID.
        let rows: Vec<SqliteRow> = sqlx::query(&format!("SELECT * FROM \"{name}\" ORDER BY rowid"))
            .fetch_all(&mut *sqlite)
            .await
            .map_err(map_error)?;
        let source_count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let columns: Vec<String> = match rows.first() {
            Some(row) => row.columns().iter().map(|column| column.name().to_owned()).collect(),
            None => Vec::new(),
        };
        // A NULL must be sent with its column's type: PostgreSQL will not put a text NULL into a
        // BIGINT column.
        let mut null_types = Vec::with_capacity(columns.len());
        for column in &columns {
            let Some((_, data_type)) = target_columns.iter().find(|(known, _)| known == column)
            else {
                return Err(fail(format!(
                    "the PostgreSQL table `{name}` has no column `{column}`: is it migrated, by the same version of ashyq?"
                )));
            };
            null_types.push(data_type.clone());
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let quoted: Vec<String> =
                columns.iter().map(|column| format!("\"{column}\"")).collect();
            let mut insert = sqlx::QueryBuilder::<sqlx::Postgres>::new(format!(
                "INSERT INTO \"{name}\" ({}) ",
                quoted.join(", ")
            ));
            let mut values = Vec::with_capacity(chunk.len());
            for row in chunk {
                let mut row_values = Vec::with_capacity(columns.len());
                for index in 0..columns.len() {
                    row_values.push(value(row, index)?);
                }
                values.push(row_values);
            }
            insert.push_values(values, |mut builder, row| {
                for (value, null_type) in row.into_iter().zip(&null_types) {
                    match value {
                        Value::Null => match null_type.as_str() {
                            "bigint" | "integer" | "smallint" => builder.push_bind(None::<i64>),
                            "double precision" | "real" => builder.push_bind(None::<f64>),
                            "bytea" => builder.push_bind(None::<Vec<u8>>),
                            _ => builder.push_bind(None::<String>),
                        },
                        Value::Integer(number) => builder.push_bind(number),
                        Value::Real(number) => builder.push_bind(number),
                        Value::Text(text) => builder.push_bind(text),
                        Value::Blob(bytes) => builder.push_bind(bytes),
                    };
                }
            });
            insert.build().execute(&mut *tx).await.map_err(map_error)?;
        }
        let target_count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{name}\""))
            .fetch_one(&mut *tx)
            .await
            .map_err(map_error)?;
        if target_count != source_count {
            return Err(fail(format!(
                "`{name}`: {source_count} rows in SQLite but {target_count} in PostgreSQL; nothing was written"
            )));
        }
        copied.push(CopiedTable { name: name.clone(), rows: source_count });
    }
    // Identity columns go on from the largest copied id.
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(map_error)?;
    for (table, column) in identities {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), \
             COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
        ))
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
    }
    tx.commit().await?;
    Ok(copied)
}

fn value(row: &SqliteRow, index: usize) -> StoreResult<Value> {
    let raw = row.try_get_raw(index).map_err(map_error)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let kind = raw.type_info().name().to_owned();
    let decoded = match kind.as_str() {
        "INTEGER" => row.try_get(index).map(Value::Integer),
        "REAL" => row.try_get(index).map(Value::Real),
        "BLOB" => row.try_get(index).map(Value::Blob),
        _ => row.try_get(index).map(Value::Text),
    };
    decoded.map_err(map_error)
}
