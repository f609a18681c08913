//! Readers' comments over HTTP: the pre-moderated flow, the published rules, errors, duplicates,
//! threading, edits, bans, rate limits, hostile input, and durability across a killed server.

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

#[test]
fn honeypot_and_instant_posts_are_flagged_not_refused() {
    let app = app();
    let mut bot = Browser::new(&app);
    bot.get(ARTICLE);
    let reply = bot.post(
        &format!("{ARTICLE}/comments"),
        &[("name", "Bot"), ("body", "Nice post"), ("website", "http://spam.example")],
    );
    assert_eq!(reply.status, 303, "acknowledged like any other");
    let id = posted_id(&reply);
    let queue = moderator(&app).get("/moderation");
    let item_start = queue.body.find(&format!("id=\"c{id}\"")).unwrap();
    let item = &queue.body[item_start..];
    let item = &item[..item.find("</li>\n<li").unwrap_or(item.len())];
    assert!(item.contains("honeypot") && item.contains("too-fast"), "{item}");
}

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
fn every_hostile_string_is_stored_and_shown_escaped_never_a_server_error() {
    let Ok(list) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bad-input/blns.json"
    )) else {
        eprintln!("../shared/bad-input not present; skipping");
        return;
    };
    let strings: Vec<String> = serde_json_lite(&list);
    assert!(strings.len() > 400, "parsed {} strings", strings.len());
    let app = app();
    let mut reader = Browser::new(&app);
    let before = reader.get(ARTICLE).body;
    let started = human_start();
    let (mut stored, mut refused) = (0, 0);
    for text in &strings {
        let reply = reader.post(
            &format!("{ARTICLE}/comments"),
            &[("name", text), ("body", text), ("form_started", &started)],
        );
        assert!(reply.status < 500, "{text:?} gave {}", reply.status);
        match reply.status {
            303 => stored += 1,
            422 => refused += 1,
            other => panic!("{text:?} gave {other}"),
        }
    }
    assert!(stored > 300, "stored {stored}, refused {refused}");
    let page = reader.get(ARTICLE);
    assert_eq!(page.status, 200);
    assert_eq!(tags_with_handlers(&page.body), 0, "an event handler attribute reached the page");
    let identicons = page.body.matches("<svg class=\"identicon\"").count();
    assert_eq!(page.body.matches("<svg").count(), identicons, "only our own identicons are SVG");
    for forbidden in ["<script", "<img", "<iframe", "<object", "<a href=\"javascript"] {
        assert_eq!(
            page.body.matches(forbidden).count(),
            before.matches(forbidden).count(),
            "{forbidden} reached the page through a comment"
        );
    }
    // A writer sees their newest 20 undecided comments (the rest wait in the queue).
    assert!(
        page.body.matches("awaiting moderation").count() >= 20,
        "the newest stored strings are shown to their writer"
    );
    assert!(moderator(&app).get("/moderation").status == 200, "the queue renders them all");
}

/// How many real tags carry an `on…=` event-handler attribute (escaped text does not count).
fn tags_with_handlers(html: &str) -> usize {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter(|tag| {
            let found = tag.split_whitespace().skip(1).any(|attribute| {
                attribute.split_once('=').is_some_and(|(name, _)| {
                    let name = name.to_ascii_lowercase();
                    name.len() > 2
                        && name.starts_with("on")
                        && name.chars().all(|c| c.is_ascii_alphabetic())
                })
            });
            if found {
                eprintln!("tag with a handler: <{tag}>");
            }
            found
        })
        .count()
}

/// Reads a JSON array of strings (the BLNS file) without a JSON dependency in the tests.
fn serde_json_lite(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => value.push('\r'),
                    Some('b') => value.push('\u{8}'),
                    Some('f') => value.push('\u{c}'),
                    Some('u') => {
                        let code: String = chars.by_ref().take(4).collect();
                        let unit = u32::from_str_radix(&code, 16).unwrap_or(0xfffd);
                        if (0xd800..0xdc00).contains(&unit) {
                            let _ = chars.next();
                            let _ = chars.next();
                            let low: String = chars.by_ref().take(4).collect();
                            let low = u32::from_str_radix(&low, 16).unwrap_or(0xdc00);
                            let combined = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                            value.push(char::from_u32(combined).unwrap_or('\u{fffd}'));
                        } else {
                            value.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
                        }
                    }
                    Some(other) => value.push(other),
                    None => break,
                },
                other => value.push(other),
            }
        }
        out.push(value);
    }
    out
}

#[test]
fn too_many_comments_from_one_address_get_429_with_a_clear_message() {
    let app = {
        let data = tempfile::tempdir().unwrap();
        let app = TestApp::start_in(data.path(), &["--demo", "--strict-limits"]);
        (app, data)
    };
    let mut reader = Browser::new(&app.0);
    for index in 0..10 {
        let reply = post_comment(
            &mut reader,
            ARTICLE,
            "Busy",
            &format!("Comment number {index} with its own words"),
        );
        assert_eq!(reply.status, 303, "comment {index}");
    }
    let reply = post_comment(&mut reader, ARTICLE, "Busy", "One more, kept for later");
    assert_eq!(reply.status, 429);
    assert!(reply.header("retry-after").is_some());
    assert!(reply.body.contains("Many comments have come from your connection"));
    // Nothing the commenter wrote is lost: the article comes back with the form as sent.
    assert!(reply.body.contains("One more, kept for later"), "the text is kept");
    assert!(reply.body.contains("value=\"Busy\""), "so is the name");
}

#[test]
fn every_acknowledged_comment_survives_a_killed_server() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    let data = tempfile::tempdir().unwrap();
    let app = TestApp::start_in(data.path(), &["--demo"]);
    let acknowledged: Arc<Mutex<Vec<(usize, i64)>>> = Arc::default();
    let attempts = Arc::new(AtomicUsize::new(0));
    let cookies: Arc<Mutex<Vec<Option<String>>>> = Arc::new(Mutex::new(vec![None; 4]));
    std::thread::scope(|scope| {
        for writer in 0..4 {
            let acknowledged = Arc::clone(&acknowledged);
            let attempts = Arc::clone(&attempts);
            let cookies = Arc::clone(&cookies);
            let app = &app;
            scope.spawn(move || {
                let mut browser = Browser::new(app);
                browser.get(ARTICLE);
                for index in 0..60 {
                    attempts.fetch_add(1, Ordering::SeqCst);
                    let started = human_start();
                    let body = format!("Writer {writer} says thing {index} about the mirrors");
                    let Ok(reply) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        browser.post(
                            &format!("{ARTICLE}/comments"),
                            &[("name", "Durable"), ("body", &body), ("form_started", &started)],
                        )
                    })) else {
                        break; // the server is gone
                    };
                    if reply.status == 303 {
                        acknowledged.lock().unwrap().push((writer, posted_id(&reply)));
                        cookies.lock().unwrap()[writer] = browser.cookie("ashyq_commenter");
                    }
                }
            });
        }
        // Kill the server in the middle of the load.
        while attempts.load(Ordering::SeqCst) < 80 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        app.kill();
    });
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 40,
        "only {} comments were acknowledged before the kill",
        acknowledged.len()
    );

    // After a restart, every acknowledged comment is in the moderation queue (the writers' own
    // pages show only their newest 20, so the queue is the complete check).
    let app = TestApp::start_in(data.path(), &[]);
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);
    let mut moderator = Browser::new(&app);
    assert_eq!(moderator.login("mod@example.org", PASSWORD).status, 303);
    let page = moderator.post("/account/tokens", &[("label", "durability check")]);
    let start = page.body.find("id=\"new-token\">").unwrap() + "id=\"new-token\">".len();
    let token = &page.body[start..start + page.body[start..].find('<').unwrap()];
    let agent: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let listed = agent
        .get(format!("{}/api/v1/moderation/comments?status=pending&limit=1000", app.base))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    for (_, id) in &acknowledged {
        assert!(listed.contains(&format!("\"id\":{id},")), "acknowledged comment {id} was lost");
    }
    // And a writer still sees their newest ones on the page.
    let (writer, cookie) = cookies
        .lock()
        .unwrap()
        .iter()
        .enumerate()
        .find_map(|(writer, cookie)| cookie.clone().map(|c| (writer, c)))
        .unwrap();
    let mut browser = Browser::new(&app);
    browser.set_cookie("ashyq_commenter", &cookie);
    let newest =
        acknowledged.iter().filter(|(owner, _)| *owner == writer).map(|(_, id)| *id).max().unwrap();
    assert!(browser.get(ARTICLE).body.contains(&format!("id=\"comment-{newest}\"")));
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
