//! Issue 11, weak spot closed: `import md --require-approval` checks approval and writes the
//! translation in one step. Imports race a translator and a language editor working on the same
//! translation in the browser; a trigger in the database (the test's oracle, not the product's)
//! aborts any write of the translation made while one of its units is not approved, so an import
//! whose check was overtaken by a save shows up as that trigger's error.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::support::{Browser, TestApp, run_ashyq};
use crate::translations::{KAZAKH, seen_fields, signed_in, site, unit_inputs, with_seen};

/// The translation's file: the units of `KAZAKH` in the original's order.
pub(crate) fn kazakh_file() -> String {
    format!(
        "+++\ntitle = \"{}\"\nslug = \"parom-kk\"\nlang = \"kk\"\ntranslation_of = \"parom\"\n\
         published = 2026-04-22T07:15:00+05:00\nsummary = \"{}\"\n\
         authors = [{{ name = \"Аружан Әлібекова\", slug = \"aruzhan-alibekova\" }}]\n+++\n\
         {}\n\n{}\n\n{}\n",
        KAZAKH[0], KAZAKH[1], KAZAKH[2], KAZAKH[3], KAZAKH[4]
    )
}

pub(crate) const ORACLE: &str = "ORACLE: the translation was written while a unit was not approved";

fn install_oracle(data: &Path) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Connection as _;
        let url = format!("sqlite://{}", data.join("ashyq.db").display());
        let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query(&format!(
            "CREATE TRIGGER approval_oracle BEFORE INSERT ON articles WHEN NEW.slug = 'parom-kk' \
             BEGIN SELECT RAISE(ABORT, '{ORACLE}') WHERE EXISTS (SELECT 1 FROM translation_drafts \
             WHERE original_slug = 'parom' AND lang = 'kk' AND state <> 'approved'); END"
        ))
        .execute(&mut connection)
        .await
        .unwrap();
    });
}

/// The translator's form with every unit's text (`ids` in page order) and `action`.
pub(crate) fn unit_form(ids: &[String], texts: &[&str], action: &str) -> Vec<(String, String)> {
    ids.iter()
        .zip(texts)
        .map(|(id, text)| (format!("u.{id}"), (*text).to_owned()))
        .chain([("action".to_owned(), action.to_owned())])
        .collect()
}

pub(crate) fn borrowed(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The language editor approves every unit waiting for review, as the review page shows them.
pub(crate) fn approve_all(editor: &mut Browser<'_>, ids: &[String]) -> u16 {
    approve_all_of(editor, "parom", ids)
}

/// [`approve_all`] for the story `story` into Kazakh.
pub(crate) fn approve_all_of(editor: &mut Browser<'_>, story: &str, ids: &[String]) -> u16 {
    let seen = seen_fields(&editor.get(&format!("/translate/{story}/kk")).body);
    let decisions: Vec<(String, String)> = seen
        .iter()
        .filter_map(|(field, _)| field.strip_prefix("h."))
        .filter(|id| ids.iter().any(|known| known == id))
        .map(|id| (format!("d.{id}"), "approve".to_owned()))
        .collect();
    let decisions = borrowed(&decisions);
    editor.post(&format!("/translate/{story}/kk/review"), &with_seen(&decisions, &seen)).status
}

#[test]
fn imports_requiring_approval_racing_saves_and_reviews_never_publish_an_unapproved_unit_issue_11() {
    let (dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let mut dana = signed_in(&app, "dana", "translator");
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    let ids = unit_inputs(&dana.get("/translate/parom/kk").body);
    assert_eq!(ids.len(), 5);
    let submitted = unit_form(&ids, &KAZAKH, "submit");
    assert_eq!(dana.post("/translate/parom/kk", &borrowed(&submitted)).status, 303);
    let mut gulnar = signed_in(&app, "gulnar", "editor");
    assert_eq!(gulnar.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(approve_all(&mut gulnar, &ids), 303);
    assert!(dana.get("/translate/parom/kk").body.contains("Every unit is approved"));

    std::fs::write(dir.path().join("parom-kk.md"), kazakh_file()).unwrap();
    let data_arg = data.path().to_str().unwrap().to_owned();
    let import = |dir: &Path| {
        let args = ["import", "md", "--require-approval", "--replace", "parom-kk.md"];
        let output = run_ashyq(dir, &[&args[..], &["--data", &data_arg]].concat());
        let said = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.success(), said)
    };
    // Approved as the file says: imported.
    let (ok, said) = import(dir.path());
    assert!(ok, "{said}");
    install_oracle(data.path());

    // The translator changes the last unit and puts it back, the editor approves it again, over
    // and over, while four imports run again and again.
    let mut changed = KAZAKH;
    changed[4] = "Көпір көктемде ашылады.";
    let working = AtomicBool::new(true);
    let (mut landed, mut refused) = (0, 0);
    std::thread::scope(|scope| {
        let editing = scope.spawn(|| {
            for _ in 0..12 {
                let away = unit_form(&ids, &changed, "submit");
                assert_eq!(dana.post("/translate/parom/kk", &borrowed(&away)).status, 303);
                let back = unit_form(&ids, &KAZAKH, "submit");
                assert_eq!(dana.post("/translate/parom/kk", &borrowed(&back)).status, 303);
                assert_eq!(approve_all(&mut gulnar, &ids), 303);
            }
            working.store(false, Ordering::SeqCst);
        });
        let importers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    let mut outcomes = Vec::new();
                    while working.load(Ordering::SeqCst) {
                        outcomes.push(import(dir.path()));
                    }
                    outcomes
                })
            })
            .collect();
        editing.join().unwrap();
        for importer in importers {
            for (ok, said) in importer.join().unwrap() {
                assert!(!said.contains("ORACLE"), "an unapproved unit was published: {said}");
                if ok {
                    landed += 1;
                } else {
                    assert!(
                        (said.contains("needs a language editor's approval")
                            || said.contains("kept changing on the site"))
                            && said.contains("nothing was imported"),
                        "a refusal says why and that nothing was written: {said}"
                    );
                    refused += 1;
                }
            }
        }
    });
    eprintln!("{landed} imports landed and {refused} were refused while the unit changed");
    assert!(landed + refused >= 4, "the imports ran");
    // Everything approved again at the end: the import goes through.
    let (ok, said) = import(dir.path());
    assert!(ok, "{said}");
    assert_eq!(app.get("/articles/parom-kk").status, 200);
}
