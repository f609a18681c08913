//! Issue 12: the signed static copy (`export site`), `verify`, the signing key and its rotation,
//! and `/mirrors`. The copy is checked with the standard tools (minisign, sha256sum), in headless
//! Chromium opened from disk, and by hand for what it must never hold.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::browser::Driver;
use crate::support::{BINARY, TestApp, demo_dir, links};

pub(crate) const LIVE: &str = "https://news.example";
const ONION: &str = "http://ashyqnewsroomexampleashyqnewsroomexampleashyqnewsroomexa.onion";

/// Runs `ashyq` on `data` with the live address set.
pub(crate) fn ashyq(data: &Path, args: &[&str]) -> Output {
    Command::new(BINARY)
        .arg("--data")
        .arg(data)
        .args(args)
        .env("ASHYQ_LOG", "warn")
        .env("ASHYQ_PUBLIC_URL", LIVE)
        .output()
        .expect("the ashyq binary runs")
}

pub(crate) fn succeed(output: Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{what} failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

async fn database(data: &Path) -> sqlx::SqliteConnection {
    use sqlx::Connection as _;
    sqlx::SqliteConnection::connect(&format!("sqlite://{}", data.join("ashyq.db").display()))
        .await
        .unwrap()
}

fn sql(data: &Path, statements: &[&str]) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(async {
        let mut connection = database(data).await;
        for statement in statements {
            sqlx::query(statement).execute(&mut connection).await.unwrap();
        }
    });
}

/// A comment row with everything the table requires.
fn comment(slug: &str, name: &str, email: &str, body: &str, status: &str) -> String {
    format!(
        "INSERT INTO comments (article_id, author_name, email, body, body_html, status, \
         fingerprint_exact, fingerprint_simhash, fingerprint_tokens, commenter_token_hash, \
         address_hash, created_at, updated_at) SELECT article_id, '{name}', '{email}', '{body}', \
         '<p>{body}</p>', '{status}', abs(random() % 100000), 1, 3, 'token-{name}', 'address-{name}', \
         1764000000, 1764000000 FROM articles WHERE slug = '{slug}'"
    )
}

/// The demo imported, with one article made a draft, one scheduled for later, an approved comment
/// and comments no reader may see (pending, spam), each with an e-mail address.
pub(crate) fn demo_site() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let articles = demo_dir().join("articles");
    succeed(ashyq(data.path(), &["import", "md", articles.to_str().unwrap()]), "import");
    // Known copies and the onion address are site settings: the page and every copy show them.
    let mirrors = "https://copy-one.example/news,https://copy-two.example";
    succeed(ashyq(data.path(), &["site", "set", "mirrors", mirrors]), "site set mirrors");
    succeed(ashyq(data.path(), &["site", "set", "onion_address", ONION]), "site set onion_address");
    sql(
        data.path(),
        &[
            "UPDATE articles SET status = 'draft' WHERE slug = 'kto-perevodit-nas'",
            "UPDATE articles SET published_at = 4102444800 WHERE slug = 'auyl-radiosy'",
            &comment(
                "reading-us-when-blocked",
                "Aigerim",
                "aigerim@reader.example",
                "Thank you, the onion address works for me.",
                "approved",
            ),
            &comment(
                "reading-us-when-blocked",
                "Pending Person",
                "pending@reader.example",
                "PENDING-TEXT-NOBODY-APPROVED",
                "pending",
            ),
            &comment("printers-who-said-no", "Spammer", "spam@reader.example", "SPAM-TEXT", "spam"),
        ],
    );
    data
}

pub(crate) fn export(data: &Path, out: &Path) -> String {
    succeed(ashyq(data, &["export", "site", "--out", out.to_str().unwrap()]), "export site")
}

/// Every file under `dir`, as relative paths.
pub(crate) fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

fn public_key_line(data: &Path) -> String {
    let shown = succeed(ashyq(data, &["key", "show"]), "key show");
    assert!(shown.starts_with("untrusted comment: minisign public key"), "{shown}");
    shown.lines().last().unwrap().to_owned()
}

/// Fails loudly under CI when a tool the test needs is missing; elsewhere says it is skipped.
fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|path| path.is_file());
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must install {name} (see .ci/run)");
        eprintln!("{name} is not installed; that part of the test is skipped here");
    }
    found
}

fn exported_counts(report: &str) -> (usize, usize, usize) {
    let number = |word: &str| -> usize {
        let before = report.split(&format!(" {word}")).next().unwrap();
        before.rsplit(' ').next().unwrap().parse().unwrap_or_else(|_| panic!("{report}"))
    };
    (number("written"), number("unchanged"), number("removed"))
}

#[test]
fn the_copy_holds_the_public_site_and_nothing_private_issue_12() {
    let data = demo_site();
    let out = tempfile::tempdir().unwrap();
    let report = export(data.path(), out.path());
    let files = files_under(out.path());
    for expected in [
        "index.html",
        "en/index.html",
        "ru/index.html",
        "articles/reading-us-when-blocked/index.html",
        "articles/tipografii-kotorye-otkazali/index.html",
        "authors/yerlan-zhaksybekov/index.html",
        "mirrors/index.html",
        "mirrors/kk/index.html",
        "mirrors/ru/index.html",
        "keys/public.key",
        "manifest.txt",
        "manifest.txt.minisig",
        // Issue 12's feeds and sitemap, rendered as the server renders them.
        "feed.atom",
        "en/feed.atom",
        "ru/feed.atom",
        "authors/yerlan-zhaksybekov/feed.atom",
        "sitemap.xml",
    ] {
        assert!(files.iter().any(|file| file == expected), "{expected} missing from {files:?}");
    }
    assert!(files.iter().any(|file| file.starts_with("static/site.") && file.ends_with(".css")));
    assert!(files.iter().any(|file| file.starts_with("media/") && file.ends_with(".svg")));
    assert!(files.iter().any(|file| file.starts_with("tags/")), "{files:?}");
    // Neither the draft nor the article scheduled for later.
    assert!(!files.iter().any(|file| file.contains("kto-perevodit-nas")), "{files:?}");
    assert!(!files.iter().any(|file| file.contains("auyl-radiosy")), "{files:?}");
    assert!(report.contains("4 articles"), "{report}");

    let article =
        std::fs::read_to_string(out.path().join("articles/reading-us-when-blocked/index.html"))
            .unwrap();
    assert!(article.contains("Thank you, the onion address works for me."));
    // The page's feed links lead to the copy's own feeds, which parse and list only public stories.
    assert!(
        article.contains("type=\"application/atom+xml\" href=\"../../feed.atom\"")
            || article.contains("href=\"../../feed.atom\""),
        "{article}"
    );
    let feed = std::fs::read_to_string(out.path().join("feed.atom")).unwrap();
    roxmltree::Document::parse(&feed).unwrap_or_else(|error| panic!("{error}\n{feed}"));
    assert!(feed.contains(&format!("{LIVE}/articles/reading-us-when-blocked")), "{feed}");
    assert!(!feed.contains("kto-perevodit-nas") && !feed.contains("auyl-radiosy"), "{feed}");
    assert!(article.contains(&format!("{LIVE}/articles/reading-us-when-blocked#comment-form")));
    for file in &files {
        let bytes = std::fs::read(out.path().join(file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "PENDING-TEXT-NOBODY-APPROVED",
            "SPAM-TEXT",
            "@reader.example",
            "address-",
            "token-",
            "csrf_token",
            "<form",
            "/admin",
            "SECRET KEY",
            "secret key",
        ] {
            // robots.txt names the live site's private paths to keep crawlers out of them.
            if file == "robots.txt" && secret == "/admin" {
                continue;
            }
            assert!(!text.contains(secret), "{file} holds `{secret}`");
        }
        if file.ends_with(".html") {
            for link in links(&text) {
                assert!(
                    !link.starts_with('/'),
                    "{file} links to `{link}`, which only works on the live site's root"
                );
            }
        }
    }
    // The signing key stays private in the data folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let key = data.path().join("mirror-key").join("secret.key");
        assert_eq!(std::fs::metadata(key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let mirrors = std::fs::read_to_string(out.path().join("mirrors/ru/index.html")).unwrap();
    assert!(mirrors.contains(&public_key_line(data.path())));
    assert!(mirrors.contains("https://copy-one.example/news"));
    assert!(mirrors.contains(ONION));
    assert!(mirrors.contains("minisign -V -m manifest.txt -P"));
    assert!(mirrors.contains("lang=\"ru\""));
}

#[test]
fn verify_passes_a_true_copy_and_names_every_changed_missing_and_extra_file_issue_12() {
    let data = demo_site();
    let out = tempfile::tempdir().unwrap();
    export(data.path(), out.path());
    let key = public_key_line(data.path());
    let dir = out.path().to_str().unwrap();

    let good = succeed(ashyq(data.path(), &["verify", dir, "--key", &key]), "verify");
    assert!(good.contains("Signature: good"), "{good}");
    // Without --key, the data folder's key.
    succeed(ashyq(data.path(), &["verify", dir]), "verify with the data folder's key");

    if let Some(minisign) = tool("minisign") {
        let output = Command::new(minisign)
            .args(["-V", "-m", "manifest.txt", "-P", &key])
            .current_dir(out.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    if let Some(sha256sum) = tool("sha256sum") {
        let output = Command::new(sha256sum)
            .args(["-c", "--quiet", "manifest.txt"])
            .current_dir(out.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    }

    // One flipped bit, one missing file, one extra file.
    let page = out.path().join("articles/reading-us-when-blocked/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    bytes[200] ^= 0x01;
    std::fs::write(&page, bytes).unwrap();
    std::fs::remove_file(out.path().join("mirrors/kk/index.html")).unwrap();
    std::fs::write(out.path().join("articles/planted.html"), "<p>not from the newsroom</p>")
        .unwrap();
    let output = ashyq(data.path(), &["verify", dir, "--key", &key]);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("changed: articles/reading-us-when-blocked/index.html"), "{said}");
    assert!(said.contains("missing: mirrors/kk/index.html"), "{said}");
    assert!(said.contains("extra: articles/planted.html"), "{said}");
    assert!(said.contains("Signature: good"), "{said}");

    // Another key does not vouch for this copy.
    let stranger = tempfile::tempdir().unwrap();
    let other_key = public_key_line(stranger.path());
    let output = ashyq(data.path(), &["verify", dir, "--key", &other_key]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("Signature: BAD"));

    // A manifest changed after signing fails the signature.
    std::fs::remove_file(out.path().join("articles/planted.html")).unwrap();
    let manifest = out.path().join("manifest.txt");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("index.html", "index.htm", 1)).unwrap();
    let output = ashyq(data.path(), &["verify", dir, "--key", &key]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("Signature: BAD"));
}

#[test]
fn a_second_export_writes_only_what_changed_issue_12() {
    let data = demo_site();
    let out = tempfile::tempdir().unwrap();
    let first = export(data.path(), out.path());
    let (written, unchanged, removed) = exported_counts(&first);
    assert!(written > 20 && unchanged == 0 && removed == 0, "{first}");
    let total = written;

    let again = export(data.path(), out.path());
    assert_eq!(exported_counts(&again), (0, total, 0), "{again}");

    // One article's text edited: only its page changes.
    sql(
        data.path(),
        &["UPDATE articles SET body_html = body_html || '<p>A correction.</p>' \
           WHERE slug = 'printers-who-said-no'"],
    );
    let edited = export(data.path(), out.path());
    // Its page, and the feeds that carry its full text (issue 12): nothing else.
    let feeds_with_it = files_under(out.path())
        .iter()
        .filter(|file| file.ends_with(".atom"))
        .filter(|file| {
            std::fs::read_to_string(out.path().join(file)).unwrap().contains("A correction.")
        })
        .count();
    assert!(feeds_with_it >= 2, "the site's feed and its language's at least");
    let changed = 1 + feeds_with_it;
    assert_eq!(exported_counts(&edited), (changed, total - changed, 0), "{edited}");
    let page = std::fs::read_to_string(out.path().join("articles/printers-who-said-no/index.html"))
        .unwrap();
    assert!(page.contains("A correction."));

    // An article unpublished: its page is removed, the lists that showed it rewritten.
    sql(
        data.path(),
        &["UPDATE articles SET status = 'unpublished' WHERE slug = 'printers-who-said-no'"],
    );
    let withdrawn = export(data.path(), out.path());
    let (written, _, removed) = exported_counts(&withdrawn);
    assert!(removed >= 1 && written >= 1, "{withdrawn}");
    assert!(!out.path().join("articles/printers-who-said-no").exists());
    succeed(
        ashyq(data.path(), &["verify", out.path().to_str().unwrap()]),
        "verify after the incremental export",
    );

    // A folder that is not an export is never written into.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("notes.txt"), "mine").unwrap();
    let output = ashyq(data.path(), &["export", "site", "--out", other.path().to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("export into an empty folder"));
}

#[test]
fn a_rotated_key_is_reached_from_the_old_one_through_its_signed_statement_issue_12() {
    let data = demo_site();
    let old_key = public_key_line(data.path());
    let rotated = succeed(ashyq(data.path(), &["key", "rotate"]), "key rotate");
    let new_key = public_key_line(data.path());
    assert_ne!(old_key, new_key);
    assert!(rotated.contains(&new_key), "{rotated}");

    let out = tempfile::tempdir().unwrap();
    export(data.path(), out.path());
    let dir = out.path().to_str().unwrap();
    let statement = out.path().join("keys/rotations/0001.txt");
    let text = std::fs::read_to_string(&statement).unwrap();
    assert!(text.contains(&format!("previous key: {old_key}")), "{text}");
    assert!(text.contains(&format!("next key: {new_key}")), "{text}");
    let mirrors = std::fs::read_to_string(out.path().join("mirrors/index.html")).unwrap();
    assert!(mirrors.contains(&format!("next key: {new_key}")));

    if let Some(minisign) = tool("minisign") {
        let output = Command::new(minisign)
            .args(["-V", "-m", "keys/rotations/0001.txt", "-P", &old_key])
            .current_dir(out.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let followed = succeed(ashyq(data.path(), &["verify", dir, "--key", &old_key]), "verify");
    assert!(followed.contains("keys/rotations/0001.txt"), "{followed}");

    // A forged statement (signed by a stranger, naming the stranger's key) leads nowhere.
    let stranger = tempfile::tempdir().unwrap();
    let stranger_key = public_key_line(stranger.path());
    std::fs::write(&statement, text.replace(&new_key, &stranger_key)).unwrap();
    let output = ashyq(data.path(), &["verify", dir, "--key", &old_key]);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains("Signature: BAD") && said.contains("changed: keys/rotations/0001.txt"),
        "{said}"
    );
}

#[test]
fn the_server_shows_the_mirrors_page_in_every_language_issue_12() {
    let data = demo_site();
    let key = public_key_line(data.path());
    let app = TestApp::start_with_env(data.path(), &[], &[("ASHYQ_PUBLIC_URL", LIVE)]);
    for (path, words) in [
        ("/mirrors/en", "How to check a copy"),
        ("/mirrors/ru", "Как проверить копию"),
        ("/mirrors/kk", "Көшірмені қалай тексеруге болады"),
    ] {
        let page = app.page(path);
        assert!(page.contains(words), "{path}");
        assert!(page.contains(&key), "{path}");
        assert!(page.contains("https://copy-one.example/news"), "{path}");
    }
    let negotiated = app.get_with("/mirrors", &[("Accept-Language", "kk")]);
    assert_eq!(negotiated.status, 200);
    assert!(negotiated.body.contains("lang=\"kk\""));
    assert_eq!(app.get("/mirrors/xx").status, 404);
    assert!(app.page("/").contains("href=\"/mirrors\""));
}

#[test]
fn a_copy_opened_from_disk_shows_pictures_and_links_between_its_pages_issue_12() {
    let data = demo_site();
    let out = tempfile::tempdir().unwrap();
    // Under a sub-folder, as a copy kept among other files would be.
    let copy = out.path().join("some folder").join("copy");
    export(data.path(), &copy);
    let Some(driver) = Driver::start() else { return };
    let browser = driver.session();
    let file_url = |path: &str| {
        let full = copy.join(path);
        format!("file://{}", full.to_str().unwrap().replace(' ', "%20"))
    };

    browser.open(&file_url("articles/reading-us-when-blocked/index.html"));
    let images = browser.elements("article img");
    assert!(!images.is_empty(), "{}", browser.page_source());
    for image in &images {
        let width = browser.property(image, "naturalWidth").as_u64().unwrap_or(0);
        assert!(width > 0, "an image did not load: {:?}", browser.property(image, "src"));
    }
    // The stylesheet loaded from the copy: the skip link is moved out of sight by it.
    assert_eq!(browser.css(".skip-link", "position"), "absolute");

    // The author's page, from the byline, and back to an article from there.
    browser.click("a[rel=author]");
    let url = browser.current_url();
    assert!(url.ends_with("/copy/authors/yerlan-zhaksybekov/index.html"), "{url}");
    assert!(browser.page_source().contains("How to keep reading us when the site is blocked"));
    browser.click(".story-title a");
    assert!(browser.current_url().contains("/copy/articles/"), "{}", browser.current_url());

    // From a language's front page (a sub-folder) to the site's front page and the mirrors page.
    browser.open(&file_url("ru/index.html"));
    browser.click("nav.languages a[hreflang=en]");
    assert!(browser.current_url().ends_with("/copy/en/index.html"), "{}", browser.current_url());
    // (The footer also links the page's feed, since issue 12.)
    browser.click(".site-footer a[href*=mirrors]");
    let url = browser.current_url();
    assert!(url.ends_with("/copy/mirrors/index.html"), "{url}");
    assert!(browser.page_source().contains("minisign -V -m manifest.txt"));
    browser.click("nav.translations a[hreflang=kk]");
    assert!(browser.current_url().ends_with("/copy/mirrors/kk/index.html"));
}

/// The copy credits a translation's translators as the live page does ("Translated from Russian
/// by …"); it used to render translations without them.
#[test]
fn the_copy_credits_a_translations_translators_as_the_live_page_does() {
    let data = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    let original = "+++\ntitle = \"Паром\"\nslug = \"parom\"\nlang = \"ru\"\n\
        published = 2026-04-20T07:15:00+05:00\nsummary = \"Газету возят на лодке.\"\n\
        authors = [{ name = \"Аружан Алибекова\", slug = \"aruzhan-alibekova\" }]\n+++\n\
        Каждую пятницу газета пересекает реку.\n";
    let translation = "+++\ntitle = \"The ferry\"\nslug = \"the-ferry\"\nlang = \"en\"\n\
        translation_of = \"parom\"\ntranslators = [\"Dana Sarsen\"]\n\
        published = 2026-04-21T07:15:00+05:00\nsummary = \"The paper goes by boat.\"\n\
        authors = [{ name = \"Aruzhan Alibekova\", slug = \"aruzhan-alibekova\" }]\n+++\n\
        Every Friday the paper crosses the river.\n";
    std::fs::write(articles.path().join("parom.md"), original).unwrap();
    std::fs::write(articles.path().join("the-ferry.md"), translation).unwrap();
    let folder = articles.path().to_str().unwrap();
    succeed(ashyq(data.path(), &["import", "md", folder]), "import");
    let out = tempfile::tempdir().unwrap();
    export(data.path(), out.path());
    let page = std::fs::read_to_string(out.path().join("articles/the-ferry/index.html")).unwrap();
    assert!(page.contains("Translated from Russian by Dana Sarsen"), "{page}");
    let original = std::fs::read_to_string(out.path().join("articles/parom/index.html")).unwrap();
    assert!(!original.contains("translation-credit"), "the original credits no one: {original}");
}
