//! Readers' comments over HTTP: the pre-moderated flow, the published rules, errors, duplicates,
//! threading, edits and staff badges; the shared helpers other modules post and approve with. The
//! moderators' side is in `comments_queue`; hostile input, limits and durability in `comments_hardening`.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::support::{Browser, TestApp};

pub(crate) const PASSWORD: &str = "steppe wind over the river";
const EMPTY_ARTICLE: &str = "/articles/auyl-radiosy";
pub(crate) const ARTICLE: &str = "/articles/reading-us-when-blocked";

pub(crate) fn app() -> TestApp {
    let app = TestApp::with_demo();
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);
    app.add_user("editor@example.org", "Erlan Editor", "editor,moderator", PASSWORD);
    app
}

pub(crate) fn moderator(app: &TestApp) -> Browser<'_> {
    let mut browser = Browser::new(app);
    assert_eq!(browser.login("mod@example.org", PASSWORD).status, 303);
    browser
}

/// A form time a few seconds in the past, as a person would take to type.
pub(crate) fn human_start() -> String {
    (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() - 30).to_string()
}

/// Posts a comment as a reader; returns the reply.
pub(crate) fn post_comment(
    browser: &mut Browser<'_>,
    article: &str,
    name: &str,
    body: &str,
) -> crate::support::Reply {
    browser.get(article);
    let started = human_start();
    browser.post(
        &format!("{article}/comments"),
        &[("name", name), ("email", ""), ("body", body), ("form_started", &started)],
    )
}

/// The comment id from a post's redirect.
pub(crate) fn posted_id(reply: &crate::support::Reply) -> i64 {
    let location = reply.location().expect("a redirect after posting");
    let id = location
        .split("posted=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .expect("the comment id");
    id.parse().unwrap()
}

/// The version of comment `id` that the queue `status` shows (decisions name it).
pub(crate) fn shown_version(moderator: &mut Browser<'_>, status: &str, id: i64) -> String {
    let queue = moderator.get(&format!("/moderation?status={status}"));
    let field = format!("name=\"version-{id}\" value=\"");
    let start = queue.body.find(&field).unwrap_or_else(|| panic!("comment {id} in {status}"));
    queue.body[start + field.len()..].chars().take_while(char::is_ascii_digit).collect()
}

pub(crate) fn approve(moderator: &mut Browser<'_>, id: i64) {
    let version = shown_version(moderator, "pending", id);
    let reply = moderator.post(
        "/moderation/decide",
        &[
            ("id", &id.to_string()),
            (&format!("version-{id}"), &version),
            ("action", "approve"),
            ("status", "pending"),
        ],
    );
    assert_eq!(reply.status, 303);
    assert!(reply.location().unwrap().contains("done=1"), "{:?}", reply.location());
}

#[test]
fn an_article_without_comments_invites_the_conversation_and_shows_the_rules() {
    let app = app();
    let page = app.page(EMPTY_ARTICLE);
    assert!(
        page.contains("Әзірге пікір жоқ. Талқылауды бастаңыз."),
        "the Kazakh article speaks Kazakh"
    );
    let english = app.page(ARTICLE);
    assert!(english.contains("No comments yet. Start the conversation."));
    for rule in [
        "Every comment is reviewed by a moderator before it appears.",
        "Submitting the same comment more than once may get it identified as spam.",
        "Treat others with respect.",
        "Comments containing hate speech, obscenity or personal attacks will not be approved.",
    ] {
        assert!(english.contains(rule), "the rules say: {rule}");
    }
    assert!(english.contains("<a href=\"/login\">Authors, please log in</a>"));
    assert!(
        english.contains("name=\"name\"")
            && english.contains("name=\"body\"")
            && english.contains("name=\"email\"")
    );
    let demo = app.page("/articles/printers-who-said-no");
    assert!(demo.contains("class=\"comment depth-1"), "the demo has a threaded reply");
}

#[test]
fn a_comment_awaits_moderation_visible_only_to_its_writer_then_everyone_sees_it() {
    let app = app();
    let mut reader = Browser::new(&app);
    let reply = post_comment(
        &mut reader,
        ARTICLE,
        "Dana",
        "Useful guide, *thank you*. Does the mirror work from Kyrgyzstan too?",
    );
    assert_eq!(reply.status, 303);
    assert!(reader.has_cookie("ashyq_commenter"));
    let id = posted_id(&reply);
    let own = reader.get(reply.location().unwrap());
    assert!(own.body.contains(&format!("id=\"comment-{id}\"")));
    assert!(own.body.contains("awaiting moderation"));
    assert!(own.body.contains("Your comment is awaiting moderation"));
    assert!(own.body.contains("<em>thank you</em>"));

    let stranger = app.page(ARTICLE);
    assert!(
        !stranger.contains(&format!("id=\"comment-{id}\"")),
        "others do not see a pending comment"
    );

    let mut moderator = moderator(&app);
    let queue = moderator.get("/moderation");
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Does the mirror work from Kyrgyzstan too?"));
    approve(&mut moderator, id);
    let public = app.page(ARTICLE);
    assert!(public.contains(&format!("id=\"comment-{id}\"")));
    assert!(!public.contains("awaiting moderation"));
    assert!(public.contains("Comments <span class=\"count\">(1)</span>"));
}

#[test]
fn rejected_and_spam_comments_are_kept_for_moderators_and_never_shown() {
    let app = app();
    let mut reader = Browser::new(&app);
    let id =
        posted_id(&post_comment(&mut reader, ARTICLE, "Troll", "You are all idiots and liars."));
    let mut moderator = moderator(&app);
    let reply = moderator.post(
        "/moderation/decide",
        &[
            ("id", &id.to_string()),
            (&format!("version-{id}"), "1"),
            ("action", "reject"),
            ("reason", "attack"),
            ("status", "pending"),
        ],
    );
    assert_eq!(reply.status, 303);
    let rejected = moderator.get("/moderation?status=rejected");
    assert!(rejected.body.contains(&format!("id=\"c{id}\"")), "nothing is lost");
    // The words that drove the flag are wrapped in <mark>; the text itself is all there.
    let unmarked = rejected.body.replace("<mark>", "").replace("</mark>", "");
    assert!(unmarked.contains("You are all idiots and liars."), "{}", rejected.body);
    assert!(!app.page(ARTICLE).contains(&format!("id=\"comment-{id}\"")));
    assert!(
        !reader.get(ARTICLE).body.contains(&format!("id=\"comment-{id}\"")),
        "not even to its writer once decided"
    );

    // Undo brings it back to pending.
    let log = moderator.get("/moderation/log");
    assert!(log.body.contains(&format!("#{id}: reject (pending → rejected)")));
    let start =
        log.body.find("name=\"action_id\" value=\"").unwrap() + "name=\"action_id\" value=\"".len();
    let action_id = &log.body[start..start + log.body[start..].find('"').unwrap()];
    let reply = moderator.post("/moderation/undo", &[("action_id", action_id)]);
    assert!(reply.location().unwrap().contains("notice=undone"));
    assert!(moderator.get("/moderation?status=pending").body.contains(&format!("id=\"c{id}\"")));
}

#[test]
fn a_near_repeat_after_a_restart_still_goes_to_spam() {
    // The recent comments the duplicate check compares with are kept in memory; after a restart
    // they must come back from the database. Not an exact repeat (that look-up is separate): the
    // same long text with one word changed.
    let data = tempfile::tempdir().unwrap();
    let text = "Friends, the best prices on phones and tablets in the whole city are at our shop \
                near the central market, open every day from nine to nine, with free delivery \
                and a warranty on every single item we sell";
    let first = {
        let app = TestApp::start_in(data.path(), &["--demo"]);
        let mut reader = Browser::new(&app);
        posted_id(&post_comment(&mut reader, ARTICLE, "Seller", text))
    };
    let app = TestApp::start_in(data.path(), &[]);
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);
    let mut reader = Browser::new(&app);
    let changed = text.replace("tablets", "laptops");
    let second = posted_id(&post_comment(&mut reader, ARTICLE, "Seller", &changed));
    let moderator = &mut moderator(&app);
    // A near repeat is flagged for the moderator (only exact repeats go to spam by themselves).
    let flagged = moderator.get("/moderation?status=pending&label=duplicate");
    assert!(flagged.body.contains(&format!("id=\"c{second}\"")), "the near repeat is flagged");
    assert!(!flagged.body.contains(&format!("id=\"c{first}\"")), "the first one is not");
    // A word that is no label of the screen's matches nothing, and stays in the box.
    let unknown = moderator.get("/moderation?status=pending&label=duplicated");
    assert_eq!(unknown.status, 200);
    assert!(!unknown.body.contains(&format!("id=\"c{second}\"")));
    assert!(unknown.body.contains("name=\"label\" value=\"duplicated\""));
}

#[test]
fn posting_the_same_comment_twice_sends_the_repeat_to_spam() {
    let app = app();
    let mut reader = Browser::new(&app);
    let body = "Great article, please visit my shop for cheap phones!";
    let first = posted_id(&post_comment(&mut reader, ARTICLE, "Seller", body));
    let second = posted_id(&post_comment(&mut reader, ARTICLE, "Seller", &body.to_uppercase()));
    assert_ne!(first, second);
    let moderator = &mut moderator(&app);
    let spam = moderator.get("/moderation?status=spam");
    assert!(spam.body.contains(&format!("id=\"c{second}\"")), "the repeat is in the spam view");
    assert!(spam.body.contains("duplicate"));
    let pending = moderator.get("/moderation?status=pending");
    assert!(pending.body.contains(&format!("id=\"c{first}\"")), "the first copy waits as usual");
    // The writer still sees both as awaiting moderation: nothing is refused.
    let own = reader.get(ARTICLE);
    assert!(own.body.contains(&format!("id=\"comment-{first}\"")));
}

#[test]
fn bad_input_is_refused_with_messages_and_the_form_keeps_what_was_typed() {
    let app = app();
    let mut reader = Browser::new(&app);
    reader.get(ARTICLE);
    let reply = reader.post(
        &format!("{ARTICLE}/comments"),
        &[("name", "  "), ("email", "nope"), ("body", "My <b>typed</b> words")],
    );
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("Please enter a name."));
    assert!(reply.body.contains("This does not look like an e-mail address."));
    assert!(
        reply.body.contains("My &#60;b&#62;typed&#60;/b&#62; words</textarea>"),
        "the text is kept, escaped"
    );
    let long = "x".repeat(5001);
    let reply = reader.post(&format!("{ARTICLE}/comments"), &[("name", "Long"), ("body", &long)]);
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("The comment is too long"));
    let reply = reader.post(&format!("{ARTICLE}/comments"), &[("name", "Empty"), ("body", "   ")]);
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("Please write a comment."));
    assert_eq!(
        reader.post("/articles/no-such-article/comments", &[("name", "x"), ("body", "y")]).status,
        404
    );
}

#[test]
fn replies_thread_under_approved_comments() {
    let app = app();
    let mut reader = Browser::new(&app);
    let parent =
        posted_id(&post_comment(&mut reader, ARTICLE, "First", "Which mirror is the fastest?"));
    let mut moderator = moderator(&app);
    approve(&mut moderator, parent);
    let form = reader.get(&format!("{ARTICLE}?reply_to={parent}"));
    assert!(form.body.contains("Reply to First"));
    assert!(form.body.contains(&format!("name=\"parent_id\" value=\"{parent}\"")));
    let started = human_start();
    let parent_text = parent.to_string();
    let reply = reader.post(
        &format!("{ARTICLE}/comments"),
        &[
            ("name", "Second"),
            ("body", "The one in the newsletter."),
            ("parent_id", &parent_text),
            ("form_started", &started),
        ],
    );
    let child = posted_id(&reply);
    approve(&mut moderator, child);
    let page = app.page(ARTICLE);
    let parent_at = page.find(&format!("id=\"comment-{parent}\"")).unwrap();
    let child_at = page.find(&format!("id=\"comment-{child}\"")).unwrap();
    assert!(parent_at < child_at);
    assert!(page.contains(&format!("class=\"comment depth-1\" id=\"comment-{child}\"")));
    // Replies to something not approved are refused with a message.
    let pending = posted_id(&post_comment(&mut reader, ARTICLE, "Third", "Still waiting."));
    let pending_text = pending.to_string();
    let reply = reader.post(
        &format!("{ARTICLE}/comments"),
        &[("name", "Fourth"), ("body", "Reply"), ("parent_id", &pending_text)],
    );
    assert_eq!(reply.status, 422);
}

#[test]
fn writers_edit_and_withdraw_their_own_pending_comments_and_nobody_else_can() {
    let app = app();
    let mut writer = Browser::new(&app);
    let id = posted_id(&post_comment(&mut writer, ARTICLE, "Ali", "Frist draft with a typo."));
    let edit = writer.get(&format!("/comments/{id}/edit"));
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains("Frist draft with a typo."));
    let reply = writer.post(
        &format!("/comments/{id}/edit"),
        &[("name", "Ali"), ("body", "First draft, corrected.")],
    );
    assert_eq!(reply.status, 303);
    assert!(writer.get(ARTICLE).body.contains("First draft, corrected."));

    let mut other = Browser::new(&app);
    other.get(ARTICLE);
    assert_eq!(other.get(&format!("/comments/{id}/edit")).status, 404);
    assert_eq!(
        other.post(&format!("/comments/{id}/edit"), &[("name", "X"), ("body", "hijacked")]).status,
        404
    );
    assert_eq!(other.post(&format!("/comments/{id}/withdraw"), &[]).status, 404);

    assert_eq!(writer.post(&format!("/comments/{id}/withdraw"), &[]).status, 303);
    assert!(!writer.get(ARTICLE).body.contains("First draft, corrected."));
    // Once a moderator has acted, the writer can no longer change it.
    let second = posted_id(&post_comment(&mut writer, ARTICLE, "Ali", "Another one."));
    approve(&mut moderator(&app), second);
    assert_eq!(writer.get(&format!("/comments/{second}/edit")).status, 404);
}

#[test]
fn staff_comment_under_their_account_with_a_badge() {
    let app = app();
    let mut editor = Browser::new(&app);
    editor.login("editor@example.org", PASSWORD);
    let page = editor.get(ARTICLE);
    assert!(page.body.contains("You are commenting as Erlan Editor."));
    assert!(!page.body.contains("Authors, please log in"));
    let started = human_start();
    let id = posted_id(&editor.post(
        &format!("{ARTICLE}/comments"),
        &[("body", "We will add a Kyrgyz mirror soon."), ("form_started", &started)],
    ));
    approve(&mut editor, id);
    let public = app.page(ARTICLE);
    assert!(public.contains("<span class=\"comment-author\" id=\"comment-"));
    assert!(public.contains("Erlan Editor</span> <span class=\"badge\">Newsroom</span>"));
}
