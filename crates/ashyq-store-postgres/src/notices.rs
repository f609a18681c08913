//! Change notices between servers: the triggers of migration 0002 announce, on the channel
//! [`CHANNEL`], every committed change readers may see, and those of migration 0011, on
//! [`COMMENTS_CHANNEL`], every committed comment's fingerprint; each server listens here and
//! applies them to its own caches and duplicate-check lists.

use ashyq_store::{ArticleId, CommentId, RecentComment, StoreResult, StoredFingerprint};
use sqlx::postgres::PgListener;

use crate::{PostgresStore, map_error};

/// The channel the triggers notify on.
pub const CHANNEL: &str = "ashyq_changes";

/// The channel committed comments' fingerprints are announced on (migration 0011).
pub const COMMENTS_CHANNEL: &str = "ashyq_comments";

/// A comment committed (or given a new text) by any server, as the duplicate check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentNotice {
    /// A new text of a comment stored before, rather than a new comment.
    pub edited: bool,
    pub article_id: ArticleId,
    /// The keyed hashes the comments table holds (never a plain address).
    pub address_hash: Option<String>,
    pub email_hash: Option<String>,
    pub comment: RecentComment,
}

impl CommentNotice {
    /// Reads a payload of migration 0011's trigger; `None` when it is not one.
    fn from_payload(payload: &str) -> Option<CommentNotice> {
        let parts: Vec<&str> = payload.split(' ').collect();
        let [kind, id, created_at, exact, simhash, tokens, article_id, address, email] = parts[..]
        else {
            return None;
        };
        let edited = match kind {
            "new" => false,
            "edited" => true,
            _ => return None,
        };
        let number = |text: &str| text.parse::<i64>().ok();
        let hash = |text: &str| (text != "-").then(|| text.to_owned());
        Some(CommentNotice {
            edited,
            article_id: ArticleId(number(article_id)?),
            address_hash: hash(address),
            email_hash: hash(email),
            comment: RecentComment {
                id: CommentId(number(id)?),
                created_at: number(created_at)?,
                fingerprint: StoredFingerprint {
                    exact: number(exact)?,
                    simhash: number(simhash)?,
                    tokens: number(tokens)?,
                },
            },
        })
    }
}

/// What a server must do about a change made elsewhere (or by itself: notices reach every
/// listener, the sender's own included, which is harmless).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Something was added that may show a moment late (an approval, a pick).
    Refresh,
    /// Something was taken away or corrected: serve nothing from before.
    Invalidate,
    /// The site's word lists changed.
    Screen,
    /// A comment was committed, or given a new text: add it to the duplicate check's lists.
    Comment(CommentNotice),
    /// A comment notice that could not be read: the duplicate check's lists may lack a comment.
    CommentUnreadable,
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
            Some(notification) if notification.channel() == COMMENTS_CHANNEL => {
                Ok(CommentNotice::from_payload(notification.payload())
                    .map_or(Change::CommentUnreadable, Change::Comment))
            }
            Some(notification) => Ok(Change::from_payload(notification.payload())),
            None => Ok(Change::Missed),
        }
    }
}

impl PostgresStore {
    /// Starts listening for change notices on a connection of its own.
    pub async fn listen(&self) -> StoreResult<ChangeListener> {
        let mut listener = PgListener::connect_with(&self.pool).await.map_err(map_error)?;
        listener.listen_all([CHANNEL, COMMENTS_CHANNEL]).await.map_err(map_error)?;
        Ok(ChangeListener { listener })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_notices_read_back_and_anything_else_is_refused() {
        let notice = CommentNotice::from_payload("new 42 1800000000 -7 9 12 3 abc0 -").unwrap();
        assert_eq!(
            notice,
            CommentNotice {
                edited: false,
                article_id: ArticleId(3),
                address_hash: Some("abc0".to_owned()),
                email_hash: None,
                comment: RecentComment {
                    id: CommentId(42),
                    created_at: 1_800_000_000,
                    fingerprint: StoredFingerprint { exact: -7, simhash: 9, tokens: 12 },
                },
            }
        );
        assert!(CommentNotice::from_payload("edited 42 1 2 3 4 5 - e1").unwrap().edited);
        assert_eq!(CommentNotice::from_payload("new 42 1 2 3 4 5 -"), None, "a part missing");
        assert_eq!(CommentNotice::from_payload("old 42 1 2 3 4 5 - -"), None);
        assert_eq!(CommentNotice::from_payload("new x 1 2 3 4 5 - -"), None);
    }
}
