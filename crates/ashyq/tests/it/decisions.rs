//! Moderation integrity over HTTP (issue 9): decisions name the version they were made on, the
//! language rule, and the cached page that must never hand a reader's form token to a link.

use serde_json::json;

use crate::api::{call, token_for};
use crate::comments::{
    ARTICLE, PASSWORD, app, human_start, moderator, post_comment, posted_id, shown_version,
};
use crate::support::Browser;

#[test]
fn a_decision_on_a_comment_changed_after_loading_is_refused_and_the_queue_shows_the_new_text_issue_9_10()
 {
    let app = app();
    let mut writer = Browser::new(&app);
    let id = posted_id(&post_comment(&mut writer, ARTICLE, "Ali", "Which bridge is open tonight?"));
    let mut moderator = moderator(&app);
    let seen = shown_version(&mut moderator, "pending", id);

    // The writer swaps the text while the moderator reads the old one.
    let swapped = writer.post(
        &format!("/comments/{id}/edit"),
        &[("name", "Ali"), ("body", "Reset your password at phish.example today")],
    );
    assert_eq!(swapped.status, 303);

    let refused = moderator.post(
        "/moderation/decide",
        &[
            ("id", &id.to_string()),
            (&format!("version-{id}"), &seen),
            ("action", "approve"),
            ("status", "pending"),
        ],
    );
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("was changed by its writer after you loaded it"));
    assert!(refused.body.contains("phish.example"), "the queue shows the new text");
    assert!(!app.page(ARTICLE).contains("phish.example"), "nothing was published");

    // The same through the API, and the old form without versions is refused.
    let token = token_for(&app, "mod@example.org", "write");
    let stale = json!({ "comments": [{ "id": id, "version": seen.parse::<i64>().unwrap() }], "action": "approve" });
    let (status, body) =
        call(&app, "POST", "/api/v1/moderation/decisions", Some(&token), Some(stale));
    assert_eq!(status, 409);
    assert_eq!(body["error"], "changed");
    assert!(body["message"].as_str().unwrap().contains(&format!("Comment {id}")), "{body}");
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/moderation/decisions",
        Some(&token),
        Some(json!({ "ids": [id], "action": "approve" })),
    );
    assert_eq!((status, body["error"].as_str()), (422, Some("version-missing")));
    assert!(!app.page(ARTICLE).contains("phish.example"));

    // Decided on the version now shown, it goes through.
    let now_shown = shown_version(&mut moderator, "pending", id);
    assert_ne!(now_shown, seen);
    let rejected = moderator.post(
        "/moderation/decide",
        &[
            ("id", &id.to_string()),
            (&format!("version-{id}"), &now_shown),
            ("action", "reject"),
            ("reason", "spam"),
            ("status", "pending"),
        ],
    );
    assert_eq!(rejected.status, 303);
}

#[test]
fn two_moderators_on_the_same_comment_the_second_is_told_who_decided_first() {
    let app = app();
    let mut reader = Browser::new(&app);
    let id = posted_id(&post_comment(&mut reader, ARTICLE, "Dana", "Thanks for the guide."));
    let mut mira = moderator(&app);
    let mut erlan = Browser::new(&app);
    erlan.login("editor@example.org", PASSWORD);
    let version = shown_version(&mut mira, "pending", id);
    let decide = |browser: &mut Browser<'_>, action: &str| {
        browser.post(
            "/moderation/decide",
            &[
                ("id", &id.to_string()),
                (&format!("version-{id}"), &version),
                ("action", action),
                ("reason", "other"),
                ("status", "pending"),
            ],
        )
    };
    assert_eq!(decide(&mut erlan, "reject").status, 303);
    let late = decide(&mut mira, "approve");
    assert_eq!(late.status, 409);
    assert!(late.body.contains("was decided by Erlan Editor after you loaded it"), "{}", late.body);
    assert!(!app.page(ARTICLE).contains("Thanks for the guide."), "the rejection stands");
}

#[test]
fn a_moderator_cannot_decide_outside_the_languages_they_read_issue_9_13() {
    let app = app();
    app.add_user("olga@example.org", "Olga Moderator", "moderator", PASSWORD);
    let mut olga = Browser::new(&app);
    olga.login("olga@example.org", PASSWORD);
    olga.post("/moderation/languages", &[("lang", "ru")]);
    let mut mira = moderator(&app);
    mira.post("/moderation/languages", &[("lang", "en")]);

    let mut reader = Browser::new(&app);
    let id = posted_id(&post_comment(
        &mut reader,
        ARTICLE,
        "Dana",
        "A thoughtful English comment about the mirrors and how readers reach them.",
    ));
    let version = shown_version(&mut olga, "pending", id);
    let refused = olga.post(
        "/moderation/decide",
        &[
            ("id", &id.to_string()),
            (&format!("version-{id}"), &version),
            ("action", "reject"),
            ("reason", "other"),
            ("status", "pending"),
        ],
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body.contains("not listed as yours (en)"), "{}", refused.body);
    let token = token_for(&app, "olga@example.org", "write");
    let by_api = json!({ "comments": [{ "id": id, "version": 1 }], "action": "approve" });
    let (status, body) =
        call(&app, "POST", "/api/v1/moderation/decisions", Some(&token), Some(by_api));
    assert_eq!((status, body["error"].as_str()), (403, Some("not-your-language")));
    // Mira reads English.
    let approved = mira.post(
        "/moderation/decide",
        &[
            ("id", &id.to_string()),
            (&format!("version-{id}"), &version),
            ("action", "approve"),
            ("status", "pending"),
        ],
    );
    assert_eq!(approved.status, 303);
}

#[test]
fn an_approved_comment_spelling_a_placeholder_never_receives_a_readers_form_token_issue_9_15() {
    let app = app();
    let mut writer = Browser::new(&app);
    let body = "Mirror list: [here](https://outside.example/?t=__ashyq_csrf_token__&s=__ashyq_form_started__)";
    let id = posted_id(&post_comment(&mut writer, ARTICLE, "Bad Actor", body));
    let mut moderator = moderator(&app);
    let version = shown_version(&mut moderator, "pending", id);
    moderator.post(
        "/moderation/decide",
        &[("id", &id.to_string()), (&format!("version-{id}"), &version), ("action", "approve")],
    );
    // Several readers, so that the page comes from the cache.
    for _ in 0..3 {
        let mut reader = Browser::new(&app);
        let page = reader.get(ARTICLE);
        let token = reader.cookie("ashyq_csrf").expect("a form token");
        assert!(page.body.contains("https://outside.example/?t=__ashyq_csrf_token__"));
        let fields = page.body.matches(&format!("name=\"csrf_token\" value=\"{token}\"")).count();
        assert!(fields >= 1);
        assert_eq!(page.body.matches(&token).count(), fields, "the token is only in form fields");
    }
}

#[test]
fn asking_for_reply_notices_needs_an_address_and_the_form_keeps_the_choice_issue_9_20() {
    let app = app();
    let mut reader = Browser::new(&app);
    reader.get(ARTICLE);
    let started = human_start();
    let reply = reader.post(
        &format!("{ARTICLE}/comments"),
        &[
            ("name", "Dana"),
            ("email", ""),
            ("notify", "1"),
            ("body", "Tell me when someone answers."),
            ("form_started", &started),
        ],
    );
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("To hear of replies, give your e-mail address."));
    assert!(reply.body.contains("name=\"notify\" value=\"1\" checked"), "the choice is kept");
    assert!(reply.body.contains("Tell me when someone answers."), "the text is kept");
}
