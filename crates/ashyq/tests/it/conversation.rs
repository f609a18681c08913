//! Issue 11, one conversation across languages: comments posted on any version of a story belong
//! to one thread; each version's page shows its own language's comments first and the others
//! behind "Comments in other languages (N)", each marked with its language, on the live site and
//! in the static copy alike.

use std::path::Path;
use std::process::Command;

use crate::comments::{PASSWORD, approve, human_start, moderator, post_comment, posted_id};
use crate::support::{BINARY, Browser, TestApp, assert_in_order, demo_dir, run_ashyq};

const ENGLISH: &str = "/articles/printers-who-said-no";
const RUSSIAN: &str = "/articles/tipografii-kotorye-otkazali";
const KAZAKH: &str = "/articles/bas-tartqan-baspakhanalar";
const DETAILS: &str = "<details class=\"comments-other-languages\"";

/// Our own short Kazakh translation of the demo's printers story, so that the story has three
/// versions.
const KAZAKH_FILE: &str = "+++
title = \"Бас тартқан баспаханалар\"
slug = \"bas-tartqan-baspakhanalar\"
lang = \"kk\"
translation_of = \"printers-who-said-no\"
published = 2026-03-20T10:00:00+05:00
summary = \"Үш баспахана шағын редакцияның альманахын басудан бас тартты.\"

[[authors]]
name = \"Aruzhan Alibekova\"
slug = \"aruzhan-alibekova\"
+++
Үш баспахана себебін жазбаша түсіндірмей, альманахты басудан бас тартты. Редакция кітапты
желідегі айнаға және электронды кітапқа көшірді.
";

/// The demo with the Kazakh version added, served, with a moderator.
fn app() -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let articles = demo_dir().join("articles");
    let kazakh = data.path().join("bas-tartqan-baspakhanalar.md");
    std::fs::write(&kazakh, KAZAKH_FILE).unwrap();
    let store = data.path().join("site");
    for files in [articles.as_path(), kazakh.as_path()] {
        let output = run_ashyq(
            data.path(),
            &["import", "md", files.to_str().unwrap(), "--data", store.to_str().unwrap()],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let mut app = TestApp::start_in(&store, &[]);
    app.own_data(data);
    app.add_user("mod@example.org", "Mira Moderator", "moderator", PASSWORD);
    app
}

/// Posts as a new reader on `article`, has it approved, and returns its id.
fn approved(app: &TestApp, article: &str, name: &str, body: &str) -> i64 {
    let id = posted_id(&post_comment(&mut Browser::new(app), article, name, body));
    approve(&mut moderator(app), id);
    id
}

/// The part of a page inside the other-languages details ("" when there is none).
fn behind_details(page: &str) -> &str {
    let Some(start) = page.find(DETAILS) else { return "" };
    let end = page[start..].find("</details>").map_or(page.len(), |end| start + end);
    &page[start..end]
}

/// The part of a page's comments before the details.
fn in_page_language(page: &str) -> &str {
    let start = page.find("id=\"comments\"").expect("a comments section");
    let end = page.find(DETAILS).or_else(|| page.find("class=\"comment-rules\"")).unwrap();
    &page[start..end]
}

#[test]
fn a_comment_on_the_russian_version_shows_on_every_page_marked_with_its_language_issue_11() {
    let app = app();
    let russian = approved(&app, RUSSIAN, "Дана", "Спасибо за статью, мы тоже искали типографию.");

    // The English page has no English comments: the Russian one is behind the details, open,
    // marked "Русский" by its own name, its text tagged with its language.
    let english = app.page(ENGLISH);
    let details = behind_details(&english);
    assert!(details.contains(&format!("id=\"comment-{russian}\"")), "{english}");
    assert!(details.contains("<summary>Comments in other languages (1)</summary>"), "{details}");
    assert!(details.starts_with(&format!("{DETAILS} id=\"comments-other-languages\" open>")));
    assert!(
        details.contains("<span class=\"comment-lang\" lang=\"ru\" dir=\"auto\">Русский</span>")
    );
    assert!(details.contains("<div class=\"comment-body\" lang=\"ru\" dir=\"auto\">"));
    assert!(!english.contains("No comments yet"), "the conversation is not empty");
    assert!(english.contains("<span class=\"count\">(1)</span>"), "the heading counts it");

    // A translation with no comments of its own shows the story's, in its own words.
    let kazakh = app.page(KAZAKH);
    let details = behind_details(&kazakh);
    assert!(details.contains(&format!("id=\"comment-{russian}\"")), "{kazakh}");
    assert!(details.contains("<summary>Басқа тілдердегі пікірлер (1)</summary>"), "{details}");

    // On its own page it is in the page's language: no details, no mark.
    let own = app.page(RUSSIAN);
    assert!(in_page_language(&own).contains(&format!("id=\"comment-{russian}\"")));
    assert!(!own.contains(DETAILS) && !own.contains("class=\"comment-lang\""));
}

#[test]
fn each_page_shows_its_own_language_first_then_the_others_issue_11() {
    let app = app();
    let russian = approved(&app, RUSSIAN, "Дана", "Мы тоже искали типографию в прошлом году.");
    let english = approved(&app, ENGLISH, "Dana", "We looked for a printer last year as well.");
    let kazakh = approved(&app, KAZAKH, "Дәурен", "Біз де өткен жылы баспахана іздедік.");

    for (page, first, others) in [
        (ENGLISH, english, [russian, kazakh]),
        (RUSSIAN, russian, [english, kazakh]),
        (KAZAKH, kazakh, [russian, english]),
    ] {
        let html = app.page(page);
        assert!(in_page_language(&html).contains(&format!("id=\"comment-{first}\"")), "{page}");
        let details = behind_details(&html);
        assert!(!details.contains(&format!("id=\"comment-{first}\"")), "{page}");
        for other in others {
            assert!(details.contains(&format!("id=\"comment-{other}\"")), "{page}: {other}");
        }
        // Closed: the page has comments of its own to read first.
        assert!(details.starts_with(&format!("{DETAILS} id=\"comments-other-languages\">")));
        assert_in_order(&html, &[&format!("id=\"comment-{first}\""), DETAILS]);
        assert!(html.contains("<span class=\"count\">(3)</span>"), "{page}: one conversation");
    }
    let english_page = app.page(ENGLISH);
    assert!(behind_details(&english_page).contains("(2)</summary>"));
    assert!(behind_details(&english_page).contains("lang=\"kk\" dir=\"auto\">Қазақша</span>"));
}

#[test]
fn a_reply_on_the_kazakh_page_answers_a_russian_comment_and_stays_in_its_thread_issue_11() {
    let app = app();
    let russian = approved(&app, RUSSIAN, "Дана", "Какая типография в итоге согласилась?");
    let mut reader = Browser::new(&app);
    let form = reader.get(&format!("{KAZAKH}?reply_to={russian}"));
    assert!(form.body.contains("Дана пікіріне жауап"), "the form names whom it answers");
    assert!(form.body.contains(&format!("name=\"parent_id\" value=\"{russian}\"")));
    let started = human_start();
    let parent = russian.to_string();
    let posted = reader.post(
        &format!("{KAZAKH}/comments"),
        &[
            ("name", "Дәурен"),
            ("body", "Ешқайсысы келіспеді, кітап тек желіде шықты."),
            ("parent_id", &parent),
            ("form_started", &started),
        ],
    );
    assert_eq!(posted.status, 303, "{}", posted.body);
    let reply = posted_id(&posted);

    // The queue says which version the reply came from.
    let mut moderator = moderator(&app);
    let queue = moderator.get("/moderation?status=pending");
    let item = &queue.body[queue.body.find(&format!("id=\"c{reply}\"")).unwrap()..];
    assert!(
        item[..item.find("</div>").unwrap()]
            .contains("(on the <span lang=\"kk\" dir=\"auto\">Қазақша</span> version)"),
        "{item}"
    );
    approve(&mut moderator, reply);

    // The thread was started in Russian: on the Russian page it comes first, whole, the Kazakh
    // reply under its parent and marked; on the Kazakh and English pages the whole thread is
    // behind the details, the reply still under its parent.
    let reply_under_parent = [
        format!("class=\"comment depth-0\" id=\"comment-{russian}\""),
        format!("class=\"comment depth-1\" id=\"comment-{reply}\""),
    ];
    let reply_under_parent = [reply_under_parent[0].as_str(), reply_under_parent[1].as_str()];
    let russian_page = app.page(RUSSIAN);
    let here = in_page_language(&russian_page);
    assert_in_order(here, &reply_under_parent);
    assert!(here.contains("lang=\"kk\" dir=\"auto\">Қазақша</span>"), "{here}");
    assert!(!russian_page.contains(DETAILS), "nothing else to put behind them");
    for page in [KAZAKH, ENGLISH] {
        let html = app.page(page);
        assert!(!in_page_language(&html).contains("class=\"comment "), "{page}: {html}");
        let details = behind_details(&html);
        assert_in_order(details, &reply_under_parent);
        assert!(details.contains("(2)</summary>"), "{page}: {details}");
    }

    // A reply to a comment on another story is refused, whatever page it is sent from.
    let other =
        approved(&app, "/articles/reading-us-when-blocked", "Ali", "Which mirror is fastest?");
    let other = other.to_string();
    let refused = reader.post(
        &format!("{KAZAKH}/comments"),
        &[("name", "Дәурен"), ("body", "Бұл басқа мақалаға жауап."), ("parent_id", &other)],
    );
    assert_eq!(refused.status, 422);
}

/// Posts a reply to `parent` on `article` as a new reader, has it approved, returns its id.
fn approved_reply(app: &TestApp, article: &str, parent: i64, name: &str, body: &str) -> i64 {
    let mut reader = Browser::new(app);
    reader.get(&format!("{article}?reply_to={parent}"));
    let (parent, started) = (parent.to_string(), human_start());
    let posted = reader.post(
        &format!("{article}/comments"),
        &[("name", name), ("body", body), ("parent_id", &parent), ("form_started", &started)],
    );
    assert_eq!(posted.status, 303, "{}", posted.body);
    let id = posted_id(&posted);
    approve(&mut moderator(app), id);
    id
}

#[test]
fn a_thread_stands_on_the_page_of_the_language_its_first_comment_is_written_in_issue_11() {
    let app = app();
    let mut moderator = moderator(&app);
    // Readers have the Kazakh page cached, with no comments on it yet.
    let before = app.page(KAZAKH);
    assert!(!before.contains("class=\"comment ") && !before.contains(DETAILS), "{before}");

    // A Kazakh comment posted on the Russian version, approved: the Kazakh page shows it first at
    // once (the approval refreshes every cached page), unmarked.
    let kazakh = posted_id(&post_comment(
        &mut Browser::new(&app),
        RUSSIAN,
        "Дәурен",
        "Баспахана табылмаса да, кітап оқырманға жетті ғой.",
    ));
    approve(&mut moderator, kazakh);
    let page = app.page(KAZAKH);
    let here = in_page_language(&page);
    assert!(here.contains(&format!("class=\"comment depth-0\" id=\"comment-{kazakh}\"")), "{page}");
    assert!(!here.contains("class=\"comment-lang\"") && !page.contains(DETAILS));

    // A Russian reply to it, also on the Russian version, stays in its Kazakh thread.
    let reply = approved_reply(&app, RUSSIAN, kazakh, "Дана", "Спасибо, а где можно найти книгу?");
    // A thread started in Russian with a Kazakh reply posted on the Russian version.
    let russian = approved(&app, RUSSIAN, "Ира", "Мы тоже долго искали типографию для книги.");
    let kazakh_reply =
        approved_reply(&app, RUSSIAN, russian, "Әсел", "Біз де іздедік, ақыры өзіміз шығардық.");
    let kazakh_thread = [
        format!("class=\"comment depth-0\" id=\"comment-{kazakh}\""),
        format!("class=\"comment depth-1\" id=\"comment-{reply}\""),
    ];
    let russian_thread = [
        format!("class=\"comment depth-0\" id=\"comment-{russian}\""),
        format!("class=\"comment depth-1\" id=\"comment-{kazakh_reply}\""),
    ];
    let in_order = |html: &str, thread: &[String; 2]| {
        assert_in_order(html, &[thread[0].as_str(), thread[1].as_str()]);
    };
    let marked = |html: &str, id: i64, lang: &str, name: &str| {
        let start = html.find(&format!("id=\"comment-{id}\"")).unwrap();
        let header = &html[start..start + html[start..].find("</header>").unwrap()];
        assert!(
            header.contains(&format!(
                "<span class=\"comment-lang\" lang=\"{lang}\" dir=\"auto\">{name}</span>"
            )),
            "comment {id}: {header}"
        );
    };
    let unmarked = |html: &str, id: i64| {
        let start = html.find(&format!("id=\"comment-{id}\"")).unwrap();
        let header = &html[start..start + html[start..].find("</header>").unwrap()];
        assert!(!header.contains("comment-lang"), "comment {id}: {header}");
    };

    // The Kazakh page: the Kazakh thread first, whole, its Russian reply marked; the Russian
    // thread whole behind "other languages", its Kazakh reply unmarked.
    let page = app.page(KAZAKH);
    let (here, behind) = (in_page_language(&page), behind_details(&page));
    in_order(here, &kazakh_thread);
    in_order(behind, &russian_thread);
    assert!(!here.contains(&format!("id=\"comment-{russian}\"")));
    assert!(!behind.contains(&format!("id=\"comment-{kazakh}\"")));
    assert!(behind.contains("<summary>Басқа тілдердегі пікірлер (2)</summary>"), "{behind}");
    marked(here, reply, "ru", "Русский");
    unmarked(here, kazakh);
    marked(behind, russian, "ru", "Русский");
    unmarked(behind, kazakh_reply);
    assert!(page.contains("<span class=\"count\">(4)</span>"), "the heading counts all four");

    // The Russian page, where all four were posted: the other way round.
    let page = app.page(RUSSIAN);
    let (here, behind) = (in_page_language(&page), behind_details(&page));
    in_order(here, &russian_thread);
    in_order(behind, &kazakh_thread);
    assert!(!here.contains(&format!("id=\"comment-{kazakh}\"")));
    assert!(!here.contains(&format!("id=\"comment-{reply}\"")), "a thread is never split");
    assert!(behind.contains("<summary>Комментарии на других языках (2)</summary>"), "{behind}");
    marked(here, kazakh_reply, "kk", "Қазақша");
    marked(behind, kazakh, "kk", "Қазақша");
    unmarked(behind, reply);

    // The English page has both threads behind the details, each whole, in the order written.
    let page = app.page(ENGLISH);
    let behind = behind_details(&page);
    assert_in_order(
        behind,
        &[
            kazakh_thread[0].as_str(),
            kazakh_thread[1].as_str(),
            russian_thread[0].as_str(),
            russian_thread[1].as_str(),
        ],
    );
    assert!(behind.contains("<summary>Comments in other languages (4)</summary>"), "{behind}");
}

#[test]
fn a_comment_in_no_detectable_language_stays_with_its_version_issue_11() {
    let app = app();
    let plus_one = approved(&app, KAZAKH, "Дәурен", "+1");
    let kazakh = app.page(KAZAKH);
    assert!(in_page_language(&kazakh).contains(&format!("id=\"comment-{plus_one}\"")), "{kazakh}");
    assert!(!kazakh.contains(DETAILS) && !kazakh.contains("class=\"comment-lang\""));
    for page in [RUSSIAN, ENGLISH] {
        let html = app.page(page);
        let behind = behind_details(&html);
        assert!(behind.contains(&format!("id=\"comment-{plus_one}\"")), "{page}: {html}");
        assert!(
            behind.contains("<span class=\"comment-lang\" lang=\"kk\" dir=\"auto\">Қазақша</span>")
        );
        assert!(behind.contains("(1)</summary>"), "{page}");
    }
}

#[test]
fn pending_and_rejected_comments_are_never_counted_issue_11() {
    let app = app();
    let mut writer = Browser::new(&app);
    let waiting = posted_id(&post_comment(
        &mut writer,
        RUSSIAN,
        "Дана",
        "Жду, когда это одобрят модераторы.",
    ));
    let refused = posted_id(&post_comment(
        &mut Browser::new(&app),
        RUSSIAN,
        "Ира",
        "Этот комментарий отклонят.",
    ));
    let mut moderator = moderator(&app);
    let rejected = moderator.post(
        "/moderation/decide",
        &[
            ("id", &refused.to_string()),
            (&format!("version-{refused}"), "1"),
            ("action", "reject"),
            ("reason", "attack"),
            ("status", "pending"),
        ],
    );
    assert_eq!(rejected.status, 303);

    // Readers of every version see neither, and no count.
    for page in [ENGLISH, RUSSIAN, KAZAKH] {
        let html = app.page(page);
        assert!(!html.contains(DETAILS), "{page}");
        assert!(!html.contains("class=\"count\""), "{page}");
        assert!(!html.contains(&format!("id=\"comment-{waiting}\"")), "{page}");
        assert!(!html.contains(&format!("id=\"comment-{refused}\"")), "{page}");
    }
    assert!(!app.page("/ru/").contains("#comments\""), "no list counts a pending comment");
    // Its writer sees their own on the English page too, awaiting moderation, but not counted.
    let own = writer.get(ENGLISH).body;
    let details = behind_details(&own);
    assert!(details.contains(&format!("id=\"comment-{waiting}\"")), "{own}");
    assert!(details.contains("(0)</summary>"), "{details}");
    assert!(!own.contains(&format!("id=\"comment-{refused}\"")));

    // One approved comment is counted once, on every page and every list of every language.
    let counted = approved(&app, KAZAKH, "Дәурен", "Бұл пікір есептеледі.");
    for page in [ENGLISH, RUSSIAN] {
        let html = app.page(page);
        assert!(behind_details(&html).contains("(1)</summary>"), "{page}");
        assert!(html.contains("<span class=\"count\">(1)</span>"), "{page}: {counted}");
    }
    for (list, link) in [
        ("/ru/", format!("{RUSSIAN}#comments\">1 комментарий</a>")),
        ("/kk/", format!("{KAZAKH}#comments\">1 пікір</a>")),
        ("/en/", format!("{ENGLISH}#comments\">1 comment</a>")),
    ] {
        let html = app.page(list);
        assert!(html.contains(&link), "{list}: {html}");
    }
}

#[test]
fn the_static_copy_shows_the_same_conversation_issue_11() {
    let app = app();
    let russian = approved(&app, RUSSIAN, "Дана", "Спасибо, прочитала на зеркале.");
    let english = approved(&app, ENGLISH, "Dana", "Read it on the mirror, thank you.");
    let waiting =
        posted_id(&post_comment(&mut Browser::new(&app), KAZAKH, "Дәурен", "Әлі күтіп тұр."));
    let out = tempfile::tempdir().unwrap();
    export_site(&app.data, out.path());
    let read = |slug: &str| {
        std::fs::read_to_string(out.path().join(format!("articles/{slug}/index.html"))).unwrap()
    };

    let copy = read("printers-who-said-no");
    assert!(in_page_language(&copy).contains(&format!("id=\"comment-{english}\"")), "{copy}");
    let details = behind_details(&copy);
    assert!(details.contains(&format!("id=\"comment-{russian}\"")), "{copy}");
    assert!(details.contains("<summary>Comments in other languages (1)</summary>"));
    assert!(
        details.contains("<span class=\"comment-lang\" lang=\"ru\" dir=\"auto\">Русский</span>")
    );
    // A version with none of its own carries the story's conversation too, and nothing pending.
    let kazakh = read("bas-tartqan-baspakhanalar");
    let details = behind_details(&kazakh);
    for id in [russian, english] {
        assert!(details.contains(&format!("id=\"comment-{id}\"")), "{kazakh}");
    }
    assert!(details.contains("(2)</summary>"));
    assert!(
        !kazakh.contains(&format!("id=\"comment-{waiting}\"")) && !kazakh.contains("Әлі күтіп")
    );
    assert!(!kazakh.contains("reply_to="), "a copy has no reply links");
    // The copy's lists count the same conversation as the live site's.
    let live = app.page("/ru/");
    assert!(live.contains(&format!("{RUSSIAN}#comments\">2 комментария</a>")), "{live}");
    let list = std::fs::read_to_string(out.path().join("ru/index.html")).unwrap();
    assert!(list.contains("#comments\">2 комментария</a>"), "{list}");
}

fn export_site(data: &Path, out: &Path) {
    let output = Command::new(BINARY)
        .arg("--data")
        .arg(data)
        .args(["export", "site", "--out", out.to_str().unwrap()])
        .env("ASHYQ_LOG", "warn")
        .env("ASHYQ_PUBLIC_URL", "https://news.example")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
