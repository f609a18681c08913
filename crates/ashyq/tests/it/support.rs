//! `TestApp`: starts `ashyq serve` on 127.0.0.1:0 and talks HTTP to it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub(crate) const BINARY: &str = env!("CARGO_BIN_EXE_ashyq");

/// A response, read whole.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A running server with its own data folder; killed when dropped.
pub(crate) struct TestApp {
    child: std::sync::Mutex<Child>,
    pub(crate) base: String,
    #[allow(dead_code, reason = "kept for tests that inspect the folder")]
    pub(crate) data: PathBuf,
    /// The temporary data folder, when the app owns it.
    _owned: Option<tempfile::TempDir>,
    agent: ureq::Agent,
}

impl TestApp {
    /// Starts the server with the demo content.
    pub(crate) fn with_demo() -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let mut app = TestApp::start_in(data.path(), &["--demo"]);
        app._owned = Some(data);
        app
    }

    /// Starts the server on the data folder `data` with extra `serve` arguments.
    pub(crate) fn start_in(data: &Path, extra: &[&str]) -> TestApp {
        TestApp::start_with_env(data, extra, &[])
    }

    /// Starts the server with extra environment variables too.
    pub(crate) fn start_with_env(data: &Path, extra: &[&str], env: &[(&str, &str)]) -> TestApp {
        let mut child = Command::new(BINARY)
            .envs(env.iter().copied())
            .args(["serve", "--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            .args(extra.iter().filter(|arg| **arg != "--strict-limits"))
            .env("ASHYQ_LOG", "warn")
            // Tests post many comments from one address; the rate limit has its own test.
            .env(
                "ASHYQ_COMMENTS_PER_ADDRESS",
                if extra.contains(&"--strict-limits") { "10" } else { "100000" },
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the ashyq binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let deadline = Instant::now() + Duration::from_secs(30);
        let base = loop {
            assert!(Instant::now() < deadline, "the server did not announce its address in time");
            let line =
                lines.next().expect("the server printed its address").expect("stdout is UTF-8");
            if let Some(rest) = line.strip_prefix("ashyq: serving ") {
                break rest.split_whitespace().next().unwrap().trim_end_matches('/').to_owned();
            }
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        TestApp {
            child: std::sync::Mutex::new(child),
            base,
            data: data.to_owned(),
            _owned: None,
            agent,
        }
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[])
    }

    pub(crate) fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.call().unwrap_or_else(|error| panic!("GET {path}: {error}"));
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), value.to_str().unwrap_or("").to_owned())
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(10 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Reply { status, headers, body }
    }

    /// GET of a file whose bytes matter (an image): the status and the body as sent.
    pub(crate) fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.base))
            .call()
            .unwrap_or_else(|error| panic!("GET {path}: {error}"));
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(32 * 1024 * 1024).read_to_vec();
        (status, body.unwrap_or_else(|error| panic!("GET {path}: {error}")))
    }

    /// GET that must answer 200.
    pub(crate) fn page(&self, path: &str) -> String {
        let reply = self.get(path);
        assert_eq!(reply.status, 200, "GET {path}");
        reply.body
    }
}

impl TestApp {
    /// The server's process id (the same after it re-executes itself at start).
    pub(crate) fn pid(&self) -> u32 {
        self.child.lock().unwrap_or_else(std::sync::PoisonError::into_inner).id()
    }

    /// Makes the app own its temporary data folder (deleted when the app is dropped).
    pub(crate) fn own_data(&mut self, data: tempfile::TempDir) {
        self._owned = Some(data);
    }

    /// Kills the server with SIGKILL, as a crash or power loss would.
    /// Waits for the server to end by itself (after a signal), at most `limit`; kills it and
    /// fails past that.
    pub(crate) fn wait_for_exit(&self, limit: Duration) -> std::process::ExitStatus {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let mut child = self.child.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("the server did not stop within {limit:?}");
            }
            drop(child);
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn kill(&self) {
        let mut child = self.child.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs the binary with arguments, in `dir`, and returns its output.
pub(crate) fn run_ashyq(dir: &Path, args: &[&str]) -> Output {
    Command::new(BINARY)
        .args(args)
        .current_dir(dir)
        .env("ASHYQ_LOG", "warn")
        .output()
        .expect("the ashyq binary runs")
}

/// The demo content folder in the repository.
pub(crate) fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo")
}

/// Every `href` and `src` value in an HTML page.
pub(crate) fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\"", "action=\"", "srcset=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    found
}

/// Every value of one attribute in an HTML page.
pub(crate) fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let marker = format!(" {attribute}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&marker) {
        rest = &rest[start + marker.len()..];
        if let Some(end) = rest.find('"') {
            found.push(rest[..end].replace("&amp;", "&"));
        }
    }
    found
}

/// Positions of `needles` in `haystack`, asserting each is present and they come in order.
pub(crate) fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let Some(position) = haystack[from..].find(needle) else {
            panic!("{needle:?} is missing after byte {from}");
        };
        from += position + needle.len();
    }
}

/// A browser-like client for one app: keeps cookies, finds the CSRF token, posts forms.
pub(crate) struct Browser<'a> {
    app: &'a TestApp,
    agent: ureq::Agent,
    cookies: std::collections::BTreeMap<String, String>,
    pub(crate) user_agent: String,
}

impl<'a> Browser<'a> {
    pub(crate) fn new(app: &'a TestApp) -> Browser<'a> {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Browser { app, agent, cookies: Default::default(), user_agent: "test-browser".to_owned() }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn remember(&mut self, headers: &[(String, String)]) {
        for (name, value) in headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or("");
            if let Some((key, cookie)) = pair.split_once('=') {
                if cookie.is_empty() || value.contains("Max-Age=0") {
                    self.cookies.remove(key);
                } else {
                    self.cookies.insert(key.to_owned(), cookie.to_owned());
                }
            }
        }
    }

    fn finish(&mut self, mut response: ureq::http::Response<ureq::Body>) -> Reply {
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), value.to_str().unwrap_or("").to_owned())
            })
            .collect();
        self.remember(&headers);
        let body = response
            .body_mut()
            .with_config()
            .limit(10 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Reply { status, headers, body }
    }

    pub(crate) fn get(&mut self, path: &str) -> Reply {
        self.get_with(path, &[])
    }

    /// GET with this browser's cookies and extra request headers.
    pub(crate) fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self
            .agent
            .get(format!("{}{path}", self.app.base))
            .header("cookie", &self.cookie_header())
            .header("user-agent", &self.user_agent);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.call().unwrap_or_else(|error| panic!("GET {path}: {error}"));
        self.finish(response)
    }

    /// Posts a form as is (no CSRF token added).
    pub(crate) fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let response = self
            .agent
            .post(format!("{}{path}", self.app.base))
            .header("cookie", &self.cookie_header())
            .header("user-agent", &self.user_agent)
            .header("content-type", "application/x-www-form-urlencoded")
            .send(body.as_bytes())
            .unwrap_or_else(|error| panic!("POST {path}: {error}"));
        self.finish(response)
    }

    /// Posts a form as is, naming `host` in the `Host` header (as a browser on another machine
    /// would).
    pub(crate) fn post_with_host(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        host: &str,
    ) -> Reply {
        let body = fields
            .iter()
            .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let response = self
            .agent
            .post(format!("{}{path}", self.app.base))
            .header("host", host)
            .header("cookie", &self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .send(body.as_bytes())
            .unwrap_or_else(|error| panic!("POST {path}: {error}"));
        self.finish(response)
    }

    /// Posts a `multipart/form-data` body with text fields and one file (name, content type, bytes)
    /// to `path`, which carries its own query (the CSRF token goes there for multipart forms).
    pub(crate) fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Reply {
        const BOUNDARY: &str = "ashyq-test-boundary-7d3f";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((file_name, content_type, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let response = self
            .agent
            .post(format!("{}{path}", self.app.base))
            .header("cookie", &self.cookie_header())
            .header("user-agent", &self.user_agent)
            .header("content-type", &format!("multipart/form-data; boundary={BOUNDARY}"))
            .send(&body[..])
            .unwrap_or_else(|error| panic!("POST {path}: {error}"));
        self.finish(response)
    }

    /// The CSRF token this browser holds (fetching a page first if it has none).
    pub(crate) fn csrf(&mut self) -> String {
        if !self.cookies.contains_key("ashyq_csrf") {
            self.get("/login");
        }
        self.cookies.get("ashyq_csrf").cloned().expect("the server set a CSRF cookie")
    }

    /// Posts a form with the CSRF token, as a page would.
    pub(crate) fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(path, &all)
    }

    /// Takes over another browser's cookies (as a thief with a copied cookie would).
    pub(crate) fn copy_cookies_from(&mut self, other: &Browser<'_>) {
        self.cookies = other.cookies.clone();
    }

    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name).cloned()
    }

    pub(crate) fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    pub(crate) fn has_cookie(&self, name: &str) -> bool {
        self.cookies.contains_key(name)
    }

    /// Logs in with e-mail and password; returns the reply to the POST.
    pub(crate) fn login(&mut self, email: &str, password: &str) -> Reply {
        self.get("/login");
        self.post("/login", &[("email", email), ("password", password), ("next", "/admin")])
    }
}

/// Percent-encodes a form value.
pub(crate) fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl TestApp {
    /// Creates an account with a password through the command line.
    pub(crate) fn add_user(&self, email: &str, name: &str, roles: &str, password: &str) {
        use std::io::Write as _;
        let mut child = Command::new(BINARY)
            .args([
                "user",
                "add",
                "--email",
                email,
                "--name",
                name,
                "--role",
                roles,
                "--password-stdin",
                "--data",
            ])
            .arg(&self.data)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(password.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "user add: {}", String::from_utf8_lossy(&output.stderr));
    }
}

impl Reply {
    /// Where a redirect points.
    pub(crate) fn location(&self) -> Option<&str> {
        self.header("location")
    }
}
