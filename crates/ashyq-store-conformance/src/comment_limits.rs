//! The comment flood limit counted in the insert's transaction (issue 15): a batch stores what the
//! limit admits and answers the rest one by one; concurrent batches for one address, as from
//! several servers, store exactly the limit.

use ashyq_store::{
    ArticleId, CommentLimit, LimitReached, NewComment, RecentLists, ScreeningQuery, Store,
};

use crate::comments::comment;
use crate::content::article;

const NOW: i64 = 1_800_000_000;

fn limited(article_id: ArticleId, address: &str, n: i64, created_at: i64, max: u32) -> NewComment {
    NewComment {
        limit: Some(CommentLimit { max, window_seconds: 600 }),
        ..comment(article_id, &format!("limited note {n}"), address, 5_000 + n, created_at)
    }
}

/// How many comments the store holds from `address` since `since`.
async fn stored_from<S: Store>(
    store: &S,
    article_id: ArticleId,
    address: &str,
    since: i64,
) -> usize {
    let context = store
        .screening_context(&ScreeningQuery {
            article_id,
            address_hash: Some(address),
            email_hash: None,
            exact: -1,
            since,
            now: NOW,
            load: RecentLists { article: false, address: true, email: false },
        })
        .await
        .unwrap();
    context.address.unwrap().len()
}

pub async fn a_batch_stores_what_the_comment_limit_admits_and_refuses_the_rest_issue_15<
    S: Store,
>(
    store: S,
) {
    store.import_articles(&[article("limited", "en", None, "")], false).await.unwrap();
    let article_id = store.comment_target("limited").await.unwrap().unwrap().article_id;
    // Before the window (not counted) and inside it (counted).
    let earlier = [
        comment(article_id, "long ago", "addr-a", 1, NOW - 700),
        comment(article_id, "a while ago", "addr-a", 2, NOW - 100),
    ];
    let stored = store.insert_comments(&earlier).await.unwrap();
    assert!(stored.iter().all(Result::is_ok), "no limit carried, none reached");

    let batch = [
        limited(article_id, "addr-a", 1, NOW, 3),
        limited(article_id, "addr-b", 2, NOW, 3),
        limited(article_id, "addr-a", 3, NOW, 3),
        limited(article_id, "addr-a", 4, NOW, 3),
        limited(article_id, "addr-b", 5, NOW, 3),
        NewComment { limit: None, ..limited(article_id, "addr-a", 6, NOW, 3) },
    ];
    let answers = store.insert_comments(&batch).await.unwrap();
    assert_eq!(answers.len(), batch.len(), "one answer per comment, in order");
    let [first, other, second, refused, other_again, unlimited] = answers[..] else {
        panic!("{answers:?}")
    };
    let (first, other, second, other_again, unlimited) =
        (first.unwrap(), other.unwrap(), second.unwrap(), other_again.unwrap(), unlimited.unwrap());
    // The third inside the window is refused: room comes back when the one from NOW - 100 leaves.
    assert_eq!(refused, Err(LimitReached { retry_after: 500 }));
    assert_eq!(
        [other.0, second.0, other_again.0, unlimited.0],
        [first.0 + 1, first.0 + 2, first.0 + 3, first.0 + 4],
        "ids follow on for what is stored"
    );
    assert!(store.queued_comment(second).await.unwrap().is_some());
    assert_eq!(
        stored_from(&store, article_id, "addr-a", NOW - 600).await,
        4,
        "refused: not stored"
    );
    assert_eq!(stored_from(&store, article_id, "addr-b", NOW - 600).await, 2);

    // Later, with the counted ones still inside the window, the address stays refused; once they
    // have left it, it may post again.
    let again = store.insert_comments(&[limited(article_id, "addr-a", 7, NOW + 60, 3)]).await;
    // Four inside (three of them from NOW): room comes back when those leave, at NOW + 600.
    assert_eq!(again.unwrap(), vec![Err(LimitReached { retry_after: 540 })]);
    let later = store.insert_comments(&[limited(article_id, "addr-a", 8, NOW + 600, 3)]).await;
    assert!(later.unwrap()[0].is_ok(), "the window has moved on");
}

pub async fn concurrent_batches_for_one_address_store_exactly_the_comment_limit_issue_15<
    S: Store,
>(
    store: S,
) {
    store.import_articles(&[article("burst", "en", None, "")], false).await.unwrap();
    let article_id = store.comment_target("burst").await.unwrap().unwrap().article_id;
    // Twelve tasks (as from several servers' writers) each insert a batch of three comments from
    // one address, with a limit of five, at once.
    let tasks: Vec<_> = (0..12_i64)
        .map(|task| {
            let store = store.clone();
            tokio::spawn(async move {
                let batch: Vec<NewComment> = (0..3)
                    .map(|n| limited(article_id, "addr-burst", task * 3 + n, NOW, 5))
                    .collect();
                let answers = store.insert_comments(&batch).await.unwrap();
                answers.iter().filter(|answer| answer.is_ok()).count()
            })
        })
        .collect();
    let mut stored = 0;
    for task in tasks {
        stored += task.await.unwrap();
    }
    assert_eq!(stored, 5, "exactly the limit is stored, whatever the interleaving");
    assert_eq!(stored_from(&store, article_id, "addr-burst", NOW - 600).await, 5);
}
