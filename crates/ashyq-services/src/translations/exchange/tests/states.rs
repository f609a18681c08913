//! The file's XLIFF states decide what an import takes: `initial` is not imported, `reviewed` and
//! `final` never approve.

use super::*;

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
