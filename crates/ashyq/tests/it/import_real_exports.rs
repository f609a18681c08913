//! Issue 13 on exports made by the real software, not by hand: WordPress 6.1.9's own exporter and
//! Isso 0.14.0's own database (see `crates/ashyq-import/fixtures/real/README.md`). A newsroom that
//! ran WordPress with Isso comments moves in two commands, and readers see it over HTTP.

use std::path::Path;

use ashyq_images::test_support::{PLANTED_SERIAL, revealing_jpeg};

use crate::import_wxr::{Run, ashyq, fixture, query_rows};
use crate::support::TestApp;

fn real(name: &str) -> String {
    fixture(&format!("real/{name}")).to_str().unwrap().to_owned()
}

/// The old site's `wp-content/uploads`: the photo the export names, with GPS and a camera serial.
fn uploads() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("2026/11")).unwrap();
    std::fs::write(dir.path().join("2026/11/press-hall.jpg"), revealing_jpeg(640, 400)).unwrap();
    dir
}

/// Isso's database, rebuilt from its dump.
fn isso_database(path: &Path) {
    let dump = std::fs::read_to_string(real("isso-0.14.0.sql")).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::ConnectOptions as _;
        let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::raw_sql(&dump).execute(&mut connection).await.unwrap();
    });
}

fn import_wordpress(data: &Path, media: &Path) -> Run {
    let file = real("wordpress-6.1.9-newsroom.xml");
    ashyq(data, &["import", "wxr", &file, "--media", media.to_str().unwrap()])
}

#[test]
fn wordpress_6_exporters_own_file_imports_with_each_posts_language_states_threads_and_a_clean_photo_issue_13()
 {
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    let run = import_wordpress(data.path(), media.path());
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Imported 7 articles, 8 comments and 1 image"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "Found 2 people; skipped 1 item (reasons above) and 2 pingbacks and trackbacks."
        ),
        "{}",
        run.stdout
    );
    for expected in [
        "skipped post 12 “Deleted story”: in WordPress's trash",
        "adapted post 6: written in ru (read from its text), not the export's `en-US`",
        "adapted post 7: written in kk (read from its text), not the export's `en-US`",
        "slug `(none)` became `draft-interview-with-the-printer`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }

    let articles =
        query_rows(data.path(), "SELECT slug, lang || ' ' || status FROM articles ORDER BY slug");
    let state = |slug: &str| {
        articles.iter().find(|(s, _)| s == slug).map_or("none", |(_, state)| state.as_str())
    };
    assert_eq!(state("hearing-postponed-again"), "en published");
    assert_eq!(
        state("zasedanie-snova-otlozheno"),
        "ru published",
        "a Cyrillic slug, transliterated"
    );
    assert_eq!(state("sot-otyrysy-tagy-keiinge-kaldyryldy"), "kk published");
    assert_eq!(state("draft-interview-with-the-printer"), "en draft");
    assert_eq!(state("internal-source-list"), "en unpublished", "private");
    assert_eq!(state("about"), "en published", "a page");
    assert_eq!(state("scheduled-the-verdict"), "en published", "scheduled for 2027");

    let app = TestApp::start_in(data.path(), &[]);
    let story = app.get("/articles/hearing-postponed-again");
    assert_eq!(story.status, 200);
    for expected in [
        "Hearing postponed again, press asked to leave",
        "The empty press hall after the hearing.",
        "Rows of empty chairs facing a long table",
        "What the lawyer said",
        "<blockquote>",
        "Second: 30 October",
        "Were any reporters allowed to stay?",
        "Gulnara Seitova",
    ] {
        assert!(story.body.contains(expected), "{expected} missing");
    }
    assert!(!story.body.contains("wp:paragraph"), "block comments are not text");
    assert!(!story.body.contains("[caption"), "the caption shortcode became a figure");
    assert!(!story.body.contains("Waiting for a moderator"), "pending is not shown");
    assert!(!story.body.contains("moved to the trash"), "trash is not shown");
    assert!(!story.body.contains("linked to this story"), "pingbacks are skipped");
    let third = story.body.find("Please post their answer").unwrap();
    let item = story.body[..third].rfind("<li class=\"comment").unwrap();
    assert!(story.body[item..third].contains("depth-2"), "three deep, as in WordPress");

    for (path, text) in
        [("/ru/", "Заседание снова отложено"), ("/kk/", "Сот отырысы тағы кейінге қалдырылды")]
    {
        let listing = app.get(path);
        assert_eq!(listing.status, 200, "{path}: the language came with its post");
        assert!(listing.body.contains(text), "{path}");
    }
    assert_eq!(app.get("/articles/scheduled-the-verdict").status, 404, "not before its date");
    assert_eq!(app.get("/articles/internal-source-list").status, 404);

    let people = query_rows(
        data.path(),
        "SELECT CAST(count(*) AS TEXT), CAST(coalesce(sum(email IS NOT NULL OR address_hash IS NOT NULL), 0) AS TEXT) FROM comments",
    );
    assert_eq!(people[0], ("8".to_owned(), "0".to_owned()), "no commenter's e-mail or IP kept");
    let mut photos = 0;
    for entry in std::fs::read_dir(data.path().join("media")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        photos += 1;
        assert!(!bytes.windows(PLANTED_SERIAL.len()).any(|w| w == PLANTED_SERIAL.as_bytes()));
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF segment at all");
    }
    assert!(photos >= 1);
}

#[test]
fn isso_0_14s_own_database_joins_the_wordpress_posts_with_its_states_edits_and_deletions_issue_13()
{
    let data = tempfile::tempdir().unwrap();
    let media = uploads();
    assert!(import_wordpress(data.path(), media.path()).ok);
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("comments.db");
    isso_database(&database);
    let before = std::fs::read(&database).unwrap();

    let run = ashyq(data.path(), &["import", "isso", database.to_str().unwrap()]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Imported 0 articles, 7 comments and 0 images"), "{}", run.stdout);
    for expected in [
        "skipped comment 9: it has no text",
        "adapted comment 10: its parent is not in the export; shown as a top-level comment",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert_eq!(std::fs::read(&database).unwrap(), before, "Isso's database is only read");

    let comments = query_rows(
        data.path(),
        "SELECT c.body, a.slug || '|' || c.status || '|' || coalesce(c.language, '') || '|' || \
         coalesce(p.author_name, '') || '|' || (c.email IS NULL AND c.address_hash IS NULL) \
         FROM comments c JOIN articles a ON a.article_id = c.article_id \
         LEFT JOIN comments p ON p.comment_id = c.parent_id WHERE c.author_name <> 'Aliya' \
         AND c.comment_id > 8 ORDER BY c.comment_id",
    );
    let about = |start: &str| {
        comments
            .iter()
            .find(|(body, _)| body.starts_with(start))
            .map(|(_, facts)| facts.as_str())
            .unwrap_or_else(|| panic!("{start} not imported: {comments:?}"))
    };
    assert_eq!(
        about("The printers who refused"),
        "hearing-postponed-again|approved|en||1",
        "a path thread; Isso's e-mail and address not kept"
    );
    assert_eq!(
        about("A reply to the reply"),
        "hearing-postponed-again|pending|en|Dana K.|1",
        "waiting in Isso, waiting here; its deleted parent's place taken by the grandparent, as Isso shows it"
    );
    assert_eq!(
        about("Рахмет! Қазақша нұсқасы"),
        "zasedanie-snova-otlozheno|approved|kk|Ерлан|1",
        "a percent-encoded Cyrillic path; a Kazakh reply to a Russian comment"
    );
    assert_eq!(
        about("Second text: the author edited"),
        "about|approved|en||1",
        "the edit, not the first text"
    );
    assert_eq!(about("Replying before the parent"), "hearing-postponed-again|approved|en||1");
    assert!(!comments.iter().any(|(body, _)| body.starts_with("First text")));
    assert!(!comments.iter().any(|(body, _)| body.contains("deleted by its author")));
    assert!(
        !comments.iter().any(|(body, _)| body.contains("second** printer")),
        "deleted by a moderator"
    );

    let app = TestApp::start_in(data.path(), &[]);
    let story = app.get("/articles/hearing-postponed-again");
    assert!(story.body.contains("Thank you for naming the one who"));
    assert!(!story.body.contains("<script>alert(1)"), "Isso's raw text is never HTML here");
    let again = ashyq(data.path(), &["import", "isso", database.to_str().unwrap()]);
    assert!(again.stdout.contains("Nothing changed"), "{}", again.stdout);
}

#[test]
fn imported_comments_meet_the_sites_own_word_lists_as_posted_ones_do_issue_13() {
    let data = tempfile::tempdir().unwrap();
    let migrate = ashyq(data.path(), &["migrate"]);
    assert!(migrate.ok, "{}", migrate.stderr);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let database = data.path().join("ashyq.db");
        let mut connection =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
                .await
                .unwrap();
        sqlx::query(
            "INSERT INTO word_lists (lang, kind, words, updated_at) VALUES ('en', 'banned', 'press office', 0)",
        )
        .execute(&mut connection)
        .await
        .unwrap();
    });
    let media = uploads();
    assert!(import_wordpress(data.path(), media.path()).ok);
    let flagged = query_rows(
        data.path(),
        "SELECT author_name, status || '|' || screen_flagged || '|' || screen_findings FROM comments \
         WHERE body LIKE '%press office%'",
    );
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    let (author, facts) = &flagged[0];
    assert_eq!(author, "Gulnara Seitova");
    assert!(facts.starts_with("approved|1|"), "kept approved, flagged for moderators: {facts}");
    assert!(facts.contains("site.banned"), "the site's own list found it: {facts}");
}

/// Issue 11 on a file a real tool wrote back: our export, read and rewritten by the `xliff` npm
/// package, which drops `original`, the export mark and `xml:space`, and keeps our attributes
/// without their namespace declaration.
#[test]
fn a_translation_the_xliff_npm_package_wrote_back_fills_the_demo_storys_empty_units_issue_11() {
    let data = tempfile::tempdir().unwrap();
    drop(TestApp::start_in(data.path(), &["--demo"]));
    let file = real("xliff-npm-6.4.0-kto-perevodit-nas.kk.xlf");
    let run = ashyq(data.path(), &["translations", "import", &file]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("2 units changed in 1 files"), "{}\n{}", run.stdout, run.stderr);
    let drafts = query_rows(
        data.path(),
        "SELECT unit_id, text FROM translation_drafts WHERE lang = 'kk' ORDER BY unit_id",
    );
    assert_eq!(
        drafts,
        [
            (
                "summary".to_owned(),
                "Материалдарымыздың көбі үш тілдің кемінде екеуінде шығады.".to_owned()
            ),
            ("title".to_owned(), "Бізді кім аударады".to_owned()),
        ]
    );
}
