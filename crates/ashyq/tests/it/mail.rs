//! Mail, against a small SMTP server in the test: moderators hear of new comments and decide with a
//! signed one-click link; commenters hear of approved replies; password links go by mail.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support::{Browser, TestApp};

const PASSWORD: &str = "steppe wind over the river";
const ARTICLE: &str = "/articles/reading-us-when-blocked";

/// Messages received: (recipients, decoded text).
pub(crate) type Inbox = Arc<Mutex<Vec<(String, String)>>>;

/// Accepts SMTP sessions and keeps each message's recipients and decoded text.
pub(crate) fn fake_smtp() -> (u16, Inbox) {
    fake_smtp_greeting_after(Duration::ZERO)
}

/// A mail server that greets each connection only after `delay` (a slow relay).
pub(crate) fn fake_smtp_greeting_after(delay: Duration) -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let messages: Inbox = Arc::default();
    let store = Arc::clone(&messages);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                std::thread::sleep(delay);
                let _ = stream.write_all(b"220 test ESMTP\r\n");
                let (mut recipients, mut line) = (String::new(), String::new());
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let command = line.to_ascii_uppercase();
                    if command.starts_with("EHLO") || command.starts_with("HELO") {
                        let _ = stream.write_all(b"250-test\r\n250 8BITMIME\r\n");
                    } else if command.starts_with("RCPT TO") {
                        recipients.push_str(line.trim());
                        let _ = stream.write_all(b"250 OK\r\n");
                    } else if command.starts_with("DATA") {
                        let _ = stream.write_all(b"354 go on\r\n");
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                                break;
                            }
                            data.push_str(&line);
                        }
                        store.lock().unwrap().push((
                            std::mem::take(&mut recipients),
                            decode_quoted_printable(&data),
                        ));
                        let _ = stream.write_all(b"250 queued\r\n");
                    } else if command.starts_with("QUIT") {
                        let _ = stream.write_all(b"221 bye\r\n");
                        return;
                    } else {
                        let _ = stream.write_all(b"250 OK\r\n");
                    }
                }
            });
        }
    });
    (port, messages)
}

/// Undoes quoted-printable soft line breaks and `=XX` escapes (lettre uses them for long lines).
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'='
            && index + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&joined[index + 1..index + 3], 16)
        {
            out.push(byte);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn wait_for_mail(messages: &Inbox, to: &str, containing: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some((_, text)) = messages
            .lock()
            .unwrap()
            .iter()
            .find(|(recipients, text)| recipients.contains(to) && text.contains(containing))
        {
            return text.clone();
        }
        assert!(Instant::now() < deadline, "no mail to {to} containing {containing:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn started() -> String {
    (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() - 30).to_string()
}

#[test]
fn moderators_are_mailed_one_click_links_and_commenters_hear_of_replies() {
    let (port, messages) = fake_smtp();
    let data = tempfile::tempdir().unwrap();
    let port = port.to_string();
    let app = TestApp::start_with_env(
        data.path(),
        &["--demo"],
        &[
            ("ASHYQ_SMTP_HOST", "127.0.0.1"),
            ("ASHYQ_SMTP_PORT", &port),
            ("ASHYQ_MAIL_FROM", "ashyq <news@example.org>"),
        ],
    );
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);

    let mut first = Browser::new(&app);
    first.get(ARTICLE);
    let time = started();
    let reply = first.post(
        &format!("{ARTICLE}/comments"),
        &[
            ("name", "Asel"),
            ("email", "asel@example.org"),
            ("notify", "1"),
            ("body", "Which mirror works best in Aktobe?"),
            ("form_started", &time),
        ],
    );
    assert_eq!(reply.status, 303);
    // Asking for reply notices first brings a fixed confirmation mail, nothing the writer typed.
    let confirm = wait_for_mail(&messages, "asel@example.org", "/comments/confirm?token=");
    assert!(!confirm.contains("Aktobe") && !confirm.contains("Asel"), "{confirm}");

    // The moderator's mail carries a signed link; it opens a page with one button.
    let mail = wait_for_mail(&messages, "mod@example.org", "Which mirror works best in Aktobe?");
    let start = mail.find("/moderation/quick?").expect("an approve link");
    let link: String = mail[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    assert!(link.contains("action=approve"), "{link}");
    let mut from_mail = Browser::new(&app);
    let page = from_mail.get(&link);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Which mirror works best in Aktobe?"));
    assert!(
        !app.page(ARTICLE).contains("Which mirror works best"),
        "opening the link decides nothing"
    );
    let tampered = from_mail.get(&link.replace("action=approve", "action=reject"));
    assert_eq!(tampered.status, 403, "the signature covers the action");
    let query = &link[link.find('?').unwrap() + 1..];
    let fields: Vec<(&str, &str)> =
        query.split('&').filter_map(|pair| pair.split_once('=')).collect();
    // The same link followed ten times at once (a mail client retrying, a forwarded mail) acts
    // once (issue 9, item 11).
    let mut clicks: Vec<Browser<'_>> = (0..10).map(|_| Browser::new(&app)).collect();
    for click in &mut clicks {
        assert_eq!(click.get(&link).status, 200);
    }
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let runs: Vec<_> = clicks
            .iter_mut()
            .map(|click| scope.spawn(|| click.post("/moderation/quick", &fields).status))
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|status| **status == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|status| [200, 409].contains(status)), "{statuses:?}");
    assert!(
        app.page(ARTICLE).contains("Which mirror works best in Aktobe?"),
        "approved without logging in"
    );
    // The link acted once (issue 9, item 11): neither the page nor the button works again.
    let again = from_mail.post("/moderation/quick", &fields);
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("already been used"), "{}", again.body);
    assert_eq!(from_mail.get(&link).status, 409);

    // A reply, once approved, is announced to the first commenter, who left an address.
    let first_id = reply
        .location()
        .unwrap()
        .split("posted=")
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    let mut second = Browser::new(&app);
    second.get(ARTICLE);
    let answer = second.post(
        &format!("{ARTICLE}/comments"),
        &[
            ("name", "Dias"),
            ("body", "The Telegram one, in my experience."),
            ("parent_id", &first_id),
            ("form_started", &time),
        ],
    );
    let answer_id = answer
        .location()
        .unwrap()
        .split("posted=")
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    let mut moderator = Browser::new(&app);
    moderator.login("mod@example.org", PASSWORD);
    let approve = |moderator: &mut Browser<'_>, id: &str| {
        let reply = moderator.post(
            "/moderation/decide",
            &[("id", id), (&format!("version-{id}"), "1"), ("action", "approve")],
        );
        assert_eq!(reply.status, 303);
    };
    approve(&mut moderator, &answer_id);

    // Nothing but the confirmation goes to an address until its owner confirms (issue 9, item 20).
    let start = confirm.find("/comments/confirm?token=").unwrap();
    let confirm_link: String =
        confirm[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    let token = confirm_link.split("token=").nth(1).unwrap().to_owned();
    let mut owner = Browser::new(&app);
    let page = owner.get(&confirm_link);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("name=\"token\""), "a button, not a link that acts");
    assert_eq!(owner.post("/comments/confirm", &[("token", &token)]).status, 200);
    assert_eq!(owner.post("/comments/confirm", &[("token", &token)]).status, 404, "used up");
    let second = second.post(
        &format!("{ARTICLE}/comments"),
        &[
            ("name", "Dias"),
            ("body", "Or the onion address, which never changed."),
            ("parent_id", &first_id),
            ("form_started", &time),
        ],
    );
    let second_id = second.location().unwrap().split("posted=").nth(1).unwrap();
    let second_id = second_id.split('#').next().unwrap().to_owned();
    approve(&mut moderator, &second_id);
    let notice = wait_for_mail(&messages, "asel@example.org", "Dias replied to your comment");
    assert!(notice.contains(&format!("#comment-{second_id}")));
    assert!(
        !messages
            .lock()
            .unwrap()
            .iter()
            .any(|(_, text)| text.contains(&format!("#comment-{answer_id}"))),
        "the reply approved before the address was confirmed was not announced"
    );

    // Password links go by mail rather than to the log.
    let mut forgetful = Browser::new(&app);
    forgetful.get("/password/reset");
    forgetful.post("/password/reset", &[("email", "mod@example.org")]);
    let reset = wait_for_mail(&messages, "mod@example.org", "/password/set?token=");
    assert!(reset.contains("within an hour"));
}

#[test]
fn confirmation_mails_to_one_address_are_limited_even_in_a_burst_issue_9_20() {
    let (port, messages) = fake_smtp();
    let data = tempfile::tempdir().unwrap();
    let port = port.to_string();
    let app = TestApp::start_with_env(
        data.path(),
        &["--demo"],
        &[
            ("ASHYQ_SMTP_HOST", "127.0.0.1"),
            ("ASHYQ_SMTP_PORT", &port),
            ("ASHYQ_MAIL_FROM", "ashyq <news@example.org>"),
        ],
    );
    let time = started();
    let mut senders: Vec<Browser<'_>> = (0..10).map(|_| Browser::new(&app)).collect();
    for sender in &mut senders {
        sender.get(ARTICLE);
    }
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let runs: Vec<_> = senders
            .iter_mut()
            .enumerate()
            .map(|(number, sender)| {
                let body = format!("Comment number {number} about the mirrors and bridges.");
                let time = &time;
                scope.spawn(move || {
                    let fields = [
                        ("name", "Someone"),
                        ("email", "stranger@example.org"),
                        ("notify", "1"),
                        ("body", body.as_str()),
                        ("form_started", time.as_str()),
                    ];
                    let reply = sender.post(&format!("{ARTICLE}/comments"), &fields);
                    if reply.status == 422 {
                        assert!(reply.body.contains("several confirmation links today"));
                    }
                    reply.status
                })
            })
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|status| **status == 303).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|status| **status == 422).count(), 7, "{statuses:?}");
    let deadline = Instant::now() + Duration::from_secs(15);
    let to_stranger = || {
        messages
            .lock()
            .unwrap()
            .iter()
            .filter(|(to, _)| to.contains("stranger@example.org"))
            .count()
    };
    while to_stranger() < 3 {
        assert!(Instant::now() < deadline, "three confirmation mails arrive");
        std::thread::sleep(Duration::from_millis(50));
    }
    // An address given without asking for notices is neither kept nor mailed.
    let mut quiet = Browser::new(&app);
    quiet.get(ARTICLE);
    let fields = [
        ("name", "Quiet"),
        ("email", "quiet@example.org"),
        ("body", "No notices for me, thanks."),
        ("form_started", time.as_str()),
    ];
    assert_eq!(quiet.post(&format!("{ARTICLE}/comments"), &fields).status, 303);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(to_stranger(), 3, "and nothing more");
    assert!(!messages.lock().unwrap().iter().any(|(to, _)| to.contains("quiet@example.org")));
}

/// A confirmation link asked for just before the server is told to stop still leaves: the stopping
/// server waits for the mails it is still sending (here through a relay that takes a second and a
/// half to answer). Before, the process ended with the mail unsent and the commenter never got
/// their link, though the link counted against their three a day.
#[test]
fn a_mail_asked_for_just_before_the_server_stops_still_leaves() {
    let (port, messages) = fake_smtp_greeting_after(Duration::from_millis(1500));
    let data = tempfile::tempdir().unwrap();
    let port = port.to_string();
    let app = TestApp::start_with_env(
        data.path(),
        &["--demo"],
        &[
            ("ASHYQ_SMTP_HOST", "127.0.0.1"),
            ("ASHYQ_SMTP_PORT", &port),
            ("ASHYQ_MAIL_FROM", "ashyq <news@example.org>"),
        ],
    );
    let mut reader = Browser::new(&app);
    reader.get(ARTICLE);
    let time = started();
    let fields = [
        ("name", "Late"),
        ("email", "late@example.org"),
        ("notify", "1"),
        ("body", "Will the archive stay up during the maintenance tonight?"),
        ("form_started", time.as_str()),
    ];
    assert_eq!(reader.post(&format!("{ARTICLE}/comments"), &fields).status, 303);
    let stopped = std::process::Command::new("kill")
        .args(["-TERM", &app.pid().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let status = app.wait_for_exit(Duration::from_secs(20));
    assert!(status.success(), "the server stopped cleanly: {status:?}");
    let sent =
        messages.lock().unwrap().iter().filter(|(to, _)| to.contains("late@example.org")).count();
    assert_eq!(sent, 1, "the confirmation mail left before the process ended");
}
