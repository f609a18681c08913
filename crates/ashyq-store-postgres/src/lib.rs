//! The PostgreSQL backend of ashyq's storage: the same store traits as `ashyq-store-sqlite`, for a
//! newsroom that runs several ashyq servers on one database.
//!
//! Every write transaction takes one transaction-scoped advisory lock ([`WRITE_LOCK`]) before its
//! first statement, so writes run one at a time as they do in SQLite (`BEGIN IMMEDIATE`), across
//! every server: the code that gives comment ids or checks-then-writes stays correct unchanged.
//! Readers never wait for it. Single statements outside such a transaction are atomic on their own.

mod accounts;
mod api_tokens;
mod articles;
mod comments;
mod copy;
mod editorial;
mod errors;
mod feeds;
mod imports;
mod limits;
mod notices;
mod search;
mod site;
mod sql;
mod translations;

use std::str::FromStr;
use std::time::Duration;

use ashyq_store::{StoreError, StoreResult};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection as _, PgConnection, Postgres};

pub use copy::{CopiedTable, copy_from_sqlite};
pub use errors::map_error;
pub use notices::{CHANNEL, COMMENTS_CHANNEL, Change, ChangeListener, CommentNotice};

/// The advisory lock every write transaction holds until it ends (and the search-change trigger
/// takes too). A number of our own, far from small ones other software may pick.
pub const WRITE_LOCK: i64 = 7_391_200_115;

/// The first number of the two-number advisory locks a limit reservation takes on its keys (the
/// second is taken from the key); two-number locks never collide with [`WRITE_LOCK`]'s space.
pub const LIMIT_LOCK_SPACE: i32 = 73_912;

/// The first number of the two-number advisory locks the comment writer takes on the addresses
/// whose comments it counts against their flood limit (the second is taken from the address hash).
pub const COMMENT_LOCK_SPACE: i32 = 73_913;

/// The second number of a key's two-number advisory lock: the first 28 bits (seven hex digits)
/// of a hex key. Two keys sharing it only wait for each other.
pub(crate) fn key_lock(hex_key: &str) -> i32 {
    let prefix = hex_key.get(..7).unwrap_or("0");
    i32::from_str_radix(prefix, 16).unwrap_or(0)
}

/// The advisory lock `migrate` holds for its whole run.
pub const MIGRATE_LOCK: i64 = 7_391_200_116;

/// True when `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// A handle to the database; cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` and applies pending migrations (see [`migrate`](Self::migrate)).
    pub async fn connect(url: &str) -> StoreResult<PostgresStore> {
        let options = PgConnectOptions::from_str(url).map_err(map_error)?;
        Self::connect_with(options).await
    }

    /// Connects with `options` and applies pending migrations.
    pub async fn connect_with(options: PgConnectOptions) -> StoreResult<PostgresStore> {
        let store = Self::connect_without_migrating(options).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects without touching the schema (for `ashyq migrate`, which reports what it applied).
    pub async fn connect_without_migrating(
        options: PgConnectOptions,
    ) -> StoreResult<PostgresStore> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(map_error)?;
        Ok(PostgresStore { pool })
    }

    /// Applies the migrations not yet applied, and returns how many it applied. The whole run,
    /// counting included, holds a session advisory lock ([`MIGRATE_LOCK`]) on one connection, so
    /// servers starting together migrate once: the others wait, then find nothing to do.
    pub async fn migrate(&self) -> StoreResult<usize> {
        let mut connection = self.pool.acquire().await.map_err(map_error)?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(MIGRATE_LOCK)
            .execute(&mut *connection)
            .await
            .map_err(map_error)?;
        let outcome = async {
            let before = applied_count(&mut connection).await?;
            sqlx::migrate!("./migrations")
                .run_direct(&mut *connection)
                .await
                .map_err(|error| StoreError::Backend(Box::new(error)))?;
            let after = applied_count(&mut connection).await?;
            Ok(after.saturating_sub(before))
        }
        .await;
        let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(MIGRATE_LOCK)
            .execute(&mut *connection)
            .await;
        if unlocked.is_err() {
            // Ending the session is what ends a session lock the unlock could not.
            let _ = connection.detach().close().await;
        }
        outcome
    }

    /// The pool, for the listener of change notices and for copying data in.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Starts a write transaction on a connection of its own, holding [`WRITE_LOCK`] until it
    /// ends. This is the one way this backend writes more than one statement: end it with
    /// [`Write::commit`], [`Write::rollback`] or [`finish_write`]; dropped unfinished (an early
    /// return, a cancelled request), it closes its connection, which rolls back, and never
    /// returns it to the pool mid-transaction.
    pub(crate) async fn begin_write(&self) -> StoreResult<Write> {
        let mut connection = self.pool.acquire().await.map_err(map_error)?;
        let begun = async {
            sqlx::query("BEGIN").execute(&mut *connection).await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(WRITE_LOCK)
                .execute(&mut *connection)
                .await
        }
        .await;
        match begun {
            Ok(_) => Ok(Write { connection, finished: false }),
            Err(error) => {
                let _ = connection.detach().close().await;
                Err(map_error(error))
            }
        }
    }

    /// Starts a transaction that holds a transaction-scoped advisory lock per key of `keys` (in
    /// the two-number space [`LIMIT_LOCK_SPACE`], taken in ascending order so two reservations never
    /// wait on each other crosswise), and not [`WRITE_LOCK`]: a reservation touches only its own
    /// keys' rows, so it need not queue behind the comment writer. Ended as a [`Write`].
    pub(crate) async fn begin_keyed(&self, keys: &[i32]) -> StoreResult<Write> {
        let mut locks = keys.to_vec();
        locks.sort_unstable();
        locks.dedup();
        let mut connection = self.pool.acquire().await.map_err(map_error)?;
        let begun = async {
            sqlx::query("BEGIN").execute(&mut *connection).await?;
            for lock in locks {
                sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
                    .bind(LIMIT_LOCK_SPACE)
                    .bind(lock)
                    .execute(&mut *connection)
                    .await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await;
        match begun {
            Ok(()) => Ok(Write { connection, finished: false }),
            Err(error) => {
                let _ = connection.detach().close().await;
                Err(map_error(error))
            }
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// How many migrations the database records as applied (0 before the first run).
async fn applied_count(connection: &mut PgConnection) -> StoreResult<usize> {
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *connection)
        .await
        .map_err(map_error)?;
    if !exists {
        return Ok(0);
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *connection)
        .await
        .map_err(map_error)?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// A write transaction begun with [`PostgresStore::begin_write`].
pub(crate) struct Write {
    connection: PoolConnection<Postgres>,
    /// Committed or rolled back: the connection may go back to the pool.
    finished: bool,
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
            // Its transaction state is in doubt: closing it rolls back whatever it began (and
            // ends the advisory lock with it).
            self.connection.close_on_drop();
        }
    }
}

impl std::ops::Deref for Write {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        &self.connection
    }
}

impl std::ops::DerefMut for Write {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.connection
    }
}

/// Commits a write begun with [`PostgresStore::begin_write`] when `outcome` is a success; on any
/// failure it rolls back and closes the connection rather than return it to the pool in doubt.
pub(crate) async fn finish_write<T>(
    mut write: Write,
    outcome: Result<T, sqlx::Error>,
) -> StoreResult<T> {
    let outcome = match outcome {
        Ok(value) => sqlx::query("COMMIT").execute(&mut *write).await.map(|_| value),
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
mod tests;
