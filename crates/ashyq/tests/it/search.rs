//! Search over HTTP (issue 14): one story in three languages found from either script, filters,
//! escaping, drafts never shown to readers, an import by another process found within seconds, a
//! damaged index rebuilt at start, and `search reindex` answering like the incrementally kept index.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{Browser, TestApp, encode, run_ashyq};

const PASSWORD: &str = "a long enough password 14";

/// An article file of our own; `extra` goes into the front matter.
fn article(
    slug: &str,
    lang: &str,
    published: &str,
    title: &str,
    body: &str,
    extra: &str,
) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\nlang = \"{lang}\"\npublished = {published}\n\
         summary = \"{title}.\"\ntags = [\"Cities\"]\n{extra}\n[[authors]]\nname = \"Dana Reporter\"\n\
         slug = \"dana-reporter\"\n+++\n{body}\n"
    )
}

/// One story in English, Russian and Kazakh, and two single stories.
fn write_corpus(dir: &Path) {
    let files = [
        (
            "rally-en",
            article(
                "rally-en",
                "en",
                "2026-03-10T10:00:00+05:00",
                "Crowds gather in Almaty",
                "Residents protested against the new parking rules near the market.",
                "",
            ),
        ),
        (
            "rally-ru",
            article(
                "rally-ru",
                "ru",
                "2026-03-10T11:00:00+05:00",
                "Жители Алматы вышли на площадь",
                "Протесты против новых правил парковки прошли у рынка.",
                "translation_of = \"rally-en\"",
            ),
        ),
        (
            "rally-kk",
            article(
                "rally-kk",
                "kk",
                "2026-03-10T12:00:00+05:00",
                "Алматы тұрғындары алаңға шықты",
                "Базар маңындағы тұрақ ережелеріне қарсы наразылықтар өтті.",
                "translation_of = \"rally-en\"",
            ),
        ),
        (
            "bridge-ru",
            article(
                "bridge-ru",
                "ru",
                "2026-04-02T09:00:00+05:00",
                "Мост в Шымкенте закрыли",
                "Ремонт моста затянулся; водители жалуются на пробки.",
                "",
            ),
        ),
        (
            "schools-kk",
            article(
                "schools-kk",
                "kk",
                "2026-04-05T09:00:00+05:00",
                "Ауыл мектептері жөнделді",
                "Жазда үш мектепте жөндеу аяқталды.",
                "",
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(format!("{name}.md")), text).unwrap();
    }
}

/// A server over a data folder with the corpus imported before it started.
fn start() -> (tempfile::TempDir, TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    write_corpus(&articles);
    let data = dir.path().join("data");
    import(&data, &articles);
    let app = TestApp::start_in(&data, &[]);
    (dir, app)
}

fn import(data: &Path, what: &Path) {
    let output = run_ashyq(
        data.parent().unwrap(),
        &["import", "md", what.to_str().unwrap(), "--data", data.to_str().unwrap()],
    );
    assert!(output.status.success(), "import: {}", String::from_utf8_lossy(&output.stderr));
}

/// The article links of the hits on a results page, in order (language-version links excluded).
fn hits(html: &str) -> Vec<String> {
    html.split("<h3 class=\"story-title\"><a href=\"/articles/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

fn search(app: &TestApp, query: &str) -> Vec<String> {
    hits(&app.page(&format!("/search?{query}")))
}

#[test]
fn issue_14_one_story_in_three_languages_is_one_hit_from_either_script() {
    let (_dir, app) = start();
    for query in ["Almaty", "Алматы", "ALMATY"] {
        let page = app.page(&format!("/search?q={}", encode(query)));
        assert_eq!(hits(&page).len(), 1, "{query}: one story");
        for lang in ["en", "ru", "kk"] {
            assert!(page.contains(&format!("hreflang=\"{lang}\"")), "{query}: lists {lang}");
        }
    }
    // Russian morphology: «протестов» finds «Протесты»; the word is marked in the snippet.
    let page = app.page(&format!("/search?q={}", encode("протестов")));
    assert_eq!(hits(&page), ["rally-ru"]);
    assert!(page.contains("<mark>Протесты</mark>"), "{page}");
    // Kazakh endings: «наразылық» finds «наразылықтар».
    assert_eq!(search(&app, &format!("q={}", encode("наразылық"))), ["rally-kk"]);
    // Latin letters find a Cyrillic-only story, and the other way round.
    assert_eq!(search(&app, "q=Shymkente"), ["bridge-ru"]);
    assert_eq!(search(&app, &format!("q={}", encode("мектептері"))), ["schools-kk"]);
    // Stop words are ignored; nothing but stop words finds nothing and says why.
    assert_eq!(search(&app, &format!("q={}", encode("the protests"))), ["rally-en"]);
    let page = app.page("/search?q=the+of");
    assert!(hits(&page).is_empty());
    assert!(page.contains("Only very common words"), "{page}");
    let reply = app.get("/search?q=Almaty");
    assert_eq!(reply.header("cache-control"), Some("no-store"));
}

#[test]
fn issue_14_filters_by_language_tag_author_and_dates() {
    let (_dir, app) = start();
    assert_eq!(search(&app, "q=Almaty&lang=kk"), ["rally-kk"]);
    assert_eq!(search(&app, "q=Almaty&tag=cities").len(), 1);
    assert!(search(&app, "q=Almaty&tag=elsewhere").is_empty());
    assert_eq!(search(&app, "q=Almaty&author=dana-reporter").len(), 1);
    assert!(search(&app, "q=Almaty&author=somebody-else").is_empty());
    let bridge = encode("мост");
    assert_eq!(search(&app, &format!("q={bridge}&from=2026-04-01")), ["bridge-ru"]);
    assert!(search(&app, &format!("q={bridge}&to=2026-03-31")).is_empty());
    // A malformed date is left out, and the page says so rather than failing.
    let page = app.page(&format!("/search?q={bridge}&from=2026-99-01"));
    assert_eq!(hits(&page), ["bridge-ru"]);
    assert!(page.contains("YYYY-MM-DD"));
    // The UI follows the language filtered on.
    let page = app.page("/search?q=Almaty&lang=ru");
    assert!(page.contains("<html lang=\"ru\""));
}

#[test]
fn issue_14_html_in_a_query_renders_as_text() {
    let (_dir, app) = start();
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)> Almaty";
    let reply = app.get(&format!("/search?q={}&tag={}", encode(hostile), encode("\"><b>")));
    assert_eq!(reply.status, 200);
    assert!(!reply.body.contains("<script>alert"), "the query is escaped");
    assert!(!reply.body.contains("<img src=x"), "the query is escaped");
    assert!(!reply.body.contains("\"><b>"), "the tag is escaped");
    assert!(
        reply.body.contains("&lt;script&gt;") || reply.body.contains("&#60;script&#62;"),
        "the query is shown back as text"
    );
    // Paging links carry the query percent-encoded.
    let long = app.get(&format!("/search?q={}&page=abc", encode("<b>")));
    assert_eq!(long.status, 200);
}

#[test]
fn issue_14_drafts_are_found_by_editors_and_never_by_readers() {
    let (_dir, app) = start();
    app.add_user("editor@example.org", "Erlan Editor", "editor", PASSWORD);
    let mut editor = Browser::new(&app);
    assert_eq!(editor.login("editor@example.org", PASSWORD).status, 303);
    let draft = article(
        "secret-plan",
        "en",
        "2026-03-01T10:00:00+05:00",
        "Quarry plans",
        "An unpublished note about the quarry expansion.",
        "",
    );
    let reply =
        editor.post("/admin/articles/new", &[("source", draft.as_str()), ("action", "save")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    // The indexer runs every second: give it a few.
    let found = wait_until(|| hits_admin(&mut editor, "quarry") == ["secret-plan"]);
    assert!(found, "the editor finds the draft in /admin/search");
    assert!(search(&app, "q=quarry").is_empty(), "readers never find a draft");
    assert!(editor.get("/search?q=quarry").body.contains("Nothing found"));
    // Readers cannot open the newsroom's search.
    let anonymous = app.get("/admin/search?q=quarry");
    assert_ne!(anonymous.status, 200);
    assert!(!anonymous.body.contains("secret-plan"));

    // Published, then edited, then unpublished in the browser: readers follow each step.
    let edit = "/admin/articles/secret-plan/edit";
    let reply = editor.post(edit, &[("source", draft.as_str()), ("action", "publish")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(wait_until(|| search(&app, "q=quarry") == ["secret-plan"]), "published: found");
    let edited = draft.replace("quarry expansion", "quarry expansion and the gravel pits");
    let reply = editor.post(edit, &[("source", edited.as_str()), ("action", "publish")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(wait_until(|| search(&app, "q=gravel") == ["secret-plan"]), "edited: new words found");
    let reply = editor.post(edit, &[("source", edited.as_str()), ("action", "unpublish")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(wait_until(|| search(&app, "q=gravel").is_empty()), "unpublished: gone for readers");
    assert_eq!(hits_admin(&mut editor, "gravel"), ["secret-plan"], "still there for editors");
}

fn hits_admin(browser: &mut Browser<'_>, query: &str) -> Vec<String> {
    let page = browser.get(&format!("/admin/search?q={}", encode(query)));
    assert_eq!(page.status, 200);
    page.body
        .split("<h3 class=\"story-title\"><a href=\"/admin/articles/")
        .skip(1)
        .map(|rest| rest.split('/').next().unwrap().to_owned())
        .collect()
}

fn wait_until(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

#[test]
fn issue_14_an_import_by_another_process_is_searchable_within_seconds() {
    let (dir, app) = start();
    let later = dir.path().join("later.md");
    std::fs::write(
        &later,
        article(
            "dam-kk",
            "kk",
            "2026-04-10T10:00:00+05:00",
            "Бөгет салынды",
            "Өзен бойында жаңа бөгет салынды.",
            "",
        ),
    )
    .unwrap();
    let started = Instant::now();
    import(&app.data, &later);
    assert!(wait_until(|| search(&app, "q=boget") == ["dam-kk"]), "found by a Latin spelling");
    let seconds = started.elapsed().as_secs_f64();
    assert!(seconds < 10.0, "found after {seconds} s");
    // Unpublishing (here: replacing the story with a draft of it) removes it for readers.
    std::fs::write(
        &later,
        article(
            "dam-kk",
            "kk",
            "2099-04-10T10:00:00+05:00",
            "Бөгет салынды",
            "Өзен бойында жаңа бөгет салынды.",
            "",
        ),
    )
    .unwrap();
    let output = run_ashyq(
        dir.path(),
        &[
            "import",
            "md",
            later.to_str().unwrap(),
            "--replace",
            "--data",
            app.data.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(wait_until(|| search(&app, "q=boget").is_empty()), "a future date hides it again");
}

#[test]
fn issue_14_reindex_answers_like_the_incremental_index_and_a_damaged_index_is_rebuilt() {
    let (dir, app) = start();
    // Changes kept incrementally: a new story and an edit.
    let extra = dir.path().join("extra.md");
    std::fs::write(
        &extra,
        article(
            "bridge-en",
            "en",
            "2026-04-02T10:00:00+05:00",
            "Shymkent bridge closed",
            "Repairs to the bridge dragged on.",
            "translation_of = \"bridge-ru\"",
        ),
    )
    .unwrap();
    import(&app.data, &extra);
    assert!(wait_until(|| search(&app, "q=repairs") == ["bridge-en"]));
    let queries =
        ["q=Almaty", "q=Shymkent", "q=repairs", "q=%D0%BC%D0%BE%D1%81%D1%82", "q=parking"];
    let answers = |app: &TestApp| -> Vec<Vec<String>> {
        queries
            .iter()
            .map(|query| {
                let mut found = search(app, query);
                found.sort();
                found
            })
            .collect()
    };
    let incremental = answers(&app);
    assert_eq!(incremental[1].len(), 1, "the bridge story in two languages is one hit");

    // Rebuild while the server runs: it switches to the new index and answers the same.
    let before = std::fs::read_to_string(app.data.join("search/CURRENT")).unwrap();
    let output =
        run_ashyq(dir.path(), &["search", "reindex", "--data", app.data.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("indexed 6 articles"));
    let after = std::fs::read_to_string(app.data.join("search/CURRENT")).unwrap();
    assert_ne!(before, after);
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(answers(&app), incremental);

    // Damage the index while the server is down: the next start rebuilds it.
    app.kill();
    let folder = app.data.join("search").join(after.trim());
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "idx" || ext == "store") {
            std::fs::write(&path, b"not an index").unwrap();
        }
    }
    std::fs::write(folder.join("meta.json"), b"{ broken").unwrap();
    let restarted = TestApp::start_in(&app.data, &[]);
    assert_eq!(answers(&restarted), incremental);
}

#[test]
fn issue_14_a_burst_of_concurrent_searches_is_answered() {
    let (_dir, app) = start();
    let queries = [
        "Almaty",
        "%D0%BF%D1%80%D0%BE%D1%82%D0%B5%D1%81%D1%82%D0%BE%D0%B2",
        "Shymkente",
        "parking+market",
    ];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..48)
            .map(|i| {
                let app = &app;
                let query = queries[i % queries.len()];
                scope.spawn(move || app.get(&format!("/search?q={query}&page=1")).status)
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    // Searches queue for a slot; none fails, and the site still answers afterwards.
    assert!(statuses.iter().all(|status| *status == 200), "{statuses:?}");
    assert_eq!(app.get("/healthz").status, 200);
    assert_eq!(search(&app, "q=Almaty").len(), 1);
}
