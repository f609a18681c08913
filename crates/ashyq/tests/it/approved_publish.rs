//! Issue 11, weak spots closed: the browser's doors that publish a translation (the article
//! editor's Publish, the side-by-side editor's Publish) and `import wxr --require-approval` check
//! approval and write in one step. They race a translator and a language editor working on the
//! same translation; a trigger in the database (the test's oracle, not the product's) aborts any
//! write of the translation as published made while one of its units is not approved, so a
//! publication whose check was overtaken by a save shows up as that trigger's error.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::approved_import::{ORACLE, approve_all_of, borrowed, kazakh_file, unit_form};
use crate::import_wxr::{ashyq, query_rows};
use crate::support::{Browser, TestApp};
use crate::translations::{KAZAKH, signed_in, site, unit_inputs};

/// Aborts every `events` write of an article matching `which` (SQL on `NEW`) that leaves it
/// published while a Kazakh unit of `story` is not approved in the side-by-side editor.
fn install_oracle(data: &Path, events: &[&str], which: &str, story: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let url = format!("sqlite://{}", data.join("ashyq.db").display());
        let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for event in events {
            sqlx::query(&format!(
                "CREATE TRIGGER approval_oracle_{event} BEFORE {event} ON articles \
                 WHEN {which} AND NEW.status = 'published' \
                 BEGIN SELECT RAISE(ABORT, '{ORACLE}') WHERE EXISTS (SELECT 1 FROM \
                 translation_drafts WHERE original_slug = '{story}' AND lang = 'kk' \
                 AND state <> 'approved'); END"
            ))
            .execute(&mut connection)
            .await
            .unwrap();
        }
    });
}

/// A translator claims `story` into Kazakh and submits `texts`; a language editor approves them.
/// Returns both browsers and the unit ids.
fn approved_translation<'a>(
    app: &'a TestApp,
    story: &str,
    texts: &[&str],
) -> (Browser<'a>, Browser<'a>, Vec<String>) {
    let mut dana = signed_in(app, "dana", "translator");
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", story), ("lang", "kk")]).status, 303);
    let page = format!("/translate/{story}/kk");
    let ids = unit_inputs(&dana.get(&page).body);
    assert_eq!(ids.len(), texts.len());
    let submitted = unit_form(&ids, texts, "submit");
    assert_eq!(dana.post(&page, &borrowed(&submitted)).status, 303);
    let mut gulnar = signed_in(app, "gulnar", "editor");
    assert_eq!(gulnar.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(approve_all_of(&mut gulnar, story, &ids), 303);
    assert!(dana.get(&page).body.contains("Every unit is approved"));
    (dana, gulnar, ids)
}

/// The translator changes the last unit and puts it back, the editor approves it again, twelve
/// times; then `working` turns false.
fn keep_editing(
    (dana, gulnar): (&mut Browser<'_>, &mut Browser<'_>),
    story: &str,
    (ids, texts): (&[String], &[&str]),
    working: &AtomicBool,
) {
    let page = format!("/translate/{story}/kk");
    let mut changed = texts.to_vec();
    if let Some(last) = changed.last_mut() {
        *last = "Көпір көктемде ашылады.";
    }
    for _ in 0..12 {
        let away = unit_form(ids, &changed, "submit");
        assert_eq!(dana.post(&page, &borrowed(&away)).status, 303);
        let back = unit_form(ids, texts, "submit");
        assert_eq!(dana.post(&page, &borrowed(&back)).status, 303);
        assert_eq!(approve_all_of(gulnar, story, ids), 303);
    }
    working.store(false, Ordering::SeqCst);
}

#[test]
fn publishing_in_the_browser_racing_saves_and_reviews_never_publishes_an_unapproved_unit_issue_11()
{
    let (_dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let (mut dana, mut gulnar, ids) = approved_translation(&app, "parom", &KAZAKH);
    let file = kazakh_file();
    let publish = [("source", file.as_str()), ("action", "publish")];
    // Four language editors publish with the article editor. (The side-by-side editor's Publish
    // writes through the same `save_checked`; it records the units it published approved, so
    // republishing the same text is rightly allowed while a draft changes: no race to observe.)
    let mut publishers: Vec<Browser<'_>> = (0..4)
        .map(|n| {
            let mut browser = signed_in(&app, &format!("editor{n}"), "editor");
            assert_eq!(browser.post("/translate/languages", &[("lang", "kk")]).status, 303);
            browser
        })
        .collect();
    // Approved as the file says: published.
    let first = publishers[0].post("/admin/articles/new", &publish);
    assert_eq!(first.status, 303, "{}", first.body);
    assert_eq!(app.get("/articles/parom-kk").status, 200);
    install_oracle(data.path(), &["INSERT", "UPDATE"], "NEW.slug = 'parom-kk'", "parom");

    let working = AtomicBool::new(true);
    let (mut landed, mut refused) = (0, 0);
    std::thread::scope(|scope| {
        let editing = scope.spawn(|| {
            keep_editing((&mut dana, &mut gulnar), "parom", (&ids, &KAZAKH), &working);
        });
        let racers: Vec<_> = publishers
            .iter_mut()
            .map(|browser| {
                let (working, publish) = (&working, &publish);
                scope.spawn(move || {
                    let mut outcomes = Vec::new();
                    while working.load(Ordering::SeqCst) {
                        let reply = browser.post("/admin/articles/parom-kk/edit", publish);
                        outcomes.push((reply.status, reply.body));
                    }
                    outcomes
                })
            })
            .collect();
        editing.join().unwrap();
        for racer in racers {
            for (status, body) in racer.join().unwrap() {
                assert!(status < 500, "an unapproved unit was being published ({status}): {body}");
                if status == 303 {
                    landed += 1;
                } else {
                    assert_eq!(status, 409, "{body}");
                    assert!(
                        body.contains("a language editor must approve every part")
                            || body.contains("kept changing"),
                        "the refusal says why: {body}"
                    );
                    refused += 1;
                }
            }
        }
    });
    eprintln!("{landed} publications landed and {refused} were refused while the unit changed");
    assert!(landed + refused >= 4, "the publishers ran");
    // Everything approved again at the end: both doors publish.
    assert_eq!(publishers[0].post("/admin/articles/parom-kk/edit", &publish).status, 303);
    assert_eq!(publishers[1].post("/translate/parom/kk/publish", &[]).status, 303);
    assert_eq!(app.get("/articles/parom-kk").status, 200);
}

/// The Kazakh translation `import wxr` brings: title, summary and two paragraphs.
const KAZAKH_FERRY: [&str; 4] =
    ["Өзен арқылы паром", "Қысқа өткел.", "Бірінші абзац.", "Көпір күзде ашылады."];

/// A WordPress export holding the English original (post 10, `bridge`) and, when `translation`
/// is given, its Kazakh translation as post `ID` with slug `SLUG`, in one Polylang group.
fn wxr(translation: Option<(u32, &str)>) -> String {
    let item = |id: u32, slug: &str, lang: &str, texts: [&str; 4]| {
        format!(
            "<item><title><![CDATA[{}]]></title><dc:creator><![CDATA[dana]]></dc:creator>\
             <content:encoded><![CDATA[<p>{}</p>\n<p>{}</p>]]></content:encoded>\
             <excerpt:encoded><![CDATA[{}]]></excerpt:encoded><wp:post_id>{id}</wp:post_id>\
             <wp:post_date_gmt><![CDATA[2024-03-02 07:00:00]]></wp:post_date_gmt>\
             <wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>\
             <wp:post_type><![CDATA[post]]></wp:post_type>\
             <category domain=\"language\" nicename=\"{lang}\"><![CDATA[{lang}]]></category>\
             <category domain=\"post_translations\" nicename=\"pll_ferry\"><![CDATA[pll_ferry]]></category>\
             </item>\n",
            texts[0], texts[2], texts[3], texts[1]
        )
    };
    let mut items = item(
        10,
        "bridge",
        "en",
        [
            "Ferry across the river",
            "A short crossing.",
            "First paragraph.",
            "The bridge opens in autumn.",
        ],
    );
    if let Some((id, slug)) = translation {
        items.push_str(&item(id, slug, "kk", KAZAKH_FERRY));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" \
         xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n\
         <channel><title>Ferry</title><link>https://old.example.org</link>\
         <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.org</wp:base_site_url>\
         <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[dana]]></wp:author_login>\
         <wp:author_email><![CDATA[dana@old.example.org]]></wp:author_email>\
         <wp:author_display_name><![CDATA[Dana Serikova]]></wp:author_display_name></wp:author>\n\
         {items}</channel></rss>\n"
    )
}

/// The status `slug` is stored with (`none` when it is not stored).
fn status_of(data: &Path, slug: &str) -> String {
    query_rows(data, &format!("SELECT slug, status FROM articles WHERE slug = '{slug}'"))
        .pop()
        .map_or_else(|| "none".to_owned(), |(_, status)| status)
}

#[test]
fn wxr_imports_requiring_approval_racing_saves_and_reviews_never_publish_an_unapproved_unit_issue_11()
 {
    let data = tempfile::tempdir().unwrap();
    let import = |n: u32| {
        let file = data.path().join(format!("export-{n}.xml"));
        let slug = format!("bridge-kk-{n}");
        std::fs::write(&file, wxr((n > 0).then_some((100 + n, slug.as_str())))).unwrap();
        let run =
            ashyq(data.path(), &["import", "wxr", "--require-approval", file.to_str().unwrap()]);
        (run, slug)
    };
    let (run, _) = import(0);
    assert!(run.ok, "the original: {}", run.stderr);
    let app = TestApp::start_in(data.path(), &[]);
    let (mut dana, mut gulnar, ids) = approved_translation(&app, "bridge", &KAZAKH_FERRY);
    // Approved as the export says: published.
    let (run, slug) = import(1);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(status_of(data.path(), &slug), "published", "{}", run.stderr);
    install_oracle(
        data.path(),
        &["UPDATE"],
        "NEW.translation_of = 'bridge' AND NEW.lang = 'kk'",
        "bridge",
    );

    let working = AtomicBool::new(true);
    let next = std::sync::atomic::AtomicU32::new(2);
    let (mut published, mut held) = (0, 0);
    std::thread::scope(|scope| {
        let editing = scope.spawn(|| {
            keep_editing((&mut dana, &mut gulnar), "bridge", (&ids, &KAZAKH_FERRY), &working);
        });
        let importers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    let mut outcomes = Vec::new();
                    while working.load(Ordering::SeqCst) {
                        outcomes.push(import(next.fetch_add(1, Ordering::SeqCst)));
                    }
                    outcomes
                })
            })
            .collect();
        editing.join().unwrap();
        for importer in importers {
            for (run, slug) in importer.join().unwrap() {
                assert!(
                    !run.stderr.contains("ORACLE"),
                    "an unapproved unit was published: {}",
                    run.stderr
                );
                if !run.ok {
                    assert!(
                        run.stderr.contains("kept changing on the site")
                            && run.stderr.contains("nothing was imported"),
                        "a refusal says why and that nothing was written: {}",
                        run.stderr
                    );
                    assert_eq!(status_of(data.path(), &slug), "none");
                    continue;
                }
                match status_of(data.path(), &slug).as_str() {
                    "published" => published += 1,
                    "review" => {
                        assert!(run.stderr.contains(&slug), "{}", run.stderr);
                        held += 1;
                    }
                    other => panic!("{slug} is {other}: {}", run.stderr),
                }
            }
        }
    });
    eprintln!(
        "{published} translations were published and {held} held for review while the unit changed"
    );
    assert!(published + held >= 4, "the imports ran");
    // Everything approved again at the end: published.
    let (run, slug) = import(next.load(Ordering::SeqCst));
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(status_of(data.path(), &slug), "published");
}
