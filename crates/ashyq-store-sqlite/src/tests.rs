//! Tests of the SQLite store against a temporary database file.

use ashyq_content::parse_article;
use ashyq_store::{ArticleStore, NewArticle, StoreError};

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

async fn open() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn imports_and_reads_back_with_translations_tags_and_authors() {
    let (_dir, store) = open().await;
    let batch = [
        article("one", "en", None, "\"Kazakhstan\", \"Censorship\""),
        article("odin", "ru", Some("one"), "\"Казахстан\""),
    ];
    let outcome = store.import_articles(&batch, false).await.unwrap();
    assert_eq!(outcome.inserted, 2);
    assert_eq!(store.count_articles().await.unwrap(), 2);

    let view = store.article("odin").await.unwrap().unwrap();
    assert_eq!(view.body_html, "<p>odin</p>");
    assert_eq!(view.translation_of.as_deref(), Some("one"));
    assert_eq!(view.translations.len(), 1);
    assert_eq!(view.translations[0].slug, "one");
    assert!(view.translations[0].is_original);
    assert_eq!(view.summary.authors[0].slug, "asel");
    assert_eq!(view.tags[0].name, "Казахстан");

    let tag = store.tag_page("kazakhstan", 10).await.unwrap().unwrap();
    assert_eq!(tag.articles.len(), 1);
    let author = store.author_page("asel", 10).await.unwrap().unwrap();
    assert_eq!(author.articles.len(), 2);
    assert!(store.tag_page("nothing", 10).await.unwrap().is_none());
    assert_eq!(store.latest_articles(Some("ru"), 10).await.unwrap().len(), 1);
    let languages = store.languages().await.unwrap();
    assert_eq!(languages.len(), 2);
}

#[tokio::test]
async fn a_conflicting_batch_writes_nothing() {
    let (_dir, store) = open().await;
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let batch = [article("two", "en", None, "\"New tag\""), article("one", "en", None, "")];
    let error = store.import_articles(&batch, false).await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { constraint } if constraint == "articles_slug_key"),
        "{error:?}"
    );
    assert_eq!(store.count_articles().await.unwrap(), 1, "the batch must be all or nothing");
    assert!(store.tag_page("new-tag", 10).await.unwrap().is_none());
}

#[tokio::test]
async fn replace_updates_an_existing_article() {
    let (_dir, store) = open().await;
    store.import_articles(&[article("one", "en", None, "\"A\"")], false).await.unwrap();
    let outcome =
        store.import_articles(&[article("one", "kk", None, "\"B\"")], true).await.unwrap();
    assert_eq!(outcome.replaced, 1);
    let view = store.article("one").await.unwrap().unwrap();
    assert_eq!(view.summary.lang, "kk");
    assert_eq!(view.tags[0].name, "B");
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
