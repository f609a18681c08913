//! Whose text wins where the file and the site both hold one: the target hashes as exported, the
//! export's time when a tool dropped them, files from elsewhere, and imports racing saves.

use super::*;

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
