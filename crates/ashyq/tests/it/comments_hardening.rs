//! Readers' comments under abuse and failure: honeypot and instant posts flagged, every hostile string
//! stored and shown escaped, too many comments from one address answered 429, and every acknowledged
//! comment surviving a killed server.

use crate::comments::{ARTICLE, PASSWORD, app, human_start, moderator, post_comment, posted_id};
use crate::support::{Browser, TestApp};

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

/// An IPv6 client is usually given a whole /64: the comment limit, bans and the duplicate lists key
/// it by that prefix, so taking a fresh address per comment does not escape them.
#[test]
fn fresh_ipv6_addresses_of_one_prefix_share_the_comment_limit() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::start_with_env(
        data.path(),
        &["--demo", "--strict-limits"],
        &[("ASHYQ_TRUSTED_PROXIES", "127.0.0.1/32, ::1")],
    );
    let post = |client: &str, body: &str| {
        crate::limits::post(
            &app,
            &format!("{ARTICLE}/comments"),
            &[("name", "Prefix"), ("body", body), ("form_started", &human_start())],
            Some(client),
        )
    };
    for index in 1..=10 {
        let reply =
            post(&format!("2001:db8:7:7::{index:x}"), &format!("Words number {index} here"));
        assert_eq!(reply.status, 303, "comment {index}");
    }
    let reply = post("2001:db8:7:7:ffff:ffff:ffff:ffff", "The eleventh, from a new address");
    assert_eq!(reply.status, 429, "same /64, same limit");
    let reply = post("2001:db8:7:8::1", "From the neighbouring prefix");
    assert_eq!(reply.status, 303, "another /64 is another client");
}
