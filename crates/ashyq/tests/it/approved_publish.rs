//! Issue 11, weak spots closed: the browser's doors that publish a translation (the article
//! editor's Publish, the side-by-side editor's Publish) and `import wxr --require-approval` check
//! approval and write in one step. They race a translator and a language editor working on the
//! same translation; a trigger in the database (the test's oracle, not the product's) aborts any
//! write of the translation as published made while one of its units is not approved, so a
//! publication whose check was overtaken by a save shows up as that trigger's error.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::approved_import::{ORACLE, approve_all, borrowed, kazakh_file, unit_form};
use crate::support::{Browser, TestApp};
use crate::translations::{KAZAKH, signed_in, site, unit_inputs};

/// Aborts every write that leaves `slug` published while a Kazakh unit of `parom` is not approved.
fn install_oracle(data: &Path, slug: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let url = format!("sqlite://{}", data.join("ashyq.db").display());
        let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for event in ["INSERT", "UPDATE"] {
            sqlx::query(&format!(
                "CREATE TRIGGER approval_oracle_{event} BEFORE {event} ON articles \
                 WHEN NEW.slug = '{slug}' AND NEW.status = 'published' \
                 BEGIN SELECT RAISE(ABORT, '{ORACLE}') WHERE EXISTS (SELECT 1 FROM \
                 translation_drafts WHERE original_slug = 'parom' AND lang = 'kk' \
                 AND state <> 'approved'); END"
            ))
            .execute(&mut connection)
            .await
            .unwrap();
        }
    });
}

/// A translator claims `parom` into Kazakh and submits `KAZAKH`; a language editor approves it.
/// Returns both browsers and the unit ids.
fn approved_translation(app: &TestApp) -> (Browser<'_>, Browser<'_>, Vec<String>) {
    let mut dana = signed_in(app, "dana", "translator");
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    let ids = unit_inputs(&dana.get("/translate/parom/kk").body);
    assert_eq!(ids.len(), 5);
    let submitted = unit_form(&ids, &KAZAKH, "submit");
    assert_eq!(dana.post("/translate/parom/kk", &borrowed(&submitted)).status, 303);
    let mut gulnar = signed_in(app, "gulnar", "editor");
    assert_eq!(gulnar.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(approve_all(&mut gulnar, &ids), 303);
    (dana, gulnar, ids)
}

/// The translator changes the last unit and puts it back, the editor approves it again, twelve
/// times; then `working` turns false.
fn keep_editing(
    dana: &mut Browser<'_>,
    gulnar: &mut Browser<'_>,
    ids: &[String],
    working: &AtomicBool,
) {
    let mut changed = KAZAKH;
    changed[4] = "Көпір көктемде ашылады.";
    for _ in 0..12 {
        let away = unit_form(ids, &changed, "submit");
        assert_eq!(dana.post("/translate/parom/kk", &borrowed(&away)).status, 303);
        let back = unit_form(ids, &KAZAKH, "submit");
        assert_eq!(dana.post("/translate/parom/kk", &borrowed(&back)).status, 303);
        assert_eq!(approve_all(gulnar, ids), 303);
    }
    working.store(false, Ordering::SeqCst);
}

#[test]
fn publishing_in_the_browser_racing_saves_and_reviews_never_publishes_an_unapproved_unit_issue_11()
{
    let (_dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let (mut dana, mut gulnar, ids) = approved_translation(&app);
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
    install_oracle(data.path(), "parom-kk");

    let working = AtomicBool::new(true);
    let (mut landed, mut refused) = (0, 0);
    std::thread::scope(|scope| {
        let editing = scope.spawn(|| keep_editing(&mut dana, &mut gulnar, &ids, &working));
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
