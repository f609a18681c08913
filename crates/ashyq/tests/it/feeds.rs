//! Issue 12 over HTTP: Atom feeds checked with a real XML parser, the sitemap's alternates and its
//! split into an index, robots.txt, JSON-LD and Open Graph on the demo's articles, and the onion
//! header.

use crate::support::{TestApp, attribute_values};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    node.children()
        .find(|child| child.has_tag_name((ATOM, name)))
        .and_then(|found| found.text())
        .unwrap_or_default()
        .to_owned()
}

/// Checks what RFC 4287 requires of a feed and each entry; returns the entries' ids.
fn check_feed(xml: &str, lang: Option<&str>) -> Vec<String> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|error| panic!("{error}\n{xml}"));
    let feed = document.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let feed_lang = feed.attribute((XML_NS, "lang")).expect("the feed has xml:lang");
    if let Some(lang) = lang {
        assert_eq!(feed_lang, lang);
    }
    for required in ["id", "title", "updated"] {
        assert!(!text_of(feed, required).is_empty(), "the feed has no {required}");
    }
    let entries: Vec<_> =
        feed.children().filter(|node| node.has_tag_name((ATOM, "entry"))).collect();
    assert!(!entries.is_empty());
    let mut ids = Vec::new();
    for entry in entries {
        for required in ["id", "title", "updated", "content"] {
            assert!(!text_of(entry, required).is_empty(), "an entry has no {required}");
        }
        let author = entry.children().find(|node| node.has_tag_name((ATOM, "author"))).unwrap();
        assert!(!text_of(author, "name").is_empty());
        assert!(entry.attribute((XML_NS, "lang")).is_some());
        time::OffsetDateTime::parse(
            &text_of(entry, "updated"),
            &time::format_description::well_known::Rfc3339,
        )
        .expect("updated is an RFC 3339 date");
        ids.push(text_of(entry, "id"));
    }
    ids
}

/// Issue 12: every feed parses; the site feed has every story, the language, tag and author feeds
/// theirs; `/feed` leads to the site feed; unknown tags have no feed.
#[test]
fn feeds_parse_and_hold_their_stories_issue_12() {
    let app = TestApp::with_demo();
    let redirect = app.get("/feed");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/feed.atom"));

    let site = app.get("/feed.atom");
    assert_eq!(site.status, 200);
    assert_eq!(site.header("content-type"), Some("application/atom+xml; charset=utf-8"));
    let ids = check_feed(&site.body, None);
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with(&app.base) && id.contains("/articles/")));

    let ru = check_feed(&app.page("/ru/feed.atom"), Some("ru"));
    assert_eq!(ru.len(), 2);
    assert!(ru.iter().any(|id| id.ends_with("/articles/tipografii-kotorye-otkazali")));
    let tag = check_feed(&app.page("/tags/censorship/feed.atom"), Some("en"));
    assert_eq!(tag.len(), 2);
    let author = check_feed(&app.page("/authors/yerlan-zhaksybekov/feed.atom"), Some("en"));
    assert_eq!(author.len(), 4);
    assert_eq!(app.get("/tags/no-such-tag/feed.atom").status, 404);
    assert_eq!(app.get("/xx/feed.atom").status, 404);

    // Figures with their credit and licence, and the interview with its languages, are in full.
    let printers = app.page("/en/feed.atom");
    let document = roxmltree::Document::parse(&printers).unwrap();
    let entry = document
        .descendants()
        .find(|node| {
            node.has_tag_name((ATOM, "entry"))
                && text_of(*node, "id").ends_with("/articles/printers-who-said-no")
        })
        .unwrap();
    let content = text_of(entry, "content");
    assert!(content.contains(&format!("src=\"{}/media/", app.base)), "images are absolute");
    assert!(content.contains("data-licence=\"cc-by\"") && content.contains("class=\"credit\""));
    assert!(content.contains("lang=\"ru\" dir=\"ltr\""), "the interview keeps its lang and dir");
}

/// Issue 12: a feed reader that already has the feed gets `304`.
#[test]
fn feeds_answer_conditional_requests_issue_12() {
    let app = TestApp::with_demo();
    let first = app.get("/feed.atom");
    let tag = first.header("etag").expect("the feed has an ETag").to_owned();
    let again = app.get_with("/feed.atom", &[("if-none-match", &tag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(app.get_with("/feed.atom", &[("if-none-match", "W/\"other\"")]).status, 200);
    let sitemap = app.get("/sitemap.xml");
    let tag = sitemap.header("etag").unwrap().to_owned();
    assert_eq!(app.get_with("/sitemap.xml", &[("if-none-match", &tag)]).status, 304);
}

/// Issue 12: every page links the site's feed and its own language's, tag's or author's feed.
#[test]
fn pages_link_their_feeds_issue_12() {
    let app = TestApp::with_demo();
    let feed_links = |path: &str| -> Vec<String> {
        let html = app.page(path);
        html.split("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
            .collect()
    };
    assert_eq!(feed_links("/"), ["/feed.atom"]);
    assert_eq!(feed_links("/ru/"), ["/feed.atom", "/ru/feed.atom"]);
    assert_eq!(feed_links("/articles/auyl-radiosy"), ["/feed.atom", "/kk/feed.atom"]);
    assert_eq!(feed_links("/tags/censorship"), ["/feed.atom", "/tags/censorship/feed.atom"]);
    assert_eq!(feed_links("/authors/olga-ten"), ["/feed.atom", "/authors/olga-ten/feed.atom"]);
    for path in ["/", "/ru/", "/tags/censorship", "/authors/olga-ten"] {
        for link in feed_links(path) {
            assert_eq!(app.get(&link).status, 200, "{path} links {link}");
        }
    }
}

/// The `<url>` entries of a sitemap: address → its `hreflang` alternates.
fn sitemap_urls(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|error| panic!("{error}\n{xml}"));
    assert!(document.root_element().has_tag_name((SITEMAP, "urlset")));
    document
        .root_element()
        .children()
        .filter(|node| node.has_tag_name((SITEMAP, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|node| node.has_tag_name((SITEMAP, "loc")))
                .and_then(|node| node.text())
                .unwrap()
                .to_owned();
            let alternates = url
                .children()
                .filter(|node| node.has_tag_name((XHTML, "link")))
                .map(|node| {
                    assert_eq!(node.attribute("rel"), Some("alternate"));
                    (
                        node.attribute("hreflang").unwrap().to_owned(),
                        node.attribute("href").unwrap().to_owned(),
                    )
                })
                .collect();
            (loc, alternates)
        })
        .collect()
}

/// Issue 12: the sitemap lists every public page, with each story's translations as `hreflang`
/// alternates; robots.txt names it and keeps private paths out.
#[test]
fn the_sitemap_lists_translations_as_alternates_issue_12() {
    let app = TestApp::with_demo();
    let reply = app.get("/sitemap.xml");
    assert_eq!(reply.status, 200);
    let urls = sitemap_urls(&reply.body);
    let base = &app.base;
    let find = |path: &str| {
        urls.iter()
            .find(|(loc, _)| *loc == format!("{base}{path}"))
            .unwrap_or_else(|| panic!("{path} is not in the sitemap"))
            .1
            .clone()
    };
    let english = find("/articles/printers-who-said-no");
    assert_eq!(
        english,
        [
            ("ar".to_owned(), format!("{base}/articles/matabi-rafadat")),
            ("en".to_owned(), format!("{base}/articles/printers-who-said-no")),
            ("ru".to_owned(), format!("{base}/articles/tipografii-kotorye-otkazali")),
        ]
    );
    assert_eq!(find("/articles/tipografii-kotorye-otkazali"), english, "both name each other");
    assert!(find("/articles/auyl-radiosy").is_empty(), "a story in one language has none");
    assert!(find("/ru/").iter().any(|(lang, _)| lang == "x-default"));
    find("/tags/censorship");
    find("/authors/olga-ten");
    for (loc, _) in &urls {
        let path = loc.strip_prefix(base.as_str()).unwrap();
        assert_eq!(app.get(path).status, 200, "{path} is listed but does not open");
    }

    let robots = app.get("/robots.txt");
    assert_eq!(robots.status, 200);
    assert!(robots.body.contains(&format!("Sitemap: {base}/sitemap.xml")));
    for private in ["/admin", "/moderation", "/account"] {
        assert!(robots.body.contains(&format!("Disallow: {private}\n")), "{private}");
    }
}

/// Issue 12: past the limit of addresses per file, `/sitemap.xml` becomes an index of parts that
/// together list every address once.
#[test]
fn a_large_sitemap_becomes_an_index_of_parts_issue_12() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::start_with_env(data.path(), &["--demo"], &[("ASHYQ_SITEMAP_LIMIT", "4")]);
    let index = app.page("/sitemap.xml");
    let document = roxmltree::Document::parse(&index).unwrap();
    assert!(document.root_element().has_tag_name((SITEMAP, "sitemapindex")));
    let parts: Vec<String> = document
        .descendants()
        .filter(|node| node.has_tag_name((SITEMAP, "loc")))
        .map(|node| node.text().unwrap().to_owned())
        .collect();
    assert!(parts.len() >= 5, "{parts:?}");
    let mut all = Vec::new();
    for part in &parts {
        let path = part.strip_prefix(app.base.as_str()).unwrap();
        let urls = sitemap_urls(&app.page(path));
        assert!(urls.len() <= 4 && !urls.is_empty());
        all.extend(urls.into_iter().map(|(loc, _)| loc));
    }
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "no address is listed twice");
    assert!(all.contains(&format!("{}/articles/auyl-radiosy", app.base)));
    let next = parts.len() + 1;
    assert_eq!(app.get(&format!("/sitemaps/{next}.xml")).status, 404);
}

/// Issue 12: the article page carries JSON-LD (a data block: the CSP still allows no script) and
/// Open Graph tags with absolute addresses.
#[test]
fn articles_carry_json_ld_and_open_graph_issue_12() {
    let app = TestApp::with_demo();
    let reply = app.get("/articles/printers-who-said-no");
    let csp = reply.header("content-security-policy").unwrap();
    assert!(!csp.contains("script-src") && csp.contains("default-src 'none'"), "{csp}");
    let html = &reply.body;
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).unwrap() + open.len();
    let block = &html[start..start + html[start..].find("</script>").unwrap()];
    let value: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(value["@type"], "NewsArticle");
    assert_eq!(value["inLanguage"], "en");
    assert_eq!(value["author"].as_array().unwrap().len(), 2);
    let images = value["image"].as_array().unwrap();
    assert_eq!(images.len(), 3);
    assert!(
        images
            .iter()
            .any(|image| image["license"] == "https://creativecommons.org/licenses/by/4.0/")
    );
    assert!(
        images.iter().all(|image| image["contentUrl"].as_str().unwrap().starts_with(&app.base))
    );
    let properties = attribute_values(html, "property");
    for expected in
        ["og:title", "og:type", "og:url", "og:image", "og:locale", "article:published_time"]
    {
        assert!(properties.iter().any(|found| found == expected), "{expected}");
    }
    assert!(html.contains(&format!(
        "<meta property=\"og:url\" content=\"{}/articles/printers-who-said-no\">",
        app.base
    )));
}

/// Issue 12: with an onion address set, pages name it in `Onion-Location` (not feeds, not on the
/// onion address itself); without one, no page does.
#[test]
fn pages_send_onion_location_only_when_an_onion_address_is_set_issue_12() {
    let onion = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion";
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::start_with_env(data.path(), &["--demo"], &[("ASHYQ_ONION_ADDRESS", onion)]);
    let page = app.get("/tags/censorship?from=feed");
    assert_eq!(
        page.header("onion-location"),
        Some(format!("http://{onion}/tags/censorship?from=feed").as_str())
    );
    assert_eq!(
        app.get("/articles/auyl-radiosy").header("onion-location"),
        Some(format!("http://{onion}/articles/auyl-radiosy").as_str())
    );
    assert_eq!(app.get("/").header("onion-location"), Some(format!("http://{onion}/").as_str()));
    assert!(app.get("/feed.atom").header("onion-location").is_none());
    let on_onion = app.get_with("/", &[("host", onion)]);
    assert!(on_onion.header("onion-location").is_none());
    drop(app);

    let plain = TestApp::with_demo();
    assert!(plain.get("/").header("onion-location").is_none());
    assert!(plain.get("/articles/auyl-radiosy").header("onion-location").is_none());
}

/// Issue 12: feeds are kept like pages and dropped like them: a story an editor publishes is in
/// the feed at once (no stale copy, even right after the feed was cached), and gone when
/// unpublished.
#[test]
fn publishing_and_unpublishing_reach_the_feeds_at_once_issue_12() {
    use crate::support::Browser;
    let app = TestApp::with_demo();
    let password = "steppe wind over the river";
    app.add_user("editor@example.org", "Erlan Editor", "editor", password);
    let mut editor = Browser::new(&app);
    assert_eq!(editor.login("editor@example.org", password).status, 303);
    let before = app.page("/feed.atom");
    assert!(!before.contains("/articles/fresh-news"));
    assert!(app.get("/authors/erlan-editor/feed.atom").status == 404);

    let source = "+++\ntitle = \"Fresh news\"\nslug = \"fresh-news\"\nlang = \"en\"\n\
        published = 2024-05-01T10:00:00+05:00\nsummary = \"Something new.\"\ntags = [\"Newsroom test\"]\n\
        [[authors]]\nname = \"Erlan Editor\"\nslug = \"erlan-editor\"\n+++\nThe first paragraph.\n";
    let reply = editor.post("/admin/articles/new", &[("source", source), ("action", "publish")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    let after = app.page("/feed.atom");
    assert!(
        after.contains("/articles/fresh-news"),
        "the published story is in the cached feed at once"
    );
    assert_eq!(app.get("/tags/newsroom-test/feed.atom").status, 200);
    assert!(app.page("/sitemap.xml").contains("/articles/fresh-news"));

    let edit = "/admin/articles/fresh-news/edit";
    let reply = editor.post(edit, &[("source", source), ("action", "unpublish")]);
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(!app.page("/feed.atom").contains("/articles/fresh-news"));
    assert_eq!(app.get("/tags/newsroom-test/feed.atom").status, 404);
    assert!(!app.page("/sitemap.xml").contains("/articles/fresh-news"));
}

/// Issue 12 with the site settings (issue 10): the site's name, set from another process, titles
/// the feeds and names the publisher in the JSON-LD; the `onion_address` site setting, with no
/// server setting, makes pages send `Onion-Location`.
#[test]
fn the_site_settings_name_the_feeds_and_send_the_onion_header_issue_12() {
    let app = TestApp::with_demo();
    assert!(app.get("/").header("onion-location").is_none());
    let onion = "http://expyuzz4wqqyqhjn76ucemd3ghd5uncybgfazs6b6yvd3tpwehrtu3ad.onion";
    for (key, value) in [("name", "Dala Courier"), ("onion_address", onion)] {
        let output = crate::support::run_ashyq(
            app.data.parent().unwrap(),
            &["site", "set", key, value, "--data", app.data.to_str().unwrap()],
        );
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    // The server follows the store's site generation (every 500 ms).
    let started = std::time::Instant::now();
    while app.get("/").header("onion-location").is_none() {
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "no Onion-Location");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        app.get("/articles/auyl-radiosy").header("onion-location"),
        Some(format!("{onion}/articles/auyl-radiosy").as_str())
    );
    let feed = app.page("/feed.atom");
    let document = roxmltree::Document::parse(&feed).unwrap();
    let title = text_of(document.root_element(), "title");
    assert!(title.starts_with("Dala Courier"), "{title}");
    let page = app.page("/articles/printers-who-said-no");
    let start = page.find("<script type=\"application/ld+json\">").unwrap();
    let end = page[start..].find("</script>").unwrap() + start;
    let block = &page[start + "<script type=\"application/ld+json\">".len()..end];
    let data: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(data["publisher"]["name"], "Dala Courier", "{block}");
}
