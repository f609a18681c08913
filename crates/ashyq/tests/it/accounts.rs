//! Newsroom accounts over HTTP: login, CSRF, rate limits, sessions, the second factor, roles,
//! invitations and password links.

use crate::support::{Browser, TestApp, run_ashyq};

const PASSWORD: &str = "steppe wind over the river";

fn app_with_people() -> TestApp {
    let app = TestApp::with_demo();
    app.add_user("admin@example.org", "Asel Admin", "admin", PASSWORD);
    app.add_user("editor@example.org", "Erlan Editor", "editor", PASSWORD);
    app.add_user("author@example.org", "Aigerim Author", "author", PASSWORD);
    app
}

#[test]
fn login_with_the_right_password_opens_the_dashboard() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    let page = browser.get("/login");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("name=\"csrf_token\""));
    assert!(page.body.contains("name=\"email\"") && page.body.contains("name=\"password\""));
    let csrf_cookie = page.header("set-cookie").unwrap_or("");
    assert!(
        csrf_cookie.contains("HttpOnly")
            && csrf_cookie.contains("SameSite=Strict")
            && csrf_cookie.contains("Secure")
    );

    let reply = browser.login("Editor@Example.org", PASSWORD);
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.location(), Some("/admin"));
    let session_cookie = reply.header("set-cookie").unwrap();
    assert!(session_cookie.starts_with("ashyq_session="));
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Max-Age="] {
        assert!(session_cookie.contains(attribute), "{session_cookie} lacks {attribute}");
    }
    let dashboard = browser.get("/admin");
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Erlan Editor"));
    assert_eq!(dashboard.header("cache-control"), Some("no-store"));

    // Logging out ends the session on the server, not just in the browser: a copy of the old
    // cookie no longer works.
    let mut copy = Browser::new(&app);
    copy.copy_cookies_from(&browser);
    assert_eq!(copy.get("/admin").status, 200);
    let reply = browser.post("/logout", &[]);
    assert_eq!(reply.status, 303);
    assert!(!browser.has_cookie("ashyq_session"));
    assert_eq!(browser.get("/admin").status, 303, "logged out: back to the login page");
    assert_eq!(copy.get("/admin").status, 303, "the old session cookie is dead on the server");
}

#[test]
fn anonymous_visitors_are_sent_to_login_and_come_back() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    let reply = browser.get("/account");
    assert_eq!(reply.status, 303);
    assert_eq!(reply.location(), Some("/login?next=/account"));
    browser.get("/login?next=/account");
    let reply = browser.post(
        "/login",
        &[("email", "author@example.org"), ("password", PASSWORD), ("next", "/account")],
    );
    assert_eq!(reply.location(), Some("/account"));
    let reply = browser.post(
        "/login",
        &[("email", "author@example.org"), ("password", PASSWORD), ("next", "//evil.example/")],
    );
    assert_eq!(reply.status, 400, "a `next` off-site is refused before logging in");
    assert_eq!(reply.location(), None, "never redirect off-site after login");
}

#[test]
fn wrong_passwords_and_unknown_addresses_get_the_same_answer() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    let wrong = browser.login("editor@example.org", "not the password at all");
    let unknown = browser.login("nobody@example.org", "not the password at all");
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert!(wrong.body.contains("The e-mail address or the password is not right."));
    let strip =
        |body: &str| body.replace("editor@example.org", "X").replace("nobody@example.org", "X");
    assert_eq!(strip(&wrong.body), strip(&unknown.body), "no account enumeration through messages");
    assert!(!browser.has_cookie("ashyq_session"));
}

#[test]
fn forms_without_the_csrf_token_are_refused() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    browser.get("/login");
    let reply =
        browser.post_raw("/login", &[("email", "editor@example.org"), ("password", PASSWORD)]);
    assert_eq!(reply.status, 403);
    assert!(reply.body.contains("This form has expired"));
    let reply = browser.post_raw(
        "/login",
        &[("email", "editor@example.org"), ("password", PASSWORD), ("csrf_token", &"0".repeat(64))],
    );
    assert_eq!(reply.status, 403, "a wrong token is refused");
    assert!(!browser.has_cookie("ashyq_session"));
    // A fresh browser without the cookie cannot post either, even with a well-formed token.
    let mut stranger = Browser::new(&app);
    let reply = stranger.post_raw("/logout", &[("csrf_token", &"a".repeat(64))]);
    assert_eq!(reply.status, 403);
}

#[test]
fn repeated_failures_are_rate_limited_per_account() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    for attempt in 0..5 {
        let reply = browser.login("author@example.org", "wrong password number x");
        assert_eq!(reply.status, 401, "attempt {attempt}");
    }
    let reply = browser.login("author@example.org", PASSWORD);
    assert_eq!(reply.status, 429, "even the right password waits once the account is locked");
    assert!(reply.header("retry-after").is_some_and(|seconds| seconds.parse::<u64>().unwrap() > 0));
    assert!(reply.body.contains("Too many attempts"));
    let mut another_browser = Browser::new(&app);
    assert_eq!(
        another_browser.login("author@example.org", PASSWORD).status,
        429,
        "the limit is per account and address: another browser at the same address waits too"
    );
    // Another account is not affected.
    assert_eq!(Browser::new(&app).login("editor@example.org", PASSWORD).status, 303);
}

#[test]
fn a_person_can_end_a_session_from_another_browser() {
    let app = app_with_people();
    let mut laptop = Browser::new(&app);
    laptop.user_agent = "Laptop browser".to_owned();
    let mut phone = Browser::new(&app);
    phone.user_agent = "Lost phone".to_owned();
    assert_eq!(laptop.login("editor@example.org", PASSWORD).status, 303);
    assert_eq!(phone.login("editor@example.org", PASSWORD).status, 303);
    let page = laptop.get("/account");
    assert!(page.body.contains("Lost phone") && page.body.contains("Laptop browser"));
    // Find the phone's revoke form: the row that names it.
    let row_start = page.body.find("Lost phone").unwrap();
    let row = &page.body[row_start..];
    let action_start = row.find("/account/sessions/").unwrap();
    let action = &row[action_start..];
    let action = &action[..action.find('"').unwrap()];
    let reply = laptop.post(action, &[]);
    assert_eq!(reply.status, 303);
    assert_eq!(phone.get("/admin").status, 303, "the phone's session no longer works");
    assert_eq!(laptop.get("/admin").status, 200, "the laptop's still does");
    assert!(!laptop.get("/account").body.contains("Lost phone"));
    // Nobody can end someone else's session.
    let mut author = Browser::new(&app);
    author.login("author@example.org", PASSWORD);
    assert_eq!(author.post(action, &[]).status, 404);
}

#[test]
fn the_second_factor_is_asked_for_after_the_password() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    browser.login("editor@example.org", PASSWORD);
    let setup = browser.get("/account/totp");
    let secret = crate::sessions::secret_on_page(&setup.body);
    let now =
        || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let wrong = browser.post("/account/totp", &[("password", PASSWORD), ("code", "000000")]);
    assert_eq!(wrong.status, 422);
    let code = ashyq_accounts::generate_totp_code(&secret, now()).unwrap();
    let reply = browser.post("/account/totp", &[("password", PASSWORD), ("code", &code)]);
    assert_eq!(reply.location(), Some("/account?notice=totp-on"));

    let mut other = Browser::new(&app);
    let reply = other.login("editor@example.org", PASSWORD);
    assert_eq!(reply.location(), Some("/login/code?next=/admin"));
    assert_eq!(other.get("/admin").status, 303, "a password alone is not enough");
    other.get("/login/code?next=/admin");
    let reply = other.post("/login/code", &[("code", "123456"), ("next", "/admin")]);
    assert_eq!(reply.status, 401);
    // The next step's code: the one that turned the factor on is used up.
    let code = ashyq_accounts::generate_totp_code(&secret, now() + 30).unwrap();
    let reply = other.post("/login/code", &[("code", &code), ("next", "/admin")]);
    assert_eq!(reply.location(), Some("/admin"));
    assert_eq!(other.get("/admin").status, 200);
}

#[test]
fn only_admins_manage_people_and_invitations_work_once() {
    let app = app_with_people();
    let mut author = Browser::new(&app);
    author.login("author@example.org", PASSWORD);
    assert_eq!(author.get("/admin/people").status, 403);
    let reply = author.post(
        "/admin/people",
        &[("name", "Intruder"), ("email", "x@example.org"), ("role", "admin")],
    );
    assert_eq!(reply.status, 403);

    let mut admin = Browser::new(&app);
    admin.login("admin@example.org", PASSWORD);
    assert!(
        !admin.get("/admin/people").body.contains("x@example.org"),
        "the forbidden invite changed nothing"
    );
    let reply = admin.post(
        "/admin/people",
        &[
            ("name", "Nurlan New"),
            ("email", "new@example.org"),
            ("role", "author"),
            ("role", "translator"),
        ],
    );
    assert_eq!(reply.status, 200);
    let start = reply.body.find("/password/set?token=").expect("the invitation link is shown");
    let link = &reply.body[start..start + "/password/set?token=".len() + 64];
    assert!(reply.body.contains("Nurlan New"));
    let taken = admin.post(
        "/admin/people",
        &[("name", "Again"), ("email", "new@example.org"), ("role", "author")],
    );
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("already has an account"));

    let mut newcomer = Browser::new(&app);
    assert_eq!(newcomer.get(link).status, 200);
    let token = &link[link.find("token=").unwrap() + 6..];
    let short = newcomer.post("/password/set", &[("token", token), ("password", "short")]);
    assert_eq!(short.status, 422);
    let reply = newcomer.post("/password/set", &[("token", token), ("password", PASSWORD)]);
    assert_eq!(reply.location(), Some("/login?done=password"));
    let again =
        newcomer.post("/password/set", &[("token", token), ("password", "another long password")]);
    assert_eq!(again.status, 410, "a one-time link works once");
    assert_eq!(newcomer.login("new@example.org", PASSWORD).status, 303);
}

#[test]
fn password_reset_never_reveals_whether_an_account_exists() {
    let app = app_with_people();
    let mut browser = Browser::new(&app);
    browser.get("/password/reset");
    let known = browser.post("/password/reset", &[("email", "editor@example.org")]);
    let unknown = browser.post("/password/reset", &[("email", "ghost@example.org")]);
    assert_eq!(known.status, 200);
    assert_eq!(known.body, unknown.body);
    assert!(known.body.contains("If the address belongs to an account"));
}

#[test]
fn user_add_prints_a_one_time_link_and_refuses_duplicates() {
    let app = TestApp::with_demo();
    let data = app.data.to_str().unwrap().to_owned();
    let output = run_ashyq(
        &app.data,
        &[
            "user",
            "add",
            "--email",
            "dina@example.org",
            "--name",
            "Dina",
            "--role",
            "editor,author",
            "--data",
            &data,
        ],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("/password/set?token="), "{stdout}");
    let output = run_ashyq(
        &app.data,
        &[
            "user",
            "add",
            "--email",
            "DINA@example.org",
            "--name",
            "Dina",
            "--role",
            "author",
            "--data",
            &data,
        ],
    );
    assert!(!output.status.success());
    assert!(String::from_utf8(output.stderr).unwrap().contains("already exists"));
    let output = run_ashyq(
        &app.data,
        &[
            "user",
            "add",
            "--email",
            "z@example.org",
            "--name",
            "Z",
            "--role",
            "chief",
            "--data",
            &data,
        ],
    );
    assert!(String::from_utf8(output.stderr).unwrap().contains("unknown role `chief`"));
}
