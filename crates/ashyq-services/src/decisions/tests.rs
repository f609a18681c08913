//! Decisions against a real SQLite store: versions, races, single-use links, the language rule.

use std::sync::{Arc, Mutex};

use ashyq_accounts::{Role, Roles};
use ashyq_store::{
    AccountStore, ArticleStore, CommentStatus, CommentStore, NewArticle, NewComment, NewUser,
    StoredFingerprint,
};
use ashyq_store_sqlite::SqliteStore;

use super::*;

const NOW: i64 = 1_800_000_000;

/// Counts what the service asked the door to do afterwards.
#[derive(Debug, Default)]
struct Recorder {
    invalidated: Mutex<usize>,
    approved: Mutex<Vec<CommentId>>,
}

impl AfterDecision for Recorder {
    fn invalidate_pages(&self, _decision: &Decision) {
        *self.invalidated.lock().unwrap() += 1;
    }
    fn approved(&self, ids: &[CommentId]) {
        self.approved.lock().unwrap().extend_from_slice(ids);
    }
}

struct Site {
    _dir: tempfile::TempDir,
    store: SqliteStore,
    article_id: ashyq_store::ArticleId,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    let text = "+++\ntitle = \"Bridges\"\nslug = \"bridges\"\nlang = \"en\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"S\"\nauthors = [{ name = \"Asel\", slug = \"asel\" }]\n+++\nBody.\n";
    let article = ashyq_content::parse_article("t.md", text).unwrap();
    store
        .import_articles(
            &[NewArticle { article, lead_html: None, body_html: "<p>b</p>".into() }],
            false,
        )
        .await
        .unwrap();
    let article_id = store.comment_target("bridges").await.unwrap().unwrap().article_id;
    Site { _dir: dir, store, article_id }
}

async fn moderator(site: &Site, name: &str, languages: &[&str]) -> Moderator {
    let user = NewUser {
        email: format!("{name}@example.org"),
        name: name.to_owned(),
        roles: Roles::new([Role::Moderator]),
        password_hash: None,
    };
    let id = site.store.create_user(&user, 0).await.unwrap();
    let languages: Vec<String> = languages.iter().map(|lang| (*lang).to_owned()).collect();
    site.store.set_moderator_languages(id, &languages).await.unwrap();
    Moderator { id, roles: Roles::new([Role::Moderator]), languages }
}

fn draft(site: &Site, body: &str, lang: &str) -> NewComment {
    NewComment {
        article_id: site.article_id,
        parent_id: None,
        author_name: "Reader".to_owned(),
        email: None,
        email_hash: None,
        email_confirm: None,
        user_id: None,
        is_article_author: false,
        body: body.to_owned(),
        body_html: format!("<p>{body}</p>"),
        status: CommentStatus::Pending,
        language: Some(lang.to_owned()),
        screen_score: 0.0,
        screen_flagged: false,
        screen_findings: Vec::new(),
        screen_label: None,
        fingerprint: StoredFingerprint { exact: 1, simhash: 1, tokens: 1 },
        address_hash: None,
        commenter_token_hash: "writer".to_owned(),
        flags: ashyq_store::CommentFlags::new(),
        created_at: NOW,
        limit: None,
    }
}

async fn post(site: &Site, body: &str, lang: &str) -> CommentId {
    site.store
        .insert_comments(&[draft(site, body, lang)])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>()[0]
}

fn request(id: CommentId, version: i64, action: &str) -> DecisionRequest {
    DecisionRequest {
        targets: vec![DecisionTarget { id, version }],
        action: action.to_owned(),
        reason: (action == "reject").then(|| "attack".to_owned()),
        link_hash: None,
    }
}

async fn status(site: &Site, id: CommentId) -> (CommentStatus, String, i64) {
    let comment = site.store.queued_comment(id).await.unwrap().unwrap();
    (comment.status, comment.body, comment.version)
}

#[tokio::test]
async fn approving_a_version_the_writer_has_since_changed_is_refused_issue_9_10() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let id = post(&site, "A fair question about the bridge.", "en").await;
    let seen = status(&site, id).await.2;
    let swapped = draft(&site, "Reset your password at phish.example", "en");
    assert!(site.store.edit_own_comment(id, "writer", &swapped).await.unwrap());

    let after = Recorder::default();
    let error = apply_decision(&site.store, &after, &mira, request(id, seen, "approve"), NOW)
        .await
        .unwrap_err();
    assert!(matches!(error, DecisionError::Changed { seen: 1, now: 2, .. }), "{error:?}: {error}");
    assert_eq!(error.refusal(), Refusal::Conflict);
    assert!(error.to_string().contains("changed by its writer"), "{error}");
    let (now_status, body, version) = status(&site, id).await;
    assert_eq!(now_status, CommentStatus::Pending, "nothing was published");
    assert_eq!(*after.invalidated.lock().unwrap(), 0);

    // Read again, the new text can be decided on.
    let applied = apply_decision(&site.store, &after, &mira, request(id, version, "reject"), NOW)
        .await
        .unwrap();
    assert_eq!(applied.changed(), 1);
    assert!(body.contains("phish"));
    assert_eq!(status(&site, id).await.0, CommentStatus::Rejected);
}

#[tokio::test]
async fn an_edit_racing_an_approval_never_publishes_text_nobody_saw_issue_9_10() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    for round in 0..20 {
        let id = post(&site, &format!("Original words, round {round}."), "en").await;
        let store = site.store.clone();
        let swapped = draft(&site, "Swapped words.", "en");
        let edit =
            tokio::spawn(async move { store.edit_own_comment(id, "writer", &swapped).await });
        let store = site.store.clone();
        let by = mira.clone();
        let approve = tokio::spawn(async move {
            apply_decision(&store, &Recorder::default(), &by, request(id, 1, "approve"), NOW).await
        });
        let edited = edit.await.unwrap().unwrap();
        let approved = approve.await.unwrap();
        let (final_status, body, _) = status(&site, id).await;
        assert!(edited != approved.is_ok(), "exactly one of the two lands (round {round})");
        if final_status == CommentStatus::Approved {
            assert!(body.starts_with("Original"), "only the text the moderator saw is published");
        } else {
            assert!(matches!(approved, Err(DecisionError::Changed { .. })), "{approved:?}");
        }
    }
}

#[tokio::test]
async fn two_moderators_deciding_at_once_one_decides_and_the_other_is_told() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let timur = moderator(&site, "Timur", &[]).await;
    for _ in 0..10 {
        let id = post(&site, "Both of them are looking at me.", "en").await;
        let runs = [(mira.clone(), "approve"), (timur.clone(), "reject")].map(|(by, action)| {
            let store = site.store.clone();
            tokio::spawn(async move {
                apply_decision(&store, &Recorder::default(), &by, request(id, 1, action), NOW).await
            })
        });
        let mut outcomes = Vec::new();
        for run in runs {
            outcomes.push(run.await.unwrap());
        }
        assert_eq!(outcomes.iter().filter(|outcome| outcome.is_ok()).count(), 1, "{outcomes:?}");
        let refused = outcomes.into_iter().find_map(Result::err).unwrap();
        match &refused {
            DecisionError::AlreadyDecided { by: Some(name), .. } => {
                assert!(["Mira", "Timur"].contains(&name.as_str()))
            }
            other => panic!("expected already decided, got {other:?}"),
        }
        let log = site.store.recent_actions(50).await.unwrap();
        assert_eq!(log.iter().filter(|action| action.comment_id == id).count(), 1);
    }
}

#[tokio::test]
async fn a_mailed_link_acts_once_even_when_followed_ten_times_at_once_issue_9_11() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let id = post(&site, "Is the Telegram mirror still up?", "en").await;
    let after = Arc::new(Recorder::default());
    let runs: Vec<_> = (0..10)
        .map(|_| {
            let (store, by, after) = (site.store.clone(), mira.clone(), Arc::clone(&after));
            let mut link = request(id, 1, "approve");
            link.link_hash = Some("signature-hash".to_owned());
            tokio::spawn(async move { apply_decision(&store, &*after, &by, link, NOW).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for run in runs {
        outcomes.push(run.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|outcome| outcome.is_ok()).count(), 1);
    assert!(
        outcomes
            .iter()
            .filter_map(|outcome| outcome.as_ref().err())
            .all(|error| matches!(error, DecisionError::LinkUsed)),
        "{outcomes:?}"
    );
    assert_eq!(*after.approved.lock().unwrap(), [id], "one reply notice, not ten");
    assert_eq!(site.store.recent_actions(50).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_mailed_link_never_overrides_a_later_decision_by_a_person_issue_9_11() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let timur = moderator(&site, "Timur", &[]).await;
    let id = post(&site, "Something the link was mailed about.", "en").await;
    let after = Recorder::default();
    apply_decision(&site.store, &after, &timur, request(id, 1, "reject"), NOW).await.unwrap();
    let mut link = request(id, 1, "approve");
    link.link_hash = Some("mailed-before-timur-decided".to_owned());
    let error = apply_decision(&site.store, &after, &mira, link.clone(), NOW).await.unwrap_err();
    assert!(
        matches!(&error, DecisionError::AlreadyDecided { by: Some(name), .. } if name == "Timur"),
        "{error:?}"
    );
    // Even once Timur's decision is undone, the link stays dead: a person acted after it was sent.
    let action = site.store.recent_actions(1).await.unwrap()[0].id;
    assert!(site.store.undo_action(action, timur.id, NOW).await.unwrap());
    assert!(apply_decision(&site.store, &after, &mira, link, NOW).await.is_err());
    assert_eq!(status(&site, id).await.0, CommentStatus::Pending);
}

#[tokio::test]
async fn moderators_decide_only_in_their_languages_unless_nobody_reads_it_issue_9_13() {
    let site = site().await;
    let olga = moderator(&site, "Olga", &["ru"]).await;
    let _eve = moderator(&site, "Eve", &["en"]).await;
    let generalist = moderator(&site, "Gani", &[]).await;
    let english = post(&site, "An English comment.", "en").await;
    let german = post(&site, "Ein deutscher Kommentar.", "de").await;
    let after = Recorder::default();

    let error = apply_decision(&site.store, &after, &olga, request(english, 1, "reject"), NOW)
        .await
        .unwrap_err();
    assert!(matches!(&error, DecisionError::NotYourLanguage { lang, .. } if lang == "en"));
    assert_eq!(error.refusal(), Refusal::Forbidden);
    assert_eq!(status(&site, english).await.0, CommentStatus::Pending);
    // A language nobody on the team reads is not left stranded.
    apply_decision(&site.store, &after, &olga, request(german, 1, "approve"), NOW).await.unwrap();
    apply_decision(&site.store, &after, &generalist, request(english, 1, "approve"), NOW)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bulk_decision_with_one_stale_comment_changes_nothing() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let first = post(&site, "First.", "en").await;
    let second = post(&site, "Second.", "en").await;
    assert!(
        site.store.edit_own_comment(second, "writer", &draft(&site, "Later.", "en")).await.unwrap()
    );
    let after = Recorder::default();
    let mut bulk = request(first, 1, "approve");
    bulk.targets.push(DecisionTarget { id: second, version: 1 });
    let error = apply_decision(&site.store, &after, &mira, bulk, NOW).await.unwrap_err();
    assert!(matches!(error, DecisionError::Changed { id, .. } if id == second));
    assert_eq!(status(&site, first).await.0, CommentStatus::Pending, "nothing half-written");
    assert!(site.store.recent_actions(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn after_a_change_pages_are_dropped_and_approved_replies_announced_once() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let id = post(&site, "Hello.", "en").await;
    let after = Recorder::default();
    let applied =
        apply_decision(&site.store, &after, &mira, request(id, 1, "approve"), NOW).await.unwrap();
    assert_eq!(applied.undoable_action(), Some(site.store.recent_actions(1).await.unwrap()[0].id));
    assert_eq!(*after.invalidated.lock().unwrap(), 1);
    assert_eq!(*after.approved.lock().unwrap(), [id]);
    // "Not spam" on an approved comment does not apply: nothing changes, nothing is dropped.
    let applied =
        apply_decision(&site.store, &after, &mira, request(id, 2, "not-spam"), NOW).await.unwrap();
    assert_eq!(applied.changed(), 0);
    assert_eq!(*after.invalidated.lock().unwrap(), 1);
}

#[tokio::test]
async fn bad_input_and_missing_rights_are_refused_before_anything_is_read() {
    let site = site().await;
    let mira = moderator(&site, "Mira", &[]).await;
    let id = post(&site, "Hello.", "en").await;
    let after = Recorder::default();
    let check = |action: &str, reason: Option<&str>| {
        let mut asked = request(id, 1, action);
        asked.reason = reason.map(str::to_owned);
        apply_decision(&site.store, &after, &mira, asked, NOW)
    };
    assert!(matches!(check("publish", None).await, Err(DecisionError::UnknownAction(_))));
    assert!(matches!(check("reject", None).await, Err(DecisionError::ReasonMissing)));
    assert!(matches!(check("reject", Some("rude")).await, Err(DecisionError::UnknownReason(_))));
    assert!(matches!(check("feature", None).await, Err(DecisionError::NotAllowed)));
    let mut nothing = request(id, 1, "approve");
    nothing.targets.clear();
    let error = apply_decision(&site.store, &after, &mira, nothing, NOW).await.unwrap_err();
    assert_eq!(error.refusal(), Refusal::BadInput);
    let missing = request(CommentId(9_999), 1, "approve");
    assert!(matches!(
        apply_decision(&site.store, &after, &mira, missing, NOW).await,
        Err(DecisionError::NotFound(_))
    ));
    assert_eq!(status(&site, id).await.0, CommentStatus::Pending);
}

#[test]
fn the_language_rule() {
    let langs = |list: &[&str]| list.iter().map(|lang| (*lang).to_owned()).collect::<Vec<_>>();
    let team = langs(&["en", "ru"]);
    assert!(may_decide_language(&langs(&[]), Some("en"), &team), "a generalist decides all");
    assert!(may_decide_language(&langs(&["ru"]), Some("ru"), &team));
    assert!(!may_decide_language(&langs(&["ru"]), Some("en"), &team));
    assert!(may_decide_language(&langs(&["ru"]), None, &team), "undetected language");
    assert!(may_decide_language(&langs(&["ru"]), Some("kk"), &team), "nobody reads it");
}
