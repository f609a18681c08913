//! Articles, editorial records, media and search changes (comments are in `comments`).

use ashyq_content::parse_article;
use ashyq_store::{NewArticle, StoreError};

use ashyq_store::Store;

pub fn article(slug: &str, lang: &str, translation_of: Option<&str>, tags: &str) -> NewArticle {
    let translation = translation_of
        .map(|original| format!("translation_of = \"{original}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "+++\ntitle = \"Title {slug}\"\nslug = \"{slug}\"\nlang = \"{lang}\"\npublished = 2026-03-14T09:30:00+05:00\n\
         summary = \"S\"\ntags = [{tags}]\n{translation}authors = [{{ name = \"Asel\", slug = \"asel\" }}]\n+++\nBody.\n"
    );
    let article = parse_article("t.md", &text).expect("test article parses");
    NewArticle { article, lead_html: None, body_html: format!("<p>{slug}</p>") }
}

pub async fn imports_and_reads_back_with_translations_tags_and_authors<S: Store>(store: S) {
    let batch = [
        article("one", "en", None, "\"Kazakhstan\", \"Censorship\""),
        article("odin", "ru", Some("one"), "\"Казахстан\""),
    ];
    let outcome = store.import_articles(&batch, false).await.unwrap();
    assert_eq!(outcome.inserted, 2);
    assert_eq!(store.count_articles().await.unwrap(), 2);

    let view = store.article("odin").await.unwrap().unwrap();
    assert_eq!(view.body_html, "<p>odin</p>");
    assert_eq!(view.translation_of.as_deref(), Some("one"));
    assert_eq!(view.translations.len(), 1);
    assert_eq!(view.translations[0].slug, "one");
    assert!(view.translations[0].is_original);
    assert_eq!(view.summary.authors[0].slug, "asel");
    assert_eq!(view.tags[0].name, "Казахстан");

    let tag = store.tag_page("kazakhstan", 10).await.unwrap().unwrap();
    assert_eq!(tag.articles.len(), 1);
    let author = store.author_page("asel", 10).await.unwrap().unwrap();
    assert_eq!(author.articles.len(), 2);
    assert!(store.tag_page("nothing", 10).await.unwrap().is_none());
    assert_eq!(store.latest_articles(Some("ru"), 10).await.unwrap().len(), 1);
    let languages = store.languages().await.unwrap();
    assert_eq!(languages.len(), 2);
}

pub async fn a_conflicting_batch_writes_nothing<S: Store>(store: S) {
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let batch = [article("two", "en", None, "\"New tag\""), article("one", "en", None, "")];
    let error = store.import_articles(&batch, false).await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug }),
        "{error:?}"
    );
    assert_eq!(store.count_articles().await.unwrap(), 1, "the batch must be all or nothing");
    assert!(store.tag_page("new-tag", 10).await.unwrap().is_none());
}

pub async fn replace_updates_an_existing_article<S: Store>(store: S) {
    store.import_articles(&[article("one", "en", None, "\"A\"")], false).await.unwrap();
    let outcome =
        store.import_articles(&[article("one", "kk", None, "\"B\"")], true).await.unwrap();
    assert_eq!(outcome.replaced, 1);
    let view = store.article("one").await.unwrap().unwrap();
    assert_eq!(view.summary.lang, "kk");
    assert_eq!(view.tags[0].name, "B");
}

fn article_at(slug: &str, published: &str, translation_of: Option<&str>) -> NewArticle {
    let translation = translation_of
        .map(|original| format!("translation_of = \"{original}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "+++\ntitle = \"Title {slug}\"\nslug = \"{slug}\"\nlang = \"en\"\npublished = {published}\n\
         summary = \"S\"\ntags = [\"Hidden {slug}\"]\n{translation}authors = [{{ name = \"Writer {slug}\", slug = \"writer-{slug}\" }}]\n+++\nBody.\n"
    );
    let article = parse_article("t.md", &text).expect("test article parses");
    NewArticle { article, lead_html: None, body_html: format!("<p>{slug}</p>") }
}

pub(crate) async fn newsroom_user<S: Store>(store: &S) -> ashyq_store::UserId {
    use ashyq_store::NewUser;
    let user = NewUser {
        email: "e@example.org".to_owned(),
        name: "Erlan".to_owned(),
        roles: ashyq_accounts::Roles::parse("editor").unwrap(),
        password_hash: None,
    };
    store.create_user(&user, 0).await.unwrap()
}

pub async fn only_published_articles_whose_time_has_come_are_public<S: Store>(store: S) {
    use ashyq_store::{ArticleStatus, SaveNote};
    store.import_articles(&[article("imported", "en", None, "")], false).await.unwrap();
    let user = newsroom_user(&store).await;
    let save = SaveNote { user, now: 1, note: "test" };
    let past = "2020-01-01T00:00:00Z";
    let future = "2999-01-01T00:00:00Z";
    for (slug, published, status) in [
        ("draft", past, ArticleStatus::Draft),
        ("review", past, ArticleStatus::Review),
        ("unpublished", past, ArticleStatus::Unpublished),
        ("scheduled", future, ArticleStatus::Published),
    ] {
        store.create_article(&article_at(slug, published, None), status, save).await.unwrap();
    }
    // A translation of the imported article that is still a draft must not be linked from it.
    store
        .create_article(
            &article_at("draft-translation", past, Some("imported")),
            ArticleStatus::Draft,
            save,
        )
        .await
        .unwrap();

    let latest = store.latest_articles(None, 50).await.unwrap();
    assert_eq!(latest.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(), ["imported"]);
    assert_eq!(store.latest_articles(Some("en"), 50).await.unwrap().len(), 1);
    for hidden in ["draft", "review", "unpublished", "scheduled", "draft-translation"] {
        assert!(store.article(hidden).await.unwrap().is_none(), "{hidden} is public");
        assert!(store.author_page(&format!("writer-{hidden}"), 10).await.unwrap().is_none());
        assert!(store.tag_page(&format!("hidden-{hidden}"), 10).await.unwrap().is_none());
    }
    let imported = store.article("imported").await.unwrap().unwrap();
    assert!(imported.translations.is_empty(), "{:?}", imported.translations);
    let languages = store.languages().await.unwrap();
    assert_eq!(languages[0].articles, 1);

    // Publishing with a past date makes it public; the record keeps every state.
    let record = store.article_record("draft").await.unwrap().unwrap();
    assert_eq!(record.status, ArticleStatus::Draft);
    assert_eq!(record.created_by, Some(user));
    store
        .update_article(record.id, &article_at("draft", past, None), ArticleStatus::Published, save)
        .await
        .unwrap();
    assert!(store.article("draft").await.unwrap().is_some());
    assert!(store.author_page("writer-draft", 10).await.unwrap().is_some());
}

pub async fn every_save_is_a_revision_and_slug_conflicts_change_nothing<S: Store>(store: S) {
    use ashyq_store::{ArticleFilter, ArticleStatus, SaveNote};
    let user = newsroom_user(&store).await;
    let save = SaveNote { user, now: 10, note: "draft" };
    let past = "2020-01-01T00:00:00Z";
    let id = store
        .create_article(&article_at("one", past, None), ArticleStatus::Draft, save)
        .await
        .unwrap();
    store.create_article(&article_at("two", past, None), ArticleStatus::Draft, save).await.unwrap();
    let error = store
        .create_article(&article_at("one", past, None), ArticleStatus::Draft, save)
        .await
        .unwrap_err();
    assert!(matches!(
        &error,
        StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug }
    ));

    let renamed = SaveNote { user, now: 20, note: "review" };
    store
        .update_article(id, &article_at("uno", past, None), ArticleStatus::Review, renamed)
        .await
        .unwrap();
    let error = store
        .update_article(id, &article_at("two", past, None), ArticleStatus::Review, renamed)
        .await
        .unwrap_err();
    assert!(matches!(
        &error,
        StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug }
    ));
    let record = store.article_record("uno").await.unwrap().unwrap();
    assert_eq!(record.status, ArticleStatus::Review);

    let revisions = store.revisions(id).await.unwrap();
    assert_eq!(revisions.len(), 2, "the failed save left no revision");
    assert_eq!(revisions[0].note, "review");
    assert_eq!(revisions[0].user_name.as_deref(), Some("Erlan"));
    let first = store.revision(id, revisions[1].id).await.unwrap().unwrap();
    assert!(first.source.contains("slug = \"one\""));

    let mine = ArticleFilter { created_by: Some(user), unpublished_only: true, status: None };
    assert_eq!(store.article_records(mine, 10).await.unwrap().len(), 2);
    let review = ArticleFilter { status: Some(ArticleStatus::Review), ..ArticleFilter::default() };
    assert_eq!(store.article_records(review, 10).await.unwrap()[0].slug, "uno");
}

pub async fn media_is_recorded_with_its_variants<S: Store>(store: S) {
    use ashyq_store::{MediaVariant, NewMedia};
    let user = newsroom_user(&store).await;
    let media = NewMedia {
        name: "abc-photo-960.jpg".to_owned(),
        alt: "A".to_owned(),
        caption: "C".to_owned(),
        credit: "Us".to_owned(),
        licence: "cc-by".to_owned(),
        width: 960,
        height: 640,
        stripped_metadata: vec!["EXIF (GPS position)".to_owned(), "XMP".to_owned()],
        variants: vec![
            MediaVariant { file_name: "abd-photo-480.jpg".to_owned(), width: 480, height: 320 },
            MediaVariant { file_name: "abc-photo-960.jpg".to_owned(), width: 960, height: 640 },
        ],
    };
    store.add_media(&media, Some(user), 5).await.unwrap();
    let item = store.media_by_name("abc-photo-960.jpg").await.unwrap().unwrap();
    assert_eq!(item.media, media);
    assert_eq!(item.uploaded_by.as_deref(), Some("Erlan"));
    assert_eq!(store.recent_media(10).await.unwrap().len(), 1);
    let error = store.add_media(&media, Some(user), 6).await.unwrap_err();
    assert!(matches!(
        &error,
        StoreError::Conflict { constraint: ashyq_store::Constraint::MediaName }
    ));
}

pub async fn every_article_change_is_numbered_for_the_search_index<S: Store>(store: S) {
    use ashyq_store::ArticleId;
    assert_eq!(store.search_change_counter().await.unwrap(), 0);
    store
        .import_articles(
            &[article("one", "en", None, "\"Tag\""), article("two", "en", None, "")],
            false,
        )
        .await
        .unwrap();
    let after_import = store.search_change_counter().await.unwrap();
    let changed: Vec<i64> =
        store.search_changes(0, 100).await.unwrap().iter().map(|change| change.article.0).collect();
    assert_eq!(changed.len(), 2, "one row per article, however many triggers fired");
    let sources = store.search_sources(&[ArticleId(changed[0]), ArticleId(999)]).await.unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].tags, [("tag".to_owned(), "Tag".to_owned())]);
    assert_eq!(sources[0].authors, [("asel".to_owned(), "Asel".to_owned())]);
    assert_eq!(sources[0].group, "one");
    // Replacing one article numbers it again; the other is not listed after the watermark.
    store.import_articles(&[article("two", "en", Some("one"), "")], true).await.unwrap();
    let later = store.search_changes(after_import, 100).await.unwrap();
    let two = store.search_sources_after(ArticleId(0), 10).await.unwrap();
    assert_eq!(two.len(), 2);
    assert!(later.iter().all(|change| change.seq > after_import));
    assert!(later.iter().any(|change| {
        two.iter().all(|source| source.id != change.article) || change.article == two[1].id
    }));
    assert!(!later.iter().any(|change| change.article == two[0].id), "`one` did not change");
}
