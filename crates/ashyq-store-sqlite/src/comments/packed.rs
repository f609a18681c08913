//! The packed recent-comment lists `screening_context` reads in one statement.

use ashyq_store::{CommentId, RecentComment, StoreResult, StoredFingerprint};

/// What `screening_context` reads: four packed lists and the ban flag.
pub(super) type Packed = (Option<String>, Option<String>, Option<String>, Option<String>, bool);

/// Reads an "id created exact simhash tokens,…" list packed by `screening_context`.
pub(super) fn unpack_recent(packed: &str) -> StoreResult<Vec<RecentComment>> {
    let corrupt = || {
        ashyq_store::StoreError::Backend(
            format!("a stored comment fingerprint is malformed: {packed:.80}").into(),
        )
    };
    packed
        .split(',')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let mut numbers = item.split(' ').map(str::parse::<i64>);
            let mut next = || numbers.next().and_then(Result::ok).ok_or_else(corrupt);
            let comment = RecentComment {
                id: CommentId(next()?),
                created_at: next()?,
                fingerprint: StoredFingerprint {
                    exact: next()?,
                    simhash: next()?,
                    tokens: next()?,
                },
            };
            match numbers.next() {
                None => Ok(comment),
                Some(_) => Err(corrupt()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lists_read_back_and_damage_is_an_error() {
        let read = unpack_recent("7 100 1 -2 3,8 101 -4 5 6").unwrap();
        assert_eq!(read[1].id, CommentId(8));
        assert_eq!(read[1].created_at, 101);
        assert_eq!(
            read.iter().map(|c| c.fingerprint).collect::<Vec<_>>(),
            [
                StoredFingerprint { exact: 1, simhash: -2, tokens: 3 },
                StoredFingerprint { exact: -4, simhash: 5, tokens: 6 }
            ]
        );
        assert!(unpack_recent("").unwrap().is_empty(), "no recent comments");
        assert!(unpack_recent("1 2 3 4").is_err());
        assert!(unpack_recent("1 2 3 4 x").is_err());
        assert!(unpack_recent("1 2 3 4 5 6").is_err());
    }
}
