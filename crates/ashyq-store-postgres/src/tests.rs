//! The conformance suite against PostgreSQL (each test in a schema of its own), and what only
//! several servers on one database can show: migrating once, and writers in different processes
//! taking turns.

use std::str::FromStr as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use ashyq_store::{ArticleStore as _, CommentStore as _};
use sqlx::Connection as _;
use sqlx::postgres::{PgConnectOptions, PgConnection};

use super::*;

/// A schema made for one test (left behind: the test cluster is thrown away).
pub(crate) struct Schema {
    pub(crate) options: PgConnectOptions,
}

/// Connection options for a new, empty schema, or `None` (with a SKIP line) without PostgreSQL.
async fn fresh_schema(test: &str) -> Option<Schema> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let url = ashyq_store_conformance::postgres_url_or_skip(test)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.subsec_nanos())
        .unwrap_or(0);
    let name =
        format!("test_{}_{}_{}", std::process::id(), nanos, NEXT.fetch_add(1, Ordering::Relaxed));
    let options = PgConnectOptions::from_str(&url).unwrap();
    let mut admin = PgConnection::connect_with(&options).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {name}")).execute(&mut admin).await.unwrap();
    admin.close().await.unwrap();
    Some(Schema { options: options.options([("search_path", name.as_str())]) })
}

async fn open() -> Option<(Schema, PostgresStore)> {
    let schema = fresh_schema("postgres conformance").await?;
    let store = PostgresStore::connect_with(schema.options.clone()).await.unwrap();
    Some((schema, store))
}

mod conformance {
    use super::open;
    ashyq_store_conformance::conformance_suite!(open);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn servers_starting_together_migrate_once() {
    let Some(schema) = fresh_schema("servers_starting_together_migrate_once").await else {
        return;
    };
    let starts: Vec<_> = (0..6)
        .map(|_| {
            let options = schema.options.clone();
            tokio::spawn(async move {
                let store = PostgresStore::connect_without_migrating(options).await.unwrap();
                store.migrate().await.unwrap()
            })
        })
        .collect();
    let mut applied = Vec::new();
    for start in starts {
        applied.push(start.await.unwrap());
    }
    let total = sqlx::migrate!("./migrations").iter().count();
    assert_eq!(applied.iter().sum::<usize>(), total, "each migration once: {applied:?}");
    assert_eq!(applied.iter().filter(|count| **count > 0).count(), 1, "{applied:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn comment_writers_of_two_servers_take_turns_and_lose_nothing() {
    let Some((schema, first)) = open().await else { return };
    // A second server: its own pool on the same database.
    let second = PostgresStore::connect_with(schema.options.clone()).await.unwrap();
    first.import_articles(&[content_article()], false).await.unwrap();
    let target = first.comment_target("one").await.unwrap().unwrap();
    let writers: Vec<_> = (0..16)
        .map(|n| {
            let store = if n % 2 == 0 { first.clone() } else { second.clone() };
            let article = target.article_id;
            tokio::spawn(async move {
                let batch: Vec<_> =
                    (0..5).map(|k| comment(article, &format!("{n}-{k}"), n * 10 + k)).collect();
                store
                    .insert_comments(&batch)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(Result::unwrap)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut ids = Vec::new();
    for writer in writers {
        let batch = writer.await.unwrap();
        assert!(batch.windows(2).all(|pair| pair[1].0 == pair[0].0 + 1), "{batch:?}");
        ids.extend(batch.into_iter().map(|id| id.0));
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 80, "every acknowledged comment has an id of its own");
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM comments").fetch_one(second.pool()).await.unwrap();
    assert_eq!(count, 80);
}

fn content_article() -> ashyq_store::NewArticle {
    let text = "+++\ntitle = \"One\"\nslug = \"one\"\nlang = \"en\"\npublished = 2026-03-14T09:30:00+05:00\n\
                summary = \"S\"\nauthors = [{ name = \"Asel\", slug = \"asel\" }]\n+++\nBody.\n";
    let article = ashyq_content::parse_article("t.md", text).unwrap();
    ashyq_store::NewArticle { article, lead_html: None, body_html: "<p>one</p>".to_owned() }
}

fn comment(article_id: ashyq_store::ArticleId, body: &str, exact: i64) -> ashyq_store::NewComment {
    use ashyq_store::{CommentStatus, NewComment, StoredFingerprint};
    NewComment {
        article_id,
        parent_id: None,
        author_name: "Reader".to_owned(),
        email: None,
        email_hash: None,
        email_confirm: None,
        user_id: None,
        is_article_author: false,
        body: body.to_owned(),
        body_html: format!("<p>{body}</p>"),
        status: CommentStatus::Pending,
        language: Some("en".to_owned()),
        screen_score: 0.0,
        screen_flagged: false,
        screen_findings: Vec::new(),
        screen_label: None,
        fingerprint: StoredFingerprint { exact, simhash: exact, tokens: 3 },
        address_hash: Some("addr".to_owned()),
        commenter_token_hash: "browser".to_owned(),
        flags: ashyq_store::CommentFlags::new(),
        created_at: 1_800_000_000,
        limit: None,
    }
}

/// Issue 15, one transaction style: a write dropped before it ends (an early return, a cancelled
/// request) keeps nothing and never hands its half-open transaction, with the advisory write
/// lock, to the next user of its pooled connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_dropped_unfinished_keeps_nothing_and_blocks_no_later_write_issue_15() {
    use ashyq_store::{SettingWrite, SiteStore};
    let Some((_schema, store)) = open().await else { return };
    for round in 0..8 {
        let mut write =
            tokio::time::timeout(std::time::Duration::from_secs(3), store.begin_write())
                .await
                .expect("no write is kept waiting by a dropped one")
                .unwrap();
        sqlx::query("INSERT INTO site_settings (key, value, updated_at) VALUES ($1, 'dropped', 1)")
            .bind(format!("dropped.{round}"))
            .execute(&mut *write)
            .await
            .unwrap();
        drop(write);
    }
    let kept = SettingWrite { key: "name".to_owned(), value: Some("Steppe".to_owned()) };
    tokio::time::timeout(
        std::time::Duration::from_secs(3),
        store.write_site_settings(std::slice::from_ref(&kept), 2),
    )
    .await
    .expect("a later write is not kept waiting")
    .unwrap();
    let stored = store.site_settings().await.unwrap();
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!((stored[0].key.as_str(), stored[0].value.as_str()), ("name", "Steppe"));
}
