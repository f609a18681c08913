//! The approval rule on its own: a translation is publishable only with every unit approved as it
//! is, unless its language is listed in `unreviewed_translations`; originals always pass.

use ashyq_accounts::{Role, Roles};
use ashyq_content::parse_article;
use ashyq_store::{AccountStore, ArticleStore, EditorialStore as _, NewArticle, NewUser};
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

/// Approves the Kazakh translation of `mosty` unit by unit, with `second` as its last paragraph.
async fn approve_kazakh(store: &SqliteStore, second: &str) {
    let editor = NewUser {
        email: "aliya@example.org".to_owned(),
        name: "aliya".to_owned(),
        roles: Roles::new([Role::Editor]),
        password_hash: None,
    };
    let id = store.create_user(&editor, 0).await.unwrap();
    let aliya =
        Translator { id, roles: Roles::new([Role::Editor]), languages: vec!["kk".to_owned()] };
    let units = stored_original_units(store, "mosty").await.unwrap();
    let texts: Vec<(String, String)> = units
        .iter()
        .zip(["Көпірлер", "Көпір наурызда жабылды.", second])
        .map(|(unit, text)| (unit.id.clone(), text.to_owned()))
        .collect();
    save_work(store, Writer::Operator, "mosty", "kk", &texts, true, NOW).await.unwrap();
    let decisions: Vec<(String, UnitDecision)> = texts
        .iter()
        .map(|(id, text)| (id.clone(), UnitDecision::Approve { seen: unit_hash(text) }))
        .collect();
    review_work(store, &aliya, "mosty", "kk", &decisions, NOW).await.unwrap();
}

#[tokio::test]
async fn a_save_publishes_a_translation_only_as_approved_and_writes_nothing_when_refused() {
    let (_dir, store) = site().await;
    let defaults = SiteSettings::default();
    let user = store
        .create_user(
            &NewUser {
                email: "erlan@example.org".to_owned(),
                name: "erlan".to_owned(),
                roles: Roles::new([Role::Editor]),
                password_hash: None,
            },
            0,
        )
        .await
        .unwrap();
    let save = SaveNote { user, now: NOW, note: "publish" };
    let new =
        NewArticle { article: translation(SECOND), lead_html: None, body_html: String::new() };
    let refused =
        save_approved(&store, &defaults, None, &new, ArticleStatus::Published, save).await;
    assert!(matches!(refused, Err(ApprovedSaveError::NotApproved(_))), "{refused:?}");
    assert!(store.article_record("mosty-kk").await.unwrap().is_none(), "nothing written");
    // A draft needs no approval; publishing it does.
    let id =
        save_approved(&store, &defaults, None, &new, ArticleStatus::Draft, save).await.unwrap();
    let refused =
        save_approved(&store, &defaults, Some(id), &new, ArticleStatus::Published, save).await;
    assert!(matches!(refused, Err(ApprovedSaveError::NotApproved(_))), "{refused:?}");
    assert_eq!(
        store.article_record("mosty-kk").await.unwrap().unwrap().status,
        ArticleStatus::Draft
    );
    approve_kazakh(&store, SECOND).await;
    let saved =
        save_approved(&store, &defaults, Some(id), &new, ArticleStatus::Published, save).await;
    assert_eq!(saved.unwrap(), id);
    let record = store.article_record("mosty-kk").await.unwrap().unwrap();
    assert_eq!(record.status, ArticleStatus::Published);
}

#[tokio::test]
async fn an_archives_unapproved_translation_is_held_for_review_and_its_original_published() {
    use ashyq_store::ImportedArticle;
    let (_dir, store) = site().await;
    let defaults = SiteSettings::default();
    let imported = |slug: &str, article: ashyq_content::Article| ImportedArticle {
        foreign_id: slug.to_owned(),
        article: NewArticle { article, lead_html: None, body_html: String::new() },
        status: ArticleStatus::Published,
    };
    let other = parse_article("other.md", &ORIGINAL.replace("\"mosty\"", "\"other\"")).unwrap();
    let mut batch = ArchiveBatch {
        source: "wxr".to_owned(),
        articles: vec![imported("p1", other), imported("p2", translation(SECOND))],
        comments: Vec::new(),
    };
    let planned = [ArticleStatus::Published, ArticleStatus::Published];
    let decided = approve_archive(&store, &defaults, &mut batch, &planned).await.unwrap();
    assert_eq!(decided.held, ["mosty-kk"]);
    assert!(decided.bases.is_empty());
    let statuses: Vec<_> = batch.articles.iter().map(|article| article.status).collect();
    assert_eq!(statuses, [ArticleStatus::Published, ArticleStatus::Review]);
    // Approved: decided again from the planned statuses, it is published, with what was read.
    approve_kazakh(&store, SECOND).await;
    let decided = approve_archive(&store, &defaults, &mut batch, &planned).await.unwrap();
    assert!(decided.held.is_empty());
    assert_eq!(decided.bases.len(), 1);
    assert_eq!(decided.bases[0].translation_slug, "mosty-kk");
    let (outcome, held) = import_archive_approved(&store, &defaults, &mut batch).await.unwrap();
    assert_eq!((outcome.articles, held.len()), (2, 0));
    let record = store.article_record("mosty-kk").await.unwrap().unwrap();
    assert_eq!(record.status, ArticleStatus::Published);
}
