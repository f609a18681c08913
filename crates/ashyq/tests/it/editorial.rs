//! Writing and publishing in the browser, over HTTP: the editor's buttons, every role boundary
//! (a refused action answers 403 and changes nothing), validation errors at their lines, revisions,
//! scheduling, photo uploads with their metadata stripped, and export.

use std::path::Path;

use ashyq_images::test_support::{PLANTED_SERIAL, plain_jpeg, revealing_jpeg};

use crate::support::{Browser, Reply, TestApp, demo_dir, run_ashyq};

const PASSWORD: &str = "steppe wind over the river";
const PAST: &str = "2024-05-01T10:00:00+05:00";
const FUTURE: &str = "2999-01-01T10:00:00+05:00";
const DEMO_SLUG: &str = "printers-who-said-no";

fn newsroom() -> TestApp {
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

fn login<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    let reply = browser.login(&format!("{who}@example.org"), PASSWORD);
    assert_eq!(reply.status, 303, "login as {who}: {}", reply.body);
    browser
}

/// An article file: `front` goes before the tables, `tables` after `[[authors]]`.
fn article(slug: &str, published: &str, front: &str, tables: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"Story {slug}\"\nslug = \"{slug}\"\nlang = \"en\"\npublished = {published}\n\
         summary = \"What happened at {slug}.\"\ntags = [\"Newsroom test\"]\n{front}\n\
         [[authors]]\nname = \"Aigerim Author\"\nslug = \"aigerim-author\"\n{tables}+++\n{body}\n"
    )
}

fn simple(slug: &str, published: &str) -> String {
    article(slug, published, "", "", "The first paragraph of the story.")
}

fn save(browser: &mut Browser<'_>, path: &str, source: &str, action: &str) -> Reply {
    browser.post(path, &[("source", source), ("action", action)])
}

fn new_article(browser: &mut Browser<'_>, source: &str, action: &str) -> Reply {
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

fn assert_redirected_to_editor(reply: &Reply, slug: &str, notice: &str) {
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.location(), Some(format!("{}?notice={notice}", edit_path(slug)).as_str()));
}

fn upload_path(browser: &mut Browser<'_>) -> String {
    format!("/admin/media?csrf_token={}", browser.csrf())
}

fn upload(browser: &mut Browser<'_>, fields: &[(&str, &str)], file: (&str, &[u8])) -> Reply {
    let path = upload_path(browser);
    browser.post_multipart(&path, fields, Some((file.0, "image/jpeg", file.1)))
}

const PHOTO_FIELDS: &[(&str, &str)] = &[
    ("alt", "A queue of people outside a printing house"),
    ("caption", "The queue at dawn"),
    ("credit", "Aigerim Author"),
    ("licence", "cc-by"),
];

/// The `src` the upload page tells the writer to paste.
fn uploaded_src(body: &str) -> String {
    let start = body
        .find("src = &#34;/media/")
        .or_else(|| body.find("src = &quot;/media/"))
        .expect("the page shows a [[figures]] snippet");
    let rest = &body[start..];
    let value_start = rest.find("/media/").unwrap();
    let value = &rest[value_start..];
    value[..value.find('&').unwrap()].to_owned()
}

fn media_files(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join("media"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

fn interview_article(slug: &str, photo_src: &str) -> String {
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

#[test]
fn malformed_and_oversized_uploads_are_refused_and_nothing_is_stored() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let files_before = media_files(&app.data);
    let recorded_before = author.get("/admin/media").body.matches("<code>/media/").count();

    let reply =
        upload(&mut author, PHOTO_FIELDS, ("notes.jpg", b"these are my notes, not a photo"));
    assert_eq!(reply.status, 422);
    assert!(
        reply.body.contains("this is not a JPEG, PNG, WebP, GIF or SVG image"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("value=\"A queue of people outside a printing house\""),
        "the form is kept"
    );

    let photo = plain_jpeg(64, 64);
    let reply = upload(&mut author, PHOTO_FIELDS, ("cut.jpg", &photo[..photo.len() / 2]));
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("could not be read"), "{}", reply.body);

    let mut oversized = plain_jpeg(16, 16);
    oversized.resize(15 * 1024 * 1024 + 1, 0);
    let reply = upload(&mut author, PHOTO_FIELDS, ("huge.jpg", &oversized));
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("the limit is 15 MB"), "{}", reply.body);

    let no_alt: Vec<(&str, &str)> =
        PHOTO_FIELDS.iter().copied().filter(|(name, _)| *name != "alt").collect();
    let reply = upload(&mut author, &no_alt, ("ok.jpg", &photo));
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("Describe the photo"));
    let bad_licence: Vec<(&str, &str)> = PHOTO_FIELDS
        .iter()
        .map(|&(name, value)| if name == "licence" { (name, "cc-by-4.0") } else { (name, value) })
        .collect();
    assert_eq!(upload(&mut author, &bad_licence, ("ok.jpg", &photo)).status, 422);

    // Without the token in the address, a multipart post is a forgery.
    let reply =
        author.post_multipart("/admin/media", PHOTO_FIELDS, Some(("ok.jpg", "image/jpeg", &photo)));
    assert_eq!(reply.status, 403);

    assert_eq!(media_files(&app.data), files_before, "no file was written");
    let page = author.get("/admin/media");
    assert_eq!(
        page.body.matches("<code>/media/").count(),
        recorded_before,
        "no upload was recorded"
    );

    // A drawing is taken too, and served without what it hid.
    let path = upload_path(&mut author);
    let reply = author.post_multipart(
        &path,
        PHOTO_FIELDS,
        Some(("route.svg", "image/svg+xml", HOSTILE_SVG.as_bytes())),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let src = uploaded_src(&reply.body);
    assert!(src.ends_with(".svg"), "{src}");
    let served = app.get(&src);
    assert_eq!(served.header("content-type"), Some("image/svg+xml"));
    for hidden in ["alert", "Aigerim", "tracker", "metadata"] {
        assert!(!served.body.contains(hidden), "{hidden} in {}", served.body);
    }

    // The same form with a real photo works, and a second upload of it is recognised.
    assert_eq!(upload(&mut author, PHOTO_FIELDS, ("ok.jpg", &photo)).status, 200);
    let again = upload(&mut author, PHOTO_FIELDS, ("ok.jpg", &photo));
    assert_eq!(again.status, 200);
    assert!(again.body.contains("already uploaded"));
}

/// Every `/articles/SLUG` link on a page.
fn article_slugs(html: &str) -> Vec<String> {
    let mut slugs: Vec<String> = html
        .split("href=\"/articles/")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect();
    slugs.sort();
    slugs.dedup();
    slugs
}

#[test]
fn import_export_import_gives_the_same_site() {
    let work = tempfile::tempdir().unwrap();
    let first = work.path().join("first");
    let second = work.path().join("second");
    let out = work.path().join("out");
    let demo = demo_dir();
    let output = run_ashyq(
        work.path(),
        &["import", "md", demo.to_str().unwrap(), "--data", first.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = run_ashyq(
        work.path(),
        &["export", "md", "--out", out.to_str().unwrap(), "--data", first.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Exported 6 articles and 6 images"));

    // The exported files are the imported ones, byte for byte.
    for entry in std::fs::read_dir(demo.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let slug_line = text.lines().find(|line| line.starts_with("slug")).unwrap();
        let slug = slug_line.split('"').nth(1).unwrap();
        let exported =
            std::fs::read_to_string(out.join("articles").join(format!("{slug}.md"))).unwrap();
        assert_eq!(exported, text, "{slug}");
    }
    let output = run_ashyq(
        work.path(),
        &["import", "md", out.to_str().unwrap(), "--data", second.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // Both data folders serve the same pages.
    // One public address for both, so the pages' absolute addresses (JSON-LD, Open Graph) match.
    let same_address = [("ASHYQ_PUBLIC_URL", "http://news.example")];
    let app_first = TestApp::start_with_env(&first, &[], &same_address);
    let app_second = TestApp::start_with_env(&second, &[], &same_address);
    let front = app_first.page("/");
    assert_eq!(front, app_second.page("/"));
    let slugs = article_slugs(&front);
    assert_eq!(slugs.len(), 6, "{slugs:?}");
    for slug in slugs {
        let path = format!("/articles/{slug}");
        let page = app_first.page(&path);
        assert_eq!(
            without_form_token(&page),
            without_form_token(&app_second.page(&path)),
            "{path}"
        );
        for image in
            crate::support::links(&page).into_iter().filter(|link| link.starts_with("/media/"))
        {
            assert_eq!(app_second.get(&image).status, 200, "{image}");
        }
    }
    // Exporting into a folder that already holds articles is refused rather than mixed.
    let output = run_ashyq(
        work.path(),
        &["export", "md", "--out", out.to_str().unwrap(), "--data", first.to_str().unwrap()],
    );
    assert!(!output.status.success());
}

#[test]
fn an_article_written_in_the_browser_exports_with_its_photo() {
    let app = newsroom();
    let mut editor = login(&app, "editor");
    let reply = upload(&mut editor, PHOTO_FIELDS, ("queue.jpg", &plain_jpeg(600, 400)));
    assert_eq!(reply.status, 200);
    let src = uploaded_src(&reply.body);
    let source = interview_article("browser-story", &src);
    assert_redirected_to_editor(
        &new_article(&mut editor, &source, "publish"),
        "browser-story",
        "published",
    );
    // Drafts stay out of exports.
    assert_redirected_to_editor(
        &new_article(&mut editor, &simple("unfinished", PAST), "save"),
        "unfinished",
        "saved",
    );

    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let output = run_ashyq(
        work.path(),
        &["export", "md", "--out", out.to_str().unwrap(), "--data", app.data.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("1 drafts and unpublished articles were left out")
    );
    assert_eq!(std::fs::read_to_string(out.join("articles/browser-story.md")).unwrap(), source);
    assert!(!out.join("articles/unfinished.md").exists());
    let name = src.trim_start_matches("/media/");
    assert!(out.join("media").join(name).is_file());

    let fresh = work.path().join("fresh");
    let output = run_ashyq(
        work.path(),
        &["import", "md", out.to_str().unwrap(), "--data", fresh.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(fresh.join("media").join(name).is_file(), "the photo was copied into the data folder");
    let copy = TestApp::start_in(&fresh, &[]);
    let page = copy.page("/articles/browser-story");
    assert!(page.contains(&format!("<img src=\"{src}\"")));
    assert_eq!(copy.get(&src).status, 200);
}

#[test]
fn import_md_uses_photos_uploaded_into_the_data_folder() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let reply = upload(&mut author, PHOTO_FIELDS, ("market.jpg", &plain_jpeg(1000, 500)));
    assert_eq!(reply.status, 200);
    let src = uploaded_src(&reply.body);

    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("market.md");
    std::fs::write(&file, interview_article("market-day", &src)).unwrap();
    let missing = work.path().join("missing.md");
    std::fs::write(&missing, interview_article("missing-photo", "/media/0123abcd-gone.jpg"))
        .unwrap();
    let data = app.data.to_str().unwrap();

    let output = run_ashyq(work.path(), &["import", "md", "missing.md", "--data", data]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("missing.md:15:7: there is no uploaded image `/media/0123abcd-gone.jpg`"),
        "{stderr}"
    );

    let output = run_ashyq(work.path(), &["import", "md", "market.md", "--data", data]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = app.page("/articles/market-day");
    assert!(page.contains(&format!("<img src=\"{src}\" srcset=\"")), "{page}");
    assert!(page.contains("480w") && page.contains("960w") && page.contains("1000w"));
    assert!(page.contains("width=\"1000\" height=\"500\""));
}

/// A page without the reader's own form token and form time, which differ between any two visits.
fn without_form_token(html: &str) -> String {
    html.lines()
        .filter(|line| {
            !line.contains("name=\"csrf_token\"") && !line.contains("name=\"form_started\"")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every image address on a page, `srcset` candidates included.
fn media_addresses(html: &str) -> Vec<String> {
    let mut found: Vec<String> = crate::support::links(html)
        .into_iter()
        .flat_map(|link| {
            link.split(", ")
                .map(|candidate| candidate.split(' ').next().unwrap_or("").to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|link| link.starts_with("/media/"))
        .collect();
    found.sort();
    found.dedup();
    found
}

const PHOTO_ARTICLE: &str = r#"+++
title = "At the checkpoint"
slug = "at-the-checkpoint"
lang = "en"
published = 2024-05-01T10:00:00+05:00
summary = "A photo and a drawing brought in as files."
authors = [{ name = "Aigerim Author", slug = "aigerim-author" }]

[lead_figure]
src = "photos/IMG_0001 (GPS).jpg"
alt = "A queue at the checkpoint"
credit = "Aigerim S."
licence = "cc-by"

[[figures]]
id = "map"
src = "drawings/route map.svg"
alt = "The route"
credit = "Newsroom"
licence = "cc0"
+++
The text.

::: figure map
"#;

const HOSTILE_SVG: &str = "<?xml version=\"1.0\"?><!DOCTYPE svg><!-- drawn by Aigerim -->\
    <svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
    width=\"300\" height=\"200\" onload=\"alert(1)\"><metadata>Aigerim, Almaty</metadata>\
    <script>alert(2)</script><image xlink:href=\"https://tracker.example/p.png\"/>\
    <rect width=\"300\" height=\"200\" fill=\"#eee\"/></svg>";

#[test]
fn images_imported_with_articles_are_cleaned_sized_and_named_by_content_issue_9_items_18_19() {
    let work = tempfile::tempdir().unwrap();
    let source = work.path().join("source");
    std::fs::create_dir_all(source.join("photos")).unwrap();
    std::fs::create_dir_all(source.join("drawings")).unwrap();
    let photo = revealing_jpeg(1200, 800);
    std::fs::write(source.join("photos/IMG_0001 (GPS).jpg"), &photo).unwrap();
    std::fs::write(source.join("drawings/route map.svg"), HOSTILE_SVG).unwrap();
    std::fs::write(source.join("story.md"), PHOTO_ARTICLE).unwrap();
    let first = work.path().join("first");
    let output = run_ashyq(
        work.path(),
        &["import", "md", source.to_str().unwrap(), "--data", first.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let app = TestApp::start_in(&first, &[]);
    let page = app.page("/articles/at-the-checkpoint");
    let lead = &page[page.find("<figure class=\"figure figure-lead\"").unwrap()..];
    let lead = &lead[lead.find("<img").unwrap()..];
    let lead = &lead[..lead.find('>').unwrap()];
    assert!(lead.contains(" srcset=\""), "{lead}");
    for width in ["480w", "960w", "1200w"] {
        assert!(lead.contains(width), "{lead}");
    }
    assert!(lead.contains("width=\"1200\" height=\"800\""), "{lead}");
    assert!(page.contains("width=\"300\" height=\"200\" alt=\"The route\""), "{page}");

    let addresses = media_addresses(&page);
    assert_eq!(addresses.len(), 4, "three photo widths and the drawing: {addresses:?}");
    for address in &addresses {
        let name = address.trim_start_matches("/media/");
        for part in ["img", "0001", "gps", "route", "map"] {
            assert!(!name.contains(part), "{name} carries `{part}` from a file name");
        }
        let reply = app.get(address);
        assert_eq!(reply.status, 200, "{address}");
        let bytes = reply.body.as_bytes();
        for secret in [
            PLANTED_SERIAL.as_bytes(),
            b"Exif\0\0",
            b"checkpoint",
            b"Aigerim",
            b"alert",
            b"tracker",
        ] {
            assert!(
                !contains_bytes(bytes, secret),
                "{address} carries {:?}",
                String::from_utf8_lossy(secret)
            );
        }
    }
    drop(app);

    // The export holds the cleaned files, and imported again gives the same site.
    let out = work.path().join("out");
    let output = run_ashyq(
        work.path(),
        &["export", "md", "--out", out.to_str().unwrap(), "--data", first.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let exported = std::fs::read(out.join("articles/photos/IMG_0001 (GPS).jpg")).unwrap();
    assert!(!contains_bytes(&exported, PLANTED_SERIAL.as_bytes()));
    let second = work.path().join("second");
    let output = run_ashyq(
        work.path(),
        &["import", "md", out.to_str().unwrap(), "--data", second.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // One public address for both, so the pages' absolute addresses (JSON-LD, Open Graph) match.
    let same_address = [("ASHYQ_PUBLIC_URL", "http://news.example")];
    let app_first = TestApp::start_with_env(&first, &[], &same_address);
    let app_second = TestApp::start_with_env(&second, &[], &same_address);
    assert_eq!(
        without_form_token(&app_second.page("/articles/at-the-checkpoint")),
        without_form_token(&app_first.page("/articles/at-the-checkpoint"))
    );
    for address in addresses {
        assert_eq!(app_second.get(&address).body, app_first.get(&address).body, "{address}");
    }
}

#[test]
fn an_upload_without_typed_words_is_named_by_its_content_alone_issue_9_item_19() {
    let app = newsroom();
    let mut author = login(&app, "author");
    let reply = upload(&mut author, PHOTO_FIELDS, ("IMG_0001 (GPS).jpg", &plain_jpeg(300, 200)));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let src = uploaded_src(&reply.body);
    let name = src.trim_start_matches("/media/");
    let (hash, rest) = name.split_once('-').unwrap();
    assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
    assert_eq!(rest, "300.jpg");
}
