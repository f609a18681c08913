//! Recording units against a real SQLite store: a change to one paragraph of an original marks
//! only that unit of its translation; imports take translations as in step; editor saves keep the
//! state of units the translator did not touch.

use ashyq_content::{Article, UnitState, parse_article};
use ashyq_store::{ArticleStore, NewArticle, TranslationStore};
use ashyq_store_sqlite::SqliteStore;

use super::*;

fn original(body: &str) -> Article {
    let text = format!(
        "+++\ntitle = \"Bridges\"\nslug = \"bridges\"\nlang = \"en\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"The bridge is closed.\"\nauthors = [{{ name = \"Asel\", slug = \"asel\" }}]\n+++\n{body}"
    );
    parse_article("bridges.md", &text).unwrap()
}

fn translation(body: &str) -> Article {
    let text = format!(
        "+++\ntitle = \"Көпірлер\"\nslug = \"bridges-kk\"\nlang = \"kk\"\ntranslation_of = \"bridges\"\n\
         published = 2026-03-15T09:30:00+05:00\nsummary = \"Көпір жабық.\"\n\
         authors = [{{ name = \"Asel\", slug = \"asel\" }}]\n+++\n{body}"
    );
    parse_article("bridges-kk.md", &text).unwrap()
}

const BODY: &str = "One.\n\nTwo.\n\nThree.\n";
const BODY_KK: &str = "Бір.\n\nЕкі.\n\nҮш.\n";

async fn store_articles(store: &SqliteStore, articles: &[&Article], mode: TranslationSync) {
    let batch: Vec<NewArticle> = articles
        .iter()
        .map(|article| NewArticle {
            article: (*article).clone(),
            lead_html: None,
            body_html: String::new(),
        })
        .collect();
    store.import_articles(&batch, true).await.unwrap();
    record_units(store, articles, mode).await.unwrap();
}

async fn states(store: &SqliteStore) -> Vec<(String, UnitState)> {
    let original = store.article_units("bridges").await.unwrap();
    let records = store.translated_units("bridges-kk").await.unwrap();
    original
        .iter()
        .filter_map(|unit| {
            let record = records.iter().find(|record| record.unit_id == unit.id)?;
            Some((unit.kind.clone(), record.state))
        })
        .collect()
}

#[tokio::test]
async fn editing_one_paragraph_of_an_original_marks_only_that_unit() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    store_articles(&store, &[&original(BODY), &translation(BODY_KK)], TranslationSync::InStep)
        .await;
    let before = states(&store).await;
    assert_eq!(before.len(), 5, "title, summary and three paragraphs: {before:?}");
    assert!(before.iter().all(|(_, state)| *state == UnitState::Translated));

    // A new paragraph before the others, and the second one edited.
    let edited = original("Zero.\n\nOne.\n\nTwo, changed.\n\nThree.\n");
    store_articles(&store, &[&edited], TranslationSync::InStep).await;
    let stale = stale_units(&store, "bridges-kk", "bridges").await.unwrap();
    assert_eq!(stale, vec![StaleUnit { kind: "block".to_owned(), ordinal: 3 }]);
    let after = states(&store).await;
    let needing_update = after.iter().filter(|(_, state)| *state == UnitState::NeedsUpdate).count();
    assert_eq!(needing_update, 1, "{after:?}");

    // The translator fixes a different paragraph in the editor: the stale one stays stale.
    let fixed = translation("Бір!\n\nЕкі.\n\nҮш.\n");
    store_articles(&store, &[&fixed], TranslationSync::ChangedUnits).await;
    assert_eq!(stale_units(&store, "bridges-kk", "bridges").await.unwrap().len(), 1);

    // Translating it clears it.
    let updated = translation("Бір!\n\nЕкі, өзгерді.\n\nҮш.\n");
    store_articles(&store, &[&updated], TranslationSync::ChangedUnits).await;
    assert!(stale_units(&store, "bridges-kk", "bridges").await.unwrap().is_empty());
}

#[tokio::test]
async fn an_imported_translation_is_in_step_and_a_removed_paragraph_marks_its_translation() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    store_articles(&store, &[&original(BODY)], TranslationSync::InStep).await;
    store_articles(&store, &[&translation(BODY_KK)], TranslationSync::InStep).await;
    assert!(stale_units(&store, "bridges-kk", "bridges").await.unwrap().is_empty());
    store_articles(&store, &[&original("One.\n\nThree.\n")], TranslationSync::InStep).await;
    let after = states(&store).await;
    // "Two." is gone from the original: its translation is extra, and counts as needing update.
    let records = store.translated_units("bridges-kk").await.unwrap();
    assert_eq!(records.iter().filter(|r| r.state == UnitState::NeedsUpdate).count(), 1);
    assert!(after.iter().all(|(_, state)| *state == UnitState::Translated));
    // Re-importing the translation file takes it as in step again.
    store_articles(&store, &[&translation("Бір.\n\nҮш.\n")], TranslationSync::InStep).await;
    let records = store.translated_units("bridges-kk").await.unwrap();
    assert!(records.iter().all(|r| r.state == UnitState::Translated), "{records:?}");
}

#[test]
fn status_counts_every_language_with_zeros_and_sorts_each_story() {
    use ashyq_store::{StoryTranslations, TranslationVersion};
    let version = |lang: &str, status: &str, stale: i64| TranslationVersion {
        slug: format!("s-{lang}"),
        lang: lang.to_owned(),
        status: ashyq_store::ArticleStatus::from_code(status).unwrap(),
        units_needing_update: stale,
    };
    let stories = vec![
        StoryTranslations {
            original_slug: "a".to_owned(),
            original_lang: "en".to_owned(),
            versions: vec![version("kk", "published", 0), version("ru", "published", 2)],
        },
        StoryTranslations {
            original_slug: "b".to_owned(),
            original_lang: "ru".to_owned(),
            versions: vec![version("kk-Cyrl", "draft", 0)],
        },
        StoryTranslations {
            original_slug: "c".to_owned(),
            original_lang: "en".to_owned(),
            versions: Vec::new(),
        },
    ];
    let languages: Vec<String> = ["en", "ru", "kk", "ar"].map(str::to_owned).to_vec();
    let counts = status_counts(&stories, &languages, &|slug, lang| slug == "c" && lang == "kk");
    let line = |translated, outdated, in_progress, claimed, missing| LanguageStatus {
        translated,
        outdated,
        in_progress,
        claimed,
        missing,
    };
    assert_eq!(counts["kk"], line(1, 0, 1, 1, 0));
    assert_eq!(counts["ru"], line(0, 1, 0, 0, 1));
    assert_eq!(counts["en"], line(0, 0, 0, 0, 1));
    assert_eq!(counts["ar"], line(0, 0, 0, 0, 3));
}
