//! Limits kept in the store (issue 15): a reservation checks and counts in one step, all rules or
//! none, also under a concurrent burst; refunds take back exactly their hits; a success clears a
//! key; remembered keys expire; pruning keeps the tables bounded.

use ashyq_store::{LimitKey, LimitReached, LimitRule, Store};

fn key(name: &str) -> LimitKey {
    let mut digest = [0_u8; 32];
    for (index, byte) in name.bytes().enumerate() {
        digest[index % 32] ^= byte.wrapping_add(index as u8);
    }
    LimitKey::from_digest(&digest)
}

fn rule(name: &str, limit: u32, window_seconds: i64) -> LimitRule {
    LimitRule { key: key(name), limit, window_seconds }
}

pub async fn fifty_concurrent_reservations_on_one_key_let_exactly_the_limit_through_issue_15<
    S: Store,
>(
    store: S,
) {
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store.reserve_limits(&[rule("burst", 5, 900)], 1_000).await.unwrap().is_ok()
            })
        })
        .collect();
    let mut passed = 0;
    for task in tasks {
        passed += usize::from(task.await.unwrap());
    }
    assert_eq!(passed, 5, "exactly the limit passes, whatever the interleaving");
    let refused = store.reserve_limits(&[rule("burst", 5, 900)], 1_000).await.unwrap();
    assert_eq!(refused, Err(LimitReached { retry_after: 900 }));

    // Two keys reserved together by concurrent requests that overlap on one of them: the shared
    // key's limit holds, and no request counts in one key without the other.
    let tasks: Vec<_> = (0..30)
        .map(|index| {
            let store = store.clone();
            tokio::spawn(async move {
                let own = format!("pair-{}", index % 3);
                let rules = [rule(&own, 4, 900), rule("shared", 6, 900)];
                store.reserve_limits(&rules, 1_000).await.unwrap().is_ok()
            })
        })
        .collect();
    let mut passed = 0;
    for task in tasks {
        passed += usize::from(task.await.unwrap());
    }
    assert_eq!(passed, 6, "the shared key's limit holds under the burst");
    let mut own_hits = 0;
    for index in 0..3 {
        // Each own key has room for what it counted; fill it to learn how much that was.
        let name = format!("pair-{index}");
        let mut free = 0;
        while store.reserve_limits(&[rule(&name, 4, 900)], 1_000).await.unwrap().is_ok() {
            free += 1;
        }
        own_hits += 4 - free;
    }
    assert_eq!(own_hits, 6, "every own key counted exactly the reservations that passed");
}

pub async fn reservations_are_all_or_nothing_refunded_exactly_and_leave_their_window_issue_15<
    S: Store,
>(
    store: S,
) {
    let tight = rule("account|address", 2, 900);
    let loose = rule("address", 3, 600);
    let first = store.reserve_limits(&[tight.clone(), loose.clone()], 100).await.unwrap().unwrap();
    assert_eq!(first.hits.len(), 2);
    let _second =
        store.reserve_limits(&[tight.clone(), loose.clone()], 160).await.unwrap().unwrap();
    // The tight limit is reached: nothing is counted in the loose one either.
    let refused = store.reserve_limits(&[tight.clone(), loose.clone()], 200).await.unwrap();
    assert_eq!(refused, Err(LimitReached { retry_after: 800 }), "the oldest hit leaves at 1000");
    let _third = store.reserve_limits(std::slice::from_ref(&loose), 200).await.unwrap().unwrap();
    assert!(
        store.reserve_limits(std::slice::from_ref(&loose), 200).await.unwrap().is_err(),
        "the refused pair counted nothing in the loose limit"
    );

    // A refund takes back exactly its hits; a second refund of them changes nothing.
    store.refund_limits(&first).await.unwrap();
    store.refund_limits(&first).await.unwrap();
    let again = store.reserve_limits(&[tight.clone(), loose.clone()], 210).await.unwrap();
    assert!(again.is_ok(), "the refunded places are free");
    assert!(store.reserve_limits(std::slice::from_ref(&tight), 210).await.unwrap().is_err());

    // Clearing a key forgets its hits, and only its hits.
    store.clear_limit(&tight.key).await.unwrap();
    assert!(store.reserve_limits(std::slice::from_ref(&tight), 220).await.unwrap().is_ok());
    assert!(store.reserve_limits(std::slice::from_ref(&loose), 220).await.unwrap().is_err());

    // Hits leave their window: `loose` holds hits at 160, 200 and 210; the first counts until 760.
    let wait = store.reserve_limits(std::slice::from_ref(&loose), 700).await.unwrap().unwrap_err();
    assert_eq!(wait, LimitReached { retry_after: 60 });
    assert!(store.reserve_limits(std::slice::from_ref(&loose), 760).await.unwrap().is_ok());
    // Several rules at their limit: the answer is the longest wait.
    let short = rule("short", 1, 10);
    let long = rule("long", 1, 1_000);
    let _ = store.reserve_limits(std::slice::from_ref(&short), 2_000).await.unwrap().unwrap();
    let _ = store.reserve_limits(std::slice::from_ref(&long), 2_000).await.unwrap().unwrap();
    let both = store.reserve_limits(&[short, long], 2_005).await.unwrap();
    assert_eq!(both, Err(LimitReached { retry_after: 995 }));
}

pub async fn remembered_keys_expire_and_pruning_keeps_only_live_rows_issue_15<S: Store>(store: S) {
    let home = key("owner|home");
    assert!(!store.limit_key_remembered(&home, 0).await.unwrap());
    store.remember_limit_key(&home, 1_000).await.unwrap();
    assert!(store.limit_key_remembered(&home, 999).await.unwrap());
    assert!(!store.limit_key_remembered(&home, 1_000).await.unwrap(), "past its time");
    store.remember_limit_key(&home, 5_000).await.unwrap();
    assert!(store.limit_key_remembered(&home, 4_000).await.unwrap(), "a new login moves it");
    store.remember_limit_key(&key("stranger|away"), 1_500).await.unwrap();

    for at in [100, 200, 300] {
        let _ = store.reserve_limits(&[rule("old", 10, 500)], at).await.unwrap().unwrap();
    }
    let _ = store.reserve_limits(&[rule("new", 10, 500)], 900).await.unwrap().unwrap();
    // At 2,000: the three old hits (expired at 600, 700, 800), the new one (1,400) and the
    // stranger's key (1,500) go; the owner's key (5,000) stays.
    assert_eq!(store.prune_limits(2_000).await.unwrap(), 5);
    assert_eq!(store.prune_limits(2_000).await.unwrap(), 0);
    assert!(store.limit_key_remembered(&home, 2_000).await.unwrap());
    for _ in 0..10 {
        let _ = store.reserve_limits(&[rule("old", 10, 500)], 2_000).await.unwrap().unwrap();
    }
}
