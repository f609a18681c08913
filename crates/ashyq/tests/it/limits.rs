//! Limits under attack (issue 9): concurrent bursts of wrong passwords and bogus password links,
//! the per-(account, address) and per-account login limits, the client address behind a trusted
//! proxy, the reset form's timing, `next` after login and `Secure` cookies over plain HTTP.

use std::collections::BTreeMap;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use crate::support::{Browser, Reply, TestApp, encode};

pub(crate) const PASSWORD: &str = "steppe wind over the river";
/// Any well-formed token works as a CSRF cookie, as long as the form carries the same one.
const CSRF: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// A server with the demo and two people; `trusted_proxy` makes 127.0.0.1 a trusted proxy, so
/// tests can pose as many clients with `X-Forwarded-For`.
fn app(trusted_proxy: bool) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let env: &[(&str, &str)] =
        if trusted_proxy { &[("ASHYQ_TRUSTED_PROXIES", "127.0.0.1/32, ::1")] } else { &[] };
    let mut app = TestApp::start_with_env(data.path(), &["--demo"], env);
    app.own_data(data);
    app.add_user("owner@example.org", "Olzhas Owner", "editor", PASSWORD);
    app.add_user("admin@example.org", "Asel Admin", "admin", PASSWORD);
    app
}

/// Posts a form with the CSRF pair, from `client` (an `X-Forwarded-For` value) if given.
pub(crate) fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    client: Option<&str>,
) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let body = fields
        .iter()
        .chain([&("csrf_token", CSRF)])
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = agent
        .post(format!("{}{path}", app.base))
        .header("cookie", &format!("ashyq_csrf={CSRF}"))
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(client) = client {
        request = request.header("x-forwarded-for", client);
    }
    let mut response = request.send(body.as_bytes()).unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Reply { status, headers, body }
}

pub(crate) fn login(app: &TestApp, email: &str, password: &str, client: Option<&str>) -> Reply {
    post(app, "/login", &[("email", email), ("password", password), ("next", "/admin")], client)
}

/// Runs `requests` at the same moment on as many threads; returns each reply.
pub(crate) fn burst(requests: usize, request: impl Fn(usize) -> Reply + Sync) -> Vec<Reply> {
    let barrier = Barrier::new(requests);
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..requests)
            .map(|index| {
                let (barrier, request) = (&barrier, &request);
                scope.spawn(move || {
                    barrier.wait();
                    request(index)
                })
            })
            .collect();
        threads.into_iter().map(|thread| thread.join().unwrap()).collect()
    })
}

pub(crate) fn statuses(replies: &[Reply]) -> BTreeMap<u16, usize> {
    let mut counts = BTreeMap::new();
    for reply in replies {
        *counts.entry(reply.status).or_default() += 1;
    }
    counts
}

pub(crate) fn retry_after(reply: &Reply) -> u64 {
    reply
        .header("retry-after")
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("{} without Retry-After", reply.status))
}

#[test]
fn a_burst_of_wrong_passwords_for_one_account_gets_five_401_and_then_429_issue9() {
    let app = app(false);
    let replies = burst(150, |_| login(&app, "owner@example.org", "a wrong guess at it", None));
    let counts = statuses(&replies);
    assert_eq!(counts.get(&401), Some(&5), "{counts:?}: five failures per (account, address)");
    assert_eq!(counts.get(&429), Some(&145), "{counts:?}");
    for reply in replies.iter().filter(|reply| reply.status == 429) {
        assert!(retry_after(reply) >= 1);
        assert!(reply.header("set-cookie").is_none_or(|cookie| !cookie.contains("ashyq_session")));
    }
    let after = login(&app, "owner@example.org", PASSWORD, None);
    assert_eq!(after.status, 429, "the right password waits too from this address");
}

#[test]
fn a_stranger_cannot_lock_the_owner_out_of_their_usual_address_issue9() {
    let app = app(true);
    let home = "198.51.100.10";
    assert_eq!(login(&app, "owner@example.org", PASSWORD, Some(home)).status, 303);

    // Ten strangers, five wrong passwords each: every one hits its own (account, address) limit,
    // and together they hit the account's loose limit (50).
    for stranger in 0..10 {
        let address = format!("203.0.113.{stranger}");
        for _ in 0..5 {
            assert_eq!(login(&app, "owner@example.org", "guess", Some(&address)).status, 401);
        }
        let locked = login(&app, "owner@example.org", "guess", Some(&address));
        assert_eq!(locked.status, 429, "stranger {stranger}: six in a row from one address");
        assert!(retry_after(&locked) >= 1);
    }
    let newcomer = login(&app, "owner@example.org", PASSWORD, Some("192.0.2.99"));
    assert_eq!(newcomer.status, 429, "the account's loose limit holds for unknown addresses");
    let owner = login(&app, "owner@example.org", PASSWORD, Some(home));
    assert_eq!(owner.status, 303, "the owner still logs in from their usual address");
    assert_eq!(
        login(&app, "admin@example.org", PASSWORD, Some("203.0.113.0")).status,
        303,
        "another account is not affected"
    );
}

#[test]
fn forwarded_addresses_count_only_from_a_trusted_proxy_issue9() {
    // No trusted proxies (the default): a client cannot escape its limit by naming other addresses.
    let app = app(false);
    for attempt in 0..5 {
        let spoofed = format!("192.0.2.{attempt}");
        assert_eq!(login(&app, "owner@example.org", "guess", Some(&spoofed)).status, 401);
    }
    assert_eq!(login(&app, "owner@example.org", PASSWORD, Some("192.0.2.200")).status, 429);

    // Behind a trusted proxy, each forwarded client has its own limit.
    let app = self::app(true);
    for _ in 0..5 {
        assert_eq!(login(&app, "owner@example.org", "guess", Some("192.0.2.1")).status, 401);
    }
    assert_eq!(login(&app, "owner@example.org", PASSWORD, Some("192.0.2.1")).status, 429);
    // The client's own additions on the left do not change its key; the proxy's hop on the right
    // does.
    assert_eq!(
        login(&app, "owner@example.org", PASSWORD, Some("192.0.2.77, 192.0.2.1")).status,
        429
    );
    assert_eq!(
        login(&app, "owner@example.org", PASSWORD, Some("192.0.2.1, 192.0.2.2")).status,
        303
    );
}

/// Peak resident memory of the server so far, in MiB (Linux).
fn peak_rss_mib(app: &TestApp) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", app.pid())).unwrap();
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() / 1024
}

#[test]
fn bursts_of_bogus_links_and_wrong_logins_stay_within_memory_issue9() {
    let app = app(true);
    // 150 bogus password links from 150 addresses: each is refused on the link, never hashed.
    let replies = burst(150, |index| {
        let client = format!("10.1.{}.{}", index / 200, index % 200 + 1);
        let token = format!("{index:064x}");
        post(
            &app,
            "/password/set",
            &[("token", &token), ("password", "a long enough new password")],
            Some(&client),
        )
    });
    assert_eq!(statuses(&replies), BTreeMap::from([(410, 150)]));
    // 150 wrong logins from 150 addresses: Argon2 runs on a few workers with a short queue; the
    // rest are told to come back.
    let replies = burst(150, |index| {
        let client = format!("10.2.{}.{}", index / 200, index % 200 + 1);
        login(&app, &format!("person{index}@example.org"), "wrong password", Some(&client))
    });
    let counts = statuses(&replies);
    assert!(counts.keys().all(|status| [401, 503].contains(status)), "{counts:?}");
    assert!(counts.get(&401).is_some_and(|n| *n >= 1), "{counts:?}: some were checked");
    for reply in replies.iter().filter(|reply| reply.status == 503) {
        assert!(retry_after(reply) >= 1);
        assert!(reply.body.contains("checking many passwords"), "{}", reply.body);
    }
    let peak = peak_rss_mib(&app);
    eprintln!("bursts: logins {counts:?}, server peak RSS {peak} MiB");
    assert!(peak < 300, "peak RSS {peak} MiB");
}

#[test]
fn password_links_are_limited_per_address_and_checked_before_the_password_issue9() {
    let app = app(false);
    // A bogus link with a too-short password: the link is what is wrong.
    let reply = post(&app, "/password/set", &[("token", &"f".repeat(64)), ("password", "x")], None);
    assert_eq!(reply.status, 410);
    assert!(reply.body.contains("link"), "{}", reply.body);
    let replies = burst(30, |_| {
        post(&app, "/password/set", &[("token", &"e".repeat(64)), ("password", "x")], None)
    });
    let counts = statuses(&replies);
    assert_eq!(counts, BTreeMap::from([(410, 9), (429, 21)]), "ten per address, the first above");
    let reset = post(&app, "/password/reset", &[("email", "owner@example.org")], None);
    assert_eq!(reset.status, 429, "set and reset share the per-address limit");
    assert!(retry_after(&reset) >= 1);
}

/// Set-password links created at or after `since` (Unix seconds), read from the database file.
fn links_since(runtime: &tokio::runtime::Runtime, database: &std::path::Path, since: i64) -> i64 {
    runtime.block_on(async {
        use sqlx::Connection as _;
        let mut connection =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
                .await
                .unwrap();
        sqlx::query_scalar("SELECT count(*) FROM one_time_tokens WHERE created_at >= ?")
            .bind(since)
            .fetch_one(&mut connection)
            .await
            .unwrap()
    })
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[test]
fn a_reset_for_a_real_account_answers_before_its_link_is_written_issue9() {
    let app = app(true);
    let database = app.data.join("ashyq.db");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    // Time both paths, 50 requests each, from distinct addresses (the form is limited per address).
    let mut times = BTreeMap::new();
    for (kind, email) in [("known", "owner@example.org"), ("unknown", "ghost@example.org")] {
        let mut elapsed: Vec<f64> = (0..50)
            .map(|index| {
                let client = format!("10.3.{}.{index}", kind.len());
                let started = Instant::now();
                let reply = post(&app, "/password/reset", &[("email", email)], Some(&client));
                assert_eq!(reply.status, 200);
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        elapsed.sort_by(f64::total_cmp);
        times.insert(kind, (elapsed[25], elapsed[49]));
    }
    eprintln!("reset answer times (median, max ms): {times:?}");

    // Make writing a link slow: a trigger on `one_time_tokens` counts tens of millions of rows
    // first. (Holding the database's write lock no longer tells the two apart: every post to the
    // form counts in the shared per-address limit, a write, before it answers, for known and
    // unknown addresses alike.) A handler that wrote the link before answering would answer late;
    // this one answers, and the link is written afterwards.
    let slow_write = runtime.block_on(async {
        use sqlx::Connection as _;
        let mut connection =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
                .await
                .unwrap();
        for statement in [
            "CREATE TABLE slow_link (x INTEGER)",
            "INSERT INTO slow_link WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n \
             WHERE x < 9000) SELECT x FROM n",
            "CREATE TRIGGER slow_link_write BEFORE INSERT ON one_time_tokens BEGIN \
             SELECT count(*) FROM slow_link a, slow_link b; END",
        ] {
            sqlx::query(statement).execute(&mut connection).await.unwrap();
        }
        let started = Instant::now();
        sqlx::query("SELECT count(*) FROM slow_link a, slow_link b")
            .execute(&mut connection)
            .await
            .unwrap();
        connection.close().await.unwrap();
        started.elapsed()
    });
    eprintln!("the slowed link write takes {slow_write:?}");
    std::thread::sleep(Duration::from_millis(1100));
    let since = unix_now();
    let started = Instant::now();
    let reply = post(&app, "/password/reset", &[("email", "owner@example.org")], Some("10.4.0.1"));
    let answered = started.elapsed();
    assert_eq!(reply.status, 200);
    assert_eq!(links_since(&runtime, &database, since), 0, "the answer came before the link");
    assert!(answered < slow_write, "the answer waited for the write: {answered:?}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while links_since(&runtime, &database, since) < 1 {
        assert!(Instant::now() < deadline, "the link was not written in the background");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn login_refuses_a_next_that_leads_off_site_issue9() {
    let app = app(false);
    for next in ["/\t/evil.example", "/ /evil", "/\\evil", "//evil.example/", "/admin\r\nX-A: b"] {
        let reply = post(
            &app,
            "/login",
            &[("email", "owner@example.org"), ("password", PASSWORD), ("next", next)],
            None,
        );
        assert_eq!(reply.status, 400, "{next:?}");
        assert!(
            reply.header("set-cookie").is_none_or(|cookie| !cookie.contains("ashyq_session")),
            "{next:?}: no session for a refused login"
        );
    }
    let reply = post(
        &app,
        "/login",
        &[("email", "owner@example.org"), ("password", PASSWORD), ("next", "/account?tab=1")],
        None,
    );
    assert_eq!(reply.location(), Some("/account?tab=1"));
}

#[test]
fn cookies_follow_the_public_address_and_a_dropped_cookie_is_explained_issue9() {
    let data = tempfile::tempdir().unwrap();
    let plain = TestApp::start_with_env(
        data.path(),
        &[],
        &[("ASHYQ_PUBLIC_URL", "http://news.example.org")],
    );
    let cookie = plain.get("/login").header("set-cookie").unwrap_or("").to_owned();
    assert!(cookie.starts_with("ashyq_csrf=") && !cookie.contains("Secure"), "{cookie}");
    drop(plain);

    let data = tempfile::tempdir().unwrap();
    let app = TestApp::start_in(data.path(), &[]);
    let cookie = app.get("/login").header("set-cookie").unwrap_or("").to_owned();
    assert!(cookie.contains("Secure"), "no public_url: Secure as before ({cookie})");
    // A browser on another machine reaching the site over plain HTTP drops Secure cookies, so its
    // form comes without one: the page says why and what to do.
    let mut browser = Browser::new(&app);
    let reply = browser.post_with_host(
        "/login",
        &[("email", "a@example.org"), ("csrf_token", CSRF)],
        "news.example.org",
    );
    assert_eq!(reply.status, 403);
    assert!(reply.body.contains("HTTPS") && reply.body.contains("secure_cookies = false"));
    // On localhost browsers keep Secure cookies: a missing cookie there is just an old form.
    let reply = browser.post_raw("/login", &[("email", "a@example.org"), ("csrf_token", CSRF)]);
    assert_eq!(reply.status, 403);
    assert!(reply.body.contains("This form has expired") && !reply.body.contains("HTTPS"));
}
