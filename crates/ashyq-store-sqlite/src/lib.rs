//! The SQLite backend of ashyq's storage: one database file in the data folder, WAL mode with
//! `synchronous=FULL` so that an acknowledged write survives a crash or power loss.

mod accounts;
mod api_tokens;
mod articles;
mod checkpoint;
mod comments;
mod editorial;
mod errors;
mod feeds;
mod imports;
mod limits;
mod search;
mod translations;

mod site;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use ashyq_store::{StoreError, StoreResult};
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection as _, Sqlite, SqliteConnection};

use checkpoint::Checkpointer;
pub use checkpoint::{CheckpointPass, CheckpointPolicy};
pub use errors::map_error;

/// The name of the database file inside the data folder.
pub const DATABASE_FILE: &str = "ashyq.db";

/// A handle to the database; cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Held by every [`begin_write`](SqliteStore::begin_write) transaction until it ends, and by
    /// the background checkpoint's short `FULL` step: waiting here is a fair queue, where waiting
    /// for SQLite's write lock is polling (the comment writer's back-to-back commits would starve a
    /// checkpoint that polls).
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// The background checkpoints of a server's store (see [`SqliteStore::open_for_server`]).
    checkpointer: Option<Arc<Checkpointer>>,
}

impl SqliteStore {
    /// Starts a write transaction on a connection of its own, taking the write lock at once
    /// (`BEGIN IMMEDIATE`), so that a busy database makes it wait with the busy timeout instead of
    /// failing halfway through a deferred transaction. This is the one way this backend writes
    /// more than one statement: end it with [`Write::commit`], [`Write::rollback`] or
    /// [`finish_write`]; dropped unfinished (an early return, a cancelled request), it closes its
    /// connection, which rolls back, and never returns it to the pool mid-transaction.
    pub(crate) async fn begin_write(&self) -> StoreResult<Write> {
        let asked = std::time::Instant::now();
        let gate = Arc::clone(&self.write_gate).lock_owned().await;
        let mut connection = self.pool.acquire().await.map_err(map_error)?;
        let acquired = asked.elapsed();
        match sqlx::query("BEGIN IMMEDIATE").execute(&mut *connection).await {
            Ok(_) => {
                tracing::debug!(
                    acquire_us = acquired.as_micros() as u64,
                    begin_us = (asked.elapsed() - acquired).as_micros() as u64,
                    "write begun"
                );
                Ok(Write { connection, finished: false, _gate: gate })
            }
            Err(error) => {
                // A connection that cannot begin may be in a state nobody expects: close it, and
                // try once more on a fresh one.
                tracing::warn!(%error, "could not begin a write; retrying on a fresh connection");
                let _ = connection.detach().close().await;
                let mut connection = self.pool.acquire().await.map_err(map_error)?;
                sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut *connection)
                    .await
                    .map_err(map_error)?;
                Ok(Write { connection, finished: false, _gate: gate })
            }
        }
    }

    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations. SQLite
    /// checkpoints the write-ahead log itself, inside commits: right for commands that write and
    /// exit; a server uses [`open_for_server`](Self::open_for_server).
    pub async fn open(data_dir: &Path) -> StoreResult<SqliteStore> {
        Self::open_file(&data_dir.join(DATABASE_FILE)).await
    }

    /// Opens the database at `path` and applies pending migrations.
    ///
    /// The file holds second-factor secrets and token hashes, so it is readable by its owner only
    /// (0600), and so are its `-wal` and `-shm` files: SQLite creates them with the database file's
    /// permissions, and older ones are tightened here.
    pub async fn open_file(path: &Path) -> StoreResult<SqliteStore> {
        Self::open_with(path, None).await
    }

    /// Opens the database in `data_dir` for a long-running server: no commit ever checkpoints the
    /// write-ahead log; a background task does, on a connection of its own (see `checkpoint.rs`).
    /// Call inside the runtime; [`close`](Self::close) stops the task.
    pub async fn open_for_server(data_dir: &Path) -> StoreResult<SqliteStore> {
        Self::open_with(&data_dir.join(DATABASE_FILE), Some(CheckpointPolicy::default())).await
    }

    /// Opens the database at `path`; with a policy, checkpoints only in the background.
    pub async fn open_with(
        path: &Path,
        checkpoints: Option<CheckpointPolicy>,
    ) -> StoreResult<SqliteStore> {
        make_private(path).map_err(|error| StoreError::Backend(Box::new(error)))?;
        let mut options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(map_error)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(checkpoint::BUSY_TIMEOUT)
            // Each connection keeps at most 256 KiB of pages (the root and inner pages of the hot
            // tables and indexes); the kernel's file cache holds the rest, and rendered pages are
            // cached above the store. A larger cache is not faster here but fills slowly over hours
            // of posting: with 1 MiB per connection SQLite's own memory went from 2.3 to 8.9 MB
            // during a 5-minute soak, most of the server's RSS growth (bench/RESULTS.md, issue 9).
            .pragma("cache_size", "-256")
            // Keep the write-ahead log from growing without end under constant reading.
            .pragma("journal_size_limit", "67108864");
        if checkpoints.is_some() {
            options = options.pragma("wal_autocheckpoint", "0");
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            // A connection to a file in this process cannot have dropped: the default ping before
            // every use doubled the thread hand-offs of each query (a post makes four).
            .test_before_acquire(false)
            .connect_with(options.clone())
            .await
            .map_err(map_error)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|error| StoreError::Backend(Box::new(error)))?;
        let write_gate = Arc::new(tokio::sync::Mutex::new(()));
        let checkpointer = match checkpoints {
            Some(policy) => {
                let connection =
                    SqliteConnection::connect_with(&options).await.map_err(map_error)?;
                let gate = Arc::clone(&write_gate);
                Some(Arc::new(Checkpointer::spawn(connection, gate, policy)))
            }
            None => None,
        };
        Ok(SqliteStore { pool, write_gate, checkpointer })
    }

    /// Runs one checkpoint pass now, as the background task does (for tests: it takes a pooled
    /// connection before the write gate, the other order from `begin_write`).
    #[cfg(test)]
    pub(crate) async fn checkpoint(&self, policy: CheckpointPolicy) -> StoreResult<CheckpointPass> {
        let mut connection = self.pool.acquire().await.map_err(map_error)?;
        checkpoint::checkpoint_once(&mut connection, &self.write_gate, policy)
            .await
            .map_err(map_error)
    }

    /// Closes every connection, checkpointing the write-ahead log.
    pub async fn close(&self) {
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.stop().await;
        }
        self.pool.close().await;
    }
}

/// Creates the database file empty (a valid, empty SQLite database) with owner-only permissions if
/// it is missing, and takes group and other permissions away from it and its companions otherwise.
fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
        let created =
            std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path);
        match created {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
        let mut companions = vec![path.to_path_buf()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            companions.push(name.into());
        }
        for file in companions {
            match std::fs::metadata(&file) {
                Ok(metadata) if metadata.permissions().mode() & 0o077 != 0 => {
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
                }
                Ok(_) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A write transaction begun with [`SqliteStore::begin_write`]: its connection, and its place at the
/// write gate until it ends.
pub(crate) struct Write {
    connection: PoolConnection<Sqlite>,
    /// Committed or rolled back: the connection may go back to the pool.
    finished: bool,
    _gate: tokio::sync::OwnedMutexGuard<()>,
}

impl Write {
    /// Commits; on failure the connection is closed (see [`finish_write`]).
    pub(crate) async fn commit(self) -> StoreResult<()> {
        finish_write(self, Ok(())).await
    }

    /// Ends the transaction writing nothing (a refused decision, a token already used).
    pub(crate) async fn rollback(mut self) -> StoreResult<()> {
        sqlx::query("ROLLBACK").execute(&mut *self.connection).await.map_err(map_error)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Write {
    fn drop(&mut self) {
        if !self.finished {
            // Its transaction state is in doubt: closing it rolls back whatever it began.
            self.connection.close_on_drop();
        }
    }
}

impl std::ops::Deref for Write {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.connection
    }
}

impl std::ops::DerefMut for Write {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.connection
    }
}

/// Commits a write begun with [`SqliteStore::begin_write`] when `outcome` is a success. On any
/// failure — of the work or of the commit itself (a full disk fails at COMMIT) — it rolls back and
/// closes the connection instead of returning it to the pool: a connection whose transaction state
/// is in doubt must never carry the next write, or that write could be acknowledged and then lost.
pub(crate) async fn finish_write<T>(
    mut write: Write,
    outcome: Result<T, sqlx::Error>,
) -> StoreResult<T> {
    let outcome = match outcome {
        Ok(value) => {
            let started = std::time::Instant::now();
            let committed = sqlx::query("COMMIT").execute(&mut *write).await.map(|_| value);
            tracing::debug!(commit_us = started.elapsed().as_micros() as u64, "write committed");
            committed
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(value) => {
            write.finished = true;
            Ok(value)
        }
        Err(error) => {
            let _ = sqlx::query("ROLLBACK").execute(&mut *write).await;
            // Dropped unfinished: the connection is closed.
            Err(map_error(error))
        }
    }
}

#[cfg(test)]
mod account_tests;
#[cfg(test)]
mod checkpoint_tests;
#[cfg(test)]
mod tests;
