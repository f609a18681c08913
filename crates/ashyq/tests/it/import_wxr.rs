//! `ashyq import wxr` (issue 13): a WordPress export imported whole, safely twice, and hostile
//! files refused with their line and column, through the command line and read back over HTTP.

use std::path::{Path, PathBuf};

use ashyq_images::test_support::{PLANTED_SERIAL, plain_jpeg, revealing_jpeg};

use crate::support::{TestApp, run_ashyq};

pub(crate) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ashyq-import/fixtures").join(name)
}

pub(crate) struct Run {
    pub(crate) ok: bool,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

pub(crate) fn ashyq(data: &Path, args: &[&str]) -> Run {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--data", data.to_str().unwrap()]);
    let output = run_ashyq(data, &all);
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A copy of `wp-content/uploads` with the two images the fixture uses (one with GPS in EXIF).
fn uploads() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("2024/03")).unwrap();
    std::fs::write(dir.path().join("2024/03/square.jpg"), revealing_jpeg(640, 480)).unwrap();
    std::fs::write(dir.path().join("2024/03/lead.png"), plain_jpeg(320, 200)).unwrap();
    dir
}

pub(crate) fn query_rows(data: &Path, sql: &str) -> Vec<(String, String)> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let database = data.join("ashyq.db");
        let mut connection =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
                .await
                .unwrap();
        sqlx::query_as(sql).fetch_all(&mut connection).await.unwrap()
    })
}

fn import_fixture(data: &Path, media: &Path) -> Run {
    let file = fixture("site.xml");
    ashyq(data, &["import", "wxr", file.to_str().unwrap(), "--media", media.to_str().unwrap()])
}

/// Issue 11: without the operator's word, the archive's published translations wait for a
/// language editor instead of being published; the originals are published as before.
#[test]
fn issue_11_published_translations_wait_for_review_when_the_operator_requires_approval() {
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    let file = fixture("site.xml");
    let run = ashyq(
        data.path(),
        &[
            "import",
            "wxr",
            "--require-approval",
            file.to_str().unwrap(),
            "--media",
            media.path().to_str().unwrap(),
        ],
    );
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("wait for review instead of being published"), "{}", run.stderr);
    let statuses = query_rows(data.path(), "SELECT slug, status FROM articles ORDER BY slug");
    let status = |slug: &str| statuses.iter().find(|(s, _)| s == slug).map(|(_, v)| v.clone());
    assert_eq!(status("the-bridge").as_deref(), Some("published"));
    assert_eq!(status("most").as_deref(), Some("review"), "{statuses:?}");
    let units = query_rows(
        data.path(),
        "SELECT slug, CAST(COUNT(*) AS TEXT) FROM translation_units WHERE slug = 'most' GROUP BY slug",
    );
    assert_eq!(units.len(), 1, "the translation's units are recorded like every import's");
}

#[test]
fn a_wordpress_export_becomes_articles_comments_and_clean_images_issue_13() {
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    let run = import_fixture(data.path(), media.path());
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Imported 9 articles, 5 comments and 2 images"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "Found 2 people; skipped 2 items (reasons above) and 1 pingback or trackback."
        ),
        "{}",
        run.stdout
    );
    for expected in [
        "skipped post 16 “Thrown away”: in WordPress's trash",
        "skipped item 21 (nav_menu_item)",
        "adapted post 10: the link `javascript:alert(1)` is kept as text",
        "adapted post 18: no title, imported as “(untitled)”",
        "image not found: https://old.example.org/wp-content/uploads/2024/03/ford-winter.jpg (expected at MEDIA/2024/03/ford-winter.jpg); left out",
        "unknown shortcode [gallery] in 1 post(s), kept as text",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }

    let statuses = query_rows(data.path(), "SELECT slug, status FROM articles ORDER BY slug");
    let status = |slug: &str| {
        statuses
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, status)| status.as_str())
            .unwrap_or("none")
    };
    assert_eq!(status("the-bridge"), "published");
    assert_eq!(status("a-draft-about-the-school-bus"), "draft");
    assert_eq!(status("salaries"), "unpublished");
    assert_eq!(status("the-bridge-opens"), "published");
    assert_eq!(status("waiting"), "review");
    assert_eq!(status("for-subscribers"), "unpublished");
    assert_eq!(status("thrown-away-trashed"), "none");

    let app = TestApp::start_in(data.path(), &[]);
    let page = app.get("/articles/the-bridge");
    assert_eq!(page.status, 200);
    for expected in [
        "The bridge that waited eleven years",
        "Dana Serikova",
        "Cars wait at the ford in March.",
        "<table>",
        "<blockquote>",
        "[gallery ids=",
        "this trick",
        "My grandfather crossed that ford",
    ] {
        assert!(page.body.contains(expected), "{expected} missing");
    }
    assert!(!page.body.contains("javascript:alert"));
    assert!(!page.body.contains("alert(\"no\")"));
    assert!(!page.body.contains("Up to the saddle"), "a pending comment is not shown to readers");
    assert!(!page.body.contains("Discount cement"), "spam is not shown");
    assert!(!page.body.contains("threw away"), "trash is not shown");
    let reply = page.body.find("Did he say how deep").unwrap();
    let reply_item = page.body[..reply].rfind("<li class=\"comment").unwrap();
    assert!(page.body[reply_item..reply].contains("depth-1"), "the reply is threaded");

    let russian = app.get("/articles/most");
    assert_eq!(russian.status, 200);
    assert!(russian.body.contains("Второй абзац без тегов"));
    assert!(russian.body.contains("href=\"/articles/the-bridge\""), "translations are linked");
    assert_eq!(app.get("/articles/the-bridge-2").status, 200, "a duplicate slug got a number");
    assert_eq!(app.get("/articles/the-bridge-opens").status, 404, "scheduled");
    assert_eq!(app.get("/articles/salaries").status, 404, "private");
    assert_eq!(app.get("/articles/for-subscribers").status, 404, "password-protected");

    let comments = query_rows(
        data.path(),
        "SELECT c.body, coalesce(p.body, '') || '|' || c.status || '|' || coalesce(c.email, '') || coalesce(c.address_hash, '') \
         FROM comments c LEFT JOIN comments p ON p.comment_id = c.parent_id ORDER BY c.comment_id",
    );
    assert_eq!(comments.len(), 5);
    assert_eq!(comments[2].0, "Up to the saddle in spring, he said.");
    assert_eq!(
        comments[2].1, "Thank you, Aliya. Did he say how deep it was?|pending|",
        "parent, state, no address or e-mail"
    );
    assert!(comments[3].1.ends_with("|spam|"));
    assert!(comments[4].1.ends_with("|rejected|"));

    let mut media_files = 0;
    for entry in std::fs::read_dir(data.path().join("media")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        media_files += 1;
        assert!(
            !bytes.windows(PLANTED_SERIAL.len()).any(|window| window == PLANTED_SERIAL.as_bytes()),
            "EXIF stripped from imported media"
        );
        assert!(!bytes.windows(4).any(|window| window == b"Exif"), "no EXIF segment at all");
    }
    assert!(media_files >= 2);
}

#[test]
fn the_same_export_twice_changes_nothing_and_says_so_issue_13() {
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    assert!(import_fixture(data.path(), media.path()).ok);
    let before =
        query_rows(data.path(), "SELECT slug, status || updated_at FROM articles ORDER BY slug");
    let second = import_fixture(data.path(), media.path());
    assert!(second.ok, "{}", second.stderr);
    assert!(
        second.stdout.contains(
            "Nothing changed: 9 articles and 5 comments from this file were imported before."
        ),
        "{}",
        second.stdout
    );
    assert_eq!(
        query_rows(data.path(), "SELECT slug, status || updated_at FROM articles ORDER BY slug"),
        before
    );
    assert_eq!(
        query_rows(data.path(), "SELECT 'n', CAST(count(*) AS TEXT) FROM comments")[0].1,
        "5"
    );
}

#[test]
fn a_later_export_adds_only_the_new_posts_and_comments_issue_13() {
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    let full = std::fs::read_to_string(fixture("site.xml")).unwrap();
    // The earlier export: without the Kazakh post (18) and without comment 103.
    let start = full.find("\t<item>\n\t\t<title><![CDATA[]]></title>").unwrap();
    let end = start + full[start..].find("</item>").unwrap() + "</item>".len();
    let comment_start = full.find("\t\t<wp:comment>\n\t\t\t<wp:comment_id>103").unwrap();
    let comment_end = comment_start
        + full[comment_start..].find("</wp:comment>").unwrap()
        + "</wp:comment>".len();
    let mut earlier = full.clone();
    earlier.replace_range(start..end, "");
    earlier.replace_range(comment_start..comment_end, "");
    let earlier_file = data.path().join("earlier.xml");
    std::fs::write(&earlier_file, earlier).unwrap();
    let first = ashyq(
        data.path(),
        &[
            "import",
            "wxr",
            earlier_file.to_str().unwrap(),
            "--media",
            media.path().to_str().unwrap(),
        ],
    );
    assert!(
        first.stdout.contains("Imported 8 articles, 4 comments"),
        "{}\n{}",
        first.stdout,
        first.stderr
    );
    let later = import_fixture(data.path(), media.path());
    assert!(
        later.stdout.contains("Imported 1 article, 1 comment and 0 images"),
        "{}\n{}",
        later.stdout,
        later.stderr
    );
    let kazakh = query_rows(
        data.path(),
        "SELECT slug, coalesce(translation_of, '') FROM articles WHERE lang = 'kk'",
    );
    assert_eq!(kazakh, [("the-bridge-2".to_owned(), "the-bridge".to_owned())]);
    let reply = query_rows(
        data.path(),
        "SELECT c.body, p.body FROM comments c JOIN comments p ON p.comment_id = c.parent_id WHERE c.body LIKE 'Up to%'",
    );
    assert_eq!(
        reply[0].1, "Thank you, Aliya. Did he say how deep it was?",
        "threaded onto the earlier run's comment"
    );
}

#[test]
fn a_dry_run_reports_everything_and_writes_nothing_issue_13() {
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    let file = fixture("site.xml");
    let run = ashyq(
        data.path(),
        &[
            "import",
            "wxr",
            file.to_str().unwrap(),
            "--media",
            media.path().to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Dry run, nothing was written: it would import 9 articles, 5 comments and 2 images."
        ),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("skipped post 16"));
    assert_eq!(
        query_rows(data.path(), "SELECT 'n', CAST(count(*) AS TEXT) FROM articles")[0].1,
        "0"
    );
    let media_dir = data.path().join("media");
    assert!(!media_dir.exists() || std::fs::read_dir(media_dir).unwrap().next().is_none());
}

fn refused(data: &Path, text: &str, expected: &[&str]) {
    let file = data.join("hostile.xml");
    std::fs::write(&file, text).unwrap();
    let run = ashyq(data, &["import", "wxr", file.to_str().unwrap()]);
    assert!(!run.ok, "{expected:?} was imported: {}", run.stdout);
    for expected in expected {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("nothing was imported"));
    let articles = query_rows(data, "SELECT 'n', CAST(count(*) AS TEXT) FROM articles");
    assert_eq!(articles[0].1, "0");
}

#[test]
fn hostile_and_malformed_exports_import_nothing_and_name_line_and_column_issue_13() {
    let data = tempfile::tempdir().unwrap();
    // The database exists, so a refusal can be seen to have written nothing.
    assert!(
        ashyq(data.path(), &["import", "wxr", "--dry-run", fixture("site.xml").to_str().unwrap()])
            .ok
    );
    let site = std::fs::read_to_string(fixture("site.xml")).unwrap();
    let laughs = site.replacen(
        "<rss",
        "<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n<rss",
        1,
    );
    refused(data.path(), &laughs, &["hostile.xml:4:1: the file declares a document type"]);
    let xxe = site
        .replacen("<rss", "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<rss", 1)
        .replacen("<wp:post_id>12</wp:post_id>", "<wp:post_id>&xxe;</wp:post_id>", 1);
    refused(data.path(), &xxe, &["hostile.xml:4:1: the file declares a document type"]);
    // Inside CDATA `&xxe;` is only text; outside, it is refused.
    refused(
        data.path(),
        &site.replacen("<wp:post_id>12</wp:post_id>", "<wp:post_id>12&xxe;</wp:post_id>", 1),
        &["the entity `&xxe;` is not one of XML's five"],
    );
    refused(
        data.path(),
        &site[..site.len() - 200],
        &["hostile.xml:321:2: the XML is malformed: the file ends inside `<channel>`"],
    );
    refused(
        data.path(),
        &site.replace("http://wordpress.org/export/1.2/\"", "http://example.org/export/1.2/\""),
        &["hostile.xml:18:", "exports use http(s)://wordpress.org/export/1.0/ to 1.2/"],
    );
    refused(
        data.path(),
        &site.replacen("<wp:post_type><![CDATA[post]]></wp:post_type>", "", 1),
        &["`<wp:post_type>` is missing inside `<item>`"],
    );
    let huge = site.replacen("Notes for later.", &"a".repeat(9 * 1024 * 1024), 1);
    refused(data.path(), &huge, &["is longer than 8388608 bytes"]);
    refused(data.path(), "\u{feff}<html><body>not an export</body></html>", &["not `<rss>`"]);
}
