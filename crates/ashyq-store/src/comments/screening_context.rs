//! What a new comment's screening reads from storage: the fingerprint kept with each comment,
//! the query, and the recent comments and bans it gets back.

use crate::editorial::ArticleId;

use super::{CommentId, NewComment};

/// A comment's duplicate fingerprint as stored (the screen's `Fingerprint`, as signed integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredFingerprint {
    pub exact: i64,
    pub simhash: i64,
    pub tokens: i64,
}

impl StoredFingerprint {
    /// The screen's unsigned hashes as SQLite's signed integers: the same 64 bits, reinterpreted.
    pub fn from_unsigned(exact: u64, simhash: u64, tokens: u32) -> StoredFingerprint {
        StoredFingerprint {
            exact: exact as i64,
            simhash: simhash as i64,
            tokens: i64::from(tokens),
        }
    }

    /// Back to the screen's unsigned form (`exact`, `simhash`, `tokens`).
    pub fn unsigned(&self) -> (u64, u64, u32) {
        (self.exact as u64, self.simhash as u64, u32::try_from(self.tokens).unwrap_or(0))
    }
}

/// Who is posting what where, for [`CommentStore::screening_context`].
#[derive(Debug, Clone, Copy)]
pub struct ScreeningQuery<'a> {
    pub article_id: ArticleId,
    pub address_hash: Option<&'a str>,
    pub email_hash: Option<&'a str>,
    /// The new comment's exact fingerprint.
    pub exact: i64,
    /// Comments older than this are not compared.
    pub since: i64,
    /// Bans that end before this no longer count.
    pub now: i64,
    /// Which lists of recent comments to read: those the caller does not hold already.
    pub load: RecentLists,
}

/// A choice among the three lists of recent comments (article, address, e-mail).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentLists {
    pub article: bool,
    pub address: bool,
    pub email: bool,
}

/// How many recent comments per article, address or e-mail a new comment is compared with.
pub const RECENT_PER_LIST: usize = 200;

/// A comment's fingerprint with what orders and identifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecentComment {
    pub id: CommentId,
    pub created_at: i64,
    pub fingerprint: StoredFingerprint,
}

impl RecentComment {
    /// The comment `comment`, stored under `id`.
    pub fn committed(id: CommentId, comment: &NewComment) -> RecentComment {
        RecentComment { id, created_at: comment.created_at, fingerprint: comment.fingerprint }
    }
}

/// What storage knows that screening a new comment needs.
#[derive(Debug, Clone, Default)]
pub struct ScreeningContext {
    /// Comments anywhere, of any age, with the same exact fingerprint (at most 50).
    pub exact_matches: Vec<RecentComment>,
    /// The newest [`RECENT_PER_LIST`] comments since `since` on the article, by the address and by
    /// the e-mail, newest first: each `Some` when asked for in `load` (and the key given).
    pub article: Option<Vec<RecentComment>>,
    pub address: Option<Vec<RecentComment>>,
    pub email: Option<Vec<RecentComment>>,
    /// Whether the address or e-mail hash is banned now.
    pub banned: bool,
}
