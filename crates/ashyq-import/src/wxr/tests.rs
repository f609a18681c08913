//! Tests for reading WordPress exports.

use super::*;

const SITE: &str = include_str!("../../fixtures/site.xml");

fn read(text: &str) -> Result<Wxr, ReadError> {
    read_wxr(text, Limits::default())
}

#[test]
fn the_fixture_reads_with_every_field_wordpress_writes() {
    let wxr = read(SITE).unwrap();
    assert_eq!(wxr.version, "1.2");
    assert_eq!(wxr.language, "en-US");
    assert_eq!(wxr.authors.len(), 2);
    assert_eq!(wxr.authors[1].display_name, "Тимур Ахметов");
    let bridge = &wxr.items[0];
    assert_eq!(bridge.id, 10);
    assert_eq!(bridge.creator, "dana");
    assert!(bridge.content.contains("[caption id=\"attachment_30\""));
    assert_eq!(bridge.excerpt, "A village waited eleven years for a bridge.");
    assert_eq!(bridge.date, Some(time::macros::datetime!(2024-03-02 06:15:00 UTC)));
    assert_eq!(bridge.meta("_thumbnail_id"), Some("20"));
    assert_eq!(bridge.comments.len(), 6);
    assert_eq!(bridge.comments[2].parent, 102);
    assert_eq!(bridge.comments[5].kind, "pingback");
    assert_eq!(bridge.term("language").map(|t| t.nicename.as_str()), Some("en"));
    let draft = &wxr.items[2];
    assert_eq!(draft.date, Some(time::macros::datetime!(2024-04-01 09:00:00 UTC)), "zero GMT date");
    assert_eq!(wxr.items.last().map(|item| item.post_type.as_str()), Some("nav_menu_item"));
}

#[test]
fn every_version_and_http_or_https_namespaces_read() {
    for version in ["1.0", "1.1", "1.2"] {
        for scheme in ["http", "https"] {
            let text = SITE.replace(
                "http://wordpress.org/export/1.2/",
                &format!("{scheme}://wordpress.org/export/{version}/"),
            );
            let wxr = read(&text).unwrap();
            assert_eq!(wxr.version, version);
            assert_eq!(wxr.items[0].excerpt, "A village waited eleven years for a bridge.");
        }
    }
}

#[test]
fn wrong_or_missing_namespaces_and_elements_are_refused_with_a_place() {
    let error = read(
        &SITE.replace("http://wordpress.org/export/1.2/\"", "http://wordpress.org/export/9.9/\""),
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("exports use http(s)://wordpress.org/export/1.0/"),
        "{error}"
    );
    assert_eq!(error.line, 18);

    let error =
        read(&SITE.replace("\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n", "")).unwrap_err();
    assert!(error.to_string().contains("`wp:` is used but never declared"), "{error}");

    let error = read("<feed><entry/></feed>").unwrap_err();
    assert!(error.to_string().contains("not `<rss>`"), "{error}");

    let error = read(&SITE.replacen("<wp:post_id>11</wp:post_id>", "", 1)).unwrap_err();
    assert!(error.to_string().contains("`<wp:post_id>` is missing inside `<item>`"), "{error}");
    assert_eq!(error.line, 167, "the item's line");

    let error =
        read(&SITE.replacen("<wp:post_id>12</wp:post_id>", "<wp:post_id>twelve</wp:post_id>", 1))
            .unwrap_err();
    assert!(error.to_string().contains("not a whole number"), "{error}");
}

#[test]
fn hostile_files_are_refused() {
    let laughs = SITE.replacen(
        "<rss",
        "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<rss",
        1,
    );
    assert_eq!(read(&laughs).unwrap_err().kind, ReadErrorKind::Doctype);
    let xxe = SITE.replacen(
        "<rss",
        "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss",
        1,
    );
    assert_eq!(read(&xxe).unwrap_err().kind, ReadErrorKind::Doctype);
    let huge = SITE.replacen("Notes for later.", &"x".repeat(200), 1);
    let limits = Limits { max_text_bytes: 100, ..Limits::default() };
    let error = read_wxr(&huge, limits).unwrap_err();
    assert!(matches!(error.kind, ReadErrorKind::TooLarge { .. }), "{error}");
    let truncated = &SITE[..SITE.len() / 2];
    assert!(matches!(read(truncated).unwrap_err().kind, ReadErrorKind::Malformed(_)));
}

#[test]
fn every_hostile_string_either_reads_or_is_refused_without_panicking() {
    let Ok(text) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bad-input/blns.txt"
    )) else {
        eprintln!("../shared/bad-input not present; skipping");
        return;
    };
    for line in text.lines() {
        let _ = read(&SITE.replace("Notes for later.", line));
        let _ = read(line);
    }
}
