//! Snapshot tests (insta) of the pages readers and newsroom people see, rendered from one small
//! story written for these tests: an English original whose interview holds an answer given in
//! Russian, and its Russian, Kazakh and Arabic versions, with a conversation across them. A
//! template change shows in review as a diff of the `.snap` files under `src/snapshots/`; under
//! `CI=true` a changed or missing snapshot fails. ARCHITECTURE.md ("Testing") says how to update.

use ashyq_content::{InterviewMode, ListImage};
use ashyq_store::{ArticleSummary, ArticleView, CommentFlag, FeedEntry, FeedScope, FeedSource};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::account_pages::{LoginForm, format_time, render_login_page};
use crate::assets::{icon_path, stylesheet_path};
use crate::chrome::StaffNav;
use crate::comment_pages::{CommentsSection, conversation};
use crate::listing_pages::{FrontContent, render_front};
use crate::moderation_pages::{
    FindingItem, HistoryEntry, QueueItem, QueueTab, QueueView, highlight, render_queue_page,
};
use crate::pages::{TranslationNotes, native_name, render_translated_article_page};
use crate::search_page::{
    FoundStory, FoundVersion, SearchAudience, SearchForm, SearchOutcome, render_search_page,
};
use crate::static_links::{StaticSite, relativize, static_file_for};
use crate::{render_atom_feed, urls};

mod story;

use story::{conversation_comments, live_section, named, site, site_languages, story};

/// Every snapshot this module keeps. A test's snapshot must be listed here, and every file under
/// `src/snapshots/` from this module must be one of these, so that a renamed or removed test
/// leaves no stale file behind (`every_snapshot_file_belongs_to_a_test`).
const SNAPSHOTS: [&str; 9] = [
    "article_en_bilingual_interview_photo_translations",
    "article_ru_comments_by_language_thread_form_rules",
    "front_page_lead_and_sections_by_language_and_tag",
    "article_ar_right_to_left",
    "atom_feed_site",
    "moderation_queue_pending",
    "login_kk_after_a_failed_attempt",
    "static_copy_article_kk_read_only_comments",
    "search_results_for_readers",
];

/// The live site's address (JSON-LD, Open Graph and feeds need absolute addresses).
const BASE_URL: &str = "https://dala-courier.example";
/// The form token, fixed (the server puts a fresh one, or the cached page's placeholder).
const CSRF: &str = "csrf-token-fixed-for-snapshots";
/// When the comment form was shown (the server writes the time of the request).
const FORM_STARTED: &str = "1773650000";

/// The page with the addresses of the stylesheet and icon redacted: they carry a hash of those
/// files, which changes with every edit of the stylesheet, however unrelated to the page.
fn redact(page: &str) -> String {
    let file_name = |path: &'static str| path.rsplit('/').next().unwrap_or(path);
    page.replace(file_name(stylesheet_path()), "site.[hash].css")
        .replace(file_name(icon_path()), "icon.[hash].svg")
}

/// Compares `page` with the snapshot `name`.
fn check(name: &str, page: &str) {
    assert!(SNAPSHOTS.contains(&name), "add `{name}` to SNAPSHOTS");
    insta::assert_snapshot!(name, redact(page));
}

/// Page 1: The English original: the photo with its credit and licence, the interview with the
/// Russian answer and its English translation (with the reading modes), and the other versions
/// offered. (The comments section is snapshot on the Russian page.)
#[test]
fn article_page_with_a_bilingual_interview() {
    let site = site();
    let story = story(&site);
    let page = render_translated_article_page(
        &site,
        &story.en,
        &site_languages(),
        None,
        &TranslationNotes::default(),
        Some(InterviewMode::Paired),
        BASE_URL,
    )
    .unwrap();
    check("article_en_bilingual_interview_photo_translations", &page);
}

/// Page 2: The Russian version on the live site: its translator, the threads started in Russian
/// (with the author's reply) first, then "other languages (N)" (the English thread keeps its
/// Russian answer), the newsroom's Russian rules and the form.
#[test]
fn translated_page_with_its_conversation() {
    let site = site();
    let story = story(&site);
    let notes = TranslationNotes {
        translators: vec!["Марат Ахметов".to_owned()],
        stale: Vec::new(),
    };
    let page = render_translated_article_page(
        &site,
        &story.ru,
        &site_languages(),
        Some(&live_section(&site, &story.ru)),
        &notes,
        Some(InterviewMode::Paired),
        BASE_URL,
    )
    .unwrap();
    check("article_ru_comments_by_language_thread_form_rules", &page);
}

/// A story in a list, written by hand (no body needed).
fn listed(
    slug: &str,
    lang: &str,
    title: &str,
    summary: &str,
    published: OffsetDateTime,
    picture: Option<ListImage>,
) -> ArticleSummary {
    ArticleSummary {
        slug: slug.to_owned(),
        lang: lang.to_owned(),
        title: title.to_owned(),
        summary: summary.to_owned(),
        published,
        authors: vec![named("Dana Sadykova", "dana-sadykova")],
        picture,
        comments: Some(0),
    }
}

/// Page 3: The site-wide front page: the lead story with its photo, then a section per language and
/// per tag, and the link to older stories.
#[test]
fn front_page() {
    let site = site();
    let story = story(&site);
    let radio = listed(
        "district-radio-back-on-air",
        "ru",
        "Районное радио снова в эфире",
        "Передатчик на крыше клуба починили сами слушатели.",
        datetime!(2026-03-13 18:00 +05:00),
        Some(ListImage {
            candidates: vec![("/media/5c1d2e3f4a5b6c7d-mast.svg".to_owned(), 640)],
            width: 640,
            height: 400,
            alt: "Антенна на крыше сельского клуба".to_owned(),
        }),
    );
    let night_school = listed(
        "night-school-for-fact-checkers",
        "en",
        "A night school for fact-checkers opens in the old library",
        "Twelve volunteers learn to trace a photo back to where it was taken.",
        datetime!(2026-03-12 20:00 +05:00),
        None,
    );
    let club = listed(
        "village-school-newspaper-club",
        "kk",
        "Ауыл мектебінде газет үйірмесі ашылды",
        "Оқушылар алғашқы санын қолмен көбейтті.",
        datetime!(2026-03-11 15:00 +05:00),
        None,
    );
    let summaries = |views: &[&ArticleView]| -> Vec<ArticleSummary> {
        views.iter().map(|view| view.summary.clone()).collect()
    };
    let mut latest = summaries(&[&story.ar, &story.kk, &story.ru, &story.en]);
    latest.extend([radio.clone(), night_school.clone(), club.clone()]);
    let content = FrontContent {
        lang: None,
        latest,
        languages: vec![
            ("en".to_owned(), [summaries(&[&story.en]), vec![night_school.clone()]].concat()),
            ("ru".to_owned(), [summaries(&[&story.ru]), vec![radio]].concat()),
            ("kk".to_owned(), [summaries(&[&story.kk]), vec![club]].concat()),
            ("ar".to_owned(), summaries(&[&story.ar])),
        ],
        tags: vec![(
            named("Press freedom", "press-freedom"),
            [summaries(&[&story.en]), vec![night_school]].concat(),
        )],
        page: 1,
        has_older: true,
    };
    let page = render_front(&site, &content, &site_languages()).unwrap();
    check("front_page_lead_and_sections_by_language_and_tag", &page);
}

/// Page 4: The Arabic version: right to left, the Arabic UI, the interview's original (Russian,
/// left to right) beside the Arabic, and a conversation with no thread in Arabic yet (the others'
/// threads shown open, each comment in its own language and direction).
#[test]
fn right_to_left_page() {
    let site = site();
    let story = story(&site);
    let notes =
        TranslationNotes { translators: vec!["ليلى حسن".to_owned()], stale: Vec::new() };
    let section = live_section(&site, &story.ar);
    let page = render_translated_article_page(
        &site,
        &story.ar,
        &site_languages(),
        Some(&section),
        &notes,
        Some(InterviewMode::Paired),
        BASE_URL,
    )
    .unwrap();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    check("article_ar_right_to_left", &page);
}

/// Page 5: The site's Atom feed with the original and its Russian version.
#[test]
fn atom_feed() {
    let site = site();
    let story = story(&site);
    let source = FeedSource {
        subject: None,
        entries: vec![
            FeedEntry { view: story.ru, updated: datetime!(2026-03-16 09:00 UTC) },
            FeedEntry { view: story.en, updated: datetime!(2026-03-15 06:00 UTC) },
        ],
    };
    let feed = render_atom_feed(&site, FeedScope::Site, &source, BASE_URL).unwrap();
    check("atom_feed_site", &feed);
}

/// Page 6: The moderation queue in English: a flagged Russian comment with its finding, marked
/// words and history, a clean Kazakh one, the undo notice after a decision.
#[test]
fn moderation_queue() {
    let site = site();
    let l10n = site.localizer("en");
    let insult = "Редакция продалась, а этот паромщик — жулик и вор.";
    let marked = insult.find("жулик").unwrap();
    let history = vec![HistoryEntry {
        url: "/moderation?status=rejected&article=river-ferry-weekly-ru#c180".to_owned(),
        status: "rejected".to_owned(),
        date: format_time(1_773_309_600),
        excerpt: "Закройте эту газету".to_owned(),
    }];
    let item = |id: i64, lang: &str, slug: &str, title: &str| QueueItem {
        id,
        article_title: title.to_owned(),
        article_lang: Some(lang.to_owned()),
        article_language: native_name(lang),
        article_url: urls::article(slug),
        author_name: String::new(),
        is_staff: false,
        date: String::new(),
        language: lang.to_owned(),
        body_lang: Some(lang.to_owned()),
        unreadable: false,
        score: String::new(),
        flagged: false,
        findings: Vec::new(),
        flags: Vec::new(),
        body_highlighted: String::new(),
        history: Vec::new(),
        history_label: l10n.msg_count("moderation-history", "count", 0),
        has_address: true,
        has_email: false,
        featured: false,
        decision_reason: None,
        version: 1,
    };
    let flagged = QueueItem {
        author_name: "Гость с причала".to_owned(),
        date: format_time(1_773_652_800),
        score: "0.91".to_owned(),
        flagged: true,
        findings: vec![FindingItem {
            label: "attack".to_owned(),
            reason: "an insult aimed at a person".to_owned(),
        }],
        flags: vec![CommentFlag::TooFast.code().to_owned()],
        body_highlighted: highlight(insult, &[(marked, insult.len() - '.'.len_utf8())]),
        history_label: l10n.msg_count("moderation-history", "count", 1),
        history,
        ..item(201, "ru", "river-ferry-weekly-ru", "Речной паром увозит еженедельник от цензоров")
    };
    let clean = QueueItem {
        author_name: "Айгүл".to_owned(),
        date: format_time(1_773_658_800),
        score: "0.04".to_owned(),
        body_highlighted: highlight("Паром кестесі қайда жарияланады?", &[]),
        has_email: true,
        version: 2,
        ..item(202, "kk", "river-ferry-weekly-kk", "Өзен паромы апталықты цензорлардан алып кетеді")
    };
    let tabs = [("pending", 2), ("spam", 1), ("rejected", 4), ("approved", 12)]
        .map(|(status, count)| QueueTab {
            status: status.to_owned(),
            label: l10n.msg(&format!("moderation-status-{status}")),
            count,
            current: status == "pending",
        })
        .to_vec();
    let view = QueueView {
        status: "pending".to_owned(),
        tabs,
        items: vec![flagged, clean],
        filter_article: String::new(),
        filter_language: String::new(),
        filter_label: String::new(),
        notice: Some(l10n.msg_count("moderation-done", "count", 1)),
        refusal: None,
        undo_action: Some(77),
        can_feature: true,
    };
    let staff = StaffNav { name: "Марат Ахметов".to_owned(), csrf: CSRF.to_owned() };
    let page = render_queue_page(&site, "en", staff, view).unwrap();
    check("moderation_queue_pending", &page);
}

/// Page 7: The login page in Kazakh after a wrong password: the address kept, the error, the token.
#[test]
fn login_page() {
    let site = site();
    let form = LoginForm {
        email: "asel@dala-courier.example".to_owned(),
        next: "/moderation".to_owned(),
        error_id: Some("login-failed"),
        notice_id: None,
    };
    let page = render_login_page(&site, "kk", CSRF, &form).unwrap();
    check("login_kk_after_a_failed_attempt", &page);
}

/// Page 8: The Kazakh version as the static copy holds it (`ashyq export site`): links relative to
/// the page's file, search and login on the live site, the translator credited, approved comments
/// only and no form.
#[test]
fn static_copy_page() {
    let site = site();
    let story = story(&site);
    let slug = &story.kk.summary.slug;
    let l10n = site.localizer("kk");
    let talk = conversation(&conversation_comments(), "kk", &l10n);
    let section = CommentsSection {
        approved_count: talk.approved,
        elsewhere_count: i64::try_from(talk.elsewhere_approved).unwrap(),
        items: talk.here,
        elsewhere: talk.elsewhere,
        read_only_at: Some(format!("{BASE_URL}{}", urls::article(slug))),
        ..CommentsSection::default()
    };
    // As `ashyq export site` renders it: the translators credited, interviews paired (`None`).
    let notes = TranslationNotes {
        translators: vec!["Гүлнар Серікова".to_owned()],
        stale: Vec::new(),
    };
    let html = render_translated_article_page(
        &site,
        &story.kk,
        &site_languages(),
        Some(&section),
        &notes,
        None,
        BASE_URL,
    )
    .unwrap();
    let file = static_file_for(&urls::article(slug)).unwrap();
    let holds = |file: &str| !file.starts_with("search") && !file.starts_with("login");
    let copy = StaticSite { live_url: Some(BASE_URL), holds: &holds };
    let page = relativize(&html, &file, &copy, &mut |_| {});
    assert_eq!(file, "articles/river-ferry-weekly-kk/index.html");
    check("static_copy_article_kk_read_only_comments", &page);
}

/// Page 9: Readers' search results in English: the story found in four languages as one hit, a
/// Russian story, the matched words marked, the link to the next page.
#[test]
fn search_results() {
    let site = site();
    let story = story(&site);
    let found = |view: &ArticleView| FoundVersion {
        slug: view.summary.slug.clone(),
        lang: view.summary.lang.clone(),
        title: view.summary.title.clone(),
        status: None,
        published_at: view.summary.published.unix_timestamp(),
    };
    let versions = [&story.en, &story.ru, &story.kk, &story.ar].map(found).to_vec();
    let run = |text: &str, marked: bool| (text.to_owned(), marked);
    let radio = FoundVersion {
        slug: "district-radio-back-on-air".to_owned(),
        lang: "ru".to_owned(),
        title: "Районное радио снова в эфире".to_owned(),
        status: None,
        published_at: datetime!(2026-03-13 18:00 +05:00).unix_timestamp(),
    };
    let outcome = SearchOutcome::Found {
        stories: vec![
            FoundStory {
                best: found(&story.en),
                snippet: vec![
                    run("…printed on a hand-fed ", false),
                    run("press", true),
                    run(" bolted to the deck of a river ", false),
                    run("ferry", true),
                    run(". Three printing houses…", false),
                ],
                versions,
            },
            FoundStory {
                best: radio.clone(),
                snippet: vec![
                    run("…слушатели привезли детали на ", false),
                    run("пароме", true),
                    run(" из райцентра…", false),
                ],
                versions: vec![radio],
            },
        ],
        total: 12,
        more: false,
        page: 1,
        pages: 2,
    };
    let form = SearchForm { q: "ferry press паром".to_owned(), ..SearchForm::default() };
    let audience = SearchAudience::Readers { site_languages: site_languages() };
    let page = render_search_page(&site, "en", &audience, &form, &[], &outcome).unwrap();
    check("search_results_for_readers", &page);
}

/// Every snapshot file of this module is one a test above writes.
#[test]
fn every_snapshot_file_belongs_to_a_test() {
    const PREFIX: &str = "ashyq_render__snapshots_tests__";
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/snapshots");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with(PREFIX) && name.ends_with(".snap"))
        .collect();
    files.sort();
    let mut expected: Vec<String> =
        SNAPSHOTS.iter().map(|name| format!("{PREFIX}{name}.snap")).collect();
    expected.sort();
    assert_eq!(files, expected, "snapshot files without a test, or tests without a file");
}
