//! Photo uploads in the newsroom: malformed, oversized and hostile files are refused and nothing is
//! stored, and an upload is named by its content when the writer typed no words for it.

use std::path::Path;

use ashyq_images::test_support::plain_jpeg;

use crate::editorial::{login, newsroom};
use crate::support::{Browser, Reply};

fn upload_path(browser: &mut Browser<'_>) -> String {
    format!("/admin/media?csrf_token={}", browser.csrf())
}

pub(crate) fn upload(
    browser: &mut Browser<'_>,
    fields: &[(&str, &str)],
    file: (&str, &[u8]),
) -> Reply {
    let path = upload_path(browser);
    browser.post_multipart(&path, fields, Some((file.0, "image/jpeg", file.1)))
}

pub(crate) const PHOTO_FIELDS: &[(&str, &str)] = &[
    ("alt", "A queue of people outside a printing house"),
    ("caption", "The queue at dawn"),
    ("credit", "Aigerim Author"),
    ("licence", "cc-by"),
];

/// The `src` the upload page tells the writer to paste.
pub(crate) fn uploaded_src(body: &str) -> String {
    let start = body
        .find("src = &#34;/media/")
        .or_else(|| body.find("src = &quot;/media/"))
        .expect("the page shows a [[figures]] snippet");
    let rest = &body[start..];
    let value_start = rest.find("/media/").unwrap();
    let value = &rest[value_start..];
    value[..value.find('&').unwrap()].to_owned()
}

pub(crate) fn media_files(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join("media"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub(crate) fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

pub(crate) const HOSTILE_SVG: &str = "<?xml version=\"1.0\"?><!DOCTYPE svg><!-- drawn by Aigerim -->\
    <svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
    width=\"300\" height=\"200\" onload=\"alert(1)\"><metadata>Aigerim, Almaty</metadata>\
    <script>alert(2)</script><image xlink:href=\"https://tracker.example/p.png\"/>\
    <rect width=\"300\" height=\"200\" fill=\"#eee\"/></svg>";

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
