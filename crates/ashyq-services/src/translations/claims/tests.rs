//! Claims against a real SQLite store: the language rule, expiry, release, reassignment, and a
//! concurrent burst of claims of which exactly one wins.

use ashyq_accounts::{Role, Roles};
use ashyq_content::parse_article;
use ashyq_store::{AccountStore, ArticleStore, NewArticle, NewUser, TranslationStore};
use ashyq_store_sqlite::SqliteStore;

use super::*;

const NOW: i64 = 1_800_000_000;

async fn site() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    let text = "+++\ntitle = \"Bridges\"\nslug = \"bridges\"\nlang = \"en\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"S\"\nauthors = [{ name = \"Asel\", slug = \"asel\" }]\n+++\nBody.\n";
    let article = parse_article("t.md", text).unwrap();
    store
        .import_articles(
            &[NewArticle { article, lead_html: None, body_html: String::new() }],
            false,
        )
        .await
        .unwrap();
    (dir, store)
}

async fn person(store: &SqliteStore, name: &str, role: Role, languages: &[&str]) -> Translator {
    let user = NewUser {
        email: format!("{name}@example.org"),
        name: name.to_owned(),
        roles: Roles::new([role]),
        password_hash: None,
    };
    let id = store.create_user(&user, 0).await.unwrap();
    let languages: Vec<String> = languages.iter().map(|lang| (*lang).to_owned()).collect();
    store.set_translator_languages(id, &languages).await.unwrap();
    Translator { id, roles: Roles::new([role]), languages }
}

#[tokio::test]
async fn only_translators_into_a_language_claim_and_a_claim_expires() {
    let (_dir, store) = site().await;
    let dana = person(&store, "dana", Role::Translator, &["kk"]).await;
    let timur = person(&store, "timur", Role::Translator, &["kk", "ru"]).await;
    let author = person(&store, "aigerim", Role::Author, &["kk"]).await;

    assert!(matches!(
        claim(&store, &dana, "bridges", "ru", NOW, 7).await,
        Err(ClaimError::NotYourLanguage)
    ));
    assert!(matches!(
        claim(&store, &author, "bridges", "kk", NOW, 7).await,
        Err(ClaimError::NotYourLanguage)
    ));
    assert!(matches!(
        claim(&store, &timur, "nowhere", "kk", NOW, 7).await,
        Err(ClaimError::NoSuchStory)
    ));
    claim(&store, &dana, "bridges", "kk", NOW, 7).await.unwrap();
    match claim(&store, &timur, "bridges", "kk", NOW + 100, 7).await {
        Err(ClaimError::HeldByOther { holder }) => assert_eq!(holder, "dana"),
        other => panic!("{other:?}"),
    }
    // Timur cannot release Dana's claim either.
    assert!(matches!(release(&store, &timur, "bridges", "kk").await, Err(ClaimError::NotHeld)));
    // Seven days later it has expired, and Timur may take it.
    claim(&store, &timur, "bridges", "kk", NOW + 7 * 86_400, 7).await.unwrap();
    let claims = store.active_claims(NOW + 7 * 86_400).await.unwrap();
    assert_eq!(claim_on(&claims, "bridges", "kk").unwrap().user, timur.id);
    release(&store, &timur, "bridges", "kk").await.unwrap();
    assert!(store.active_claims(NOW + 7 * 86_400).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_language_editor_releases_and_reassigns() {
    let (_dir, store) = site().await;
    let dana = person(&store, "dana", Role::Translator, &["kk"]).await;
    let _timur = person(&store, "timur", Role::Translator, &["kk"]).await;
    let russian_editor = person(&store, "erlan", Role::Editor, &["ru"]).await;
    let kazakh_editor = person(&store, "gulnar", Role::Editor, &["kk"]).await;
    claim(&store, &dana, "bridges", "kk", NOW, 7).await.unwrap();
    assert!(matches!(
        reassign(&store, &russian_editor, "bridges", "kk", "timur@example.org", NOW, 7).await,
        Err(ClaimError::NotLanguageEditor)
    ));
    assert!(matches!(
        reassign(&store, &kazakh_editor, "bridges", "kk", "erlan@example.org", NOW, 7).await,
        Err(ClaimError::AssigneeNotTranslator)
    ));
    reassign(&store, &kazakh_editor, "bridges", "kk", "timur@example.org", NOW, 7).await.unwrap();
    let claims = store.active_claims(NOW).await.unwrap();
    assert_eq!(claim_on(&claims, "bridges", "kk").unwrap().user_name, "timur");
    release(&store, &kazakh_editor, "bridges", "kk").await.unwrap();
    assert!(store.active_claims(NOW).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_a_burst_of_concurrent_claims_exactly_one_wins() {
    let (_dir, store) = site().await;
    let mut translators = Vec::new();
    for n in 0..12 {
        translators.push(person(&store, &format!("t{n}"), Role::Translator, &["kk"]).await);
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(translators.len()));
    let mut tasks = Vec::new();
    for translator in translators {
        let store = store.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            claim(&store, &translator, "bridges", "kk", NOW, 7).await.is_ok()
        }));
    }
    let mut winners = 0;
    for task in tasks {
        winners += usize::from(task.await.unwrap());
    }
    assert_eq!(winners, 1);
    assert_eq!(store.active_claims(NOW).await.unwrap().len(), 1);
}
