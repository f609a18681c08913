//! Interview reading modes (issue 11): paired, the page's language only, the original only,
//! chosen by plain links and remembered in a preference cookie; each mode's page cached apart.

use crate::support::{Browser, Reply, TestApp, demo_dir};

/// The Arabic translation of the demo interview (asked in English, answered in Russian).
const ARABIC: &str = "/articles/matabi-rafadat";
/// Its English original.
const ENGLISH: &str = "/articles/printers-who-said-no";

/// The language of every interview version block on a page, with `*` after originals.
fn versions(html: &str) -> Vec<String> {
    html.split("<div class=\"version ")
        .skip(1)
        .map(|block| {
            let original = block.starts_with("original\"");
            let lang = block.split("lang=\"").nth(1).and_then(|rest| rest.split('"').next());
            format!("{}{}", lang.unwrap_or("?"), if original { "*" } else { "" })
        })
        .collect()
}

/// How many version blocks of each kind: `(language, count)` sorted.
fn counts(html: &str) -> Vec<(String, usize)> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for version in versions(html) {
        match counted.iter_mut().find(|(lang, _)| *lang == version) {
            Some((_, count)) => *count += 1,
            None => counted.push((version, 1)),
        }
    }
    counted.sort();
    counted
}

fn expect(html: &str, expected: &[(&str, usize)]) {
    let expected: Vec<(String, usize)> =
        expected.iter().map(|(lang, count)| ((*lang).to_owned(), *count)).collect();
    assert_eq!(counts(html), expected, "{:?}", versions(html));
}

/// The demo interview has five questions (English originals) and five answers (Russian ones).
const PAIRED_AR: &[(&str, usize)] = &[("ar", 10), ("en*", 5), ("ru*", 5)];
const LANGUAGE_AR: &[(&str, usize)] = &[("ar", 10)];
const ORIGINAL: &[(&str, usize)] = &[("en*", 5), ("ru*", 5)];

fn interview_cookies(reply: &Reply) -> Vec<&str> {
    reply
        .headers
        .iter()
        .filter(|(name, value)| {
            name.eq_ignore_ascii_case("set-cookie") && value.starts_with("interview_mode=")
        })
        .map(|(_, value)| value.as_str())
        .collect()
}

fn current_mode(html: &str) -> &str {
    let nav = &html[html.find("class=\"interview-modes\"").expect("the mode links")..];
    let current = &nav[..nav.find("aria-current=\"true\"").expect("the current mode")];
    let href = &current[current.rfind("href=\"").unwrap() + 6..];
    let mode = &href[href.find("?interview=").unwrap() + 11..];
    &mode[..mode.find('#').unwrap()]
}

/// Issue 11: each mode shows its versions; the choice is set by a link, kept in a cookie of a
/// year holding only the mode's name, and honoured on the plain address; no script anywhere.
#[test]
fn each_mode_shows_its_versions_and_the_choice_is_remembered_in_a_cookie_issue_11() {
    let app = TestApp::with_demo();
    let mut reader = Browser::new(&app);

    let paired = reader.get(ARABIC);
    assert_eq!(paired.status, 200);
    // Pairing holds in the translation: the words as spoken beside the Arabic, nothing else.
    expect(&paired.body, PAIRED_AR);
    assert_eq!(current_mode(&paired.body), "paired");
    assert!(interview_cookies(&paired).is_empty(), "no choice, no cookie");
    for mode in ["paired", "language", "original"] {
        let link = format!("href=\"{ARABIC}?interview={mode}#interview-modes\"");
        assert!(paired.body.contains(&link), "{link}");
    }
    assert!(!paired.body.to_lowercase().contains("<script>"), "no JavaScript involved");
    assert!(!paired.body.contains("onclick"), "no JavaScript involved");

    let original = reader.get(&format!("{ARABIC}?interview=original"));
    assert_eq!(original.status, 200);
    expect(&original.body, ORIGINAL);
    assert_eq!(current_mode(&original.body), "original");
    let set = interview_cookies(&original);
    assert_eq!(set.len(), 1, "{set:?}");
    assert!(
        set[0].starts_with("interview_mode=original; Path=/; HttpOnly; SameSite=Lax"),
        "{set:?}"
    );
    assert!(set[0].ends_with("; Max-Age=31536000"), "a year: {set:?}");
    // The plain address now shows the remembered mode, on this story and on others.
    let remembered = reader.get(ARABIC);
    expect(&remembered.body, ORIGINAL);
    assert!(interview_cookies(&remembered).is_empty(), "already remembered");
    let english = reader.get(ENGLISH);
    expect(&english.body, ORIGINAL);

    let language = reader.get(&format!("{ARABIC}?interview=language"));
    expect(&language.body, LANGUAGE_AR);
    assert_eq!(interview_cookies(&language).len(), 1);
    // On the English original, "this page's language": questions as asked, answers in English.
    expect(&reader.get(ENGLISH).body, &[("en", 5), ("en*", 5)]);

    // A value that is not a mode is ignored, in the address and in the cookie.
    let bad = reader.get(&format!("{ARABIC}?interview=%3Cscript%3E"));
    assert_eq!(bad.status, 200);
    expect(&bad.body, LANGUAGE_AR);
    assert!(interview_cookies(&bad).is_empty());
    let mut spoofed = Browser::new(&app);
    let page = spoofed.get_with(ARABIC, &[("cookie", "interview_mode=everything\"<x>")]);
    assert_eq!(page.status, 200);
    expect(&page.body, PAIRED_AR);
    assert!(!page.body.contains("everything"));
}

/// The default on an original: every version its writer put in (the English page pairs each
/// question with its Russian version and each answer with its English one).
#[test]
fn an_original_shows_every_version_paired_and_pages_without_pairs_offer_no_modes_issue_11() {
    let app = TestApp::with_demo();
    let english = app.get(ENGLISH);
    expect(&english.body, &[("en", 5), ("en*", 5), ("ru", 5), ("ru*", 5)]);
    assert_eq!(current_mode(&english.body), "paired");
    let plain = app.get("/articles/reading-us-when-blocked");
    assert_eq!(plain.status, 200);
    assert!(!plain.body.contains("interview-modes"), "no interview, no mode links");
}

/// A page cached in one mode is never served to a reader who chose another: readers of all
/// three modes and readers without a choice arrive together, each gets their own mode, and a
/// validator from one mode never earns a `304` in another.
#[test]
fn a_page_cached_in_one_mode_is_never_served_in_another_issue_11() {
    let app = TestApp::with_demo();
    let chosen = [None, Some("paired"), Some("language"), Some("original")];
    for round in 0..2 {
        std::thread::scope(|scope| {
            let readers: Vec<_> = (0..12)
                .map(|index| {
                    let app = &app;
                    scope.spawn(move || {
                        let mode = chosen[index % chosen.len()];
                        let cookie = mode.map(|mode| format!("interview_mode={mode}"));
                        let headers: Vec<(&str, &str)> =
                            cookie.iter().map(|cookie| ("cookie", cookie.as_str())).collect();
                        (mode, app.get_with(ARABIC, &headers))
                    })
                })
                .collect();
            for reader in readers {
                let (mode, reply) = reader.join().unwrap();
                assert_eq!(reply.status, 200);
                let expected = match mode {
                    None | Some("paired") => PAIRED_AR,
                    Some("language") => LANGUAGE_AR,
                    _ => ORIGINAL,
                };
                expect(&reply.body, expected);
                assert_eq!(current_mode(&reply.body), mode.unwrap_or("paired"), "round {round}");
                let vary = reply.header("vary").unwrap_or_default().to_lowercase();
                assert!(vary.contains("cookie"), "{vary}");
            }
        });
    }
    // The same browser switching modes: its old tag no longer matches.
    let mut reader = Browser::new(&app);
    let first = reader.get(ARABIC);
    let tag = first.header("etag").expect("a validator").to_owned();
    assert_eq!(reader.get_with(ARABIC, &[("if-none-match", &tag)]).status, 304);
    reader.get(&format!("{ARABIC}?interview=original"));
    let after = reader.get_with(ARABIC, &[("if-none-match", &tag)]);
    assert_eq!(after.status, 200, "a tag from the paired page does not cover the original mode");
    expect(&after.body, ORIGINAL);
    assert_ne!(after.header("etag"), Some(tag.as_str()));
    // And a reader without a choice still gets the paired page.
    expect(&app.get(ARABIC).body, PAIRED_AR);
}

/// The static copy cannot remember a choice: it shows the versions paired and carries no mode
/// links (which would lead to addresses a copy does not hold).
#[test]
fn the_static_copy_shows_interviews_paired_without_mode_links_issue_11() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let articles = demo_dir().join("articles");
    let data_arg = data.path().to_str().unwrap();
    for args in [
        vec!["--data", data_arg, "import", "md", articles.to_str().unwrap()],
        vec!["--data", data_arg, "export", "site", "--out", out.path().to_str().unwrap()],
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ashyq"))
            .args(&args)
            .env("ASHYQ_LOG", "warn")
            .env("ASHYQ_PUBLIC_URL", "https://news.example")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    let page =
        std::fs::read_to_string(out.path().join("articles/matabi-rafadat/index.html")).unwrap();
    expect(&page, PAIRED_AR);
    assert!(!page.contains("interview-modes"), "no mode links in the copy");
    assert!(!page.contains("?interview="));
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
}

/// Feeds, like the copy, carry interviews paired: on the Arabic translation, the originals beside
/// the Arabic and no versions made for other pages.
#[test]
fn feeds_carry_interviews_paired_issue_11() {
    let app = TestApp::with_demo();
    let feed = app.get("/ar/feed.atom");
    assert_eq!(feed.status, 200);
    let content = feed
        .body
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&amp;", "&");
    expect(&content, PAIRED_AR);
    assert!(!content.contains("interview-modes"), "no mode links in a feed");
}
