//! Translations over HTTP and on the command line: language links and `hreflang`, the credit line,
//! units marked "needs update" by every path that changes an original (import `--replace`, the
//! editor, restoring a revision) and the reader's notice, and `ashyq translations status`.

use std::path::Path;

use crate::support::{Browser, TestApp, run_ashyq};

const PASSWORD: &str = "steppe wind over the river";

fn original(second_paragraph: &str) -> String {
    format!(
        "+++\ntitle = \"Паром\"\nslug = \"parom\"\nlang = \"ru\"\npublished = 2026-04-20T07:15:00+05:00\n\
         summary = \"Газету возят на лодке.\"\n\
         authors = [{{ name = \"Аружан Алибекова\", slug = \"aruzhan-alibekova\" }}]\n+++\n\
         Каждую пятницу газета пересекает реку.\n\n{second_paragraph}\n\nМост откроют осенью.\n"
    )
}

const TRANSLATION: &str = "+++\ntitle = \"The ferry\"\nslug = \"the-ferry\"\nlang = \"en\"\n\
    translation_of = \"parom\"\ntranslators = [\"Dana Sarsen\", \"Timur Ospan\"]\n\
    published = 2026-04-21T07:15:00+05:00\nsummary = \"The paper goes by boat.\"\n\
    authors = [{ name = \"Aruzhan Alibekova\", slug = \"aruzhan-alibekova\" }]\n+++\n\
    Every Friday the paper crosses the river.\n\nTwo hundred copies fit on the deck.\n\n\
    The bridge will reopen in autumn.\n";

const SECOND: &str = "На палубе помещается двести экземпляров.";

fn import(dir: &Path, data: &Path, files: &[(&str, &str)], replace: bool) {
    let mut args = vec!["import", "md", "--data", data.to_str().unwrap()];
    if replace {
        args.push("--replace");
    }
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
        args.push(name);
    }
    let output = run_ashyq(dir, &args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn status_json(dir: &Path, data: &Path) -> serde_json::Value {
    let output =
        run_ashyq(dir, &["translations", "status", "--json", "--data", data.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn counts(
    translated: u64,
    outdated: u64,
    in_progress: u64,
    claimed: u64,
    missing: u64,
) -> serde_json::Value {
    serde_json::json!({
        "translated": translated, "outdated": outdated, "in_progress": in_progress,
        "claimed": claimed, "missing": missing
    })
}

/// A site with the Russian original and its English translation, imported from files.
pub(crate) fn site() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        data.path(),
        &[("parom.md", &original(SECOND)), ("ferry.md", TRANSLATION)],
        false,
    );
    (dir, data)
}

#[test]
fn language_versions_link_each_other_with_hreflang_and_credit_the_translators() {
    let (_dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let page = app.page("/articles/the-ferry");
    for link in [
        r#"<link rel="alternate" hreflang="en" href="/articles/the-ferry">"#,
        r#"<link rel="alternate" hreflang="ru" href="/articles/parom">"#,
        r#"<link rel="alternate" hreflang="x-default" href="/articles/parom">"#,
    ] {
        assert!(page.contains(link), "{link} missing:\n{page}");
    }
    assert!(page.contains("Translated from Russian by Dana Sarsen, Timur Ospan"), "{page}");
    assert!(
        page.contains(r#"lang="ru" dir="auto" hreflang="ru" title="Паром">Русский</a>"#),
        "{page}"
    );
    assert!(!page.contains("stale-notice"), "an imported translation is in step");

    let original_page = app.page("/articles/parom");
    assert!(
        original_page
            .contains(r#"<link rel="alternate" hreflang="x-default" href="/articles/parom">"#)
    );
    assert!(original_page.contains(r#"hreflang="en" title="The ferry">English</a>"#));
    assert!(!original_page.contains("translation-credit"), "an original credits no translator");
}

#[test]
fn an_edit_to_one_paragraph_by_import_marks_only_that_unit_and_the_reader_is_told() {
    let (dir, data) = site();
    let languages = status_json(dir.path(), data.path());
    assert_eq!(languages["languages"]["en"], counts(1, 0, 0, 0, 0), "{languages}");
    assert_eq!(languages["languages"]["kk"], counts(0, 0, 0, 0, 1), "{languages}");
    assert_eq!(languages["languages"]["ru"], counts(0, 0, 0, 0, 0), "{languages}");
    assert_eq!(languages["languages"]["ar"], counts(0, 0, 0, 0, 1), "{languages}");
    assert_eq!(languages["languages"].as_object().unwrap().len(), 4, "one entry per site language");

    // A new paragraph before the second, and the second changed.
    let edited = original("Лодочник — Болат.\n\nНа палубе помещается триста экземпляров.");
    import(dir.path(), data.path(), &[("parom.md", &edited)], true);
    let languages = status_json(dir.path(), data.path());
    assert_eq!(languages["languages"]["en"], counts(0, 1, 0, 0, 0), "{languages}");

    let app = TestApp::start_in(data.path(), &[]);
    let page = app.page("/articles/the-ferry");
    assert!(
        page.contains(
            "The original has changed since this translation was made. Changed since: paragraph 3."
        ),
        "only the edited paragraph is named (the inserted one is untranslated, not stale):\n{page}"
    );
    let notice = &page[page.find("stale-notice").unwrap()..];
    assert!(notice.contains(r#"<a href="/articles/parom""#), "the notice links the original");

    // The translator's updated file, imported, is in step again.
    let updated = TRANSLATION.replace("Two hundred", "Three hundred");
    import(dir.path(), data.path(), &[("ferry.md", &updated)], true);
    let languages = status_json(dir.path(), data.path());
    assert_eq!(languages["languages"]["en"], counts(1, 0, 0, 0, 0), "{languages}");
}

fn editor(app: &TestApp) -> Browser<'_> {
    app.add_user("editor@example.org", "Erlan Editor", "editor", PASSWORD);
    let mut browser = Browser::new(app);
    assert_eq!(browser.login("editor@example.org", PASSWORD).status, 303);
    browser
}

#[test]
fn the_editor_and_a_restored_revision_mark_and_clear_the_units_they_change() {
    let (dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let mut browser = editor(&app);
    let changed = original("На палубе помещается сто экземпляров.");
    let reply = browser
        .post("/admin/articles/parom/edit", &[("source", changed.as_str()), ("action", "publish")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = app.page("/articles/the-ferry");
    assert!(page.contains("Changed since: paragraph 2."), "{page}");

    // Restoring the imported text puts the original back as the translation knew it: in step.
    let list = browser.get("/admin/articles/parom/revisions");
    let first = list.body.rfind("/admin/articles/parom/revisions/").unwrap();
    let revision: String = list.body[first..].chars().take_while(|c| *c != '"').collect();
    assert_eq!(browser.post(&format!("{revision}/restore"), &[]).status, 303);
    let page = app.page("/articles/the-ferry");
    assert!(!page.contains("stale-notice"), "{page}");
    let languages = status_json(dir.path(), data.path());
    assert_eq!(languages["languages"]["en"], counts(1, 0, 0, 0, 0), "{languages}");
}

pub(crate) fn signed_in<'a>(app: &'a TestApp, who: &str, roles: &str) -> Browser<'a> {
    app.add_user(&format!("{who}@example.org"), who, roles, PASSWORD);
    let mut browser = Browser::new(app);
    assert_eq!(browser.login(&format!("{who}@example.org"), PASSWORD).status, 303);
    browser
}

#[test]
fn translators_list_claim_and_release_and_only_language_editors_reassign() {
    let (_dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    assert_eq!(Browser::new(&app).get("/translate").status, 303, "signed-in only");
    let mut author = signed_in(&app, "aigerim", "author");
    assert_eq!(author.get("/translate").status, 403);

    let mut dana = signed_in(&app, "dana", "translator");
    let page = dana.get("/translate");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("data-slug=\"parom\""), "no languages chosen yet");
    // Claiming without the language is refused, and so is a form without its CSRF token.
    let refused = dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(dana.post_raw("/translate/languages", &[("lang", "kk")]).status, 403);
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    let page = dana.get("/translate");
    assert!(page.body.contains("data-slug=\"parom\""), "{}", page.body);
    assert!(!page.body.contains("data-slug=\"the-ferry\""), "translations are not listed");
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    // English already exists: nothing to claim.
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk"), ("lang", "en")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "en")]).status, 409);

    let mut timur = signed_in(&app, "timur", "translator");
    assert_eq!(timur.post("/translate/languages", &[("lang", "kk")]).status, 303);
    let taken = timur.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]);
    assert_eq!(taken.status, 409);
    assert!(taken.body.contains("dana has already claimed this story"), "{}", taken.body);
    assert!(timur.get("/translate").body.contains("Claimed by dana until"));
    assert_eq!(timur.post("/translate/release", &[("slug", "parom"), ("lang", "kk")]).status, 409);
    let reassign = [("slug", "parom"), ("lang", "kk"), ("to", "timur@example.org")];
    assert_eq!(timur.post("/translate/reassign", &reassign).status, 403);

    let mut gulnar = signed_in(&app, "gulnar", "editor");
    assert_eq!(gulnar.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(gulnar.post("/translate/reassign", &reassign).status, 303);
    assert!(gulnar.get("/translate").body.contains("Claimed by timur until"));
    assert_eq!(gulnar.post("/translate/release", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    assert!(!gulnar.get("/translate").body.contains("Claimed by"));
}

#[test]
fn of_concurrent_claims_over_http_exactly_one_wins() {
    let (_dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let mut browsers = Vec::new();
    for n in 0..6 {
        let mut browser = signed_in(&app, &format!("t{n}"), "translator");
        assert_eq!(browser.post("/translate/languages", &[("lang", "kk")]).status, 303);
        let token = browser.csrf();
        browsers.push((browser, token));
    }
    let barrier = std::sync::Barrier::new(browsers.len());
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = browsers
            .iter_mut()
            .map(|(browser, token)| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    let fields =
                        [("slug", "parom"), ("lang", "kk"), ("csrf_token", token.as_str())];
                    browser.post_raw("/translate/claim", &fields).status
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|status| **status == 303).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|status| **status == 409).count(), 5, "{statuses:?}");
}

#[test]
fn status_counts_claims() {
    let (dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let mut dana = signed_in(&app, "dana", "translator");
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    let languages = status_json(dir.path(), data.path());
    assert_eq!(languages["languages"]["kk"], counts(0, 0, 0, 1, 0), "{languages}");
}

/// The unit ids of the side-by-side editor's inputs, in page order.
pub(crate) fn unit_inputs(page: &str) -> Vec<String> {
    page.split("name=\"u.")
        .skip(1)
        .map(|rest| rest.chars().take_while(|c| *c != '"').collect())
        .collect()
}

/// The review form's hidden `h.ID` fields: the hash of each unit's text as the page showed it.
pub(crate) fn seen_fields(page: &str) -> Vec<(String, String)> {
    page.split("name=\"h.")
        .skip(1)
        .map(|rest| {
            let id: String = rest.chars().take_while(|c| *c != '"').collect();
            let value = rest.split("value=\"").nth(1).unwrap_or_default();
            (format!("h.{id}"), value.chars().take_while(|c| *c != '"').collect())
        })
        .collect()
}

/// A review form as the browser sends it: the decisions and the page's hidden fields.
pub(crate) fn with_seen<'a>(
    decisions: &[(&'a str, &'a str)],
    seen: &'a [(String, String)],
) -> Vec<(&'a str, &'a str)> {
    decisions.iter().copied().chain(seen.iter().map(|(k, v)| (k.as_str(), v.as_str()))).collect()
}

pub(crate) const KAZAKH: [&str; 5] = [
    "Паром",
    "Газетті қайықпен тасиды.",
    "Әр жұма сайын газет өзеннен өтеді.",
    "Палубаға екі жүз дана сыяды.",
    "Көпір күзде ашылады.",
];

#[test]
fn the_side_by_side_editor_saves_submits_and_a_language_editor_reviews_each_unit() {
    let (_dir, data) = site();
    let app = TestApp::start_in(data.path(), &[]);
    let mut dana = signed_in(&app, "dana", "translator");
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    let mut timur = signed_in(&app, "timur", "translator");
    assert_eq!(timur.post("/translate/languages", &[("lang", "kk")]).status, 303);
    // Nobody may open it before claiming it.
    assert_eq!(dana.get("/translate/parom/kk").status, 403);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    assert!(dana.get("/translate").body.contains("href=\"/translate/parom/kk\""));
    assert!(!timur.get("/translate").body.contains("href=\"/translate/parom/kk\""));

    let page = dana.get("/translate/parom/kk");
    assert_eq!(page.status, 200, "{}", page.body);
    let ids = unit_inputs(&page.body);
    assert_eq!(ids.len(), 5, "title, summary and three paragraphs: {ids:?}");
    assert_eq!(&ids[..2], ["title", "summary"]);
    assert!(page.body.contains("Каждую пятницу газета пересекает реку."), "the source beside it");
    assert!(page.body.contains("lang=\"ru\" dir=\"ltr\""));
    assert!(page.body.contains("untranslated"));

    // Another translator can neither open nor write it; a form without its token is refused.
    assert_eq!(timur.get("/translate/parom/kk").status, 403);
    let title_only = [("u.title", KAZAKH[0]), ("action", "save")];
    assert_eq!(timur.post("/translate/parom/kk", &title_only).status, 403);
    assert_eq!(dana.post_raw("/translate/parom/kk", &title_only).status, 403);

    assert_eq!(dana.post("/translate/parom/kk", &title_only).status, 303);
    let page = dana.get("/translate/parom/kk?notice=saved");
    assert!(page.body.contains("The draft was saved."));
    assert!(page.body.contains("value=\"Паром\""), "{}", page.body);
    // Submitting with units missing is refused, keeping what was typed.
    let typed = [("u.summary", KAZAKH[1]), ("action", "submit")];
    let refused = dana.post("/translate/parom/kk", &typed);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Some units are not translated yet"));
    assert!(refused.body.contains("value=\"Газетті қайықпен тасиды.\""), "{}", refused.body);

    let fields: Vec<(String, String)> = ids
        .iter()
        .zip(KAZAKH)
        .map(|(id, text)| (format!("u.{id}"), text.to_owned()))
        .chain([("action".to_owned(), "submit".to_owned())])
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(dana.post("/translate/parom/kk", &fields).status, 303);
    assert!(dana.get("/translate/parom/kk").body.contains("waiting for review"));

    // A translator is no reviewer; an editor without the language is none either.
    let approve_title = [("d.title", "approve")];
    assert_eq!(dana.post("/translate/parom/kk/review", &approve_title).status, 403);
    let mut ruslan = signed_in(&app, "ruslan", "editor");
    assert_eq!(ruslan.post("/translate/languages", &[("lang", "ru")]).status, 303);
    assert_eq!(ruslan.get("/translate/parom/kk").status, 403);
    assert_eq!(ruslan.post("/translate/parom/kk/review", &approve_title).status, 403);

    let mut gulnar = signed_in(&app, "gulnar", "editor");
    assert_eq!(gulnar.post("/translate/languages", &[("lang", "kk")]).status, 303);
    let review = gulnar.get("/translate/parom/kk");
    assert_eq!(review.status, 200);
    assert!(review.body.contains("action=\"/translate/parom/kk/review\""), "{}", review.body);
    assert!(!review.body.contains("name=\"u.title\""), "an editor without the claim cannot write");
    let seen = seen_fields(&review.body);
    assert_eq!(seen.len(), 5, "{seen:?}");
    let no_note = [("d.title", "approve"), ("d.summary", "return"), ("n.summary", " ")];
    let refused = gulnar.post("/translate/parom/kk/review", &with_seen(&no_note, &seen));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Say what to change in unit summary"), "{}", refused.body);
    let block = format!("d.{}", ids[3]);
    let decisions = [
        ("d.title", "approve"),
        ("d.summary", "approve"),
        (&format!("d.{}", ids[2]), "approve"),
        (&block, "return"),
        (&format!("n.{}", ids[3]), "Екі жүз емес, жүз."),
        (&format!("d.{}", ids[4]), "approve"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let decisions: Vec<(&str, &str)> =
        decisions.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        gulnar.post("/translate/parom/kk/review", &with_seen(&decisions, &seen)).status,
        303
    );
    // Not everything is approved: nothing can be published yet.
    assert_eq!(gulnar.post("/translate/parom/kk/publish", &[]).status, 409);
    let page = dana.get("/translate/parom/kk");
    assert!(page.body.contains("Екі жүз емес, жүз."), "the note reaches the translator");
    assert!(page.body.contains("returned"));
    assert!(!page.body.contains("Every unit is approved"));

    let fixed = [(format!("u.{}", ids[3]), "Палубаға жүз дана сыяды.".to_owned())];
    let fixed: Vec<(&str, &str)> =
        fixed.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain([("action", "submit")]).collect();
    assert_eq!(dana.post("/translate/parom/kk", &fixed).status, 303);
    let seen_before_fix = seen_fields(&gulnar.get("/translate/parom/kk").body);
    assert_eq!(seen_before_fix.len(), 1, "{seen_before_fix:?}");
    // The translator corrects the unit again while the reviewer has it open: approving from the
    // page opened before is refused (409), and the unit stays as the translator saved it.
    let again = [(format!("u.{}", ids[3]), "Палубаға жүз дана ғана сыяды.".to_owned())];
    let again: Vec<(&str, &str)> =
        again.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain([("action", "submit")]).collect();
    assert_eq!(dana.post("/translate/parom/kk", &again).status, 303);
    let last = [(block.as_str(), "approve")];
    let stale = gulnar.post("/translate/parom/kk/review", &with_seen(&last, &seen_before_fix));
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("changed unit"), "{}", stale.body);
    assert!(stale.body.contains("Палубаға жүз дана ғана сыяды."), "the new text is shown");
    let page = dana.get("/translate/parom/kk");
    assert!(
        page.body.contains("waiting for review") && !page.body.contains("Every unit is approved")
    );
    // A form without the hash is refused too.
    assert_eq!(gulnar.post("/translate/parom/kk/review", &last).status, 409);
    let seen = seen_fields(&gulnar.get("/translate/parom/kk").body);
    assert_eq!(gulnar.post("/translate/parom/kk/review", &with_seen(&last, &seen)).status, 303);
    assert!(dana.get("/translate/parom/kk").body.contains("Every unit is approved"));

    // Only a language editor publishes; the translation becomes an article of its own, credited.
    assert_eq!(dana.post("/translate/parom/kk/publish", &[]).status, 403);
    assert_eq!(gulnar.post_raw("/translate/parom/kk/publish", &[]).status, 403);
    let published = gulnar.post("/translate/parom/kk/publish", &[]);
    assert_eq!(published.status, 303, "{}", published.body);
    let page = app.page("/articles/parom-kk");
    assert!(page.contains("Палубаға жүз дана ғана сыяды."), "{page}");
    assert!(page.contains("<h1") && page.contains(">Паром<"), "{page}");
    assert!(page.contains("dana"), "the translator is credited: {page}");
    assert!(app.page("/articles/parom").contains("hreflang=\"kk\""));
    let languages = status_json(_dir.path(), data.path());
    assert_eq!(languages["languages"]["kk"], counts(1, 0, 0, 0, 0), "{languages}");

    // The original's second paragraph changes: that unit alone needs update, with a word diff.
    let changed = original("На палубе помещается сто экземпляров.");
    let edit = [("source", changed.as_str()), ("action", "publish")];
    assert_eq!(gulnar.post("/admin/articles/parom/edit", &edit).status, 303);
    let page = dana.get("/translate/parom/kk");
    assert_eq!(page.body.matches("needs update").count(), 1, "{}", page.body);
    assert!(page.body.contains("<del>двести</del>"), "{}", page.body);
    assert!(page.body.contains("<ins>сто</ins>"), "{}", page.body);
    assert!(!page.body.contains("Every unit is approved"));
    // The published translation's readers are told which paragraph changed.
    assert!(app.page("/articles/parom-kk").contains("stale-notice"));
    let languages = status_json(_dir.path(), data.path());
    assert_eq!(languages["languages"]["kk"], counts(0, 1, 0, 0, 0), "{languages}");

    // The translator brings the unit in step, the language editor approves it and publishes
    // again: the published translation at its address is updated, not a new one attempted.
    let update = [(format!("u.{}", ids[3]), "Палубаға жүз дана сыяды.".to_owned())];
    let update: Vec<(&str, &str)> = update
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain([("action", "submit")])
        .collect();
    assert_eq!(dana.post("/translate/parom/kk", &update).status, 303);
    let seen = seen_fields(&gulnar.get("/translate/parom/kk").body);
    assert_eq!(gulnar.post("/translate/parom/kk/review", &with_seen(&last, &seen)).status, 303);
    let republished = gulnar.post("/translate/parom/kk/publish", &[]);
    assert_eq!(republished.status, 303, "{}", republished.body);
    assert_eq!(republished.location(), Some("/articles/parom-kk"));
    let page = app.page("/articles/parom-kk");
    assert!(
        page.contains("Палубаға жүз дана сыяды.") && !page.contains("дана ғана сыяды"),
        "{page}"
    );
    assert!(!page.contains("stale-notice"), "in step again: {page}");
    let languages = status_json(_dir.path(), data.path());
    assert_eq!(languages["languages"]["kk"], counts(1, 0, 0, 0, 0), "{languages}");
}

/// Issue 11: publishing a translation needs every unit approved, whichever door it comes
/// through: `import md` refuses it (writing nothing) unless the operator records the approval,
/// the browser editor refuses to publish it (409) but saves it as a draft, and a language listed
/// in `unreviewed_translations` opens both doors.
#[test]
fn issue_11_an_unapproved_translation_is_published_by_no_door() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let data_arg = data.path().to_str().unwrap().to_owned();
    std::fs::write(dir.path().join("parom.md"), original(SECOND)).unwrap();
    std::fs::write(dir.path().join("ferry.md"), TRANSLATION).unwrap();
    let output = run_ashyq(dir.path(), &["import", "md", "parom.md", "--data", &data_arg]);
    assert!(output.status.success(), "an original needs no approval");
    let output = run_ashyq(
        dir.path(),
        &["import", "md", "--require-approval", "ferry.md", "--data", &data_arg],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(
            "ferry.md: the translation `the-ferry` into `en` needs a language editor's approval"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("without --require-approval") && stderr.contains("nothing was imported")
    );
    let languages = status_json(dir.path(), data.path());
    assert_eq!(
        languages["languages"]["en"],
        counts(0, 0, 0, 0, 1),
        "nothing imported: {languages}"
    );

    let app = TestApp::start_in(data.path(), &[]);
    let mut browser = editor(&app);
    let publish = [("source", TRANSLATION), ("action", "publish")];
    let refused = browser.post("/admin/articles/new", &publish);
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("a language editor must approve every part"), "{}", refused.body);
    assert_eq!(app.get("/articles/the-ferry").status, 404);
    let draft = browser.post("/admin/articles/new", &[("source", TRANSLATION), ("action", "save")]);
    assert_eq!(draft.status, 303, "a draft needs no approval: {}", draft.body);
    let republish = browser.post("/admin/articles/the-ferry/edit", &publish);
    assert_eq!(republish.status, 409, "nor does saving the draft first open the door");
    assert_eq!(app.get("/articles/the-ferry").status, 404);

    // English listed as needing no review: both doors open.
    let output = run_ashyq(
        dir.path(),
        &["site", "set", "unreviewed_translations", "en", "--data", &data_arg],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let reply = browser.post("/admin/articles/the-ferry/edit", &publish);
        if reply.status == 303 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the setting reaches the server: {}",
            reply.status
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(app.get("/articles/the-ferry").status, 200);
    let output =
        run_ashyq(dir.path(), &["import", "md", "ferry.md", "--replace", "--data", &data_arg]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
