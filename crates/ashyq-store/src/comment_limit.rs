//! The flood limit on new comments, counted by the store inside the transaction that inserts them
//! (issue 15): behind several servers on one database each server's memory sees only its own
//! posts, so the database, which sees them all, has the last word. The engines read the newest
//! comments of each limited address (at most its limit of them, from an index) and decide with
//! [`admit_comments`], so both engines decide the same way.

use std::collections::HashMap;

use crate::comments::NewComment;
use crate::limits::LimitReached;

/// The limit a new comment is stored under: at most `max` comments with its `address_hash`
/// created within the `window_seconds` up to its `created_at` (this one included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentLimit {
    pub max: u32,
    pub window_seconds: i64,
}

impl CommentLimit {
    /// Where the window of a comment created at `created_at` starts (times after it count).
    pub fn window_start(&self, created_at: i64) -> i64 {
        created_at - self.window_seconds
    }
}

/// What an engine must read before inserting `batch`: for each address with a limited comment,
/// the address hash, the earliest window start among its comments and the largest limit. Sorted
/// by address hash (the order PostgreSQL takes its per-address locks in). Empty when no comment
/// carries a limit.
pub fn limited_addresses(batch: &[NewComment]) -> Vec<(&str, i64, u32)> {
    let mut wanted: HashMap<&str, (i64, u32)> = HashMap::new();
    for comment in batch {
        if let (Some(limit), Some(address)) = (comment.limit, comment.address_hash.as_deref()) {
            let start = limit.window_start(comment.created_at);
            let entry = wanted.entry(address).or_insert((start, limit.max));
            entry.0 = entry.0.min(start);
            entry.1 = entry.1.max(limit.max);
        }
    }
    let mut addresses: Vec<(&str, i64, u32)> =
        wanted.into_iter().map(|(address, (since, max))| (address, since, max)).collect();
    addresses.sort_unstable();
    addresses
}

/// Which comments of `batch` may be stored, in order. `stored` holds, for the addresses of
/// [`limited_addresses`], the creation times of their newest stored comments after the window
/// start (at least `max` of them when there are that many). The batch is walked in order and
/// each comment admitted counts for the ones after it, as it will once inserted; a comment
/// without a limit is always admitted. A refused comment's `retry_after` is when its address has
/// room again (at least 1 s).
pub fn admit_comments(
    batch: &[NewComment],
    stored: &[(String, i64)],
) -> Vec<Result<(), LimitReached>> {
    let mut times: HashMap<&str, Vec<i64>> = HashMap::new();
    for (address, created_at) in stored {
        times.entry(address.as_str()).or_default().push(*created_at);
    }
    batch
        .iter()
        .map(|comment| {
            let Some(address) = comment.address_hash.as_deref() else { return Ok(()) };
            let known = times.entry(address).or_default();
            if let Some(limit) = comment.limit {
                let start = limit.window_start(comment.created_at);
                let mut inside: Vec<i64> =
                    known.iter().copied().filter(|time| *time > start).collect();
                let max = usize::try_from(limit.max).unwrap_or(usize::MAX);
                if inside.len() >= max {
                    // Room comes back when the max-th newest leaves the window.
                    inside.sort_unstable_by(|a, b| b.cmp(a));
                    let freed = inside.get(max.saturating_sub(1)).copied().unwrap_or(start);
                    let retry_after = (freed + limit.window_seconds - comment.created_at).max(1);
                    return Err(LimitReached { retry_after });
                }
            }
            known.push(comment.created_at);
            Ok(())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::CommentStatus;
    use crate::editorial::ArticleId;

    fn new_comment() -> NewComment {
        NewComment {
            article_id: ArticleId(1),
            parent_id: None,
            author_name: "Reader".to_owned(),
            email: None,
            email_hash: None,
            email_confirm: None,
            user_id: None,
            is_article_author: false,
            body: "Words".to_owned(),
            body_html: "<p>Words</p>".to_owned(),
            status: CommentStatus::Pending,
            language: None,
            screen_score: 0.0,
            screen_flagged: false,
            screen_findings: Vec::new(),
            screen_label: None,
            fingerprint: crate::comments::StoredFingerprint { exact: 1, simhash: 1, tokens: 1 },
            address_hash: None,
            commenter_token_hash: "token".to_owned(),
            flags: crate::screening::CommentFlags::new(),
            created_at: 0,
            limit: None,
        }
    }

    fn limited(address: &str, created_at: i64, max: u32) -> NewComment {
        NewComment {
            address_hash: Some(address.to_owned()),
            created_at,
            limit: Some(CommentLimit { max, window_seconds: 600 }),
            ..new_comment()
        }
    }

    #[test]
    fn a_batch_counts_what_is_stored_and_what_it_admits_before() {
        let batch = [
            limited("a", 1_000, 3),
            limited("b", 1_000, 3),
            limited("a", 1_001, 3),
            limited("a", 1_002, 3),
            NewComment { limit: None, ..limited("a", 1_003, 3) },
        ];
        // "a" has one comment inside its window and one older than it.
        let stored = vec![("a".to_owned(), 300), ("a".to_owned(), 900)];
        let admitted = admit_comments(&batch, &stored);
        assert_eq!(admitted[0], Ok(()));
        assert_eq!(admitted[1], Ok(()), "another address");
        assert_eq!(admitted[2], Ok(()), "the third of three");
        // Full: 900, 1000, 1001 inside; room when 900 leaves (at 1500).
        assert_eq!(admitted[3], Err(LimitReached { retry_after: 1_500 - 1_002 }));
        assert_eq!(admitted[4], Ok(()), "a comment without a limit is never refused");
        assert_eq!(limited_addresses(&batch), vec![("a", 400, 3), ("b", 400, 3)]);
    }

    #[test]
    fn a_refusal_waits_at_least_a_second_and_comments_without_address_pass() {
        let stored = vec![("a".to_owned(), 1_000 - 600 + 1)];
        let admitted = admit_comments(&[limited("a", 1_000, 1)], &stored);
        assert_eq!(admitted, vec![Err(LimitReached { retry_after: 1 })]);
        let anonymous = NewComment { address_hash: None, ..limited("a", 1_000, 0) };
        assert_eq!(admit_comments(&[anonymous], &[]), vec![Ok(())]);
        assert!(limited_addresses(&[new_comment()]).is_empty());
    }
}
