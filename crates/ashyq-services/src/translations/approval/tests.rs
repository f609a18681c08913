//! The approval rule on its own: a translation is publishable only with every unit approved as it
//! is, unless its language is listed in `unreviewed_translations`; originals always pass.

use ashyq_accounts::{Role, Roles};
use ashyq_content::parse_article;
use ashyq_store::{AccountStore, ArticleStore, NewArticle, NewUser};
use ashyq_store_sqlite::SqliteStore;

use super::*;
use crate::translations::claims::Translator;
use crate::translations::workbench::{UnitDecision, Writer, review_work, save_work};
use crate::translations::{TranslationSync, record_units, stored_original_units};

const NOW: i64 = 1_800_000_000;

const ORIGINAL: &str = "+++\ntitle = \"Мосты\"\nslug = \"mosty\"\nlang = \"ru\"\n\
    published = 2026-03-14T09:30:00+05:00\nauthors = [{ name = \"Асель\", slug = \"asel\" }]\n+++\n\
    Мост закрыли в марте.\n\nПаром ходит по пятницам.\n";

fn translation(second: &str) -> ashyq_content::Article {
    let text = format!(
        "+++\ntitle = \"Көпірлер\"\nslug = \"mosty-kk\"\nlang = \"kk\"\ntranslation_of = \"mosty\"\n\
         published = 2026-03-15T09:30:00+05:00\nauthors = [{{ name = \"Асель\", slug = \"asel\" }}]\n+++\n\
         Көпір наурызда жабылды.\n\n{second}\n"
    );
    parse_article("mosty-kk.md", &text).unwrap()
}

const SECOND: &str = "Паром жұма сайын жүреді.";

async fn site() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    let article = parse_article("mosty.md", ORIGINAL).unwrap();
    let new = NewArticle { article: article.clone(), lead_html: None, body_html: String::new() };
    store.import_articles(&[new], false).await.unwrap();
    record_units(&store, &[&article], TranslationSync::InStep).await.unwrap();
    (dir, store)
}

fn refused_units(outcome: Result<(), PublicationError>) -> Vec<String> {
    match outcome {
        Err(PublicationError::NotApproved { units, .. }) => units,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_translation_is_published_only_as_approved_unless_its_language_is_listed() {
    let (_dir, store) = site().await;
    let defaults = SiteSettings::default();
    let kazakh = translation(SECOND);
    let all = refused_units(check_publication(&store, &defaults, &kazakh).await);
    assert_eq!(all.len(), 3, "title and two paragraphs: {all:?}");
    assert_eq!(all[0], "title");
    let mut open = SiteSettings::default();
    open.set("unreviewed_translations", "kk-Cyrl, en").unwrap();
    check_publication(&store, &open, &kazakh).await.unwrap();
    let original = parse_article("mosty.md", ORIGINAL).unwrap();
    check_publication(&store, &defaults, &original).await.unwrap();

    // Written and approved unit by unit: the same text is publishable, a changed word is not.
    let editor = NewUser {
        email: "gulnar@example.org".to_owned(),
        name: "gulnar".to_owned(),
        roles: Roles::new([Role::Editor]),
        password_hash: None,
    };
    let id = store.create_user(&editor, 0).await.unwrap();
    let gulnar =
        Translator { id, roles: Roles::new([Role::Editor]), languages: vec!["kk".to_owned()] };
    let units = stored_original_units(&store, "mosty").await.unwrap();
    let texts: Vec<(String, String)> = units
        .iter()
        .zip(["Көпірлер", "Көпір наурызда жабылды.", SECOND])
        .map(|(unit, text)| (unit.id.clone(), text.to_owned()))
        .collect();
    save_work(&store, Writer::Operator, "mosty", "kk", &texts, true, NOW).await.unwrap();
    let decisions: Vec<(String, UnitDecision)> = texts
        .iter()
        .map(|(id, text)| (id.clone(), UnitDecision::Approve { seen: unit_hash(text) }))
        .collect();
    review_work(&store, &gulnar, "mosty", "kk", &decisions, NOW).await.unwrap();
    check_publication(&store, &defaults, &kazakh).await.unwrap();
    let edited = translation("Паром әр жұма сайын жүреді.");
    assert_eq!(
        refused_units(check_publication(&store, &defaults, &edited).await),
        [units[2].id.clone()]
    );
}

#[tokio::test]
async fn a_translation_whose_original_is_not_stored_has_nothing_approved() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    let units = refused_units(
        check_publication(&store, &SiteSettings::default(), &translation(SECOND)).await,
    );
    assert_eq!(units, ["title", "block", "block"]);
}
