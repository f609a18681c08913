//! A story's translation exported unit by unit and taken back: unchanged texts change nothing,
//! changed ones go through the editor's save, and a file that no longer fits the story is refused
//! whole. Here the helpers and the export; `states` has how the file's XLIFF states decide what is
//! imported, `conflicts` whose text wins where the file and the site both changed a unit.

use ashyq_accounts::{Role, Roles};
use ashyq_store::{AccountStore, ArticleStore, NewArticle, NewUser, TranslationStore};
use ashyq_store_sqlite::SqliteStore;

use super::*;
use crate::translations::claims::{Translator, claim};
use crate::translations::workbench::{
    SavedText, UnitDecision, WorkError, Writer, review_work, save_texts, save_work, seen_hash,
};
use crate::translations::{TranslationSync, record_units};
use ashyq_content::{DraftState, parse_article, unit_hash};

const NOW: i64 = 1_800_000_000;

fn original(second: &str) -> String {
    format!(
        "+++\ntitle = \"Мосты\"\nslug = \"mosty\"\nlang = \"ru\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"Два города, один паром.\"\nauthors = [{{ name = \"Асель\", slug = \"asel\" }}]\n+++\n\
         Мост закрыли в марте.\n\n{second}\n"
    )
}

async fn write(store: &SqliteStore, text: &str, replace: bool) {
    let article = parse_article("t.md", text).unwrap();
    store
        .import_articles(
            &[NewArticle { article: article.clone(), lead_html: None, body_html: String::new() }],
            replace,
        )
        .await
        .unwrap();
    record_units(store, &[&article], TranslationSync::InStep).await.unwrap();
}

async fn site() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    write(&store, &original("Паром ходит по пятницам."), false).await;
    (dir, store)
}

fn returned(story: &ExchangeStory, targets: &[&str]) -> ReturnedStory {
    ReturnedStory {
        original_slug: story.original_slug.clone(),
        src_lang: story.original_lang.clone(),
        lang: story.lang.clone(),
        exported_at: Some(NOW),
        units: story
            .units
            .iter()
            .enumerate()
            .map(|(index, unit)| ReturnedUnit {
                id: unit.id.clone(),
                // A tool marks what it filled in as translated.
                state: if targets.get(index).is_some() {
                    ReturnedState::Translated
                } else {
                    ReturnedState::Initial
                },
                target_hash: unit.target_hash(),
                source_hash: unit.source_hash.clone(),
                source: unit.source.clone(),
                target: targets.get(index).map(|text| (*text).to_owned()),
            })
            .collect(),
    }
}

const KAZAKH: [&str; 4] =
    ["Көпірлер", "Екі қала, бір паром.", "Көпір наурызда жабылды.", "Паром жұма сайын жүреді."];

#[tokio::test]
async fn a_missing_translation_exports_empty_targets_and_comes_back_as_drafts() {
    let (_dir, store) = site().await;
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    assert_eq!(story.original_lang, "ru");
    let ids: Vec<&str> = story.units.iter().map(|unit| unit.id.as_str()).collect();
    assert_eq!(ids[..2], ["title", "summary"]);
    assert!(story.units.iter().all(|unit| unit.target.is_empty()
        && unit.state == ExchangeState::Untranslated
        && unit.state.xliff() == "initial"));
    assert!(matches!(exchange_story(&store, "mosty", "ru").await, Err(WorkError::NoSuchStory)));
    assert_eq!(
        exchange_stories(&store, "ru").await.unwrap().len(),
        0,
        "no story is to be put into its own language"
    );

    // The file as exported, untouched: nothing changes.
    let back = returned(&story, &[]);
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert!(done.changed.is_empty());
    assert!(store.draft_units("mosty", "kk").await.unwrap().is_empty());

    let back = returned(&story, &KAZAKH[..2]);
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert_eq!(done.changed, ["title", "summary"]);
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    assert_eq!(story.units[0].target, "Көпірлер");
    assert_eq!(story.units[0].state, ExchangeState::Draft(DraftState::Draft));
    assert_eq!(story.units[0].target_source_hash, story.units[0].source_hash);
    // Again, unchanged: nothing is written, states stay.
    let before = store.draft_units("mosty", "kk").await.unwrap();
    let again = import_exchange(
        &store,
        Writer::Operator,
        &returned(&story, &KAZAKH[..2]),
        "kk",
        ImportOptions::default(),
        NOW + 60,
    )
    .await
    .unwrap();
    assert!(again.changed.is_empty());
    assert_eq!(
        store.draft_units("mosty", "kk").await.unwrap(),
        before,
        "not even the time changed"
    );
}

#[tokio::test]
async fn a_file_that_no_longer_fits_the_story_is_refused_whole() {
    let (_dir, store) = site().await;
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    let refuse = |back: ReturnedStory| {
        let store = &store;
        async move {
            let error = import_exchange(
                store,
                Writer::Operator,
                &back,
                "kk",
                ImportOptions::default(),
                NOW,
            )
            .await
            .expect_err("refused");
            assert!(store.draft_units("mosty", "kk").await.unwrap().is_empty(), "nothing written");
            error
        }
    };
    let mut back = returned(&story, &KAZAKH);
    back.units[3].id = "u-00000000".to_owned();
    let error = refuse(back).await;
    assert!(
        matches!(&error, ExchangeError::UnknownUnit { unit } if unit == "u-00000000"),
        "{error}"
    );
    let mut back = returned(&story, &KAZAKH);
    back.units[3].id = "title".to_owned();
    assert!(matches!(refuse(back).await, ExchangeError::DuplicateUnit { unit } if unit == "title"));
    let mut back = returned(&story, &KAZAKH);
    back.src_lang = "en".to_owned();
    assert!(refuse(back).await.to_string().contains("`mosty` is written in `ru`"));
    let mut back = returned(&story, &KAZAKH);
    back.lang = "en".to_owned();
    assert!(matches!(refuse(back).await, ExchangeError::WrongTargetLanguage { .. }));
    let mut back = returned(&story, &KAZAKH);
    back.original_slug = "nothing-here".to_owned();
    assert!(matches!(refuse(back).await, ExchangeError::NoSuchStory { .. }));
    let mut back = returned(&story, &KAZAKH);
    back.units[3].target = Some("ж".repeat(20_001));
    let error = refuse(back).await;
    assert_eq!(error.unit(), Some(story.units[3].id.as_str()), "{error}");

    // The original's second paragraph changes after the export: that unit is refused, and the
    // message says to export again.
    write(&store, &original("Паром ходит по субботам."), true).await;
    let error = refuse(returned(&story, &KAZAKH)).await;
    assert!(matches!(&error, ExchangeError::SourceChanged { unit } if *unit == story.units[3].id));
    assert!(error.to_string().contains("export the story again"), "{error}");
    // A tool that dropped our hash: the source text tells the same.
    let mut back = returned(&story, &KAZAKH);
    back.units.iter_mut().for_each(|unit| unit.source_hash.clear());
    assert!(matches!(refuse(back).await, ExchangeError::SourceChanged { .. }));
}

#[tokio::test]
async fn states_are_exported_as_review_left_them_and_a_published_translation_is_the_target() {
    let (_dir, store) = site().await;
    let person = |name: &'static str, role: Role| {
        let store = &store;
        async move {
            let user = NewUser {
                email: format!("{name}@example.org"),
                name: name.to_owned(),
                roles: Roles::new([role]),
                password_hash: None,
            };
            let id = store.create_user(&user, 0).await.unwrap();
            store.set_translator_languages(id, &["kk".to_owned()]).await.unwrap();
            Translator { id, roles: Roles::new([role]), languages: vec!["kk".to_owned()] }
        }
    };
    let dana = person("dana", Role::Translator).await;
    let gulnar = person("gulnar", Role::Editor).await;
    claim(&store, &dana, "mosty", "kk", NOW, 7).await.unwrap();
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    let back = returned(&story, &KAZAKH);
    // Through the file, as the claim holder, sent for review.
    let done = import_exchange(
        &store,
        Writer::ClaimHolder(&dana),
        &back,
        "kk",
        ImportOptions::SUBMIT,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(done.changed.len(), 4);
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    assert!(
        story
            .units
            .iter()
            .all(|unit| unit.state.code() == "submitted" && unit.state.xliff() == "translated")
    );
    let decisions = vec![
        (story.units[0].id.clone(), UnitDecision::Approve { seen: unit_hash(KAZAKH[0]) }),
        (
            story.units[1].id.clone(),
            UnitDecision::Return {
                note: "Қысқарақ.".to_owned(), seen: unit_hash(KAZAKH[1])
            },
        ),
    ];
    review_work(&store, &gulnar, "mosty", "kk", &decisions, NOW).await.unwrap();
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    assert_eq!(story.units[0].state.code(), "approved");
    assert_eq!(story.units[0].state.xliff(), "reviewed");
    assert_eq!(story.units[1].state.code(), "returned");
    assert_eq!(story.units[1].note, "Қысқарақ.");

    // A translation published as a file: its text is the target, its records the state; the
    // original's change shows as needs update with the source it was made from.
    let translation = "+++\ntitle = \"Көпірлер\"\nslug = \"mosty-en\"\nlang = \"en\"\ntranslation_of = \"mosty\"\n\
        published = 2026-03-15T09:30:00+05:00\nsummary = \"Two towns, one ferry.\"\n\
        authors = [{ name = \"Asel\", slug = \"asel\" }]\n+++\nThe bridge closed in March.\n\nThe ferry runs on Fridays.\n";
    write(&store, translation, false).await;
    write(&store, &original("Паром ходит по субботам."), true).await;
    let english = exchange_story(&store, "mosty", "en").await.unwrap();
    assert_eq!(english.units[2].target, "The bridge closed in March.");
    assert_eq!(english.units[2].state.code(), "translated");
    assert_eq!(english.units[3].state.code(), "needs-update");
    assert_eq!(english.units[3].previous_source.as_deref(), Some("Паром ходит по пятницам."));
    assert_eq!(english.units[3].state.xliff(), "initial");
    // Exported and taken back unchanged: nothing.
    let targets: Vec<&str> = english.units.iter().map(|unit| unit.target.as_str()).collect();
    let done = import_exchange(
        &store,
        Writer::Operator,
        &returned(&english, &targets),
        "en",
        ImportOptions::default(),
        NOW,
    )
    .await
    .unwrap();
    assert!(done.changed.is_empty());
    assert!(store.draft_units("mosty", "en").await.unwrap().is_empty());
}

async fn people(store: &SqliteStore) -> (Translator, Translator) {
    let mut made = Vec::new();
    for (name, role) in [("dana", Role::Translator), ("gulnar", Role::Editor)] {
        let user = NewUser {
            email: format!("{name}@example.org"),
            name: name.to_owned(),
            roles: Roles::new([role]),
            password_hash: None,
        };
        let id = store.create_user(&user, 0).await.unwrap();
        store.set_translator_languages(id, &["kk".to_owned()]).await.unwrap();
        made.push(Translator { id, roles: Roles::new([role]), languages: vec!["kk".to_owned()] });
    }
    let gulnar = made.pop().unwrap();
    (made.pop().unwrap(), gulnar)
}

/// The file's units as a tool sends them back: `(state, target)` per unit, in order.
fn with_states(story: &ExchangeStory, units: &[(ReturnedState, Option<&str>)]) -> ReturnedStory {
    let mut back = returned(story, &[]);
    for (unit, (state, target)) in back.units.iter_mut().zip(units) {
        unit.state = *state;
        unit.target = target.map(str::to_owned);
    }
    back
}

async fn drafts(store: &SqliteStore) -> std::collections::HashMap<String, (String, DraftState)> {
    store
        .draft_units("mosty", "kk")
        .await
        .unwrap()
        .into_iter()
        .map(|draft| (draft.unit_id, (draft.text, draft.state)))
        .collect()
}

mod conflicts;
mod states;
