//! The side-by-side editor's rules against a real SQLite store: only the claim holder writes, only
//! another language editor reviews, a return needs a note, and a change to the original shows as a
//! word diff on exactly the unit it touched.

use ashyq_accounts::{Role, Roles};
use ashyq_content::{DiffChange, parse_article, unit_hash};
use ashyq_store::{AccountStore, ArticleStore, NewArticle, NewUser, TranslationStore};
use ashyq_store_sqlite::SqliteStore;

use super::*;
use crate::translations::claims::claim;
use crate::translations::{TranslationSync, record_units};

const NOW: i64 = 1_800_000_000;

fn original(second: &str) -> String {
    format!(
        "+++\ntitle = \"Bridges\"\nslug = \"bridges\"\nlang = \"en\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"Two towns, one ferry.\"\nauthors = [{{ name = \"Asel\", slug = \"asel\" }}]\n+++\n\
         The bridge closed in March.\n\n{second}\n"
    )
}

async fn write_original(store: &SqliteStore, text: &str, replace: bool) {
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
    write_original(&store, &original("The ferry runs on Fridays."), false).await;
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

/// The side-by-side editor's save of `bridges` into Kazakh by `who`, and the page after it.
async fn save(
    store: &SqliteStore,
    who: &Translator,
    texts: &[(String, String)],
    submit: bool,
    now: i64,
) -> Result<Workbench, WorkError> {
    save_work(store, Writer::ClaimHolder(who), "bridges", "kk", texts, submit, now).await?;
    workbench(store, who, "bridges", "kk", now).await
}

fn texts(bench: &Workbench, words: &[&str]) -> Vec<(String, String)> {
    bench
        .units
        .iter()
        .zip(words)
        .map(|(unit, text)| (unit.id.clone(), (*text).to_owned()))
        .collect()
}

const KAZAKH: [&str; 4] =
    ["Көпірлер", "Екі қала, бір паром.", "Көпір наурызда жабылды.", "Паром жұма сайын жүреді."];

#[tokio::test]
async fn only_the_claim_holder_writes_and_submitting_needs_every_unit() {
    let (_dir, store) = site().await;
    let dana = person(&store, "dana", Role::Translator, &["kk"]).await;
    let timur = person(&store, "timur", Role::Translator, &["kk"]).await;
    assert!(matches!(
        workbench(&store, &dana, "bridges", "kk", NOW).await,
        Err(WorkError::NotClaimHolder)
    ));
    claim(&store, &dana, "bridges", "kk", NOW, 7).await.unwrap();
    let bench = workbench(&store, &dana, "bridges", "kk", NOW).await.unwrap();
    assert_eq!(bench.units.len(), 4, "title, summary, two paragraphs");
    assert!(bench.may_write && !bench.may_review);
    assert!(bench.units.iter().all(|unit| unit.state.is_none() && unit.text.is_empty()));

    // Someone else cannot write it, even with a known unit id.
    let first = texts(&bench, &KAZAKH[..1]);
    assert!(matches!(
        save(&store, &timur, &first, false, NOW).await,
        Err(WorkError::NotClaimHolder)
    ));
    let bench = save(&store, &dana, &first, false, NOW).await.unwrap();
    assert_eq!(bench.units[0].state, Some(DraftState::Draft));
    assert_eq!(bench.units[0].text, "Көпірлер");
    assert!(matches!(
        save(&store, &dana, &[], true, NOW).await,
        Err(WorkError::Incomplete { missing: 3 })
    ));
    let unknown = [("u-00000000".to_owned(), "x".to_owned())];
    let refused = save(&store, &dana, &unknown, false, NOW).await;
    assert!(matches!(&refused, Err(WorkError::UnknownUnit { unit }) if unit == "u-00000000"));
    let all = texts(&bench, &KAZAKH);
    let bench = save(&store, &dana, &all, true, NOW).await.unwrap();
    assert!(bench.units.iter().all(|unit| unit.state == Some(DraftState::Submitted)));
    // The claim expired: the page and the form are closed to the former holder.
    let later = NOW + 8 * 86_400;
    assert!(matches!(
        save(&store, &dana, &all, false, later).await,
        Err(WorkError::NotClaimHolder)
    ));
}

#[tokio::test]
async fn a_language_editor_approves_or_returns_each_unit_but_never_their_own() {
    let (_dir, store) = site().await;
    let dana = person(&store, "dana", Role::Translator, &["kk"]).await;
    let gulnar = person(&store, "gulnar", Role::Editor, &["kk"]).await;
    let ruslan = person(&store, "ruslan", Role::Editor, &["ru"]).await;
    claim(&store, &dana, "bridges", "kk", NOW, 7).await.unwrap();
    let bench = workbench(&store, &dana, "bridges", "kk", NOW).await.unwrap();
    let ids: Vec<String> = bench.units.iter().map(|unit| unit.id.clone()).collect();
    // A draft cannot be reviewed before it is submitted.
    save(&store, &dana, &texts(&bench, &KAZAKH), false, NOW).await.unwrap();
    let approve = |id: &str| {
        let text = ids.iter().position(|known| known == id).map_or("", |index| KAZAKH[index]);
        (id.to_owned(), UnitDecision::Approve { seen: unit_hash(text) })
    };
    assert!(matches!(
        review_work(&store, &gulnar, "bridges", "kk", &[approve(&ids[0])], NOW).await,
        Err(WorkError::NotSubmitted { .. })
    ));
    save(&store, &dana, &[], true, NOW).await.unwrap();
    assert!(matches!(
        review_work(&store, &ruslan, "bridges", "kk", &[approve(&ids[0])], NOW).await,
        Err(WorkError::NotLanguageEditor)
    ));
    assert!(matches!(
        review_work(&store, &dana, "bridges", "kk", &[approve(&ids[0])], NOW).await,
        Err(WorkError::NotLanguageEditor)
    ));
    let no_note = (
        ids[1].clone(),
        UnitDecision::Return { note: "  ".to_owned(), seen: unit_hash(KAZAKH[1]) },
    );
    assert!(matches!(
        review_work(&store, &gulnar, "bridges", "kk", &[approve(&ids[0]), no_note], NOW).await,
        Err(WorkError::NoteMissing { .. })
    ));
    // All or nothing: the approval beside the refused return was not kept.
    let bench = workbench(&store, &gulnar, "bridges", "kk", NOW).await.unwrap();
    assert!(bench.units.iter().all(|unit| unit.state == Some(DraftState::Submitted)));
    assert!(bench.may_review && !bench.may_write);

    let note = "«Паром» емес, «қайық» деп жазыңыз.".to_owned();
    let decisions: Vec<(String, UnitDecision)> = vec![
        approve(&ids[0]),
        approve(&ids[1]),
        approve(&ids[2]),
        (ids[3].clone(), UnitDecision::Return { note: note.clone(), seen: unit_hash(KAZAKH[3]) }),
    ];
    let bench = review_work(&store, &gulnar, "bridges", "kk", &decisions, NOW).await.unwrap();
    assert_eq!(bench.units[3].state, Some(DraftState::Returned));
    assert_eq!(bench.units[3].note, note);
    assert!(!bench.approved());
    // The translator sees the note, fixes the unit and submits again; approved units stay approved.
    let fixed = [(ids[3].clone(), "Қайық жұма сайын жүреді.".to_owned())];
    let bench = save(&store, &dana, &fixed, true, NOW).await.unwrap();
    assert_eq!(bench.units[0].state, Some(DraftState::Approved));
    assert_eq!(bench.units[3].state, Some(DraftState::Submitted));
    assert_eq!(bench.units[3].note, "");
    // A decision on the text from before the fix is refused: the reviewer never saw the new one.
    assert!(matches!(
        review_work(&store, &gulnar, "bridges", "kk", &[approve(&ids[3])], NOW).await,
        Err(WorkError::ChangedSinceSeen { unit }) if unit == ids[3]
    ));
    let seen =
        UnitDecision::Approve { seen: unit_hash("Қайық жұма сайын жүреді.") };
    let bench = review_work(&store, &gulnar, "bridges", "kk", &[(ids[3].clone(), seen)], NOW)
        .await
        .unwrap();
    assert!(bench.approved());

    // A language editor who wrote a unit may not approve it.
    claim(&store, &gulnar, "bridges", "kk", NOW + 9 * 86_400, 7).await.unwrap();
    let own = [(ids[0].clone(), "Көпірлер туралы".to_owned())];
    save(&store, &gulnar, &own, true, NOW + 9 * 86_400).await.unwrap();
    let own = [(ids[0].clone(), UnitDecision::Approve { seen: unit_hash("Көпірлер туралы") })];
    assert!(matches!(
        review_work(&store, &gulnar, "bridges", "kk", &own, NOW + 9 * 86_400).await,
        Err(WorkError::OwnWords { .. })
    ));
}

#[tokio::test]
async fn a_change_to_the_original_shows_a_word_diff_on_that_unit_only() {
    let (_dir, store) = site().await;
    let dana = person(&store, "dana", Role::Translator, &["kk"]).await;
    claim(&store, &dana, "bridges", "kk", NOW, 7).await.unwrap();
    let bench = workbench(&store, &dana, "bridges", "kk", NOW).await.unwrap();
    save(&store, &dana, &texts(&bench, &KAZAKH), true, NOW).await.unwrap();

    write_original(&store, &original("The ferry runs on Fridays and Mondays."), true).await;
    let bench = workbench(&store, &dana, "bridges", "kk", NOW).await.unwrap();
    let stale: Vec<&WorkUnit> = bench.units.iter().filter(|unit| unit.needs_update()).collect();
    assert_eq!(stale.len(), 1, "{:?}", bench.units);
    assert_eq!(stale[0].text, KAZAKH[3], "the old translation stays to be corrected");
    let runs = |change: DiffChange| -> String {
        let diff = stale[0].source_change.as_ref().unwrap();
        diff.iter().filter(|run| run.change == change).map(|run| run.text.as_str()).collect()
    };
    // Words are split at spaces, so the full stop takes its word with it.
    assert_eq!(runs(DiffChange::Removed).trim(), "Fridays.");
    assert_eq!(runs(DiffChange::Added).trim(), "Fridays and Mondays.");
    assert_eq!(runs(DiffChange::Same).trim(), "The ferry runs on");
    assert!(!bench.approved());
    // Saving the corrected unit puts it in step again.
    let fixed = [(stale[0].id.clone(), "Паром жұма мен дүйсенбіде жүреді.".to_owned())];
    let bench = save(&store, &dana, &fixed, true, NOW).await.unwrap();
    assert!(bench.units.iter().all(|unit| !unit.needs_update()));
}

/// Ten saves and ten reviews of the same unit at once: whatever order they land in, no unit ends
/// approved with a text other than the one its reviewer saw.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_concurrent_saves_and_reviews_no_approval_lands_on_a_text_its_reviewer_never_saw() {
    let (_dir, store) = site().await;
    let dana = person(&store, "dana", Role::Translator, &["kk"]).await;
    let gulnar = person(&store, "gulnar", Role::Editor, &["kk"]).await;
    claim(&store, &dana, "bridges", "kk", NOW, 7).await.unwrap();
    let bench = workbench(&store, &dana, "bridges", "kk", NOW).await.unwrap();
    save(&store, &dana, &texts(&bench, &KAZAKH), true, NOW).await.unwrap();
    let unit = bench.units[2].id.clone();
    let store = std::sync::Arc::new(store);
    let mut tasks = tokio::task::JoinSet::new();
    for round in 0..10u64 {
        let (writer_store, dana, writer_unit) = (store.clone(), dana.clone(), unit.clone());
        tasks.spawn(async move {
            let (store, unit) = (writer_store, writer_unit);
            tokio::time::sleep(std::time::Duration::from_millis(round * 20 + 5)).await;
            let text = format!("Көпір наурызда жабылды ({round}).");
            let saved = save_work(
                &*store,
                Writer::ClaimHolder(&dana),
                "bridges",
                "kk",
                &[(unit, text)],
                true,
                NOW,
            )
            .await;
            (None, saved.map(|_| ()).map_err(|error| error.to_string()))
        });
        let (store, gulnar, unit) = (store.clone(), gulnar.clone(), unit.clone());
        tasks.spawn(async move {
            // The reviewer reads the page, takes a moment (while a save lands), then decides on
            // what the page showed.
            tokio::time::sleep(std::time::Duration::from_millis(round * 20)).await;
            let page = workbench(&*store, &gulnar, "bridges", "kk", NOW).await.unwrap();
            let seen = page.units.iter().find(|shown| shown.id == unit).unwrap().text.clone();
            tokio::time::sleep(std::time::Duration::from_millis(30)).await;
            let decision = UnitDecision::Approve { seen: unit_hash(&seen) };
            let done =
                review_work(&*store, &gulnar, "bridges", "kk", &[(unit, decision)], NOW).await;
            (Some(seen), done.map(|_| ()).map_err(|error| error.to_string()))
        });
    }
    let mut approved_texts = Vec::new();
    let mut refused = 0;
    while let Some(joined) = tasks.join_next().await {
        match joined.unwrap() {
            (Some(seen), Ok(())) => approved_texts.push(seen),
            (Some(_), Err(_)) => refused += 1,
            (None, outcome) => outcome.unwrap(),
        }
    }
    let drafts = store.draft_units("bridges", "kk").await.unwrap();
    let last = drafts.iter().find(|draft| draft.unit_id == unit).unwrap();
    if last.state == DraftState::Approved {
        assert!(approved_texts.contains(&last.text), "approved a text nobody reviewed: {last:?}");
    }
    assert!(matches!(last.state, DraftState::Approved | DraftState::Submitted), "{last:?}");
    assert_eq!(approved_texts.len() + refused, 10);
}
