//! Real-browser tests: Debian's Chromium, headless, with JavaScript switched off, driven through
//! chromedriver's WebDriver protocol. A reader posts a comment, a moderator logs in and approves
//! it, and every reader then sees it — the way a person on Tor Browser's safest setting would.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::TestApp;

const PASSWORD: &str = "steppe wind over the river";

/// A chromedriver process; killed when dropped.
pub(crate) struct Driver {
    process: Child,
    base: String,
    agent: ureq::Agent,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A browser session.
pub(crate) struct Session<'a> {
    driver: &'a Driver,
    id: String,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Driver {
    /// Starts chromedriver, or returns `None` (with a note) where Chromium is not installed.
    pub(crate) fn start() -> Option<Driver> {
        let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|path| std::path::Path::new(path).exists());
        let Some(chromedriver) =
            chromedriver.filter(|_| std::path::Path::new("/usr/bin/chromium").exists())
        else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install chromium and chromium-driver (see .ci/run)"
            );
            eprintln!(
                "chromium or chromedriver is not installed; the browser test is skipped here"
            );
            return None;
        };
        let port = free_port();
        let process = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let driver = Driver { process, base: format!("http://127.0.0.1:{port}"), agent };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if driver.agent.get(format!("{}/status", driver.base)).call().is_ok() {
                return Some(driver);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start");
    }

    pub(crate) fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let mut response =
            match (method, body) {
                ("GET", _) => self.agent.get(&url).call(),
                ("DELETE", _) => self.agent.delete(&url).call(),
                (_, body) => self.agent.post(&url).header("content-type", "application/json").send(
                    serde_json::to_vec(&body.unwrap_or_else(|| json!({}))).unwrap().as_slice(),
                ),
            }
            .unwrap_or_else(|error| panic!("{method} {path}: {error}"));
        let text = response.body_mut().read_to_string().unwrap_or_default();
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(value["value"]["error"].is_null(), "{method} {path}: {text}");
        value
    }

    /// A new headless Chromium with JavaScript disabled.
    pub(crate) fn session(&self) -> Session<'_> {
        self.new_session(false)
    }

    /// A headless Chromium whose pages may run script: only for checks the test injects itself
    /// through the driver (axe-core, measuring the layout); the site sends none.
    pub(crate) fn session_with_script(&self) -> Session<'_> {
        self.new_session(true)
    }

    fn new_session(&self, script: bool) -> Session<'_> {
        let profile = tempfile::tempdir().unwrap();
        // JavaScript off, as in Tor Browser's safest mode, unless the test needs to measure.
        let prefs = if script {
            json!({})
        } else {
            json!({ "profile.managed_default_content_settings.javascript": 2 })
        };
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    // The flags this closed-network machine needs (see the env notes), plus a
                    // throwaway profile.
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.path().display()),
                    ],
                    "prefs": prefs
                }
            }}
        });
        let created = self.send("POST", "/session", Some(capabilities));
        let id = created["value"]["sessionId"].as_str().expect("a session id").to_owned();
        Session { driver: self, id, _profile: profile }
    }
}

impl Session<'_> {
    pub(crate) fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    pub(crate) fn open(&self, url: &str) {
        self.driver.send("POST", &self.path("/url"), Some(json!({ "url": url })));
    }

    pub(crate) fn element(&self, css: &str) -> String {
        let found = self.driver.send(
            "POST",
            &self.path("/element"),
            Some(json!({ "using": "css selector", "value": css })),
        );
        found["value"]
            .as_object()
            .and_then(|object| object.values().next())
            .and_then(Value::as_str)
            .expect(css)
            .to_owned()
    }

    pub(crate) fn type_into(&self, css: &str, text: &str) {
        let element = self.element(css);
        self.driver.send(
            "POST",
            &self.path(&format!("/element/{element}/value")),
            Some(json!({ "text": text })),
        );
    }

    pub(crate) fn clear(&self, css: &str) {
        let element = self.element(css);
        self.driver.send("POST", &self.path(&format!("/element/{element}/clear")), Some(json!({})));
    }

    pub(crate) fn click(&self, css: &str) {
        let element = self.element(css);
        self.driver.send("POST", &self.path(&format!("/element/{element}/click")), Some(json!({})));
    }

    /// Waits until the page holds `part` (a form post may still be processing), then returns it.
    pub(crate) fn wait_for_source(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let source = self.page_source();
            if source.contains(part) || Instant::now() > deadline {
                return source;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub(crate) fn page_source(&self) -> String {
        self.driver.send("GET", &self.path("/source"), None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until the address (without its query) ends with `path`, or the query contains `part`
    /// (a navigation may still be finishing).
    pub(crate) fn wait_for_url(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.current_url();
            let path = url.split('?').next().unwrap_or("");
            let query = url.split_once('?').map_or("", |(_, query)| query);
            let arrived =
                if part.starts_with('/') { path.ends_with(part) } else { query.contains(part) };
            if arrived || Instant::now() > deadline {
                return url;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn current_url(&self) -> String {
        self.driver.send("GET", &self.path("/url"), None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Every element matching `css`, by WebDriver id.
    pub(crate) fn elements(&self, css: &str) -> Vec<String> {
        let found = self.driver.send(
            "POST",
            &self.path("/elements"),
            Some(json!({ "using": "css selector", "value": css })),
        );
        found["value"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|item| {
                        item.as_object()?.values().next()?.as_str().map(str::to_owned)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A DOM property of an element (e.g. an image's `naturalWidth`), read by the driver (pages
    /// themselves run no script).
    pub(crate) fn property(&self, element: &str, name: &str) -> Value {
        self.driver.send("GET", &self.path(&format!("/element/{element}/property/{name}")), None)
            ["value"]
            .clone()
    }

    /// An element's computed style property (e.g. `position`).
    pub(crate) fn css(&self, css: &str, property: &str) -> String {
        let element = self.element(css);
        self.driver.send("GET", &self.path(&format!("/element/{element}/css/{property}")), None)
            ["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Whether pages can run script: a page whose only script would set its title.
    pub(crate) fn script_runs(&self) -> bool {
        self.open("data:text/html,<title>off</title><script>document.title='on'</script>");
        let title = self.driver.send("GET", &self.path("/title"), None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        title == "on"
    }
}

impl Session<'_> {
    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns its value.
    pub(crate) fn execute(&self, script: &str, args: Value) -> Value {
        let body = json!({ "script": script, "args": args });
        self.driver.send("POST", &self.path("/execute/sync"), Some(body))["value"].clone()
    }

    /// Runs `script`, which calls its last argument with the result when done.
    pub(crate) fn execute_async(&self, script: &str, args: Value) -> Value {
        let body = json!({ "script": script, "args": args });
        self.driver.send("POST", &self.path("/execute/async"), Some(body))["value"].clone()
    }

    /// A Chrome DevTools command through chromedriver (screen size, colour scheme, screenshots).
    pub(crate) fn cdp(&self, command: &str, params: Value) -> Value {
        let body = json!({ "cmd": command, "params": params });
        self.driver.send("POST", &self.path("/goog/cdp/execute"), Some(body))["value"].clone()
    }
}

impl Session<'_> {
    /// Long enough for axe-core on a full page on a busy machine.
    pub(crate) fn driver_timeouts(&self) {
        self.driver.send(
            "POST",
            &self.path("/timeouts"),
            Some(json!({ "script": Duration::from_secs(120).as_millis() as u64 })),
        );
    }

    /// One press of the Tab key, as a keyboard would send it.
    pub(crate) fn press_tab(&self) {
        let actions = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": "\u{E004}" }, { "type": "keyUp", "value": "\u{E004}" }
        ]}]});
        self.driver.send("POST", &self.path("/actions"), Some(actions));
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ =
            self.driver.agent.delete(format!("{}/session/{}", self.driver.base, self.id)).call();
    }
}

#[test]
fn a_reader_posts_a_moderator_approves_and_everyone_sees_it_without_javascript() {
    let Some(driver) = Driver::start() else { return };
    let app = TestApp::with_demo();
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);
    // Browsers keep `Secure` cookies over plain HTTP only for localhost (a "potentially trustworthy"
    // origin), as they do for .onion addresses in Tor Browser.
    let base = app.base.replace("127.0.0.1", "localhost");
    let article = format!("{base}/articles/reading-us-when-blocked");

    // The reader.
    let reader = driver.session();
    assert!(!reader.script_runs(), "JavaScript must be off in this browser");
    reader.open(&article);
    assert!(reader.page_source().contains("Start the conversation"));
    // Take a human's time before sending, so the comment is not flagged as instant.
    std::thread::sleep(Duration::from_millis(3100));
    reader.type_into("#comment-name", "Gulnara");
    reader
        .type_into("#comment-body", "I read you through the Tor mirror every morning. Thank you!");
    reader.click("#comment-form button[type=submit]");
    let url = reader.wait_for_url("posted=");
    let after_post = reader.page_source();
    let errors: Vec<&str> = after_post.lines().filter(|line| line.contains("error")).collect();
    assert!(url.contains("posted="), "{url}: {errors:#?}");
    assert!(after_post.contains("Your comment is awaiting moderation"));
    assert!(after_post.contains("I read you through the Tor mirror every morning."));

    // Someone else does not see it yet.
    let other = driver.session();
    other.open(&article);
    assert!(!other.page_source().contains("Tor mirror every morning"));

    // The moderator logs in and approves it from the queue.
    let moderator = driver.session();
    moderator.open(&format!("{base}/login?next=/moderation"));
    moderator.type_into("#email", "mod@example.org");
    moderator.type_into("#password", PASSWORD);
    moderator.click("form.stack-form button[type=submit]");
    let url = moderator.wait_for_url("/moderation");
    assert!(url.ends_with("/moderation"), "{url}");
    let queue = moderator.page_source();
    assert!(queue.contains("Tor mirror every morning"));
    moderator.click(".queue-item .queue-actions button[value=approve]");
    moderator.wait_for_url("done=1");
    assert!(moderator.page_source().contains("1 comment updated."));

    // Now every reader sees it.
    other.open(&article);
    let public = other.page_source();
    assert!(public.contains("I read you through the Tor mirror every morning."));
    assert!(public.contains("Gulnara"));
    assert!(!public.contains("awaiting moderation"));
}

/// The article an author writes in the browser test, with an interview and the uploaded photo.
fn article_text(photo: &str) -> String {
    format!(
        "+++
title = \"Night buses in Taraz\"
slug = \"night-buses-in-taraz\"
lang = \"en\"
published = 2026-05-02T09:00:00+05:00
summary = \"The city cut its night buses; two drivers kept one route going.\"
tags = [\"Kazakhstan\"]
authors = [{{ name = \"Aigerim Author\", slug = \"aigerim-author\" }}]

[lead_figure]
src = \"{photo}\"
alt = \"A bus stop at night.\"
credit = \"Photo: a reader\"
licence = \"used-with-permission\"

[[speakers]]
id = \"aa\"
name = \"Aigerim Author\"
role = \"interviewer\"
initials = {{ en = \"AA\", ru = \"АА\" }}

[[speakers]]
id = \"ek\"
name = \"Erbol K\"
role = \"interviewee\"
initials = {{ en = \"EK\", ru = \"ЕК\" }}
+++
The last bus leaves at midnight.

::: interview
@aa
[en original]
Why keep driving?
[ru]
Почему вы продолжаете ездить?

@ek
[ru original]
Потому что ночью людям тоже нужно домой.
[en]
Because people need to get home at night too.
:::
"
    )
}

#[test]
fn an_author_writes_with_a_photo_and_an_editor_publishes_without_javascript() {
    let Some(driver) = Driver::start() else { return };
    let app = TestApp::with_demo();
    app.add_user("author@example.org", "Aigerim Author", "author", PASSWORD);
    app.add_user("editor@example.org", "Erlan Editor", "editor", PASSWORD);
    let base = app.base.replace("127.0.0.1", "localhost");
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), ashyq_images::test_support::revealing_jpeg(640, 480)).unwrap();

    let author = driver.session();
    assert!(!author.script_runs(), "JavaScript must be off in this browser");
    author.open(&format!("{base}/login?next=/admin/media"));
    author.type_into("#email", "author@example.org");
    author.type_into("#password", PASSWORD);
    author.click("form.stack-form button[type=submit]");
    author.wait_for_url("/admin/media");

    // Upload a photo that carries a GPS position; the page says what was removed.
    author.type_into("#photo-file", &photo.path().display().to_string());
    author.type_into("#photo-alt", "A bus stop at night.");
    author.type_into("#photo-credit", "Photo: a reader");
    author.click("#photo-licence option[value=used-with-permission]");
    author.click("form.stack-form button[type=submit]");
    let uploaded = author.wait_for_source("uploaded-heading");
    assert!(uploaded.contains("GPS"), "the page tells the uploader the location was removed");
    let start = uploaded.find("src = \"/media/").expect("a snippet with the photo's address")
        + "src = \"".len();
    let src = &uploaded[start..start + uploaded[start..].find('"').unwrap()];

    // Write, preview, send to review.
    author.open(&format!("{base}/admin/articles/new"));
    author.clear("#source");
    author.type_into("#source", &article_text(src));
    author.click("button[value=preview]");
    assert!(
        author
            .wait_for_source("Because people need")
            .contains("Because people need to get home at night too.")
    );
    author.click("button[value=review]");
    author.wait_for_url("notice=");
    assert_eq!(app.get("/articles/night-buses-in-taraz").status, 404, "not public while in review");

    // The editor publishes.
    let editor = driver.session();
    editor.open(&format!("{base}/login?next=/admin/articles/night-buses-in-taraz/edit"));
    editor.type_into("#email", "editor@example.org");
    editor.type_into("#password", PASSWORD);
    editor.click("form.stack-form button[type=submit]");
    editor.wait_for_url("/edit");
    editor.click("button[value=publish]");
    editor.wait_for_url("notice=");

    let reader = driver.session();
    reader.open(&format!("{base}/articles/night-buses-in-taraz"));
    let page = reader.wait_for_source("Night buses in Taraz");
    assert!(page.contains("Night buses in Taraz"));
    assert!(page.contains("<div class=\"version original\" lang=\"ru\""));
    assert!(page.contains(src), "the uploaded photo is on the page");
}
