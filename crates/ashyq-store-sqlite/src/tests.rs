//! Tests of the SQLite store that only SQLite has (a database file reopened); everything the
//! store traits promise is in the conformance suite (`ashyq-store-conformance`), run here below.

use ashyq_content::parse_article;
use ashyq_store::{ArticleStore, NewArticle};

use super::*;

fn article(slug: &str, lang: &str, translation_of: Option<&str>, tags: &str) -> NewArticle {
    let translation = translation_of
        .map(|original| format!("translation_of = \"{original}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "+++\ntitle = \"Title {slug}\"\nslug = \"{slug}\"\nlang = \"{lang}\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"S\"\ntags = [{tags}]\n{translation}authors = [{{ name = \"Asel\", slug = \"asel\" }}]\n+++\nBody.\n"
    );
    let article = parse_article("t.md", &text).expect("test article parses");
    NewArticle { article, lead_html: None, body_html: format!("<p>{slug}</p>") }
}

#[tokio::test]
async fn data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SqliteStore::open(dir.path()).await.unwrap();
        store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
        store.close().await;
    }
    let store = SqliteStore::open(dir.path()).await.unwrap();
    assert_eq!(store.article_sources().await.unwrap().len(), 1);
}

/// The queries a page makes for every article must use the index that finds its few rows, whatever
/// the planner guesses without statistics (a 100,000-article export took over a second per
/// article when the versions of a story were found through the published-articles index).
#[tokio::test]
async fn per_article_queries_use_their_selective_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    let batch: Vec<NewArticle> =
        (0..40).map(|n| article(&format!("a{n}"), "en", None, "")).collect();
    store.import_articles(&batch, false).await.unwrap();
    let plan: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&format!("EXPLAIN QUERY PLAN {}", crate::articles::versions_of_group()))
            .bind("a1")
            .bind(1_i64)
            .bind(i64::MAX)
            .fetch_all(&store.pool)
            .await
            .unwrap();
    let steps: Vec<&str> = plan.iter().map(|step| step.3.as_str()).collect();
    assert!(
        steps
            .iter()
            .any(|step| step.contains("USING INDEX articles_group_idx (translation_group=?)")),
        "{steps:?}"
    );
}

/// A fresh store in a temporary folder, for the conformance suite.
async fn open() -> Option<(tempfile::TempDir, SqliteStore)> {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    Some((dir, store))
}

mod conformance {
    use super::open;
    ashyq_store_conformance::conformance_suite!(open);
}

/// Issue 12: feeds and the sitemap read only visible articles, whole, with their story groups.
#[tokio::test]
async fn feeds_and_the_sitemap_show_only_visible_articles_issue_12() {
    use ashyq_store::{FeedScope, FeedStore};
    let (_dir, store) = open().await.unwrap();
    let mut scheduled = article("later", "en", None, "\"Hidden tag\"");
    scheduled.article.published = time::OffsetDateTime::now_utc() + time::Duration::days(3);
    let batch = [
        article("one", "en", None, "\"Kazakhstan\""),
        article("odin", "ru", Some("one"), "\"Казахстан\""),
        scheduled,
    ];
    store.import_articles(&batch, false).await.unwrap();

    let site = store.feed(FeedScope::Site, 50).await.unwrap().unwrap();
    let slugs: Vec<&str> = site.entries.iter().map(|e| e.view.summary.slug.as_str()).collect();
    assert_eq!(slugs.len(), 2, "{slugs:?}");
    assert!(!slugs.contains(&"later"));
    assert!(site.entries.iter().all(|e| e.updated >= e.view.summary.published));
    assert_eq!(store.feed(FeedScope::Site, 1).await.unwrap().unwrap().entries.len(), 1);

    let ru = store.feed(FeedScope::Language("ru"), 50).await.unwrap().unwrap();
    assert_eq!(ru.entries[0].view.body_html, "<p>odin</p>");
    let tag = store.feed(FeedScope::Tag("kazakhstan"), 50).await.unwrap().unwrap();
    assert_eq!(tag.subject.unwrap().name, "Kazakhstan");
    assert_eq!(tag.entries.len(), 1);
    let author = store.feed(FeedScope::Author("asel"), 50).await.unwrap().unwrap();
    assert_eq!(author.entries.len(), 2);
    assert!(store.feed(FeedScope::Tag("hidden-tag"), 50).await.unwrap().is_none());
    assert!(store.feed(FeedScope::Tag("nothing"), 50).await.unwrap().is_none());
    assert!(store.feed(FeedScope::Language("kk"), 50).await.unwrap().is_none());
    assert!(store.feed_entry("later").await.unwrap().is_none());
    assert!(store.feed_entry("one").await.unwrap().is_some());

    let sitemap = store.sitemap().await.unwrap();
    let listed: Vec<(&str, &str)> =
        sitemap.articles.iter().map(|a| (a.slug.as_str(), a.group.as_str())).collect();
    assert_eq!(listed, [("one", "one"), ("odin", "one")]);
    assert!(!sitemap.tags.contains(&"hidden-tag".to_owned()));
    assert_eq!(sitemap.authors, ["asel"]);
    assert_eq!(sitemap.languages, ["en", "ru"]);
}

/// Issue 15, one transaction style: a write dropped before it ends (an early return, a cancelled
/// request) keeps nothing and never hands its half-open transaction, with SQLite's write lock, to
/// the next user of its pooled connection. More drops than the pool has connections.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_dropped_unfinished_keeps_nothing_and_blocks_no_later_write_issue_15() {
    use ashyq_store::{SettingWrite, SiteStore};
    let (_dir, store) = open().await.unwrap();
    for round in 0..8 {
        let mut write =
            tokio::time::timeout(std::time::Duration::from_secs(3), store.begin_write())
                .await
                .expect("no write is kept waiting by a dropped one")
                .unwrap();
        sqlx::query("INSERT INTO site_settings (key, value, updated_at) VALUES (?, 'dropped', 1)")
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

/// Rows as another hand (or an older tool) may have left them: a rejection's reason ashyq never
/// writes reads as `other` and exports as `toxic` (before issue 15 the word itself became the
/// label, which `moderation eval` then refused), and a logged action ashyq does not know is an
/// error that names it, never some other action.
#[tokio::test]
async fn hand_written_reasons_read_as_other_and_an_unknown_action_is_named_issue_15() {
    use ashyq_store::DataLabel;
    use ashyq_store::{
        AccountStore, CommentStore, Decision, DecisionStamp, DecisionTarget, NewUser, RejectReason,
    };
    let (_dir, store) = open().await.unwrap();
    let batch = [ashyq_store_conformance::content::article("one", "en", None, "")];
    store.import_articles(&batch, false).await.unwrap();
    let target = store.comment_target("one").await.unwrap().unwrap();
    let draft =
        ashyq_store_conformance::comments::comment(target.article_id, "Rude", "addr", 1, 1_000);
    let id = store
        .insert_comments(&[draft])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>()[0];
    let user = NewUser {
        email: "hand@example.org".to_owned(),
        name: "Hand".to_owned(),
        roles: ashyq_accounts::Roles::parse("moderator").unwrap(),
        password_hash: None,
    };
    let by = store.create_user(&user, 0).await.unwrap();
    let stamp = DecisionStamp { by, now: 2_000, link_hash: None };
    let decision = Decision::Reject { reason: RejectReason::Hate };
    store.decide_comments(&[DecisionTarget { id, version: 1 }], &decision, stamp).await.unwrap();
    assert_eq!(store.decided_comments().await.unwrap()[0].label, DataLabel::Hate);

    sqlx::query("UPDATE comments SET decision_reason = 'rude'").execute(&store.pool).await.unwrap();
    sqlx::query("UPDATE moderation_actions SET reason = 'rude'")
        .execute(&store.pool)
        .await
        .unwrap();
    assert_eq!(store.decided_comments().await.unwrap()[0].label, DataLabel::Toxic);
    let queued = store.queued_comment(id).await.unwrap().unwrap();
    assert_eq!(queued.decision_reason, Some(RejectReason::Other));
    assert_eq!(store.recent_actions(5).await.unwrap()[0].reason, Some(RejectReason::Other));

    sqlx::query("UPDATE moderation_actions SET action = 'dance'")
        .execute(&store.pool)
        .await
        .unwrap();
    let error = store.recent_actions(5).await.unwrap_err().to_string();
    assert!(error.contains("unknown action `dance`"), "{error}");
}
