//! Checkpoints of the write-ahead log, in the background, off the commit path.
//!
//! By default SQLite checkpoints inside the COMMIT that pushes the log past 1,000 pages: that commit
//! then copies the log into the database file and syncs it before it returns, and every comment
//! waiting on the writer's group commit waits with it. The server's connections therefore run with
//! `wal_autocheckpoint=0`, and one task of its own, on a connection of its own, checkpoints every
//! [`CheckpointPolicy::every`]:
//!
//! 1. `PASSIVE`: copies what the log holds into the database file and syncs it, taking no lock, so
//!    commits go on meanwhile. This is the bulk of the work.
//! 2. When the log holds [`CheckpointPolicy::full_at_pages`] or more, `FULL`: it waits its turn at
//!    the store's write gate (a fair queue; SQLite's own lock is polled, and back-to-back commits
//!    would starve it), takes the write lock, copies only what was committed during step 1, and
//!    syncs. Commits wait for that short moment — which is what lets the log restart: a log is reused from its beginning only once it
//!    has been copied completely, and under a steady stream of commits a passive checkpoint never
//!    catches up with the last one. The first commit after it starts the log over, and cuts the file
//!    back to `journal_size_limit`.
//! 3. Should the log still exceed [`WAL_CAP_PAGES`] (readers kept it from restarting), `RESTART`,
//!    which also waits for readers, so that it cannot grow without end.
//!
//! Steps 2 and 3 hold the write gate while SQLite waits for readers on an older snapshot, so they
//! wait at most [`GATED_BUSY_TIMEOUT`], not the connections' ten seconds: a slow reader then costs
//! the writers a quarter of a second, the pass ends `busy`, and the next pass tries again. (A pass
//! that waited the full ten seconds stopped every comment post for as long.) A pass that holds the
//! gate for more than [`SLOW_PASS`] is logged as a warning, with what it waited for.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::SqliteConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the server's background task checkpoints.
pub(crate) const CHECKPOINT_EVERY: Duration = Duration::from_secs(10);

/// From this many pages in the log on, a pass ends with a `FULL` checkpoint (4 MiB of 4 KiB
/// pages: SQLite's own automatic threshold).
pub(crate) const FULL_AT_PAGES: i64 = 1_000;

/// The most pages the log may hold before a checkpoint waits for readers: 64 MiB of 4 KiB pages,
/// the same as `journal_size_limit`.
pub(crate) const WAL_CAP_PAGES: i64 = 16_384;

/// The longest a `FULL` or `RESTART` step, holding the write gate, waits for readers.
pub(crate) const GATED_BUSY_TIMEOUT: Duration = Duration::from_millis(250);

/// The busy timeout the connection goes back to after a gated step (the store's own).
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A pass that kept writers waiting this long or longer is logged as a warning.
const SLOW_PASS: Duration = Duration::from_secs(1);

/// When the background task checkpoints, and how far.
#[derive(Debug, Clone, Copy)]
pub struct CheckpointPolicy {
    /// Time between passes.
    pub every: Duration,
    /// Log size (pages) from which a pass ends with a `FULL` checkpoint.
    pub full_at_pages: i64,
}

impl Default for CheckpointPolicy {
    fn default() -> Self {
        CheckpointPolicy { every: CHECKPOINT_EVERY, full_at_pages: FULL_AT_PAGES }
    }
}

/// What one checkpoint pass found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckpointPass {
    /// Pages in the log after the pass.
    pub log_pages: i64,
    /// Pages of the log in the database file after the pass.
    pub checkpointed_pages: i64,
    /// The strongest mode the pass needed: "PASSIVE", "FULL" or "RESTART".
    pub mode: &'static str,
    /// Whether readers (or, for `PASSIVE`, a writer) kept it from finishing; the next pass tries
    /// again.
    pub busy: bool,
}

async fn checkpoint(
    connection: &mut SqliteConnection,
    mode: &'static str,
) -> Result<CheckpointPass, sqlx::Error> {
    let sql = match mode {
        "FULL" => "PRAGMA wal_checkpoint(FULL)",
        "RESTART" => "PRAGMA wal_checkpoint(RESTART)",
        _ => "PRAGMA wal_checkpoint(PASSIVE)",
    };
    let (busy, log_pages, checkpointed_pages): (i64, i64, i64) =
        sqlx::query_as(sql).fetch_one(&mut *connection).await?;
    Ok(CheckpointPass { log_pages, checkpointed_pages, mode, busy: busy != 0 })
}

async fn set_busy_timeout(
    connection: &mut SqliteConnection,
    timeout: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("PRAGMA busy_timeout = {}", timeout.as_millis()))
        .execute(&mut *connection)
        .await
        .map(drop)
}

/// Runs one pass on `connection` (see the module's description). The `FULL` or `RESTART` step
/// holds `write_gate`, so that the store's own writes queue behind it instead of starving it.
pub(crate) async fn checkpoint_once(
    connection: &mut SqliteConnection,
    write_gate: &tokio::sync::Mutex<()>,
    policy: CheckpointPolicy,
) -> Result<CheckpointPass, sqlx::Error> {
    let pass = checkpoint(connection, "PASSIVE").await?;
    if pass.log_pages < policy.full_at_pages {
        return Ok(pass);
    }
    let _gate = write_gate.lock().await;
    set_busy_timeout(connection, GATED_BUSY_TIMEOUT).await?;
    let mode = if pass.log_pages <= WAL_CAP_PAGES { "FULL" } else { "RESTART" };
    let gated = checkpoint(connection, mode).await;
    set_busy_timeout(connection, BUSY_TIMEOUT).await?;
    gated
}

/// The background task; stopped (and its connection closed) by [`Checkpointer::stop`].
#[derive(Debug)]
pub(crate) struct Checkpointer {
    stop: watch::Sender<bool>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Checkpointer {
    /// Starts checkpointing on `connection` as `policy` says.
    pub(crate) fn spawn(
        mut connection: SqliteConnection,
        write_gate: Arc<tokio::sync::Mutex<()>>,
        policy: CheckpointPolicy,
    ) -> Checkpointer {
        let every = policy.every;
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = stopped.changed() => break,
                }
                let started = Instant::now();
                match checkpoint_once(&mut connection, &write_gate, policy).await {
                    Ok(pass) => {
                        let took = started.elapsed();
                        let took_us = took.as_micros() as u64;
                        if took >= SLOW_PASS && pass.mode != "PASSIVE" {
                            tracing::warn!(
                                ?pass,
                                took_us,
                                "a checkpoint kept comment posts waiting for over a second \
                                 (a slow disk sync, or readers on an old snapshot)"
                            );
                        } else if pass.mode == "RESTART" {
                            tracing::warn!(
                                ?pass,
                                took_us,
                                "the write-ahead log was over its cap; checkpointed waiting for readers"
                            );
                        } else {
                            tracing::debug!(?pass, took_us, "checkpointed");
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "checkpoint failed; retrying at the next pass")
                    }
                }
            }
            use sqlx::Connection as _;
            if let Err(error) = connection.close().await {
                tracing::warn!(%error, "closing the checkpoint connection failed");
            }
        });
        Checkpointer { stop, task: Mutex::new(Some(task)) }
    }

    /// Stops the task and waits for it to close its connection.
    pub(crate) async fn stop(&self) {
        let _ = self.stop.send(true);
        let task = self.task.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}
