//! The newsroom's files in and out: import, export and import again gives the same site; an article
//! written in the browser exports with its photo; `import md` uses photos put in the data folder; and
//! images imported with articles are cleaned, sized and named by their content.

use ashyq_images::test_support::{PLANTED_SERIAL, plain_jpeg, revealing_jpeg};

use crate::editorial::{
    PAST, assert_redirected_to_editor, interview_article, login, new_article, newsroom, simple,
};
use crate::editorial_uploads::{HOSTILE_SVG, PHOTO_FIELDS, contains_bytes, upload, uploaded_src};
use crate::support::{TestApp, demo_dir, run_ashyq};

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
