//! The approval guards: an approved import, a newsroom save and an archive are written only while
//! what their approval check read (the original, its units, the drafts, the translation's units)
//! is unchanged.

use ashyq_content::DraftState;
use ashyq_store::{ApprovalBasis, DraftUnit, Store, TranslationRecords, UnitsBatch};

use super::{translated, unit};
use crate::content::article;

/// What an approval check of the translation `translation` of `original` into `lang` reads, read
/// through the trait as `ashyq_services::translations::approval::approval_basis` reads it.
async fn basis_now<S: Store>(
    store: &S,
    original: &str,
    lang: &str,
    translation: &str,
) -> ApprovalBasis {
    ApprovalBasis {
        original_slug: original.to_owned(),
        lang: lang.to_owned(),
        translation_slug: translation.to_owned(),
        original_source: store.article_record(original).await.unwrap().map(|record| record.source),
        original_units: store.article_units(original).await.unwrap(),
        drafts: store.draft_units(original, lang).await.unwrap(),
        records: store.translated_units(translation).await.unwrap(),
    }
}

pub async fn an_approved_import_is_written_only_while_what_its_check_read_is_unchanged_issue_11<
    S: Store,
>(
    store: S,
) {
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let original = UnitsBatch {
        originals: vec![("one".to_owned(), vec![unit("u1", "h1")])],
        translations: Vec::new(),
    };
    store.save_units(&original).await.unwrap();
    let approved = DraftUnit {
        unit_id: "u1".to_owned(),
        text: "Бірінші".to_owned(),
        source_hash: "h1".to_owned(),
        source_text: "text h1".to_owned(),
        state: DraftState::Approved,
        note: String::new(),
        written_by: None,
        updated_at: 1,
    };
    store.save_draft_units("one", "kk", std::slice::from_ref(&approved)).await.unwrap();
    let translation = [article("bir", "kk", Some("one"), "")];

    // The check reads; a language editor returns the unit; the write sees it and writes nothing.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    assert_eq!(checked.drafts, std::slice::from_ref(&approved));
    let returned = DraftUnit {
        state: DraftState::Returned,
        note: "Қайта қараңыз".to_owned(),
        updated_at: 2,
        ..approved.clone()
    };
    store.save_draft_units("one", "kk", std::slice::from_ref(&returned)).await.unwrap();
    let outcome = store.import_articles_if_unchanged(&translation, false, &[checked]).await;
    assert_eq!(outcome.unwrap(), None);
    assert!(store.article_record("bir").await.unwrap().is_none(), "nothing was written");

    // Approved again and checked again: written.
    store.save_draft_units("one", "kk", std::slice::from_ref(&approved)).await.unwrap();
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let outcome = store.import_articles_if_unchanged(&translation, false, &[checked]).await;
    assert_eq!(outcome.unwrap().map(|outcome| outcome.inserted), Some(1));
    assert!(store.article_record("bir").await.unwrap().is_some());

    // The original edited, or the translation's own records changed, after the check: refused.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let mut edited = article("one", "en", None, "");
    let edited_text = format!("{}\nA new paragraph.\n", edited.article.source);
    edited.article = ashyq_content::parse_article("one.md", &edited_text).unwrap();
    store.import_articles(&[edited], true).await.unwrap();
    let outcome = store.import_articles_if_unchanged(&translation, true, &[checked]).await;
    assert_eq!(outcome.unwrap(), None);
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let records = UnitsBatch {
        originals: Vec::new(),
        translations: vec![TranslationRecords {
            slug: "bir".to_owned(),
            translators: Vec::new(),
            units: vec![translated("u1", "h1")],
        }],
    };
    store.save_units(&records).await.unwrap();
    let outcome = store.import_articles_if_unchanged(&translation, true, &[checked]).await;
    assert_eq!(outcome.unwrap(), None);
    // Drafts read in another order are the same basis.
    let mut checked = basis_now(&store, "one", "kk", "bir").await;
    checked.drafts.reverse();
    let outcome = store.import_articles_if_unchanged(&translation, true, &[checked]).await;
    assert_eq!(outcome.unwrap().map(|outcome| outcome.replaced), Some(1));

    // Twelve imports that all checked the same basis, racing twelve returns of the unit: an import
    // lands only before the first return, never after it.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let tasks: Vec<_> = (0..24)
        .map(|n| {
            let (store, checked, translation) =
                (store.clone(), checked.clone(), translation.clone());
            let returned = DraftUnit { updated_at: 10 + n, ..returned.clone() };
            tokio::spawn(async move {
                if n % 2 == 0 {
                    let landed = store
                        .import_articles_if_unchanged(&translation, true, &[checked])
                        .await
                        .unwrap()
                        .is_some();
                    Some(landed)
                } else {
                    store.save_draft_units("one", "kk", &[returned]).await.unwrap();
                    None
                }
            })
        })
        .collect();
    let mut landed = 0;
    for task in tasks {
        landed += usize::from(task.await.unwrap() == Some(true));
    }
    // Whatever landed, the basis is gone now: a late import with it writes nothing.
    let outcome = store.import_articles_if_unchanged(&translation, true, &[checked]).await;
    assert_eq!(outcome.unwrap(), None, "after the returns ({landed} imports landed before them)");
}

/// The setting of `basis_now` for `save_article_if_unchanged` and `import_archive_if_unchanged`:
/// an original `one` with one unit, approved into Kazakh in the side-by-side editor.
async fn approved_story<S: Store>(store: &S) -> DraftUnit {
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let original = UnitsBatch {
        originals: vec![("one".to_owned(), vec![unit("u1", "h1")])],
        translations: Vec::new(),
    };
    store.save_units(&original).await.unwrap();
    let approved = DraftUnit {
        unit_id: "u1".to_owned(),
        text: "Бірінші".to_owned(),
        source_hash: "h1".to_owned(),
        source_text: "text h1".to_owned(),
        state: DraftState::Approved,
        note: String::new(),
        written_by: None,
        updated_at: 1,
    };
    store.save_draft_units("one", "kk", std::slice::from_ref(&approved)).await.unwrap();
    approved
}

pub async fn a_newsroom_save_is_written_only_while_what_its_approval_check_read_is_unchanged_issue_11<
    S: Store,
>(
    store: S,
) {
    use ashyq_store::{ArticleStatus, SaveNote};
    let approved = approved_story(&store).await;
    let user = crate::content::newsroom_user(&store).await;
    let save = SaveNote { user, now: 5, note: "publish" };
    let translation = article("bir", "kk", Some("one"), "");
    let returned = DraftUnit {
        state: DraftState::Returned,
        note: "Қайта қараңыз".to_owned(),
        updated_at: 2,
        ..approved.clone()
    };

    // A new article: the unit returned after the check, nothing is created.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    store.save_draft_units("one", "kk", std::slice::from_ref(&returned)).await.unwrap();
    let saved = store
        .save_article_if_unchanged(None, &translation, ArticleStatus::Published, save, &[checked])
        .await;
    assert_eq!(saved.unwrap(), None);
    assert!(store.article_record("bir").await.unwrap().is_none(), "nothing was written");
    // Approved again and checked again: created, published, with its first revision.
    store.save_draft_units("one", "kk", std::slice::from_ref(&approved)).await.unwrap();
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let saved = store
        .save_article_if_unchanged(None, &translation, ArticleStatus::Published, save, &[checked])
        .await
        .unwrap();
    let record = store.article_record("bir").await.unwrap().unwrap();
    assert_eq!(saved, Some(record.id));
    assert_eq!(record.status, ArticleStatus::Published);
    assert_eq!(store.revisions(record.id).await.unwrap().len(), 1);

    // An update: the original edited after the check, the stored translation stays as it was.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let mut edited = article("one", "en", None, "");
    let edited_text = format!("{}\nA new paragraph.\n", edited.article.source);
    edited.article = ashyq_content::parse_article("one.md", &edited_text).unwrap();
    store.import_articles(&[edited], true).await.unwrap();
    let mut corrected = translation.clone();
    corrected.body_html = "<p>corrected</p>".to_owned();
    let later = SaveNote { now: 6, ..save };
    let saved = store
        .save_article_if_unchanged(
            Some(record.id),
            &corrected,
            ArticleStatus::Published,
            later,
            &[checked],
        )
        .await;
    assert_eq!(saved.unwrap(), None);
    assert_eq!(store.article_record("bir").await.unwrap().unwrap(), record, "unchanged");
    assert_eq!(store.revisions(record.id).await.unwrap().len(), 1);
    // Checked again (drafts in another order are the same basis): updated in place.
    let mut checked = basis_now(&store, "one", "kk", "bir").await;
    checked.drafts.reverse();
    let saved = store
        .save_article_if_unchanged(
            Some(record.id),
            &corrected,
            ArticleStatus::Published,
            later,
            &[checked],
        )
        .await;
    assert_eq!(saved.unwrap(), Some(record.id));
    assert_eq!(store.article_record("bir").await.unwrap().unwrap().body_html, "<p>corrected</p>");
    // Without a basis (a draft, an original) it is the plain save; a taken slug is still refused.
    let other = article("one", "en", None, "");
    let taken =
        store.save_article_if_unchanged(None, &other, ArticleStatus::Draft, later, &[]).await;
    assert!(matches!(
        taken,
        Err(ashyq_store::StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug })
    ));

    // Twelve saves that all checked the same basis, racing twelve returns of the unit: a save
    // lands only before the first return, never after it.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let tasks: Vec<_> = (0..24)
        .map(|n| {
            let (store, checked, corrected) = (store.clone(), checked.clone(), corrected.clone());
            let returned = DraftUnit { updated_at: 10 + n, ..returned.clone() };
            tokio::spawn(async move {
                if n % 2 == 0 {
                    let save = SaveNote { user, now: 10 + n, note: "publish" };
                    let status = ArticleStatus::Published;
                    let saved = store
                        .save_article_if_unchanged(
                            Some(record.id),
                            &corrected,
                            status,
                            save,
                            &[checked],
                        )
                        .await
                        .unwrap();
                    Some(saved.is_some())
                } else {
                    store.save_draft_units("one", "kk", &[returned]).await.unwrap();
                    None
                }
            })
        })
        .collect();
    let mut landed = 0;
    for task in tasks {
        landed += usize::from(task.await.unwrap() == Some(true));
    }
    let before = store.revisions(record.id).await.unwrap().len();
    let saved = store
        .save_article_if_unchanged(
            Some(record.id),
            &corrected,
            ArticleStatus::Published,
            later,
            &[checked],
        )
        .await;
    assert_eq!(saved.unwrap(), None, "after the returns ({landed} saves landed before them)");
    assert_eq!(store.revisions(record.id).await.unwrap().len(), before, "no revision either");
}

pub async fn an_archive_is_written_only_while_what_its_approval_check_read_is_unchanged_issue_11<
    S: Store + ashyq_store::ImportStore,
>(
    store: S,
) {
    use ashyq_store::{ArchiveBatch, ArticleStatus, ImportedArticle};
    let approved = approved_story(&store).await;
    let archive = ArchiveBatch {
        source: "wxr".to_owned(),
        articles: vec![
            ImportedArticle {
                foreign_id: "p2".to_owned(),
                article: article("bir", "kk", Some("one"), ""),
                status: ArticleStatus::Published,
            },
            ImportedArticle {
                foreign_id: "p3".to_owned(),
                article: article("two", "en", None, ""),
                status: ArticleStatus::Published,
            },
        ],
        comments: Vec::new(),
    };
    // The unit returned after the check: nothing of the archive is written, not even the other
    // article or its foreign id.
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let returned = DraftUnit { state: DraftState::Returned, updated_at: 2, ..approved.clone() };
    store.save_draft_units("one", "kk", std::slice::from_ref(&returned)).await.unwrap();
    let outcome = store.import_archive_if_unchanged(&archive, &[checked]).await;
    assert_eq!(outcome.unwrap(), None);
    assert!(store.article_record("bir").await.unwrap().is_none());
    assert!(store.article_record("two").await.unwrap().is_none());
    assert!(store.imported_articles("wxr").await.unwrap().is_empty());
    // Approved again and checked again: the whole archive is written.
    store.save_draft_units("one", "kk", std::slice::from_ref(&approved)).await.unwrap();
    let checked = basis_now(&store, "one", "kk", "bir").await;
    let outcome = store.import_archive_if_unchanged(&archive, &[checked]).await.unwrap();
    assert_eq!(outcome.map(|outcome| outcome.articles), Some(2));
    assert_eq!(store.imported_articles("wxr").await.unwrap().len(), 2);
    let record = store.article_record("bir").await.unwrap().unwrap();
    assert_eq!(record.status, ArticleStatus::Published);
}
