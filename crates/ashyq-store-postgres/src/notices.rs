//! Change notices between servers: the triggers of migration 0002 announce, on the channel
//! [`CHANNEL`], every committed change readers may see; each server listens here and applies it to
//! its own caches.

use ashyq_store::StoreResult;
use sqlx::postgres::PgListener;

use crate::{PostgresStore, map_error};

/// The channel the triggers notify on.
pub const CHANNEL: &str = "ashyq_changes";

/// What a server must do about a change made elsewhere (or by itself: notices reach every
/// listener, the sender's own included, which is harmless).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Something was added that may show a moment late (an approval, a pick).
    Refresh,
    /// Something was taken away or corrected: serve nothing from before.
    Invalidate,
    /// The site's word lists changed.
    Screen,
    /// The connection to the database dropped and was made again: notices may have been missed,
    /// so act as if everything changed.
    Missed,
}

impl Change {
    fn from_payload(payload: &str) -> Change {
        match payload {
            "refresh" => Change::Refresh,
            "screen" => Change::Screen,
            // Unknown payloads (from a newer version) are treated as the strictest change.
            _ => Change::Invalidate,
        }
    }
}

/// A listening connection of its own.
pub struct ChangeListener {
    listener: PgListener,
}

impl ChangeListener {
    /// The next change. Never misses silently: after a reconnection it answers [`Change::Missed`].
    pub async fn next(&mut self) -> StoreResult<Change> {
        match self.listener.try_recv().await.map_err(map_error)? {
            Some(notification) => Ok(Change::from_payload(notification.payload())),
            None => Ok(Change::Missed),
        }
    }
}

impl PostgresStore {
    /// Starts listening for change notices on a connection of its own.
    pub async fn listen(&self) -> StoreResult<ChangeListener> {
        let mut listener = PgListener::connect_with(&self.pool).await.map_err(map_error)?;
        listener.listen(CHANNEL).await.map_err(map_error)?;
        Ok(ChangeListener { listener })
    }
}
