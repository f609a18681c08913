//! The SQLite backend of ashyq's storage: one database file in the data folder, WAL mode with
//! `synchronous=FULL` so that an acknowledged write survives a crash or power loss.

mod accounts;
mod articles;
mod comments;
mod editorial;
mod errors;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use ashyq_store::{StoreError, StoreResult};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use errors::map_error;

/// The name of the database file inside the data folder.
pub const DATABASE_FILE: &str = "ashyq.db";

/// A handle to the database; cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations.
    pub async fn open(data_dir: &Path) -> StoreResult<SqliteStore> {
        Self::open_file(&data_dir.join(DATABASE_FILE)).await
    }

    /// Opens the database at `path` and applies pending migrations.
    pub async fn open_file(path: &Path) -> StoreResult<SqliteStore> {
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(map_error)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(options)
            .await
            .map_err(map_error)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|error| StoreError::Backend(Box::new(error)))?;
        Ok(SqliteStore { pool })
    }

    /// Closes every connection, checkpointing the write-ahead log.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests;
