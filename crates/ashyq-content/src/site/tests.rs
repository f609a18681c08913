//! Site settings: every key set, refused with its message, and read back in each language.

use super::*;

const ONION: &str = "http://expyuzz4wqqyqhjn76ucemd3ghd5uncybgfazs6b6yvd3tpwehrtu3ad.onion";

/// Sets `key` to `value` on default settings; the stored text or the message.
fn check(key: &str, value: &str) -> Result<String, String> {
    SiteSettings::default().set(key, value).map(|(_, stored)| stored).map_err(|e| e.to_string())
}

#[test]
fn good_values_are_kept_in_a_normal_form() {
    assert_eq!(check("name", "  Daily Steppe ").unwrap(), "Daily Steppe");
    assert_eq!(check("tagline.RU", "Новости").unwrap(), "Новости");
    assert_eq!(check("languages", "kk, RU en").unwrap(), "kk,ru,en");
    assert_eq!(check("contact", "desk@example.org").unwrap(), "desk@example.org");
    assert_eq!(check("onion_address", &format!("{ONION}/")).unwrap(), ONION);
    assert_eq!(
        check("onion_address", &ONION.to_uppercase().replace("HTTP", "http")).unwrap(),
        ONION
    );
    assert_eq!(
        check(
            "mirrors",
            "https://Mirror.Example.net/news, http://[2001:db8::1]:8080\nhttps://a.example"
        )
        .unwrap(),
        "https://mirror.example.net/news\nhttp://[2001:db8::1]:8080\nhttps://a.example"
    );
    assert_eq!(
        check("logo", "0a1b2c3d4e5f6a7b-logo-320.png").unwrap(),
        "0a1b2c3d4e5f6a7b-logo-320.png"
    );
    assert_eq!(
        check("rules.kk", "1. Сыпайы болыңыз\r\n2. [Ереже](https://example.org)").unwrap(),
        "1. Сыпайы болыңыз\n2. [Ереже](https://example.org)"
    );
    assert_eq!(check("contact", "").unwrap(), "", "empty removes a setting");
}

#[test]
fn bad_values_are_refused_with_the_key_and_what_was_expected() {
    let cases: &[(&str, &str, &str)] = &[
        ("colour", "red", "`colour` is not a site setting"),
        ("tagline", "x", "`tagline`: expected a language after the key"),
        ("tagline.xx", "x", "`tagline.xx`: expected a language code"),
        ("name", "", "`name`: expected the site's name"),
        ("name", "a\nb", "`name`: expected one line of text"),
        ("name", &"n".repeat(81), "at most 80 characters (this has 81)"),
        ("contact", "not an address", "`contact`: expected an e-mail address"),
        ("languages", "kk,russian", "`languages`: expected language codes"),
        ("languages", "kk,ru,kk", "`kk` is listed twice"),
        ("onion_address", "http://example.org", "`onion_address`: expected an onion service"),
        ("onion_address", "http://expyuzz4wqqyqhjn.onion", "56 letters"),
        (
            "onion_address",
            "ftp://expyuzz4wqqyqhjn76ucemd3ghd5uncybgfazs6b6yvd3tpwehrtu3ad.onion",
            "onion",
        ),
        ("mirrors", "https://ok.example, javascript:alert(1)", "`javascript:alert(1)` is not one"),
        ("mirrors", "https://user:pw@host.example", "is not one"),
        ("mirrors", "https://host.example/\"><script>", "is not one"),
        ("logo", "../secret.key", "`logo`: expected the name of an uploaded image"),
        ("about.en", "![x](https://tracker.example/p.png)", "without pictures (line 1"),
        ("rules.en", "ok\n[x](javascript:alert(1))", "line 2 links to `javascript:`"),
        ("rules.en", &"r".repeat(5001), "at most 5000 characters"),
    ];
    for (key, value, expected) in cases {
        let message = check(key, value).expect_err(key);
        assert!(message.contains(expected), "{key}={value:?}: {message}");
    }
}

#[test]
fn the_default_language_must_be_offered_and_not_hidden() {
    let mut settings = SiteSettings::default();
    settings.set("languages", "kk,ru").unwrap();
    let message = settings.set("default_language", "en").unwrap_err().to_string();
    assert!(message.contains("one of the languages offered (kk, ru)"), "{message}");
    settings.set("default_language", "ru").unwrap();
    settings.set("hidden_languages", "en").unwrap();
    settings.set("languages", "").unwrap();
    assert!(settings.set("default_language", "en").unwrap_err().to_string().contains("hidden"));
}

#[test]
fn offered_languages_keep_the_order_add_published_ones_and_drop_hidden_ones() {
    let mut settings = SiteSettings::default();
    let published = ["en".to_owned(), "ru".to_owned(), "de".to_owned()];
    assert_eq!(settings.offered_languages(&published), ["en", "ru", "de"]);
    settings.set("languages", "kk,ru").unwrap();
    settings.set("hidden_languages", "de").unwrap();
    assert_eq!(settings.offered_languages(&published), ["kk", "ru", "en"]);
    let offered = settings.offered_languages(&published);
    assert_eq!(settings.default_language_in(&offered), Some("kk"));
    settings.set("default_language", "ru").unwrap();
    assert_eq!(settings.default_language_in(&offered), Some("ru"));
}

#[test]
fn stored_rows_round_trip_and_bad_rows_are_reported_not_applied() {
    let mut settings = SiteSettings::default();
    for (key, value) in [
        ("name", "Steppe"),
        ("default_language", "ru"),
        ("languages", "ru,kk"),
        ("mirrors", "https://a.example https://b.example"),
        ("tagline.kk", "Жаңалықтар"),
    ] {
        settings.set(key, value).unwrap();
    }
    let entries = settings.entries();
    let rows: Vec<(&str, &str)> =
        entries.iter().map(|(key, value)| (key.as_str(), value.as_str())).collect();
    // `default_language` comes before `languages` alphabetically: the order of rows must not matter.
    let (again, errors) = SiteSettings::from_entries(rows.iter().copied());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(again, settings);
    let (partial, errors) =
        SiteSettings::from_entries([("name", ""), ("colour", "red"), ("contact", "a@b.example")]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(partial.name, DEFAULT_SITE_NAME);
    assert_eq!(partial.contact.as_deref(), Some("a@b.example"));
}

#[test]
fn site_markdown_escapes_html_and_drops_pictures_and_script_links() {
    let html = render_site_markdown(
        "<script>alert(1)</script>\n\n![tracker](https://t.example/p.png) [x](javascript:alert(1)) **ok**",
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("javascript"), "{html}");
    assert!(html.contains("<strong>ok</strong>"), "{html}");
}

#[test]
fn hostile_strings_never_panic() {
    let hostile = [
        "\u{0}",
        "\u{202e}",
        "é\u{301}",
        "🇰🇿",
        "a@",
        "@b",
        "http://",
        "https://[",
        "http://:0",
        "x".repeat(100_000).as_str(),
    ]
    .map(str::to_owned);
    for key in [
        "name",
        "tagline.en",
        "about.en",
        "contact",
        "logo",
        "languages",
        "default_language",
        "onion_address",
        "mirrors",
    ] {
        for value in &hostile {
            let _ = check(key, value);
        }
    }
}
