//! Issue 10, items 1 and 2: the site is the newsroom's own. Settings edited at `/admin/site` or by
//! `ashyq site set` (another process) show on every page of a running server within two
//! seconds; a language added by any process shows at once; rules per language, hidden languages,
//! the logo through the one image path, and worded refusals.

use std::path::Path;
use std::time::{Duration, Instant};

use ashyq_images::test_support::{PLANTED_SERIAL, revealing_jpeg};

use crate::support::{Browser, Reply, TestApp, assert_in_order, run_ashyq};

const PASSWORD: &str = "steppe wind over the river";

/// The demo site with an administrator, an editor and a moderator.
fn site_with_staff() -> TestApp {
    let app = TestApp::with_demo();
    for (email, name, roles) in [
        ("admin@example.org", "Asel Admin", "admin"),
        ("editor@example.org", "Erlan Editor", "editor"),
        ("moderator@example.org", "Madi Moderator", "moderator"),
    ] {
        app.add_user(email, name, roles, PASSWORD);
    }
    app
}

fn login<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    let reply = browser.login(&format!("{who}@example.org"), PASSWORD);
    assert_eq!(reply.status, 303, "login as {who}: {}", reply.body);
    browser
}

/// Asks `path` until `ready` holds for its body, for at most `limit`; returns how long it took.
fn wait_for(
    app: &TestApp,
    path: &str,
    limit: Duration,
    ready: impl Fn(&Reply) -> bool,
) -> Duration {
    let started = Instant::now();
    loop {
        let reply = app.get(path);
        if ready(&reply) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "GET {path} did not change within {limit:?}: {} {}",
            reply.status,
            reply.body.chars().take(2000).collect::<String>()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn site_cmd(data: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["site"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--data", data.to_str().unwrap()]);
    run_ashyq(data.parent().unwrap(), &all)
}

/// The pages a reader and a member of staff see, in several languages.
const PAGES: &[&str] = &[
    "/",
    "/en/",
    "/ru/",
    "/kk/",
    "/articles/printers-who-said-no",
    "/articles/kto-perevodit-nas",
    "/authors/yerlan-zhaksybekov",
    "/search?q=radio",
    "/login",
    "/no-such-page",
];

#[test]
fn an_administrator_names_the_site_and_every_page_shows_it_issue_10_1() {
    let app = site_with_staff();
    let mut admin = login(&app, "admin");
    let page = admin.get("/admin/site");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("name=\"tagline.ru\""), "a field per language");
    assert!(admin.get("/admin").body.contains("href=\"/admin/site\""), "the dashboard links it");

    let reply = admin.post(
        "/admin/site",
        &[("name", "Steppe Courier"), ("tagline.en", "Reporting from the plains")],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.location(), Some("/admin/site?saved=1"));
    for path in PAGES {
        let reply = app.get(path);
        assert!(
            reply.body.contains(">Steppe Courier</a>"),
            "{path} shows the new name in its header"
        );
        assert!(reply.body.contains("· Steppe Courier</title>"), "{path}: in the title");
        assert!(!reply.body.contains(">ashyq</a>"), "{path}: the old name is gone");
    }
    assert!(app.page("/en/").contains("Reporting from the plains"));
    // A Russian page without a Russian tagline shows the English one, marked as English.
    assert!(app.page("/ru/").contains("lang=\"en\" dir=\"auto\">Reporting from the plains"));
    // Staff pages too.
    assert!(admin.get("/admin").body.contains("· Steppe Courier</title>"));
}

#[test]
fn only_administrators_may_change_the_site_issue_10_1() {
    let app = site_with_staff();
    for who in ["editor", "moderator"] {
        let mut browser = login(&app, who);
        assert_eq!(browser.get("/admin/site").status, 403, "{who}");
        let reply = browser.post("/admin/site", &[("name", "Taken Over")]);
        assert_eq!(reply.status, 403, "{who}");
        assert_eq!(browser.post("/admin/site/logo/remove", &[]).status, 403);
        // Last for this browser: the server refuses before reading the upload and then closes
        // the connection, which this client would otherwise try to reuse.
        let upload = format!("/admin/site/logo?csrf_token={}", browser.csrf());
        let logo = revealing_jpeg(320, 200);
        let reply = browser.post_multipart(&upload, &[], Some(("x.jpg", "image/jpeg", &logo)));
        assert_eq!(reply.status, 403, "{who} cannot upload a logo");
    }
    let mut reader = Browser::new(&app);
    let reply = reader.get("/admin/site");
    assert_eq!(reply.status, 303, "a reader is sent to log in");
    assert!(reply.location().unwrap_or("").starts_with("/login"));
    // Without the form token, not even an administrator's browser can be made to post.
    let mut admin = login(&app, "admin");
    assert_eq!(admin.post_raw("/admin/site", &[("name", "Forged")]).status, 403);
    assert!(app.page("/").contains(">ashyq</a>"), "nothing changed");
}

#[test]
fn bad_values_are_refused_with_422_naming_the_key_and_nothing_is_written_issue_10_1() {
    let app = site_with_staff();
    let mut admin = login(&app, "admin");
    let reply = admin.post(
        "/admin/site",
        &[
            ("name", "Half Written"),
            ("onion_address", "http://example.org"),
            ("mirrors", "https://ok.example.net\njavascript:alert(1)"),
            ("languages", "kk,klingon"),
        ],
    );
    assert_eq!(reply.status, 422);
    for expected in [
        "`onion_address`: expected an onion service address",
        "`javascript:alert(1)` is not one",
        "`languages`: expected language codes separated by commas",
        "aria-invalid=\"true\"",
        "href=\"#site-onion_address\"",
    ] {
        assert!(reply.body.contains(expected), "the page says {expected}:\n{}", reply.body);
    }
    assert!(reply.body.contains("value=\"http://example.org\""), "what was typed is kept");
    assert!(app.page("/").contains(">ashyq</a>"), "all or nothing: the good name was not saved");

    let reply = admin.post("/admin/site", &[("name", "")]);
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("`name`: expected the site&#39;s name"), "{}", reply.body);
    let reply = admin.post("/admin/site", &[("colour", "red")]);
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("`colour` is not a site setting"));
    let reply = admin.post("/admin/site", &[("logo", "../secret.key")]);
    assert_eq!(reply.status, 422, "the logo is only ever set through its upload form");
}

#[test]
fn comment_rules_per_language_are_shown_above_the_comment_form_issue_10_1() {
    let app = site_with_staff();
    let mut admin = login(&app, "admin");
    let rules = "Пишите **по делу**.\n\n<script>alert(1)</script>";
    assert_eq!(admin.post("/admin/site", &[("rules.ru", rules)]).status, 303);
    let russian = app.page("/articles/kto-perevodit-nas");
    assert_in_order(
        &russian,
        &["class=\"comment-rules\"", "Пишите <strong>по делу</strong>.", "id=\"comment-form\""],
    );
    assert!(!russian.contains("<script>alert"), "raw HTML is escaped");
    assert!(!russian.contains("Каждый комментарий"), "the built-in rules are replaced");
    let english = app.page("/articles/printers-who-said-no");
    assert_in_order(
        &english,
        &[
            "class=\"comment-rules\"",
            "Every comment is reviewed by a moderator before it appears.",
            "id=\"comment-form\"",
        ],
    );
    assert!(!english.contains("по делу"), "a language without its own rules keeps the defaults");
}

#[test]
fn about_page_contact_and_reach_addresses_issue_10_1() {
    let app = site_with_staff();
    let mut admin = login(&app, "admin");
    let onion = "http://expyuzz4wqqyqhjn76ucemd3ghd5uncybgfazs6b6yvd3tpwehrtu3ad.onion";
    let reply = admin.post(
        "/admin/site",
        &[
            ("about.en", "We are *five* reporters."),
            ("contact", "desk@example.org"),
            ("onion_address", onion),
            ("mirrors", "https://mirror-one.example.net, https://mirror-two.example.org/news"),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let front = app.page("/ru/");
    assert!(front.contains("href=\"/en/about\""), "the footer links the about page");
    assert!(front.contains("href=\"mailto:desk@example.org\""));
    assert!(app.page("/en/about").contains("We are <em>five</em> reporters."));
    assert_eq!(app.get("/ru/about").status, 404, "no Russian about text was written");
    let output = site_cmd(&app.data, &["show", "--json"]);
    assert!(output.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(shown["onion_address"], onion);
    assert_eq!(
        shown["mirrors"],
        serde_json::json!([
            "https://mirror-one.example.net",
            "https://mirror-two.example.org/news"
        ])
    );
}

#[test]
fn languages_can_be_ordered_hidden_and_given_a_default_issue_10_1() {
    let app = site_with_staff();
    let mut admin = login(&app, "admin");
    let reply = admin.post(
        "/admin/site",
        &[("languages", "ru,en"), ("hidden_languages", "kk"), ("default_language", "ru")],
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let front = app.page("/");
    assert!(front.contains("<html lang=\"ru\""), "the default language speaks");
    assert_in_order(&front, &["hreflang=\"ru\"", "hreflang=\"en\""]);
    assert!(!front.contains("hreflang=\"kk\""), "a hidden language is not offered");
    assert_eq!(app.get("/kk/").status, 404);
    let reply = admin.post("/admin/site", &[("default_language", "de")]);
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("one of the languages offered (ru, en)"), "{}", reply.body);
    // Shown again once no longer hidden.
    assert_eq!(admin.post("/admin/site", &[("hidden_languages", "")]).status, 303);
    assert!(app.page("/").contains("hreflang=\"kk\""));
    assert_eq!(app.get("/kk/").status, 200);
}

#[test]
fn a_logo_enters_through_the_image_path_without_its_metadata_issue_10_1() {
    let app = site_with_staff();
    let mut admin = login(&app, "admin");
    let upload = format!("/admin/site/logo?csrf_token={}", admin.csrf());
    let photo = revealing_jpeg(640, 480);
    let reply =
        admin.post_multipart(&upload, &[], Some(("IMG_2026-03-01_GPS.jpg", "image/jpeg", &photo)));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("GPS"), "the page says what was removed:\n{}", reply.body);
    let front = app.page("/");
    let start = front.find("class=\"site-logo\" src=\"/media/").expect("the logo is in the header");
    let src = &front[start + "class=\"site-logo\" src=\"".len()..];
    let src = &src[..src.find('"').unwrap()];
    assert!(!src.contains("IMG_"), "the uploaded file's name is never used: {src}");
    assert_eq!(app.get(src).status, 200);
    let stored =
        std::fs::read(app.data.join("media").join(src.trim_start_matches("/media/"))).unwrap();
    assert!(!stored.windows(4).any(|window| window == b"Exif"), "no EXIF block");
    assert!(
        !stored.windows(PLANTED_SERIAL.len()).any(|window| window == PLANTED_SERIAL.as_bytes()),
        "no camera serial number"
    );
    // Not an image: refused, and the logo stays.
    let reply = admin.post_multipart(&upload, &[], Some(("x.jpg", "image/jpeg", b"not an image")));
    assert_eq!(reply.status, 422);
    assert!(app.page("/").contains(src));
    assert_eq!(admin.post("/admin/site/logo/remove", &[]).status, 303);
    assert!(!app.page("/").contains("class=\"site-logo\""));
}

#[test]
fn site_set_from_another_process_shows_on_the_running_server_within_two_seconds_issue_10_1() {
    let app = TestApp::with_demo();
    assert!(app.page("/").contains(">ashyq</a>"));
    let output = site_cmd(&app.data, &["set", "name", "Courier of the Steppe"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let took = wait_for(&app, "/", Duration::from_secs(2), |reply| {
        reply.body.contains(">Courier of the Steppe</a>")
    });
    eprintln!("site set → visible on the running server in {took:?}");
    let took = {
        let output = site_cmd(&app.data, &["set", "tagline.kk", "Дала жаңалықтары"]);
        assert!(output.status.success());
        wait_for(&app, "/kk/", Duration::from_secs(2), |reply| {
            reply.body.contains("Дала жаңалықтары")
        })
    };
    eprintln!("tagline.kk → visible in {took:?}");
    let output = site_cmd(&app.data, &["set", "hidden_languages", "kk"]);
    assert!(output.status.success());
    wait_for(&app, "/kk/", Duration::from_secs(2), |reply| reply.status == 404);
}

#[test]
fn site_commands_refuse_unknown_keys_and_bad_values_and_show_what_is_set_issue_10_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (args, expected) in [
        (&["set", "colour", "red"][..], "`colour` is not a site setting"),
        (&["set", "onion_address", "http://example.org"], "`onion_address`: expected an onion"),
        (&["set", "languages", "kk,,xx-no"], "`languages`: expected language codes"),
        (&["set", "mirrors", "ftp://old.example"], "`ftp://old.example` is not one"),
        (&["set", "logo", "/no/such/file.png"], "logo: cannot read /no/such/file.png"),
    ] {
        let output = site_cmd(&data, args);
        assert!(!output.status.success(), "{args:?} must fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let output = site_cmd(&data, &["set", "rules.kk", "Сыпайы болыңыз.\nЖарнама жоқ."]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = site_cmd(&data, &["show"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("name = \"ashyq\""), "{text}");
    assert!(text.contains("rules.kk = \"Сыпайы болыңыз.\\nЖарнама жоқ.\""), "{text}");
    // Removing a setting.
    assert!(site_cmd(&data, &["set", "rules.kk", ""]).status.success());
    assert!(!String::from_utf8_lossy(&site_cmd(&data, &["show"]).stdout).contains("rules.kk"));
}

#[test]
fn ashyq_toml_seeds_settings_the_database_does_not_hold_issue_10_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("ashyq.toml");
    std::fs::write(
        &config,
        "[site]\nname = \"Seeded Name\"\nlanguages = [\"kk\", \"ru\"]\n[site.tagline]\nru = \"Из файла\"\n",
    )
    .unwrap();
    let show = || {
        let output = run_ashyq(
            dir.path(),
            &[
                "site",
                "show",
                "--json",
                "--data",
                data.to_str().unwrap(),
                "--config",
                config.to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let shown = show();
    assert_eq!(shown["name"], "Seeded Name");
    assert_eq!(shown["languages"], serde_json::json!(["kk", "ru"]));
    assert_eq!(shown["tagline"]["ru"], "Из файла");
    let output = site_cmd(&data, &["set", "name", "Chosen Later"]);
    assert!(output.status.success());
    assert_eq!(show()["name"], "Chosen Later", "the database wins over the file");
    std::fs::write(&config, "[site]\nonion_address = \"http://nope.onion\"\n").unwrap();
    let output = run_ashyq(
        dir.path(),
        &["site", "show", "--data", data.to_str().unwrap(), "--config", config.to_str().unwrap()],
    );
    assert!(!output.status.success(), "a bad seed is an error, not ignored");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("ashyq.toml, [site]: `onion_address`")
    );
}

/// An article file in `lang`.
fn article(slug: &str, lang: &str, title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\nlang = \"{lang}\"\npublished = 2026-02-01T09:00:00Z\n\
         summary = \"{title}.\"\n\n[[authors]]\nname = \"Aigerim Author\"\nslug = \"aigerim-author\"\n+++\n\
         {title}: the first paragraph.\n"
    )
}

#[test]
fn the_first_russian_article_imported_by_another_process_shows_at_once_issue_10_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let english = dir.path().join("english.md");
    std::fs::write(&english, article("river-crossing", "en", "The river crossing")).unwrap();
    let work = dir.path().to_owned();
    let import = |file: &Path| {
        let output = run_ashyq(
            &work,
            &["import", "md", file.to_str().unwrap(), "--data", data.to_str().unwrap()],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    import(&english);
    let mut app = TestApp::start_in(&data, &[]);
    app.own_data(dir);
    assert_eq!(app.get("/ru/").status, 404);
    let front = app.page("/");
    assert!(!front.contains("hreflang=\"ru\""));
    // Ask for the pages so that they are cached: the change must reach past the cache.
    assert_eq!(app.get("/ru/").status, 404);

    let russian = work.join("russian.md");
    std::fs::write(&russian, article("pereprava", "ru", "Переправа")).unwrap();
    import(&russian);
    let took = wait_for(&app, "/ru/", Duration::from_secs(2), |reply| reply.status == 200);
    eprintln!("first Russian article → /ru/ answers in {took:?}");
    assert!(app.page("/ru/").contains("Переправа"));
    wait_for(&app, "/", Duration::from_secs(2), |reply| reply.body.contains("hreflang=\"ru\""));
    assert!(app.page("/articles/river-crossing").contains("hreflang=\"ru\""), "every page's menu");
}
