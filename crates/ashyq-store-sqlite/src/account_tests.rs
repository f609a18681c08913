//! The SQLite migration that ended the old API tokens (the account store's behaviour is tested
//! by the conformance suite).

use ashyq_store::{AccountStore, ApiTokenStore, UserId};

use super::*;

#[tokio::test]
async fn the_migration_ends_the_old_api_tokens_that_were_sessions_issue_9_item_5() {
    use std::str::FromStr as _;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    // The database as the version before 0008 left it: a browser session and an "API token".
    let options = sqlx::sqlite::SqliteConnectOptions::from_str("sqlite:")
        .unwrap()
        .filename(&path)
        .create_if_missing(true);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    let all = sqlx::migrate!("./migrations");
    let before: Vec<sqlx::migrate::Migration> =
        all.migrations.iter().filter(|migration| migration.version < 8).cloned().collect();
    sqlx::migrate::Migrator { migrations: before.into(), ..sqlx::migrate!("./migrations") }
        .run(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO users (user_id, email, name, roles, created_at) VALUES (1, 'm@example.org', 'Mira', 'moderator', 0); \
         INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent) \
         VALUES ('browser', 1, 0, 0, 9999999999, 'Firefox'), ('old-api', 1, 0, 0, 9999999999, 'API token: bot');",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let store = SqliteStore::open_file(&path).await.unwrap();
    assert!(store.session_by_token("browser", 100).await.unwrap().is_some());
    assert!(store.session_by_token("old-api", 100).await.unwrap().is_none(), "no longer a login");
    assert!(store.api_token_by_hash("old-api", 100).await.unwrap().is_none(), "nor a token");
    assert_eq!(store.user(UserId(1)).await.unwrap().unwrap().totp_last_step, 0);
}
