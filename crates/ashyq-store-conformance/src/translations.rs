//! Translations: the units of originals, the state of each translated unit, claims and drafts;
//! `approval` the guards that write an approved translation only while its check still holds.

use ashyq_accounts::Roles;
use ashyq_content::{DraftState, StoredUnit, UnitState};
use ashyq_store::{
    DraftUnit, DraftWrite, NewUser, Store, TranslatedUnit, TranslationRecords, UnitsBatch, UserId,
};

use crate::content::article;

mod approval;
pub use approval::{
    a_newsroom_save_is_written_only_while_what_its_approval_check_read_is_unchanged_issue_11,
    an_approved_import_is_written_only_while_what_its_check_read_is_unchanged_issue_11,
    an_archive_is_written_only_while_what_its_approval_check_read_is_unchanged_issue_11,
};

fn unit(id: &str, hash: &str) -> StoredUnit {
    StoredUnit {
        id: id.to_owned(),
        kind: "block".to_owned(),
        hash: hash.to_owned(),
        text: format!("text {hash}"),
    }
}

fn translated(id: &str, source_hash: &str) -> TranslatedUnit {
    TranslatedUnit {
        unit_id: id.to_owned(),
        source_hash: source_hash.to_owned(),
        source_text: format!("text {source_hash}"),
        target_hash: format!("target-{id}"),
        state: UnitState::Translated,
    }
}

async fn translator<S: Store>(store: &S, n: usize) -> UserId {
    let user = NewUser {
        email: format!("t{n}@example.org"),
        name: format!("Translator {n}"),
        roles: Roles::parse("translator").unwrap(),
        password_hash: None,
    };
    store.create_user(&user, 0).await.unwrap()
}

pub async fn a_changed_original_marks_its_translated_units_and_a_restored_one_clears_them<
    S: Store,
>(
    store: S,
) {
    let batch = [article("one", "en", None, "\"Steppe\""), article("odin", "ru", Some("one"), "")];
    store.import_articles(&batch, false).await.unwrap();
    let first = UnitsBatch {
        originals: vec![("one".to_owned(), vec![unit("u1", "h1"), unit("u2", "h2")])],
        translations: vec![TranslationRecords {
            slug: "odin".to_owned(),
            translators: vec!["Asel".to_owned(), "Mira".to_owned()],
            units: vec![translated("u1", "h1"), translated("u2", "h2")],
        }],
    };
    assert_eq!(store.save_units(&first).await.unwrap(), 0);
    assert_eq!(store.translators("odin").await.unwrap(), ["Asel", "Mira"]);
    assert_eq!(store.article_units("one").await.unwrap().len(), 2);

    let edited = UnitsBatch {
        originals: vec![("one".to_owned(), vec![unit("u1", "h1-edited"), unit("u2", "h2")])],
        translations: vec![],
    };
    assert_eq!(store.save_units(&edited).await.unwrap(), 1, "one unit changed");
    let states: Vec<(String, UnitState)> = store
        .translated_units("odin")
        .await
        .unwrap()
        .into_iter()
        .map(|unit| (unit.unit_id, unit.state))
        .collect();
    assert!(states.contains(&("u1".to_owned(), UnitState::NeedsUpdate)), "{states:?}");
    assert!(states.contains(&("u2".to_owned(), UnitState::Translated)), "{states:?}");
    let stories = store.story_translations().await.unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].versions[0].slug, "odin");
    assert_eq!(stories[0].versions[0].units_needing_update, 1);
    let waiting = store.waiting_stories(10).await.unwrap();
    assert_eq!(waiting[0].tags, ["Steppe"]);
    assert_eq!(waiting[0].languages, ["en", "ru"]);

    // The original's old text is restored: the unit is in step again.
    assert_eq!(store.save_units(&first).await.unwrap(), 0);
    assert!(
        store
            .translated_units("odin")
            .await
            .unwrap()
            .iter()
            .all(|unit| unit.state == UnitState::Translated)
    );
    store.rename_translation_units("odin", "odin-2").await.unwrap();
    assert!(store.translated_units("odin").await.unwrap().is_empty());
    assert_eq!(store.translated_units("odin-2").await.unwrap().len(), 2);
}

pub async fn a_story_is_claimed_by_one_of_twenty_translators_at_once<S: Store>(store: S) {
    let mut people = Vec::new();
    for n in 0..20 {
        people.push(translator(&store, n).await);
    }
    let now = 1_000;
    let tasks: Vec<_> = people
        .iter()
        .map(|user| {
            let store = store.clone();
            let user = *user;
            tokio::spawn(async move {
                store.claim_translation("one", "kk", user, now, now + 100).await.unwrap()
            })
        })
        .collect();
    let mut winners = 0;
    for task in tasks {
        winners += usize::from(task.await.unwrap());
    }
    assert_eq!(winners, 1, "one claim wins");
    let claims = store.active_claims(now).await.unwrap();
    assert_eq!(claims.len(), 1);
    let holder = claims[0].user;
    let other = *people.iter().find(|user| **user != holder).unwrap();
    assert!(store.claim_translation("one", "kk", holder, now + 1, now + 200).await.unwrap());
    assert!(!store.release_claim("one", "kk", Some(other)).await.unwrap(), "not theirs");
    // Once expired, anyone may take it.
    assert!(store.claim_translation("one", "kk", other, now + 200, now + 300).await.unwrap());
    assert!(store.active_claims(now + 300).await.unwrap().is_empty());
    store.reassign_claim("one", "kk", holder, now + 210, now + 400).await.unwrap();
    assert_eq!(store.active_claims(now + 210).await.unwrap()[0].user, holder);
    assert!(store.release_claim("one", "kk", None).await.unwrap());

    store.set_translator_languages(other, &["ru".to_owned(), "kk".to_owned()]).await.unwrap();
    assert_eq!(store.translator_languages(other).await.unwrap(), ["kk", "ru"]);
}

pub async fn draft_units_are_written_over_one_by_one<S: Store>(store: S) {
    let writer = translator(&store, 1).await;
    let draft = |text: &str, state| DraftUnit {
        unit_id: "u1".to_owned(),
        text: text.to_owned(),
        source_hash: "h1".to_owned(),
        source_text: "text h1".to_owned(),
        state,
        note: String::new(),
        written_by: Some(writer),
        updated_at: 5,
    };
    store.save_draft_units("one", "kk", &[draft("Бірінші", DraftState::Draft)]).await.unwrap();
    store.save_draft_units("one", "kk", &[draft("Екінші", DraftState::Submitted)]).await.unwrap();
    let units = store.draft_units("one", "kk").await.unwrap();
    assert_eq!(units, [draft("Екінші", DraftState::Submitted)]);
    assert!(store.draft_units("one", "ru").await.unwrap().is_empty());
}

pub async fn a_renamed_original_takes_its_drafts_and_claims_along<S: Store>(store: S) {
    let writer = translator(&store, 1).await;
    let draft = |unit_id: &str, text: &str| DraftUnit {
        unit_id: unit_id.to_owned(),
        text: text.to_owned(),
        source_hash: "h".to_owned(),
        source_text: "t".to_owned(),
        state: DraftState::Draft,
        note: String::new(),
        written_by: Some(writer),
        updated_at: 1,
    };
    store
        .save_draft_units("old", "kk", &[draft("u1", "moved"), draft("u2", "moved")])
        .await
        .unwrap();
    // A leftover under the new slug with the same key gives way to the moved one.
    store.save_draft_units("new", "kk", &[draft("u1", "stale")]).await.unwrap();
    assert!(store.claim_translation("old", "kk", writer, 10, 100).await.unwrap());
    store.rename_translation_units("old", "new").await.unwrap();
    let mut moved = store.draft_units("new", "kk").await.unwrap();
    moved.sort_by(|a, b| a.unit_id.cmp(&b.unit_id));
    assert_eq!(moved, [draft("u1", "moved"), draft("u2", "moved")]);
    assert!(store.draft_units("old", "kk").await.unwrap().is_empty());
    assert_eq!(store.active_claims(20).await.unwrap()[0].original_slug, "new");
}

pub async fn review_decisions_are_written_only_on_the_text_the_reviewer_saw<S: Store>(store: S) {
    let writer = translator(&store, 1).await;
    let unit = |unit_id: &str, text: &str, state| DraftUnit {
        unit_id: unit_id.to_owned(),
        text: text.to_owned(),
        source_hash: "h".to_owned(),
        source_text: "t".to_owned(),
        state,
        note: String::new(),
        written_by: Some(writer),
        updated_at: 1,
    };
    let submitted =
        [unit("u1", "Бірінші", DraftState::Submitted), unit("u2", "Екінші", DraftState::Submitted)];
    store.save_draft_units("one", "kk", &submitted).await.unwrap();
    // The translator saves a new text for u2 after the reviewer read the page: neither decision
    // is written.
    store
        .save_draft_units("one", "kk", &[unit("u2", "Екінші, жаңа", DraftState::Submitted)])
        .await
        .unwrap();
    let decisions = [
        DraftUnit { updated_at: 2, ..unit("u1", "Бірінші", DraftState::Approved) },
        DraftUnit { updated_at: 2, ..unit("u2", "Екінші", DraftState::Approved) },
    ];
    assert!(!store.review_draft_units("one", "kk", &decisions).await.unwrap());
    let mut stored = store.draft_units("one", "kk").await.unwrap();
    stored.sort_by(|a, b| a.unit_id.cmp(&b.unit_id));
    assert_eq!(stored, [submitted[0].clone(), unit("u2", "Екінші, жаңа", DraftState::Submitted)]);
    // On the text as it is now: written, all of them, the text untouched.
    let decisions = [
        DraftUnit { updated_at: 3, ..unit("u1", "Бірінші", DraftState::Approved) },
        DraftUnit {
            note: "Қысқарақ.".to_owned(),
            updated_at: 3,
            ..unit("u2", "Екінші, жаңа", DraftState::Returned)
        },
    ];
    assert!(store.review_draft_units("one", "kk", &decisions).await.unwrap());
    let mut stored = store.draft_units("one", "kk").await.unwrap();
    stored.sort_by(|a, b| a.unit_id.cmp(&b.unit_id));
    assert_eq!(stored, decisions);
    // A unit no longer waiting for review (approved already) is not decided again.
    assert!(!store.review_draft_units("one", "kk", &decisions[..1]).await.unwrap());
}

pub async fn draft_units_are_written_only_as_their_writer_read_them_issue_11<S: Store>(store: S) {
    let writer = translator(&store, 1).await;
    let unit = |unit_id: &str, text: &str| DraftUnit {
        unit_id: unit_id.to_owned(),
        text: text.to_owned(),
        source_hash: "h".to_owned(),
        source_text: "t".to_owned(),
        state: DraftState::Draft,
        note: String::new(),
        written_by: Some(writer),
        updated_at: 1,
    };
    let write = |read: Option<DraftUnit>, unit: DraftUnit| DraftWrite { read, unit };
    store.save_draft_units("one", "kk", &[unit("u1", "Бірінші")]).await.unwrap();
    let first = [write(Some(unit("u1", "Бірінші")), unit("u1", "Екінші"))];
    assert!(store.save_draft_units_as_read("one", "kk", &first).await.unwrap());
    // Read before that write: refused, and the unit it also names (absent, as read) not written.
    let stale =
        [write(None, unit("u2", "Жаңа")), write(Some(unit("u1", "Бірінші")), unit("u1", "Үшінші"))];
    assert!(!store.save_draft_units_as_read("one", "kk", &stale).await.unwrap());
    assert_eq!(store.draft_units("one", "kk").await.unwrap(), [unit("u1", "Екінші")]);
    // A unit read as absent that someone has written since: refused.
    store.save_draft_units("one", "kk", &[unit("u3", "Біреу")]).await.unwrap();
    let late = [write(None, unit("u3", "Басқа"))];
    assert!(!store.save_draft_units_as_read("one", "kk", &late).await.unwrap());

    // Twelve writers who all read the same unit at once: exactly one writes.
    let read = unit("u1", "Екінші");
    let tasks: Vec<_> = (0..12)
        .map(|n| {
            let (store, read) = (store.clone(), read.clone());
            let mine = write(Some(read), unit("u1", &format!("Нұсқа {n}")));
            tokio::spawn(async move {
                let text = mine.unit.text.clone();
                (store.save_draft_units_as_read("one", "kk", &[mine]).await.unwrap(), text)
            })
        })
        .collect();
    let mut landed = Vec::new();
    for task in tasks {
        let (written, text) = task.await.unwrap();
        if written {
            landed.push(text);
        }
    }
    assert_eq!(landed.len(), 1, "{landed:?}");
    let stored = store.draft_units("one", "kk").await.unwrap();
    assert!(stored.iter().any(|draft| draft.unit_id == "u1" && draft.text == landed[0]));
}

pub async fn a_drafts_text_change_is_dated_and_a_review_or_resubmission_leaves_it_issue_11<
    S: Store,
>(
    store: S,
) {
    let draft = |text: &str, state: DraftState, at: i64| DraftUnit {
        unit_id: "u1".to_owned(),
        text: text.to_owned(),
        source_hash: "h1".to_owned(),
        source_text: "text h1".to_owned(),
        state,
        note: String::new(),
        written_by: None,
        updated_at: at,
    };
    let changes = |store: &S| {
        let store = store.clone();
        async move {
            let mut changes = store.draft_text_changes("one", "kk").await.unwrap();
            changes.sort();
            changes
        }
    };
    assert!(changes(&store).await.is_empty());
    store
        .save_draft_units("one", "kk", &[draft("Бірінші", DraftState::Submitted, 10)])
        .await
        .unwrap();
    store.save_draft_units("one", "kk", &[draft("Екінші", DraftState::Draft, 11)]).await.unwrap();
    assert_eq!(changes(&store).await, [("u1".to_owned(), 11)]);
    // The same text sent again, then returned by a language editor: the text has not changed.
    store
        .save_draft_units("one", "kk", &[draft("Екінші", DraftState::Submitted, 21)])
        .await
        .unwrap();
    let returned = DraftUnit {
        note: "Қараңыз".to_owned(),
        ..draft("Екінші", DraftState::Returned, 25)
    };
    assert!(store.review_draft_units("one", "kk", &[returned]).await.unwrap());
    assert_eq!(store.draft_units("one", "kk").await.unwrap()[0].updated_at, 25);
    assert_eq!(changes(&store).await, [("u1".to_owned(), 11)], "no change of text");
    // A new text is a change, through the guarded save too.
    let read = store.draft_units("one", "kk").await.unwrap().pop();
    let write = DraftWrite { read, unit: draft("Үшінші", DraftState::Draft, 30) };
    assert!(store.save_draft_units_as_read("one", "kk", &[write]).await.unwrap());
    assert_eq!(changes(&store).await, [("u1".to_owned(), 30)]);
}
