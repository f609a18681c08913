//! Tests of the UI catalogs: they parse, every translation is complete, and formatting works.

use time::macros::datetime;

use super::*;

#[test]
fn every_translation_has_every_english_message() {
    let english = Catalog::message_ids("en");
    assert!(english.len() > 40, "the English catalog looks truncated: {}", english.len());
    for lang in UI_LANGUAGES {
        let ids = Catalog::message_ids(lang);
        let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
        assert!(extra.is_empty(), "{lang}.ftl has messages English lacks: {extra:?}");
    }
}

#[test]
fn every_message_formats_without_errors_in_every_language() {
    let catalog = Catalog::new().unwrap();
    for lang in UI_LANGUAGES {
        let bundle = &catalog.bundles[lang];
        for id in Catalog::message_ids(lang) {
            let message = bundle.get_message(&id).unwrap();
            let mut args = FluentArgs::new();
            for name in [
                "language", "tag", "author", "day", "month", "year", "name", "number", "reason",
                "days", "seconds", "names", "sections", "date", "unit", "title", "site", "url",
            ] {
                args.set(name, FluentValue::from("x"));
            }
            args.set("count", FluentValue::from(3));
            args.set("megabytes", FluentValue::from(15));
            for name in [
                "failed",
                "total",
                "problems",
                "articles",
                "new",
                "replaced",
                "images",
                "page",
                "pages",
                "comments",
                "people",
                "pingbacks",
                "skipped",
            ] {
                args.set(name, FluentValue::from(2));
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(message.value().unwrap(), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang}:{id}: {errors:?}");
            assert!(!text.trim().is_empty(), "{lang}:{id} is empty");
        }
    }
}

#[test]
fn localizer_follows_the_page_language_and_falls_back_to_english() {
    let catalog = Catalog::new().unwrap();
    assert_eq!(catalog.localizer("ru").msg("not-found-title"), "Страница не найдена");
    assert_eq!(catalog.localizer("kk-Cyrl").msg("not-found-title"), "Бет табылмады");
    assert_eq!(catalog.localizer("fa").lang(), "en");
    assert_eq!(catalog.localizer("fa").msg("not-found-title"), "Page not found");
    assert_eq!(catalog.localizer("en").msg("no-such-message"), "no-such-message");
}

#[test]
fn plurals_and_dates() {
    let catalog = Catalog::new().unwrap();
    assert_eq!(catalog.localizer("en").msg_count("list-count", "count", 1), "1 story");
    assert_eq!(catalog.localizer("ru").msg_count("list-count", "count", 3), "3 материала");
    assert_eq!(catalog.localizer("ru").msg_count("list-count", "count", 5), "5 материалов");
    // The import command's summary lines (issue 10 item 10): each count picks its own form.
    let en = catalog.localizer("en");
    let failed = |numbers: &[(&str, i64)]| en.msg_numbers("import-failed", numbers, &[]);
    assert_eq!(
        failed(&[("failed", 1), ("total", 1), ("problems", 1)]),
        "1 of 1 file has errors (1 problem); nothing was imported."
    );
    assert_eq!(
        failed(&[("failed", 2), ("total", 3), ("problems", 5)]),
        "2 of 3 files have errors (5 problems); nothing was imported."
    );
    let ru = catalog.localizer("ru").msg_numbers(
        "import-failed",
        &[("failed", 2), ("total", 3), ("problems", 3)],
        &[],
    );
    assert_eq!(ru, "Ошибки в 2 из 3 файлов (3 проблемы); ничего не импортировано.");
    let done = en.msg_numbers(
        "import-done",
        &[("articles", 1), ("new", 1), ("replaced", 0), ("images", 1)],
        &[("seconds", "0.05")],
    );
    assert_eq!(done, "Imported 1 article (1 new, 0 replaced) and 1 image in 0.05 s.");
    // A translation credits one translator in the singular ("Переводчик", not "Переводчики").
    let credit = |count: i64, names: &str| {
        catalog.localizer("ru").msg_numbers(
            "article-translated-from-by",
            &[("count", count)],
            &[("language", "en"), ("name", "English"), ("names", names)],
        )
    };
    assert_eq!(credit(1, "Марат Ахметов"), "Перевод с английского. Переводчик: Марат Ахметов");
    assert_eq!(credit(2, "М. А., Г. С."), "Перевод с английского. Переводчики: М. А., Г. С.");
    let moment = datetime!(2026-03-14 09:30 +05:00);
    assert_eq!(catalog.localizer("en").date(&moment), "14 March 2026");
    assert_eq!(catalog.localizer("ru").date(&moment), "14 марта 2026 г.");
    assert_eq!(catalog.localizer("kk").date(&moment), "2026 жылғы 14 наурыз");
}

#[test]
fn negotiates_accept_language() {
    assert_eq!(negotiate("ru-RU,ru;q=0.9,en;q=0.8"), "ru");
    assert_eq!(negotiate("kk"), "kk");
    assert_eq!(negotiate("de-DE,de;q=0.9"), "en");
    assert_eq!(negotiate(""), "en");
    assert_eq!(negotiate("\u{0}garbage,,;;"), "en");
}

/// Issue 11: Arabic is a UI language with its six plural categories and its own month names.
#[test]
fn arabic_is_a_ui_language_with_its_plural_forms_issue_11() {
    let catalog = Catalog::new().unwrap();
    let ar = catalog.localizer("ar-EG");
    assert_eq!(ar.lang(), "ar");
    assert_eq!(ar.msg("not-found-title"), "الصفحة غير موجودة");
    let count = |n| ar.msg_count("list-count", "count", n);
    assert_eq!(count(1), "قصة واحدة");
    assert_eq!(count(2), "قصتان");
    assert_eq!(count(3), "3 قصص");
    assert_eq!(count(11), "11 قصة");
    assert_eq!(count(100), "100 قصة");
    assert_eq!(ar.date(&datetime!(2026-03-14 09:30 +05:00)), "14 مارس 2026");
    assert_eq!(negotiate("ar-SA,ar;q=0.9,en;q=0.5"), "ar");
}
