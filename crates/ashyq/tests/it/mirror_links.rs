//! Issue 12: every link a reader can follow in a static copy reaches the copy — in its pages
//! (head links included) and in its Atom feeds — while the feeds' ids stay the live site's
//! permanent addresses; the copy carries the live site's `robots.txt`.

use std::path::{Component, Path, PathBuf};

use crate::mirror::{LIVE, ashyq, demo_site, export, files_under, succeed};
use crate::support::{TestApp, links};

/// `link`, found in the copy's file `from`, resolved to a file of the copy, or `None` when it
/// leaves the copy. Links are percent-encoded; files are named by the decoded text.
fn resolve(copy: &Path, from: &str, link: &str) -> Option<PathBuf> {
    let path = link.split(['#', '?']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let mut resolved = PathBuf::new();
    let folder = Path::new(from).parent().unwrap_or(Path::new(""));
    for component in folder.join(decoded.as_ref()).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::ParentDir => {
                if !resolved.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(copy.join(resolved))
}

/// Addresses on the live site a page of the copy may send readers to: what a copy cannot do
/// (search, the comment form) and, on `/mirrors`, the site's own address.
fn allowed_on_the_live_site(file: &str, link: &str) -> bool {
    let Some(path) = link.strip_prefix(LIVE) else { return false };
    path == "/search"
        || (file.starts_with("articles/") && path.ends_with("#comment-form"))
        || (file.starts_with("mirrors/") && (path.is_empty() || path == "/"))
}

/// Every link a feed reader follows in an Atom document: `link/@href`, `author/uri` and the
/// addresses inside each entry's HTML content.
fn feed_links(xml: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|error| panic!("{error}\n{xml}"));
    let mut found = Vec::new();
    for node in document.descendants().filter(roxmltree::Node::is_element) {
        match node.tag_name().name() {
            "link" => found.push(node.attribute("href").unwrap().to_owned()),
            "uri" => found.push(node.text().unwrap_or_default().to_owned()),
            "content" => found.extend(links(node.text().unwrap_or_default())),
            _ => {}
        }
    }
    found
}

/// The ids of a feed, in order.
fn feed_ids(xml: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(xml).unwrap();
    document
        .descendants()
        .filter(|node| node.has_tag_name("id"))
        .map(|node| node.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn every_link_in_the_copy_its_head_and_its_feeds_reaches_the_copy_issue_12() {
    let data = demo_site();
    // A language the site offers before its first story: its front page links its feed.
    succeed(ashyq(data.path(), &["site", "set", "languages", "en,ru,kk,ar,de"]), "site set");
    let out = tempfile::tempdir().unwrap();
    let copy = out.path().join("under").join("a sub-path");
    export(data.path(), &copy);
    let files = files_under(&copy);

    let (mut followed, mut head_links, mut feeds) = (0, 0, 0);
    for file in &files {
        let text = std::fs::read_to_string(copy.join(file)).unwrap_or_default();
        let found = if file.ends_with(".html") {
            head_links += text.matches("<link ").count();
            links(&text)
        } else if file.ends_with(".atom") {
            feeds += 1;
            // No `xml:base`: relative links resolve against the feed's own address.
            assert!(!text.contains("xml:base"), "{file} sets a base");
            feed_links(&text)
        } else {
            continue;
        };
        // A `srcset` is several addresses, each with its width.
        let candidates = found
            .iter()
            .flat_map(|link| link.split(", "))
            .map(|candidate| (candidate, candidate.split(' ').next().unwrap_or_default()));
        for (link, target) in candidates {
            if target.starts_with('#') {
                continue;
            }
            if target.contains("://") || target.starts_with("mailto:") {
                assert!(
                    allowed_on_the_live_site(file, target)
                        || (file.starts_with("mirrors/") && !target.starts_with(LIVE)),
                    "{file} sends readers away from the copy: `{link}`"
                );
                continue;
            }
            let resolved = resolve(&copy, file, target)
                .unwrap_or_else(|| panic!("{file}: `{link}` leaves the copy"));
            assert!(resolved.is_file(), "{file}: `{link}` leads to no file of the copy");
            followed += 1;
        }
    }
    assert!(followed > 500 && head_links > 100 && feeds > 10, "{followed} {head_links} {feeds}");

    // The empty language has a feed, as its front page says, and the live site serves it too.
    let german = std::fs::read_to_string(copy.join("de/index.html")).unwrap();
    assert!(german.contains("type=\"application/atom+xml\" href=\"../de/feed.atom\""), "{german}");
    let german_feed = std::fs::read_to_string(copy.join("de/feed.atom")).unwrap();
    assert!(feed_ids(&german_feed) == [format!("{LIVE}/de/feed.atom")], "{german_feed}");

    // An author's feed, two folders down, links its stories' pages and pictures in the copy.
    let feed = std::fs::read_to_string(copy.join("authors/yerlan-zhaksybekov/feed.atom")).unwrap();
    assert!(feed.contains("href=\"../../articles/reading-us-when-blocked/index.html\""), "{feed}");
    let followed_there = feed_links(&feed);
    assert!(followed_there.iter().any(|link| link.starts_with("../../media/")), "{feed}");

    // The live site: the same ids (permanent and canonical, whichever copy a feed came from), the
    // same robots.txt, and a feed for the language with no story yet.
    let app = TestApp::start_with_env(data.path(), &[], &[("ASHYQ_PUBLIC_URL", LIVE)]);
    for (path, file) in [
        ("/feed.atom", "feed.atom"),
        ("/ru/feed.atom", "ru/feed.atom"),
        ("/authors/yerlan-zhaksybekov/feed.atom", "authors/yerlan-zhaksybekov/feed.atom"),
        ("/de/feed.atom", "de/feed.atom"),
    ] {
        let live = app.page(path);
        let copied = std::fs::read_to_string(copy.join(file)).unwrap();
        assert_eq!(feed_ids(&live), feed_ids(&copied), "{path}");
        assert!(feed_ids(&live).iter().all(|id| id.starts_with(LIVE)), "{live}");
        // The live feed's links are absolute, as a feed read away from the site needs.
        assert!(feed_links(&live).iter().all(|link| link.starts_with(LIVE)), "{live}");
    }
    let robots = std::fs::read_to_string(copy.join("robots.txt")).unwrap();
    assert_eq!(robots, app.page("/robots.txt"));
    assert!(robots.contains("Disallow: /admin\n"), "{robots}");
    let manifest = std::fs::read_to_string(copy.join("manifest.txt")).unwrap();
    assert!(manifest.lines().any(|line| line.ends_with("  robots.txt")), "{manifest}");
    assert!(manifest.lines().any(|line| line.ends_with("  de/feed.atom")), "{manifest}");
}
