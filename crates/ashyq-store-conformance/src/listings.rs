//! Paged lists (front page, tags, authors), the most used tags, what a static copy holds, and
//! archives imported from other platforms.

use ashyq_store::ArticleId;
use ashyq_store::{
    ArchiveBatch, ArticleRef, ArticleStatus, CommentStatus, ImportStore, ImportedArticle,
    ImportedComment, Store, StoreError,
};

use crate::comments::comment;
use crate::content::article;

pub async fn lists_are_paged_with_totals_and_only_visible_articles_count<S: Store + ImportStore>(
    store: S,
) {
    let batch = [
        article("one", "en", None, "\"Steppe\", \"Water\""),
        article("two", "en", None, "\"Steppe\""),
        article("three", "ru", None, "\"Steppe\", \"Рынок\""),
    ];
    store.import_articles(&batch, false).await.unwrap();
    // A draft with the same tag, imported from an archive: readers never see it.
    let draft = ImportedArticle {
        foreign_id: "p9".to_owned(),
        article: article("draft", "en", None, "\"Steppe\", \"Hidden\""),
        status: ArticleStatus::Draft,
    };
    let batch = ArchiveBatch { source: "test".to_owned(), articles: vec![draft], comments: vec![] };
    store.import_archive(&batch).await.unwrap();

    let slugs = |list: &[ashyq_store::ArticleSummary]| {
        list.iter().map(|summary| summary.slug.clone()).collect::<Vec<_>>()
    };
    // Same time for all: the newest id first.
    assert_eq!(
        slugs(&store.latest_articles_from(None, 0, 10).await.unwrap()),
        ["three", "two", "one"]
    );
    assert_eq!(slugs(&store.latest_articles_from(None, 1, 1).await.unwrap()), ["two"]);
    assert_eq!(slugs(&store.latest_articles_from(Some("en"), 1, 5).await.unwrap()), ["one"]);
    assert!(store.latest_articles_from(None, 3, 5).await.unwrap().is_empty());

    let tag = store.tag_page_from("steppe", 1, 1).await.unwrap().unwrap();
    assert_eq!((tag.total, slugs(&tag.articles)), (3, vec!["two".to_owned()]));
    let past_the_end = store.tag_page_from("steppe", 5, 1).await.unwrap().unwrap();
    assert_eq!((past_the_end.total, past_the_end.articles.len()), (3, 0));
    assert!(store.tag_page_from("hidden", 0, 5).await.unwrap().is_none(), "only a draft has it");
    let author = store.author_page_from("asel", 0, 2).await.unwrap().unwrap();
    assert_eq!((author.total, author.articles.len()), (3, 2));

    let top = store.top_tags(None, 2).await.unwrap();
    assert_eq!(top.iter().map(|tag| tag.slug.as_str()).collect::<Vec<_>>()[0], "steppe");
    assert_eq!(top.len(), 2);
    let russian = store.top_tags(Some("ru"), 10).await.unwrap();
    assert_eq!(russian.len(), 2, "{russian:?}");
    assert!(russian.iter().all(|tag| tag.slug != "water"));

    let public = store.public_slugs().await.unwrap();
    // Newest first, then by slug (all three share one time).
    assert_eq!(public.articles, ["one", "three", "two"].map(str::to_owned));
    assert!(
        public.tags.contains(&"steppe".to_owned()) && !public.tags.contains(&"hidden".to_owned())
    );
    assert_eq!(public.authors, ["asel".to_owned()]);
}

pub async fn an_archive_is_imported_once_with_its_threads<S: Store + ImportStore>(store: S) {
    let post = ImportedArticle {
        foreign_id: "p1".to_owned(),
        article: article("kept", "en", None, ""),
        status: ArticleStatus::Published,
    };
    let mut first = comment(ArticleId::default(), "First", "addr-a", 1, 100);
    first.status = CommentStatus::Approved;
    let mut reply = comment(ArticleId::default(), "Reply", "addr-b", 2, 101);
    reply.status = CommentStatus::Approved;
    let batch = ArchiveBatch {
        source: "wordpress:example".to_owned(),
        articles: vec![post],
        comments: vec![
            ImportedComment {
                foreign_id: "c1".to_owned(),
                foreign_parent: None,
                article: ArticleRef::Foreign("p1".to_owned()),
                comment: first,
            },
            ImportedComment {
                foreign_id: "c2".to_owned(),
                foreign_parent: Some("c1".to_owned()),
                article: ArticleRef::Foreign("p1".to_owned()),
                comment: reply,
            },
        ],
    };
    let outcome = store.import_archive(&batch).await.unwrap();
    assert_eq!((outcome.articles, outcome.comments), (1, 2));
    let articles = store.imported_articles("wordpress:example").await.unwrap();
    let row = &articles["p1"];
    assert_eq!(row.slug, "kept");
    assert_eq!(store.article_ids().await.unwrap()["kept"], row.id);
    let comments = store.imported_comments("wordpress:example").await.unwrap();
    assert_eq!(comments.len(), 2);
    assert!(store.imported_comments("disqus:other").await.unwrap().is_empty());
    let shown = store.public_comments(row.id, None).await.unwrap();
    assert_eq!(shown.len(), 2);
    let reply = shown.iter().find(|comment| comment.id == comments["c2"]).unwrap();
    assert_eq!(reply.parent_id, Some(comments["c1"]), "the thread is kept");

    // The same archive again: a foreign id already recorded writes nothing at all.
    let again = ArchiveBatch {
        articles: vec![ImportedArticle {
            foreign_id: "p2".to_owned(),
            article: article("new", "en", None, ""),
            status: ArticleStatus::Published,
        }],
        ..batch.clone()
    };
    let error = store.import_archive(&again).await.unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Conflict { constraint: ashyq_store::Constraint::ImportedItem }
        ),
        "{error:?}"
    );
    assert_eq!(store.count_articles().await.unwrap(), 1, "nothing of the failed import stays");
}
