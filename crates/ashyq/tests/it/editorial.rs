//! Writing and publishing in the browser, over HTTP: the editor's buttons, every role boundary
//! (a refused action answers 403 and changes nothing), validation errors at their lines, revisions
//! and scheduling. Photo uploads are in `editorial_uploads`, import and export in `editorial_files`.

use ashyq_images::test_support::{PLANTED_SERIAL, plain_jpeg, revealing_jpeg};

use crate::editorial_uploads::{PHOTO_FIELDS, contains_bytes, media_files, upload, uploaded_src};
use crate::support::{Browser, Reply, TestApp};

pub(crate) const PASSWORD: &str = "steppe wind over the river";
pub(crate) const PAST: &str = "2024-05-01T10:00:00+05:00";
const FUTURE: &str = "2999-01-01T10:00:00+05:00";
pub(crate) const DEMO_SLUG: &str = "printers-who-said-no";

pub(crate) fn newsroom() -> TestApp {
    let app = TestApp::with_demo();
    for (email, name, roles) in [
        ("editor@example.org", "Erlan Editor", "editor"),
        ("author@example.org", "Aigerim Author", "author"),
        ("other@example.org", "Olzhas Otherauthor", "author"),
        ("translator@example.org", "Tamara Translator", "translator"),
        ("moderator@example.org", "Madi Moderator", "moderator"),
        ("admin@example.org", "Asel Admin", "admin"),
    ] {
        app.add_user(email, name, roles, PASSWORD);
    }
    app
}

pub(crate) fn login<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    let reply = browser.login(&format!("{who}@example.org"), PASSWORD);
    assert_eq!(reply.status, 303, "login as {who}: {}", reply.body);
    browser
}

/// An article file: `front` goes before the tables, `tables` after `[[authors]]`.
pub(crate) fn article(
    slug: &str,
    published: &str,
    front: &str,
    tables: &str,
    body: &str,
) -> String {
    format!(
        "+++\ntitle = \"Story {slug}\"\nslug = \"{slug}\"\nlang = \"en\"\npublished = {published}\n\
         summary = \"What happened at {slug}.\"\ntags = [\"Newsroom test\"]\n{front}\n\
         [[authors]]\nname = \"Aigerim Author\"\nslug = \"aigerim-author\"\n{tables}+++\n{body}\n"
    )
}

pub(crate) fn simple(slug: &str, published: &str) -> String {
    article(slug, published, "", "", "The first paragraph of the story.")
}

pub(crate) fn save(browser: &mut Browser<'_>, path: &str, source: &str, action: &str) -> Reply {
    browser.post(path, &[("source", source), ("action", action)])
}

pub(crate) fn new_article(browser: &mut Browser<'_>, source: &str, action: &str) -> Reply {
    save(browser, "/admin/articles/new", source, action)
}

fn edit_path(slug: &str) -> String {
    format!("/admin/articles/{slug}/edit")
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The text in the editor's textarea.
fn textarea(html: &str) -> String {
    let start = html.find("<textarea").expect("the page has the editor");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</textarea>").unwrap();
    unescape(&html[open_end..close])
}

/// What an editor sees of an article: its text, its state and how many revisions it has. Comparing
/// this before and after a refused action shows the action changed nothing.
fn snapshot(editor: &mut Browser<'_>, slug: &str) -> (String, String, usize) {
    let page = editor.get(&edit_path(slug));
    assert_eq!(page.status, 200, "the editor opens {slug}");
    let status_start = page.body.find("class=\"status status-").expect("a state is shown");
    let status = page.body[status_start..].split('"').nth(1).unwrap();
    let status = status.trim_start_matches("status ").to_owned();
    let revisions = editor.get(&format!("/admin/articles/{slug}/revisions"));
    assert_eq!(revisions.status, 200);
    let n_revisions = revisions.body.matches("/revisions/").count();
    (textarea(&page.body), status, n_revisions)
}

pub(crate) fn assert_redirected_to_editor(reply: &Reply, slug: &str, notice: &str) {
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.location(), Some(format!("{}?notice={notice}", edit_path(slug)).as_str()));
}

pub(crate) fn interview_article(slug: &str, photo_src: &str) -> String {
    let tables = format!(
        "\n[[figures]]\nid = \"queue\"\nsrc = \"{photo_src}\"\nalt = \"A queue of people outside a printing house\"\n\
         caption = \"The queue at dawn\"\ncredit = \"Aigerim Author\"\nlicence = \"cc-by\"\n\n\
         [[speakers]]\nid = \"aa\"\nname = \"Aigerim Author\"\nrole = \"interviewer\"\ninitials = {{ en = \"AA\" }}\n\n\
         [[speakers]]\nid = \"dm\"\nname = \"Dina M\"\nrole = \"interviewee\"\ninitials = {{ en = \"DM\", ru = \"ДМ\" }}\n"
    );
    let body = "People queued from dawn.\n\n::: figure queue\n\n::: interview\n@aa\n[en original]\n\
                What did you see?\n@dm\n[ru original]\nМы видели всю очередь.\n[en]\nWe saw the whole queue.\n:::";
    article(slug, PAST, "", &tables, body)
}

#[test]
fn an_author_writes_with_an_interview_and_a_photo_and_an_editor_publishes() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let mut editor = login(&app, "editor");

    let dashboard = author.get("/admin");
    assert!(dashboard.body.contains("href=\"/admin/articles/new\""));
    assert!(dashboard.body.contains("href=\"/admin/media\""));
    assert!(!dashboard.body.contains("href=\"/admin/people\""));

    // The photo: metadata out, snippet back.
    let upload_page = author.get("/admin/media");
    assert_eq!(upload_page.status, 200);
    assert!(upload_page.body.contains("enctype=\"multipart/form-data\""));
    let photo = revealing_jpeg(1200, 800);
    assert!(contains_bytes(&photo, PLANTED_SERIAL.as_bytes()));
    let files_before = media_files(&app.data);
    // Issue 9 item 19: a phone's file name (capture time, place) never reaches an address; only
    // the words typed into the form do.
    let mut fields = PHOTO_FIELDS.to_vec();
    fields.push(("slug", "Queue at the press"));
    let reply = upload(&mut author, &fields, ("IMG_20240501_0712 (GPS Almaty).jpg", &photo));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("GPS position"), "the page names what was stripped");
    assert!(reply.body.contains("camera serial number"));
    let src = uploaded_src(&reply.body);
    assert!(src.ends_with("-queue-at-the-press-1200.jpg"), "{src}");
    let new_files: Vec<String> =
        media_files(&app.data).into_iter().filter(|name| !files_before.contains(name)).collect();
    assert_eq!(new_files.len(), 3, "{new_files:?}");
    for name in &new_files {
        for part in ["img", "2024", "0712", "gps", "almaty"] {
            assert!(!name.contains(part), "{name} carries `{part}` from the file name");
        }
        assert!(name.ends_with(".jpg") && name.contains("-queue-at-the-press-"), "{name}");
    }
    for name in &new_files {
        let bytes = std::fs::read(app.data.join("media").join(name)).unwrap();
        assert!(!contains_bytes(&bytes, PLANTED_SERIAL.as_bytes()), "{name} keeps the serial");
        assert!(!contains_bytes(&bytes, b"Exif\0\0"), "{name} keeps EXIF");
        assert!(!contains_bytes(&bytes, b"checkpoint"), "{name} keeps the comment");
    }

    // The editor starts from a template that parses once filled in.
    let new_page = author.get("/admin/articles/new");
    assert_eq!(new_page.status, 200);
    let template = textarea(&new_page.body);
    assert!(template.starts_with("+++\ntitle = \"\""), "{template}");
    assert!(template.contains("name = \"Aigerim Author\""));
    assert!(!new_page.body.contains("value=\"publish\""), "authors get no Publish button");

    let slug = "queue-at-the-press";
    let source = interview_article(slug, &src);
    let preview = new_article(&mut author, &source, "preview");
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(preview.body.contains("class=\"preview\""));
    assert!(preview.body.contains("<div class=\"turn answer pair\">"), "{}", preview.body);
    assert!(preview.body.contains("lang=\"ru\""));
    assert!(preview.body.contains("srcset=\""), "uploaded photos are responsive");
    assert_eq!(textarea(&preview.body), source, "the text is kept");
    assert_eq!(app.get(&format!("/articles/{slug}")).status, 404, "a preview stores nothing");

    assert_redirected_to_editor(&new_article(&mut author, &source, "save"), slug, "saved");
    assert_eq!(app.get(&format!("/articles/{slug}")).status, 404, "drafts are not public");
    let mine = author.get("/admin");
    assert!(mine.body.contains(&edit_path(slug)), "the dashboard lists my draft");

    let reply = save(&mut author, &edit_path(slug), &source, "review");
    assert_redirected_to_editor(&reply, slug, "review");
    assert_eq!(app.get(&format!("/articles/{slug}")).status, 404, "review is not public");
    let before = snapshot(&mut editor, slug);
    assert_eq!(before.1, "status-review");

    // The author cannot publish their own article.
    let reply = save(&mut author, &edit_path(slug), &source, "publish");
    assert_eq!(reply.status, 403);
    assert_eq!(snapshot(&mut editor, slug), before, "the refused publish changed nothing");

    let waiting = editor.get("/admin");
    let review_section = &waiting.body[waiting.body.find("Waiting for review").unwrap()..];
    assert!(review_section.contains(&edit_path(slug)));

    let reply = save(&mut editor, &edit_path(slug), &source, "publish");
    assert_redirected_to_editor(&reply, slug, "published");
    let page = app.page(&format!("/articles/{slug}"));
    assert!(page.contains("Story queue-at-the-press"));
    assert!(page.contains(&format!("<img src=\"{src}\" srcset=\"")), "{page}");
    assert!(page.contains("width=\"1200\" height=\"800\""));
    assert!(page.contains("<b class=\"speaker\">Dina M (ДМ):</b>"), "{page}");
    assert!(app.page("/").contains(&format!("/articles/{slug}")));
    let (_, status, n_revisions) = snapshot(&mut editor, slug);
    assert_eq!((status.as_str(), n_revisions), ("status-published", 3));

    // Once published, the author may no longer change it.
    assert_eq!(author.get(&edit_path(slug)).status, 403);
    let changed = source.replace("People queued", "Nobody queued");
    assert_eq!(save(&mut author, &edit_path(slug), &changed, "save").status, 403);
    assert!(app.page(&format!("/articles/{slug}")).contains("People queued"));
}

#[test]
fn validation_errors_are_shown_at_their_line_and_the_text_is_kept() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let source = article(
        "bad-licence",
        PAST,
        "",
        "\n[[figures]]\nid = \"x\"\nsrc = \"/media/0000-none.jpg\"\nalt = \"\"\ncaption = \"\"\ncredit = \"Us\"\nlicence = \"cc-by-4.0\"\n",
        "Text.\n\n::: figure x",
    );
    let reply = new_article(&mut author, &source, "save");
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(textarea(&reply.body), source);
    let licence_line = source.lines().position(|line| line.starts_with("licence")).unwrap() + 1;
    assert!(
        reply.body.contains(&format!("line {licence_line}, column")),
        "the error names line {licence_line}:\n{}",
        reply.body
    );
    assert!(reply.body.contains("unknown licence `cc-by-4.0`"));
    assert!(reply.body.contains(&format!("{licence_line} | </span>licence = &#34;cc-by-4.0&#34;")));
    assert!(reply.body.contains("<mark class=\"error-marker\">^</mark>"));
    assert_eq!(author.get(&edit_path("bad-licence")).status, 404, "nothing was saved");

    // With a valid licence, the missing upload is the error, on the `src` line.
    let source = source.replace("cc-by-4.0", "cc-by");
    let reply = new_article(&mut author, &source, "preview");
    assert_eq!(reply.status, 422);
    let src_line = source.lines().position(|line| line.starts_with("src")).unwrap() + 1;
    assert!(reply.body.contains(&format!("line {src_line}, column")), "{}", reply.body);
    assert!(reply.body.contains("no uploaded image `/media/0000-none.jpg`"));

    // Images next to a file cannot be used from the browser.
    let relative = source.replace("/media/0000-none.jpg", "../images/press.svg");
    let reply = new_article(&mut author, &relative, "save");
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("can only use uploaded images"));
}

#[test]
fn a_taken_slug_is_an_error_on_the_slug_line() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let reply = new_article(&mut author, &simple(DEMO_SLUG, PAST), "save");
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("line 3, column"), "{}", reply.body);
    assert!(reply.body.contains(&format!("the slug `{DEMO_SLUG}` is already used")));

    // Renaming an existing draft onto another article's slug is refused the same way.
    assert_redirected_to_editor(
        &new_article(&mut author, &simple("mine", PAST), "save"),
        "mine",
        "saved",
    );
    let reply = save(&mut author, &edit_path("mine"), &simple(DEMO_SLUG, PAST), "save");
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("line 3, column"));
    // A free new slug renames the draft.
    let reply = save(&mut author, &edit_path("mine"), &simple("renamed", PAST), "save");
    assert_redirected_to_editor(&reply, "renamed", "saved");
    assert_eq!(author.get(&edit_path("mine")).status, 404);
}

#[test]
fn links_to_refused_schemes_are_errors_at_their_place_in_the_editor_issue_9_item_14() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let source = article(
        "bad-link",
        PAST,
        "",
        "",
        "Fine [link](https://example.org).\n\nThen [a trap](javascript:alert(document.cookie)).",
    );
    let reply = new_article(&mut author, &source, "save");
    assert_eq!(reply.status, 422, "{}", reply.body);
    let body = unescape(&reply.body);
    assert!(body.contains("links to `javascript:` addresses are not allowed"), "{body}");
    let line = source.lines().position(|line| line.contains("a trap")).unwrap() + 1;
    assert!(
        body.contains(&format!("line {line}, column 6</span></a>: links to `javascript:`")),
        "{body}"
    );
    assert_eq!(textarea(&reply.body), source, "the text is kept");
    assert_eq!(author.get(&edit_path("bad-link")).status, 404, "nothing was stored");
}

#[test]
fn every_role_is_held_to_its_powers_and_refusals_change_nothing() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let mut other = login(&app, "other");
    let mut editor = login(&app, "editor");
    let mut translator = login(&app, "translator");
    let mut moderator = login(&app, "moderator");
    let mut admin = login(&app, "admin");

    let source = simple("draft-of-aigerim", PAST);
    assert_redirected_to_editor(
        &new_article(&mut author, &source, "save"),
        "draft-of-aigerim",
        "saved",
    );
    let path = edit_path("draft-of-aigerim");
    let before = snapshot(&mut editor, "draft-of-aigerim");
    let changed = source.replace("first paragraph", "hijacked paragraph");

    // Another author: cannot see, save, send to review or publish someone else's draft.
    assert_eq!(other.get(&path).status, 403);
    assert_eq!(other.get("/admin/articles/draft-of-aigerim/revisions").status, 403);
    for action in ["save", "review", "publish", "schedule", "unpublish", "preview"] {
        assert_eq!(save(&mut other, &path, &changed, action).status, 403, "other author: {action}");
    }
    // The author: no publishing powers over their own draft.
    for action in ["publish", "schedule", "unpublish"] {
        assert_eq!(save(&mut author, &path, &changed, action).status, 403, "author: {action}");
    }
    assert_eq!(new_article(&mut author, &simple("straight-out", PAST), "publish").status, 403);
    // The author may not edit imported (published) articles.
    assert_eq!(author.get(&edit_path(DEMO_SLUG)).status, 403);
    assert_eq!(save(&mut author, &edit_path(DEMO_SLUG), &changed, "save").status, 403);
    // Nor restore revisions, even of their own article.
    assert_eq!(
        author.post("/admin/articles/draft-of-aigerim/revisions/1/restore", &[]).status,
        403
    );

    // Translators start translations only, and publish nothing.
    assert_eq!(translator.get("/admin/articles/new").status, 200);
    assert_eq!(
        new_article(&mut translator, &simple("not-a-translation", PAST), "save").status,
        403
    );
    let translation =
        article("perevod", PAST, &format!("translation_of = \"{DEMO_SLUG}\""), "", "Перевод.");
    assert_eq!(new_article(&mut translator, &translation, "publish").status, 403);
    assert_redirected_to_editor(
        &new_article(&mut translator, &translation, "save"),
        "perevod",
        "saved",
    );
    assert_eq!(save(&mut translator, &path, &changed, "save").status, 403);

    // Issue 9 item 17: the translation rule holds on every save. Deleting `translation_of` from
    // their own translation (or pointing it nowhere) does not make it an original, and the refusal
    // writes nothing: no new revision, no change of text.
    let translation_before = snapshot(&mut editor, "perevod");
    let as_original = translation.replace(&format!("translation_of = \"{DEMO_SLUG}\""), "");
    assert!(!as_original.contains("translation_of"));
    for action in ["save", "review", "preview"] {
        assert_eq!(
            save(&mut translator, &edit_path("perevod"), &as_original, action).status,
            403,
            "translator turning a translation into an original: {action}"
        );
    }
    assert_eq!(snapshot(&mut editor, "perevod"), translation_before);
    let still_a_translation = translation.replace("Перевод.", "Перевод, исправленный.");
    assert_redirected_to_editor(
        &save(&mut translator, &edit_path("perevod"), &still_a_translation, "save"),
        "perevod",
        "saved",
    );

    // Moderators and administrators do not write or publish journalism.
    for browser in [&mut moderator, &mut admin] {
        assert_eq!(browser.get("/admin").status, 200);
        assert_eq!(browser.get("/admin/articles/new").status, 403);
        assert_eq!(new_article(browser, &simple("theirs", PAST), "save").status, 403);
        assert_eq!(browser.get(&path).status, 403);
        for action in ["save", "publish", "unpublish"] {
            assert_eq!(save(browser, &path, &changed, action).status, 403);
        }
        assert_eq!(save(browser, &edit_path(DEMO_SLUG), &changed, "unpublish").status, 403);
    }
    let moderator_dashboard = moderator.get("/admin");
    assert!(moderator_dashboard.body.contains("href=\"/moderation\""));
    assert!(!moderator_dashboard.body.contains("href=\"/admin/articles/new\""));
    assert!(admin.get("/admin").body.contains("href=\"/admin/people\""));
    assert_eq!(moderator.get("/admin/media").status, 403);
    let files_before = media_files(&app.data);
    let reply = upload(&mut moderator, PHOTO_FIELDS, ("x.jpg", &plain_jpeg(32, 32)));
    assert_eq!(reply.status, 403);
    assert_eq!(media_files(&app.data), files_before, "a refused upload writes no file");

    assert_eq!(snapshot(&mut editor, "draft-of-aigerim"), before, "refusals changed nothing");
    assert!(
        !app.page(&format!("/articles/{DEMO_SLUG}")).is_empty(),
        "the demo article is still up"
    );
    assert_eq!(app.get("/articles/theirs").status, 404);
    assert_eq!(app.get("/articles/straight-out").status, 404);

    // Anonymous visitors are sent to log in, and forged posts are refused.
    let mut anonymous = Browser::new(&app);
    assert_eq!(anonymous.get("/admin/articles/new").status, 303);
    assert_eq!(anonymous.post_raw(&path, &[("source", &changed), ("action", "save")]).status, 403);
}

#[test]
fn editors_restore_earlier_revisions() {
    let app = newsroom();
    let mut editor = login(&app, "editor");
    let first = simple("revised", PAST);
    let second = first.replace("The first paragraph", "A rewritten paragraph");
    assert_redirected_to_editor(&new_article(&mut editor, &first, "save"), "revised", "saved");
    assert_redirected_to_editor(
        &save(&mut editor, &edit_path("revised"), &second, "publish"),
        "revised",
        "published",
    );
    assert!(app.page("/articles/revised").contains("A rewritten paragraph"));

    let list = editor.get("/admin/articles/revised/revisions");
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Erlan Editor"));
    assert!(list.body.contains("published") && list.body.contains("saved"));
    let first_link = list.body.rfind("/admin/articles/revised/revisions/").unwrap();
    let revision_path: String = list.body[first_link..].chars().take_while(|c| *c != '"').collect();
    let revision = editor.get(&revision_path);
    assert_eq!(revision.status, 200);
    assert!(revision.body.contains("The first paragraph"));
    assert!(revision.body.contains("/restore\""));

    let reply = editor.post(&format!("{revision_path}/restore"), &[]);
    assert_redirected_to_editor(&reply, "revised", "restored");
    let (text, status, n_revisions) = snapshot(&mut editor, "revised");
    assert_eq!(text, first);
    assert_eq!(status, "status-published", "restoring keeps the state");
    assert_eq!(n_revisions, 3);
    assert!(app.page("/articles/revised").contains("The first paragraph"));
    assert!(editor.get("/admin/articles/revised/revisions").body.contains("restored revision"));

    // An imported article's first browser save can be undone: its file text is revision one.
    let imported = textarea(&editor.get(&edit_path(DEMO_SLUG)).body);
    let edited = imported.replacen("+++\n", "+++\n# edited in the browser\n", 1);
    let images = |page: &str| -> Vec<String> {
        crate::support::links(page).into_iter().filter(|link| link.starts_with("/media/")).collect()
    };
    let images_before = images(&app.page(&format!("/articles/{DEMO_SLUG}")));
    assert!(!images_before.is_empty());
    let reply = save(&mut editor, &edit_path(DEMO_SLUG), &edited, "save");
    assert_redirected_to_editor(&reply, DEMO_SLUG, "saved");
    assert_eq!(
        images(&app.page(&format!("/articles/{DEMO_SLUG}"))),
        images_before,
        "images given relative to the imported file keep their files"
    );
    let list = editor.get(&format!("/admin/articles/{DEMO_SLUG}/revisions"));
    assert!(list.body.contains("imported from a file"), "{}", list.body);
    let first_link = list.body.rfind(&format!("/admin/articles/{DEMO_SLUG}/revisions/")).unwrap();
    let revision_path: String = list.body[first_link..].chars().take_while(|c| *c != '"').collect();
    let reply = editor.post(&format!("{revision_path}/restore"), &[]);
    assert_redirected_to_editor(&reply, DEMO_SLUG, "restored");
    assert_eq!(snapshot(&mut editor, DEMO_SLUG).0, imported);
}

#[test]
fn scheduled_articles_appear_only_once_their_time_has_come() {
    let app = newsroom();
    let mut editor = login(&app, "editor");

    // Schedule needs a future date, Publish a past one; each mistake is shown on the date line.
    let reply = new_article(&mut editor, &simple("later", PAST), "schedule");
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("line 5, column 1"), "{}", reply.body);
    let reply = new_article(&mut editor, &simple("later", FUTURE), "publish");
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("use Schedule"));

    let reply = new_article(&mut editor, &simple("later", FUTURE), "schedule");
    assert_redirected_to_editor(&reply, "later", "scheduled");
    assert_eq!(app.get("/articles/later").status, 404, "a scheduled article is hidden");
    assert!(!app.page("/").contains("/articles/later"));
    assert!(!app.page("/en/").contains("/articles/later"));
    assert_eq!(app.get("/tags/newsroom-test").status, 404, "its tag is not public yet");
    let (_, status, _) = snapshot(&mut editor, "later");
    assert_eq!(status, "status-published");
    assert!(editor.get(&edit_path("later")).body.contains("scheduled"));

    // The same article with a past date is visible.
    let reply = save(&mut editor, &edit_path("later"), &simple("later", PAST), "publish");
    assert_redirected_to_editor(&reply, "later", "published");
    assert!(app.page("/articles/later").contains("Story later"));
    assert!(app.page("/tags/newsroom-test").contains("/articles/later"));

    // Unpublishing hides it again.
    let reply = save(&mut editor, &edit_path("later"), &simple("later", PAST), "unpublish");
    assert_redirected_to_editor(&reply, "later", "unpublished");
    assert_eq!(app.get("/articles/later").status, 404);
    assert_eq!(app.get("/authors/aigerim-author").status, 404);
}
