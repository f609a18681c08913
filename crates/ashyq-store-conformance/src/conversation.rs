//! One conversation across the language versions of a story (issue 11): what readers of any
//! version see, where a reply may go, and which version a reply notice names.

use ashyq_content::parse_article;
use ashyq_store::{
    ArticleId, CommentId, CommentStatus, EmailConfirmation, NewArticle, NewComment, Store,
};

use crate::comments::comment;
use crate::content::article;

/// A translation of `one` published far in the future: readers cannot see it yet.
fn scheduled_translation(slug: &str, lang: &str) -> NewArticle {
    let text = format!(
        "+++\ntitle = \"Title {slug}\"\nslug = \"{slug}\"\nlang = \"{lang}\"\npublished = 2099-03-14T09:30:00+05:00\n\
         summary = \"S\"\ntranslation_of = \"one\"\nauthors = [{{ name = \"Asel\", slug = \"asel\" }}]\n+++\nBody.\n"
    );
    let article = parse_article("t.md", &text).expect("test article parses");
    NewArticle { article, lead_html: None, body_html: format!("<p>{slug}</p>") }
}

fn approved(article_id: ArticleId, body: &str, exact: i64, created_at: i64) -> NewComment {
    let mut new = comment(article_id, body, "addr-a", exact, created_at);
    new.status = CommentStatus::Approved;
    new
}

/// (comment, version language) of what a reader of `article_id` is shown, in order.
async fn shown<S: Store>(
    store: &S,
    article_id: ArticleId,
    token: Option<&str>,
) -> Vec<(i64, String)> {
    store
        .public_comments(article_id, token)
        .await
        .unwrap()
        .into_iter()
        .map(|comment| (comment.id.0, comment.version_lang))
        .collect()
}

pub async fn every_version_of_a_story_shows_one_conversation_issue_11<S: Store>(store: S) {
    let batch = [
        article("one", "en", None, ""),
        article("odin", "ru", Some("one"), ""),
        article("bir", "kk", Some("one"), ""),
        article("two", "en", None, ""),
        scheduled_translation("uch", "uz"),
    ];
    store.import_articles(&batch, false).await.unwrap();
    let mut id_of = std::collections::HashMap::new();
    for slug in ["one", "odin", "bir", "two"] {
        id_of.insert(slug, store.comment_target(slug).await.unwrap().unwrap().article_id);
    }
    // The scheduled version takes no comments, but one written before it was rescheduled stays.
    assert!(store.comment_target("uch").await.unwrap().is_none());
    let scheduled_id = store.article_record("uch").await.unwrap().unwrap().id;
    let now = 1_800_000_000;

    let mut asking = approved(id_of["odin"], "Russian question", 2, now + 1);
    asking.email = Some("asker@example.org".to_owned());
    asking.email_confirm =
        Some(EmailConfirmation { token_hash: "confirm-hash".to_owned(), expires_at: now + 100 });
    let english = approved(id_of["one"], "English remark", 1, now);
    let ids = store
        .insert_comments(&[english, asking])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>();
    let (english, asking) = (ids[0], ids[1]);
    assert!(store.confirm_email("confirm-hash", now).await.unwrap());

    let mut reply = approved(id_of["bir"], "Kazakh answer", 3, now + 2);
    reply.parent_id = Some(asking);
    let mut pending = comment(id_of["bir"], "Kazakh, waiting", "addr-b", 4, now + 3);
    pending.commenter_token_hash = "kazakh-reader".to_owned();
    let mut refused = comment(id_of["odin"], "Refused", "addr-c", 5, now + 4);
    refused.status = CommentStatus::Rejected;
    refused.commenter_token_hash = "someone".to_owned();
    let elsewhere = approved(id_of["two"], "Another story", 6, now + 5);
    let unseen = approved(scheduled_id, "On a version readers cannot see", 7, now + 6);
    let ids = store
        .insert_comments(&[reply, pending, refused, elsewhere, unseen])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>();
    let [reply, pending, refused, elsewhere, unseen] = ids[..] else { panic!("five ids") };

    // Every visible version shows the same approved comments, each with its version's language;
    // nothing pending, refused, from another story or from a version readers cannot see.
    let conversation =
        vec![(english.0, "en".to_owned()), (asking.0, "ru".to_owned()), (reply.0, "kk".to_owned())];
    for slug in ["one", "odin", "bir"] {
        assert_eq!(shown(&store, id_of[slug], None).await, conversation, "on `{slug}`");
    }
    assert_eq!(shown(&store, id_of["two"], None).await, vec![(elsewhere.0, "en".to_owned())]);
    // Its writer sees their pending comment on every version too, and nobody else does.
    let mut with_own = conversation.clone();
    with_own.push((pending.0, "kk".to_owned()));
    assert_eq!(shown(&store, id_of["one"], Some("kazakh-reader")).await, with_own);
    let own = store.public_comments(id_of["odin"], Some("kazakh-reader")).await.unwrap();
    let own = own.iter().find(|comment| comment.id == pending).unwrap();
    assert!(own.own && own.status == CommentStatus::Pending);
    // The screen's refusal no moderator confirmed looks like any pending comment to its writer.
    let mut with_refused = conversation.clone();
    with_refused.push((refused.0, "ru".to_owned()));
    assert_eq!(shown(&store, id_of["bir"], Some("someone")).await, with_refused);

    // Lists count the whole conversation on every version, approved comments only; the article
    // view leaves it to the page.
    let listed: Vec<(String, Option<i64>)> = store
        .latest_articles(None, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|summary| (summary.slug, summary.comments))
        .collect();
    for (slug, count) in [("one", 3), ("odin", 3), ("bir", 3), ("two", 1)] {
        assert!(listed.contains(&(slug.to_owned(), Some(count))), "{slug}: {listed:?}");
    }
    let author = store.author_page("asel", 10).await.unwrap().unwrap();
    assert!(author.articles.iter().all(|summary| summary.comments.is_some()));
    assert_eq!(store.article("odin").await.unwrap().unwrap().summary.comments, None);

    // A reply may answer an approved comment on any visible version of the same story only.
    assert!(store.can_reply_to(id_of["bir"], asking).await.unwrap());
    assert!(store.can_reply_to(id_of["one"], reply).await.unwrap());
    for (article, parent) in [
        ("one", elsewhere),
        ("two", english),
        ("one", unseen),
        ("one", pending),
        ("odin", refused),
        ("one", CommentId(9_999)),
    ] {
        assert!(!store.can_reply_to(id_of[article], parent).await.unwrap(), "{article} {parent}");
    }

    // The Russian writer hears of the Kazakh reply in Russian, about the Russian version.
    let notice = store.reply_notice(reply).await.unwrap().expect("the address is confirmed");
    assert_eq!(
        (notice.email.as_str(), notice.lang.as_str(), notice.article_slug.as_str()),
        ("asker@example.org", "ru", "odin")
    );
}

/// A story's comments with their language as stored: `language` is `None` when unknown or empty.
fn written(comment: NewComment, language: Option<&str>) -> NewComment {
    NewComment { language: language.map(str::to_owned), ..comment }
}

pub async fn a_thread_stands_with_the_language_its_first_comment_is_written_in_issue_11<
    S: Store,
>(
    store: S,
) {
    let batch = [
        article("one", "en", None, ""),
        article("odin", "ru", Some("one"), ""),
        article("bir", "kk", Some("one"), ""),
    ];
    store.import_articles(&batch, false).await.unwrap();
    let mut id_of = std::collections::HashMap::new();
    for slug in ["one", "odin", "bir"] {
        id_of.insert(slug, store.comment_target(slug).await.unwrap().unwrap().article_id);
    }
    let now = 1_800_000_000;
    let insert = |batch: Vec<NewComment>| {
        let store = &store;
        async move {
            store
                .insert_comments(&batch)
                .await
                .unwrap()
                .into_iter()
                .map(Result::unwrap)
                .collect::<Vec<_>>()
        }
    };
    // Top-level comments: Kazakh text on the Russian version; "+1" (no language detected) on the
    // Kazakh one; an old row with an empty language on the Russian one; Russian text on it.
    let tops = insert(vec![
        written(approved(id_of["odin"], "Kazakh on the Russian page", 1, now), Some("kk")),
        written(approved(id_of["bir"], "+1", 2, now + 1), None),
        written(approved(id_of["odin"], "Old row", 3, now + 2), Some("")),
        written(approved(id_of["odin"], "Russian thread", 4, now + 3), Some("ru")),
    ])
    .await;
    let [kazakh, plus_one, old_row, russian] = tops[..] else { panic!("four ids") };
    // Replies in other languages than their threads', on other versions.
    let mut russian_reply =
        written(approved(id_of["odin"], "Russian answer", 5, now + 4), Some("ru"));
    russian_reply.parent_id = Some(kazakh);
    let mut kazakh_reply = written(approved(id_of["bir"], "Kazakh answer", 6, now + 5), Some("kk"));
    kazakh_reply.parent_id = Some(russian);
    let mut english_reply =
        written(approved(id_of["one"], "English answer", 7, now + 6), Some("en"));
    english_reply.parent_id = Some(plus_one);
    let replies = insert(vec![russian_reply, kazakh_reply, english_reply]).await;
    let [russian_reply, kazakh_reply, english_reply] = replies[..] else { panic!("three ids") };

    let expected = [
        (kazakh, "kk"),
        (plus_one, "kk"),
        (old_row, "ru"),
        (russian, "ru"),
        (russian_reply, "kk"),
        (kazakh_reply, "ru"),
        (english_reply, "kk"),
    ];
    for slug in ["one", "odin", "bir"] {
        let comments = store.public_comments(id_of[slug], None).await.unwrap();
        // Unknown and empty languages both come back as none, never as "".
        let language = |id: CommentId| {
            comments.iter().find(|comment| comment.id == id).unwrap().language.clone()
        };
        assert_eq!(
            (language(kazakh).as_deref(), language(plus_one), language(old_row)),
            (Some("kk"), None, None),
            "on `{slug}`"
        );
        let threads = ashyq_store::thread_languages(&comments);
        let placed: Vec<(CommentId, &str)> =
            comments.iter().map(|comment| (comment.id, threads[&comment.id])).collect();
        assert_eq!(placed, expected, "on `{slug}`");
    }
}
