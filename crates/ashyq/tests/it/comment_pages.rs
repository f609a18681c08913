//! Long conversations are split into pages of top-level comments (with their replies), so an
//! article page stays a size a phone can load however many comments are approved.

use crate::support::{TestApp, assert_in_order};

const SLUG: &str = "printers-who-said-no";
const ADDED: i64 = 120;

/// Adds `ADDED` approved top-level comments to the article, and one approved reply to the 70th;
/// returns the reply's id, the number of approved top-level comments and of approved comments.
fn add_conversation(app: &TestApp) -> (i64, i64, i64) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let database = app.data.join("ashyq.db");
        let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
            .await
            .unwrap();
        let article: i64 = sqlx::query_scalar("SELECT article_id FROM articles WHERE slug = ?")
            .bind(SLUG)
            .fetch_one(&mut db)
            .await
            .unwrap();
        let insert = "INSERT INTO comments (article_id, parent_id, author_name, body, body_html, \
             status, language, fingerprint_exact, fingerprint_simhash, fingerprint_tokens, \
             commenter_token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'approved', 'en', ?, \
             ?, 3, 'test', ?, ?)";
        let mut seventieth = 0;
        for n in 1..=ADDED {
            let body = format!("Reader note number {n} on the printers.");
            let id = sqlx::query(insert)
                .bind(article)
                .bind(None::<i64>)
                .bind(format!("Reader {n}"))
                .bind(&body)
                .bind(format!("<p>{body}</p>"))
                .bind(n)
                .bind(n)
                .bind(2_000_000_000 + n)
                .bind(2_000_000_000 + n)
                .execute(&mut db)
                .await
                .unwrap()
                .last_insert_rowid();
            if n == 70 {
                seventieth = id;
            }
        }
        let reply = sqlx::query(insert)
            .bind(article)
            .bind(seventieth)
            .bind("Replier")
            .bind("A reply to the seventieth note.")
            .bind("<p>A reply to the seventieth note.</p>")
            .bind(10_000)
            .bind(10_000)
            .bind(2_000_000_500)
            .bind(2_000_000_500)
            .execute(&mut db)
            .await
            .unwrap()
            .last_insert_rowid();
        let top: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM comments WHERE article_id = ? AND status = 'approved' \
             AND parent_id IS NULL",
        )
        .bind(article)
        .fetch_one(&mut db)
        .await
        .unwrap();
        // The heading counts the story's whole conversation: its translations' comments too.
        let all: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM comments WHERE status = 'approved' AND article_id IN \
             (SELECT article_id FROM articles WHERE translation_group = \
             (SELECT translation_group FROM articles WHERE article_id = ?))",
        )
        .bind(article)
        .fetch_one(&mut db)
        .await
        .unwrap();
        (reply, top, all)
    })
}

/// Top-level comments in the page's language (those in other languages follow in their details).
fn top_level(html: &str) -> usize {
    let own = html.split("<details class=\"comments-other-languages\"").next().unwrap_or(html);
    own.matches("class=\"comment depth-0").count()
}

#[test]
fn a_long_conversation_is_read_in_pages_of_fifty_threads() {
    let app = TestApp::with_demo();
    let (reply, top, all) = add_conversation(&app);
    let pages = (top + 49) / 50;
    assert!(pages >= 3, "{top} top-level comments");
    let url = format!("/articles/{SLUG}");

    let first = app.get(&url);
    assert_eq!(first.status, 200);
    assert_eq!(top_level(&first.body), 50);
    assert!(first.body.contains(&format!("Page 1 of {pages}")), "the position is shown");
    assert!(first.body.contains(&format!("href=\"{url}?comments=2#comments\" rel=\"next\"")));
    assert!(!first.body.contains("rel=\"prev\""), "nothing before the first page");
    assert!(
        first.body.contains(&format!("<span class=\"count\">({all})</span>")),
        "the heading still counts every approved comment"
    );

    let last = app.get(&format!("{url}?comments={pages}"));
    assert_eq!(last.status, 200);
    assert_eq!(top_level(&last.body) as i64, top - 50 * (pages - 1));
    assert!(last.body.contains("rel=\"prev\"") && !last.body.contains("rel=\"next\""));
    assert!(last.body.contains(&format!("Page {pages} of {pages}")));

    for beyond in [0, pages + 1, 1_000_000] {
        assert_eq!(app.get(&format!("{url}?comments={beyond}")).status, 404, "page {beyond}");
    }

    // A link to one comment (as in a reply notice) opens the page that holds it, reply and all.
    let linked = app.get(&format!("{url}?comment={reply}"));
    assert_eq!(linked.status, 200);
    assert!(linked.body.contains(&format!("id=\"comment-{reply}\"")));
    assert!(linked.body.contains("A reply to the seventieth note."));
    assert!(linked.body.contains("Reader note number 70 on the printers."), "with its parent");
    assert!(!first.body.contains(&format!("id=\"comment-{reply}\"")), "not on the first page");
}

/// Adds `count` approved top-level Russian comments on the story's Russian version and one
/// approved English reply, on the English version, to the `answered`-th of them; returns the ids
/// of that Russian comment and of the reply.
fn add_russian_threads(app: &TestApp, count: i64, answered: i64) -> (i64, i64) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let database = app.data.join("ashyq.db");
        let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
            .await
            .unwrap();
        let article = |slug: &'static str| {
            sqlx::query_scalar::<_, i64>("SELECT article_id FROM articles WHERE slug = ?").bind(slug)
        };
        let russian = article("tipografii-kotorye-otkazali").fetch_one(&mut db).await.unwrap();
        let english = article(SLUG).fetch_one(&mut db).await.unwrap();
        let insert = "INSERT INTO comments (article_id, parent_id, author_name, body, body_html, \
             status, language, fingerprint_exact, fingerprint_simhash, fingerprint_tokens, \
             commenter_token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'approved', ?, ?, \
             ?, 3, 'test', ?, ?)";
        let mut parent = 0;
        for n in 1..=count {
            let body = format!("Заметка читателя номер {n}.");
            let id = sqlx::query(insert)
                .bind(russian)
                .bind(None::<i64>)
                .bind(format!("Читатель {n}"))
                .bind(&body)
                .bind(format!("<p>{body}</p>"))
                .bind("ru")
                .bind(20_000 + n)
                .bind(20_000 + n)
                .bind(2_000_000_000 + n)
                .bind(2_000_000_000 + n)
                .execute(&mut db)
                .await
                .unwrap()
                .last_insert_rowid();
            if n == answered {
                parent = id;
            }
        }
        let reply = sqlx::query(insert)
            .bind(english)
            .bind(parent)
            .bind("Answerer")
            .bind("An English answer to a Russian note.")
            .bind("<p>An English answer to a Russian note.</p>")
            .bind("en")
            .bind(30_000)
            .bind(30_000)
            .bind(2_000_000_900)
            .bind(2_000_000_900)
            .execute(&mut db)
            .await
            .unwrap()
            .last_insert_rowid();
        (parent, reply)
    })
}

#[test]
fn the_other_languages_are_paged_too_and_a_reply_stays_on_its_threads_page_issue_11() {
    let app = TestApp::with_demo();
    // The demo's one Russian comment and sixty more: two pages of the Russian threads.
    let (parent, reply) = add_russian_threads(&app, 60, 55);
    let url = format!("/articles/{SLUG}");
    let details = |html: &str| -> String {
        let start = html.find("<details class=\"comments-other-languages\"").expect("details");
        html[start..start + html[start..].find("</details>").unwrap()].to_owned()
    };

    let first = app.get(&url);
    assert_eq!(first.status, 200);
    assert_eq!(details(&first.body).matches("class=\"comment depth-0").count(), 50);
    assert!(first.body.contains("Page 1 of 2"), "the English threads alone fit on one page");
    // The English reply went to the thread it answers: the 56th Russian one, on page 2.
    for id in [parent, reply] {
        assert!(!first.body.contains(&format!("id=\"comment-{id}\"")), "{id} on page 1");
    }

    let second = app.get(&format!("{url}?comments=2"));
    assert_eq!(second.status, 200);
    let behind = details(&second.body);
    assert_eq!(behind.matches("class=\"comment depth-0").count(), 11);
    assert_in_order(
        &behind,
        &[
            &format!("class=\"comment depth-0\" id=\"comment-{parent}\""),
            &format!("class=\"comment depth-1\" id=\"comment-{reply}\""),
        ],
    );
    assert!(
        behind.contains("Comments in other languages (62)"),
        "N counts every page, replies too"
    );
    assert_eq!(app.get(&format!("{url}?comments=3")).status, 404);
    // A link to the reply (a reply notice, say) opens the page that holds it, under its parent.
    let linked = app.get(&format!("{url}?comment={reply}"));
    assert!(linked.body.contains("Page 2 of 2"));
    assert_in_order(
        &details(&linked.body),
        &[&format!("id=\"comment-{parent}\""), &format!("id=\"comment-{reply}\"")],
    );
}
