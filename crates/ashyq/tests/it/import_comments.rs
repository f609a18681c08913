//! `ashyq import disqus` and `ashyq import isso` (issue 13): comments matched to imported articles
//! by address (or through `--map`), threaded, their states kept, no address or e-mail stored, and
//! a second run importing nothing.

use std::path::Path;

use crate::import_wxr::{ashyq, fixture, query_rows};
use crate::support::TestApp;

/// A site with the WordPress fixture imported.
fn site() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let run = ashyq(data.path(), &["import", "wxr", fixture("site.xml").to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    data
}

fn count_comments(data: &Path) -> String {
    query_rows(data, "SELECT 'n', CAST(count(*) AS TEXT) FROM comments")[0].1.clone()
}

#[test]
fn disqus_comments_join_their_articles_threaded_with_states_issue_13() {
    let data = site();
    let map = data.path().join("map.txt");
    std::fs::write(
        &map,
        "# old address  new slug\nhttps://old.example.org/2019/ford-story/ about\n",
    )
    .unwrap();
    let file = fixture("disqus.xml");
    let run = ashyq(
        data.path(),
        &["import", "disqus", file.to_str().unwrap(), "--map", map.to_str().unwrap()],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("Imported 0 articles, 4 comments and 0 images"), "{}", run.stdout);
    assert!(
        run.stderr.contains("skipped 1 comment(s) on https://old.example.org/2018/a-page-nobody-kept/: no article matches this address"),
        "{}",
        run.stderr
    );
    let rows = query_rows(
        data.path(),
        "SELECT c.author_name, a.slug || '|' || c.status || '|' || coalesce(p.author_name, '') || '|' || coalesce(c.email, '') || coalesce(c.email_hash, '') || coalesce(c.address_hash, '') \
         FROM comments c JOIN articles a ON a.article_id = c.article_id LEFT JOIN comments p ON p.comment_id = c.parent_id \
         WHERE c.author_name IN ('Erlan from Disqus', 'Гүлнар', 'Promo', 'Mira') ORDER BY c.created_at",
    );
    assert_eq!(
        rows.iter().map(|(name, rest)| format!("{name}: {rest}")).collect::<Vec<_>>(),
        [
            "Mira: about|approved||",
            "Erlan from Disqus: the-bridge|approved||",
            "Гүлнар: the-bridge|approved|Erlan from Disqus|",
            "Promo: the-bridge|spam||",
        ]
    );
    let app = TestApp::start_in(data.path(), &[]);
    let page = app.get("/articles/the-bridge").body;
    assert!(page.contains("The ford was deeper in 1998"));
    assert!(page.contains("Өзен биыл да тасыды ма?"));
    assert!(!page.contains("Buy followers"));
    drop(app);

    let again = ashyq(
        data.path(),
        &["import", "disqus", file.to_str().unwrap(), "--map", map.to_str().unwrap()],
    );
    assert!(
        again.stdout.contains("Nothing changed: 0 articles and 4 comments"),
        "{}",
        again.stdout
    );
    assert_eq!(count_comments(data.path()), "9");
}

#[test]
fn a_dry_run_of_disqus_writes_nothing_and_hostile_files_are_refused_issue_13() {
    let data = site();
    let file = fixture("disqus.xml");
    let run = ashyq(data.path(), &["import", "disqus", file.to_str().unwrap(), "--dry-run"]);
    assert!(run.stdout.contains("it would import 0 articles, 3 comments"), "{}", run.stdout);
    assert!(
        run.stderr.contains("on https://old.example.org/2019/ford-story/"),
        "without the map it is unmatched"
    );
    assert_eq!(count_comments(data.path()), "5");
    let hostile = data.path().join("hostile.xml");
    std::fs::write(&hostile, "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<disqus>&x;</disqus>").unwrap();
    let run = ashyq(data.path(), &["import", "disqus", hostile.to_str().unwrap()]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("hostile.xml:2:1: the file declares a document type"),
        "{}",
        run.stderr
    );
    assert_eq!(count_comments(data.path()), "5");
}

/// An Isso database as Isso 0.13 creates it, with a few comments.
fn isso_database(path: &Path) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::ConnectOptions as _;
        let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        for statement in [
            "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256))",
            "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER, \
             created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR, \
             author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, \
             voters BLOB NOT NULL, notification INTEGER DEFAULT 0)",
            "INSERT INTO threads VALUES (1, '/2024/03/the-bridge/', 'The bridge'), (2, '/ru/2024/03/%d0%bc%d0%be%d1%81%d1%82/', 'Мост'), (3, '/nowhere/', 'x')",
            "INSERT INTO comments VALUES \
             (1, 1, NULL, 1709400000.5, NULL, 1, '198.51.100.0', 'Isso reader here: I walked across in **May**.', 'Saule', 'saule@mail.example', NULL, 0, 0, x'00', 1), \
             (1, 2, 1, 1709400100.0, NULL, 2, '198.51.100.0', 'A reply still waiting.', 'Nurlan', NULL, NULL, 0, 0, x'00', 0), \
             (2, 3, NULL, 1709400200.0, NULL, 1, '198.51.100.0', 'Спасибо за материал.', NULL, NULL, NULL, 0, 0, x'00', 0), \
             (1, 4, NULL, 1709400300.0, NULL, 4, '198.51.100.0', '', 'Deleted', NULL, NULL, 0, 0, x'00', 0), \
             (3, 5, NULL, 1709400400.0, NULL, 1, '198.51.100.0', 'Lost thread.', 'Z', NULL, NULL, 0, 0, x'00', 0)",
        ] {
            sqlx::query(statement).execute(&mut connection).await.unwrap();
        }
    });
}

#[test]
fn isso_comments_join_their_articles_and_the_database_is_only_read_issue_13() {
    let data = site();
    let isso = data.path().join("comments.db");
    isso_database(&isso);
    let before = std::fs::read(&isso).unwrap();
    let run = ashyq(data.path(), &["import", "isso", isso.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("Imported 0 articles, 3 comments"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(run.stderr.contains("skipped comment 4: it has no text"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped 1 comment(s) on /nowhere/"), "{}", run.stderr);
    assert_eq!(std::fs::read(&isso).unwrap(), before, "the Isso database is opened read-only");
    let rows = query_rows(
        data.path(),
        "SELECT c.body, a.slug || '|' || c.status || '|' || coalesce(p.author_name, '') || '|' || c.created_at || '|' || coalesce(c.email, '') || coalesce(c.address_hash, '') \
         FROM comments c JOIN articles a ON a.article_id = c.article_id LEFT JOIN comments p ON p.comment_id = c.parent_id \
         WHERE c.comment_id IN (SELECT comment_id FROM imported_items WHERE source = 'isso') ORDER BY c.created_at",
    );
    assert_eq!(
        rows.iter().map(|(body, rest)| format!("{body}: {rest}")).collect::<Vec<_>>(),
        [
            "Isso reader here: I walked across in **May**.: the-bridge|approved||1709400000|",
            "A reply still waiting.: the-bridge|pending|Saule|1709400100|",
            "Спасибо за материал.: most|approved||1709400200|",
        ]
    );
    let again = ashyq(data.path(), &["import", "isso", isso.to_str().unwrap()]);
    assert!(again.stdout.contains("Nothing changed"), "{}", again.stdout);
}

#[test]
fn a_file_that_is_no_isso_database_is_refused_issue_13() {
    let data = site();
    let file = data.path().join("not.db");
    std::fs::write(&file, "plain text").unwrap();
    let run = ashyq(data.path(), &["import", "isso", file.to_str().unwrap()]);
    assert!(!run.ok);
    assert!(run.stderr.contains("not.db"), "{}", run.stderr);
    assert_eq!(count_comments(data.path()), "5");
}
