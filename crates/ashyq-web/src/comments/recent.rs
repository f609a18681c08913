//! The fingerprints of recent comments per article, address and e-mail, kept in memory: the
//! duplicate check before every post compares the new comment with up to 200 recent ones of each,
//! and reading those from SQLite for every post cost half of what posting a comment costs.
//!
//! Storage stays the truth. A list is read from the store the first time it is needed and then
//! kept up to date by the comment writer, which reports every comment it has committed. A post
//! that arrives while a list is being read cannot be lost from it: the writer's report for a list
//! not yet read starts a partial list, and the rows read are merged into it (a comment committed
//! before the read is in the rows, one committed after it is in the partial list).
//!
//! With several servers on PostgreSQL, the database announces every committed comment (migration
//! 0011) and each server's listener adds it with [`RecentComments::learn`]; after a lost
//! connection it drops every list ([`RecentComments::forget_all`]), as the page cache does.
//!
//! The global exact-duplicate look-up (the same text anywhere, any age) and the ban check stay in
//! the store: they are single index look-ups.

use std::collections::HashMap;
use std::sync::Mutex;

use ashyq_store::{ArticleId, NewComment, RECENT_PER_LIST, RecentComment, RecentLists};

/// Past this many lists the memory starts over (a flood of new addresses must not grow it without
/// bound); lists are then read again as needed. A comment committed in the instant between such a
/// reset and the end of a read in flight can be missing from that one list until the next reset.
const MAX_LISTS: usize = 50_000;

/// Which list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ListKey {
    Article(ArticleId),
    Address(String),
    Email(String),
}

#[derive(Debug, Default)]
struct List {
    /// Newest first, at most [`RECENT_PER_LIST`].
    comments: Vec<RecentComment>,
    /// Whether the store's rows have been merged in; until then `comments` holds only what was
    /// committed since the list was first asked for.
    complete: bool,
}

impl List {
    fn add(&mut self, comment: RecentComment) {
        if self.comments.iter().any(|known| known.id == comment.id) {
            return;
        }
        let at = self
            .comments
            .iter()
            .position(|known| (known.created_at, known.id.0) < (comment.created_at, comment.id.0))
            .unwrap_or(self.comments.len());
        self.comments.insert(at, comment);
        self.comments.truncate(RECENT_PER_LIST);
    }
}

/// The three lists a new comment is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Keys {
    pub(crate) article: ListKey,
    pub(crate) address: Option<ListKey>,
    pub(crate) email: Option<ListKey>,
}

impl Keys {
    pub(crate) fn new(
        article_id: ArticleId,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
    ) -> Keys {
        Keys {
            article: ListKey::Article(article_id),
            address: address_hash.map(|hash| ListKey::Address(hash.to_owned())),
            email: email_hash.map(|hash| ListKey::Email(hash.to_owned())),
        }
    }

    /// The lists a comment belongs to.
    pub(crate) fn of(comment: &NewComment) -> Keys {
        Keys::new(
            comment.article_id,
            comment.address_hash.as_deref(),
            comment.email_hash.as_deref(),
        )
    }

    fn all(&self) -> impl Iterator<Item = &ListKey> {
        std::iter::once(&self.article).chain(self.address.as_ref()).chain(self.email.as_ref())
    }
}

/// Recent comments by list.
#[derive(Debug, Default)]
pub struct RecentComments {
    lists: Mutex<HashMap<ListKey, List>>,
}

impl RecentComments {
    /// The comments of the complete lists among `keys`, and which lists must be read from the
    /// store first (an empty partial list is started for each, so that no comment committed
    /// meanwhile is missed).
    pub(crate) fn lookup(&self, keys: &Keys) -> (Vec<RecentComment>, RecentLists) {
        let mut lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if lists.len() > MAX_LISTS {
            lists.clear();
        }
        let mut found = Vec::new();
        let mut missing = RecentLists::default();
        for key in keys.all() {
            if let Some(list) = lists.get(key).filter(|list| list.complete) {
                found.extend_from_slice(&list.comments);
            } else {
                lists.entry(key.clone()).or_default();
                match key {
                    ListKey::Article(_) => missing.article = true,
                    ListKey::Address(_) => missing.address = true,
                    ListKey::Email(_) => missing.email = true,
                }
            }
        }
        (found, missing)
    }

    /// Merges rows read from the store into the list `key` and marks it complete. Returns the
    /// list's comments.
    pub(crate) fn fill(&self, key: &ListKey, rows: Vec<RecentComment>) -> Vec<RecentComment> {
        let mut lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let list = lists.entry(key.clone()).or_default();
        for row in rows {
            list.add(row);
        }
        list.complete = true;
        list.comments.clone()
    }

    /// Adds a comment the writer has committed to every list it belongs to.
    pub(crate) fn record(&self, keys: &Keys, comment: RecentComment) {
        let mut lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for key in keys.all() {
            // Only lists somebody has asked for: the others are read from the store when needed.
            if let Some(list) = lists.get_mut(key) {
                list.add(comment);
            }
        }
    }

    /// Adds a comment another server committed (announced by the database, PostgreSQL only) to
    /// the lists held here that it belongs to; lists not held are read from the store when needed.
    /// A comment already listed (this server's own, announced too) is not added twice.
    pub fn learn(
        &self,
        article_id: ArticleId,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
        comment: RecentComment,
    ) {
        self.record(&Keys::new(article_id, address_hash, email_hash), comment);
    }

    /// Takes the new fingerprint of a comment another server's writer edited.
    pub fn learn_edit(
        &self,
        article_id: ArticleId,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
        comment: RecentComment,
    ) {
        self.replace(&Keys::new(article_id, address_hash, email_hash), comment);
    }

    /// Drops every list (they are read from the store again when needed): after the
    /// announcements of other servers' comments may have been missed.
    pub fn forget_all(&self) {
        self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }

    /// Replaces the fingerprint of an edited comment.
    pub(crate) fn replace(&self, keys: &Keys, comment: RecentComment) {
        let mut lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for key in keys.all() {
            if let Some(list) = lists.get_mut(key) {
                for known in list.comments.iter_mut().filter(|known| known.id == comment.id) {
                    known.fingerprint = comment.fingerprint;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ashyq_store::{CommentId, StoredFingerprint};

    use super::*;

    fn comment(id: i64, created_at: i64) -> RecentComment {
        RecentComment {
            id: CommentId(id),
            created_at,
            fingerprint: StoredFingerprint { exact: id, simhash: id, tokens: 5 },
        }
    }

    fn ids(list: &[RecentComment]) -> Vec<i64> {
        list.iter().map(|comment| comment.id.0).collect()
    }

    #[test]
    fn a_list_is_read_once_then_kept_up_to_date_by_the_writer() {
        let recent = RecentComments::default();
        let keys = Keys::new(ArticleId(1), Some("addr"), None);
        let (found, missing) = recent.lookup(&keys);
        assert!(found.is_empty());
        assert_eq!(missing, RecentLists { article: true, address: true, email: false });
        recent.fill(&keys.article, vec![comment(2, 20), comment(1, 10)]);
        recent.fill(keys.address.as_ref().unwrap(), vec![]);
        recent.record(&keys, comment(3, 30));
        let (found, missing) = recent.lookup(&keys);
        assert_eq!(missing, RecentLists::default(), "nothing left to read");
        assert_eq!(ids(&found), [3, 2, 1, 3], "article list, then the address list");
    }

    #[test]
    fn a_comment_committed_while_a_list_is_read_is_not_lost() {
        let recent = RecentComments::default();
        let keys = Keys::new(ArticleId(1), None, None);
        let (_, missing) = recent.lookup(&keys);
        assert!(missing.article);
        // The writer commits comment 5 after the store's snapshot was taken...
        recent.record(&keys, comment(5, 50));
        // ...and the rows read (without it, or with it: both are fine) are merged.
        let list = recent.fill(&keys.article, vec![comment(5, 50), comment(4, 40)]);
        assert_eq!(ids(&list), [5, 4], "once each, newest first");
    }

    #[test]
    fn comments_of_other_servers_join_held_lists_once_and_forgetting_drops_every_list() {
        let recent = RecentComments::default();
        let keys = Keys::new(ArticleId(1), Some("addr"), None);
        recent.lookup(&keys);
        recent.fill(&keys.article, vec![comment(1, 10)]);
        recent.fill(keys.address.as_ref().unwrap(), vec![]);
        // Another server's comment by the same address, on another article: only the address
        // list is held.
        recent.learn(ArticleId(2), Some("addr"), Some("mail"), comment(2, 20));
        // This server's own comment, announced back to it: listed once.
        recent.record(&keys, comment(3, 30));
        recent.learn(ArticleId(1), Some("addr"), None, comment(3, 30));
        let (found, missing) = recent.lookup(&keys);
        assert_eq!(missing, RecentLists::default());
        assert_eq!(ids(&found), [3, 1, 3, 2], "article list, then the address list");
        let mut edited = comment(2, 20);
        edited.fingerprint.simhash = -5;
        recent.learn_edit(ArticleId(2), Some("addr"), None, edited);
        assert_eq!(recent.lookup(&keys).0[3].fingerprint.simhash, -5);

        recent.forget_all();
        let (found, missing) = recent.lookup(&keys);
        assert!(found.is_empty());
        assert_eq!(missing, RecentLists { article: true, address: true, email: false });
    }

    #[test]
    fn lists_keep_the_newest_and_edits_replace_fingerprints() {
        let recent = RecentComments::default();
        let keys = Keys::new(ArticleId(7), None, Some("mail"));
        recent.lookup(&keys);
        let rows: Vec<RecentComment> =
            (0..RECENT_PER_LIST as i64).map(|n| comment(n, 1_000 - n)).collect();
        recent.fill(&keys.article, rows);
        recent.record(&keys, comment(999, 2_000));
        let (found, missing) = recent.lookup(&keys);
        assert!(missing.email, "the e-mail list was never read");
        assert_eq!(found.len(), RECENT_PER_LIST);
        assert_eq!(found[0].id, CommentId(999));
        assert!(!found.iter().any(|c| c.id == CommentId(RECENT_PER_LIST as i64 - 1)), "oldest out");

        let mut edited = comment(999, 2_000);
        edited.fingerprint.simhash = -1;
        recent.replace(&keys, edited);
        assert_eq!(recent.lookup(&keys).0[0].fingerprint.simhash, -1);
    }
}
