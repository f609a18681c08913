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
