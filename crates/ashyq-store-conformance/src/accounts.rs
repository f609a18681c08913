//! The account store: sessions, the second factor, one-time links and API tokens,
//! including concurrent requests racing for the same single-use thing.

use ashyq_accounts::{ApiScope, Roles};
use ashyq_store::{NewApiToken, NewUser, SessionId, TokenPurpose, UserId};

use ashyq_store::Store;

async fn person<S: Store>(store: &S, email: &str) -> UserId {
    let user = NewUser {
        email: email.to_owned(),
        name: "Mira".to_owned(),
        roles: Roles::parse("moderator").unwrap(),
        password_hash: Some("old-hash".to_owned()),
    };
    store.create_user(&user, 0).await.unwrap()
}

async fn session<S: Store>(store: &S, user: UserId, hash: &str, pending: bool) -> SessionId {
    store.create_session(user, hash, "Phone", 100, 10_000, pending).await.unwrap()
}

/// Runs `count` copies of `work` at once and returns how many answered true.
async fn concurrent_successes<F, Fut>(count: usize, work: F) -> usize
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let tasks: Vec<_> = (0..count).map(|index| tokio::spawn(work(index))).collect();
    let mut successes = 0;
    for task in tasks {
        successes += usize::from(task.await.unwrap());
    }
    successes
}

pub async fn a_totp_step_is_accepted_once_even_by_twenty_concurrent_requests_issue_9_item_7<
    S: Store,
>(
    store: S,
) {
    let user = person(&store, "m@example.org").await;
    assert!(!store.record_totp_step(user, 5).await.unwrap(), "no second factor, no step");
    store.begin_totp_setup(user, &[7; 20], 1_000).await.unwrap();
    assert!(store.confirm_totp_setup(user, &[7; 20], 3, 100).await.unwrap());
    let successes = concurrent_successes(20, |_| {
        let store = store.clone();
        async move { store.record_totp_step(user, 4).await.unwrap() }
    })
    .await;
    assert_eq!(successes, 1);
    assert!(!store.record_totp_step(user, 4).await.unwrap(), "the same step again");
    assert!(!store.record_totp_step(user, 2).await.unwrap(), "an older step");
    assert!(store.record_totp_step(user, 5).await.unwrap(), "the next step");
    assert_eq!(store.user(user).await.unwrap().unwrap().totp_last_step, 5);
}

pub async fn the_second_factor_is_turned_on_only_with_the_servers_live_secret_issue_9_item_8<
    S: Store,
>(
    store: S,
) {
    let user = person(&store, "m@example.org").await;
    assert_eq!(store.totp_setup_secret(user, 100).await.unwrap(), None);
    assert!(!store.confirm_totp_setup(user, &[0; 20], 1, 100).await.unwrap(), "nothing pending");
    store.begin_totp_setup(user, &[7; 20], 1_000).await.unwrap();
    assert_eq!(store.totp_setup_secret(user, 100).await.unwrap(), Some(vec![7; 20]));
    assert_eq!(store.totp_setup_secret(user, 1_000).await.unwrap(), None, "expired");
    assert!(
        !store.confirm_totp_setup(user, &[0; 20], 1, 100).await.unwrap(),
        "a secret other than the server's"
    );
    assert!(!store.confirm_totp_setup(user, &[7; 20], 1, 1_000).await.unwrap(), "too late");
    assert_eq!(store.user(user).await.unwrap().unwrap().totp_secret, None);
    assert!(store.confirm_totp_setup(user, &[7; 20], 9, 100).await.unwrap());
    let stored = store.user(user).await.unwrap().unwrap();
    assert_eq!(stored.totp_secret, Some(vec![7; 20]));
    assert_eq!(stored.totp_last_step, 9, "the confirming code cannot log in again");
    assert_eq!(store.totp_setup_secret(user, 100).await.unwrap(), None, "used up");
    store.disable_totp(user).await.unwrap();
    assert_eq!(store.user(user).await.unwrap().unwrap().totp_secret, None);
}

pub async fn rotating_a_session_ends_the_old_token_once_issue_9_item_6<S: Store>(store: S) {
    let user = person(&store, "m@example.org").await;
    let other = person(&store, "o@example.org").await;
    let pending = session(&store, user, "pending-hash", true).await;
    assert!(store.rotate_session(other, pending, "x", 200, 10_000).await.unwrap().is_none());
    let successes = concurrent_successes(20, |index| {
        let store = store.clone();
        async move {
            let hash = format!("new-hash-{index}");
            store.rotate_session(user, pending, &hash, 200, 10_000).await.unwrap().is_some()
        }
    })
    .await;
    assert_eq!(successes, 1);
    assert!(store.session_by_token("pending-hash", 300).await.unwrap().is_none());
    let live = store.sessions_of(user, 300).await.unwrap();
    assert_eq!(live.len(), 1);
    assert!(!live[0].second_factor_pending);
    assert_eq!(live[0].user_agent, "Phone");
}

pub async fn only_the_newest_password_link_works_and_using_it_ends_everything_else_issue_9_item_9<
    S: Store,
>(
    store: S,
) {
    let user = person(&store, "m@example.org").await;
    let purpose = TokenPurpose::SetPassword;
    store.create_one_time_token(user, "first", purpose, 100, 10_000).await.unwrap();
    store.create_one_time_token(user, "second", purpose, 101, 10_000).await.unwrap();
    assert_eq!(store.peek_one_time_token("first", purpose, 200).await.unwrap(), None);
    assert_eq!(store.peek_one_time_token("second", purpose, 200).await.unwrap(), Some(user));
    assert_eq!(store.use_token_to_set_password("first", "h1", 200).await.unwrap(), None);

    session(&store, user, "browser", false).await;
    let token = NewApiToken {
        user_id: user,
        token_hash: "api",
        name: "bot",
        scopes: &[ApiScope::ModerationRead],
        now: 100,
        expires_at: 10_000,
    };
    store.create_api_token(&token).await.unwrap();
    let successes = concurrent_successes(20, |index| {
        let store = store.clone();
        async move {
            let hash = format!("hash-{index}");
            store.use_token_to_set_password("second", &hash, 200).await.unwrap().is_some()
        }
    })
    .await;
    assert_eq!(successes, 1, "one link, one password");
    assert!(store.session_by_token("browser", 300).await.unwrap().is_none());
    assert!(store.api_token_by_hash("api", 300).await.unwrap().is_none());
}

pub async fn api_tokens_are_scoped_expiring_revocable_and_separate_from_sessions_issue_9_item_5<
    S: Store,
>(
    store: S,
) {
    let user = person(&store, "m@example.org").await;
    let other = person(&store, "o@example.org").await;
    let token = NewApiToken {
        user_id: user,
        token_hash: "api-hash",
        name: "queue bot",
        scopes: &[ApiScope::ModerationRead],
        now: 100,
        expires_at: 1_000,
    };
    let id = store.create_api_token(&token).await.unwrap();
    assert!(store.session_by_token("api-hash", 200).await.unwrap().is_none(), "not a session");
    session(&store, user, "session-hash", false).await;
    assert!(store.api_token_by_hash("session-hash", 200).await.unwrap().is_none());

    let ashyq_store::LiveApiToken { token: found, user: owner } =
        store.api_token_by_hash("api-hash", 200).await.unwrap().unwrap();
    assert_eq!(owner.id, user);
    assert_eq!(found.name, "queue bot");
    assert!(found.allows(ApiScope::ModerationRead) && !found.allows(ApiScope::ModerationWrite));
    assert_eq!(store.api_tokens_of(user, 200).await.unwrap()[0].last_used_at, Some(200));
    assert!(store.api_token_by_hash("api-hash", 1_000).await.unwrap().is_none(), "expired");
    assert!(store.api_tokens_of(user, 1_000).await.unwrap().is_empty());

    assert!(!store.revoke_api_token(other, id, 300).await.unwrap(), "not someone else's");
    assert!(store.revoke_api_token(user, id, 300).await.unwrap());
    assert!(!store.revoke_api_token(user, id, 300).await.unwrap());
    assert!(store.api_token_by_hash("api-hash", 400).await.unwrap().is_none());
}

/// A taken e-mail address is the named rule on every engine, whatever its driver reports
/// (issue 15: SQLite's rule was once recognised by its message text).
pub async fn a_taken_email_is_the_named_rule_and_writes_nothing_issue_15<S: Store>(store: S) {
    let first = person(&store, "mira@example.org").await;
    let again = NewUser {
        email: "mira@example.org".to_owned(),
        name: "Another".to_owned(),
        roles: Roles::parse("moderator").unwrap(),
        password_hash: None,
    };
    let error = store.create_user(&again, 1).await.unwrap_err();
    assert!(error.is_conflict(&ashyq_store::Constraint::UserEmail), "{error:?}");
    let users = store.users().await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!((users[0].id, users[0].name.as_str()), (first, "Mira"));
}
