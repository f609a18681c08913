//! Snapshot tests (insta) of the pages readers and newsroom people see, rendered from one small
//! story written for these tests: an English original whose interview holds an answer given in
//! Russian, and its Russian, Kazakh and Arabic versions, with a conversation across them. A
//! template change shows in review as a diff of the `.snap` files under `src/snapshots/`; under
//! `CI=true` a changed or missing snapshot fails. ARCHITECTURE.md ("Testing") says how to update.

use std::sync::Arc;

use ashyq_content::{
    Article, ImageSizes, ImageSizesFn, InterviewMode, ListImage, SiteSettings, list_image,
    parse_article, render_comment_html,
};
use ashyq_i18n::Catalog;
use ashyq_store::{
    ArticleSummary, ArticleView, CommentFlag, CommentId, CommentStatus, FeedEntry, FeedScope,
    FeedSource, NamedLink, PublicComment, TranslationLink,
};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::account_pages::{LoginForm, format_time, render_login_page};
use crate::assets::{icon_path, stylesheet_path};
use crate::chrome::StaffNav;
use crate::comment_pages::{CommentFormView, CommentPaging, CommentsSection, conversation};
use crate::listing_pages::{FrontContent, render_front};
use crate::moderation_pages::{
    FindingItem, HistoryEntry, QueueItem, QueueTab, QueueView, highlight, render_queue_page,
};
use crate::pages::{TranslationNotes, native_name, render_translated_article_page};
use crate::search_page::{
    FoundStory, FoundVersion, SearchAudience, SearchForm, SearchOutcome, render_search_page,
};
use crate::static_links::{StaticSite, relativize, static_file_for};
use crate::{Site, render_atom_feed, urls};

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

/// The site: its name, a tagline per language, contact and about page, and the newsroom's own
/// comment rules in Russian (the other languages get the built-in ones).
fn site() -> Site {
    let (settings, errors) = SiteSettings::from_entries([
        ("name", "Dala Courier"),
        ("languages", "en,ru,kk,ar"),
        ("default_language", "en"),
        ("tagline.en", "News from the steppe and the river towns"),
        ("tagline.ru", "Новости степи и речных городов"),
        ("tagline.kk", "Дала мен өзен бойындағы қалалардың жаңалықтары"),
        ("tagline.ar", "أخبار السهوب ومدن النهر"),
        ("contact", "desk@dala-courier.example"),
        ("about.en", "An independent weekly, written by the neighbours of its readers."),
        (
            "rules.ru",
            "Пишите по делу и **без оскорблений**. Адреса и телефоны людей мы не публикуем.",
        ),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    Site::new(Arc::new(Catalog::new().unwrap()), Arc::new(settings))
}

fn site_languages() -> Vec<String> {
    ["en", "ru", "kk", "ar"].map(str::to_owned).to_vec()
}

/// The interview's two speakers, as every version's file declares them.
const SPEAKERS: &str = r#"
[[speakers]]
id = "an"
name = { en = "Asel Nurlanova", ru = "Асель Нурланова", kk = "Әсел Нұрланова", ar = "أسيل نورلانوفا" }
role = "interviewer"
initials = { en = "AN", ru = "АН", kk = "ӘН", ar = "أ. ن." }

[[speakers]]
id = "vp"
name = { en = "Viktor Pak", ru = "Виктор Пак", kk = "Виктор Пак", ar = "فيكتور باك" }
role = "interviewee"
initials = { en = "VP", ru = "ВП", kk = "ВП", ar = "ف. ب." }
+++
"#;

const ORIGINAL_EN: &str = r#"+++
title = "A river ferry carries the weekly past the censors"
slug = "river-ferry-weekly"
lang = "en"
published = 2026-03-14T09:30:00+05:00
summary = "When every printing house in town refused its pages, a small weekly moved its press onto a ferry."
tags = ["Press freedom", "Printing"]
authors = [{ name = "Asel Nurlanova", slug = "asel-nurlanova" }]

[lead_figure]
src = "/media/3fa2b1c0d4e5f6a7-ferry-1600.jpg"
alt = "A flat river ferry loaded with bundles of newspapers at dawn"
caption = "The ferry leaves the left bank before sunrise."
credit = "Dana Sadykova"
licence = "cc-by-sa"
"#;

const BODY_EN: &str = r#"
Every Thursday the weekly is printed on a hand-fed press bolted to the deck of a river ferry. Three printing houses in town had turned the paper away.

::: interview
@an
[en original]
Why a ferry?

@vp
[ru original]
На берегу нас знает каждый инспектор. На воде мы никому не мешаем, а станок работает от того же мотора.
[en]
Every inspector on the shore knows us. On the water we are in nobody's way, and the press runs off the same engine.
:::

By noon the paper reaches four villages downstream.
"#;

const TRANSLATION_RU: &str = r#"+++
title = "Речной паром увозит еженедельник от цензоров"
slug = "river-ferry-weekly-ru"
lang = "ru"
published = 2026-03-15T10:00:00+05:00
summary = "Когда все типографии города отказались печатать газету, редакция перенесла станок на паром."
tags = ["Свобода прессы"]
authors = [{ name = "Асель Нурланова", slug = "asel-nurlanova" }]
translation_of = "river-ferry-weekly"
translators = ["Марат Ахметов"]

[lead_figure]
src = "/media/3fa2b1c0d4e5f6a7-ferry-1600.jpg"
alt = "Плоский речной паром с пачками газет на рассвете"
caption = "Паром отходит от левого берега до восхода."
credit = "Дана Садыкова"
licence = "cc-by-sa"
"#;

const BODY_RU: &str = r#"
Каждый четверг еженедельник печатают на ручном станке, прикрученном к палубе речного парома. Три типографии города отказались его печатать.

::: interview
@an
[en original]
Why a ferry?
[ru]
Почему паром?

@vp
[ru original]
На берегу нас знает каждый инспектор. На воде мы никому не мешаем, а станок работает от того же мотора.
[en]
Every inspector on the shore knows us. On the water we are in nobody's way, and the press runs off the same engine.
:::

К полудню газета доходит до четырёх сёл ниже по течению.
"#;

const TRANSLATION_KK: &str = r#"+++
title = "Өзен паромы апталықты цензорлардан алып кетеді"
slug = "river-ferry-weekly-kk"
lang = "kk"
published = 2026-03-15T11:00:00+05:00
summary = "Қаладағы барлық баспахана газетті басудан бас тартқанда, редакция станокты паромға көшірді."
tags = ["Баспасөз бостандығы"]
authors = [{ name = "Әсел Нұрланова", slug = "asel-nurlanova" }]
translation_of = "river-ferry-weekly"
translators = ["Гүлнар Серікова"]

[lead_figure]
src = "/media/3fa2b1c0d4e5f6a7-ferry-1600.jpg"
alt = "Таң атқанда газет бумаларын тиеген жалпақ өзен паромы"
caption = "Паром күн шықпай сол жағалаудан шығады."
credit = "Дана Садықова"
licence = "cc-by-sa"
"#;

const BODY_KK: &str = r#"
Әр бейсенбі апталық өзен паромының палубасына бекітілген қол станогында басылады. Қаладағы үш баспахана газетті қабылдамаған еді.

::: interview
@an
[en original]
Why a ferry?
[kk]
Неге паром?

@vp
[ru original]
На берегу нас знает каждый инспектор. На воде мы никому не мешаем, а станок работает от того же мотора.
[kk]
Жағадағы әр инспектор бізді таниды. Суда біз ешкімге кедергі емеспіз, ал станок сол мотормен жұмыс істейді.
:::

Газет түске дейін өзеннің төменгі ағысындағы төрт ауылға жетеді.
"#;

const TRANSLATION_AR: &str = r#"+++
title = "عبّارة نهرية تحمل الصحيفة الأسبوعية بعيدًا عن الرقباء"
slug = "river-ferry-weekly-ar"
lang = "ar"
published = 2026-03-15T12:00:00+05:00
summary = "عندما رفضت كل المطابع في المدينة طباعة الصحيفة، نقلت هيئة التحرير آلة الطباعة إلى عبّارة."
tags = ["حرية الصحافة"]
authors = [{ name = "أسيل نورلانوفا", slug = "asel-nurlanova" }]
translation_of = "river-ferry-weekly"
translators = ["ليلى حسن"]

[lead_figure]
src = "/media/3fa2b1c0d4e5f6a7-ferry-1600.jpg"
alt = "عبّارة نهرية مسطحة محمّلة برزم الصحف عند الفجر"
caption = "تغادر العبّارة الضفة اليسرى قبل شروق الشمس."
credit = "دانا صادقوفا"
licence = "cc-by-sa"
"#;

const BODY_AR: &str = r#"
كل يوم خميس تُطبع الصحيفة على آلة يدوية مثبّتة على سطح عبّارة نهرية. كانت ثلاث مطابع في المدينة قد رفضت طباعتها.

::: interview
@an
[en original]
Why a ferry?
[ar]
لماذا عبّارة؟

@vp
[ru original]
На берегу нас знает каждый инспектор. На воде мы никому не мешаем, а станок работает от того же мотора.
[ar]
كل مفتش على الضفة يعرفنا. على الماء لا نزعج أحدًا، وآلة الطباعة تعمل بمحرك العبّارة نفسه.
:::

تصل الصحيفة قبل الظهر إلى أربع قرى أسفل النهر.
"#;

/// The lead photo as the site stores an uploaded one: three widths.
fn photo_sizes(src: &str) -> Option<ImageSizes> {
    let stem = src.strip_suffix("-1600.jpg")?;
    Some(ImageSizes {
        candidates: [480, 960, 1600].map(|width| (format!("{stem}-{width}.jpg"), width)).to_vec(),
        width: 1600,
        height: 1067,
    })
}

fn parse(front_matter: &str, body: &str) -> Article {
    let text = format!("{front_matter}{SPEAKERS}{body}");
    parse_article("river-ferry.md", &text).unwrap_or_else(|errors| panic!("{errors:#?}"))
}

fn named(name: &str, slug: &str) -> NamedLink {
    NamedLink { slug: slug.to_owned(), name: name.to_owned() }
}

/// One version of the story as the store gives it, its fragments rendered as at import.
fn view(site: &Site, article: &Article, comments: i64) -> ArticleView {
    let image_url = |src: &str| src.to_owned();
    let sizes: &ImageSizesFn<'_> = &photo_sizes;
    let (lead_html, body_html) = crate::render_article_fragments_with_sizes(
        article,
        site.catalog(),
        &image_url,
        Some(sizes),
    );
    ArticleView {
        summary: ArticleSummary {
            slug: article.slug.as_str().to_owned(),
            lang: article.lang.as_str().to_owned(),
            title: article.title.clone(),
            summary: article.summary.clone(),
            published: article.published,
            authors: article
                .authors
                .iter()
                .map(|author| named(&author.name, author.slug.as_str()))
                .collect(),
            picture: lead_html.as_deref().and_then(list_image),
            comments: Some(comments),
        },
        lead_html,
        body_html,
        tags: article.tags.iter().map(|tag| named(&tag.name, tag.slug.as_str())).collect(),
        translations: Vec::new(),
        translation_of: article.translation_of.as_ref().map(|slug| slug.as_str().to_owned()),
    }
}

/// The story's four versions, each linking the other three.
struct Story {
    en: ArticleView,
    ru: ArticleView,
    kk: ArticleView,
    ar: ArticleView,
}

fn story(site: &Site) -> Story {
    let mut versions = [
        view(site, &parse(ORIGINAL_EN, BODY_EN), 5),
        view(site, &parse(TRANSLATION_RU, BODY_RU), 5),
        view(site, &parse(TRANSLATION_KK, BODY_KK), 5),
        view(site, &parse(TRANSLATION_AR, BODY_AR), 5),
    ];
    let links: Vec<TranslationLink> = versions
        .iter()
        .map(|version| TranslationLink {
            slug: version.summary.slug.clone(),
            lang: version.summary.lang.clone(),
            title: version.summary.title.clone(),
            is_original: version.translation_of.is_none(),
        })
        .collect();
    for version in &mut versions {
        version.translations =
            links.iter().filter(|link| link.slug != version.summary.slug).cloned().collect();
    }
    let [en, ru, kk, ar] = versions;
    Story { en, ru, kk, ar }
}

/// The story's conversation: a Russian comment with the author's reply, an English question
/// answered in Russian, and a Kazakh comment.
fn conversation_comments() -> Vec<PublicComment> {
    let comment =
        |id: i64, parent: Option<i64>, name: &str, lang: &str, at: i64, body: &str| PublicComment {
            id: CommentId(id),
            parent_id: parent.map(CommentId),
            author_name: name.to_owned(),
            is_staff: false,
            is_article_author: false,
            body_html: render_comment_html(body),
            created_at: at,
            status: CommentStatus::Approved,
            featured: false,
            own: false,
            language: Some(lang.to_owned()),
            version_lang: lang.to_owned(),
        };
    let mut author_reply = comment(
        102,
        Some(101),
        "Асель Нурланова",
        "ru",
        1_773_585_000,
        "Спасибо, Ерлан! В следующем номере расскажем, как паром пережил ледоход.",
    );
    author_reply.is_article_author = true;
    vec![
        comment(
            101,
            None,
            "Ерлан",
            "ru",
            1_773_576_000,
            "Спасибо, что не сдаётесь. Покупаю каждый номер *прямо у причала*.",
        ),
        author_reply,
        comment(
            103,
            None,
            "Dana",
            "en",
            1_773_591_000,
            "Would the press survive a storm on open water?",
        ),
        comment(
            104,
            Some(103),
            "Виктор Пак",
            "ru",
            1_773_650_700,
            "Один раз уже пережил: всё привязываем верёвками.",
        ),
        comment(105, None, "Гүлнар", "kk", 1_773_652_800, "Біздің ауылға да жеткізіңіздерші!"),
    ]
}

/// The comments section of the page of `version` for a reader on the live site: the whole
/// conversation on one page, the empty form.
fn live_section(site: &Site, version: &ArticleView) -> CommentsSection {
    let lang = &version.summary.lang;
    let l10n = site.localizer(lang);
    let talk = conversation(&conversation_comments(), lang, &l10n);
    CommentsSection {
        approved_count: talk.approved,
        elsewhere_count: i64::try_from(talk.elsewhere_approved).unwrap(),
        items: talk.here,
        elsewhere: talk.elsewhere,
        paging: CommentPaging {
            page: 1,
            pages: 1,
            position: l10n.msg_numbers("comments-page-position", &[("page", 1), ("pages", 1)], &[]),
            earlier_url: None,
            later_url: None,
        },
        csrf: CSRF.to_owned(),
        action_url: format!("{}/comments#comment-form", urls::article(&version.summary.slug)),
        posted: false,
        staff_name: None,
        form_started: FORM_STARTED.to_owned(),
        form: CommentFormView::default(),
        read_only_at: None,
    }
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
