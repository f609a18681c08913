//! What feeds, the sitemap and e-books read: only what readers may see, newest first, with the
//! translations that pair addresses in the sitemap.

use ashyq_store::{ArchiveBatch, ArticleStatus, FeedScope, ImportStore, ImportedArticle, Store};

use crate::content::article;

pub async fn feeds_and_the_sitemap_hold_only_what_readers_see_issue_12<S: Store + ImportStore>(
    store: S,
) {
    let batch = [
        article("one", "en", None, "\"Steppe\""),
        article("odin", "ru", Some("one"), "\"Steppe\", \"Рынок\""),
    ];
    store.import_articles(&batch, false).await.unwrap();
    let draft = ImportedArticle {
        foreign_id: "p1".to_owned(),
        article: article("secret", "en", None, "\"Steppe\", \"Hidden\""),
        status: ArticleStatus::Draft,
    };
    let batch = ArchiveBatch { source: "test".to_owned(), articles: vec![draft], comments: vec![] };
    store.import_archive(&batch).await.unwrap();

    let slugs = |source: Option<ashyq_store::FeedSource>| -> Vec<String> {
        source.unwrap().entries.iter().map(|entry| entry.view.summary.slug.clone()).collect()
    };
    // The same publication time for both: the newest id first; the draft never.
    assert_eq!(slugs(store.feed(FeedScope::Site, 50).await.unwrap()), ["odin", "one"]);
    assert_eq!(slugs(store.feed(FeedScope::Site, 1).await.unwrap()), ["odin"]);
    assert_eq!(slugs(store.feed(FeedScope::Language("en"), 50).await.unwrap()), ["one"]);
    assert_eq!(slugs(store.feed(FeedScope::Tag("steppe"), 50).await.unwrap()), ["odin", "one"]);
    assert_eq!(slugs(store.feed(FeedScope::Author("asel"), 50).await.unwrap()), ["odin", "one"]);
    let tag = store.feed(FeedScope::Tag("steppe"), 50).await.unwrap().unwrap();
    assert_eq!(tag.subject.map(|subject| subject.slug).as_deref(), Some("steppe"));
    // A tag only a draft carries, an unknown author, a language with nothing public: no feed.
    assert!(store.feed(FeedScope::Tag("hidden"), 50).await.unwrap().is_none());
    assert!(store.feed(FeedScope::Author("nobody"), 50).await.unwrap().is_none());
    assert!(store.feed(FeedScope::Language("kk"), 50).await.unwrap().is_none());

    let entry = store.feed_entry("one").await.unwrap().unwrap();
    assert_eq!(entry.view.summary.slug, "one");
    assert!(entry.updated.unix_timestamp() >= entry.view.summary.published.unix_timestamp());
    assert!(store.feed_entry("secret").await.unwrap().is_none());

    let map = store.sitemap().await.unwrap();
    let mut articles: Vec<(String, String)> =
        map.articles.iter().map(|a| (a.slug.clone(), a.lang.clone())).collect();
    articles.sort();
    assert_eq!(
        articles,
        [("odin".to_owned(), "ru".to_owned()), ("one".to_owned(), "en".to_owned())]
    );
    assert_eq!(map.articles[0].group, map.articles[1].group, "a translation shares its group");
    assert!(map.tags.iter().all(|tag| tag != "hidden"), "{:?}", map.tags);
    assert!(map.tags.iter().any(|tag| tag == "steppe"));
    assert_eq!(map.authors, ["asel"]);
    assert_eq!(map.languages, ["en", "ru"]);
}
