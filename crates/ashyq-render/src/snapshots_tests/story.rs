//! The story the snapshot tests render, written for them: the site and its settings, the four
//! versions of one article (an English original whose interview holds an answer given in Russian,
//! and its Russian, Kazakh and Arabic versions) and a conversation across them.

use std::sync::Arc;

use ashyq_content::{
    Article, ImageSizes, ImageSizesFn, SiteSettings, list_image, parse_article, render_comment_html,
};
use ashyq_i18n::Catalog;
use ashyq_store::{
    ArticleSummary, ArticleView, CommentId, CommentStatus, NamedLink, PublicComment,
    TranslationLink,
};

use crate::comment_pages::{CommentFormView, CommentPaging, CommentsSection, conversation};
use crate::{Site, urls};

use super::{CSRF, FORM_STARTED};

/// The site: its name, a tagline per language, contact and about page, and the newsroom's own
/// comment rules in Russian (the other languages get the built-in ones).
pub(super) fn site() -> Site {
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

pub(super) fn site_languages() -> Vec<String> {
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

pub(super) fn named(name: &str, slug: &str) -> NamedLink {
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
pub(super) struct Story {
    pub(super) en: ArticleView,
    pub(super) ru: ArticleView,
    pub(super) kk: ArticleView,
    pub(super) ar: ArticleView,
}

pub(super) fn story(site: &Site) -> Story {
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
pub(super) fn conversation_comments() -> Vec<PublicComment> {
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
pub(super) fn live_section(site: &Site, version: &ArticleView) -> CommentsSection {
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
