//! The moderators' side of readers' comments over HTTP: only moderators work the queue, bulk actions
//! and the routing by language, bans by address, site word lists applied without a restart, and
//! decisions exported as labelled data the screen can be evaluated on.

use crate::comments::{ARTICLE, PASSWORD, app, approve, moderator, post_comment, posted_id};
use crate::support::Browser;

#[test]
fn moderators_ban_an_address_and_its_next_comments_go_to_spam() {
    let app = app();
    let mut reader = Browser::new(&app);
    let id = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "Spammer",
        "Buy followers at example dot com",
    ));
    let mut moderator = moderator(&app);
    let reply = moderator
        .post("/moderation/ban", &[("id", &id.to_string()), ("kind", "address"), ("days", "7")]);
    assert!(reply.location().unwrap().contains("notice=banned-7"));
    let next = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "Spammer",
        "Another entirely new message here",
    ));
    assert!(moderator.get("/moderation?status=spam").body.contains(&format!("id=\"c{next}\"")));
}

#[test]
fn site_word_lists_apply_without_a_restart() {
    let app = app();
    let mut moderator = moderator(&app);
    let reply =
        moderator.post("/moderation/words", &[("en.banned", "bananagram\n"), ("en.suspect", "")]);
    assert_eq!(reply.location(), Some("/moderation/words?saved=1"));
    assert!(moderator.get("/moderation/words").body.contains("bananagram"));
    let mut reader = Browser::new(&app);
    let id = posted_id(&post_comment(&mut reader, ARTICLE, "Someone", "I love bananagram puzzles"));
    let rejected = moderator.get("/moderation?status=rejected");
    assert!(
        rejected.body.contains(&format!("id=\"c{id}\"")),
        "a banned word goes straight to rejected"
    );
    assert!(
        rejected.body.contains("<mark>bananagram</mark>"),
        "the matching words are highlighted"
    );
}

#[test]
fn only_moderators_work_the_queue() {
    let app = app();
    app.add_user("author@example.org", "Aigerim Author", "author", PASSWORD);
    let mut reader = Browser::new(&app);
    let id = posted_id(&post_comment(&mut reader, ARTICLE, "Dana", "A fine comment."));
    let mut author = Browser::new(&app);
    author.login("author@example.org", PASSWORD);
    assert_eq!(author.get("/moderation").status, 403);
    let reply = author.post(
        "/moderation/decide",
        &[("id", &id.to_string()), (&format!("version-{id}"), "1"), ("action", "approve")],
    );
    assert_eq!(reply.status, 403);
    assert!(
        !app.page(ARTICLE).contains(&format!("id=\"comment-{id}\"")),
        "the forbidden approval changed nothing"
    );
    assert_eq!(Browser::new(&app).get("/moderation").status, 303, "anonymous: to the login page");
    // Featuring is for editors.
    let mut moderator = moderator(&app);
    approve(&mut moderator, id);
    assert_eq!(
        moderator
            .post(
                "/moderation/decide",
                &[("id", &id.to_string()), (&format!("version-{id}"), "2"), ("action", "feature")]
            )
            .status,
        403
    );
}

#[test]
fn bulk_actions_and_the_language_routing() {
    let app = app();
    let mut reader = Browser::new(&app);
    let english = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "En",
        "A comment written in plain English about mirrors.",
    ));
    let russian = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "Ru",
        "Комментарий на русском языке про зеркала сайта.",
    ));
    let mut moderator = moderator(&app);
    moderator.post("/moderation/languages", &[("lang", "ru")]);
    let queue = moderator.get("/moderation");
    let ru_at = queue.body.find(&format!("id=\"c{russian}\"")).unwrap();
    let en_at = queue.body.find(&format!("id=\"c{english}\"")).unwrap();
    assert!(ru_at < en_at, "a moderator's own languages come first");
    assert!(
        queue.body.contains("nobody on the team reads this language"),
        "English is read by nobody here"
    );
    let reply = moderator.post(
        "/moderation/decide",
        &[
            ("id", &english.to_string()),
            ("id", &russian.to_string()),
            (&format!("version-{english}"), "1"),
            (&format!("version-{russian}"), "1"),
            ("action", "approve"),
            ("status", "pending"),
        ],
    );
    assert!(reply.location().unwrap().contains("done=2"));
    let page = app.page(ARTICLE);
    assert!(
        page.contains(&format!("id=\"comment-{english}\""))
            && page.contains(&format!("id=\"comment-{russian}\""))
    );
}

#[test]
fn decisions_export_as_labelled_data_the_screen_can_be_evaluated_on() {
    let app = app();
    let mut reader = Browser::new(&app);
    let clean = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "A",
        "Thanks for the list of mirrors,\nvery useful.",
    ));
    let hateful = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "B",
        "People like them should not be allowed here",
    ));
    let untouched =
        posted_id(&post_comment(&mut reader, ARTICLE, "C", "Still waiting for a decision"));
    let mut moderator = moderator(&app);
    approve(&mut moderator, clean);
    moderator.post(
        "/moderation/decide",
        &[
            ("id", &hateful.to_string()),
            (&format!("version-{hateful}"), "1"),
            ("action", "reject"),
            ("reason", "hate"),
        ],
    );
    let out = app.data.join("labels.tsv");
    let data = app.data.to_str().unwrap().to_owned();
    let output = crate::support::run_ashyq(
        &app.data,
        &["moderation", "export-labels", "--data", &data, "--out", out.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tsv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "id\tlang\tlabel\ttext\torig_label\tspans");
    assert!(lines.contains(&format!("site-{clean}\ten\tclean\tThanks for the list of mirrors, very useful.\tsource=moderator\t").as_str()), "{tsv}");
    assert!(
        lines.iter().any(|line| line.starts_with(&format!("site-{hateful}\ten\thate\t"))),
        "{tsv}"
    );
    assert!(!tsv.contains(&format!("site-{untouched}\t")), "undecided comments are not labels");
    let eval = crate::support::run_ashyq(
        &app.data,
        &["moderation", "eval", out.to_str().unwrap(), "--json"],
    );
    assert!(eval.status.success(), "{}", String::from_utf8_lossy(&eval.stderr));
    assert!(String::from_utf8(eval.stdout).unwrap().contains("\"f1\":"));
}
