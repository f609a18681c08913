//! Issue 10 item 11: front pages, language pages, tag and author pages that read like news — a lead
//! story with its photo, thumbnails that are real smaller copies served by the site, sections per
//! language and per tag with "more" links, pages of older stories — and the size budget.

use std::path::Path;

use crate::support::{TestApp, attribute_values, run_ashyq};

/// Every `<img …>` tag of a page.
fn images(html: &str) -> Vec<&str> {
    html.match_indices("<img ")
        .map(|(start, _)| &html[start..start + html[start..].find('>').unwrap() + 1])
        .collect()
}

/// The value of `name` in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The size a JPEG says it has (its start-of-frame marker).
fn jpeg_size(bytes: &[u8]) -> (u32, u32) {
    let mut i = 2;
    while i + 9 < bytes.len() {
        assert_eq!(bytes[i], 0xFF, "a JPEG marker at {i}");
        let marker = bytes[i + 1];
        let length = (usize::from(bytes[i + 2]) << 8) | usize::from(bytes[i + 3]);
        if (0xC0..=0xC3).contains(&marker) {
            let height = (u32::from(bytes[i + 5]) << 8) | u32::from(bytes[i + 6]);
            let width = (u32::from(bytes[i + 7]) << 8) | u32::from(bytes[i + 8]);
            return (width, height);
        }
        i += 2 + length;
    }
    panic!("no JPEG frame header");
}

/// An article file with a photo as its lead figure (or none).
fn story(slug: &str, day: u32, photo: Option<&str>, tags: &str) -> String {
    let lead = photo.map_or_else(String::new, |photo| {
        format!(
            "\n[lead_figure]\nsrc = \"{photo}\"\nalt = \"A ferry crossing for {slug}\"\n\
             credit = \"A reader\"\nlicence = \"used-with-permission\"\n"
        )
    });
    format!(
        "+++\ntitle = \"Story {slug}\"\nslug = \"{slug}\"\nlang = \"en\"\n\
         published = 2026-03-{day:02}T09:00:00+05:00\ntags = [{tags}]\n\
         authors = [{{ name = \"Dana Writer\", slug = \"dana-writer\" }}]\n{lead}+++\n\
         The opening words of {slug} say what happened at the river crossing.\n"
    )
}

/// A site of `count` English stories, story `photo_day` with a large photo as its lead figure,
/// imported by the command line.
fn site_with_stories(count: u32, photo_day: u32) -> (tempfile::TempDir, TestApp) {
    let files = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let photo = ashyq_images::test_support::revealing_jpeg(1800, 1200);
    std::fs::write(files.path().join("ferry.jpg"), photo).unwrap();
    let mut names = Vec::new();
    for day in 1..=count {
        let photo = (day == photo_day).then_some("ferry.jpg");
        let name = format!("story-{day:02}.md");
        let tags = if day % 2 == 0 { "\"Rivers\"" } else { "\"Rivers\", \"Ferries\"" };
        std::fs::write(
            files.path().join(&name),
            story(&format!("story-{day:02}"), day, photo, tags),
        )
        .unwrap();
        names.push(name);
    }
    import_files(files.path(), data.path(), &names);
    let app = TestApp::start_in(data.path(), &[]);
    (data, app)
}

fn import_files(dir: &Path, data: &Path, names: &[String]) {
    let mut args = vec!["import", "md", "--data", data.to_str().unwrap()];
    args.extend(names.iter().map(String::as_str));
    let output = run_ashyq(dir, &args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_front_page_leads_with_a_story_and_its_photo_then_sections_per_language_and_tag() {
    let app = TestApp::with_demo();
    let front = app.page("/");
    let lead_start = front.find("<article class=\"lead-story\"").expect("a lead story");
    let lead = &front[lead_start..lead_start + front[lead_start..].find("</article>").unwrap()];
    let picture = images(lead).into_iter().next().expect("the lead story shows its photo");
    assert!(picture.contains("class=\"lead-picture\""), "{picture}");
    for name in ["width", "height", "alt", "src"] {
        assert!(
            attribute(picture, name).is_some_and(|value| !value.is_empty()),
            "{name}: {picture}"
        );
    }
    assert!(lead.contains("<h2 class=\"story-title\"><a href=\"/articles/"), "{lead}");
    assert!(lead.contains("class=\"story-summary\""), "the lead has its summary");

    // A site in several languages continues with a section per language, then per tag, each
    // with a "more" link to the full list.
    // (The demo's only Kazakh story is the lead, so Kazakh has no section of its own.)
    assert!(lead.contains("lang=\"kk\""), "the newest story with a photo leads: {lead}");
    for (lang, name) in [("en", "English"), ("ru", "Русский")] {
        let heading = format!(
            "href=\"/{lang}/\" lang=\"{lang}\" dir=\"auto\" hreflang=\"{lang}\">{name}</a></h2>"
        );
        assert!(front.contains(&heading), "{heading}: {front}");
        let more = format!(
            "<p class=\"more\"><a href=\"/{lang}/\">All stories in <span lang=\"{lang}\" dir=\"auto\">{name}</span></a></p>"
        );
        assert!(front.contains(&more), "{more}");
    }
    assert!(front.contains("<p class=\"more\"><a href=\"/tags/"), "a section per tag: {front}");
    // Every story of the demo is on the front page, and the lead is not repeated under it; no
    // section lists a story twice.
    let lead_link = &lead[lead.find("<a href=\"/articles/").unwrap()..];
    let lead_link = &lead_link[..lead_link.find('>').unwrap() + 1];
    assert_eq!(front.matches(lead_link).count(), 1, "{lead_link} only as the lead");
    for slug in [
        "printers-who-said-no",
        "tipografii-kotorye-otkazali",
        "auyl-radiosy",
        "kto-perevodit-nas",
        "reading-us-when-blocked",
    ] {
        assert!(
            front.contains(&format!("<a href=\"/articles/{slug}\">")),
            "{slug} on the front page"
        );
    }
    for section in front.split("<section class=\"front-section\"").skip(1) {
        let links: Vec<&str> = section
            .match_indices("<a href=\"/articles/")
            .map(|(at, _)| &section[at..at + section[at..].find('>').unwrap()])
            .collect();
        let unique: std::collections::BTreeSet<&&str> = links.iter().collect();
        assert_eq!(unique.len(), links.len(), "a section lists a story once: {links:?}");
    }
    // Every picture is one of the site's own files, with a reserved shape and a description, and
    // every thumbnail is loaded lazily by the browser itself.
    let pictures = images(&front);
    assert!(pictures.len() >= 3, "the demo's three photos appear: {pictures:?}");
    for picture in &pictures {
        let src = attribute(picture, "src").unwrap();
        assert!(src.starts_with("/media/"), "{picture}");
        assert_eq!(app.get(src).status, 200, "{src}");
        assert!(attribute(picture, "width").is_some() && attribute(picture, "height").is_some());
        assert!(attribute(picture, "alt").is_some_and(|alt| !alt.is_empty()), "{picture}");
        if picture.contains("story-thumb") {
            assert!(picture.contains("loading=\"lazy\""), "{picture}");
        }
    }
}

#[test]
fn thumbnails_are_the_smallest_stored_copy_and_lists_page_through_older_stories() {
    let (_data, app) = site_with_stories(25, 25);
    // The newest story (with the photo) leads the language's page.
    let page = app.page("/en/");
    let lead = page.find("class=\"lead-story\"").unwrap();
    assert!(page[lead..].contains("Story story-25"), "the newest story leads");
    let picture = images(&page[lead..])[0];
    let src = attribute(picture, "src").unwrap();
    let srcset = attribute(picture, "srcset").expect("a photo stored in several widths");
    assert!(srcset.contains(" 480w") && srcset.contains(" 960w"), "{srcset}");
    // The lead names the 960 px copy, with the proportions kept.
    assert_eq!(
        (attribute(picture, "width"), attribute(picture, "height")),
        (Some("960"), Some("640"))
    );
    let reply = app.get_bytes(src);
    assert_eq!(reply.0, 200);
    assert_eq!(jpeg_size(&reply.1), (960, 640), "{src} is the resized copy it claims to be");

    let tag = app.page("/tags/rivers");
    let second = app.page("/tags/rivers?page=2");
    assert!(second.contains("Page 2"), "{second}");
    assert!(!page.contains("story-thumb"), "only the lead has a photo here");

    // 25 stories: 20 on the first page (the lead and 19 more), 5 on the second; tag sections
    // below the list are not counted.
    let listed = |html: &str| {
        let list = html.split("aria-labelledby=\"section-1\"").next().unwrap();
        list.matches("<a href=\"/articles/story-").count()
    };
    assert_eq!(listed(&page), 20);
    assert!(page.contains("href=\"/en/?page=2\" rel=\"next\">Older stories →</a>"), "{page}");
    let older = app.page("/en/?page=2");
    assert_eq!(listed(&older), 5);
    assert!(older.contains("href=\"/en/\" rel=\"prev\">← Newer stories</a>"));
    assert!(!older.contains("rel=\"next\""), "the last page links no further");
    assert!(older.contains("<title>English · Page 2 · "), "{older}");
    for bad in ["/en/?page=3", "/en/?page=0", "/en/?page=x", "/en/?page=99999999999"] {
        assert_eq!(app.get(bad).status, 404, "{bad}");
    }
    // Tag and author pages page the same way, and count every story.
    let author = app.page("/authors/dana-writer");
    assert!(author.contains("25 stories"), "{author}");
    assert_eq!(listed(&author), 20);
    assert!(author.contains("href=\"/authors/dana-writer?page=2\" rel=\"next\""));
    assert_eq!(listed(&app.page("/authors/dana-writer?page=2")), 5);
    assert_eq!(app.get("/authors/dana-writer?page=3").status, 404);
    assert_eq!(listed(&tag), 20);
    assert_eq!(listed(&second), 5);
    let ferries = app.page("/tags/ferries");
    assert!(ferries.contains("13 stories"), "odd days carry the second tag: {ferries}");
    assert!(!ferries.contains("rel=\"next\""));
}

#[test]
fn a_thumbnail_names_the_narrowest_copy_with_its_own_size() {
    // The photo story is the oldest of six, outside the newest four the lead is picked from: the
    // newest story leads without a picture, and the photo story is listed with a thumbnail.
    let (_data, app) = site_with_stories(6, 1);
    let page = app.page("/en/");
    let lead = page.find("class=\"lead-story\"").unwrap();
    let lead = &page[lead..lead + page[lead..].find("</article>").unwrap()];
    assert!(lead.contains("Story story-06"), "the newest story leads");
    assert!(!lead.contains("<img"), "a story without a photo leads without one");
    let thumb = images(&page)
        .into_iter()
        .find(|tag| tag.contains("class=\"story-thumb\""))
        .expect("the photo story as a thumbnail");
    assert!(thumb.contains("loading=\"lazy\""), "{thumb}");
    assert!(thumb.contains("alt=\"A ferry crossing for story-01\""), "{thumb}");
    let src = attribute(thumb, "src").unwrap();
    assert!(src.contains("-480."), "the narrowest stored copy: {thumb}");
    assert_eq!((attribute(thumb, "width"), attribute(thumb, "height")), (Some("480"), Some("320")));
    let (status, bytes) = app.get_bytes(src);
    assert_eq!(status, 200);
    assert_eq!(jpeg_size(&bytes), (480, 320), "a real smaller copy, not the full photo scaled");
    let srcset = attribute(thumb, "srcset").unwrap();
    let full = srcset.rsplit(", ").next().unwrap().split(' ').next().unwrap();
    let (_, full_bytes) = app.get_bytes(full);
    assert_eq!(jpeg_size(&full_bytes), (1800, 1200));
    assert!(bytes.len() < full_bytes.len() / 2, "{} vs {} bytes", bytes.len(), full_bytes.len());
}

/// The heading levels of a page in order (`<h1` → 1 …).
pub(crate) fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(start, _)| {
            let level = *html.as_bytes().get(start + 2)?;
            let after = *html.as_bytes().get(start + 3)?;
            ((b'1'..=b'6').contains(&level) && (after == b' ' || after == b'>'))
                .then_some(level - b'0')
        })
        .collect()
}

/// Issue 10 item 17: no page skips a heading level on the way down.
#[test]
fn headings_never_skip_a_level_on_lists_and_articles() {
    let app = TestApp::with_demo();
    for path in [
        "/",
        "/ru/",
        "/kk/",
        "/tags/kazakhstan",
        "/authors/yerlan-zhaksybekov",
        "/articles/printers-who-said-no",
        "/articles/tipografii-kotorye-otkazali",
    ] {
        let html = app.page(path);
        let levels = heading_levels(&html);
        assert_eq!(levels.first(), Some(&1), "{path} starts with its h1: {levels:?}");
        assert_eq!(levels.iter().filter(|level| **level == 1).count(), 1, "{path}: one h1");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path} skips from h{} to h{}: {levels:?}",
                pair[0],
                pair[1]
            );
        }
    }
    let interview = app.page("/articles/printers-who-said-no");
    let section = interview.find("<section class=\"interview\"").unwrap();
    assert!(
        interview[section..].starts_with(
            "<section class=\"interview\" aria-label=\"Interview\">\n<h2 class=\"interview-heading\">Interview</h2>"
        ),
        "the interview has a heading of its own"
    );
}

/// Issue 10 item 19: UI text inside a story in another language says which language it is in.
#[test]
fn dates_in_the_ui_language_inside_a_story_in_another_language_carry_lang() {
    let app = TestApp::with_demo();
    let front = app.page("/");
    let russian = front.find("<li class=\"story\" lang=\"ru\"").expect("a Russian story on /");
    let item = &front[russian..russian + front[russian..].find("</li>").unwrap()];
    assert!(
        item.contains("<time datetime=\"") && item.contains("\" lang=\"en\" dir=\"auto\">"),
        "{item}"
    );
    let english = front.find("<li class=\"story\" lang=\"en\"");
    if let Some(english) = english {
        let item = &front[english..english + front[english..].find("</li>").unwrap()];
        assert!(!item.contains("lang=\"en\">"), "no lang where the languages agree: {item}");
    }
    let russian_page = app.page("/ru/");
    let times: Vec<&str> = russian_page
        .match_indices("<time ")
        .map(|(at, _)| &russian_page[at..at + russian_page[at..].find('>').unwrap()])
        .collect();
    assert!(!times.is_empty());
    assert!(times.iter().all(|time| !time.contains(" lang=")), "Russian dates on /ru/: {times:?}");
}

/// Issue 10 item 11: the front pages stay under 60 KB of HTML and CSS, like articles.
#[test]
fn front_language_tag_and_author_pages_stay_under_60_kb_with_the_stylesheet() {
    let app = TestApp::with_demo();
    let front = app.page("/");
    let stylesheet = attribute_values(&front, "href")
        .into_iter()
        .find(|href| href.ends_with(".css"))
        .expect("a stylesheet link");
    let css = app.get(&stylesheet).body.len();
    let mut measured = Vec::new();
    for path in ["/", "/ru/", "/en/", "/kk/", "/tags/kazakhstan", "/authors/yerlan-zhaksybekov"] {
        let html = app.page(path).len();
        measured.push(format!("{path}: {html} B"));
        assert!(html + css < 60 * 1024, "{path}: {html} B of HTML + {css} B of CSS");
    }
    eprintln!("page sizes with {css} B of CSS: {}", measured.join(", "));
}
