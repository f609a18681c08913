//! Caching and validators (issue 10, item 13): public pages carry an `ETag` and answer `304`; the
//! form-token cookie comes only with pages that carry a form; brotli beside gzip. And comments
//! marked with their language (item 12).

use crate::comments::{ARTICLE, app, approve, moderator, post_comment, posted_id};
use crate::support::{Browser, Reply, TestApp, links};

fn set_cookies(reply: &Reply) -> Vec<&str> {
    reply
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, value)| value.as_str())
        .collect()
}

#[test]
fn public_pages_carry_a_validator_and_answer_304_issue_10_13() {
    let app = TestApp::with_demo();
    let article = app.page("/articles/printers-who-said-no");
    let tag = links(&article).into_iter().find(|link| link.starts_with("/tags/")).expect("a tag");
    let author =
        links(&article).into_iter().find(|link| link.starts_with("/authors/")).expect("an author");
    for path in ["/", "/en/", "/ru/", tag.as_str(), author.as_str()] {
        let first = app.get(path);
        assert_eq!(first.status, 200, "{path}");
        assert_eq!(first.header("cache-control"), Some("public, max-age=60"), "{path}");
        assert!(set_cookies(&first).is_empty(), "{path}: no form, so no form-token cookie");
        let etag = first.header("etag").unwrap_or_else(|| panic!("{path}: an ETag")).to_owned();
        let again = app.get_with(path, &[("if-none-match", &etag)]);
        assert_eq!(again.status, 304, "{path}: unchanged, so not sent again");
        assert!(again.body.is_empty(), "{path}");
        assert_eq!(again.header("etag"), Some(etag.as_str()), "{path}");
        assert_eq!(again.header("cache-control"), Some("public, max-age=60"), "{path}");
        assert!(set_cookies(&again).is_empty(), "{path}: a 304 sets no cookie");
        let other = app.get_with(path, &[("if-none-match", "W/\"0123456789abcdef\"")]);
        assert_eq!(other.status, 200, "{path}: another version's tag gets the page");
        assert_eq!(other.body, first.body, "{path}");
    }
}

#[test]
fn the_same_reader_gets_304_for_an_unchanged_article_and_nobody_gets_anothers_issue_10_13() {
    let app = app();
    let mut reader = Browser::new(&app);
    let first = reader.get(ARTICLE);
    assert_eq!(first.status, 200);
    let cookies = set_cookies(&first);
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(cookies[0].starts_with("ashyq_csrf="), "{cookies:?}");
    let token = reader.cookie("ashyq_csrf").expect("the form token");
    assert!(first.body.contains(&format!("name=\"csrf_token\" value=\"{token}\"")));
    assert_eq!(first.header("cache-control"), Some("private, no-cache"));
    assert!(
        first.headers.iter().any(|(name, value)| name.eq_ignore_ascii_case("vary")
            && value.to_lowercase().contains("cookie")),
        "{:?}",
        first.headers
    );
    let etag = first.header("etag").expect("an ETag").to_owned();

    let second = reader.get(ARTICLE);
    assert_eq!(second.status, 200);
    assert!(set_cookies(&second).is_empty(), "the reader's token is reused, not replaced");
    assert_eq!(second.header("etag"), Some(etag.as_str()), "same page, same reader, same tag");
    let revalidated = reader.get_with(ARTICLE, &[("if-none-match", &etag)]);
    assert_eq!(revalidated.status, 304);
    assert!(revalidated.body.is_empty());
    assert!(set_cookies(&revalidated).is_empty());

    // Another browser presenting this reader's tag gets its own page with its own token.
    let mut stranger = Browser::new(&app);
    let theirs = stranger.get_with(ARTICLE, &[("if-none-match", &etag)]);
    assert_eq!(theirs.status, 200, "a tag covers the reader's own token");
    assert_ne!(theirs.header("etag"), Some(etag.as_str()));
    assert!(!theirs.body.contains(&token), "nobody is given another reader's token");

    // The form the page carried is accepted (its page set the cookie).
    let posted = post_comment(&mut reader, ARTICLE, "Aru", "A careful, useful piece, thank you.");
    assert_eq!(posted.status, 303, "{}", posted.body);
}

#[test]
fn an_approved_comment_changes_the_tag_and_personal_pages_are_never_shared_issue_10_13() {
    let app = app();
    let mut reader = Browser::new(&app);
    let before = reader.get(ARTICLE);
    let etag = before.header("etag").expect("an ETag").to_owned();

    let mut writer = Browser::new(&app);
    let text = "The list of mirrors helped my whole family read you again.";
    let id = posted_id(&post_comment(&mut writer, ARTICLE, "Dana", text));
    // The writer's page shows their pending comment: rendered for them alone, never kept.
    for _ in 0..2 {
        let own = writer.get_with(ARTICLE, &[("if-none-match", &etag)]);
        assert_eq!(own.status, 200, "a commenter never gets a 304 for the shared page");
        assert!(own.body.contains(text));
        assert_eq!(own.header("cache-control"), Some("private, no-store"));
        assert!(own.header("etag").is_none());
    }
    // So is a logged-in person's.
    let mut mira = moderator(&app);
    let staff = mira.get_with(ARTICLE, &[("if-none-match", &etag)]);
    assert_eq!(staff.status, 200);
    assert_eq!(staff.header("cache-control"), Some("private, no-store"));
    // Other readers do not see the pending comment, and their page has not changed.
    let unchanged = reader.get_with(ARTICLE, &[("if-none-match", &etag)]);
    assert_eq!(unchanged.status, 304, "a pending comment changes nothing for others");

    approve(&mut mira, id);
    let after = reader.get_with(ARTICLE, &[("if-none-match", &etag)]);
    assert_eq!(after.status, 200, "the approved comment changed the page");
    assert!(after.body.contains(text));
    let new_etag = after.header("etag").expect("an ETag").to_owned();
    assert_ne!(new_etag, etag);
    assert_eq!(reader.get_with(ARTICLE, &[("if-none-match", &new_etag)]).status, 304);
}

#[test]
fn only_pages_with_a_form_set_the_form_token_cookie_issue_10_13() {
    let app = TestApp::with_demo();
    let article = app.get("/articles/printers-who-said-no");
    assert_eq!(set_cookies(&article).len(), 1, "the article carries the comment form");
    let assets: Vec<String> = links(&article.body)
        .into_iter()
        .filter(|link| link.starts_with("/static/") || link.starts_with("/media/"))
        .collect();
    assert!(assets.iter().any(|link| link.ends_with(".css")), "{assets:?}");
    assert!(assets.iter().any(|link| link.starts_with("/media/")), "{assets:?}");
    for path in assets.iter().map(String::as_str).chain(["/", "/nothing/here"]) {
        let reply = app.get(path);
        assert!(set_cookies(&reply).is_empty(), "{path} set {:?}", set_cookies(&reply));
    }
    for path in &assets {
        let etag = app.get(path).header("etag").expect("a content-hashed file's tag").to_owned();
        let again = app.get_with(path, &[("if-none-match", &etag)]);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.header("cache-control").is_some_and(|value| value.contains("immutable")));
    }
    let login = app.get("/login");
    assert!(set_cookies(&login).iter().any(|cookie| cookie.starts_with("ashyq_csrf=")));
}

#[test]
fn pages_are_compressed_with_brotli_or_gzip_issue_10_13() {
    let app = TestApp::with_demo();
    for (asked, given) in [("br", "br"), ("gzip", "gzip")] {
        let reply = app.get_with("/articles/printers-who-said-no", &[("accept-encoding", asked)]);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-encoding"), Some(given), "asked for {asked}");
    }
}

/// The `comment-body` element that holds `text`, opening tag and all.
fn body_element<'a>(html: &'a str, class: &str, text: &str) -> &'a str {
    let at = html.find(text).unwrap_or_else(|| panic!("{text:?} on the page"));
    let open = html[..at].rfind(class).unwrap_or_else(|| panic!("{class} before {text:?}"));
    &html[open..at]
}

#[test]
fn each_comment_carries_its_own_language_issue_10_12() {
    let app = app();
    let russian = "Спасибо за статью, теперь я знаю, как читать вас, когда сайт закрыт.";
    let kazakh =
        "Рақмет, мақала өте пайдалы болды, бұғатталған кезде қалай оқуға болатынын білдім.";
    let mut writer = Browser::new(&app);
    let ru = posted_id(&post_comment(&mut writer, ARTICLE, "Ольга", russian));
    let kk = posted_id(&post_comment(&mut writer, ARTICLE, "Айгерім", kazakh));
    let mut mira = moderator(&app);
    let queue = mira.get("/moderation?status=pending");
    for (lang, text) in [("ru", russian), ("kk", kazakh)] {
        let body = format!("<blockquote class=\"queue-body\" lang=\"{lang}\" dir=\"auto\">{text}");
        assert!(queue.body.contains(&body), "{lang}: {body}");
    }
    approve(&mut mira, ru);
    approve(&mut mira, kk);
    let page = app.page(ARTICLE);
    assert!(page.contains("<html lang=\"en\""), "the article itself is English");
    assert!(body_element(&page, "comment-body", russian).contains("lang=\"ru\" dir=\"auto\""));
    assert!(body_element(&page, "comment-body", kazakh).contains("lang=\"kk\" dir=\"auto\""));
}

#[test]
fn readers_arriving_together_each_get_their_own_token_and_tag_issue_10_13() {
    let app = TestApp::with_demo();
    let start = std::sync::Barrier::new(12);
    let answers: Vec<(String, String, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..12)
            .map(|_| {
                scope.spawn(|| {
                    let mut reader = Browser::new(&app);
                    start.wait();
                    let reply = reader.get(ARTICLE);
                    assert_eq!(reply.status, 200);
                    assert_eq!(set_cookies(&reply).len(), 1);
                    let token = reader.cookie("ashyq_csrf").expect("a form token");
                    let etag = reply.header("etag").expect("an ETag").to_owned();
                    (token, etag, reply.body)
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    for (i, (token, etag, body)) in answers.iter().enumerate() {
        assert!(body.contains(token.as_str()), "each page carries its reader's token");
        for (other_token, other_etag, _) in &answers[i + 1..] {
            assert_ne!(token, other_token);
            assert_ne!(etag, other_etag, "no reader's tag fits another's page");
            assert!(!body.contains(other_token.as_str()), "nobody gets another's token");
        }
    }
}
