//! A story's translation exported unit by unit and taken back: unchanged texts change nothing,
//! changed ones go through the editor's save, and a file that no longer fits the story is refused
//! whole.

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

/// XLIFF's `state` decides: `initial` with no translation (or the source copied) is not imported
/// and is reported; `reviewed` and `final` never approve — a new text waits for the language
/// editor, an unapproved one stays unapproved; `--submit` refuses a unit the file calls unfinished.
#[tokio::test]
async fn the_files_states_decide_what_is_imported_and_a_file_never_approves_issue_11() {
    let (_dir, store) = site().await;
    let (_, gulnar) = people(&store).await;
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    let ids: Vec<String> = story.units.iter().map(|unit| unit.id.clone()).collect();
    let source_copy = story.units[1].source.clone();
    use ReturnedState::{Final, Initial, Reviewed, Translated};

    // `--submit` with a unit the file marks unfinished: refused whole, naming it.
    let back = with_states(
        &story,
        &[(Translated, Some(KAZAKH[0])), (Initial, Some("Екі қала")), (Translated, Some("ж"))],
    );
    let error = import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::SUBMIT, NOW)
        .await
        .unwrap_err();
    assert!(matches!(&error, ExchangeError::NotFinished { unit } if *unit == ids[1]), "{error}");
    assert!(drafts(&store).await.is_empty(), "nothing written");

    let back = with_states(
        &story,
        &[
            (Initial, None),
            (Initial, Some(&source_copy)),
            (Translated, Some(KAZAKH[2])),
            (Final, Some(KAZAKH[3])),
        ],
    );
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert_eq!(done.changed, [ids[2].clone(), ids[3].clone()]);
    assert_eq!(
        done.notes,
        [
            ImportNote::LeftUntranslated { unit: ids[0].clone(), copy_of_source: false },
            ImportNote::LeftUntranslated { unit: ids[1].clone(), copy_of_source: true },
            ImportNote::SentForReview { unit: ids[3].clone(), state: Final },
        ]
    );
    assert!(done.notes[1].to_string().contains("the source copied"), "{}", done.notes[1]);
    let stored = drafts(&store).await;
    assert_eq!(stored.len(), 2, "the untranslated units are not imported: {stored:?}");
    assert_eq!(stored[&ids[2]], (KAZAKH[2].to_owned(), DraftState::Draft));
    assert_eq!(stored[&ids[3]], (KAZAKH[3].to_owned(), DraftState::Submitted), "not approved");

    // Marked reviewed with the site's text, which nobody approved: it stays as it is, reported.
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    let back =
        with_states(&story, &[(Initial, None), (Initial, None), (Reviewed, Some(KAZAKH[2]))]);
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert!(done.changed.is_empty());
    assert!(
        done.notes.contains(&ImportNote::NotApprovedHere { unit: ids[2].clone(), state: Reviewed })
    );
    assert_eq!(drafts(&store).await[&ids[2]].1, DraftState::Draft);

    // Approved on the site: a `final` file with the same text keeps it; with another text the
    // approval is gone and the new text waits for review.
    let decision = UnitDecision::Approve { seen: unit_hash(KAZAKH[3]) };
    review_work(&store, &gulnar, "mosty", "kk", &[(ids[3].clone(), decision)], NOW).await.unwrap();
    let story = exchange_story(&store, "mosty", "kk").await.unwrap();
    let unchanged = with_states(
        &story,
        &[
            (Initial, None),
            (Initial, None),
            (Translated, Some(KAZAKH[2])),
            (Final, Some(KAZAKH[3])),
        ],
    );
    let done =
        import_exchange(&store, Writer::Operator, &unchanged, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert!(done.changed.is_empty() && !done.notes.iter().any(|n| n.unit() == ids[3]));
    assert_eq!(drafts(&store).await[&ids[3]].1, DraftState::Approved);
    let edited = with_states(
        &story,
        &[(Initial, None), (Initial, None), (Translated, Some(KAZAKH[2])), (Final, Some("Басқа."))],
    );
    import_exchange(&store, Writer::Operator, &edited, "kk", ImportOptions::default(), NOW)
        .await
        .unwrap();
    assert_eq!(drafts(&store).await[&ids[3]], ("Басқа.".to_owned(), DraftState::Submitted));
}

/// The hash of each target as exported tells the translator's changes from the site's: a unit
/// changed on the site since the export and not in the file keeps the site's text; one changed in
/// both is refused, naming it, and nothing of the file is written.
#[tokio::test]
async fn an_import_never_overwrites_unseen_what_the_site_changed_since_the_export_issue_11() {
    let (_dir, store) = site().await;
    let exported = exchange_story(&store, "mosty", "kk").await.unwrap();
    let ids: Vec<String> = exported.units.iter().map(|unit| unit.id.clone()).collect();
    // After the export, someone saves unit 2 on the site.
    save_work(
        &store,
        Writer::Operator,
        "mosty",
        "kk",
        &[(ids[2].clone(), "Сайтта.".into())],
        false,
        NOW,
    )
    .await
    .unwrap();
    let both = returned(&exported, &["Көпірлер", "", "Файлда."]);
    let error =
        import_exchange(&store, Writer::Operator, &both, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap_err();
    assert!(
        matches!(&error, ExchangeError::ChangedOnTheSite { unit } if *unit == ids[2]),
        "{error}"
    );
    assert!(error.to_string().contains("export the story again"), "{error}");
    assert_eq!(drafts(&store).await.len(), 1, "not even the title was written");

    // Exported again; the site changes unit 2 once more; the file leaves it and fills unit 3.
    let exported = exchange_story(&store, "mosty", "kk").await.unwrap();
    save_work(
        &store,
        Writer::Operator,
        "mosty",
        "kk",
        &[(ids[2].clone(), "Жаңа.".into())],
        false,
        NOW,
    )
    .await
    .unwrap();
    let back = returned(&exported, &["", "", "Сайтта.", KAZAKH[3]]);
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert_eq!(done.changed, [ids[3].clone()]);
    assert!(done.notes.contains(&ImportNote::SiteTextKept { unit: ids[2].clone() }));
    assert_eq!(drafts(&store).await[&ids[2]].0, "Жаңа.", "the site's newer text is kept");
}

/// `returned`, as a tool leaves it that drops `ashyq:target-hash` (and, without `exported_at`, the
/// export's mark too, or a file that never came from ashyq).
fn without_hashes(back: &ReturnedStory, exported_at: Option<i64>) -> ReturnedStory {
    let mut back = back.clone();
    back.exported_at = exported_at;
    for unit in &mut back.units {
        unit.target_hash.clear();
    }
    back
}

async fn save_at(store: &SqliteStore, unit: &str, text: &str, at: i64) {
    let texts = [(unit.to_owned(), text.to_owned())];
    save_work(store, Writer::Operator, "mosty", "kk", &texts, false, at).await.unwrap();
}

/// A file whose tool dropped the target hashes cannot say which text its translator saw. Then the
/// export's time decides: a unit the site changed at or after the export, which the file changes
/// too, refuses the file naming every such unit; one unchanged since is the file's to change.
/// Without even the export's mark, only units with no translation on the site are filled; the
/// others are reported. `--overwrite` lets the file win; a file with its hashes is as before.
#[tokio::test]
async fn a_file_without_target_hashes_never_overwrites_unseen_what_the_site_changed_issue_11() {
    let (_dir, store) = site().await;
    let ids: Vec<String> = exchange_story(&store, "mosty", "kk")
        .await
        .unwrap()
        .units
        .iter()
        .map(|u| u.id.clone())
        .collect();
    // Before the export: the title and unit 2 translated on the site.
    save_at(&store, &ids[0], "Көпірлер", NOW - 100).await;
    save_at(&store, &ids[2], "Көпір жабылды.", NOW - 100).await;
    let exported_at = NOW - 50;
    let exported = exchange_story(&store, "mosty", "kk").await.unwrap();
    // After the export, a language editor's colleague rewrites unit 2 on the site.
    save_at(&store, &ids[2], "Көпір наурызда жабылды.", NOW).await;
    let file = ["Көпірлер!", KAZAKH[1], "Файлдағы мәтін.", KAZAKH[3]];
    let back = without_hashes(&returned(&exported, &file), Some(exported_at));

    let error =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap_err();
    assert!(
        matches!(&error, ExchangeError::ChangedSinceExport { units } if *units == [ids[2].clone()]),
        "{error}"
    );
    assert!(error.to_string().contains("--overwrite"), "{error}");
    assert_eq!(drafts(&store).await[&ids[0]].0, "Көпірлер", "nothing of the file was written");
    assert_eq!(drafts(&store).await[&ids[2]].0, "Көпір наурызда жабылды.");

    // The same file with its hashes (as exported): unit 2 changed in both is refused as before.
    let hashed = ReturnedStory { exported_at: Some(exported_at), ..returned(&exported, &file) };
    let error =
        import_exchange(&store, Writer::Operator, &hashed, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap_err();
    assert!(
        matches!(&error, ExchangeError::ChangedOnTheSite { unit } if *unit == ids[2]),
        "{error}"
    );

    // The file leaves unit 2 as the site had it when exported: that is a change of the site's
    // newer text too, and without the hash nobody can tell; refused the same way.
    let left = ["Көпірлер!", KAZAKH[1], "Көпір жабылды.", KAZAKH[3]];
    let back_left = without_hashes(&returned(&exported, &left), Some(exported_at));
    assert!(matches!(
        import_exchange(&store, Writer::Operator, &back_left, "kk", ImportOptions::default(), NOW)
            .await,
        Err(ExchangeError::ChangedSinceExport { .. })
    ));

    // Unit 2 left at the site's new text: the title, unchanged on the site since the export, and
    // the empty units are the file's.
    let agreed = ["Көпірлер!", KAZAKH[1], "Көпір наурызда жабылды.", KAZAKH[3]];
    let back_agreed = without_hashes(&returned(&exported, &agreed), Some(exported_at));
    let done = import_exchange(
        &store,
        Writer::Operator,
        &back_agreed,
        "kk",
        ImportOptions::default(),
        NOW + 1,
    )
    .await
    .unwrap();
    assert_eq!(done.changed, [ids[0].clone(), ids[1].clone(), ids[3].clone()]);
    assert_eq!(drafts(&store).await[&ids[0]].0, "Көпірлер!");

    // A site change in the very second of the export counts as after it.
    let exported_at = NOW + 10;
    let exported = exchange_story(&store, "mosty", "kk").await.unwrap();
    save_at(&store, &ids[0], "Көпірлер?", exported_at).await;
    let same_second = without_hashes(&returned(&exported, &["Көпір"]), Some(exported_at));
    assert!(matches!(
        import_exchange(&store, Writer::Operator, &same_second, "kk", ImportOptions::default(), NOW + 20).await,
        Err(ExchangeError::ChangedSinceExport { units }) if units == [ids[0].clone()]
    ));

    // A mark from the future would make every site text look older than the file: refused.
    let future = without_hashes(&returned(&exported, &["Көпір"]), Some(NOW + 20 + 3_600));
    assert!(matches!(
        import_exchange(
            &store,
            Writer::Operator,
            &future,
            "kk",
            ImportOptions::default(),
            NOW + 20
        )
        .await,
        Err(ExchangeError::ExportedInTheFuture { ahead: 3_600 })
    ));

    // --overwrite: the file's text wins.
    let forced = ImportOptions { overwrite: true, ..ImportOptions::default() };
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", forced, NOW + 30).await.unwrap();
    assert_eq!(done.changed, [ids[0].clone(), ids[2].clone()]);
    assert_eq!(drafts(&store).await[&ids[2]].0, "Файлдағы мәтін.");
}

/// A language editor's return after the export changes the unit's state, not its text: the
/// translator's reworked text from a tool that dropped the hashes is taken, not refused.
#[tokio::test]
async fn a_unit_returned_after_the_export_takes_the_reworked_text_without_hashes_issue_11() {
    let (_dir, store) = site().await;
    let (_, gulnar) = people(&store).await;
    let ids: Vec<String> = exchange_story(&store, "mosty", "kk")
        .await
        .unwrap()
        .units
        .iter()
        .map(|unit| unit.id.clone())
        .collect();
    let texts: Vec<(String, String)> =
        ids.iter().zip(KAZAKH).map(|(id, text)| (id.clone(), text.to_owned())).collect();
    save_work(&store, Writer::Operator, "mosty", "kk", &texts, true, NOW - 100).await.unwrap();
    let exported_at = NOW - 50;
    let exported = exchange_story(&store, "mosty", "kk").await.unwrap();
    let note = "Айын жазыңыз.".to_owned();
    let decision = UnitDecision::Return { note, seen: unit_hash(KAZAKH[2]) };
    review_work(&store, &gulnar, "mosty", "kk", &[(ids[2].clone(), decision)], NOW).await.unwrap();
    assert_eq!(drafts(&store).await[&ids[2]].1, DraftState::Returned);
    let reworked = [KAZAKH[0], KAZAKH[1], "Көпір наурыз айында жабылды.", KAZAKH[3]];
    let back = without_hashes(&returned(&exported, &reworked), Some(exported_at));
    let done =
        import_exchange(&store, Writer::Operator, &back, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert_eq!(done.changed, [ids[2].clone()]);
    assert_eq!(drafts(&store).await[&ids[2]].0, "Көпір наурыз айында жабылды.");
}

/// A file that never came from ashyq (no hashes, no export mark) fills only the units the site
/// has no translation for, and names the ones it left; `--overwrite` replaces those too.
#[tokio::test]
async fn a_file_from_elsewhere_fills_only_empty_units_and_names_the_ones_it_kept_issue_11() {
    let (_dir, store) = site().await;
    let exported = exchange_story(&store, "mosty", "kk").await.unwrap();
    let ids: Vec<String> = exported.units.iter().map(|unit| unit.id.clone()).collect();
    save_at(&store, &ids[0], "Сайттағы атау", NOW - 100).await;
    let foreign = without_hashes(&returned(&exported, &KAZAKH), None);
    let done =
        import_exchange(&store, Writer::Operator, &foreign, "kk", ImportOptions::default(), NOW)
            .await
            .unwrap();
    assert_eq!(done.changed, [ids[1].clone(), ids[2].clone(), ids[3].clone()]);
    assert_eq!(done.notes, [ImportNote::NotOverwritten { unit: ids[0].clone() }]);
    assert!(done.notes[0].to_string().contains("--overwrite"));
    assert_eq!(drafts(&store).await[&ids[0]].0, "Сайттағы атау");
    let forced = ImportOptions { overwrite: true, ..ImportOptions::default() };
    let done =
        import_exchange(&store, Writer::Operator, &foreign, "kk", forced, NOW + 1).await.unwrap();
    assert_eq!(done.changed, [ids[0].clone()]);
    assert_eq!(drafts(&store).await[&ids[0]].0, KAZAKH[0]);
}

/// Imports and browser-like saves of one unit, all started from the same text, at once: exactly
/// one lands; every other is told which unit was written meanwhile; nothing is lost unseen.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_imports_and_saves_racing_on_one_unit_one_lands_and_the_others_are_told_issue_11() {
    let (_dir, store) = site().await;
    let (dana, _) = people(&store).await;
    claim(&store, &dana, "mosty", "kk", NOW, 7).await.unwrap();
    let store = std::sync::Arc::new(store);
    for round in 0..3 {
        let exported = exchange_story(&*store, "mosty", "kk").await.unwrap();
        let unit = exported.units[2].clone();
        let mut tasks = tokio::task::JoinSet::new();
        for writer in 0..12 {
            let (store, dana, exported, unit) =
                (store.clone(), dana.clone(), exported.clone(), unit.clone());
            tasks.spawn(async move {
                let text = format!("Нұсқа {round}-{writer}.");
                let outcome = if writer % 2 == 0 {
                    let mut back = returned(&exported, &[]);
                    back.units[2].target = Some(text.clone());
                    back.units[2].state = ReturnedState::Translated;
                    import_exchange(
                        &*store,
                        Writer::Operator,
                        &back,
                        "kk",
                        ImportOptions::default(),
                        NOW,
                    )
                    .await
                    .map(|done| done.changed)
                    .map_err(|error| (error.unit().map(str::to_owned), error.to_string()))
                } else {
                    let saved = SavedText {
                        id: unit.id.clone(),
                        text: text.clone(),
                        seen: Some(seen_hash(&unit.target)),
                        submit: false,
                    };
                    let who = Writer::ClaimHolder(&dana);
                    save_texts(&*store, who, "mosty", "kk", &[saved], false, NOW)
                        .await
                        .map(|written| written.into_iter().map(|unit| unit.id).collect())
                        .map_err(|error| (error.unit().map(str::to_owned), error.to_string()))
                };
                (text, outcome)
            });
        }
        let mut landed = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            match joined.unwrap() {
                (text, Ok(changed)) => {
                    assert_eq!(changed, std::slice::from_ref(&unit.id));
                    landed.push(text);
                }
                (_, Err((named, message))) => {
                    assert_eq!(named.as_deref(), Some(unit.id.as_str()), "{message}");
                    assert!(
                        message.contains("changed by someone else")
                            || message.contains("changed on the site"),
                        "{message}"
                    );
                }
            }
        }
        assert_eq!(landed.len(), 1, "round {round}: {landed:?}");
        assert_eq!(drafts(&store).await[&unit.id].0, landed[0], "round {round}");
    }
}
